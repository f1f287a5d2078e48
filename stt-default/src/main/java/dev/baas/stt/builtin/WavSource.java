package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a RIFF/WAVE file as mono 16-bit samples: PCM 8/16/24/32-bit or 32-bit float, any channel count (averaged),
 * any rate. Only the current buffer is in memory, so a meeting-long file costs nothing extra.
 */
final class WavSource implements SampleSource {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private final InputStream in;
    private final int sampleRate;
    private final int channels;
    private final int bytesPerSample;
    private final boolean floating;
    private long remainingBytes;
    private byte[] frameBytes = new byte[0];

    private WavSource(InputStream in, int sampleRate, int channels, int bytesPerSample, boolean floating, long dataBytes) {
        this.in = in;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bytesPerSample = bytesPerSample;
        this.floating = floating;
        this.remainingBytes = dataBytes;
    }

    static WavSource open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return readHeader(in, file);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static WavSource readHeader(InputStream in, Path file) throws IOException {
        byte[] riff = in.readNBytes(12);
        if (riff.length < 12 || !"RIFF".equals(ascii(riff, 0)) || !"WAVE".equals(ascii(riff, 8))) {
            throw unreadable(file, "not a RIFF/WAVE file");
        }
        int format = -1, channels = 0, rate = 0, bits = 0;
        while (true) {
            byte[] chunk = in.readNBytes(8);
            if (chunk.length < 8) throw unreadable(file, "no data chunk");
            String id = ascii(chunk, 0);
            long size = le32(chunk, 4) & 0xFFFFFFFFL;
            if ("fmt ".equals(id)) {
                byte[] fmt = in.readNBytes((int) size + (int) (size & 1));
                if (fmt.length < 16) throw unreadable(file, "short fmt chunk");
                format = le16(fmt, 0);
                channels = le16(fmt, 2);
                rate = le32(fmt, 4);
                bits = le16(fmt, 14);
                if (format == FORMAT_EXTENSIBLE && fmt.length >= 26) format = le16(fmt, 24);
            } else if ("data".equals(id)) {
                if (format < 0) throw unreadable(file, "data chunk before fmt chunk");
                boolean floating = format == FORMAT_FLOAT && bits == 32;
                if (!(format == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !floating) {
                    throw unreadable(file, "unsupported WAV encoding (format " + format + ", " + bits + " bits)");
                }
                if (channels < 1 || rate < 1000) throw unreadable(file, "bad WAV header (" + channels + " channels, " + rate + " Hz)");
                // Streaming writers put 0 or 0xFFFFFFFF in the size: read to the end of the file then.
                long data = size == 0 || size == 0xFFFFFFFFL ? Long.MAX_VALUE : size;
                return new WavSource(in, rate, channels, bits / 8, floating, data);
            } else {
                in.skipNBytes(size + (size & 1));
            }
        }
    }

    @Override public int sampleRate() { return sampleRate; }

    @Override
    public int read(short[] buffer, int offset, int len) throws IOException {
        int frameSize = channels * bytesPerSample;
        long framesLeft = remainingBytes / frameSize;
        if (framesLeft == 0) return -1;
        int frames = (int) Math.min(len, framesLeft);
        if (frameBytes.length < frames * frameSize) frameBytes = new byte[frames * frameSize];
        int got = in.readNBytes(frameBytes, 0, frames * frameSize);
        int whole = got / frameSize;
        if (whole == 0) {
            remainingBytes = 0;
            return -1;
        }
        remainingBytes -= (long) whole * frameSize;
        for (int f = 0; f < whole; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) sum += sample(frameBytes, (f * channels + c) * bytesPerSample);
            buffer[offset + f] = (short) (sum / channels);
        }
        return whole;
    }

    /** One sample scaled to 16 bits. */
    private int sample(byte[] b, int i) {
        return switch (bytesPerSample) {
            case 1 -> ((b[i] & 0xFF) - 128) << 8;
            case 2 -> (short) ((b[i] & 0xFF) | (b[i + 1] << 8));
            case 3 -> ((b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] << 16)) >> 8;
            default -> {
                int bits = (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((b[i + 2] & 0xFF) << 16) | (b[i + 3] << 24);
                yield floating
                        ? (int) Math.max(-32768, Math.min(32767, Math.round(Float.intBitsToFloat(bits) * 32767.0)))
                        : bits >> 16;
            }
        };
    }

    @Override public void close() throws IOException { in.close(); }

    private static BaasException unreadable(Path file, String why) {
        return new BaasException(ErrorCode.PROVIDER_ERROR, "audio file " + file + " is unreadable: " + why);
    }

    private static String ascii(byte[] b, int at) { return new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII); }

    private static int le16(byte[] b, int at) { return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8); }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
    }
}
