package dev.baas.spi;

/** Where a session delivers captured media. Called from capture threads; implementations must not block long. */
public interface MediaSink {
    void audio(AudioFrame frame);

    void video(VideoFrame frame);

    MediaSink DISCARD = new MediaSink() {
        @Override public void audio(AudioFrame frame) {}

        @Override public void video(VideoFrame frame) {}
    };
}
