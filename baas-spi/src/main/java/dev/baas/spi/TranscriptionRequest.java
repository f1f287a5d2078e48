package dev.baas.spi;

import java.util.Map;
import java.util.Optional;

/** One transcription job: the audio, the user's key where the provider needs one, and free-form parameters. */
public record TranscriptionRequest(AudioInput audio, Optional<String> apiKey, Optional<String> language,
                                   Map<String, Object> parameters) {
    public TranscriptionRequest {
        apiKey = apiKey == null ? Optional.empty() : apiKey;
        language = language == null ? Optional.empty() : language;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static TranscriptionRequest of(AudioInput audio) {
        return new TranscriptionRequest(audio, Optional.empty(), Optional.empty(), Map.of());
    }

    @Override public String toString() {
        return "TranscriptionRequest[audio=" + audio.getClass().getSimpleName() + ", apiKey="
                + (apiKey.isPresent() ? "***" : "none") + ", language=" + language.orElse("auto") + "]";
    }
}
