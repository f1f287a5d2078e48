package dev.baas.core.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.Participant;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The JSON documents stored beside a bot (meeting, artifacts, transcript, participants), written and read here only. */
public final class JsonCodec {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonCodec() {}

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree not serialisable", e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Optional<String> optText(JsonNode n, String field) { return Optional.ofNullable(text(n, field)); }

    static ObjectNode putOpt(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) n.put(field, value.get());
        else n.putNull(field);
        return n;
    }

    public static ObjectNode meeting(MeetingRef m) {
        ObjectNode n = NODES.objectNode().put("platform", m.platform()).put("url", m.url()).put("meeting_id", m.meetingId());
        putOpt(n, "passcode", m.passcode());
        ObjectNode attrs = n.putObject("attributes");
        m.attributes().forEach(attrs::put);
        return n;
    }

    public static MeetingRef meeting(JsonNode n) {
        Map<String, String> attrs = new LinkedHashMap<>();
        n.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        return new MeetingRef(text(n, "platform"), text(n, "url"), text(n, "meeting_id"), optText(n, "passcode"), attrs);
    }

    public static ObjectNode artifacts(MeetingArtifacts a) {
        ObjectNode n = NODES.objectNode();
        putOpt(n, "video", a.video().map(Path::toString));
        putOpt(n, "audio", a.audio().map(Path::toString));
        ObjectNode tracks = n.putObject("participant_audio");
        a.participantAudio().forEach((k, v) -> tracks.put(k, v.toString()));
        n.put("duration_seconds", a.durationSeconds());
        return n;
    }

    public static MeetingArtifacts artifacts(JsonNode n) {
        Map<String, Path> tracks = new LinkedHashMap<>();
        n.path("participant_audio").properties().forEach(e -> tracks.put(e.getKey(), Path.of(e.getValue().asText())));
        return new MeetingArtifacts(optText(n, "video").map(Path::of), optText(n, "audio").map(Path::of), tracks,
                n.path("duration_seconds").asDouble());
    }

    public static ObjectNode transcript(Transcript t) {
        ObjectNode n = NODES.objectNode().put("engine", t.engine());
        putOpt(n, "language", t.language());
        ArrayNode words = n.putArray("words");
        for (Word w : t.words()) {
            ObjectNode wn = words.addObject().put("text", w.text()).put("start", w.start()).put("end", w.end());
            putOpt(wn, "speaker", w.speaker());
            if (w.confidence().isPresent()) wn.put("confidence", w.confidence().getAsDouble());
        }
        return n;
    }

    public static Transcript transcript(JsonNode n) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : n.path("words")) {
            JsonNode c = w.get("confidence");
            words.add(new Word(w.path("text").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
                    optText(w, "speaker"), c == null || c.isNull() ? OptionalDouble.empty() : OptionalDouble.of(c.asDouble())));
        }
        return new Transcript(words, optText(n, "language"), text(n, "engine"));
    }

    public static ObjectNode participant(Participant p) {
        return NODES.objectNode().put("id", p.id()).put("name", p.name()).put("self", p.self());
    }

    public static Participant participant(JsonNode n) {
        return new Participant(text(n, "id"), text(n, "name"), n.path("self").asBoolean());
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    public static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    static String iso(Instant at) { return Baas.iso(at); }
}
