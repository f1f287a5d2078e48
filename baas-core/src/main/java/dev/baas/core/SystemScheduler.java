package dev.baas.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on wall-clock time, backed by one daemon thread that hands tasks to virtual threads. */
public final class SystemScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baas-scheduler");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(() -> Thread.ofVirtual().start(task),
                Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS); // whole milliseconds would fire up to 1 ms early
        return () -> f.cancel(false);
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
