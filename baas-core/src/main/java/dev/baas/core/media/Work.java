package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.VideoFrame;

/** What capture and control threads hand to a recorder's encoding thread, in the order they happened. */
sealed interface Work {
    /** Media counted against the queue's bounds; everything else always gets through. */
    sealed interface Media extends Work {
        long bytes();
    }

    record Audio(AudioFrame frame) implements Media {
        @Override public long bytes() { return frame.samples().length * 2L; }
    }

    record Video(VideoFrame frame) implements Media {
        @Override public long bytes() { return frame.data().length; }
    }

    record Speaker(String participantId, String name, boolean speaking, long timestampMicros) implements Work {}

    /** Recording resumes after a pause: the next frame continues the recording where it stopped. */
    record Resume() implements Work {}

    /** No more work: close the files. */
    record End() implements Work {}
}
