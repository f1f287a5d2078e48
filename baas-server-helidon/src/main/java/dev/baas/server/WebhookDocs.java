package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;

/** What {@code GET /bots/webhooks[/bot|/calendar]} answer: the webhook events, built from the enums that send them. */
final class WebhookDocs {
    private WebhookDocs() {}

    static ObjectNode bot() {
        ObjectNode n = Json.object()
                .put("description", "Bot webhooks are POSTed as JSON {\"event\": name, \"data\": {...}} to the join's webhook_url, "
                        + "or else to the account's webhook URL. Answer 2xx within 10 seconds; failed deliveries are retried, "
                        + "so handle each event idempotently.");
        ObjectNode headers = n.putObject("headers");
        headers.put("content-type", "application/json");
        headers.put("x-meeting-baas-api-key", "the API key of the account that owns the bot");
        ObjectNode events = n.putObject("events");
        ObjectNode status = events.putObject("bot.status_change");
        status.put("description", "The bot's status changed. data: {bot_id, status: {code, created_at}}; in_call_recording adds "
                + "status.start_time; meeting_error adds status.error_message and status.error_type.");
        ArrayNode codes = status.putArray("codes");
        for (BotStatusCode c : BotStatusCode.values()) codes.add(c.wireName());
        events.putObject("complete").put("description", "The bot left and its recording is ready. data: {bot_id, mp4 (signed link, "
                + "valid 24 h), audio, speakers: [name], transcript: [{speaker, words: [{start, end, word}]}] (when speech_to_text "
                + "was requested), event_uuid, extra}.");
        ObjectNode failed = events.putObject("failed");
        failed.put("description", "The bot ended without a recording. data: {bot_id, error, message, event_uuid, extra}.");
        ArrayNode errors = failed.putArray("errors");
        for (FailureCode f : FailureCode.values()) errors.add(f.wireName());
        events.putObject("transcription_complete").put("description", "A retranscription finished. data: {bot_id}.");
        return n;
    }

    static ObjectNode calendar() {
        ObjectNode n = Json.object().put("description", "Calendar webhooks are sent to the account's webhook URL.");
        n.putObject("events").putObject("calendar.sync_events").put("description",
                "A calendar's events changed. data: {calendar_id, last_updated_ts, affected_event_uuids: [uuid]}.");
        return n;
    }

    static ObjectNode all() {
        ObjectNode n = Json.object();
        n.set("bot_webhooks", bot());
        n.set("calendar_webhooks", calendar());
        return n;
    }
}
