package dev.baas.core.store;

import dev.baas.core.BotPhase;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingRef;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A bot as stored: who owns it, what it was asked to do, where it is in its life, and the calendar event it was sent
 * to, if any.
 */
public record BotRecord(UUID id, String accountId, BotConfig config, MeetingRef meeting, BotPhase phase,
                        Instant createdAt, Optional<Instant> joinedAt, Optional<Instant> exitedAt,
                        Optional<Instant> endedAt, Optional<UUID> eventUuid) {
    public BotRecord {
        eventUuid = eventUuid == null ? Optional.empty() : eventUuid;
        joinedAt = joinedAt == null ? Optional.empty() : joinedAt;
        exitedAt = exitedAt == null ? Optional.empty() : exitedAt;
        endedAt = endedAt == null ? Optional.empty() : endedAt;
    }

    public BotRecord withPhase(BotPhase next, Instant at) {
        Optional<Instant> joined = joinedAt;
        Optional<Instant> exited = exitedAt;
        Optional<Instant> ended = endedAt;
        if (next == BotPhase.IN_CALL_NOT_RECORDING && joined.isEmpty()) joined = Optional.of(at);
        if (next == BotPhase.ENDING && phase.inCall()) exited = Optional.of(at);
        if (next == BotPhase.FAILED && phase.inCall() && exited.isEmpty()) exited = Optional.of(at);
        if (next.isTerminal()) ended = Optional.of(at);
        return new BotRecord(id, accountId, config, meeting, next, createdAt, joined, exited, ended, eventUuid);
    }
}
