package dev.baas.core.streaming;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Mono signed 16-bit little-endian PCM: conversions and resampling. */
public final class Pcm {
    private Pcm() {}

    public static byte[] toBytes(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) b.putShort(s);
        return b.array();
    }

    public static short[] fromBytes(ByteBuffer data) {
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[b.remaining() / 2];
        for (int i = 0; i < out.length; i++) out[i] = b.getShort();
        return out;
    }

    /** Linear-interpolation resampling; good enough for speech between 16 and 48 kHz. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        return dev.baas.spi.Resampling.linear(in, fromRate, toRate);
    }

    public static double rms(short[] samples) {
        if (samples.length == 0) return 0;
        double sum = 0;
        for (short s : samples) sum += (double) s * s;
        return Math.sqrt(sum / samples.length);
    }
}
