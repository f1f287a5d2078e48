package dev.baas.stt.builtin;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Speech made at test time with espeak-ng, and hour-long recordings assembled from it without holding them in memory. */
final class GeneratedSpeech {
    /** Sentences whose keywords PocketSphinx hears reliably in espeak-ng's en-us+f3 voice at 140 words a minute. */
    static final String SCRIPT = "Good morning everyone. Welcome to the planning meeting. Today we will discuss the budget"
            + " and the new project. One two three four five six seven eight nine ten. The weather today is nice."
            + " Thank you very much. Please send me the report by Friday.";
    static final List<String> KEYWORDS = List.of("morning", "everyone", "new", "project", "three", "four", "five", "six",
            "weather", "today", "friday", "meeting", "budget", "report");
    static final Path DIR = Path.of("target", "generated-speech");

    private GeneratedSpeech() {}

    /** The script spoken by espeak-ng (22.05 kHz mono WAV), made once per build. */
    static synchronized Path script() throws IOException, InterruptedException {
        Path wav = DIR.resolve("script.wav");
        if (Files.isRegularFile(wav)) return wav;
        Files.createDirectories(DIR);
        Path partial = DIR.resolve("script.wav.part");
        Process p = new ProcessBuilder("espeak-ng", "-v", "en-us+f3", "-s", "140", "-w", partial.toString(), SCRIPT)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) throw new IOException("espeak-ng failed with " + p.exitValue());
        Files.move(partial, wav);
        return wav;
    }

    static double seconds(Path wav) throws IOException {
        try (WavSource in = WavSource.open(wav)) {
            short[] buf = new short[8192];
            long n = 0;
            for (int r; (r = in.read(buf, 0, buf.length)) > 0; ) n += r;
            return n / (double) in.sampleRate();
        }
    }

    /**
     * {@code minutes} of room noise at 22.05 kHz with the script spoken every {@code everySeconds}: a meeting-length
     * file written as a stream, so making it costs no memory either.
     */
    static synchronized Path meeting(int minutes, int everySeconds) throws IOException, InterruptedException {
        Path wav = DIR.resolve("meeting-" + minutes + "m-" + everySeconds + "s.wav");
        if (Files.isRegularFile(wav)) return wav;
        short[] speech;
        int rate;
        try (WavSource in = WavSource.open(script())) {
            rate = in.sampleRate();
            short[] all = new short[(int) (seconds(script()) * rate) + 1];
            int n = 0;
            for (int r; (r = in.read(all, n, all.length - n)) > 0; ) n += r;
            speech = java.util.Arrays.copyOf(all, n);
        }
        long total = (long) minutes * 60 * rate;
        Path partial = DIR.resolve(wav.getFileName() + ".part");
        Random noise = new Random(42);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            out.write(header(rate, total));
            ByteBuffer buf = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
            long period = (long) everySeconds * rate;
            for (long i = 0; i < total; i++) {
                long inPeriod = i % period;
                int s = (int) (noise.nextGaussian() * 20);
                if (inPeriod < speech.length && total - (i - inPeriod) >= speech.length) s += speech[(int) inPeriod];
                buf.clear();
                buf.putShort((short) Math.max(-32768, Math.min(32767, s)));
                out.write(buf.array());
            }
        }
        Files.move(partial, wav);
        return wav;
    }

    static byte[] header(int rate, long samples) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) Math.min(0xFFFFFFFFL, 36 + samples * 2)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) (samples * 2));
        return h.array();
    }
}
