package dev.baas.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One try at delivering: when, the HTTP status if any, how long it took, what went wrong. */
public record Attempt(long deliveryId, Instant at, OptionalInt status, Duration latency, Optional<String> error,
                      Optional<Duration> retryAfter) {
    public boolean succeeded() { return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300; }
}
