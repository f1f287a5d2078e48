package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A customer's webhook endpoint on loopback: answers every request 204 and keeps it, in arrival order. */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received: where it was sent, its body and its signature headers. */
    record Received(String path, String body, String id, String timestamp, String signature, String apiKey) {
        JsonNode json() {
            try {
                return ApiClient.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        String event() { return json().path("event").asText(); }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private WebhookReceiver(HttpServer server) { this.server = server; }

    static WebhookReceiver start() throws IOException {
        WebhookReceiver r = new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16));
        r.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        r.server.createContext("/", ex -> {
            var h = ex.getRequestHeaders();
            r.received.add(new Received(ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8), h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("x-meeting-baas-api-key")));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        r.server.start();
        return r;
    }

    String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    /** The next request to arrive; fails the test if none comes within {@code wait}. */
    Received next(Duration wait) throws InterruptedException {
        Received r = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) throw new AssertionError("no webhook arrived within " + wait);
        return r;
    }

    /** The next request to arrive within {@code wait}, if one does. */
    java.util.Optional<Received> poll(Duration wait) throws InterruptedException {
        return java.util.Optional.ofNullable(received.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next request of this event, skipping others (status changes) before it. */
    Received next(String event, Duration wait) throws InterruptedException {
        while (true) {
            Received r = next(wait);
            if (r.event().equals(event)) return r;
        }
    }

    boolean isEmpty() { return received.isEmpty(); }

    @Override public void close() { server.stop(0); }
}
