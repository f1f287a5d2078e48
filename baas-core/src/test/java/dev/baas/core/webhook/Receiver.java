package dev.baas.core.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** A real HTTP webhook receiver on loopback that answers as the test scripts it and keeps what it got. */
final class Receiver implements AutoCloseable {
    record Received(String path, Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile IntSupplier status = () -> 200;
    private volatile Map<String, String> extraHeaders = Map.of();
    private volatile boolean hang;
    private final Object hangLock = new Object();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hang) {
                synchronized (hangLock) {
                    try { while (hang) hangLock.wait(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                }
            }
            int code = status.getAsInt();
            synchronized (this) {
                received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body, code));
                notifyAll();
            }
            extraHeaders.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    void answer(IntSupplier s) { status = s; }

    void headers(Map<String, String> h) { extraHeaders = h; }

    void hang(boolean on) {
        synchronized (hangLock) {
            hang = on;
            hangLock.notifyAll();
        }
    }

    synchronized List<Received> received() { return List.copyOf(received); }

    synchronized List<Received> awaitCount(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("expected " + n + " requests, got " + received.size());
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(received);
    }

    /** Waits for {@code n} requests answered with 2xx and returns those, in arrival order. */
    synchronized List<Received> awaitCountOk(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            List<Received> ok = received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
            if (ok.size() >= n) return ok;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("expected " + n + " delivered, got " + ok.size());
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override public void close() {
        hang(false);
        server.stop(0);
    }
}
