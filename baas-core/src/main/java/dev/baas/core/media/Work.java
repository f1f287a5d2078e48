package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.VideoFrame;

/** What capture and control threads hand to a recorder's encoding thread, in the order they happened. */
sealed interface Work {
    /** Media counted against the queue's bounds; everything else always gets through. */
    sealed interface Media extends Work {
        long bytes();

        /** When it was captured, on the media clock. */
        long micros();
    }

    record Audio(AudioFrame frame) implements Media {
        @Override public long bytes() { return frame.samples().length * 2L; }

        @Override public long micros() { return frame.timestampMicros(); }
    }

    record Video(VideoFrame frame) implements Media {
        @Override public long bytes() { return frame.data().length; }

        @Override public long micros() { return frame.timestampMicros(); }
    }

    record Speaker(String participantId, String name, boolean speaking, long timestampMicros) implements Work {}

    /** Recording resumes after a pause: the next frame continues the recording where it stopped. */
    record Resume() implements Work {}

    /** No more work: close the files. */
    record End() implements Work {}
}
