package dev.baas.core.webhook;

import dev.baas.core.db.Database;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.baas.core.db.Tables.WebhookAttempts;
import static dev.baas.core.db.Tables.WebhookDeliveries;

/**
 * The outbox in SQL (H2 or PostgreSQL). Claiming is an optimistic lease (an update that only succeeds if nobody
 * holds the row), so several dispatchers on several nodes share one outbox without double delivery; a node that
 * dies lets its leases expire and another takes over.
 */
public final class JooqOutboxStore implements OutboxStore {
    private final DSLContext dsl;

    public JooqOutboxStore(Database db) { this.dsl = db.dsl(); }

    @Override
    public void enqueue(List<Delivery.New> deliveries, Instant now) { enqueue(dsl, deliveries, now); }

    /** Writes deliveries inside a caller's transaction, so they exist exactly when the event that caused them does. */
    public static void enqueue(DSLContext tx, List<Delivery.New> deliveries, Instant now) {
        if (deliveries.isEmpty()) return;
        var insert = tx.insertInto(WebhookDeliveries.TABLE, WebhookDeliveries.ACCOUNT_ID, WebhookDeliveries.BOT_ID,
                WebhookDeliveries.WEBHOOK_ID, WebhookDeliveries.EVENT_NAME, WebhookDeliveries.URL, WebhookDeliveries.BODY,
                WebhookDeliveries.STATE, WebhookDeliveries.ATTEMPTS, WebhookDeliveries.NEXT_ATTEMPT_AT, WebhookDeliveries.CREATED_AT);
        for (Delivery.New d : deliveries) {
            insert = insert.values(d.accountId(), d.botId().orElse(null), d.webhookId(), d.eventName(), d.url(), d.body(),
                    Delivery.State.PENDING.name(), 0, time(now), time(now));
        }
        insert.execute();
    }

