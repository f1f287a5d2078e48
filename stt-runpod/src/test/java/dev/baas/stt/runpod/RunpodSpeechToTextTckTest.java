package dev.baas.stt.runpod;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.tck.stt.SpeechToTextTck;
import dev.baas.tck.stt.SttTckFixture;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The Runpod provider keeps the STT rules against a loopback endpoint that follows Runpod's and the worker's contract. */
class RunpodSpeechToTextTckTest extends SpeechToTextTck {
    static RunpodSpeechToText provider(FakeRunpod runpod, Duration timeout) {
        return new RunpodSpeechToText(new RunpodConfig(runpod.baseUrl(), Optional.of(FakeRunpod.ENDPOINT), "turbo",
                Duration.ofMillis(20), timeout), HttpClient.newHttpClient());
    }

    static AudioInput.Pcm clip(double seconds) {
        return new AudioInput.Pcm(new short[(int) (seconds * 16_000)], 16_000);
    }

    @Override
    protected SttTckFixture createFixture() throws Exception {
        FakeRunpod runpod = new FakeRunpod();
        RunpodSpeechToText provider = provider(runpod, Duration.ofSeconds(2));
        return new SttTckFixture() {
            @Override public SpeechToTextProvider provider() { return provider; }

            @Override public Optional<String> apiKey() { return Optional.of(FakeRunpod.KEY); }

            @Override public Speech speech() {
                return new Speech(clip(12), 12, Set.copyOf(FakeRunpod.SCRIPT), FakeRunpod.SCRIPT.size());
            }

            /** A two-hour meeting goes by URL, as the 10 MB body cap demands. */
            @Override public Speech longSpeech() {
                String url = "https://storage.example/meeting.wav?signature=abc";
                runpod.urlSeconds.put(url, 7200.0);
                return new Speech(new AudioInput.Url(url, Path.of("meeting.wav")), 7200, Set.copyOf(FakeRunpod.SCRIPT), 4);
            }

            @Override public long memoryBudgetBytes() { return 16L << 20; }

            @Override public Optional<String> supportedLanguage() { return Optional.of("es"); }

            @Override public boolean misbehave(Fault fault) {
                runpod.fault = Optional.of(fault);
                return true;
            }

            @Override public StalledJob stalledJob() {
                runpod.neverFinish = true;
                return new StalledJob(clip(5), runpod.jobQueued);
            }

            @Override public void close() { runpod.close(); }
        };
    }
}
