package dev.baas.spi;

/** Sample-rate conversion of mono 16-bit PCM, shared by capture, recording and streaming. */
public final class Resampling {
    private Resampling() {}

    /** Linear interpolation: enough for speech between 16 and 48 kHz. Always returns a new array. */
    public static short[] linear(short[] in, int fromRate, int toRate) {
        if (fromRate == toRate || in.length == 0) return in.clone();
        int n = (int) ((long) in.length * toRate / fromRate);
        short[] out = new short[n];
        double step = (double) fromRate / toRate;
        for (int i = 0; i < n; i++) {
            double pos = i * step;
            int j = (int) pos;
            double frac = pos - j;
            int a = in[Math.min(j, in.length - 1)];
            int b = in[Math.min(j + 1, in.length - 1)];
            out[i] = (short) Math.round(a + (b - a) * frac);
        }
        return out;
    }
}
