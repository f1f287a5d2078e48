package dev.baas.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Someone who sends bots: their bots, API keys, the webhook URL bots report to when a join names none, and the
 * secret webhook deliveries to them are signed with.
 */
public record Account(long id, String name, Optional<String> webhookUrl, String webhookSecret, Instant createdAt) {
    /** The account id as bots carry it ({@link BotRecord#accountId()}). */
    public String key() { return Long.toString(id); }

    @Override public String toString() { return "Account[id=" + id + ", name=" + name + "]"; }
}
