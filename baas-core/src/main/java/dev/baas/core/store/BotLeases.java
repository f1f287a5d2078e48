package dev.baas.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which node runs which bot, when several nodes share one database. A node holds a lease on each bot it runs and
 * renews them all by heartbeat; a lease that ran out means its node died.
 */
public interface BotLeases {
    /** A bot a node took: never owned before, or taken over from {@code previousOwner}, whose lease ran out. */
    record Claimed(BotRecord bot, Optional<String> previousOwner) {}

    /**
     * Takes up to {@code limit} unfinished bots that no node holds (none yet, or a lease that ran out before
     * {@code now}), oldest first, for {@code node} until {@code until}. Nodes claiming at once never get the same bot.
     */
    List<Claimed> claim(String node, int limit, Instant now, Instant until);

    /**
     * As {@link #claim}, only bots of dead nodes that had started (joining or in their meeting): ending them needs no
     * room on the node that does it.
     */
    List<Claimed> claimStarted(String node, int limit, Instant now, Instant until);

    /** Stores a new bot as {@link BotStore#create} does, held by {@code node} (which runs it) from the start. */
    void createHeld(BotRecord bot, List<dev.baas.core.BotEvent> events, String node, Instant until);

    /** Extends every lease {@code node} holds on unfinished bots; answers how many. */
    int renew(String node, Instant until);

    /** Unfinished bots held by {@code node}: what it left behind if it restarts under the same name. */
    List<BotRecord> heldBy(String node);

    /** Asks a bot run by another node to leave; its node sees it at its next heartbeat. */
    void requestStop(UUID bot, Instant at);

    /** Bots held by {@code node} that someone asked to leave. */
    List<UUID> stopsRequested(String node);

    /**
     * As {@link BotStore#transition}, only while {@code node} holds the bot: a node whose heartbeat came too late,
     * and whose bot another node took over meanwhile, must not write over what that node does.
     *
     * @throws Lost if another node holds the bot now
     */
    BotRecord transitionHeld(UUID id, String node, dev.baas.core.BotPhase to, Instant at, List<dev.baas.core.BotEvent> events);

    /** As {@link BotStore#append}, only while {@code node} holds the bot; else {@link Lost}. */
    void appendHeld(UUID id, String node, List<dev.baas.core.BotEvent> events);

    /** A node wrote to a bot another node holds now. */
    final class Lost extends IllegalStateException {
        public Lost(UUID bot, String node, String holder) {
            super("bot " + bot + " is held by " + (holder == null ? "no node" : "node " + holder) + ", not " + node);
        }
    }
}
