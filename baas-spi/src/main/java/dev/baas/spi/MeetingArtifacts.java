package dev.baas.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a finished bot leaves behind: the recording, the mixed audio, per-participant audio, the duration. */
public record MeetingArtifacts(Optional<Path> video, Optional<Path> audio, Map<String, Path> participantAudio,
                               double durationSeconds) {
    public MeetingArtifacts {
        video = video == null ? Optional.empty() : video;
        audio = audio == null ? Optional.empty() : audio;
        participantAudio = participantAudio == null ? Map.of() : Map.copyOf(participantAudio);
    }

    public static MeetingArtifacts none() { return new MeetingArtifacts(Optional.empty(), Optional.empty(), Map.of(), 0); }
}
