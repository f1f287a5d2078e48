package dev.baas.bench;

import com.sun.net.httpserver.HttpServer;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.InMemoryOutboxStore;
import dev.baas.core.webhook.RetrySchedule;
import dev.baas.core.webhook.StandardWebhooks;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.core.webhook.WebhookDispatcher;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.core.webhook.WebhookSender;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Event-to-delivery latency of the webhook outbox on loopback: from enqueue to the receiver holding the body. */
public final class WebhookLatencyBench implements Benchmark {
    @Override public String name() { return "webhooks"; }

    @Override public String description() { return "webhook event-to-delivery latency on loopback, p50/p99, and throughput"; }

    @Override
    public void run(Figures out) throws Exception {
        int events = 5_000;
        ConcurrentHashMap<String, Long> enqueuedAt = new ConcurrentHashMap<>();
        double[] latencies = new double[events];
        CountDownLatch done = new CountDownLatch(events);
        int[] index = {0};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", ex -> {
            long now = System.nanoTime();
            ex.getRequestBody().readAllBytes();
            Long t0 = enqueuedAt.get(ex.getRequestHeaders().getFirst("webhook-id"));
            synchronized (latencies) { if (t0 != null && index[0] < events) latencies[index[0]++] = (now - t0) / 1e6; }
            ex.sendResponseHeaders(204, -1);
            ex.close();
            done.countDown();
        });
        server.start();
        InMemoryOutboxStore store = new InMemoryOutboxStore();
        WebhookSender sender = new WebhookSender(WebhookSender.Settings.DEFAULT, new UrlGuard(true), Clock.systemUTC());
        String secret = StandardWebhooks.newSecret();
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(store, sender,
                a -> new WebhookSender.Credentials(Optional.empty(), secret), Clock.systemUTC(), RetrySchedule.STANDARD,
                32, Duration.ofMinutes(1), Duration.ofSeconds(1))) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String id = WebhookPlanner.newMessageId();
                enqueuedAt.put(id, System.nanoTime());
                store.enqueue(List.of(new Delivery.New("bench", Optional.of(UUID.randomUUID()), id, "bot.status_change", url,
                        "{\"event\":\"bot.status_change\",\"data\":{}}")), Instant.now());
                dispatcher.wake();
                Thread.sleep(0, 500_000); // a steady stream (~1,500/s here), not one burst: latency, not queueing, is measured
            }
            if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("not every webhook arrived");
            double seconds = (System.nanoTime() - start) / 1e9;
            Percentiles p = new Percentiles(latencies);
            out.add("webhook latency p50", p.p(50), "ms");
            out.add("webhook latency p99", p.p(99), "ms");
            out.add("webhook throughput", events / seconds, "deliveries/s");
        } finally {
            server.stop(0);
        }
    }
}
