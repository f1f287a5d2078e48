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
