package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.AutomaticLeave;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Streaming;
import dev.baas.spi.Violation;
import dev.baas.spi.WireName;
import dev.baas.spi.ZoomCredentials;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * v1's bot parameters for calendar events: the request bodies ({@code BotParam2} to schedule, {@code BotParam3} to
 * patch), the stored form, the {@code BotParam} returned in events, and the {@link BotConfig} a launch uses.
 */
final class BotParams {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> ZOOM = List.of("zoom_sdk_id", "zoom_sdk_pwd", "zoom_access_token_url", "zoom_obf_token",
            "zoom_obf_token_url", "zoom_obf_token_user_id");
    private static final List<String> STRINGS = List.of("bot_name", "bot_image", "deduplication_key", "enter_message",
            "webhook_url", "streaming_input", "streaming_output", "recording_mode", "streaming_audio_frequency");
    private static final List<String> INTS = List.of("noone_joined_timeout", "silence_timeout", "waiting_room_timeout");
    private static final Set<String> KNOWN;

    static {
        List<String> all = new ArrayList<>(STRINGS);
        all.addAll(INTS);
        all.addAll(ZOOM);
        all.addAll(List.of("speech_to_text", "extra", "transcription_custom_parameters"));
        KNOWN = Set.copyOf(all);
    }

    private BotParams() {}

    /** Checks a schedule body ({@code BotParam2}); returns what is stored. */
    static ObjectNode forSchedule(JsonNode body) {
        ObjectNode p = checked(body);
        if (!p.path("bot_name").isTextual() || p.path("bot_name").asText().isBlank()) throw BaasException.invalid("bot_name", "is required");
        return p;
    }

    /** Applies a patch body ({@code BotParam3}): fields given (non-null) replace the stored ones. */
    static ObjectNode patched(ObjectNode stored, JsonNode body) {
        ObjectNode patch = checked(body);
        ObjectNode out = stored.deepCopy();
        patch.properties().forEach(e -> { if (!e.getValue().isNull()) out.set(e.getKey(), e.getValue()); });
        return out;
    }

    private static ObjectNode checked(JsonNode body) {
        if (body == null || !body.isObject()) throw BaasException.invalid("body", "must be a JSON object");
        List<Violation> v = new ArrayList<>();
        body.properties().forEach(e -> {
            String k = e.getKey();
            JsonNode n = e.getValue();
            if (!KNOWN.contains(k)) v.add(new Violation(k, "is not a bot parameter"));
            else if (n.isNull()) { }
            else if (STRINGS.contains(k) || ZOOM.contains(k)) { if (!n.isTextual()) v.add(new Violation(k, "must be a string")); }
            else if (INTS.contains(k)) { if (!n.canConvertToInt() || n.asInt() < 0) v.add(new Violation(k, "must be a non-negative integer")); }
            else if ((k.equals("extra")) && !n.isObject()) v.add(new Violation(k, "must be an object"));
        });
        JsonNode mode = body.path("recording_mode");
        if (mode.isTextual() && WireName.parse(RecordingMode.class, mode.asText()).isEmpty())
            v.add(new Violation("recording_mode", "must be speaker_view, gallery_view or audio_only"));
        JsonNode freq = body.path("streaming_audio_frequency");
        if (freq.isTextual() && !freq.asText().equals("16khz") && !freq.asText().equals("24khz"))
            v.add(new Violation("streaming_audio_frequency", "must be 16khz or 24khz"));
        JsonNode stt = body.path("speech_to_text");
        if (!stt.isMissingNode() && !stt.isNull() && !stt.isTextual() && !stt.path("provider").isTextual())
            v.add(new Violation("speech_to_text", "must be a provider name or {provider, api_key}"));
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return (ObjectNode) body.deepCopy();
    }

    static ObjectNode parse(String stored) {
        try {
            return (ObjectNode) JSON.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("stored bot parameters are not JSON", e);
        }
    }

