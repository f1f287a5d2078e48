package dev.baas.bench;

import dev.baas.core.store.Account;
import dev.baas.server.BaasServer;
import dev.baas.server.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API throughput with 50 concurrent keep-alive clients against a real server on loopback: {@code GET /bots/meeting_data}
 * answered per second and {@code POST /bots} accepted per second (bots of a browser-free platform whose host refuses
 * them at once), with p50/p99 latency and the machine's load average, which matters on a shared machine.
 */
public final class ApiThroughputBench implements Benchmark {
    static final int CLIENTS = 50;
    private static final Pattern BOT_ID = Pattern.compile("\"bot_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final boolean postgres;

    /** H2, the default database; {@link #postgres()} runs the same on an embedded PostgreSQL. */
    public ApiThroughputBench() { this(false); }

    private ApiThroughputBench(boolean postgres) { this.postgres = postgres; }

    /** The PostgreSQL variant, found by ServiceLoader through this provider method. */
    public static final class Postgres implements Benchmark {
        private final ApiThroughputBench bench = new ApiThroughputBench(true);

        @Override public String name() { return bench.name(); }

        @Override public String description() { return bench.description(); }

        @Override public void run(Figures out) throws Exception { bench.run(out); }
    }

    @Override public String name() { return postgres ? "api-pg" : "api"; }

    @Override
    public String description() {
        return "API requests/s and p50/p99 at " + CLIENTS + " clients on " + (postgres ? "PostgreSQL (embedded)" : "H2")
                + ": GET /bots/meeting_data, POST /bots";
    }

    @Override
    public void run(Figures out) throws Exception {
        Path dir = Files.createTempDirectory("baas-bench-api");
        Optional<EmbeddedPostgres> pg = postgres ? Optional.of(EmbeddedPostgres.start()) : Optional.empty();
        try {
            out.add("cores", Runtime.getRuntime().availableProcessors(), "");
            out.add("load average (1 min) before", loadAverage(), "");
            // a first run only warms the JIT up, so neither measured run pays for compilation
            getLoad(config(dir.resolve("warm-up"), pg), Duration.ofSeconds(5));
            // the same GET load with every request checking its key in the database, then with checked keys cached
            Load uncached = getLoad(config(dir.resolve("uncached"), pg).withAuthCache(Duration.ZERO), Duration.ofSeconds(10));
            report(out, "GET /bots/meeting_data, key checked each request", uncached);
            Load cached = getLoad(config(dir.resolve("cached"), pg), Duration.ofSeconds(10));
            report(out, "GET /bots/meeting_data", cached);
            out.add("GET server CPU per request: uncached / cached", uncached.serverCpuMicros() / cached.serverCpuMicros(), "x");
            try (BaasServer server = start(config(dir.resolve("join"), pg))) {
                String key = key(server);
                Load post = drive(server.port(), Duration.ofSeconds(2), Duration.ofSeconds(8),
                        client -> n -> join(key, "c" + client + "-" + n));
                report(out, "POST /bots accepted", post);
            }
            out.add("load average (1 min) after", loadAverage(), "");
        } finally {
            if (pg.isPresent()) pg.get().close();
            deleteTree(dir);
        }
    }

    private static ServerConfig config(Path dir, Optional<EmbeddedPostgres> pg) {
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withRateLimits(ServerConfig.RateLimits.OFF);
        if (pg.isEmpty()) return config;
        // one database for all runs; each run's server adds its own accounts and bots
        String url = pg.get().getJdbcUrl("postgres", "postgres");
        return config.withDatabaseUrl(url + (url.contains("?") ? "&" : "?") + "user=postgres");
    }

    private static BaasServer start(ServerConfig config) {
        return BaasServer.start(config, b -> b.platform(new BenchPlatform(BenchPlatform.Script.DENIED)));
    }

    private static String key(BaasServer server) {
        Account account = server.accounts().create("bench");
        return server.accounts().issueKey(account.id());
    }

    /** Each client reads the meeting data of its own bot, made first. */
    private static Load getLoad(ServerConfig config, Duration measure) throws Exception {
        try (BaasServer server = start(config)) {
            String key = key(server);
            List<String> bots = new ArrayList<>();
            try (LoopbackClient seed = new LoopbackClient(server.port())) {
                for (int i = 0; i < CLIENTS; i++) {
                    LoopbackClient.Response r = seed.send(join(key, "seed-" + i));
                    Matcher m = BOT_ID.matcher(r.body());
                    if (r.status() != 200 || !m.find()) throw new IllegalStateException("seeding a bot failed: " + r);
                    bots.add(m.group(1));
                }
            }
            return drive(server.port(), Duration.ofSeconds(3), measure, client -> {
                byte[] request = LoopbackClient.request("GET", "/bots/meeting_data?bot_id=" + bots.get(client), key, null);
                return n -> request;
            });
        }
    }

    private static byte[] join(String key, String meeting) {
        return LoopbackClient.request("POST", "/bots", key,
                "{\"meeting_url\":\"" + BenchPlatform.PREFIX + meeting + "-" + System.nanoTime() + "\",\"bot_name\":\"Bench\"}");
    }

    /**
     * What the clients did in the measured window (answers with 200, other answers, each 200's latency), and the CPU
     * time the server spent per request over the whole run: the process's CPU time less the clients' own, which on a
     * shared machine says more than requests per second.
     */
    record Load(long ok, long failed, double seconds, double[] latenciesMs, double serverCpuMicros) {
        double perSecond() { return ok / seconds; }
    }

    /** A request maker per client: given the client's request number, the bytes to send. */
    interface Requests {
        byte[] next(long n);
    }

    /**
     * {@link #CLIENTS} threads, each on its own connection, send requests back to back for {@code warmup} (not
     * counted) and then {@code measure}.
     */
    static Load drive(int port, Duration warmup, Duration measure, IntFunction<Requests> perClient) throws InterruptedException {
        long start = System.nanoTime() + 200_000_000L;
        long from = start + warmup.toNanos();
        long until = from + measure.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        long cpuBefore = processCpuNanos();
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[CLIENTS][];
        int[] counts = new int[CLIENTS];
        CountDownLatch done = new CountDownLatch(CLIENTS);
        List<Throwable> errors = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Requests requests = perClient.apply(client);
            Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try (LoopbackClient http = new LoopbackClient(port)) {
                    while (System.nanoTime() < start) Thread.onSpinWait();
                    for (long i = 0; ; i++) {
                        byte[] request = requests.next(i);
                        long t0 = System.nanoTime();
                        if (t0 >= until) break;
                        LoopbackClient.Response r = http.send(request);
                        long t1 = System.nanoTime();
                        sent.incrementAndGet();
                        if (t0 < from) continue;
                        if (r.status() != 200) {
                            failed.incrementAndGet();
                            continue;
                        }
                        ok.incrementAndGet();
                        if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                        mine[n++] = t1 - t0;
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) { errors.add(e); }
                } finally {
                    clientCpu.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    latencies[client] = mine;
                    counts[client] = n;
                    done.countDown();
                }
            });
        }
        done.await();
        double serverCpuMicros = (processCpuNanos() - cpuBefore - clientCpu.get()) / 1e3 / Math.max(1, sent.get());
        if (!errors.isEmpty()) throw new IllegalStateException(errors.size() + " clients failed, first: " + errors.getFirst(), errors.getFirst());
        int total = Arrays.stream(counts).sum();
        double[] all = new double[total];
        int k = 0;
        for (int c = 0; c < CLIENTS; c++) for (int i = 0; i < counts[c]; i++) all[k++] = latencies[c][i] / 1e6;
        return new Load(ok.get(), failed.get(), measure.toNanos() / 1e9, all, serverCpuMicros);
    }

    static void report(Figures out, String what, Load load) {
        Percentiles p = new Percentiles(load.latenciesMs());
        out.add(what + " throughput", load.perSecond(), "req/s");
        out.add(what + " latency p50", p.p(50), "ms");
        out.add(what + " latency p99", p.p(99), "ms");
        out.add(what + " not 200", load.failed(), "answers");
        out.add(what + " server CPU per request", load.serverCpuMicros(), "µs");
        out.add(what + " capacity of the cores at that cost", Runtime.getRuntime().availableProcessors() * 1e6 / load.serverCpuMicros(), "req/s");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1-minute load average of the machine, or -1 where /proc does not say. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
