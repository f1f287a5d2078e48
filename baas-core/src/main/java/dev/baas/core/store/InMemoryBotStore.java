package dev.baas.core.store;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BotStore} in memory: for embedding without a database, and for tests. */
public final class InMemoryBotStore implements BotStore {
    private final Map<UUID, BotRecord> bots = new ConcurrentHashMap<>();
    private final Map<UUID, List<BotEvent>> events = new ConcurrentHashMap<>();

    @Override
    public synchronized void create(BotRecord bot, List<BotEvent> initial) {
        if (bots.putIfAbsent(bot.id(), bot) != null) throw new IllegalStateException("bot exists: " + bot.id());
        events.put(bot.id(), new ArrayList<>(initial));
    }

    @Override
    public Optional<BotRecord> find(UUID id) { return Optional.ofNullable(bots.get(id)); }

    @Override
    public synchronized BotRecord transition(UUID id, BotPhase to, Instant at, List<BotEvent> evs) {
        BotRecord current = bots.get(id);
        if (current == null) throw new IllegalStateException("no bot " + id);
        current.phase().checkTransition(to);
        BotRecord next = current.withPhase(to, at);
        bots.put(id, next);
        events.get(id).addAll(evs);
        return next;
    }

    @Override
    public synchronized void append(UUID id, List<BotEvent> evs) {
        List<BotEvent> list = events.get(id);
        if (list == null) throw new IllegalStateException("no bot " + id);
        list.addAll(evs);
    }

    @Override
    public List<BotRecord> unfinished() {
        return bots.values().stream().filter(b -> !b.phase().isTerminal()).toList();
    }

    /** Every event stored for a bot, in order. */
    public synchronized List<BotEvent> events(UUID id) { return List.copyOf(events.getOrDefault(id, List.of())); }
}
