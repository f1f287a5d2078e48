package dev.baas.spi;

import java.util.Objects;
import java.util.Optional;

/** v1's {@code speech_to_text}: a provider name and, for providers that need one, the user's API key. */
public record SpeechToText(String provider, Optional<String> apiKey) {
    public SpeechToText {
        Objects.requireNonNull(provider, "provider");
        apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
    }

    public static SpeechToText of(String provider) { return new SpeechToText(provider, Optional.empty()); }

    public static SpeechToText of(String provider, String apiKey) {
        return new SpeechToText(provider, Optional.ofNullable(apiKey));
    }

    @Override public String toString() {
        return "SpeechToText[provider=" + provider + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + "]";
    }
}
