package dev.baas.server;

import dev.baas.core.BotCapacity;
import dev.baas.core.ClusterSettings;
import dev.baas.spi.BaasException;
import dev.baas.spi.RecordingMode;
import io.helidon.config.Config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What this server is among others on one database, and how many bots it runs at once.
 *
 * <ul>
 *   <li>{@code BAAS_ROLE}: {@code all} (default: API and bots), {@code api} (takes requests; bots wait in the database
 *       for a worker) or {@code worker} (runs bots; its API still answers). {@code api} and {@code worker} need
 *       PostgreSQL.</li>
 *   <li>{@code BAAS_NODE_ID}: this node's name among the others (default: the host name).</li>
 *   <li>{@code BAAS_CAPACITY_UNITS}: units of bots run at once (default: from the machine's cores and memory, see
 *       {@link BotCapacity#forMachine}); {@code BAAS_CAPACITY_WEIGHTS}: units per recording mode, e.g.
 *       {@code audio_only=1,speaker_view=3,gallery_view=3}.</li>
 *   <li>{@code BAAS_LEASE_S} (default 30) and {@code BAAS_HEARTBEAT_S} (default 5): how long a node's hold on its
 *       bots lasts and how often it is renewed; {@code BAAS_TAKEOVER}: {@code end} (default) or {@code rejoin}, what
 *       becomes of a dead node's bots.</li>
 * </ul>
 */
public record NodeConfig(Role role, String nodeId, BotCapacity capacity, Duration lease, Duration heartbeat,
                         ClusterSettings.Takeover takeover) {
    public enum Role {
        ALL, API, WORKER;

        public boolean runsBots() { return this != API; }

        static Role of(String name) {
            for (Role r : values()) if (r.name().equalsIgnoreCase(name.trim())) return r;
            throw BaasException.invalid("BAAS_ROLE", "must be all, api or worker, not '" + name + "'");
        }
    }

    public static NodeConfig defaults() {
        return new NodeConfig(Role.ALL, hostName(), machineCapacity(), ClusterSettings.DEFAULT_LEASE,
                ClusterSettings.DEFAULT_HEARTBEAT, ClusterSettings.Takeover.END);
    }

    static NodeConfig load(Config baas, Map<String, String> env) {
        Config node = baas.get("node");
        Role role = setting(env, "BAAS_ROLE", node.get("role")).map(Role::of).orElse(Role.ALL);
        String id = setting(env, "BAAS_NODE_ID", node.get("id")).orElseGet(NodeConfig::hostName);
        BotCapacity capacity = setting(env, "BAAS_CAPACITY_UNITS", node.get("capacity-units"))
                .map(u -> BotCapacity.of(positive("BAAS_CAPACITY_UNITS", u))).orElseGet(NodeConfig::machineCapacity);
        Optional<String> weights = setting(env, "BAAS_CAPACITY_WEIGHTS", node.get("capacity-weights"));
        if (weights.isPresent()) capacity = capacity.withWeights(weights(weights.get()));
        Duration lease = Duration.ofSeconds(positive("BAAS_LEASE_S", setting(env, "BAAS_LEASE_S", node.get("lease-s"))
                .orElse(Long.toString(ClusterSettings.DEFAULT_LEASE.toSeconds()))));
        Duration heartbeat = Duration.ofSeconds(positive("BAAS_HEARTBEAT_S", setting(env, "BAAS_HEARTBEAT_S", node.get("heartbeat-s"))
                .orElse(Long.toString(ClusterSettings.DEFAULT_HEARTBEAT.toSeconds()))));
        ClusterSettings.Takeover takeover = setting(env, "BAAS_TAKEOVER", node.get("takeover"))
                .map(ClusterSettings.Takeover::of).orElse(ClusterSettings.Takeover.END);
        return new NodeConfig(role, id, capacity, lease, heartbeat, takeover);
    }

    /** The settings of this node in a cluster (PostgreSQL shared by several nodes). */
    public ClusterSettings cluster() {
        return new ClusterSettings(nodeId, role.runsBots(), lease, heartbeat, takeover);
    }

    public NodeConfig withRole(Role r, String id) { return new NodeConfig(r, id, capacity, lease, heartbeat, takeover); }

    public NodeConfig withCapacity(BotCapacity c) { return new NodeConfig(role, nodeId, c, lease, heartbeat, takeover); }

    public NodeConfig withTiming(Duration l, Duration h, ClusterSettings.Takeover t) {
        return new NodeConfig(role, nodeId, capacity, l, h, t);
    }

    String describe() {
        return "role=" + role.name().toLowerCase(Locale.ROOT) + " node-id=" + nodeId + " capacity-units=" + capacity.units()
                + " capacity-weights=" + capacity.weights() + " lease-s=" + lease.toSeconds() + " heartbeat-s="
                + heartbeat.toSeconds() + " takeover=" + takeover.wireName();
    }

    static Map<RecordingMode, Integer> weights(String spec) {
        Map<RecordingMode, Integer> out = new EnumMap<>(RecordingMode.class);
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) continue;
            String[] kv = pair.split("=", 2);
            RecordingMode mode = null;
            for (RecordingMode m : RecordingMode.values()) if (m.wireName().equalsIgnoreCase(kv[0].trim())) mode = m;
            if (mode == null || kv.length != 2) {
                throw BaasException.invalid("BAAS_CAPACITY_WEIGHTS", "expects mode=units pairs (audio_only, speaker_view, gallery_view), got '" + pair + "'");
            }
            out.put(mode, positive("BAAS_CAPACITY_WEIGHTS", kv[1]));
        }
        return out;
    }

    private static int positive(String name, String raw) {
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw BaasException.invalid(name, "must be a whole number, 1 or more");
        }
    }

    private static BotCapacity machineCapacity() {
        long memory = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : Runtime.getRuntime().maxMemory();
        return BotCapacity.forMachine(Runtime.getRuntime().availableProcessors(), memory);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "baas-node";
        }
    }

    private static Optional<String> setting(Map<String, String> env, String name, Config fallback) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).or(() -> fallback.asString().asOptional());
    }
}
