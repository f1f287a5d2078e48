package dev.baas.core.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.baas.core.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A process is killed with SIGKILL while it holds undelivered webhooks (some in flight to a receiver that has not
 * answered); another process on the same database delivers every one of them, each under its one message id.
 */
class OutboxCrashTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void everyEventIsDeliveredAfterAKillMinus9() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            CountDownLatch release = new CountDownLatch(1);
            Map<String, String> bodies = new ConcurrentHashMap<>();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            receiver.createContext("/hook", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String id = ex.getRequestHeaders().getFirst("webhook-id");
                String previous = bodies.putIfAbsent(id, body);
                if (previous != null) assertEquals(previous, body, "a message id always carries the same body");
                try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                ex.sendResponseHeaders(204, -1);
                ex.close();
                answered.add(id);
            });
            receiver.start();
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            int bots = 20;
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    OutboxCrashChild.class.getName(), jdbc, hook, Integer.toString(bots))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("READY")) { /* the child's start-up log */ }
                assertNotNull(line, "the child process started");
                // the child has its first deliveries in flight: the receiver holds them unanswered
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (bodies.isEmpty() && System.nanoTime() < deadline) synchronized (this) { wait(20); }
                assertFalse(bodies.isEmpty(), "deliveries were in flight when the process died");
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            release.countDown();
            try (Database db = Database.open(jdbc, "postgres", null)) {
                JooqOutboxStore outbox = new JooqOutboxStore(db);
                Set<String> expected = outbox.list("crash", Long.MAX_VALUE, 1000).stream().map(Delivery::webhookId).collect(Collectors.toSet());
                assertEquals(bots * 3, expected.size(), "every event's webhook was written with it");
                WebhookSender sender = new WebhookSender(WebhookSender.Settings.DEFAULT, new UrlGuard(true), Clock.systemUTC());
                try (WebhookDispatcher restarted = new WebhookDispatcher(outbox, sender, a -> new WebhookSender.Credentials(Optional.empty(), SECRET),
                        Clock.systemUTC(), RetrySchedule.STANDARD, 8, Duration.ofSeconds(30), Duration.ofMillis(200))) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (outbox.pendingCount() > 0 && System.nanoTime() < deadline) synchronized (this) { wait(50); }
                }
                assertEquals(0, outbox.pendingCount(), "nothing left undelivered");
                assertEquals(expected, answered, "every message id answered, no other");
                assertTrue(outbox.list("crash", Long.MAX_VALUE, 1000).stream().allMatch(d -> d.state() == Delivery.State.DELIVERED));
            } finally {
                receiver.stop(0);
            }
        }
    }
}
