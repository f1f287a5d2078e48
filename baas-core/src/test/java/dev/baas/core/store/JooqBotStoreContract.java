package dev.baas.core.store;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.core.db.BotEventJson;
import dev.baas.core.db.Database;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.Participant;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link JooqBotStore} and {@link JooqAccountStore} promise, run on each database the product supports. */
abstract class JooqBotStoreContract {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");

    abstract Database database();

    private final String account = "acct-" + UUID.randomUUID();

    JooqBotStore store() { return new JooqBotStore(database()); }

    BotRecord newBot(String url, Instant created, Map<String, Object> extra) {
        BotConfig config = BotConfig.builder(url, "Note taker").extra(extra)
                .speechToText(SpeechToText.of("Default")).build();
        return new BotRecord(UUID.randomUUID(), account, config, MeetingRef.of("fake", url, "m1"), BotPhase.SCHEDULED,
                created, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A new bot in the store, with no events yet. */
    UUID created(JooqBotStore store, String url) {
        BotRecord bot = newBot(url, T0, Map.of());
        store.create(bot, List.of());
        return bot.id();
    }

    @Test
    void aBotAndItsConfigReadBackAsStored() {
        JooqBotStore store = store();
        BotRecord bot = newBot("https://fake.test/a", T0, Map.of("team", "red", "n", 3));
        store.create(bot, List.of());
        BotRecord read = store.find(bot.id()).orElseThrow();
        assertEquals(bot, read);
        assertTrue(store.unfinished().stream().anyMatch(b -> b.id().equals(bot.id())));
    }

    @Test
    void aTransitionWritesThePhaseAndItsEventsWithSequenceNumbers() {
        JooqBotStore store = store();
        UUID id = created(store, "https://fake.test/b");
        store.transition(id, BotPhase.JOINING, T0, List.of(new BotEvent.StatusChanged(id, T0, BotStatusCode.JOINING_CALL, Map.of())));
        Instant t1 = T0.plusSeconds(5);
        store.transition(id, BotPhase.IN_CALL_NOT_RECORDING, t1, List.of(new BotEvent.StatusChanged(id, t1, BotStatusCode.IN_CALL_NOT_RECORDING, Map.of())));
        store.append(id, List.of(new BotEvent.Chat(id, t1, "Ann", "hello", false)));
        BotRecord now = store.find(id).orElseThrow();
        assertEquals(BotPhase.IN_CALL_NOT_RECORDING, now.phase());
        assertEquals(Optional.of(t1), now.joinedAt());
        List<StoredEvent> events = store.events(id);
        assertEquals(List.of(1, 2, 3), events.stream().map(StoredEvent::seq).toList());
        assertEquals(List.of("bot.status_change", "bot.status_change", "chat"), events.stream().map(StoredEvent::kind).toList());
        assertEquals(account, events.getFirst().accountId());
    }

    @Test
    void anIllegalTransitionWritesNothing() {
        JooqBotStore store = store();
        BotRecord bot = newBot("https://fake.test/c", T0, Map.of());
        store.create(bot, List.of());
        assertThrows(IllegalStateException.class, () -> store.transition(bot.id(), BotPhase.COMPLETED, T0,
                List.of(new BotEvent.StatusChanged(bot.id(), T0, BotStatusCode.CALL_ENDED, Map.of()))));
        assertEquals(BotPhase.SCHEDULED, store.find(bot.id()).orElseThrow().phase());
        assertTrue(store.events(bot.id()).isEmpty());
    }

    @Test
    void onlyTheNodeHoldingABotWritesItsProgress() {
        JooqBotStore store = store();
        BotRecord bot = newBot("https://fake.test/held", T0, Map.of());
        store.createHeld(bot, List.of(), "node-a", T0.plusSeconds(30));
        BotEvent.StatusChanged joining = new BotEvent.StatusChanged(bot.id(), T0, BotStatusCode.JOINING_CALL, Map.of());
        store.transitionHeld(bot.id(), "node-a", BotPhase.JOINING, T0, List.of(joining));
        // node-a's lease ran out and node-b took the bot over; node-a's late writes are refused, and write nothing
        List<BotLeases.Claimed> taken = store.claimStarted("node-b", 10, T0.plusSeconds(31), T0.plusSeconds(60));
        assertEquals(List.of(bot.id()), taken.stream().map(c -> c.bot().id()).toList());
        BotEvent.StatusChanged admitted = new BotEvent.StatusChanged(bot.id(), T0, BotStatusCode.IN_CALL_NOT_RECORDING, Map.of());
        BotLeases.Lost lost = assertThrows(BotLeases.Lost.class,
                () -> store.transitionHeld(bot.id(), "node-a", BotPhase.IN_CALL_NOT_RECORDING, T0, List.of(admitted)));
        assertTrue(lost.getMessage().contains("node-b"), lost.getMessage());
        assertThrows(BotLeases.Lost.class, () -> store.appendHeld(bot.id(), "node-a", List.of(new BotEvent.Chat(bot.id(), T0, "Ann", "hi", false))));
        assertEquals(BotPhase.JOINING, store.find(bot.id()).orElseThrow().phase());
        assertEquals(1, store.events(bot.id()).size());
        store.transitionHeld(bot.id(), "node-b", BotPhase.IN_CALL_NOT_RECORDING, T0, List.of(admitted));
        assertEquals(BotPhase.IN_CALL_NOT_RECORDING, store.find(bot.id()).orElseThrow().phase());
    }

    @Test
    void completionStoresArtifactsSpeakersAndTranscript() {
        JooqBotStore store = store();
        UUID id = created(store, "https://fake.test/d");
        store.transition(id, BotPhase.ENDING, T0, List.of());
        Transcript t = new Transcript(List.of(Word.of("hello", 0.5, 0.9).withSpeaker("Ann")), Optional.of("en"), "Default");
        MeetingArtifacts a = new MeetingArtifacts(Optional.empty(), Optional.of(Path.of("/data/bots/x/mix.wav")),
                Map.of("p1", Path.of("/data/bots/x/p1.wav")), 12.5);
        store.transition(id, BotPhase.COMPLETED, T0.plusSeconds(20),
                List.of(new BotEvent.Completed(id, T0.plusSeconds(20), a, List.of("Ann"), Optional.of(t), Optional.empty())));
        StoredBot s = store.details(id).orElseThrow();
        assertEquals(Optional.of(a), s.artifacts());
        assertEquals(Optional.of(t), s.transcript());
        assertEquals(List.of("Ann"), s.speakers());
        assertFalse(store.unfinished().stream().anyMatch(b -> b.id().equals(id)));
        store.markDataDeleted(id);
        StoredBot deleted = store.details(id).orElseThrow();
        assertTrue(deleted.dataDeleted());
        assertTrue(deleted.transcript().isEmpty() && deleted.artifacts().isEmpty());
    }

    @Test
    void everyEventKindSurvivesTheDatabase() {
        JooqBotStore store = store();
        BotRecord bot = newBot("https://fake.test/e", T0, Map.of());
        UUID id = bot.id();
        Participant ann = new Participant("p1", "Ann", false);
        List<BotEvent> events = List.of(
                new BotEvent.StatusChanged(id, T0, BotStatusCode.IN_CALL_RECORDING, Map.of("start_time", "2026-11-25T10:00:00.123Z")),
                new BotEvent.ParticipantsChanged(id, T0, List.of(ann)),
                new BotEvent.Speaker(id, T0, ann, true),
                new BotEvent.Chat(id, T0, "Ann", "hi", false),
                new BotEvent.Failed(id, T0, FailureCode.BOT_REMOVED, "removed"),
                new BotEvent.Completed(id, T0, MeetingArtifacts.none(), List.of("Ann"), Optional.empty(), Optional.of("no key")));
        store.create(bot, events);
        assertEquals(events, store.events(id).stream().map(StoredEvent::event).toList());
        assertEquals(BotEventJson.FAILED, store.events(id).get(4).kind());
    }

    @Test
    void listingPagesNewestFirstAndFilters() {
        JooqBotStore store = store();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BotRecord b = newBot("https://fake.test/list-" + i, T0.plusSeconds(i), Map.of("n", i, "team", i % 2 == 0 ? "even" : "odd"));
            store.create(b, List.of());
            ids.add(b.id());
        }
        BotPage first = store.list(account, BotQuery.firstPage(2));
        assertEquals(List.of(ids.get(4), ids.get(3)), first.bots().stream().map(b -> b.bot().id()).toList());
        BotQuery q2 = new BotQuery(2, first.nextCursor(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
        BotPage second = store.list(account, q2);
        assertEquals(List.of(ids.get(2), ids.get(1)), second.bots().stream().map(b -> b.bot().id()).toList());
        BotQuery evens = new BotQuery(10, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of("team", "even"), Optional.of(new BotQuery.ExtraSort("n", false)), Optional.empty());
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), store.list(account, evens).bots().stream().map(b -> b.bot().id()).toList());
        assertEquals(0, store.list("someone-else", BotQuery.firstPage(10)).bots().size());
        BotQuery bad = new BotQuery(2, Optional.of("not-a-cursor"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
        assertEquals("cursor", assertThrows(BaasException.class, () -> store.list(account, bad)).violations().getFirst().field());
    }

    @Test
    void duplicatesAreTheSameMeetingAndKeyWithinTheWindow() {
        JooqBotStore store = store();
        store.create(newBot("https://fake.test/dup", T0, Map.of()), List.of());
        assertTrue(store.hasRecentDuplicate(account, "https://fake.test/dup", Optional.empty(), T0.minusSeconds(300)));
        assertFalse(store.hasRecentDuplicate(account, "https://fake.test/dup", Optional.of("k2"), T0.minusSeconds(300)));
        assertFalse(store.hasRecentDuplicate(account, "https://fake.test/dup", Optional.empty(), T0.plusSeconds(1)));
        assertFalse(store.hasRecentDuplicate("other", "https://fake.test/dup", Optional.empty(), T0.minusSeconds(300)));
    }

    @Test
    void keysAreStoredHashedAndFindTheirAccount() {
        JooqAccountStore accounts = new JooqAccountStore(database(), Clock.fixed(T0, ZoneOffset.UTC));
        Account a = accounts.create("Acme");
        String key = accounts.issueKey(a.id());
        assertEquals(Optional.of(a.id()), accounts.byKey(key).map(Account::id));
        assertTrue(accounts.byKey(key + "x").isEmpty());
        assertFalse(database().dsl().fetchExists(dev.baas.core.db.Tables.ApiKeys.TABLE,
                dev.baas.core.db.Tables.ApiKeys.KEY_HASH.eq(key)), "the raw key is not stored");
        accounts.revokeKey(key);
        assertTrue(accounts.byKey(key).isEmpty());
    }

    // ---- the webhook outbox on the same database ----

    private JooqBotStore storeWithOutbox(boolean failing) {
        dev.baas.core.webhook.WebhookPlanner planner = new dev.baas.core.webhook.WebhookPlanner(a -> Optional.empty(), (b, f) -> "https://files.test/" + f);
        return new JooqBotStore(database(), (tx, bot, events) -> {
            dev.baas.core.webhook.JooqOutboxStore.enqueue(tx, planner.plan(bot, events), Instant.now());
            if (failing && events.stream().anyMatch(e -> e instanceof BotEvent.Failed)) throw new IllegalStateException("outbox down");
        });
    }

    private UUID botWithWebhook(JooqBotStore store) {
        BotRecord bot = newBot("https://fake.test/o-" + UUID.randomUUID(), Instant.now(), Map.of());
        BotRecord withHook = new BotRecord(bot.id(), bot.accountId(), bot.config().toBuilder().webhookUrl("https://hooks.test/h").build(),
                bot.meeting(), bot.phase(), bot.createdAt(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(UUID.randomUUID()));
        store.create(withHook, List.of());
        return bot.id();
    }

    @Test
    void webhooksAreWrittenInTheTransactionOfTheirEvents() {
        JooqBotStore store = storeWithOutbox(true);
        dev.baas.core.webhook.JooqOutboxStore outbox = new dev.baas.core.webhook.JooqOutboxStore(database());
        UUID id = botWithWebhook(store);
        assertTrue(store.find(id).orElseThrow().eventUuid().isPresent(), "the calendar event uuid is stored");
        store.transition(id, BotPhase.JOINING, Instant.now(), List.of(new BotEvent.StatusChanged(id, Instant.now(), BotStatusCode.JOINING_CALL, Map.of())));
        assertEquals(1, outbox.forBot(account, id).size());
        assertEquals("bot.status_change", outbox.forBot(account, id).getFirst().eventName());
        // the outbox refuses: the bot does not move and no event is stored either
        assertThrows(RuntimeException.class, () -> store.transition(id, BotPhase.FAILED, Instant.now(),
                List.of(new BotEvent.Failed(id, Instant.now(), FailureCode.INTERNAL_ERROR, "x"))));
        assertEquals(BotPhase.JOINING, store.find(id).orElseThrow().phase());
        assertEquals(1, store.events(id).size());
        assertEquals(1, outbox.forBot(account, id).size());
    }

    @Test
    void theOutboxHandsOutEachBotsOldestDeliveryOnceAtATime() {
        dev.baas.core.webhook.JooqOutboxStore outbox = new dev.baas.core.webhook.JooqOutboxStore(database());
        UUID bot = UUID.randomUUID();
        String acct = "outbox-" + UUID.randomUUID();
        Instant now = Instant.now().plusSeconds(3600); // later than anything other tests left pending
        List<dev.baas.core.webhook.Delivery.New> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) batch.add(new dev.baas.core.webhook.Delivery.New(acct, Optional.of(bot),
                dev.baas.core.webhook.WebhookPlanner.newMessageId(), "bot.status_change", "https://hooks.test/" + i, "{\"n\":" + i + "}"));
        outbox.enqueue(batch, now.minusSeconds(1));
        List<dev.baas.core.webhook.Delivery> first = outbox.claimDue(now, now.plusSeconds(60), 100).stream()
                .filter(d -> d.accountId().equals(acct)).toList();
        assertEquals(1, first.size(), "one at a time per bot");
        assertEquals("{\"n\":0}", first.getFirst().body());
        assertTrue(outbox.claimDue(now, now.plusSeconds(60), 100).stream().noneMatch(d -> d.accountId().equals(acct)),
                "leased and blocking the bot's later deliveries");
        outbox.recordAttempt(new dev.baas.core.webhook.Attempt(first.getFirst().id(), now, java.util.OptionalInt.of(200),
                java.time.Duration.ofMillis(3), Optional.empty(), Optional.empty()), dev.baas.core.webhook.Delivery.State.DELIVERED, Optional.empty());
        List<dev.baas.core.webhook.Delivery> second = outbox.claimDue(now, now.plusSeconds(60), 100).stream()
                .filter(d -> d.accountId().equals(acct)).toList();
        assertEquals("{\"n\":1}", second.getFirst().body());
        // a dead lease is taken over
        assertEquals(1, outbox.claimDue(now.plusSeconds(61), now.plusSeconds(120), 100).stream().filter(d -> d.accountId().equals(acct)).count());
        assertEquals(1, outbox.attempts(first.getFirst().id()).size());
        outbox.resend(first.getFirst().id(), now);
        assertEquals(dev.baas.core.webhook.Delivery.State.PENDING, outbox.find(first.getFirst().id()).orElseThrow().state());
    }

    @Test
    void concurrentDispatchersNeverClaimTheSameDelivery() throws Exception {
        dev.baas.core.webhook.JooqOutboxStore outbox = new dev.baas.core.webhook.JooqOutboxStore(database());
        String acct = "race-" + UUID.randomUUID();
        Instant now = Instant.now().plusSeconds(7200);
        List<dev.baas.core.webhook.Delivery.New> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) batch.add(new dev.baas.core.webhook.Delivery.New(acct, Optional.of(UUID.randomUUID()),
                dev.baas.core.webhook.WebhookPlanner.newMessageId(), "bot.status_change", "https://hooks.test/x", "{}"));
        outbox.enqueue(batch, now.minusSeconds(1));
        java.util.concurrent.ConcurrentLinkedQueue<Long> claimed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 20; round++) {
                    outbox.claimDue(now, now.plusSeconds(60), 25).stream().filter(d -> d.accountId().equals(acct))
                            .forEach(d -> claimed.add(d.id()));
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertEquals(200, claimed.size(), "every delivery claimed");
        assertEquals(200, new java.util.HashSet<>(claimed).size(), "and none twice");
    }
}
