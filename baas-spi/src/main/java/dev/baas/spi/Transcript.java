package dev.baas.spi;

import java.util.List;
import java.util.Optional;

/** What a speech-to-text provider heard, words in time order, with the language and which engine produced it. */
public record Transcript(List<Word> words, Optional<String> language, String engine) {
    public Transcript {
        words = List.copyOf(words);
        language = language == null ? Optional.empty() : language;
    }

    public static Transcript empty(String engine) { return new Transcript(List.of(), Optional.empty(), engine); }
}
