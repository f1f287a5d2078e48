package dev.baas.browser;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small helpers for mono 16-bit PCM. */
public final class Pcm {
    private Pcm() {}

    /** Linear-interpolation resampling; good enough for speech going into a 48 kHz WebRTC microphone. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        return dev.baas.spi.Resampling.linear(in, fromRate, toRate);
    }

    /** Root mean square of the samples, 0..1 of full scale. */
    public static double rms(short[] samples) {
        if (samples.length == 0) return 0;
        double sum = 0;
        for (short s : samples) sum += (double) s * s;
        return Math.sqrt(sum / samples.length) / 32768.0;
    }

    /** A pure tone, for tests and checks of the speaking path. */
    public static short[] tone(double hz, double seconds, int rate, double amplitude) {
        short[] out = new short[(int) (seconds * rate)];
        for (int i = 0; i < out.length; i++) out[i] = (short) (Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767);
        return out;
    }

    /** Samples and rate of a mono 16-bit PCM WAV. */
    public record Wav(short[] samples, int sampleRate) {
        public double seconds() { return samples.length / (double) sampleRate; }
    }

    public static Wav readWav(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157)
            throw new BaasException(ErrorCode.INVALID_REQUEST, "audio is not a RIFF/WAVE file");
        int pos = 12, rate = 0, channels = 0, bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos), size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16)
                    throw new BaasException(ErrorCode.INVALID_REQUEST, "audio must be mono 16-bit PCM, got "
                            + channels + " channels of " + bits + " bits");
                // espeak-ng writes a huge size when streaming to stdout: trust the bytes we have.
                int len = (size < 0 || pos + 8 + size > bytes.length) ? bytes.length - pos - 8 : size;
                short[] s = new short[len / 2];
                b.position(pos + 8);
                b.asShortBuffer().get(s);
                return new Wav(s, rate);
            }
            if (size < 0) break;
            pos += 8 + size + (size & 1);
        }
        throw new BaasException(ErrorCode.INVALID_REQUEST, "audio has no data chunk");
    }
}
