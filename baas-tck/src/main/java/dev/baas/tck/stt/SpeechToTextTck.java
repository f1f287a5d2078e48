package dev.baas.tck.stt;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rules every {@link SpeechToTextProvider} keeps. A provider's test extends this class and supplies a fixture;
 * each rule's name carries its ID, and its message says the rule in a sentence, so a failure names what broke.
 */
public abstract class SpeechToTextTck {
    /** How long a provider may take to stop once interrupted. A bound on a hang, not a performance goal. */
    private static final long CANCEL_BOUND_SECONDS = 30;

    private SttTckFixture fixture;

    /** Makes a fresh fixture for one rule. */
    protected abstract SttTckFixture createFixture() throws Exception;

    @BeforeEach
    final void openFixture() throws Exception { fixture = createFixture(); }

    @AfterEach
    final void closeFixture() throws Exception { fixture.close(); }

    private TranscriptionRequest request(dev.baas.spi.AudioInput audio, Optional<String> language) {
        return new TranscriptionRequest(audio, fixture.apiKey(), language, Map.of());
    }

    private Transcript transcribeSpeech() throws Exception {
        return fixture.provider().transcribe(request(fixture.speech().audio(), Optional.empty()));
    }

    @Test
    public void required_stt101_wordTimesAreInOrderAndInsideTheAudio() throws Exception {
        SttTckFixture.Speech speech = fixture.speech();
        Transcript t = fixture.provider().transcribe(request(speech.audio(), Optional.empty()));
        assertFalse(t.words().isEmpty(), "STT101: a clip of speech yields words");
        double previous = 0;
        for (Word w : t.words()) {
            assertTrue(w.start() >= previous - 1e-6, "STT101: words come in time order, but " + w + " starts before " + previous);
            assertTrue(w.start() >= 0 && w.end() <= speech.durationSeconds() + 0.05,
                    "STT101: every word lies inside the " + speech.durationSeconds() + " s of audio, but " + w + " does not");
            previous = w.start();
        }
    }

    @Test
    public void required_stt102_noEmptyWords() throws Exception {
        for (Word w : transcribeSpeech().words()) {
            assertFalse(w.text().isBlank(), "STT102: no word is blank");
            assertTrue(w.end() >= w.start(), "STT102: a word ends no earlier than it starts: " + w);
            w.confidence().ifPresent(c -> assertTrue(c >= 0 && c <= 1, "STT102: a confidence lies in [0,1]: " + w));
        }
    }

    @Test
    public void required_stt103_hearsTheKeywords() throws Exception {
        SttTckFixture.Speech speech = fixture.speech();
        Set<String> heard = fixture.provider().transcribe(request(speech.audio(), Optional.empty())).words().stream()
                .map(w -> normalise(w.text())).collect(Collectors.toSet());
        Set<String> found = speech.keywords().stream().map(SpeechToTextTck::normalise).filter(heard::contains)
                .collect(Collectors.toSet());
        assertTrue(found.size() >= speech.minKeywords(), "STT103: at least " + speech.minKeywords() + " of "
                + speech.keywords() + " are heard, but only " + found + " were, in " + heard);
    }

    @Test
    public void required_stt104_namesItsEngine() throws Exception {
        assertFalse(transcribeSpeech().engine().isBlank(), "STT104: a transcript names the engine that produced it");
    }

    @Test
    public void optional_stt105_languageIsPassedThrough() throws Exception {
        Optional<String> language = fixture.supportedLanguage();
        assumeTrue(language.isPresent(), "the provider takes no language");
        Transcript t = fixture.provider().transcribe(request(fixture.speech().audio(), language));
        assertEquals(language, t.language(), "STT105: a requested language reaches the engine and is reported back");
    }

    @Test
    public void required_stt106_aRejectedKeyIsAClearProviderError() throws Exception {
        assertFault(SttTckFixture.Fault.BAD_KEY);
    }

    @Test
    public void required_stt107_exhaustedQuotaIsAClearProviderError() throws Exception {
        assertFault(SttTckFixture.Fault.QUOTA);
    }

    @Test
    public void required_stt108_aJobThatNeverEndsIsAClearProviderError() throws Exception {
        assertFault(SttTckFixture.Fault.TIMEOUT);
    }

    private void assertFault(SttTckFixture.Fault fault) throws Exception {
        assumeTrue(fixture.misbehave(fault), "the provider cannot fail with " + fault);
        try {
            transcribeSpeech();
            fail("STT106-108: a " + fault + " failure reaches the caller as an error, but a transcript came back");
        } catch (BaasException e) {
            assertEquals(ErrorCode.PROVIDER_ERROR, e.code(), "STT106-108: a " + fault + " failure is a PROVIDER_ERROR");
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(fault.mustMention()),
                    "STT106-108: the message of a " + fault + " failure mentions '" + fault.mustMention() + "': " + e.getMessage());
        }
    }

    @Test
    public void required_stt109_anInterruptCancelsTheJob() throws Exception {
        SttTckFixture.StalledJob job = fixture.stalledJob();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().name("stt-tck-cancel").start(() -> {
            try {
                fixture.provider().transcribe(request(job.audio(), Optional.empty()));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertTrue(job.started().await(CANCEL_BOUND_SECONDS, TimeUnit.SECONDS), "STT109: the stalled job starts");
        worker.interrupt();
        Throwable thrown = outcome.get(CANCEL_BOUND_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedException.class, thrown,
                "STT109: an interrupted transcription ends with InterruptedException, but ended with " + thrown);
        worker.join();
    }

    @Test
    public void required_stt110_missingKeyIsAClearProviderError() throws Exception {
        assumeTrue(fixture.provider().requiresApiKey(), "the provider needs no key");
        try {
            fixture.provider().transcribe(TranscriptionRequest.of(fixture.speech().audio()));
            fail("STT110: a provider that needs a key refuses a job without one");
        } catch (BaasException e) {
            assertEquals(ErrorCode.PROVIDER_ERROR, e.code(), "STT110: a missing key is a PROVIDER_ERROR");
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("key"), "STT110: the message says the key is missing");
        }
    }

    @Test
    public void required_stt111_longInputKeepsMemoryFlat() throws Exception {
        SttTckFixture.Speech speech = fixture.longSpeech();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakLive = new AtomicLong(baseline);
        // Live heap is what survives a collection; sampling it through the job catches a whole file read into memory.
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            System.gc();
            peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }, 0, 500, TimeUnit.MILLISECONDS);
        Transcript t;
        try {
            t = fixture.provider().transcribe(request(speech.audio(), Optional.empty()));
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.gc();
        peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long growth = peakLive.get() - baseline;
        assertTrue(growth < fixture.memoryBudgetBytes(), "STT111: transcribing " + (int) speech.durationSeconds()
                + " s of audio grows the live heap by less than " + fixture.memoryBudgetBytes() / 1_048_576 + " MB, but it grew by "
                + growth / 1_048_576 + " MB");
        List<Word> words = t.words();
        assertFalse(words.isEmpty(), "STT111: long speech yields words");
        assertTrue(words.getLast().end() <= speech.durationSeconds() + 0.05 && words.getLast().start() > speech.durationSeconds() / 2,
                "STT111: words reach into the second half of long audio and stay inside it; last word " + words.getLast());
    }

    static String normalise(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
    }
}
