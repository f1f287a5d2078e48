package dev.baas.server.docs;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.tck.stt.SpeechToTextTck;
import dev.baas.tck.stt.SttTckFixture;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

// docs:begin stt-tck
/** Rename to TranscribeServiceTckTest (or list it in surefire) so the build runs the STT rules. */
class TranscribeServiceTck extends SpeechToTextTck {
    @Override protected SttTckFixture createFixture() throws Exception {
        FakeTranscribe service = FakeTranscribe.start(); // a loopback server that follows the real service's contract
        TranscribeService provider = new TranscribeService(HttpClient.newHttpClient(), service.endpoint());
        return new SttTckFixture() {
            @Override public SpeechToTextProvider provider() { return provider; }

            @Override public Optional<String> apiKey() { return Optional.of(FakeTranscribe.KEY); }

            @Override public Speech speech() throws Exception {
                return new Speech(new AudioInput.File(service.wav(12)), 12, Set.of("budget", "friday"), 2);
            }

            /** Twenty minutes of WAV must stream to the upload, not pass through the heap. */
            @Override public Speech longSpeech() throws Exception {
                return new Speech(new AudioInput.File(service.wav(1200)), 1200, Set.of("budget", "friday"), 2);
            }

            @Override public long memoryBudgetBytes() { return 16L << 20; }

            @Override public boolean misbehave(Fault fault) {
                service.failNextWith(fault);
                return true;
            }

            @Override public StalledJob stalledJob() throws Exception {
                CountDownLatch started = service.neverAnswer();
                return new StalledJob(new AudioInput.File(service.wav(12)), started);
            }

            @Override public void close() { service.close(); }
        };
    }
}
// docs:end

/** The fake service's surface as the TCK fixture uses it; writing it is part of adding a hosted provider. */
interface FakeTranscribe extends AutoCloseable {
    String KEY = "test-key";

    java.net.URI endpoint();

    Path wav(int seconds) throws Exception;

    void failNextWith(SttTckFixture.Fault fault);

    CountDownLatch neverAnswer();

    @Override void close();

    static FakeTranscribe start() {
        throw new UnsupportedOperationException("a provider's own test module supplies its fake service");
    }
}
