package dev.baas.server;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Violation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code perMinute} calls a minute on average, with bursts of up to {@code burst} calls.
 * A refused call learns how long to wait ({@link Exceeded#retryAfter()}, sent as {@code Retry-After}).
 */
final class RateLimit {
    /** Buckets left idle long enough to be full again are forgotten once there are this many. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int perMinute;
    private final int burst;
    private final Clock clock;
    private final String what;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param what names the limit in the error's {@code field} ({@code api_key}, {@code delete_data})
     */
    RateLimit(int perMinute, int burst, Clock clock, String what) {
        if (perMinute < 1 || burst < 1) throw new IllegalArgumentException("a rate limit needs at least one call a minute and a burst of one");
        this.perMinute = perMinute;
        this.burst = burst;
        this.clock = clock;
        this.what = what;
    }

    /** A call refused by a limit, with the wait after which one more call would be accepted. */
    static final class Exceeded extends BaasException {
        private final Duration retryAfter;

        Exceeded(String message, Violation limit, Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, message, List.of(limit), null);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() { return retryAfter; }

        long retryAfterSeconds() { return seconds(retryAfter); }
    }

    private final class Bucket {
        private double tokens = burst;
        private long updatedMillis = clock.millis();

        /** Takes a token, or answers how many milliseconds until one is there. */
        synchronized long take(long nowMillis) {
            refill(nowMillis);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
        }

        synchronized boolean full(long nowMillis) {
            refill(nowMillis);
            return tokens >= burst;
        }

        private void refill(long nowMillis) {
            long elapsed = Math.max(0, nowMillis - updatedMillis);
            tokens = Math.min(burst, tokens + elapsed * perMinute / 60_000.0);
            updatedMillis = nowMillis;
        }
    }

    /** Counts a call of {@code caller}, or throws {@link Exceeded} ({@link ErrorCode#RATE_LIMITED}) when it is over the limit. */
    void acquire(String caller) {
        long now = clock.millis();
        if (buckets.size() > SWEEP_ABOVE) buckets.values().removeIf(b -> b.full(now));
        long waitMillis = buckets.computeIfAbsent(caller, c -> new Bucket()).take(now);
        if (waitMillis > 0) {
            Duration wait = Duration.ofMillis(waitMillis);
            throw new Exceeded(what + " is limited to " + describe() + "; retry after " + seconds(wait) + " s",
                    new Violation(what, describe()), wait);
        }
    }

    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    private static long seconds(Duration wait) { return Math.max(1, (wait.toMillis() + 999) / 1000); }

    /** The limit in words, as the error names it. */
    String describe() { return perMinute + " calls per minute, bursts of " + burst; }
}
