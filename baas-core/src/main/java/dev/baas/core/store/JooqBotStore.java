package dev.baas.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.core.db.BotConfigJson;
import dev.baas.core.db.BotEventJson;
import dev.baas.core.db.Database;
import dev.baas.core.db.JsonCodec;
import dev.baas.spi.BaasException;
import dev.baas.spi.Transcript;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.baas.core.db.Tables.BotEvents;
import static dev.baas.core.db.Tables.Bots;

/**
 * Bots and their events in a SQL database (H2 or PostgreSQL) through jOOQ. A phase change, the bot columns it
 * fills (times, artifacts, transcript, error) and the events it causes are written in one transaction, with the
 * bot's row locked so its event sequence numbers never clash.
 */
public final class JooqBotStore implements BotStore, BotLeases {
    /** How many bots a listing that filters on {@code extra} or speakers looks at, newest first. */
    static final int IN_MEMORY_SCAN_LIMIT = 5_000;

    private final DSLContext dsl;
    private final TransactionHook hook;

    /** Work that must commit or roll back with a bot's events (the webhook outbox). */
    @FunctionalInterface
    public interface TransactionHook {
        void inTransaction(DSLContext tx, BotRecord bot, List<BotEvent> events);

        TransactionHook NONE = (tx, bot, events) -> { };
    }

    public JooqBotStore(Database db) { this(db, TransactionHook.NONE); }

    public JooqBotStore(Database db, TransactionHook hook) {
        this.dsl = db.dsl();
        this.hook = hook;
    }

    @Override
    public void create(BotRecord bot, List<BotEvent> events) { create(bot, events, null, null); }

    @Override
    public void createHeld(BotRecord bot, List<BotEvent> events, String node, Instant until) {
        create(bot, events, node, time(until));
    }

