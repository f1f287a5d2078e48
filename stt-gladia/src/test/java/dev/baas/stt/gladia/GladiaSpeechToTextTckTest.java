package dev.baas.stt.gladia;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.tck.stt.SpeechToTextTck;
import dev.baas.tck.stt.SttTckFixture;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The Gladia provider keeps the STT rules against a loopback server that follows Gladia's v2 contract. */
class GladiaSpeechToTextTckTest extends SpeechToTextTck {
    static final Path AUDIO = Path.of("target", "test-audio");

    @Override
    protected SttTckFixture createFixture() throws Exception {
        Files.createDirectories(AUDIO);
        FakeGladia gladia = new FakeGladia();
        GladiaSpeechToText provider = new GladiaSpeechToText(
                new GladiaConfig(gladia.baseUrl(), Duration.ofMillis(20), Duration.ofSeconds(2)), HttpClient.newHttpClient());
        return new SttTckFixture() {
            @Override public SpeechToTextProvider provider() { return provider; }

            @Override public Optional<String> apiKey() { return Optional.of(FakeGladia.KEY); }

            @Override public Speech speech() throws Exception {
                return new Speech(new AudioInput.File(TestAudio.wav(AUDIO, 12)), 12, Set.copyOf(FakeGladia.SCRIPT), FakeGladia.SCRIPT.size());
            }

            /** Twenty minutes is 38 MB of WAV: it must stream to the upload, not pass through the heap. */
            @Override public Speech longSpeech() throws Exception {
                return new Speech(new AudioInput.File(TestAudio.wav(AUDIO, 1200)), 1200, Set.copyOf(FakeGladia.SCRIPT), 4);
            }

            @Override public long memoryBudgetBytes() { return 16L << 20; }

            @Override public Optional<String> supportedLanguage() { return Optional.of("fr"); }

            @Override public boolean misbehave(Fault fault) {
                gladia.fault = Optional.of(fault);
                return true;
            }

            @Override public StalledJob stalledJob() throws Exception {
                gladia.neverFinish = true;
                return new StalledJob(new AudioInput.File(TestAudio.wav(AUDIO, 12)), gladia.jobCreated);
            }

            @Override public void close() { gladia.close(); }
        };
    }
}
