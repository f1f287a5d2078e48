package dev.baas.core.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.BotEvent;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.Participant;
import dev.baas.spi.WireName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How a {@link BotEvent} is stored in {@code bot_events}: a kind and a JSON payload. The one place events become
 * JSON and back. Every payload has {@code bot_id} and {@code created_at} (UTC, milliseconds, {@code Z}).
 *
 * <ul>
 *   <li>{@code bot.status_change}: {@code {bot_id, created_at, status: {code, created_at, ...details}}}; {@code status}
 *       is the v1 webhook's {@code data.status} as sent</li>
 *   <li>{@code complete}: {@code {bot_id, created_at, artifacts: {video, audio, participant_audio: {id: path},
 *       duration_seconds}, speakers: [..], transcript: {engine, language, words: [{text, start, end, speaker,
 *       confidence}]} | null, transcription_error: string | null}}; artifact paths are local files, turned into
 *       signed links when delivered</li>
 *   <li>{@code failed}: {@code {bot_id, created_at, error: <FailureCode wire name>, message}}</li>
 *   <li>{@code participants_changed}: {@code {bot_id, created_at, present: [{id, name, self}]}}</li>
 *   <li>{@code chat}: {@code {bot_id, created_at, sender, text, from_bot}}</li>
 *   <li>{@code speaker}: {@code {bot_id, created_at, participant: {id, name, self}, speaking}}</li>
 * </ul>
 */
public final class BotEventJson {
    public static final String STATUS_CHANGE = "bot.status_change";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";
    public static final String PARTICIPANTS_CHANGED = "participants_changed";
    public static final String CHAT = "chat";
    public static final String SPEAKER = "speaker";
    public static final String STREAM_STATE = "stream_state";

    private BotEventJson() {}

    /** The stored kind of an event; for v1 webhooks it is also the webhook's {@code event} name. */
    public static String kind(BotEvent event) {
        return switch (event) {
            case BotEvent.StatusChanged s -> STATUS_CHANGE;
            case BotEvent.Completed c -> COMPLETE;
            case BotEvent.Failed f -> FAILED;
            case BotEvent.ParticipantsChanged p -> PARTICIPANTS_CHANGED;
            case BotEvent.Chat c -> CHAT;
            case BotEvent.Speaker s -> SPEAKER;
            case BotEvent.StreamState s -> STREAM_STATE;
        };
    }

    public static ObjectNode payload(BotEvent event) {
        ObjectNode n = JsonCodec.NODES.objectNode()
                .put("bot_id", event.botId().toString())
                .put("created_at", JsonCodec.iso(event.at()));
        switch (event) {
            case BotEvent.StatusChanged s -> {
                ObjectNode status = n.putObject("status").put("code", s.code().wireName())
                        .put("created_at", JsonCodec.iso(s.at()));
                s.details().forEach((k, v) -> status.set(k, JsonCodec.MAPPER.valueToTree(v)));
            }
            case BotEvent.Completed c -> {
                n.set("artifacts", JsonCodec.artifacts(c.artifacts()));
                n.set("speakers", JsonCodec.strings(c.speakers()));
                if (c.transcript().isPresent()) n.set("transcript", JsonCodec.transcript(c.transcript().get()));
                else n.putNull("transcript");
                JsonCodec.putOpt(n, "transcription_error", c.transcriptionError());
            }
            case BotEvent.Failed f -> n.put("error", f.error().wireName()).put("message", f.message());
            case BotEvent.ParticipantsChanged p -> {
                ArrayNode present = n.putArray("present");
                p.present().forEach(x -> present.add(JsonCodec.participant(x)));
            }
            case BotEvent.Chat c -> n.put("sender", c.sender()).put("text", c.text()).put("from_bot", c.fromBot());
            case BotEvent.Speaker s -> n.put("speaking", s.speaking()).set("participant", JsonCodec.participant(s.participant()));
            case BotEvent.StreamState s -> {
                n.put("direction", s.direction()).put("state", s.state());
                JsonCodec.putOpt(n, "error", s.error());
            }
        }
        return n;
    }

    public static String toJson(BotEvent event) { return JsonCodec.write(payload(event)); }

    /** Reads back what {@link #toJson} wrote. */
    public static BotEvent fromJson(String kind, String json) {
        JsonNode n = JsonCodec.parse(json);
        UUID bot = UUID.fromString(n.path("bot_id").asText());
        Instant at = Instant.parse(n.path("created_at").asText());
        return switch (kind) {
            case STATUS_CHANGE -> {
                JsonNode status = n.path("status");
                BotStatusCode code = WireName.parse(BotStatusCode.class, status.path("code").asText())
                        .orElseThrow(() -> new IllegalStateException("unknown status code in stored event: " + status.path("code")));
                Map<String, Object> details = new LinkedHashMap<>();
                status.properties().forEach(e -> {
                    if (!e.getKey().equals("code") && !e.getKey().equals("created_at")) {
                        details.put(e.getKey(), JsonCodec.MAPPER.convertValue(e.getValue(), Object.class));
                    }
                });
                yield new BotEvent.StatusChanged(bot, at, code, details);
            }
            case COMPLETE -> new BotEvent.Completed(bot, at, JsonCodec.artifacts(n.path("artifacts")),
                    JsonCodec.strings(n.path("speakers")),
                    n.path("transcript").isObject() ? Optional.of(JsonCodec.transcript(n.get("transcript"))) : Optional.empty(),
                    JsonCodec.optText(n, "transcription_error"));
            case FAILED -> new BotEvent.Failed(bot, at, WireName.parse(FailureCode.class, n.path("error").asText())
                    .orElseThrow(() -> new IllegalStateException("unknown failure code in stored event: " + n.path("error"))),
                    JsonCodec.text(n, "message"));
            case PARTICIPANTS_CHANGED -> {
                List<Participant> present = new ArrayList<>();
                n.path("present").forEach(p -> present.add(JsonCodec.participant(p)));
                yield new BotEvent.ParticipantsChanged(bot, at, present);
            }
            case CHAT -> new BotEvent.Chat(bot, at, JsonCodec.text(n, "sender"), JsonCodec.text(n, "text"), n.path("from_bot").asBoolean());
            case SPEAKER -> new BotEvent.Speaker(bot, at, JsonCodec.participant(n.path("participant")), n.path("speaking").asBoolean());
            case STREAM_STATE -> new BotEvent.StreamState(bot, at, JsonCodec.text(n, "direction"), JsonCodec.text(n, "state"),
                    JsonCodec.optText(n, "error"));
            default -> throw new IllegalStateException("unknown stored event kind: " + kind);
        };
    }
}
