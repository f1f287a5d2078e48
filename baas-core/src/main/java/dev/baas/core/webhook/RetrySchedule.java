package dev.baas.core.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a webhook again: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (the Svix schedule),
 * each delay with ±10 % jitter so receivers coming back are not stampeded; a {@code Retry-After} longer than the
 * schedule's delay wins. After the last delay the delivery is dead.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    public static final RetrySchedule STANDARD = new RetrySchedule(List.of(
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), 0.1);

    public RetrySchedule {
        delays = List.copyOf(delays);
    }

    /** Attempts allowed in all, the first one included. */
    public int maxAttempts() { return delays.size() + 1; }

    /**
     * The delay before the next attempt after {@code attemptsMade} failed attempts, or empty when the delivery is
     * dead.
     */
    public Optional<Duration> next(int attemptsMade, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) return Optional.empty();
        Duration base = delays.get(attemptsMade - 1);
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        Duration jittered = Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(jittered) > 0) return retryAfter;
        return Optional.of(jittered);
    }

    /** Whether a response status is worth another attempt: timeouts, conflicts, throttling and server errors. */
    public static boolean retryable(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500 || (status >= 300 && status < 400);
    }
}
