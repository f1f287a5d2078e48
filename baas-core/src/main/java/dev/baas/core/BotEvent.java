package dev.baas.core;

import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.Participant;
import dev.baas.spi.Transcript;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the engine tells the world about a bot: persisted with the state change, delivered to subscribers. */
public sealed interface BotEvent {
    UUID botId();

    Instant at();

    /** A {@code bot.status_change}: the v1 code and its optional details (start_time, error_message, ...). */
    record StatusChanged(UUID botId, Instant at, BotStatusCode code, Map<String, Object> details) implements BotEvent {
        public StatusChanged {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }

    /** The bot finished and its artifacts are ready: v1's {@code complete}. */
    record Completed(UUID botId, Instant at, MeetingArtifacts artifacts, List<String> speakers,
                     Optional<Transcript> transcript, Optional<String> transcriptionError) implements BotEvent {
        public Completed {
            speakers = List.copyOf(speakers);
            transcript = transcript == null ? Optional.empty() : transcript;
            transcriptionError = transcriptionError == null ? Optional.empty() : transcriptionError;
        }
    }

    /** The bot ended without a recording to deliver: v1's {@code failed}. */
    record Failed(UUID botId, Instant at, FailureCode error, String message) implements BotEvent {}

    /** Someone joined or left; not a v1 webhook, for dashboards and embedders. */
    record ParticipantsChanged(UUID botId, Instant at, List<Participant> present) implements BotEvent {
        public ParticipantsChanged {
            present = List.copyOf(present);
        }
    }

    /** A chat line seen in the meeting (or sent by the bot); not a v1 webhook. */
    record Chat(UUID botId, Instant at, String sender, String text, boolean fromBot) implements BotEvent {}

    /** A live audio stream connected, dropped or failed ({@code direction} is "output" or "input"); not a v1 webhook. */
    record StreamState(UUID botId, Instant at, String direction, String state, Optional<String> error) implements BotEvent {}

    /** The speaker changed; not a v1 webhook. */
    record Speaker(UUID botId, Instant at, Participant participant, boolean speaking) implements BotEvent {}
}
