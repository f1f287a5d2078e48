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
 */
public record RecorderStats(long audioFrames, long videoFrames, long droppedAudio, long droppedVideo, long badVideo,
                            long encodedVideoFrames, long encodedMicros, int queued) {
    public long dropped() { return droppedAudio + droppedVideo; }
}
