package dev.baas.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The node's bot slots: a bot holds units of {@link BotCapacity} while it lives; one that finds too few free waits
 * in line and is let in first come, first served as others end (a big bot at the head is not overtaken, so nobody
 * waits forever).
 */
final class Admission {
    private record Waiting(UUID bot, int weight, Instant since, Runnable granted) {}

    private final BotCapacity capacity;
    private final Clock clock;
    private final Consumer<Duration> waited;
    private final LinkedHashMap<UUID, Waiting> line = new LinkedHashMap<>();
    private final Map<UUID, Integer> holding = new HashMap<>();
    private int used;

    /** {@code waited} learns how long each bot waited for its slot (zero for those let in at once). */
    Admission(BotCapacity capacity, Clock clock, Consumer<Duration> waited) {
        this.capacity = capacity;
        this.clock = clock;
        this.waited = waited;
    }

    /**
     * Gives {@code bot} its units now (true) or puts it in line (false); {@code granted} runs when a bot in line
     * gets its units, on the thread of the bot that freed them.
     */
    boolean admit(UUID bot, int weight, Runnable granted) {
        synchronized (this) {
            if (holding.containsKey(bot) || line.containsKey(bot)) throw new IllegalStateException("bot admitted twice: " + bot);
            if (!line.isEmpty() || used + weight > capacity.units()) {
                line.put(bot, new Waiting(bot, weight, clock.instant(), granted));
                return false;
            }
            holding.put(bot, weight);
            used += weight;
        }
        waited.accept(Duration.ZERO);
        return true;
    }

    /** The bot ended (or left the line): its units go to those waiting, in order. */
    void release(UUID bot) {
        List<Waiting> let = new ArrayList<>();
        synchronized (this) {
            if (line.remove(bot) != null) return;
            Integer weight = holding.remove(bot);
            if (weight == null) return;
            used -= weight;
            var it = line.values().iterator();
            while (it.hasNext()) {
                Waiting w = it.next();
                if (used + w.weight() > capacity.units()) break;
                it.remove();
                holding.put(w.bot(), w.weight());
                used += w.weight();
                let.add(w);
            }
        }
        Instant now = clock.instant();
        for (Waiting w : let) {
            waited.accept(Duration.between(w.since(), now));
            w.granted().run();
        }
    }

    synchronized int waiting() { return line.size(); }

    synchronized int usedUnits() { return used; }

    /** Where the bot stands in line, 1 first; 0 when it is not waiting. */
    synchronized int position(UUID bot) {
        int i = 1;
        for (UUID id : line.keySet()) {
            if (id.equals(bot)) return i;
            i++;
        }
        return 0;
    }

    BotCapacity capacity() { return capacity; }
}
