package dev.baas.core;

import dev.baas.spi.BotStatusCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a Baas's events and lets a test wait for one, without sleeping. */
final class EventLog implements Consumer<BotEvent> {
    private final List<BotEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(BotEvent e) {
        events.add(e);
        notifyAll();
    }

    synchronized BotEvent await(Predicate<BotEvent> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (BotEvent e : events) if (p.test(e)) return e;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("event not seen; got " + events);
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    BotEvent.StatusChanged awaitStatus(BotStatusCode code) throws InterruptedException {
        return (BotEvent.StatusChanged) await(e -> e instanceof BotEvent.StatusChanged s && s.code() == code);
    }

    <T extends BotEvent> T await(Class<T> type) throws InterruptedException {
        return type.cast(await(type::isInstance));
    }

    synchronized List<BotStatusCode> statuses() {
        return events.stream().filter(e -> e instanceof BotEvent.StatusChanged)
                .map(e -> ((BotEvent.StatusChanged) e).code()).toList();
    }

    synchronized List<BotEvent> all() { return List.copyOf(events); }
}
