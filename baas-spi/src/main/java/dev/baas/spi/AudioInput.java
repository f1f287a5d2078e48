package dev.baas.spi;

import java.nio.file.Path;

/** Audio handed to a speech-to-text provider. */
public sealed interface AudioInput {
    /** Mono 16-bit PCM in memory. */
    record Pcm(short[] samples, int sampleRate) implements AudioInput {
        public double durationSeconds() { return samples.length / (double) sampleRate; }
    }

    /** A WAV (mono 16-bit PCM) or compressed audio file on local disk. */
    record File(Path path) implements AudioInput {}

    /** Audio reachable by URL (for hosted providers that fetch it themselves), with a local copy for fallback. */
    record Url(String url, Path localCopy) implements AudioInput {}
}
