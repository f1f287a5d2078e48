package dev.baas.core.media;

import dev.baas.spi.MediaSink;
import dev.baas.spi.MeetingArtifacts;

import dev.baas.core.logging.ProgressLog;

import java.io.IOException;
import java.util.Optional;

/**
 * Turns one bot's captured media into files while the meeting runs. Frames that arrive while not recording are
 * dropped, so pause and resume cut the recording.
 */
public interface Recorder extends MediaSink, AutoCloseable {
    /** Starts (or resumes) keeping frames. */
    void record(boolean on);

    /**
     * Who is speaking, so a speaker view can follow them and per-participant tracks can be named.
     * {@code timestampMicros} is on the media clock (microseconds since the Unix epoch).
     */
    default void speaker(String participantId, String name, boolean speaking, long timestampMicros) {}

    /** Frames taken, dropped and encoded so far, and how far encoding lags: read by metrics while the bot runs. */
    default RecorderStats stats() { return RecorderStats.NONE; }

    /** How finishing goes, while {@link #finish()} encodes what capture left queued. */
    default Optional<ProgressLog.Snapshot> progress() { return Optional.empty(); }

    /** Closes the files and says what they are. Called once. */
    MeetingArtifacts finish() throws IOException;

    /** Releases everything without finishing (a failed bot keeps what was written). */
    @Override void close();
}
