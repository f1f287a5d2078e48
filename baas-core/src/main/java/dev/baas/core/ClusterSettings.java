package dev.baas.core;

import dev.baas.spi.BaasException;

import java.time.Duration;
import java.util.Locale;

/**
 * How a node works with others sharing one database: its name, whether it runs bots (a worker) or only takes
 * requests, how long its leases on bots last and how often it renews them, and what becomes of the bots of a node
 * that died.
 *
 * @param node      this node's name, unique among the live nodes; a node restarted under the same name finishes its
 *                  own bots at once instead of waiting for their leases to run out
 * @param runsBots  false for an API-only node: the bots it is sent wait in the database for a worker
 * @param lease     how long a node's hold on its bots lasts without a heartbeat: how soon a dead node is noticed
 * @param heartbeat how often leases are renewed and free workers claim waiting bots; well under {@code lease}
 * @param takeover  what a node does with the bots of a node that died
 */
public record ClusterSettings(String node, boolean runsBots, Duration lease, Duration heartbeat, Takeover takeover) {
    /** What becomes of a bot whose node died while it was joining or in its meeting. */
    public enum Takeover {
        /** Another node joins the meeting again; the recording goes on in a new segment. */
        REJOIN,
        /** The bot ends: {@code complete} with what its node's folder holds (shared storage), else {@code failed}. */
        END;

        public String wireName() { return name().toLowerCase(Locale.ROOT); }

        public static Takeover of(String name) {
            for (Takeover t : values()) if (t.wireName().equalsIgnoreCase(name.trim())) return t;
            throw BaasException.invalid("takeover", "must be rejoin or end, not '" + name + "'");
        }
    }

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    public ClusterSettings {
        if (node == null || node.isBlank() || node.length() > 200) throw BaasException.invalid("node", "must be 1 to 200 characters");
        if (!heartbeat.isPositive() || heartbeat.compareTo(lease) >= 0) {
            throw BaasException.invalid("heartbeat", "must be positive and shorter than the lease (" + lease + ")");
        }
    }

    public static ClusterSettings of(String node, boolean runsBots) {
        return new ClusterSettings(node, runsBots, DEFAULT_LEASE, DEFAULT_HEARTBEAT, Takeover.END);
    }

    public ClusterSettings withTiming(Duration lease, Duration heartbeat) {
        return new ClusterSettings(node, runsBots, lease, heartbeat, takeover);
    }

    public ClusterSettings withTakeover(Takeover t) { return new ClusterSettings(node, runsBots, lease, heartbeat, t); }
}
