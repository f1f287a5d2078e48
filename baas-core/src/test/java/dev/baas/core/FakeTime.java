package dev.baas.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and scheduler that move only when a test says so. */
public final class FakeTime extends Clock implements Scheduler {
    private Instant now;
    private final List<Task> tasks = new ArrayList<>();

    private record Task(Instant due, Runnable run, boolean[] cancelled) {}

    public FakeTime(Instant start) { this.now = start; }

    @Override public synchronized Instant instant() { return now; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), task, cancelled));
        return () -> { synchronized (FakeTime.this) { cancelled[0] = true; } };
    }

    /** Moves time forward, running every task that falls due, in order. */
    public void advance(Duration d) {
        Instant target;
        synchronized (this) { target = now.plus(d); }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled()[0] && !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due)).orElse(null);
                if (next == null) { now = target; return; }
                tasks.remove(next);
                if (next.due().isAfter(now)) now = next.due();
            }
            next.run().run();
        }
    }

    public synchronized int pending() { return (int) tasks.stream().filter(t -> !t.cancelled()[0]).count(); }
}
