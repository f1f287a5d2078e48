package dev.baas.core.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * One file FFmpeg encodes into as frames come: an MP4 (H.264 + AAC) or an MP3. The MP4 is fragmented with an empty
 * header box, so whatever reached the disk before a crash plays without a trailer.
 */
final class FfmpegOutput implements AudioTimeline.Sink, AutoCloseable {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameRecorder recorder;
    private final int sampleRate;
    private ShortBuffer samples = ByteBuffer.allocateDirect(2 * 4096).order(ByteOrder.nativeOrder()).asShortBuffer();
    private ByteBuffer picture;
    private boolean closed;

    private FfmpegOutput(FFmpegFrameRecorder recorder, int sampleRate) throws IOException {
        this.recorder = recorder;
        this.sampleRate = sampleRate;
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot start encoding " + e.getMessage(), e);
        }
    }

    /**
     * H.264 video with one AAC track; a keyframe every two seconds of encoded pictures, a new fragment at each
     * keyframe and at least every second, so a crash loses about a second.
     */
    static FfmpegOutput mp4(Path file, RecordingSettings s) throws IOException {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), s.width(), s.height(), 1);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(s.fps());
        r.setGopSize(s.fps() * 2);
        r.setVideoBitrate(s.videoBitrate());
        r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        r.setAudioChannels(1);
        r.setSampleRate(s.sampleRate());
        r.setAudioBitrate(s.audioBitrate());
        // delay_moov: the header is written with the first fragment, once the edit list that hides AAC's priming
        // samples is known, so sound and picture both start at 0 in every player
        r.setOption("movflags", "frag_keyframe+empty_moov+delay_moov+default_base_moof");
        r.setOption("frag_duration", "1000000");
        r.setOption("flush_packets", "1");
        return new FfmpegOutput(r, s.sampleRate());
    }

    /** Audio only, MP3 through LAME; MP3 frames stand alone, so a cut file plays up to the cut. */
    static FfmpegOutput mp3(Path file, RecordingSettings s) throws IOException {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1);
        r.setFormat("mp3");
        r.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
        r.setAudioChannels(1);
        r.setSampleRate(s.sampleRate());
        r.setAudioBitrate(s.audioBitrate());
        r.setOption("flush_packets", "1");
        return new FfmpegOutput(r, s.sampleRate());
    }

    @Override
    public void write(short[] in, int offset, int length) throws IOException {
        if (samples.capacity() < length) {
            samples = ByteBuffer.allocateDirect(2 * length).order(ByteOrder.nativeOrder()).asShortBuffer();
        }
        samples.clear();
        samples.put(in, offset, length).flip();
        try {
            recorder.recordSamples(sampleRate, 1, samples);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("audio encoding failed: " + e.getMessage(), e);
        }
    }

    /** Encodes a packed BGR picture of the output size as video frame number {@code index}. */
    void video(byte[] bgr, int width, int height, long index) throws IOException {
        if (picture == null || picture.capacity() != bgr.length) picture = ByteBuffer.allocateDirect(bgr.length);
        picture.clear();
        picture.put(bgr).flip();
        try {
            recorder.setFrameNumber(Math.toIntExact(index));
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, avutil.AV_PIX_FMT_BGR24, picture);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("video encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            recorder.stop(); // flushes the encoders, writes the trailer and releases the native side
        } catch (FrameRecorder.Exception e) {
            IOException failure = new IOException("cannot close the recording: " + e.getMessage(), e);
            try {
                recorder.release();
            } catch (FrameRecorder.Exception again) {
                failure.addSuppressed(again);
            }
            throw failure;
        }
    }
}
