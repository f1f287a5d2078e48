package dev.baas.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.core.store.InMemoryBotStore;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.InMemoryOutboxStore;
import dev.baas.core.webhook.RetrySchedule;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.core.webhook.WebhookDispatcher;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.core.webhook.WebhookSender;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Webhooks leave through the outbox: a bot never waits for its receiver, and its events arrive in order. */
class WebhookLifecycleTest {
    @TempDir Path dir;

    @Test
    void aHangingReceiverDoesNotDelayTheBotAndStatusesArriveInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", ex -> {
            try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            bodies.add(new String(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        InMemoryOutboxStore outbox = new InMemoryOutboxStore();
        WebhookDispatcher[] dispatcher = new WebhookDispatcher[1];
        WebhookPlanner planner = new WebhookPlanner(account -> Optional.empty(), (bot, file) -> "https://files.test/" + file.getFileName());
        InMemoryBotStore store = new InMemoryBotStore(outbox, planner, () -> { if (dispatcher[0] != null) dispatcher[0].wake(); }, Clock.systemUTC());
        dispatcher[0] = new WebhookDispatcher(outbox, new WebhookSender(new WebhookSender.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(60), 1024), new UrlGuard(true), Clock.systemUTC()),
                a -> new WebhookSender.Credentials(Optional.of("k"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Clock.systemUTC(), RetrySchedule.STANDARD, 8, Duration.ofMinutes(5), Duration.ofSeconds(1));
        FakePlatform platform = new FakePlatform();
        EventLog log = new EventLog();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        try (Baas baas = Baas.builder().platform(platform).store(store).urlGuard(new UrlGuard(true)).dataDirectory(dir).build()) {
            baas.onEvent(log);
            UUID id = baas.join(BotConfig.builder("https://fake.test/r", "Bot").webhookUrl(url).build());
            FakePlatform.FakeSession s = platform.awaitSession();
            s.emit(new MeetingEvent.Admitted(Instant.now()));
            s.emit(new MeetingEvent.MeetingEnded(Instant.now()));
            log.await(BotEvent.Completed.class); // the bot finished while its receiver still hangs
            assertEquals(BotPhase.COMPLETED, store.find(id).orElseThrow().phase());
            assertTrue(bodies.isEmpty());
            release.countDown();
            ObjectMapper json = new ObjectMapper();
            List<String> expected = List.of("joining_call", "in_call_not_recording", "in_call_recording", "call_ended", "complete");
            for (String want : expected) {
                var body = json.readTree(bodies.poll(30, TimeUnit.SECONDS));
                String got = body.get("event").asText().equals("complete") ? "complete" : body.at("/data/status/code").asText();
                assertEquals(want, got);
                assertEquals(id.toString(), body.at("/data/bot_id").asText());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!outbox.list(Baas.DEFAULT_ACCOUNT, Long.MAX_VALUE, 100).stream().allMatch(d -> d.state() == Delivery.State.DELIVERED)) {
                assertTrue(System.nanoTime() < deadline, "every delivery recorded as delivered");
                synchronized (this) { wait(10); } // the receiver has answered; the dispatcher records it right after
            }
            assertEquals(5, outbox.list(Baas.DEFAULT_ACCOUNT, Long.MAX_VALUE, 100).size());
        } finally {
            dispatcher[0].close();
            server.stop(0);
        }
    }
}