    /** The join a launch makes. {@code startTime} in unix seconds, or empty to join at once. */
    static BotConfig config(ObjectNode p, String meetingUrl, Optional<Long> startTime) {
        BotConfig.Builder b = BotConfig.builder(meetingUrl, p.path("bot_name").asText());
        text(p, "bot_image").ifPresent(b::botImage);
        text(p, "enter_message").ifPresent(b::entryMessage);
        text(p, "deduplication_key").ifPresent(b::deduplicationKey);
        text(p, "webhook_url").ifPresent(b::webhookUrl);
        text(p, "recording_mode").flatMap(m -> WireName.parse(RecordingMode.class, m)).ifPresent(b::recordingMode);
        JsonNode stt = p.path("speech_to_text");
        if (stt.isTextual()) b.speechToText(SpeechToText.of(stt.asText()));
        else if (stt.isObject()) b.speechToText(SpeechToText.of(stt.path("provider").asText(), text(stt, "api_key").orElse(null)));
        if (text(p, "streaming_input").isPresent() || text(p, "streaming_output").isPresent()) {
            b.streaming(new Streaming(text(p, "streaming_output"), text(p, "streaming_input"),
                    text(p, "streaming_audio_frequency").map(f -> f.equals("24khz") ? 24_000 : 16_000).orElse(0)));
        }
        b.automaticLeave(new AutomaticLeave(seconds(p, "waiting_room_timeout"), seconds(p, "noone_joined_timeout"),
                seconds(p, "silence_timeout"), null, null));
        if (p.path("extra").isObject()) b.extra(JSON.convertValue(p.get("extra"), Map.class));
        JsonNode tcp = p.path("transcription_custom_parameters");
        if (!tcp.isMissingNode() && !tcp.isNull()) b.transcriptionCustomParameters(JSON.convertValue(tcp, Object.class));
        b.zoom(new ZoomCredentials(text(p, ZOOM.get(0)), text(p, ZOOM.get(1)), text(p, ZOOM.get(2)), text(p, ZOOM.get(3)),
                text(p, ZOOM.get(4)), text(p, ZOOM.get(5))));
        startTime.ifPresent(b::startTime);
        return b.build();
    }

    /** v1's {@code BotParam} as returned inside an event. */
    static ObjectNode toV1(ObjectNode p) {
        ObjectNode o = NODES.objectNode();
        o.put("bot_name", p.path("bot_name").asText());
        o.put("webhook_url", text(p, "webhook_url").orElse(""));
        o.set("extra", p.path("extra").isObject() ? p.get("extra") : NODES.objectNode());
        JsonNode tcp = p.path("transcription_custom_parameters");
        o.set("transcription_custom_parameters", tcp.isMissingNode() || tcp.isNull() ? NODES.objectNode() : tcp);
        for (String k : List.of("bot_image", "deduplication_key", "enter_message", "noone_joined_timeout",
                "waiting_room_timeout", "recording_mode", "streaming_input", "streaming_output", "streaming_audio_frequency")) {
            o.set(k, p.path(k).isMissingNode() ? NODES.nullNode() : p.get(k));
        }
        JsonNode stt = p.path("speech_to_text");
        o.set("speech_to_text_provider", stt.isTextual() ? stt : stt.isObject() ? stt.path("provider") : NODES.nullNode());
        o.set("speech_to_text_api_key", stt.isObject() && stt.path("api_key").isTextual() ? stt.get("api_key") : NODES.nullNode());
        for (String k : ZOOM) o.set(k, p.path(k).isMissingNode() ? NODES.nullNode() : p.get(k));
        return o;
    }

    private static Optional<String> text(JsonNode p, String field) {
        JsonNode n = p.path(field);
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static Duration seconds(JsonNode p, String field) {
        JsonNode n = p.path(field);
        return n.canConvertToInt() && !n.isNull() && !n.isMissingNode() ? Duration.ofSeconds(n.asInt()) : null;
    }
}
