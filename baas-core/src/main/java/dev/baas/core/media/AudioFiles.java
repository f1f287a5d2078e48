package dev.baas.core.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads recorded audio back, whatever its container and codec (WAV, MP3, MP4/AAC), e.g. for speech-to-text. */
public final class AudioFiles {
    private AudioFiles() {}

    /**
     * How many seconds of audio the file holds, from its header; {@code fallback} when it cannot tell (no length
     * in the header, unreadable file).
     */
    public static double seconds(Path file, double fallback) {
        if (file.getFileName().toString().endsWith(".wav")) {
            try {
                javax.sound.sampled.AudioFileFormat f = javax.sound.sampled.AudioSystem.getAudioFileFormat(file.toFile());
                if (f.getFrameLength() > 0 && f.getFormat().getFrameRate() > 0) return f.getFrameLength() / f.getFormat().getFrameRate();
            } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
                return fallback;
            }
            return fallback;
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            long micros = g.getLengthInTime();
            return micros > 0 ? micros / 1e6 : fallback;
        } catch (FrameGrabber.Exception e) {
            return fallback;
        }
    }

    /** The file's audio as mono 16-bit samples at {@code sampleRate}. */
    public static short[] pcm(Path file, int sampleRate) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            g.setSampleRate(sampleRate);
            g.setAudioChannels(1);
            g.start();
            short[] out = new short[sampleRate * 10];
            int length = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                ShortBuffer s = (ShortBuffer) f.samples[0];
                if (f.timestamp < 0) { // encoder priming placed before time 0 (AAC in MP4): not part of the recording
                    long skip = Math.min(s.remaining(), Math.round(-f.timestamp * (double) sampleRate / 1_000_000));
                    s.position(s.position() + (int) skip);
                }
                int n = s.remaining();
                if (length + n > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
                s.get(out, length, n);
                length += n;
            }
            return Arrays.copyOf(out, length);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read audio from " + file + ": " + e.getMessage(), e);
        }
    }
}
