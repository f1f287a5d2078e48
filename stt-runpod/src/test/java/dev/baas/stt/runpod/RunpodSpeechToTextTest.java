package dev.baas.stt.runpod;

import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.Plugins;
import dev.baas.spi.TranscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Beyond the TCK: what the worker is asked for, cancelling stuck jobs, the body cap, discovery. */
class RunpodSpeechToTextTest {
    private final FakeRunpod runpod = new FakeRunpod();

    RunpodSpeechToTextTest() throws Exception {}

    @AfterEach
    void stop() { runpod.close(); }

    private TranscriptionRequest request(AudioInput audio) {
        return new TranscriptionRequest(audio, Optional.of(FakeRunpod.KEY), Optional.empty(), Map.of("beam_size", 3));
    }

    @Test
    void theWorkerIsAskedForWordTimestampsAndGetsCustomParameters() throws Exception {
        var t = RunpodSpeechToTextTckTest.provider(runpod, Duration.ofSeconds(5)).transcribe(request(RunpodSpeechToTextTckTest.clip(4)));
        assertTrue(runpod.lastInput.get("word_timestamps").asBoolean());
        assertEquals(3, runpod.lastInput.get("beam_size").asInt());
        assertTrue(runpod.lastInput.hasNonNull("audio_base64") && !runpod.lastInput.has("audio"));
        assertEquals("runpod:faster-whisper:turbo", t.engine());
        assertEquals("thank", t.words().getFirst().text());
    }

    @Test
    void aJobStuckAtTheTimeoutIsCancelled() {
        runpod.neverFinish = true;
        BaasException e = assertThrows(BaasException.class, () -> RunpodSpeechToTextTckTest.provider(runpod, Duration.ofMillis(300))
                .transcribe(request(RunpodSpeechToTextTckTest.clip(4))));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(1, runpod.cancelled.size());
    }

    @Test
    void anInterruptedCallerCancelsTheRemoteJob() throws Exception {
        runpod.neverFinish = true;
        var provider = RunpodSpeechToTextTckTest.provider(runpod, Duration.ofMinutes(5));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                provider.transcribe(request(RunpodSpeechToTextTckTest.clip(4)));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        // Once polling, the caller knows the job's id (an interrupt during /run itself leaves nothing to cancel).
        assertTrue(runpod.jobPolled.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertTrue(runpod.jobCancelled.await(10, TimeUnit.SECONDS), "the job is cancelled on Runpod too");
    }

    @Test
    void audioAboveTheBodyCapIsRefusedWithAdviceBeforeAnyRequest() {
        BaasException e = assertThrows(BaasException.class, () -> RunpodSpeechToTextTckTest.provider(runpod, Duration.ofSeconds(5))
                .transcribe(request(RunpodSpeechToTextTckTest.clip(300))));
        assertTrue(e.getMessage().contains("URL"), e.getMessage());
        assertEquals(1, runpod.jobQueued.getCount(), "nothing was queued");
    }

    @Test
    void aFailedJobCarriesTheWorkersError() {
        var provider = RunpodSpeechToTextTckTest.provider(runpod, Duration.ofSeconds(5));
        // Both audio and audio_base64: the worker refuses, the job FAILS.
        BaasException e = assertThrows(BaasException.class, () -> provider.transcribe(new TranscriptionRequest(
                RunpodSpeechToTextTckTest.clip(1), Optional.of(FakeRunpod.KEY), Optional.empty(), Map.of("audio", "https://x/y.wav"))));
        assertTrue(e.getMessage().contains("Must provide either audio or audio_base64"), e.getMessage());
    }

    @Test
    void withoutAnEndpointTheOperatorIsToldWhatToSet() {
        var provider = new RunpodSpeechToText(RunpodConfig.from(k -> Optional.empty()), java.net.http.HttpClient.newHttpClient());
        BaasException e = assertThrows(BaasException.class, () -> provider.transcribe(request(RunpodSpeechToTextTckTest.clip(1))));
        assertTrue(e.getMessage().contains("BAAS_RUNPOD_ENDPOINT"), e.getMessage());
        assertFalse(provider.name().isBlank());
    }

    @Test
    void theProviderIsFoundByItsV1Name() {
        assertInstanceOf(RunpodSpeechToText.class, Plugins.speechToText(getClass().getClassLoader()).get("Runpod"));
    }
}
