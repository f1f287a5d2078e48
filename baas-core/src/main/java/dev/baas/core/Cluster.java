package dev.baas.core;

import dev.baas.core.store.BotLeases;
import dev.baas.core.store.BotRecord;
import dev.baas.spi.MeetingPlatform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This node among others on one database: renews the leases of its bots by heartbeat, passes on requests to leave
 * that reached other nodes, and, when it runs bots, claims those waiting for a node and those of dead nodes (their
 * lease ran out) as far as it has room.
 */
final class Cluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
    /** Most bots taken in one heartbeat by a node without a capacity limit, so one node does not grab everything. */
    private static final int MAX_CLAIM = 8;

    private final Engine engine;
    private final BotLeases leases;
    private final ClusterSettings settings;
    private final Map<String, MeetingPlatform> platforms;
    private final Recovery recovery;
    private final Object wake = new Object();
    private volatile boolean closed;
    private Thread thread;

    Cluster(Engine engine, BotLeases leases, ClusterSettings settings, Map<String, MeetingPlatform> platforms) {
        this.engine = engine;
        this.leases = leases;
        this.settings = settings;
        this.platforms = platforms;
        this.recovery = new Recovery(engine, platforms);
    }

    ClusterSettings settings() { return settings; }

    BotLeases leases() { return leases; }

    Instant leaseEnd() { return engine.clock().instant().plus(settings.lease()); }

    /** Finishes what this node held before a restart, then beats until closed. */
    RecoveryReport start() throws InterruptedException {
        RecoveryReport own = recovery.recoverAll(leases.heldBy(settings.node()).stream()
                .filter(b -> engine.runner(b.id()).isEmpty()).toList());
        thread = Thread.ofPlatform().daemon().name("cluster-" + settings.node()).start(this::beatUntilClosed);
        return own;
    }

    private void beatUntilClosed() {
        while (!closed) {
            try {
                beat();
            } catch (RuntimeException e) {
                // the database may be away for a moment; leases last several heartbeats
                LOG.log(System.Logger.Level.WARNING, "heartbeat of node " + settings.node() + " failed: " + e);
            }
            synchronized (wake) {
                try {
                    if (!closed) wake.wait(settings.heartbeat().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void beat() {
        leases.renew(settings.node(), leaseEnd());
        // a heartbeat that came too late: another node took these bots over, this one must not run them too. The
        // running bots are listed before the held ones: a bot started in between is held (its row is written before
        // it starts) but would otherwise look taken and be let go by its own node, never to be run again.
        List<UUID> running = engine.runningIds(); // a copy, taken now
        java.util.Set<UUID> held = new java.util.HashSet<>();
        leases.heldBy(settings.node()).forEach(b -> held.add(b.id()));
        for (UUID id : running) {
            if (!held.contains(id) && engine.store().find(id).map(b -> !b.phase().isTerminal()).orElse(false)) {
                engine.runner(id).ifPresent(r -> r.signal(new BotRunner.Signal.Abandon()));
            }
        }
        for (UUID id : leases.stopsRequested(settings.node())) {
            engine.runner(id).ifPresent(r -> r.signal(new BotRunner.Signal.Leave()));
        }
        if (!settings.runsBots()) return;
        Instant now = engine.clock().instant();
        if (settings.takeover() == ClusterSettings.Takeover.END) {
            // ending a dead node's bots takes no slot: done even when this node is full
            leases.claimStarted(settings.node(), MAX_CLAIM, now, leaseEnd()).forEach(this::takeOverLater);
        }
        if (engine.waitingBots() > 0) return;
        leases.claim(settings.node(), Math.min(engine.freeUnits(), MAX_CLAIM), now, leaseEnd()).forEach(this::takeOverLater);
    }

    private void takeOverLater(BotLeases.Claimed c) {
        Thread.ofVirtual().name("take-" + c.bot().id()).start(() -> takeOver(c));
    }

    private void takeOver(BotLeases.Claimed c) {
        BotRecord bot = c.bot();
        if (engine.runner(bot.id()).isPresent()) return;
        boolean orphan = c.previousOwner().isPresent() && !c.previousOwner().get().equals(settings.node());
        if (orphan) {
            LOG.log(System.Logger.Level.WARNING, "node " + settings.node() + " takes over bot " + bot.id() + " in phase "
                    + bot.phase() + " from node " + c.previousOwner().get() + ", whose lease ran out");
        }
        MeetingPlatform platform = platforms.get(bot.meeting().platform());
        boolean live = bot.phase() != BotPhase.SCHEDULED && bot.phase() != BotPhase.ENDING;
        if (orphan && live && platform != null && settings.takeover() == ClusterSettings.Takeover.REJOIN) {
            engine.start(bot, platform);
        } else {
            recovery.recover(bot);
        }
    }

    /** Asks the node running {@code bot} to make it leave. */
    void requestStop(UUID bot) { leases.requestStop(bot, engine.clock().instant()); }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<BotRecord> held() { return leases.heldBy(settings.node()); }
}
