package dev.baas.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** One transcribed word: seconds from the start of the audio, the speaker when known, a confidence in [0,1]. */
public record Word(String text, double start, double end, Optional<String> speaker, OptionalDouble confidence) {
    public Word {
        Objects.requireNonNull(text, "text");
        speaker = speaker == null ? Optional.empty() : speaker;
        confidence = confidence == null ? OptionalDouble.empty() : confidence;
    }

    public static Word of(String text, double start, double end) {
        return new Word(text, start, end, Optional.empty(), OptionalDouble.empty());
    }

    public Word withSpeaker(String name) { return new Word(text, start, end, Optional.ofNullable(name), confidence); }

    public Word shifted(double seconds) { return new Word(text, start + seconds, end + seconds, speaker, confidence); }
}
