package dev.baas.core.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** An {@link OutboxStore} in memory, for embedding without a database and for tests. */
public final class InMemoryOutboxStore implements OutboxStore {
    private final TreeMap<Long, Delivery> deliveries = new TreeMap<>();
    private final TreeMap<Long, Delivery> pending = new TreeMap<>();
    private final Map<Long, Instant> leases = new TreeMap<>();
    private final Map<Long, List<Attempt>> attempts = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized void enqueue(List<Delivery.New> batch, Instant now) {
        for (Delivery.New n : batch) {
            long id = nextId++;
            put(new Delivery(id, n.accountId(), n.botId(), n.webhookId(), n.eventName(), n.url(), n.body(),
                    now, Delivery.State.PENDING, 0, now));
        }
    }

    @Override
    public synchronized List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Delivery> out = new ArrayList<>();
        Set<UUID> headsSeen = new HashSet<>();
        for (Delivery d : pending.values()) {
            if (out.size() >= limit) break;
            if (d.botId().isPresent() && !headsSeen.add(d.botId().get())) continue; // not the bot's oldest
            Instant lease = leases.get(d.id());
            if (d.nextAttemptAt().isAfter(now) || (lease != null && lease.isAfter(now))) continue;
            leases.put(d.id(), leaseUntil);
            out.add(d);
        }
        return out;
    }

    @Override
    public synchronized void recordAttempt(Attempt a, Delivery.State next, Optional<Instant> nextAttemptAt) {
        Delivery d = deliveries.get(a.deliveryId());
        attempts.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(a);
        leases.remove(d.id());
        put(new Delivery(d.id(), d.accountId(), d.botId(), d.webhookId(), d.eventName(), d.url(),
                d.body(), d.createdAt(), next, d.attempts() + 1, nextAttemptAt.orElse(d.nextAttemptAt())));
    }

    private void put(Delivery d) {
        deliveries.put(d.id(), d);
        if (d.state() == Delivery.State.PENDING) pending.put(d.id(), d);
        else pending.remove(d.id());
    }

    @Override public synchronized Optional<Delivery> find(long id) { return Optional.ofNullable(deliveries.get(id)); }

    @Override
    public synchronized List<Delivery> list(String accountId, long beforeId, int limit) {
        return deliveries.headMap(beforeId, false).descendingMap().values().stream()
                .filter(d -> d.accountId().equals(accountId)).limit(limit).toList();
    }

    @Override
    public synchronized List<Attempt> attempts(long id) { return List.copyOf(attempts.getOrDefault(id, List.of())); }

    @Override
    public synchronized void resend(long id, Instant now) {
        Delivery d = deliveries.get(id);
        if (d == null) return;
        leases.remove(id);
        put(new Delivery(d.id(), d.accountId(), d.botId(), d.webhookId(), d.eventName(), d.url(), d.body(),
                d.createdAt(), Delivery.State.PENDING, d.attempts(), now));
    }

    @Override public synchronized long pendingCount() { return pending.size(); }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return pending.values().stream()
                .map(d -> { Instant l = leases.get(d.id()); return l != null && l.isAfter(d.nextAttemptAt()) ? l : d.nextAttemptAt(); })
                .min(Comparator.naturalOrder());
    }
}
