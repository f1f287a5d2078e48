package dev.baas.core.store;

import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.Transcript;

import java.util.List;
import java.util.Optional;

/**
 * A bot with what a database keeps beside its lifecycle: its v1 integer id, who spoke, the finished recording, the
 * transcript, why it failed, and whether its data was deleted.
 */
public record StoredBot(BotRecord bot, long number, List<String> speakers, Optional<MeetingArtifacts> artifacts,
                        Optional<Transcript> transcript, Optional<String> errorCode, Optional<String> errorMessage,
                        boolean dataDeleted) {
    public StoredBot {
        speakers = List.copyOf(speakers);
    }
}
