package dev.baas.spi;

/** A speech-to-text plugin, found with {@link java.util.ServiceLoader}; its name is its v1 wire name. */
public interface SpeechToTextProvider {
    /** "Default", "Gladia", "Runpod", ... exactly as v1's {@code speech_to_text.provider}. */
    String name();

    /** Whether a join must carry {@code speech_to_text.api_key} for this provider (absent an operator default). */
    boolean requiresApiKey();

    /**
     * Transcribes the audio. Blocking; the engine calls it on a worker thread and may interrupt it to cancel.
     * Failures are {@link BaasException}s with {@link ErrorCode#PROVIDER_ERROR} and a clear message
     * (bad key, quota, timeout, unreadable audio).
     */
    Transcript transcribe(TranscriptionRequest request) throws InterruptedException;

    /**
     * As {@link #transcribe(TranscriptionRequest)}, telling {@code transcribedSeconds} how many seconds of the audio
     * are transcribed so far, as the work goes on, so the engine can log progress and the time left. Providers that
     * know override this; the default tells nothing until the end.
     */
    default Transcript transcribe(TranscriptionRequest request, java.util.function.DoubleConsumer transcribedSeconds)
            throws InterruptedException {
        return transcribe(request);
    }
}
