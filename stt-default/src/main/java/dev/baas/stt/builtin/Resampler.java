package dev.baas.stt.builtin;

import java.io.IOException;

/**
 * Converts a source to another sample rate with a windowed-sinc filter (which also low-passes when lowering the rate,
 * so 44.1/48 kHz speech does not alias into the recogniser's band). Streams: keeps only the filter's span of input.
 */
final class Resampler implements SampleSource {
    private static final int PHASES = 256;
    private static final int ZERO_CROSSINGS = 12;

    private final SampleSource in;
    private final int outRate;
    private final double step;
    private final int halfWidth;
    private final float[] table;
    private final double tableScale;
    private final short[] readBuffer = new short[4096];
    private float[] window = new float[1 << 14];
    private long windowStart;
    private int windowLength;
    private boolean inputDone;
    private long outIndex;
    private long inputTotal;

    private Resampler(SampleSource in, int outRate) {
        this.in = in;
        this.outRate = outRate;
        this.step = in.sampleRate() / (double) outRate;
        double cutoff = 0.5 * Math.min(1.0, outRate / (double) in.sampleRate()) * 0.92;
        this.halfWidth = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff) / 2);
        this.tableScale = PHASES;
        this.table = new float[halfWidth * PHASES + 2];
        for (int i = 0; i < table.length; i++) {
            double x = i / tableScale;
            double sinc = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
            double w = x >= halfWidth ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * x / halfWidth) + 0.08 * Math.cos(2 * Math.PI * x / halfWidth);
            table[i] = (float) (2 * cutoff * sinc * w);
        }
    }

    /** The source itself when it already has the rate. */
    static SampleSource to(int rate, SampleSource in) {
        return in.sampleRate() == rate ? in : new Resampler(in, rate);
    }

    @Override public int sampleRate() { return outRate; }

    @Override
    public int read(short[] buffer, int offset, int len) throws IOException {
        int produced = 0;
        while (produced < len) {
            double t = outIndex * step;
            long center = (long) Math.floor(t);
            if (inputDone && center >= inputTotal) break;
            long needed = center + halfWidth + 1;
            if (!inputDone && needed >= windowStart + windowLength) {
                fill(center - halfWidth);
                continue;
            }
            buffer[offset + produced++] = (short) Math.max(-32768, Math.min(32767, Math.round(convolve(t, center))));
            outIndex++;
        }
        return produced == 0 && len > 0 ? -1 : produced;
    }

    private double convolve(double t, long center) {
        double acc = 0;
        for (long k = center - halfWidth + 1; k <= center + halfWidth; k++) {
            int at = (int) (k - windowStart);
            if (at < 0 || at >= windowLength) continue;
            double pos = Math.abs(t - k) * tableScale;
            int i = (int) pos;
            if (i + 1 >= table.length) continue;
            double frac = pos - i;
            acc += window[at] * (table[i] + frac * (table[i + 1] - table[i]));
        }
        return acc;
    }

    /** Drops input before {@code keepFrom} and reads more. */
    private void fill(long keepFrom) throws IOException {
        int drop = (int) Math.max(0, Math.min(windowLength, keepFrom - windowStart));
        System.arraycopy(window, drop, window, 0, windowLength - drop);
        windowLength -= drop;
        windowStart += drop;
        if (window.length - windowLength < readBuffer.length) {
            window = java.util.Arrays.copyOf(window, window.length * 2);
        }
        int n = in.read(readBuffer, 0, readBuffer.length);
        if (n < 0) {
            inputDone = true;
            inputTotal = windowStart + windowLength;
            return;
        }
        for (int i = 0; i < n; i++) window[windowLength + i] = readBuffer[i];
        windowLength += n;
    }

    @Override public void close() throws IOException { in.close(); }
}
