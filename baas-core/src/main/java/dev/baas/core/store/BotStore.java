package dev.baas.core.store;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where bots and their events live. A phase change and the events it causes are written together, atomically,
 * so an event is never lost or sent for a change that did not happen (the webhook outbox reads these events).
 */
public interface BotStore {
    void create(BotRecord bot, List<BotEvent> events);

    Optional<BotRecord> find(UUID id);

    /**
     * Moves the bot to {@code to} and appends {@code events}, in one transaction.
     *
     * @throws IllegalStateException if the stored phase does not allow the move
     */
    BotRecord transition(UUID id, BotPhase to, Instant at, List<BotEvent> events);

    /** Appends events that change no phase (participants, chat, speakers). */
    void append(UUID id, List<BotEvent> events);

    /** Bots not yet in a terminal phase: what a restarted node must finish. */
    List<BotRecord> unfinished();
}
