package dev.baas.server;

import dev.baas.sandbox.MeetingSpec;
import dev.baas.sandbox.SandboxService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The multi-node soak: three server processes on loopback share one real PostgreSQL and one data directory (the
 * volume a cluster's nodes mount). Bots spread over the nodes record sandbox meetings hosted in this JVM; the node
 * holding the most bots is killed with SIGKILL mid-meeting; the others see its lease run out and rejoin its bots.
 * When the meetings end every bot sends a terminal webhook, and each rejoined bot's delivered recording holds what
 * was on disk before the kill plus what it recorded after rejoining.
 *
 * <p>Heavy (dozens of bots in real Chromium), so it runs only with {@code -Dbaas.cluster=true}
 * ({@code ./baas bench cluster}); {@code -Dbaas.cluster.meetings} and {@code -Dbaas.cluster.bots-per-meeting} size it,
 * {@code -Dbaas.cluster.lease-s} sets the nodes' lease.
 */
@EnabledIfSystemProperty(named = "baas.cluster", matches = "true")
class ThreeNodeClusterTest {
    /** The operator key the nodes start with ({@link ServerCrashTest.Node}). */
    static final String KEY = ServerCrashTest.KEY;
    static final int NODES = 3;
    static final int MEETINGS = Integer.getInteger("baas.cluster.meetings", 6);
    static final int BOTS_PER_MEETING = Integer.getInteger("baas.cluster.bots-per-meeting", 5);
    /** Every this many bots one records {@code speaker_view} (mp4); the others record audio only (mp3), cheaper. */
    static final int VIDEO_EVERY = 8;
    /** How many bots are sent before waiting for them to record. */
    static final int WAVE = Integer.getInteger("baas.cluster.wave", 6);
    /** How long a node's hold on its bots lasts without a heartbeat (every 2 s): a dead node's bots wait that long. */
    static final int LEASE_S = Integer.getInteger("baas.cluster.lease-s", 20);
    /** What the recording of a bot may lose at the kill: the fragment or frame being written when the process died. */
    static final double SALVAGE_TOLERANCE_S = 1.5;
    static final Duration JOINS = Duration.ofMinutes(8);
    static final Duration REJOINS = Duration.ofMinutes(5);
    static final Duration ENDINGS = Duration.ofMinutes(5);

    @TempDir Path data;

    /** A bot as the test sent it: which meeting, which node took the request, how it records. */
    record Bot(int index, String id, String meeting, int postedTo, boolean video, long postedAt) {
        String file() { return video ? "video.mp4" : "audio.mp3"; }

        String link() { return video ? "mp4" : "audio"; }
    }

    /** Every webhook by bot, in arrival order; waiting on it wakes when one arrives. */
    static final class Hooks {
        /** A webhook and when it arrived ({@link System#nanoTime}). */
        record Arrival(long at, WebhookReceiver.Received hook) {}

        private final Map<String, List<Arrival>> byBot = new HashMap<>();

        synchronized void add(WebhookReceiver.Received r) {
            byBot.computeIfAbsent(r.json().at("/data/bot_id").asText(), k -> new ArrayList<>()).add(new Arrival(System.nanoTime(), r));
            notifyAll();
        }

        synchronized List<WebhookReceiver.Received> of(String bot) {
            return byBot.getOrDefault(bot, List.of()).stream().map(Arrival::hook).toList();
        }

        /** When the bot's first {@code in_call_recording} arrived. */
        synchronized Optional<Long> firstRecording(String bot) {
            return byBot.getOrDefault(bot, List.of()).stream()
                    .filter(a -> ServerCrashTest.status(a.hook()).equals("in_call_recording")).map(Arrival::at).findFirst();
        }

        synchronized List<String> statuses(String bot) {
            return of(bot).stream().map(ServerCrashTest::status).toList();
        }

        /** The bot's first terminal webhook: {@code complete} or {@code failed}. */
        synchronized Optional<WebhookReceiver.Received> terminal(String bot) {
            return of(bot).stream().filter(r -> r.event().equals("complete") || r.event().equals("failed")).findFirst();
        }

        /** Waits until {@code condition} holds, re-checking on every webhook and at least every quarter second. */
        void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
            await(what, max, condition, () -> "");
        }

        /** As {@link #await(String, Duration, BooleanSupplier)}; a timeout tells {@code state}. */
        void await(String what, Duration max, BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            synchronized (this) {
                while (!condition.getAsBoolean()) {
                    if (System.nanoTime() > deadline) fail(what + " within " + max + "; " + state.get());
                    wait(250);
                }
            }
        }
    }

    @Test
    void killingTheBusiestNodeMidMeetingLosesNoBotAndNoRecording() throws Exception {
        long t0 = System.nanoTime();
        Path logs = Files.createDirectories(Path.of("target", "cluster-test"));
        Hooks hooks = new Hooks();
        List<ServerCrashTest.Node> nodes = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start();
             SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults());
             WebhookReceiver receiver = WebhookReceiver.start()) {
            Thread collector = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) receiver.poll(Duration.ofSeconds(1)).ifPresent(hooks::add);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                run(pg, sandbox, receiver, hooks, nodes, logs, t0);
            } finally {
                collector.interrupt();
                for (ServerCrashTest.Node n : nodes) n.close();
            }
        }
    }

    private void run(EmbeddedPostgres pg, SandboxService sandbox, WebhookReceiver receiver, Hooks hooks,
                     List<ServerCrashTest.Node> nodes, Path logs, long t0) throws Exception {
        // meetings where nobody is killed: people who keep talking while bots come and go
        List<String> meetings = new ArrayList<>();
        for (int m = 0; m < MEETINGS; m++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 200; l++) lines.add("Meeting " + m + ", line " + l + ": the numbers for this quarter look fine.");
            meetings.add(sandbox.create(new MeetingSpec(List.of(new MeetingSpec.ParticipantSpec("Speaker " + m, lines)),
                    false, true, Duration.ofMillis(300), Optional.empty())).id());
        }
        String database = pg.getJdbcUrl("postgres", "postgres");
        for (int i = 0; i < NODES; i++) {
            // one after another: the first creates the key files in the shared data directory
            nodes.add(ServerCrashTest.Node.start(data, Map.of("BAAS_DATABASE_URL", database, "BAAS_ROLE", "all",
                    "BAAS_NODE_ID", node(i), "BAAS_TAKEOVER", "rejoin", "BAAS_LEASE_S", Integer.toString(LEASE_S), "BAAS_HEARTBEAT_S", "2",
                    "BAAS_CAPACITY_UNITS", "60", "BAAS_SCREENSHOT_INTERVAL_S", "0"),
                    Optional.of(logs.resolve(node(i) + ".log"))));
        }
        long started = System.nanoTime();
        System.out.printf("cluster: %d nodes (lease %d s, heartbeat 2 s) up in %d ms, %d meetings ready%n", NODES, LEASE_S,
                (started - t0) / 1_000_000, MEETINGS);

        List<Bot> bots = new ArrayList<>();
        int total = MEETINGS * BOTS_PER_MEETING;
        for (int i = 0; i < total; i++) {
            int node = i % NODES;
            String meeting = meetings.get(i % MEETINGS);
            boolean video = i % VIDEO_EVERY == 0;
            ApiClient api = new ApiClient(nodes.get(node).port(), KEY);
            long posted = System.nanoTime();
            ApiClient.Response joined = post(api, "/bots", "{\"meeting_url\":\"" + sandbox.baseUrl() + "/m/" + meeting
                    + "\",\"bot_name\":\"Bot " + i + "\",\"recording_mode\":\"" + (video ? "speaker_view" : "audio_only")
                    + "\",\"deduplication_key\":\"bot-" + i + "\",\"webhook_url\":\"" + receiver.url("/hook/" + i) + "\"}");
            assertEquals(200, joined.status(), joined.toString());
            bots.add(new Bot(i, joined.json().get("bot_id").asText(), meeting, node, video, posted));
            if (bots.size() % WAVE == 0 || bots.size() == total) {
                // bots join in waves: starting a page is the costly part, all at once they would time out on two cores
                List<Bot> sent = List.copyOf(bots);
                hooks.await("bots 0 to " + i + " recording", JOINS, () -> sent.stream().allMatch(b -> hooks.statuses(b.id())
                        .contains("in_call_recording") || hooks.terminal(b.id()).isPresent()), () -> state(hooks, sent));
            }
        }
        for (Bot b : bots) {
            assertTrue(hooks.terminal(b.id()).isEmpty(), () -> "bot " + b.index() + " ended before the kill: " + hooks.statuses(b.id())
                    + " " + hooks.of(b.id()).stream().map(r -> r.json().path("data").toString()).toList());
        }
        long allRecording = System.nanoTime();
        System.out.printf("cluster: all %d bots in_call_recording %d ms after the first request%n", total,
                (allRecording - started) / 1_000_000);
        // each bot's recording reaches the shared disk
        hooks.await("every recording on disk", Duration.ofMinutes(2), () -> bots.stream()
                .allMatch(b -> recordings(b).stream().anyMatch(f -> size(f) >= (b.video() ? 64_000 : 24_000))));
        long spurious = takeovers(logs);

        Map<String, String> owners = owners(pg);
        Map<String, Long> before = counts(owners);
        String victim = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Bot> orphans = bots.stream().filter(b -> victim.equals(owners.get(b.id()))).toList();
        Map<String, Integer> statusesAtKill = new HashMap<>();
        bots.forEach(b -> statusesAtKill.put(b.id(), hooks.statuses(b.id()).size()));
        long killedAt = System.nanoTime();
        nodes.get(Integer.parseInt(victim.substring(victim.lastIndexOf('-') + 1))).kill();
        System.out.printf("cluster: bots per node before the kill %s; killed %s (%d bots); %d takeovers before the kill (late heartbeats)%n",
                new TreeMap<>(before), victim, orphans.size(), spurious);

        // what the dead node left on disk: its bots' recordings up to the kill
        Map<String, Double> onDisk = new LinkedHashMap<>();
        Map<String, List<Path>> filesAtKill = new HashMap<>();
        for (Bot b : orphans) {
            filesAtKill.put(b.id(), recordings(b));
            onDisk.put(b.id(), recordings(b).stream().mapToDouble(ThreeNodeClusterTest::seconds).sum());
        }

        Map<String, Long> recordingAgain = new HashMap<>();
        hooks.await("every bot of " + victim + " recording again", REJOINS, () -> {
            for (Bot b : orphans) {
                List<String> after = hooks.statuses(b.id());
                if (!recordingAgain.containsKey(b.id()) && after.subList(statusesAtKill.get(b.id()), after.size()).contains("in_call_recording")) {
                    recordingAgain.put(b.id(), System.nanoTime());
                }
            }
            return recordingAgain.size() == orphans.size() || orphans.stream().anyMatch(b -> hooks.terminal(b.id()).isPresent());
        }, () -> state(hooks, orphans));
        for (Bot b : orphans) {
            assertTrue(recordingAgain.containsKey(b.id()), "bot " + b.index() + " of " + victim + " did not record again: "
                    + hooks.statuses(b.id()) + " " + hooks.terminal(b.id()).map(WebhookReceiver.Received::body).orElse(""));
        }
        long rejoined = recordingAgain.values().stream().mapToLong(Long::longValue).max().orElse(killedAt);
        // some seconds of each rejoined bot's new segment reach the disk
        hooks.await("the rejoined bots' segments on disk", Duration.ofMinutes(2), () -> orphans.stream()
                .allMatch(b -> recordings(b).stream().filter(f -> !filesAtKill.get(b.id()).contains(f))
                        .anyMatch(f -> size(f) >= (b.video() ? 160_000 : 80_000))));
        Map<String, String> ownersAfter = owners(pg);
        Map<String, Long> after = counts(ownersAfter);

        long endedAt = System.nanoTime();
        meetings.forEach(sandbox::end);
        hooks.await("every bot's terminal webhook", ENDINGS, () -> bots.stream().allMatch(b -> hooks.terminal(b.id()).isPresent()),
                () -> state(hooks, bots));
        long terminalAt = System.nanoTime();

        int completed = 0;
        List<String> failures = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (Bot b : bots) {
            WebhookReceiver.Received t = hooks.terminal(b.id()).orElseThrow();
            if (t.event().equals("failed")) {
                failures.add("bot " + b.index() + " (" + b.id() + "): " + t.json().at("/data/error").asText() + " - "
                        + t.json().at("/data/message").asText());
                continue;
            }
            completed++;
            String link = t.json().at("/data/" + b.link()).asText();
            assertFalse(link.isEmpty(), "bot " + b.index() + " completed without its " + b.link() + ": " + t.body());
            Path delivered = data.resolve("delivered-" + b.index() + "-" + b.file());
            Files.write(delivered, ApiClient.download(link));
            double got = seconds(delivered);
            List<Path> files = recordings(b);
            List<Path> earlier = filesAtKill.getOrDefault(b.id(), List.of());
            // what a bot recorded: for one of the killed node, what was on disk at the kill and what it recorded since
            double recorded = onDisk.getOrDefault(b.id(), 0.0) + files.stream().filter(f -> !earlier.contains(f))
                    .mapToDouble(ThreeNodeClusterTest::seconds).sum();
            double want = recorded - SALVAGE_TOLERANCE_S * Math.max(1, files.size() - 1);
            if (files.size() > 1) {
                System.out.printf("cluster: bot %2d %-12s %s %d segments, %6.1f s recorded (%6.1f s before the kill), delivered %6.1f s%n",
                        b.index(), b.video() ? "speaker_view" : "audio_only", onDisk.containsKey(b.id()) ? "rejoined" : "moved   ",
                        files.size(), recorded, onDisk.getOrDefault(b.id(), 0.0), got);
            }
            if (got < want || got < 1) lost.add(String.format("bot %d delivered %.1f s of the %.1f s it recorded in %d segments",
                    b.index(), got, recorded, files.size()));
        }

        List<Long> joins = bots.stream().map(b -> hooks.firstRecording(b.id()).map(at -> (at - b.postedAt()) / 1_000_000).orElse(-1L))
                .sorted().toList();
        List<Long> rejoins = orphans.stream().map(b -> (recordingAgain.getOrDefault(b.id(), killedAt) - killedAt) / 1_000_000)
                .sorted().toList();
        System.out.printf("cluster: %d bots on %d meetings over %d nodes (%d speaker_view)%n", total, MEETINGS, NODES,
                bots.stream().filter(Bot::video).count());
        System.out.printf("cluster: join to in_call_recording ms: min %d, median %d, max %d%n", joins.getFirst(),
                joins.get(joins.size() / 2), joins.getLast());
        System.out.printf("cluster: bots per node before %s, after %s%n", new TreeMap<>(before), new TreeMap<>(after));
        System.out.printf("cluster: kill to every orphan recording again: %d ms (per bot ms: %s)%n",
                (rejoined - killedAt) / 1_000_000, rejoins);
        System.out.printf("cluster: meetings ended to every terminal webhook: %d ms%n", (terminalAt - endedAt) / 1_000_000);
        System.out.printf("cluster: %d completed, %d failed; total run %d s%n", completed, failures.size(),
                (System.nanoTime() - started) / 1_000_000_000);
        failures.forEach(f -> System.out.println("cluster: failed " + f));
        lost.forEach(l -> System.out.println("cluster: lost " + l));

        assertFalse(after.containsKey(victim), "the killed node still holds bots: " + after);
        assertEquals(orphans.size(), recordingAgain.size(), "every bot of the killed node recorded again");
        assertEquals(List.of(), failures, "with BAAS_TAKEOVER=rejoin every bot completes");
        assertEquals(List.of(), lost, "no recording segment lost");
    }

    static String node(int i) { return "node-" + i; }

    /** Each bot's webhooks so far, for a failure message. */
    static String state(Hooks hooks, List<Bot> bots) {
        return bots.stream().map(b -> "bot " + b.index() + " (" + b.id() + ", via " + node(b.postedTo()) + "): "
                + hooks.statuses(b.id()) + hooks.terminal(b.id()).map(t -> " " + t.body()).orElse("")).collect(Collectors.joining("\n"));
    }

    /** A POST that may wait long: on a busy machine a node answers late while its bots start. */
    static ApiClient.Response post(ApiClient api, String path, String json) {
        return ApiClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("x-meeting-baas-api-key", api.key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * The bot's recording files, oldest first: its folder's, then each segment's (a segment is what a node that took
     * the bot over recorded after joining again).
     */
    List<Path> recordings(Bot b) {
        Path dir = data.resolve("bots").resolve(b.id());
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(b.file()))) out.add(dir.resolve(b.file()));
        try (Stream<Path> s = Files.list(dir)) {
            // segment-<epoch millis>: the names sort in time order
            s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().map(p -> p.resolve(b.file()))
                    .filter(Files::isRegularFile).forEach(out::add);
        } catch (IOException e) {
            // no folder yet: nothing recorded
        }
        return out;
    }

    /** How many bots the nodes took over from one another so far, as their logs say. */
    static long takeovers(Path logs) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    n += lines.filter(l -> l.contains(" takes over bot ")).count();
                }
            }
        }
        return n;
    }

    /** Which node holds each bot's lease, by bot id, as the database says. */
    static Map<String, String> owners(EmbeddedPostgres pg) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id, lease_owner from bots where lease_owner is not null")) {
            while (r.next()) out.put(r.getString(1), r.getString(2));
        }
        return out;
    }

    static Map<String, Long> counts(Map<String, String> owners) {
        return owners.values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // written or moved at this very moment: seen next time
        }
    }

    /** How long the media file plays, as ffprobe reads it; 0 when it holds nothing playable. */
    static double seconds(Path file) {
        try {
            String out = SandboxEndToEndTest.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    file.toString()).trim();
            return out.isEmpty() || out.equals("N/A") ? 0 : Double.parseDouble(out);
        } catch (Exception | AssertionError e) {
            return 0;
        }
    }
}
