package dev.baas.core.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The v1 webhook bodies, in one place: {@code {"event": ..., "data": {...}}} exactly as v1 documents them. */
public final class WebhookPayloads {
    public static final String STATUS_CHANGE = "bot.status_change";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";
    public static final String TRANSCRIPTION_COMPLETE = "transcription_complete";
    public static final String CALENDAR_SYNC_EVENTS = "calendar.sync_events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WebhookPayloads() {}

    /** What a bot's webhooks need besides the event: its {@code extra}, its calendar event, links to its files. */
    public record BotContext(Map<String, Object> extra, Optional<UUID> eventUuid, Function<Path, String> link) {}

    /** The v1 event name of a bot event, or empty for events v1 does not send as webhooks. */
    public static Optional<String> eventName(BotEvent e) {
        return switch (e) {
            case BotEvent.StatusChanged s -> Optional.of(STATUS_CHANGE);
            case BotEvent.Completed c -> Optional.of(COMPLETE);
            case BotEvent.Failed f -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }

    public static String body(BotEvent e, BotContext ctx) {
        ObjectNode root = NODES.objectNode();
        String name = eventName(e).orElseThrow(() -> new IllegalArgumentException("not a webhook event: " + e));
        root.put("event", name);
        ObjectNode data = root.putObject("data");
        data.put("bot_id", e.botId().toString());
        switch (e) {
            case BotEvent.StatusChanged s -> {
                ObjectNode status = data.putObject("status");
                status.put("code", s.code().wireName());
                status.put("created_at", Baas.iso(s.at()));
                s.details().forEach((k, v) -> status.set(k, JSON.valueToTree(v)));
            }
            case BotEvent.Completed c -> {
                putEventUuid(data, ctx);
                data.set("transcript", transcript(c.transcript()));
                ArrayNode speakers = data.putArray("speakers");
                c.speakers().forEach(speakers::add);
                data.put("mp4", c.artifacts().video().map(ctx.link()).orElse(""));
                c.artifacts().audio().ifPresent(a -> data.put("audio", ctx.link().apply(a)));
                data.put("event", COMPLETE);
                data.set("extra", JSON.valueToTree(ctx.extra()));
                if (!c.artifacts().participantAudio().isEmpty()) {
                    ObjectNode tracks = data.putObject("participant_audio");
                    c.artifacts().participantAudio().forEach((who, p) -> tracks.put(who, ctx.link().apply(p)));
                }
                c.transcriptionError().ifPresent(err -> data.put("transcription_error", err));
            }
            case BotEvent.Failed f -> {
                putEventUuid(data, ctx);
                data.put("error", f.error().wireName());
                data.put("message", f.message());
                data.set("extra", JSON.valueToTree(ctx.extra()));
            }
            default -> throw new IllegalArgumentException("not a webhook event: " + e);
        }
        return root.toString();
    }

    /** {@code calendar.sync_events}: which events of a calendar a sync added, changed or deleted. */
    public static String calendarSyncEvents(UUID calendarId, java.time.Instant lastUpdated, List<UUID> affectedEvents) {
        ObjectNode root = NODES.objectNode();
        root.put("event", CALENDAR_SYNC_EVENTS);
        ObjectNode data = root.putObject("data");
        data.put("calendar_id", calendarId.toString());
        data.put("last_updated_ts", Baas.iso(lastUpdated));
        ArrayNode affected = data.putArray("affected_event_uuids");
        affectedEvents.forEach(u -> affected.add(u.toString()));
        return root.toString();
    }

    /** {@code transcription_complete}, sent after a retranscription. */
    public static String transcriptionComplete(UUID botId) {
        ObjectNode root = NODES.objectNode();
        root.put("event", TRANSCRIPTION_COMPLETE);
        root.putObject("data").put("bot_id", botId.toString());
        return root.toString();
    }

    private static void putEventUuid(ObjectNode data, BotContext ctx) {
        if (ctx.eventUuid().isPresent()) data.put("event_uuid", ctx.eventUuid().get().toString());
        else data.putNull("event_uuid");
    }

    /** Words grouped into utterances: a new one whenever the speaker changes. */
    static ArrayNode transcript(Optional<Transcript> transcript) {
        ArrayNode out = NODES.arrayNode();
        if (transcript.isEmpty()) return out;
        List<Word> run = new ArrayList<>();
        String speaker = null;
        for (Word w : transcript.get().words()) {
            String s = w.speaker().orElse("Unknown");
            if (!run.isEmpty() && !s.equals(speaker)) {
                out.add(utterance(speaker, run));
                run = new ArrayList<>();
            }
            speaker = s;
            run.add(w);
        }
        if (!run.isEmpty()) out.add(utterance(speaker, run));
        return out;
    }

    private static ObjectNode utterance(String speaker, List<Word> words) {
        ObjectNode u = NODES.objectNode();
        u.put("speaker", speaker);
        u.put("offset", round(words.getFirst().start()));
        u.put("start_time", round(words.getFirst().start()));
        u.put("end_time", round(words.getLast().end()));
        ArrayNode ws = u.putArray("words");
        for (Word w : words) {
            ws.addObject().put("start", round(w.start())).put("end", round(w.end())).put("word", w.text());
        }
        return u;
    }

    private static double round(double seconds) { return Math.round(seconds * 1000) / 1000.0; }
}
