package dev.baas.core.media;

import dev.baas.spi.BaasException;

/**
 * How recordings are encoded.
 *
 * @param width            video width in pixels (even)
 * @param height           video height in pixels (even)
 * @param fps              video frames per second
 * @param videoBitrate     H.264 target bits per second
 * @param audioBitrate     AAC / MP3 target bits per second
 * @param sampleRate       sample rate of every audio output; input at other rates is resampled
 * @param queueFrames      frames that may wait for the encoder before new ones are dropped
 * @param queueBytes       bytes of frames that may wait for the encoder before new ones are dropped
 */
public record RecordingSettings(int width, int height, int fps, int videoBitrate, int audioBitrate, int sampleRate,
                                int queueFrames, long queueBytes) {
    public RecordingSettings {
        if (width < 16 || width > 7680 || width % 2 != 0) throw BaasException.invalid("width", "must be an even number from 16 to 7680");
        if (height < 16 || height > 4320 || height % 2 != 0) throw BaasException.invalid("height", "must be an even number from 16 to 4320");
        if (fps < 1 || fps > 60) throw BaasException.invalid("fps", "must be from 1 to 60");
        if (videoBitrate < 50_000) throw BaasException.invalid("videoBitrate", "must be at least 50000");
        if (audioBitrate < 8_000) throw BaasException.invalid("audioBitrate", "must be at least 8000");
        if (sampleRate != 8_000 && sampleRate != 16_000 && sampleRate != 24_000 && sampleRate != 32_000
                && sampleRate != 44_100 && sampleRate != 48_000) {
            throw BaasException.invalid("sampleRate", "must be 8000, 16000, 24000, 32000, 44100 or 48000");
        }
        if (queueFrames < 1) throw BaasException.invalid("queueFrames", "must be positive");
        if (queueBytes < 1) throw BaasException.invalid("queueBytes", "must be positive");
    }

    /** 1280x720 at 15 fps, 1.2 Mbit/s video, 64 kbit/s audio at 16 kHz; up to 1000 frames or 256 MB waiting. */
    public static RecordingSettings defaults() {
        return new RecordingSettings(1280, 720, 15, 1_200_000, 64_000, 16_000, 1000, 256L << 20);
    }

    public RecordingSettings withSize(int w, int h) {
        return new RecordingSettings(w, h, fps, videoBitrate, audioBitrate, sampleRate, queueFrames, queueBytes);
    }

    public RecordingSettings withFps(int f) {
        return new RecordingSettings(width, height, f, videoBitrate, audioBitrate, sampleRate, queueFrames, queueBytes);
    }

    public RecordingSettings withQueue(int frames, long bytes) {
        return new RecordingSettings(width, height, fps, videoBitrate, audioBitrate, sampleRate, frames, bytes);
    }

    long frameMicros() { return 1_000_000L / fps; }
}
