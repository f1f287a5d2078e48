package dev.baas.core;

import java.time.Duration;

/** Runs a task after a delay on the engine's clock. Injected, so tests drive time by hand. */
public interface Scheduler {
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }
}
