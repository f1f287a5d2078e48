package dev.baas.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable webhook deliveries and their attempts. */
public interface OutboxStore {
    /** Adds deliveries (outside a bot's transaction: calendar events, re-sends). */
    void enqueue(List<Delivery.New> deliveries, Instant now);

    /**
     * Pending deliveries that are due, at most one per bot (its oldest still pending, so a bot's events arrive in
     * order), leased until {@code leaseUntil} so no other dispatcher takes them meanwhile.
     */
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Records an attempt and what follows: delivered, dead, or pending again at {@code nextAttemptAt}. */
    void recordAttempt(Attempt attempt, Delivery.State next, Optional<Instant> nextAttemptAt);

    Optional<Delivery> find(long id);

    /** An account's deliveries, newest first, with ids below {@code beforeId} (paging). */
    List<Delivery> list(String accountId, long beforeId, int limit);

    List<Attempt> attempts(long deliveryId);

    /** Makes a delivery pending again, due now, for a manual re-send. */
    void resend(long id, Instant now);

    /** How many deliveries are still pending (the queue depth). */
    long pendingCount();

    /** When the earliest pending delivery falls due, so a dispatcher knows how long it may sleep. */
    Optional<Instant> nextDue();
}
