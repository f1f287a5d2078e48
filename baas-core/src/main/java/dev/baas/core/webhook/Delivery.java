package dev.baas.core.webhook;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One webhook message to one URL. {@code webhookId} is the Standard Webhooks message id: the same on every attempt,
 * so receivers can de-duplicate. {@code body} is fixed when the event happens, so every attempt is identical.
 */
public record Delivery(long id, String accountId, Optional<UUID> botId, String webhookId, String eventName, String url,
                       String body, Instant createdAt, State state, int attempts, Instant nextAttemptAt) {

    public enum State { PENDING, DELIVERED, DEAD }

    /** A delivery about to be written, before it has an id. */
    public record New(String accountId, Optional<UUID> botId, String webhookId, String eventName, String url, String body) {}
}
