package dev.baas.core.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.awt.Color;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recording as a player sees it, decoded with FFmpeg: codec names, each video frame's time and colours at a few
 * points, and the audio samples.
 *
 * @param points where to sample each picture, as fractions of width and height
 */
record Decoded(String format, String videoCodec, String audioCodec, int sampleRate, List<Picture> pictures,
               short[] audio, long audioStartMicros, double[][] points) {

    record Picture(long micros, Color[] colours) {}

    static Decoded of(Path file, double[]... points) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            g.start();
            List<Picture> pictures = new ArrayList<>();
            short[] audio = new short[0];
            long audioStart = -1;
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    ByteBuffer b = (ByteBuffer) f.image[0];
                    Color[] cs = new Color[points.length];
                    for (int i = 0; i < points.length; i++) {
                        int x = (int) (points[i][0] * (f.imageWidth - 1));
                        int y = (int) (points[i][1] * (f.imageHeight - 1));
                        int o = y * f.imageStride + x * 3;
                        cs[i] = new Color(b.get(o + 2) & 0xff, b.get(o + 1) & 0xff, b.get(o) & 0xff);
                    }
                    pictures.add(new Picture(f.timestamp, cs));
                }
                if (f.samples != null) {
                    ShortBuffer s = (ShortBuffer) f.samples[0];
                    short[] chunk = new short[s.remaining()];
                    s.get(chunk);
                    if (audioStart < 0) audioStart = f.timestamp;
                    audio = Synthetic.concat(audio, chunk);
                }
            }
            return new Decoded(g.getFormat(), g.getVideoCodecName(), g.getAudioCodecName(), g.getSampleRate(),
                    pictures, audio, Math.max(0, audioStart), points);
        }
    }

    double videoSeconds(int fps) {
        return pictures.isEmpty() ? 0 : pictures.getLast().micros() / 1e6 + 1.0 / fps;
    }

    double audioSeconds() { return audioStartMicros / 1e6 + audio.length / (double) sampleRate; }

    /** The colour at sample point {@code point} of the picture showing at {@code seconds}. */
    Color colourAt(double seconds, int point) {
        Picture showing = pictures.getFirst();
        for (Picture p : pictures) {
            if (p.micros() <= seconds * 1e6 + 1) showing = p;
        }
        return showing.colours()[point];
    }

    /** When sample point {@code point} first looks like {@code colour} (within {@code tolerance} per channel). */
    Optional<Double> firstSeen(Color colour, int point, int tolerance) {
        return pictures.stream().filter(p -> near(p.colours()[point], colour, tolerance))
                .map(p -> p.micros() / 1e6).findFirst();
    }

    /** When the audio first exceeds {@code level}. */
    Optional<Double> firstLoud(int level) {
        for (int i = 0; i < audio.length; i++) {
            if (Math.abs(audio[i]) > level) return Optional.of(audioStartMicros / 1e6 + i / (double) sampleRate);
        }
        return Optional.empty();
    }

    static boolean near(Color a, Color b, int tolerance) {
        return Math.abs(a.getRed() - b.getRed()) <= tolerance && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
                && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
    }
}
