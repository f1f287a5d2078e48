package dev.baas.core.media;

import java.io.IOException;

/**
 * Places runs of audio on the recording timeline: a run that starts later than the track's end is preceded by
 * silence, one that overlaps what was written is trimmed, so a track follows the timestamps and never drifts with
 * the arrival of frames. Jitter under 20 ms is absorbed without correction.
 */
final class AudioTimeline {
    /** Receives mono 16-bit samples in order. */
    @FunctionalInterface
    interface Sink {
        void write(short[] samples, int offset, int length) throws IOException;
    }

    private static final int CHUNK = 4096;
    private final int sampleRate;
    private final Sink sink;
    private final long tolerance;
    private final short[] silence = new short[CHUNK];
    private long written;

    AudioTimeline(int sampleRate, Sink sink) {
        this.sampleRate = sampleRate;
        this.sink = sink;
        this.tolerance = sampleRate / 50;
    }

    /** Writes {@code samples} so that they start at {@code startMicros} on the recording timeline. */
    void place(long startMicros, short[] samples) throws IOException {
        long expected = Math.floorDiv(startMicros * sampleRate, 1_000_000L);
        int from = 0;
        if (expected > written + tolerance) writeSilence(expected - written);
        else if (expected < written - tolerance) from = (int) Math.min(samples.length, written - expected);
        int length = samples.length - from;
        if (length > 0) {
            sink.write(samples, from, length);
            written += length;
        }
    }

    /** Fills with silence up to {@code endMicros}, so every track of a recording ends together. */
    void padTo(long endMicros) throws IOException {
        long end = Math.floorDiv(endMicros * sampleRate, 1_000_000L);
        if (end > written) writeSilence(end - written);
    }

    long endMicros() { return written * 1_000_000L / sampleRate; }

    private void writeSilence(long samples) throws IOException {
        long left = samples;
        while (left > 0) {
            int n = (int) Math.min(left, CHUNK);
            sink.write(silence, 0, n);
            written += n;
            left -= n;
        }
    }

    /** Linear resampling; enough for speech captured at one rate and stored at another. */
    static short[] resample(short[] in, int fromRate, int toRate) {
        return dev.baas.spi.Resampling.linear(in, fromRate, toRate);
    }
}
