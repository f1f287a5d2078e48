package dev.baas.tck.stt;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * What a provider's test hands the STT TCK: the provider, audio with known content, and, for hosted providers, a
 * way to make the fake service misbehave. A fresh fixture is made for every rule and closed after it.
 */
public interface SttTckFixture extends AutoCloseable {
    SpeechToTextProvider provider();

    /** The key to send, for providers that need one. */
    Optional<String> apiKey();

    /** A short clip of speech and words a working provider must hear in it. */
    Speech speech() throws Exception;

    /** Long audio (an hour for an offline engine, minutes for a hosted one) to show memory stays flat. */
    Speech longSpeech() throws Exception;

    /** How much the live heap may grow while {@link #longSpeech()} is transcribed. */
    long memoryBudgetBytes();

    /** A language code the provider accepts and reports back, if it takes a language at all. */
    default Optional<String> supportedLanguage() { return Optional.empty(); }

    /** Makes the next job fail with {@code fault}; false when the provider cannot fail that way (offline engines). */
    default boolean misbehave(Fault fault) { return false; }

    /** A job that runs until cancelled, and a latch that opens once the provider is working on it. */
    StalledJob stalledJob() throws Exception;

    /** Audio with its length and the words to expect. {@code minKeywords} of {@code keywords} must be heard. */
    record Speech(AudioInput audio, double durationSeconds, Set<String> keywords, int minKeywords) {}

    /** Audio whose job never ends by itself, and a signal that the provider has started it. */
    record StalledJob(AudioInput audio, CountDownLatch started) {}

    /** Ways a hosted service fails; each must reach the caller as a clear provider error. */
    enum Fault {
        /** The service rejects the key. */
        BAD_KEY("key"),
        /** The account is out of quota or rate-limited. */
        QUOTA("quota"),
        /** The job never finishes within the provider's timeout. */
        TIMEOUT("timed out");

        private final String mustMention;

        Fault(String mustMention) { this.mustMention = mustMention; }

        /** A word the error message must contain so an operator sees what went wrong. */
        public String mustMention() { return mustMention; }
    }

    /** Stops the fixture's fake servers; a fixture without any has nothing to do. */
    @Override
    default void close() {}
}
