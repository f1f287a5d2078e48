package dev.baas.stt.builtin;

import java.io.IOException;

/** A pull stream of mono 16-bit samples at a fixed rate; lets an hour of audio pass through a few kilobytes. */
interface SampleSource extends AutoCloseable {
    int sampleRate();

    /** Reads up to {@code len} samples; returns how many, or -1 at the end. */
    int read(short[] buffer, int offset, int len) throws IOException;

    @Override
    default void close() throws IOException {}

    /** A source over samples already in memory. */
    static SampleSource of(short[] samples, int sampleRate) {
        return new SampleSource() {
            private int position;

            @Override public int sampleRate() { return sampleRate; }

            @Override public int read(short[] buffer, int offset, int len) {
                if (position >= samples.length) return -1;
                int n = Math.min(len, samples.length - position);
                System.arraycopy(samples, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
