package dev.baas.server;

import dev.baas.core.Baas;
import dev.baas.core.BotEvent;

import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The engine's events of the bots, as they happen; tests wait on them instead of sleeping. */
final class BotEvents implements AutoCloseable {
    private final Baas baas;
    private final LinkedBlockingQueue<BotEvent> queue = new LinkedBlockingQueue<>();
    private final Consumer<BotEvent> listener = queue::add;

    BotEvents(Baas baas) {
        this.baas = baas;
        baas.onEvent(listener);
    }

    /** The next event of {@code bot} that matches, skipping others. */
    <T extends BotEvent> T await(UUID bot, Class<T> type, Predicate<T> test) throws InterruptedException {
        return await(bot, type, test, java.time.Duration.ofSeconds(20));
    }

    /** As {@link #await(UUID, Class, Predicate)}, waiting up to {@code within} (a recording being finished). */
    <T extends BotEvent> T await(UUID bot, Class<T> type, Predicate<T> test, java.time.Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            BotEvent e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no " + type.getSimpleName() + " event for bot " + bot);
            if (e.botId().equals(bot) && type.isInstance(e) && test.test(type.cast(e))) return type.cast(e);
        }
    }

    <T extends BotEvent> T await(UUID bot, Class<T> type) throws InterruptedException { return await(bot, type, e -> true); }

    @Override public void close() { baas.removeListener(listener); }
}
