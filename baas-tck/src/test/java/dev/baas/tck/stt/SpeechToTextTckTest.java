package dev.baas.tck.stt;

import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The TCK passes a provider that keeps the rules and fails, rule by rule, one that breaks them. */
class SpeechToTextTckTest {
    private static final double SECONDS = 10;

    @Test
    void aProviderThatKeepsTheRulesPassesThemAll() {
        Events tests = run(WellBehavedTck.class);
        assertEquals(Set.of(), names(tests.failed()), "no rule fails");
        assertEquals(11, tests.succeeded().count(), "every rule ran and passed");
    }

    @Test
    void aProviderThatBreaksTheRulesFailsEachOneByName() {
        Events tests = run(BrokenTck.class);
        assertEquals(new TreeSet<>(Set.of("required_stt101_wordTimesAreInOrderAndInsideTheAudio", "required_stt102_noEmptyWords",
                        "required_stt103_hearsTheKeywords", "optional_stt105_languageIsPassedThrough",
                        "required_stt106_aRejectedKeyIsAClearProviderError", "required_stt107_exhaustedQuotaIsAClearProviderError",
                        "required_stt108_aJobThatNeverEndsIsAClearProviderError", "required_stt109_anInterruptCancelsTheJob",
                        "required_stt110_missingKeyIsAClearProviderError", "required_stt111_longInputKeepsMemoryFlat")),
                names(tests.failed()));
    }

    private static Events run(Class<?> tck) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(tck)).execute().testEvents();
    }

    private static Set<String> names(Events events) {
        Set<String> names = new TreeSet<>();
        events.stream().map(Event::getTestDescriptor).forEach(d -> names.add(d.getDisplayName().replace("()", "")));
        return names;
    }

    public static final class WellBehavedTck extends SpeechToTextTck {
        @Override protected SttTckFixture createFixture() { return new ScriptedFixture(false); }
    }

    public static final class BrokenTck extends SpeechToTextTck {
        @Override protected SttTckFixture createFixture() { return new ScriptedFixture(true); }
    }

    /** A hand-written stand-in provider: it "hears" a fixed script and can be told to fail. */
    private static final class ScriptedFixture implements SttTckFixture {
        /** Memory a broken provider keeps after each long job. */
        private static final List<byte[]> LEAKED = new ArrayList<>();

        private final boolean broken;
        private final CountDownLatch started = new CountDownLatch(1);
        private Optional<Fault> fault = Optional.empty();
        private AudioInput stalled;

        ScriptedFixture(boolean broken) { this.broken = broken; }

        @Override public Optional<String> apiKey() { return Optional.of("secret"); }

        @Override public Speech speech() { return new Speech(new AudioInput.Pcm(new short[16_000], 16_000), SECONDS, Set.of("hello", "world"), 2); }

        @Override public Speech longSpeech() { return new Speech(new AudioInput.Pcm(new short[1_000], 16_000), SECONDS, Set.of(), 0); }

        @Override public long memoryBudgetBytes() { return 16 << 20; }

        @Override public Optional<String> supportedLanguage() { return Optional.of("fr"); }

        @Override public boolean misbehave(Fault f) {
            fault = Optional.of(f);
            return true;
        }

        @Override public StalledJob stalledJob() {
            stalled = new AudioInput.Pcm(new short[1], 16_000);
            return new StalledJob(stalled, started);
        }

        @Override public SpeechToTextProvider provider() {
            return new SpeechToTextProvider() {
                @Override public String name() { return "Scripted"; }

                @Override public boolean requiresApiKey() { return true; }

                @Override public Transcript transcribe(TranscriptionRequest request) throws InterruptedException {
                    return broken ? badly(request) : well(request);
                }
            };
        }

        private Transcript well(TranscriptionRequest request) throws InterruptedException {
            if (request.apiKey().isEmpty()) throw new BaasException(ErrorCode.PROVIDER_ERROR, "Scripted needs an API key");
            if (fault.isPresent()) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, switch (fault.get()) {
                    case BAD_KEY -> "the API key was rejected";
                    case QUOTA -> "quota exceeded";
                    case TIMEOUT -> "job timed out";
                });
            }
            if (request.audio() == stalled) {
                started.countDown();
                new CountDownLatch(1).await();
            }
            return new Transcript(List.of(Word.of("Hello", 0.5, 0.9), Word.of("world.", 1.0, 1.4), Word.of("again", 7, 7.5)),
                    request.language(), "script");
        }

        private Transcript badly(TranscriptionRequest request) {
            if (fault.isPresent()) throw new IllegalStateException("HTTP 500");
            if (request.audio() == stalled) {
                started.countDown();
                return Transcript.empty("script");
            }
            if (request.audio() instanceof AudioInput.Pcm pcm && pcm.samples().length == 1_000) {
                synchronized (LEAKED) {
                    LEAKED.add(new byte[64 << 20]);
                }
            }
            return new Transcript(List.of(Word.of("hello", 3, 3.2), Word.of(" ", 1, 0.5), Word.of("word", 2, SECONDS + 5)),
                    Optional.empty(), "script");
        }
    }
}
