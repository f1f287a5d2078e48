package dev.baas.core.store;

import dev.baas.core.BotEvent;
import dev.baas.core.db.BotEventJson;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code bot_events}: a global id (the order events were written in), the bot and its account, the
 * bot's own sequence number (1, 2, ...), the kind and the JSON payload of {@link BotEventJson}.
 */
public record StoredEvent(long id, UUID botId, String accountId, int seq, String kind, String payload, Instant createdAt) {
    public BotEvent event() { return BotEventJson.fromJson(kind, payload); }
}
