package dev.baas.core;

import dev.baas.core.db.Database;
import dev.baas.core.store.BotRecord;
import dev.baas.core.store.JooqBotStore;
import dev.baas.spi.BotConfig;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.RecordingMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Nodes sharing one real PostgreSQL: an API-only node takes the joins, worker nodes claim the bots by lease as far as
 * their capacity goes; one worker dies (cut off from the database, its leases run out) and the others take its bots
 * over: they rejoin the meetings, or end the bots, as the takeover policy says.
 */
class ClusterTest {
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final int WORKERS = 3, UNITS = 15, BOTS = 30;

    record Node(String name, Database db, JooqBotStore store, FakePlatform platform, Baas baas) {}

    static EmbeddedPostgres pg;
    final List<Node> nodes = new ArrayList<>();
    @TempDir Path data;

    @BeforeEach
    void database() throws Exception { pg = EmbeddedPostgres.start(); }

    @AfterEach
    void stop() throws Exception {
        for (Node n : nodes) {
            try {
                n.baas().close();
            } catch (RuntimeException e) {
                // the dead node's bots cannot write any more
            }
            n.db().close();
        }
        pg.close();
    }

    Node node(String name, boolean worker, ClusterSettings.Takeover takeover) throws InterruptedException {
        Database db = Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
        JooqBotStore store = new JooqBotStore(db);
        FakePlatform platform = new FakePlatform();
        Baas baas = Baas.builder().platform(platform).store(store).dataDirectory(data.resolve(name))
                .capacity(BotCapacity.of(UNITS))
                .cluster(store, new ClusterSettings(name, worker, LEASE, HEARTBEAT, takeover)).build();
        baas.recover();
        Node n = new Node(name, db, store, platform, baas);
        nodes.add(n);
        return n;
    }

    static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Object tick = new Object();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            synchronized (tick) { tick.wait(20); }
        }
    }

    List<Node> workers() { return nodes.stream().filter(n -> !n.name().equals("api")).toList(); }

    /** Sends the bots through the API node and lets every worker's sessions into their meetings. */
    List<UUID> botsInTheirMeetings(Node api) throws InterruptedException {
        List<UUID> bots = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            bots.add(api.baas().join(BotConfig.builder("https://fake.test/room-" + i, "Bot " + i)
                    .recordingMode(RecordingMode.AUDIO_ONLY).build()));
        }
        await(() -> workers().stream().mapToInt(w -> w.platform().sessions.size()).sum() == BOTS, "every bot is claimed");
        for (Node w : workers()) {
            assertTrue(w.platform().sessions.size() <= UNITS, w.name() + " took no more than its capacity");
            w.platform().sessions.values().forEach(s -> s.context.emit(new MeetingEvent.Admitted(Instant.now())));
        }
        await(() -> bots.stream().allMatch(b -> phase(api, b) == BotPhase.IN_CALL_RECORDING), "every bot records");
        return bots;
    }

    static BotPhase phase(Node n, UUID bot) { return n.store().find(bot).orElseThrow().phase(); }

    /** The worker with the most bots dies: cut off from the database, it renews nothing any more. */
    Node kill() {
        Node victim = workers().stream().max(java.util.Comparator.comparingInt(w -> w.platform().sessions.size())).orElseThrow();
        victim.db().close();
        return victim;
    }

    @Test
    void theBotsOfADeadWorkerRejoinTheirMeetingsOnTheOthers() throws Exception {
        Node api = node("api", false, ClusterSettings.Takeover.REJOIN);
        for (int i = 1; i <= WORKERS; i++) node("worker-" + i, true, ClusterSettings.Takeover.REJOIN);
        List<UUID> bots = botsInTheirMeetings(api);
        assertEquals(0, api.platform().sessions.size(), "the API node runs no bot");

        Node dead = kill();
        Set<UUID> orphans = new HashSet<>(dead.platform().sessions.keySet());
        List<Node> alive = workers().stream().filter(w -> w != dead).toList();
        long t0 = System.nanoTime();
        await(() -> orphans.stream().allMatch(b -> alive.stream().anyMatch(w -> w.platform().sessions.containsKey(b))),
                "the dead worker's bots rejoin on the others");
        System.out.printf("%d bots of a dead worker rejoined on %d others %d ms after it died (lease %d ms)%n",
                orphans.size(), alive.size(), (System.nanoTime() - t0) / 1_000_000, LEASE.toMillis());
        for (UUID b : orphans) {
            assertNotEquals(dead.name(), api.store().leaseOwner(b).orElseThrow());
            assertEquals(BotPhase.JOINING, phase(api, b), "joining the meeting again");
        }
        for (Node w : alive) {
            for (UUID b : orphans) {
                FakePlatform.FakeSession s = w.platform().sessions.get(b);
                if (s != null) s.context.emit(new MeetingEvent.Admitted(Instant.now()));
            }
        }
        await(() -> bots.stream().allMatch(b -> phase(api, b) == BotPhase.IN_CALL_RECORDING), "every bot records again");

        bots.forEach(api.baas()::leave); // through the API node: each owner hears it at its heartbeat
        await(() -> bots.stream().allMatch(b -> phase(api, b) == BotPhase.COMPLETED), "every bot completes");
        assertTrue(api.store().unfinished().isEmpty());
    }

    @Test
    void withTheEndPolicyTheBotsOfADeadWorkerEndWithAReason() throws Exception {
        Node api = node("api", false, ClusterSettings.Takeover.END);
        for (int i = 1; i <= 2; i++) node("worker-" + i, true, ClusterSettings.Takeover.END);
        List<UUID> bots = botsInTheirMeetings(api);
        Node dead = kill();
        Set<UUID> orphans = new HashSet<>(dead.platform().sessions.keySet());
        await(() -> orphans.stream().allMatch(b -> phase(api, b) == BotPhase.FAILED), "the dead worker's bots end");
        for (UUID b : orphans) {
            Map<String, Object> last = lastFailure(api, b);
            assertEquals(FailureCode.INTERNAL_ERROR.wireName(), last.get("error"));
        }
        bots.stream().filter(b -> !orphans.contains(b)).forEach(b -> assertEquals(BotPhase.IN_CALL_RECORDING, phase(api, b)));
    }

    static Map<String, Object> lastFailure(Node n, UUID bot) {
        var stored = n.store().details(bot).orElseThrow();
        assertTrue(stored.errorMessage().orElseThrow().contains(Recovery.NODE_STOPPED), stored.errorMessage().toString());
        return Map.of("error", stored.errorCode().orElseThrow());
    }

    @Test
    void aWorkerRestartedUnderItsNameFinishesItsOwnBotsAtOnce() throws Exception {
        Node api = node("api", false, ClusterSettings.Takeover.REJOIN);
        Node worker = node("worker-1", true, ClusterSettings.Takeover.REJOIN);
        UUID bot = api.baas().join(BotConfig.builder("https://fake.test/room", "Bot").recordingMode(RecordingMode.AUDIO_ONLY).build());
        await(() -> worker.platform().sessions.containsKey(bot), "the worker claims the bot");
        worker.db().close(); // dies
        Node again = node("worker-1", true, ClusterSettings.Takeover.REJOIN); // back under its name, lease still valid
        await(() -> phase(api, bot).isTerminal(), "its bot is finished");
        assertEquals(BotPhase.FAILED, phase(api, bot), "nothing was recorded");
        assertFalse(again.platform().sessions.containsKey(bot), "its own bots are not rejoined after a restart");
        List<BotRecord> unfinished = api.store().unfinished();
        assertTrue(unfinished.isEmpty(), unfinished.toString());
    }
}
