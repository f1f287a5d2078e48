package dev.baas.server;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code limit} calls per {@code window} per account, counted over a sliding window. */
final class RateLimit {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final String what;
    private final Map<Long, Deque<Instant>> calls = new ConcurrentHashMap<>();

    RateLimit(int limit, Duration window, Clock clock, String what) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.what = what;
    }

    /** Counts a call of the account, or throws {@link ErrorCode#RATE_LIMITED} if it is over the limit. */
    void acquire(long accountId) {
        Instant now = clock.instant();
        Deque<Instant> recent = calls.computeIfAbsent(accountId, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) recent.pollFirst();
            if (recent.size() >= limit) {
                throw new BaasException(ErrorCode.RATE_LIMITED, what + " is limited to " + limit + " calls per "
                        + window.toSeconds() + " s; try again later");
            }
            recent.addLast(now);
        }
    }
}
