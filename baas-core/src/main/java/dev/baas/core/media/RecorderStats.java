package dev.baas.core.media;

/**
 * What a recorder has done so far. Frames are dropped (and counted here) when the encoder falls behind, so capture
 * threads never wait on it; audio gaps left by drops are filled with silence, video gaps by the last picture.
 *
 * @param audioFrames        audio frames accepted
 * @param videoFrames        video frames accepted
 * @param droppedAudio       audio frames dropped because the encoder queue was full
 * @param droppedVideo       video frames dropped because the encoder queue was full
 * @param badVideo           video frames that could not be decoded (unknown format, corrupt image)
 * @param encodedVideoFrames frames written to the video file
 * @param encodedMicros      how far the written recording reaches, in microseconds
 * @param queued             frames waiting for the encoder
 * @param encodeLagMicros    how far the encoder is behind capture: the newest frame taken minus the newest encoded,
 *                           in media time (0 when nothing waits)
 */
public record RecorderStats(long audioFrames, long videoFrames, long droppedAudio, long droppedVideo, long badVideo,
                            long encodedVideoFrames, long encodedMicros, int queued, long encodeLagMicros) {
    /** A recorder that counts nothing. */
    public static final RecorderStats NONE = new RecorderStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public long dropped() { return droppedAudio + droppedVideo; }
}
