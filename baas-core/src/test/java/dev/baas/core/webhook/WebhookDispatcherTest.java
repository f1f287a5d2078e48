package dev.baas.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class WebhookDispatcherTest {
    static final String SECRET = StandardWebhooks.newSecret();
    static final RetrySchedule FAST = new RetrySchedule(List.of(Duration.ofMillis(20), Duration.ofMillis(20),
            Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20)), 0.1);
    final InMemoryOutboxStore store = new InMemoryOutboxStore();
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        closing.add(r);
        return r;
    }

    WebhookDispatcher dispatcher(RetrySchedule schedule, Duration requestTimeout, int concurrency) {
        WebhookSender sender = new WebhookSender(new WebhookSender.Settings(Duration.ofSeconds(2), requestTimeout, 4096),
                new UrlGuard(true), Clock.systemUTC());
        WebhookDispatcher d = new WebhookDispatcher(store, sender,
                account -> new WebhookSender.Credentials(Optional.of("key-of-" + account), SECRET),
                Clock.systemUTC(), schedule, concurrency, Duration.ofSeconds(30), Duration.ofSeconds(1));
        closing.add(d);
        return d;
    }

    Delivery.New delivery(UUID bot, String url, String body) {
        return new Delivery.New("acct", Optional.ofNullable(bot), WebhookPlanner.newMessageId(), "bot.status_change", url, body);
    }

    Delivery awaitState(long id, Delivery.State state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Delivery d = store.find(id).orElseThrow();
            if (d.state() == state) return d;
            synchronized (this) { wait(10); } // polling the store's state: the dispatcher offers no completion hook
        }
        throw new AssertionError("delivery " + id + " never became " + state + ": " + store.find(id));
    }

    @Test
    void threeServerErrorsThenSuccessIsDeliveredOnceWithOneMessageId() throws Exception {
        Receiver r = receiver();
        AtomicInteger calls = new AtomicInteger();
        r.answer(() -> calls.incrementAndGet() <= 3 ? 500 : 200);
        dispatcher(FAST, Duration.ofSeconds(5), 4);
        store.enqueue(List.of(delivery(UUID.randomUUID(), r.url("/hook"), "{\"event\":\"x\"}")), Instant.now());
        Delivery d = awaitState(1, Delivery.State.DELIVERED);
        List<Receiver.Received> got = r.received();
        assertEquals(4, got.size());
        assertEquals(List.of(500, 500, 500, 200), got.stream().map(Receiver.Received::answered).toList());
        assertEquals(1, got.stream().map(g -> g.header("webhook-id")).distinct().count(), "same id on every attempt");
        assertEquals(d.webhookId(), got.getFirst().header("webhook-id"));
        assertEquals(4, d.attempts());
        assertEquals(1, store.attempts(1).stream().filter(Attempt::succeeded).count());
        for (Receiver.Received g : got) {
            assertEquals("key-of-acct", g.header("x-meeting-baas-api-key"));
            assertEquals("application/json", g.header("content-type"));
            assertTrue(StandardWebhooks.verify(SECRET, g.header("webhook-id"), g.header("webhook-timestamp"),
                    g.header("webhook-signature"), g.body(), Instant.now()));
        }
    }

    @Test
    void aClientErrorIsFinal() throws Exception {
        Receiver r = receiver();
        r.answer(() -> 400);
        dispatcher(FAST, Duration.ofSeconds(5), 4);
        store.enqueue(List.of(delivery(UUID.randomUUID(), r.url("/hook"), "{}")), Instant.now());
        Delivery d = awaitState(1, Delivery.State.DEAD);
        assertEquals(1, d.attempts());
        assertEquals(1, r.received().size());
    }

    @Test
    void exhaustedRetriesEndDeadAndVisible() throws Exception {
        Receiver r = receiver();
        r.answer(() -> 503);
        dispatcher(FAST, Duration.ofSeconds(5), 4);
        store.enqueue(List.of(delivery(UUID.randomUUID(), r.url("/hook"), "{}")), Instant.now());
        Delivery d = awaitState(1, Delivery.State.DEAD);
        assertEquals(FAST.maxAttempts(), d.attempts());
        assertEquals("HTTP 503", store.attempts(1).getLast().error().orElseThrow());
        assertEquals(List.of(d), store.list("acct", Long.MAX_VALUE, 10));
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        Receiver r = receiver();
        AtomicInteger calls = new AtomicInteger();
        r.answer(() -> calls.incrementAndGet() == 1 ? 429 : 200);
        r.headers(Map.of("Retry-After", "1"));
        dispatcher(FAST, Duration.ofSeconds(5), 4);
        store.enqueue(List.of(delivery(UUID.randomUUID(), r.url("/hook"), "{}")), Instant.now());
        awaitState(1, Delivery.State.DELIVERED);
        List<Attempt> attempts = store.attempts(1);
        Duration gap = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        assertTrue(gap.toMillis() >= 990, "second attempt waited for Retry-After: " + gap);
    }

    @Test
    void aHangingReceiverTimesOutAndDoesNotBlockOtherBots() throws Exception {
        Receiver slow = receiver();
        Receiver fast = receiver();
        slow.hang(true);
        dispatcher(FAST, Duration.ofMillis(500), 4);
        store.enqueue(List.of(delivery(UUID.randomUUID(), slow.url("/slow"), "{}")), Instant.now());
        store.enqueue(List.of(delivery(UUID.randomUUID(), fast.url("/fast"), "{}")), Instant.now());
        awaitState(2, Delivery.State.DELIVERED);
        assertEquals(Delivery.State.PENDING, store.find(1).orElseThrow().state());
        Delivery stuck = awaitState(1, Delivery.State.DEAD);
        assertTrue(store.attempts(stuck.id()).getFirst().error().orElseThrow().contains("timed out"));
    }

    @Test
    void privateTargetsAreRefusedAtDeliveryUnlessAllowed() throws Exception {
        Receiver r = receiver();
        WebhookSender strict = new WebhookSender(WebhookSender.Settings.DEFAULT, new UrlGuard(false), Clock.systemUTC());
        store.enqueue(List.of(delivery(UUID.randomUUID(), r.url("/hook"), "{}")), Instant.now());
        Attempt a = strict.send(store.find(1).orElseThrow(), new WebhookSender.Credentials(Optional.empty(), SECRET));
        assertFalse(a.succeeded());
        assertTrue(a.error().orElseThrow().contains("private"), a.error().orElseThrow());
        assertTrue(r.received().isEmpty());
    }

    /** 10,000 events for 200 bots to 20 receivers, 5 % of answers failing: none lost, each bot's order kept. */
    @Test
    void tenThousandEventsToTwentyReceiversKeepPerBotOrder() throws Exception {
        List<Receiver> receivers = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Receiver r = receiver();
            r.answer(() -> { synchronized (random) { return random.nextInt(100) < 5 ? 503 : 200; } });
            receivers.add(r);
        }
        List<UUID> bots = new ArrayList<>();
        for (int b = 0; b < 200; b++) bots.add(UUID.randomUUID());
        List<Delivery.New> batch = new ArrayList<>();
        for (int seq = 0; seq < 50; seq++) {
            for (int b = 0; b < bots.size(); b++) {
                String url = receivers.get(b % 20).url("/bot");
                batch.add(delivery(bots.get(b), url, "{\"bot\":\"" + bots.get(b) + "\",\"seq\":" + seq + "}"));
            }
        }
        store.enqueue(batch, Instant.now());
        dispatcher(FAST, Duration.ofSeconds(5), 32);
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Integer>> delivered = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (Receiver r : receivers) {
            for (Receiver.Received g : r.awaitCountOk(500)) {
                JsonNode body = json.readTree(g.body());
                delivered.computeIfAbsent(body.get("bot").asText(), k -> new ArrayList<>()).add(body.get("seq").asInt());
                assertTrue(ids.add(g.header("webhook-id")), "one success per message id");
                total++;
            }
        }
        assertEquals(10_000, total);
        for (var e : delivered.entrySet()) {
            List<Integer> seqs = e.getValue();
            for (int i = 0; i < seqs.size(); i++) assertEquals(i, seqs.get(i), "bot " + e.getKey() + " order: " + seqs);
        }
    }
}
