package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.spi.Participant;

/**
 * Bot events as the dashboard and the live event stream show them: {@code {"kind", "bot_id", "at", ...}}, one
 * shape for stored and live events.
 */
final class EventViews {
    private EventViews() {}

    static ObjectNode view(BotEvent e) {
        ObjectNode n = Json.object().put("bot_id", e.botId().toString()).put("at", Baas.iso(e.at()));
        switch (e) {
            case BotEvent.StatusChanged s -> {
                n.put("kind", "status").put("code", s.code().wireName());
                Object msg = s.details().get("error_message");
                if (msg != null) n.put("message", msg.toString());
            }
            case BotEvent.Completed c -> {
                n.put("kind", "complete").put("duration", c.artifacts().durationSeconds());
                c.transcriptionError().ifPresent(err -> n.put("message", "transcription: " + err));
            }
            case BotEvent.Failed f -> n.put("kind", "failed").put("code", f.error().wireName()).put("message", f.message());
            case BotEvent.ParticipantsChanged p -> {
                n.put("kind", "participants");
                ArrayNode present = n.putArray("present");
                p.present().forEach(x -> present.add(participant(x)));
            }
            case BotEvent.Chat c -> n.put("kind", "chat").put("sender", c.sender()).put("text", c.text()).put("from_bot", c.fromBot());
            case BotEvent.Speaker s -> n.put("kind", "speaker").put("speaking", s.speaking()).set("participant", participant(s.participant()));
            case BotEvent.StreamState s -> {
                n.put("kind", "stream").put("direction", s.direction()).put("state", s.state());
                s.error().ifPresent(err -> n.put("message", err));
            }
        }
        return n;
    }

    private static ObjectNode participant(Participant p) {
        return Json.object().put("id", p.id()).put("name", p.name());
    }
}