    private void create(BotRecord bot, List<BotEvent> events, String owner, OffsetDateTime leaseUntil) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.insertInto(Bots.TABLE)
                    .set(Bots.ID, bot.id())
                    .set(Bots.ACCOUNT_ID, bot.accountId())
                    .set(Bots.BOT_NAME, bot.config().botName())
                    .set(Bots.MEETING_URL, bot.config().meetingUrl())
                    .set(Bots.PLATFORM, bot.meeting().platform())
                    .set(Bots.MEETING, JsonCodec.write(JsonCodec.meeting(bot.meeting())))
                    .set(Bots.CONFIG, JsonCodec.write(BotConfigJson.write(bot.config())))
                    .set(Bots.DEDUPLICATION_KEY, bot.config().deduplicationKey().orElse(null))
                    .set(Bots.PHASE, bot.phase().name())
                    .set(Bots.CREATED_AT, time(bot.createdAt()))
                    .set(Bots.JOINED_AT, time(bot.joinedAt()))
                    .set(Bots.EXITED_AT, time(bot.exitedAt()))
                    .set(Bots.ENDED_AT, time(bot.endedAt()))
                    .set(Bots.DELETED, false)
                    .set(Bots.EVENT_SEQ, events.size())
                    .set(Bots.EVENT_UUID, bot.eventUuid().orElse(null))
                    .set(Bots.LEASE_OWNER, owner)
                    .set(Bots.LEASE_UNTIL, leaseUntil)
                    .execute();
            insertEvents(tx, bot.id(), bot.accountId(), 0, events);
            hook.inTransaction(tx, bot, events);
        });
    }

    @Override
    public Optional<BotRecord> find(UUID id) {
        return dsl.selectFrom(Bots.TABLE).where(Bots.ID.eq(id)).fetchOptional().map(JooqBotStore::record);
    }

    /** The bot with everything stored beside it. */
    public Optional<StoredBot> details(UUID id) {
        return dsl.selectFrom(Bots.TABLE).where(Bots.ID.eq(id)).fetchOptional().map(JooqBotStore::stored);
    }

    @Override
    public BotRecord transition(UUID id, BotPhase to, Instant at, List<BotEvent> events) {
        return transition(id, Optional.empty(), to, at, events);
    }

    @Override
    public BotRecord transitionHeld(UUID id, String node, BotPhase to, Instant at, List<BotEvent> events) {
        return transition(id, Optional.of(node), to, at, events);
    }

    private BotRecord transition(UUID id, Optional<String> holder, BotPhase to, Instant at, List<BotEvent> events) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Record row = lock(tx, id, holder);
            BotRecord current = record(row);
            current.phase().checkTransition(to);
            BotRecord next = current.withPhase(to, at);
            int seq = row.get(Bots.EVENT_SEQ);
            var update = tx.update(Bots.TABLE)
                    .set(Bots.PHASE, to.name())
                    .set(Bots.JOINED_AT, time(next.joinedAt()))
                    .set(Bots.EXITED_AT, time(next.exitedAt()))
                    .set(Bots.ENDED_AT, time(next.endedAt()))
                    .set(Bots.EVENT_SEQ, seq + events.size());
            for (BotEvent e : events) {
                if (e instanceof BotEvent.Completed c) {
                    update = update.set(Bots.SPEAKERS, JsonCodec.write(JsonCodec.strings(c.speakers())))
                            .set(Bots.ARTIFACTS, JsonCodec.write(JsonCodec.artifacts(c.artifacts())))
                            .set(Bots.TRANSCRIPT, c.transcript().map(t -> JsonCodec.write(JsonCodec.transcript(t))).orElse(null));
                } else if (e instanceof BotEvent.Failed f) {
                    update = update.set(Bots.ERROR_CODE, f.error().wireName()).set(Bots.ERROR_MESSAGE, clip(f.message(), 4000));
                }
            }
            update.where(Bots.ID.eq(id)).execute();
            insertEvents(tx, id, current.accountId(), seq, events);
            hook.inTransaction(tx, next, events);
            return next;
        });
    }

    @Override
    public void append(UUID id, List<BotEvent> events) {
        append(id, Optional.empty(), events);
    }

    @Override
    public void appendHeld(UUID id, String node, List<BotEvent> events) {
        append(id, Optional.of(node), events);
    }

    private void append(UUID id, Optional<String> holder, List<BotEvent> events) {
        if (events.isEmpty()) return;
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Record row = lock(tx, id, holder);
            int seq = row.get(Bots.EVENT_SEQ);
            tx.update(Bots.TABLE).set(Bots.EVENT_SEQ, seq + events.size()).where(Bots.ID.eq(id)).execute();
            insertEvents(tx, id, row.get(Bots.ACCOUNT_ID), seq, events);
            hook.inTransaction(tx, record(row), events);
        });
    }

    @Override
    public List<BotRecord> unfinished() {
        return dsl.selectFrom(Bots.TABLE)
                .where(unfinishedBots())
                .orderBy(Bots.SEQ).fetch(JooqBotStore::record);
    }

    private static Condition unfinishedBots() {
        return Bots.PHASE.notIn(BotPhase.COMPLETED.name(), BotPhase.FAILED.name());
    }

    @Override
    public List<Claimed> claim(String node, int limit, Instant now, Instant until) {
        return claim(node, limit, now, until, Bots.LEASE_OWNER.isNull().or(Bots.LEASE_UNTIL.lt(time(now))));
    }

    @Override
    public List<Claimed> claimStarted(String node, int limit, Instant now, Instant until) {
        return claim(node, limit, now, until, Bots.LEASE_OWNER.isNotNull().and(Bots.LEASE_UNTIL.lt(time(now)))
                .and(Bots.PHASE.ne(BotPhase.SCHEDULED.name())));
    }

    private List<Claimed> claim(String node, int limit, Instant now, Instant until, Condition claimable) {
        if (limit <= 0) return List.of();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            // SKIP LOCKED: nodes claiming at the same moment each get other bots instead of waiting on each other
            List<Record> rows = tx.selectFrom(Bots.TABLE)
                    .where(unfinishedBots()).and(claimable)
                    .orderBy(Bots.SEQ).limit(limit).forUpdate().skipLocked().fetch().stream().map(r -> (Record) r).toList();
            List<Claimed> claimed = new ArrayList<>();
            for (Record r : rows) {
                tx.update(Bots.TABLE).set(Bots.LEASE_OWNER, node).set(Bots.LEASE_UNTIL, time(until))
                        .where(Bots.ID.eq(r.get(Bots.ID))).execute();
                claimed.add(new Claimed(record(r), Optional.ofNullable(r.get(Bots.LEASE_OWNER))));
            }
            return claimed;
        });
    }

    @Override
    public int renew(String node, Instant until) {
        return dsl.update(Bots.TABLE).set(Bots.LEASE_UNTIL, time(until))
                .where(Bots.LEASE_OWNER.eq(node)).and(unfinishedBots()).execute();
    }

    @Override
    public List<BotRecord> heldBy(String node) {
        return dsl.selectFrom(Bots.TABLE).where(Bots.LEASE_OWNER.eq(node)).and(unfinishedBots())
                .orderBy(Bots.SEQ).fetch(JooqBotStore::record);
    }

    @Override
    public void requestStop(UUID bot, Instant at) {
        dsl.update(Bots.TABLE).set(Bots.STOP_REQUESTED_AT, time(at))
                .where(Bots.ID.eq(bot)).and(Bots.STOP_REQUESTED_AT.isNull()).execute();
    }

    @Override
    public List<UUID> stopsRequested(String node) {
        return dsl.select(Bots.ID).from(Bots.TABLE).where(Bots.LEASE_OWNER.eq(node)).and(unfinishedBots())
                .and(Bots.STOP_REQUESTED_AT.isNotNull()).fetch(Bots.ID);
    }

    /** The node holding a bot's lease, if any. */
    public Optional<String> leaseOwner(UUID bot) {
        return dsl.select(Bots.LEASE_OWNER).from(Bots.TABLE).where(Bots.ID.eq(bot)).fetchOptional(Bots.LEASE_OWNER);
    }

    /** Every event of a bot, in its order. */
    public List<StoredEvent> events(UUID botId) {
        return dsl.selectFrom(BotEvents.TABLE).where(BotEvents.BOT_ID.eq(botId)).orderBy(BotEvents.SEQ)
                .fetch(JooqBotStore::event);
    }

    /** Events of every bot written after the event with id {@code afterId}, oldest first: what an outbox polls. */
    public List<StoredEvent> eventsAfter(long afterId, int limit) {
        return dsl.selectFrom(BotEvents.TABLE).where(BotEvents.ID.gt(afterId)).orderBy(BotEvents.ID).limit(limit)
                .fetch(JooqBotStore::event);
    }

    /**
     * Whether the account sent a bot to the same meeting URL since {@code since} with the same deduplication key
     * (both absent counts as the same).
     */
    public boolean hasRecentDuplicate(String accountId, String meetingUrl, Optional<String> deduplicationKey, Instant since) {
        return dsl.fetchExists(dsl.selectOne().from(Bots.TABLE).where(Bots.ACCOUNT_ID.eq(accountId)
                .and(Bots.MEETING_URL.eq(meetingUrl))
                .and(Bots.CREATED_AT.ge(time(since)))
                .and(Bots.DEDUPLICATION_KEY.isNotDistinctFrom(deduplicationKey.orElse(null)))));
    }

    /** Replaces a bot's transcript (after a retranscription). */
    public void saveTranscript(UUID id, Transcript transcript) {
        saveTranscript(id, transcript, tx -> { });
    }

    /** Replaces a bot's transcript, with {@code alsoInTransaction} (the webhook saying so) committed together. */
    public void saveTranscript(UUID id, Transcript transcript, java.util.function.Consumer<DSLContext> alsoInTransaction) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.update(Bots.TABLE).set(Bots.TRANSCRIPT, JsonCodec.write(JsonCodec.transcript(transcript)))
                    .where(Bots.ID.eq(id)).execute();
            alsoInTransaction.accept(tx);
        });
    }

    /** Forgets a bot's artifacts and transcript and marks its data deleted; the bot itself stays listed. */
    public void markDataDeleted(UUID id) {
        dsl.update(Bots.TABLE).set(Bots.ARTIFACTS, (String) null).set(Bots.TRANSCRIPT, (String) null)
                .set(Bots.DELETED, true).where(Bots.ID.eq(id)).execute();
    }

    /** One page of an account's bots, newest first unless sorted by an {@code extra} key. */
    public BotPage list(String accountId, BotQuery q) {
        Condition where = Bots.ACCOUNT_ID.eq(accountId);
        if (q.botName().isPresent()) where = where.and(Bots.BOT_NAME.containsIgnoreCase(q.botName().get()));
        if (q.meetingUrl().isPresent()) where = where.and(Bots.MEETING_URL.contains(q.meetingUrl().get()));
        if (q.createdAfter().isPresent()) where = where.and(Bots.CREATED_AT.gt(time(q.createdAfter().get())));
        if (q.createdBefore().isPresent()) where = where.and(Bots.CREATED_AT.lt(time(q.createdBefore().get())));
        if (q.endedAfter().isPresent()) where = where.and(Bots.ENDED_AT.gt(time(q.endedAfter().get())));
        Cursor cursor = q.cursor().map(Cursor::parse).orElse(null);
        if (!q.filtersInMemory()) {
            if (cursor != null) where = where.and(Bots.SEQ.lt(cursor.requireKeyset()));
            List<StoredBot> rows = dsl.selectFrom(Bots.TABLE).where(where).orderBy(Bots.SEQ.desc()).limit(q.limit() + 1)
                    .fetch(JooqBotStore::stored);
            if (rows.size() <= q.limit()) return new BotPage(rows, Optional.empty());
            List<StoredBot> page = rows.subList(0, q.limit());
            return new BotPage(page, Optional.of(Cursor.keyset(page.getLast().number())));
        }
        Stream<StoredBot> all = dsl.selectFrom(Bots.TABLE).where(where).orderBy(Bots.SEQ.desc())
                .limit(IN_MEMORY_SCAN_LIMIT).fetch(JooqBotStore::stored).stream()
                .filter(b -> matchesExtra(b, q.extraEquals()))
                .filter(b -> q.speakerName().map(s -> hasSpeaker(b, s)).orElse(true));
        if (q.sortByExtra().isPresent()) all = all.sorted(extraOrder(q.sortByExtra().get()));
        int offset = cursor == null ? 0 : cursor.requireOffset();
        List<StoredBot> rest = all.skip(offset).limit(q.limit() + 1L).toList();
        if (rest.size() <= q.limit()) return new BotPage(rest, Optional.empty());
        return new BotPage(rest.subList(0, q.limit()), Optional.of(Cursor.offset(offset + q.limit())));
    }

    private static boolean matchesExtra(StoredBot b, Map<String, String> wanted) {
        Map<String, Object> extra = b.bot().config().extra();
        return wanted.entrySet().stream().allMatch(e -> extra.containsKey(e.getKey())
                && String.valueOf(extra.get(e.getKey())).equals(e.getValue()));
    }

    private static boolean hasSpeaker(StoredBot b, String name) {
        String needle = name.toLowerCase(Locale.ROOT);
        return b.speakers().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** Bots without the key come last in either direction; ties keep newest first. */
    private static Comparator<StoredBot> extraOrder(BotQuery.ExtraSort sort) {
        Comparator<StoredBot> byValue = (a, b) -> compareValues(a.bot().config().extra().get(sort.key()),
                b.bot().config().extra().get(sort.key()));
        if (sort.descending()) byValue = byValue.reversed();
        Comparator<StoredBot> missingLast = Comparator.comparing(b -> !b.bot().config().extra().containsKey(sort.key()));
        return missingLast.thenComparing(byValue).thenComparing(Comparator.comparingLong(StoredBot::number).reversed());
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) return 0;
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** An opaque paging position: the last v1 id seen (newest-first order) or an offset (other orders). */
    private record Cursor(char kind, long value) {
        static String keyset(long seq) { return encode('s', seq); }

        static String offset(long offset) { return encode('o', offset); }

        private static String encode(char kind, long v) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + v).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String s) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
                if (raw.length() > 2 && (raw.charAt(0) == 's' || raw.charAt(0) == 'o') && raw.charAt(1) == ':') {
                    long v = Long.parseLong(raw.substring(2));
                    if (v >= 0) return new Cursor(raw.charAt(0), v);
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error below: the cursor was not one of ours
            }
            throw BaasException.invalid("cursor", "is not a cursor this server issued");
        }

        long requireKeyset() {
            if (kind != 's') throw BaasException.invalid("cursor", "belongs to a listing with other filters");
            return value;
        }

        int requireOffset() {
            if (kind != 'o' || value > Integer.MAX_VALUE) throw BaasException.invalid("cursor", "belongs to a listing with other filters");
            return (int) value;
        }
    }

    /** The bot's row, locked for this transaction; with a {@code holder}, only if that node holds the bot. */
    private static Record lock(DSLContext tx, UUID id, Optional<String> holder) {
        Record row = tx.selectFrom(Bots.TABLE).where(Bots.ID.eq(id)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalStateException("no bot " + id));
        String owner = row.get(Bots.LEASE_OWNER);
        if (holder.isPresent() && !holder.get().equals(owner)) throw new Lost(id, holder.get(), owner);
        return row;
    }

    private static void insertEvents(DSLContext tx, UUID botId, String accountId, int lastSeq, List<BotEvent> events) {
        if (events.isEmpty()) return;
        var insert = tx.insertInto(BotEvents.TABLE, BotEvents.BOT_ID, BotEvents.ACCOUNT_ID, BotEvents.SEQ,
                BotEvents.KIND, BotEvents.PAYLOAD, BotEvents.CREATED_AT);
        int seq = lastSeq;
        for (BotEvent e : events) {
            insert = insert.values(botId, accountId, ++seq, BotEventJson.kind(e), BotEventJson.toJson(e), time(e.at()));
        }
        insert.execute();
    }

    private static BotRecord record(Record r) {
        return new BotRecord(r.get(Bots.ID), r.get(Bots.ACCOUNT_ID), BotConfigJson.read(JsonCodec.parse(r.get(Bots.CONFIG))),
                JsonCodec.meeting(JsonCodec.parse(r.get(Bots.MEETING))), BotPhase.valueOf(r.get(Bots.PHASE)),
                instant(r.get(Bots.CREATED_AT)), optInstant(r.get(Bots.JOINED_AT)), optInstant(r.get(Bots.EXITED_AT)),
                optInstant(r.get(Bots.ENDED_AT)), Optional.ofNullable(r.get(Bots.EVENT_UUID)));
    }

    private static StoredBot stored(Record r) {
        return new StoredBot(record(r), r.get(Bots.SEQ),
                json(r.get(Bots.SPEAKERS)).map(JsonCodec::strings).orElse(List.of()),
                json(r.get(Bots.ARTIFACTS)).map(JsonCodec::artifacts),
                json(r.get(Bots.TRANSCRIPT)).map(JsonCodec::transcript),
                Optional.ofNullable(r.get(Bots.ERROR_CODE)), Optional.ofNullable(r.get(Bots.ERROR_MESSAGE)),
                Boolean.TRUE.equals(r.get(Bots.DELETED)));
    }

    private static StoredEvent event(Record r) {
        return new StoredEvent(r.get(BotEvents.ID), r.get(BotEvents.BOT_ID), r.get(BotEvents.ACCOUNT_ID),
                r.get(BotEvents.SEQ), r.get(BotEvents.KIND), r.get(BotEvents.PAYLOAD), instant(r.get(BotEvents.CREATED_AT)));
    }

    private static Optional<JsonNode> json(String s) { return Optional.ofNullable(s).map(JsonCodec::parse); }

    private static String clip(String s, int max) { return s == null || s.length() <= max ? s : s.substring(0, max); }

    static OffsetDateTime time(Instant at) { return at.atOffset(ZoneOffset.UTC); }

    private static OffsetDateTime time(Optional<Instant> at) { return at.map(JooqBotStore::time).orElse(null); }

    static Instant instant(OffsetDateTime t) { return t.toInstant(); }

    private static Optional<Instant> optInstant(OffsetDateTime t) { return Optional.ofNullable(t).map(OffsetDateTime::toInstant); }
}
