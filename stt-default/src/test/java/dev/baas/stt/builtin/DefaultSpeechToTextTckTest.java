package dev.baas.stt.builtin;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.tck.stt.SpeechToTextTck;
import dev.baas.tck.stt.SttTckFixture;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The Default provider keeps the STT rules on espeak-ng speech, including an hour-long recording. */
class DefaultSpeechToTextTckTest extends SpeechToTextTck {
    /** One provider for all rules: its decoders take a second each to load. */
    private static final DefaultSpeechToText PROVIDER = new DefaultSpeechToText(
            DefaultSttConfig.from(key -> Optional.empty()), java.net.http.HttpClient.newHttpClient());

    @AfterAll
    static void closeProvider() { PROVIDER.close(); }

    @Override
    protected SttTckFixture createFixture() {
        return new SttTckFixture() {
            @Override public SpeechToTextProvider provider() { return PROVIDER; }

            @Override public Optional<String> apiKey() { return Optional.empty(); }

            @Override public Speech speech() throws Exception {
                Path wav = GeneratedSpeech.script();
                return new Speech(new AudioInput.File(wav), GeneratedSpeech.seconds(wav), Set.copyOf(GeneratedSpeech.KEYWORDS), 6);
            }

            @Override public Speech longSpeech() throws Exception {
                Path wav = GeneratedSpeech.meeting(60, 300);
                return new Speech(new AudioInput.File(wav), 3600, Set.copyOf(GeneratedSpeech.KEYWORDS), 6);
            }

            /** The hour is 159 MB of samples on disk; reading it whole would blow this. */
            @Override public long memoryBudgetBytes() { return 48L << 20; }

            @Override public Optional<String> supportedLanguage() { return Optional.of("en"); }

            @Override public StalledJob stalledJob() throws Exception {
                // Decoding the hour takes far longer than the interrupt needs to arrive.
                CountDownLatch started = new CountDownLatch(1);
                started.countDown();
                return new StalledJob(new AudioInput.File(GeneratedSpeech.meeting(60, 300)), started);
            }
        };
    }
}