    @Override
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        var d = WebhookDeliveries.TABLE.as("d");
        var d2 = WebhookDeliveries.TABLE.as("d2");
        var dId = DSL.field(DSL.name("d", "id"), Long.class);
        var dBot = DSL.field(DSL.name("d", "bot_id"), java.util.UUID.class);
        var dState = DSL.field(DSL.name("d", "state"), String.class);
        var dNext = DSL.field(DSL.name("d", "next_attempt_at"), OffsetDateTime.class);
        var dLease = DSL.field(DSL.name("d", "lease_until"), OffsetDateTime.class);
        var d2Id = DSL.field(DSL.name("d2", "id"), Long.class);
        var d2Bot = DSL.field(DSL.name("d2", "bot_id"), java.util.UUID.class);
        var d2State = DSL.field(DSL.name("d2", "state"), String.class);
        String pending = Delivery.State.PENDING.name();
        // a bot's oldest pending delivery only, so a bot's events go out in order
        Condition head = dBot.isNull().or(dId.eq(DSL.select(DSL.min(d2Id)).from(d2).where(d2Bot.eq(dBot)).and(d2State.eq(pending))));
        List<Long> candidates = dsl.select(dId).from(d)
                .where(dState.eq(pending)).and(dNext.le(time(now)))
                .and(dLease.isNull().or(dLease.lt(time(now))))
                .and(head)
                .orderBy(dNext, dId).limit(limit * 2).fetch(dId);
        List<Delivery> claimed = new ArrayList<>();
        for (Long id : candidates) {
            if (claimed.size() >= limit) break;
            int won = dsl.update(WebhookDeliveries.TABLE).set(WebhookDeliveries.LEASE_UNTIL, time(leaseUntil))
                    .where(WebhookDeliveries.ID.eq(id)).and(WebhookDeliveries.STATE.eq(pending))
                    .and(WebhookDeliveries.LEASE_UNTIL.isNull().or(WebhookDeliveries.LEASE_UNTIL.lt(time(now))))
                    .execute();
            if (won == 1) find(id).ifPresent(claimed::add);
        }
        return claimed;
    }

    @Override
    public void recordAttempt(Attempt a, Delivery.State next, Optional<Instant> nextAttemptAt) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.insertInto(WebhookAttempts.TABLE)
                    .set(WebhookAttempts.DELIVERY_ID, a.deliveryId())
                    .set(WebhookAttempts.ATTEMPTED_AT, time(a.at()))
                    .set(WebhookAttempts.STATUS, a.status().isPresent() ? a.status().getAsInt() : null)
                    .set(WebhookAttempts.LATENCY_MS, a.latency().toMillis())
                    .set(WebhookAttempts.ERROR, a.error().map(e -> clip(e, 1000)).orElse(null))
                    .set(WebhookAttempts.RETRY_AFTER_MS, a.retryAfter().map(Duration::toMillis).orElse(null))
                    .execute();
            var update = tx.update(WebhookDeliveries.TABLE)
                    .set(WebhookDeliveries.STATE, next.name())
                    .set(WebhookDeliveries.ATTEMPTS, WebhookDeliveries.ATTEMPTS.plus(1))
                    .set(WebhookDeliveries.LEASE_UNTIL, (OffsetDateTime) null)
                    .set(WebhookDeliveries.LAST_STATUS, a.status().isPresent() ? a.status().getAsInt() : null)
                    .set(WebhookDeliveries.LAST_ERROR, a.error().map(e -> clip(e, 1000)).orElse(null));
            if (nextAttemptAt.isPresent()) update = update.set(WebhookDeliveries.NEXT_ATTEMPT_AT, time(nextAttemptAt.get()));
            if (next == Delivery.State.DELIVERED) update = update.set(WebhookDeliveries.DELIVERED_AT, time(a.at()));
            update.where(WebhookDeliveries.ID.eq(a.deliveryId())).execute();
        });
    }

    @Override
    public Optional<Delivery> find(long id) {
        return dsl.selectFrom(WebhookDeliveries.TABLE).where(WebhookDeliveries.ID.eq(id)).fetchOptional().map(JooqOutboxStore::delivery);
    }

    @Override
    public List<Delivery> list(String accountId, long beforeId, int limit) {
        return dsl.selectFrom(WebhookDeliveries.TABLE).where(WebhookDeliveries.ACCOUNT_ID.eq(accountId))
                .and(WebhookDeliveries.ID.lt(beforeId)).orderBy(WebhookDeliveries.ID.desc()).limit(limit)
                .fetch(JooqOutboxStore::delivery);
    }

    /** An account's deliveries for one bot, oldest first. */
    public List<Delivery> forBot(String accountId, java.util.UUID botId) {
        return dsl.selectFrom(WebhookDeliveries.TABLE).where(WebhookDeliveries.ACCOUNT_ID.eq(accountId))
                .and(WebhookDeliveries.BOT_ID.eq(botId)).orderBy(WebhookDeliveries.ID).fetch(JooqOutboxStore::delivery);
    }

    @Override
    public List<Attempt> attempts(long deliveryId) {
        return dsl.selectFrom(WebhookAttempts.TABLE).where(WebhookAttempts.DELIVERY_ID.eq(deliveryId))
                .orderBy(WebhookAttempts.ID).fetch(r -> new Attempt(deliveryId, r.get(WebhookAttempts.ATTEMPTED_AT).toInstant(),
                        r.get(WebhookAttempts.STATUS) == null ? OptionalInt.empty() : OptionalInt.of(r.get(WebhookAttempts.STATUS)),
                        Duration.ofMillis(r.get(WebhookAttempts.LATENCY_MS)), Optional.ofNullable(r.get(WebhookAttempts.ERROR)),
                        Optional.ofNullable(r.get(WebhookAttempts.RETRY_AFTER_MS)).map(Duration::ofMillis)));
    }

    @Override
    public void resend(long id, Instant now) {
        dsl.update(WebhookDeliveries.TABLE).set(WebhookDeliveries.STATE, Delivery.State.PENDING.name())
                .set(WebhookDeliveries.NEXT_ATTEMPT_AT, time(now)).set(WebhookDeliveries.LEASE_UNTIL, (OffsetDateTime) null)
                .where(WebhookDeliveries.ID.eq(id)).execute();
    }

    @Override
    public long pendingCount() {
        return dsl.fetchCount(WebhookDeliveries.TABLE, WebhookDeliveries.STATE.eq(Delivery.State.PENDING.name()));
    }

    /** When the oldest delivery still pending was written: how long the queue has been holding someone back. */
    public Optional<Instant> oldestPending() {
        OffsetDateTime oldest = dsl.select(DSL.min(WebhookDeliveries.CREATED_AT)).from(WebhookDeliveries.TABLE)
                .where(WebhookDeliveries.STATE.eq(Delivery.State.PENDING.name())).fetchOne(0, OffsetDateTime.class);
        return Optional.ofNullable(oldest).map(OffsetDateTime::toInstant);
    }

    @Override
    public Optional<Instant> nextDue() {
        OffsetDateTime next = dsl.select(DSL.min(DSL.greatest(WebhookDeliveries.NEXT_ATTEMPT_AT,
                        DSL.coalesce(WebhookDeliveries.LEASE_UNTIL, WebhookDeliveries.NEXT_ATTEMPT_AT))))
                .from(WebhookDeliveries.TABLE).where(WebhookDeliveries.STATE.eq(Delivery.State.PENDING.name()))
                .fetchOne(0, OffsetDateTime.class);
        return Optional.ofNullable(next).map(OffsetDateTime::toInstant);
    }

    private static Delivery delivery(Record r) {
        return new Delivery(r.get(WebhookDeliveries.ID), r.get(WebhookDeliveries.ACCOUNT_ID),
                Optional.ofNullable(r.get(WebhookDeliveries.BOT_ID)), r.get(WebhookDeliveries.WEBHOOK_ID),
                r.get(WebhookDeliveries.EVENT_NAME), r.get(WebhookDeliveries.URL), r.get(WebhookDeliveries.BODY),
                r.get(WebhookDeliveries.CREATED_AT).toInstant(), Delivery.State.valueOf(r.get(WebhookDeliveries.STATE)),
                r.get(WebhookDeliveries.ATTEMPTS), r.get(WebhookDeliveries.NEXT_ATTEMPT_AT).toInstant());
    }

    private static OffsetDateTime time(Instant at) { return at.atOffset(ZoneOffset.UTC); }

    private static String clip(String s, int n) { return s.length() <= n ? s : s.substring(0, n); }
}
