package dev.baas.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.browser.BrowserRuntime;
import dev.baas.core.storage.ArtifactStorage;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.core.webhook.JooqOutboxStore;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /health/ready}: whether this server can take a bot now. Each dependency is really exercised (a database
 * round trip, a probe object written, listed and deleted in artifact storage, the browsers counted, the webhook
 * queue measured), all at once, each within the configured timeout. Answers 503 when a required check is down. The
 * body names no URL, key or host: a failure says which kind of error it was; the server's log has the details.
 */
final class Readiness {
    private static final System.Logger LOG = System.getLogger(Readiness.class.getName());

    /** A check's status; a part the server runs without is {@code disabled}, which does not make it unready. */
    enum Status {
        UP("UP"), DOWN("DOWN"), DISABLED("disabled");

        final String wireName;

        Status(String wireName) { this.wireName = wireName; }
    }

    /** One dependency's answer: its status and what was measured. */
    record Result(Status status, Map<String, Object> details) {
        static Result up(Map<String, Object> details) { return new Result(Status.UP, details); }
    }

    @FunctionalInterface
    interface Probe {
        Result run() throws Exception;
    }

    private record Check(String name, Probe probe) {}

    private final List<Check> checks;
    private final Clock clock;
    private final Duration timeout;

    Readiness(JooqAccountStore accounts, Optional<BrowserRuntime> browsers, ArtifactStorage storage,
              JooqOutboxStore outbox, Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
        this.checks = List.of(
                new Check("database", () -> timed(accounts::count)),
                new Check("browser_pool", () -> browsers.map(Readiness::browsers)
                        .orElse(new Result(Status.DISABLED, Map.of()))),
                new Check("artifact_storage", () -> timed(() -> probe(storage))),
                new Check("webhook_outbox", () -> webhooks(outbox)));
    }

    void handle(ServerRequest req, ServerResponse res) {
        ObjectNode body = report();
        Json.send(res, body.path("status").asText().equals("UP") ? 200 : 503, body);
    }

    /** Runs every check at once and gathers their answers under {@code checks}. */
    ObjectNode report() {
        Map<String, CompletableFuture<Result>> running = new LinkedHashMap<>();
        for (Check c : checks) {
            CompletableFuture<Result> f = new CompletableFuture<>();
            Thread.ofVirtual().name("ready-" + c.name()).start(() -> {
                try {
                    f.complete(c.probe().run());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            running.put(c.name(), f);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ObjectNode out = Json.object();
        ObjectNode results = Json.object();
        boolean up = true;
        for (var e : running.entrySet()) {
            Result r = await(e.getKey(), e.getValue(), deadline, timeout);
            up &= r.status() != Status.DOWN;
            ObjectNode n = results.putObject(e.getKey());
            n.put("status", r.status().wireName);
            r.details().forEach((k, v) -> n.set(k, Json.MAPPER.valueToTree(v)));
        }
        out.put("status", up ? "UP" : "DOWN");
        out.set("checks", results);
        return out;
    }

    private static Result await(String name, CompletableFuture<Result> f, long deadline, Duration timeout) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "readiness check " + name + " timed out");
            return new Result(Status.DOWN, Map.of("error", "timed out after " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "readiness check " + name + " failed", e.getCause());
            return new Result(Status.DOWN, Map.of("error", e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Status.DOWN, Map.of("error", "interrupted"));
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static Result timed(Work w) throws Exception {
        long start = System.nanoTime();
        w.run();
        return Result.up(Map.of("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    }

    /** Writes a probe object, checks it is listed, deletes it: the three things a finished bot needs. */
    private static void probe(ArtifactStorage storage) throws IOException {
        UUID probeId = UUID.randomUUID();
        Path file = Files.createTempFile("baas-ready-", ".probe");
        try {
            Files.writeString(file, "ready", StandardCharsets.US_ASCII);
            String key = storage.put(probeId, "ready.probe", file);
            if (!storage.list(probeId).contains(key)) throw new IOException("probe object not listed after writing it");
        } finally {
            try {
                storage.deleteAll(probeId);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Result browsers(BrowserRuntime runtime) {
        int alive = runtime.browserMarkers().size();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("browsers_alive", alive);
        d.put("bots_open", runtime.bots());
        d.put("capacity", alive * runtime.settings().botsPerBrowser());
        return new Result(alive > 0 ? Status.UP : Status.DOWN, d);
    }

    private Result webhooks(JooqOutboxStore outbox) {
        long start = System.nanoTime();
        long depth = outbox.pendingCount();
        Optional<Duration> age = outbox.oldestPending().map(t -> Duration.between(t, clock.instant()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        d.put("queue_depth", depth);
        d.put("oldest_pending_age_s", age.map(a -> Math.max(0, a.toSeconds())).orElse(0L));
        return Result.up(d);
    }
}
