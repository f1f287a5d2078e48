package dev.baas.stt.builtin;

import dev.baas.spi.AudioInput;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the Default provider's real-time factor and peak memory on 1, 10 and 60 minutes of near-continuous
 * espeak-ng speech (the configured threads, 2 by default), and its word error rate on the pocketsphinx-testdata clips.
 * Run after {@code mvn -pl stt-default -am verify} (from the stt-default folder):
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:<baas-spi classes>:<jna>:<whisper-jni>
 * dev.baas.stt.builtin.DefaultSttBenchmark [minutes...]}.
 */
public final class DefaultSttBenchmark {
    private DefaultSttBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> lengths = args.length == 0 ? List.of(1, 10, 60) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        var com = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (DefaultSpeechToText provider = new DefaultSpeechToText(DefaultSttConfig.fromEnvironment(), HttpClient.newHttpClient())) {
            // Loads the decoders, so their start-up is not billed to the first length.
            provider.transcribe(TranscriptionRequest.of(new AudioInput.File(GeneratedSpeech.script())));
            System.out.printf("threads=%d cores=%d load=%.1f%n", DefaultSttConfig.fromEnvironment().threads(),
                    Runtime.getRuntime().availableProcessors(), com.getSystemLoadAverage());
            for (int minutes : lengths) {
                Path wav = GeneratedSpeech.meeting(minutes, 20);
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long cpu0 = com.getProcessCpuTime(), t0 = System.nanoTime();
                Transcript t = provider.transcribe(TranscriptionRequest.of(new AudioInput.File(wav)));
                double wall = (System.nanoTime() - t0) / 1e9, cpu = (com.getProcessCpuTime() - cpu0) / 1e9, audio = minutes * 60.0;
                System.out.printf("%3d min: %6d words  wall %7.1f s  RTF %.3f  cpu-RTF %.3f  heap-peak %4d MB  rss-peak %4d MB  file %d MB  load %.1f%n",
                        minutes, t.words().size(), wall, wall / audio, cpu / audio, heapPeakMb(), rssPeakMb(),
                        Files.size(wav) >> 20, com.getSystemLoadAverage());
            }
            if (Files.isDirectory(LibrivoxClips.DIR)) {
                int errors = 0, words = 0;
                for (var clip : LibrivoxClips.references().entrySet()) {
                    Transcript t = provider.transcribe(TranscriptionRequest.of(new AudioInput.File(clip.getKey())));
                    errors += LibrivoxClips.wordErrors(clip.getValue(), t.words().stream().map(Word::text).toList());
                    words += clip.getValue().size();
                }
                System.out.printf("pocketsphinx-testdata LibriVox: WER %.1f %% (%d errors / %d words)%n", 100.0 * errors / words, errors, words);
            }
        }
    }

    private static long heapPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** The process's high-water resident set: heap plus the native decoders and models. */
    private static long rssPeakMb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) >> 10;
    }
}
