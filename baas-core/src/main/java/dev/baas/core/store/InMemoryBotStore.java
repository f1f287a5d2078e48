package dev.baas.core.store;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.OutboxStore;
import dev.baas.core.webhook.WebhookPlanner;

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
    private final OutboxStore outbox;
    private final WebhookPlanner planner;
    private final Runnable afterCommit;
    private final java.time.Clock clock;

    public InMemoryBotStore() { this(null, null, () -> {}, java.time.Clock.systemUTC()); }

    /** A store that also writes the webhooks its events cause into {@code outbox}, under the same lock. */
    public InMemoryBotStore(OutboxStore outbox, WebhookPlanner planner, Runnable afterCommit, java.time.Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.planner = planner;
        this.afterCommit = afterCommit;
    }

    private void enqueue(BotRecord bot, List<BotEvent> evs) {
        if (outbox == null || evs.isEmpty()) return;
        List<Delivery.New> planned = planner.plan(bot, evs);
        if (!planned.isEmpty()) outbox.enqueue(planned, clock.instant());
    }

    @Override
    public synchronized void create(BotRecord bot, List<BotEvent> initial) {
        if (bots.putIfAbsent(bot.id(), bot) != null) throw new IllegalStateException("bot exists: " + bot.id());
        events.put(bot.id(), new ArrayList<>(initial));
        enqueue(bot, initial);
        afterCommit.run();
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
        enqueue(next, evs);
        afterCommit.run();
        return next;
    }

    @Override
    public synchronized void append(UUID id, List<BotEvent> evs) {
        List<BotEvent> list = events.get(id);
        if (list == null) throw new IllegalStateException("no bot " + id);
        list.addAll(evs);
        enqueue(bots.get(id), evs);
    }

    @Override
    public List<BotRecord> unfinished() {
        return bots.values().stream().filter(b -> !b.phase().isTerminal()).toList();
    }

    /** Every event stored for a bot, in order. */
    public synchronized List<BotEvent> events(UUID id) { return List.copyOf(events.getOrDefault(id, List.of())); }
}
