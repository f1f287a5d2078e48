package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.VideoFrame;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Frames of a made-up meeting: solid-colour cameras, silence, tones and claps, on a shared clock. */
final class Synthetic {
    /** The media clock's origin: an arbitrary instant in epoch microseconds. */
    static final long T0 = 1_764_000_000_000_000L;
    static final int RATE = 16_000;
    static final int AUDIO_MICROS = 20_000;

    private Synthetic() {}

    static long at(double seconds) { return T0 + Math.round(seconds * 1_000_000); }

    static VideoFrame solid(String source, double seconds, int w, int h, Color c) {
        byte[] data = new byte[w * h * 3];
        for (int i = 0; i < data.length; i += 3) {
            data[i] = (byte) c.getBlue();
            data[i + 1] = (byte) c.getGreen();
            data[i + 2] = (byte) c.getRed();
        }
        return new VideoFrame(source, at(seconds), w, h, "bgr24", data);
    }

    static VideoFrame jpeg(String source, double seconds, int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VideoFrame(source, at(seconds), w, h, "jpeg", out.toByteArray());
    }

    static AudioFrame silence(String source, double seconds) {
        return new AudioFrame(source, at(seconds), RATE, new short[RATE * AUDIO_MICROS / 1_000_000]);
    }

    /** 20 ms of a sine tone at {@code amplitude}, phase-continuous across frames. */
    static AudioFrame tone(String source, double seconds, double hz, int amplitude) {
        short[] s = new short[RATE * AUDIO_MICROS / 1_000_000];
        long first = Math.round(seconds * RATE);
        for (int i = 0; i < s.length; i++) s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (first + i) / RATE));
        return new AudioFrame(source, at(seconds), RATE, s);
    }

    static short[] concat(short[] a, short[] b) {
        short[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
