package dev.baas.core.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.AutomaticLeave;
import dev.baas.spi.BotConfig;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Streaming;
import dev.baas.spi.WireName;
import dev.baas.spi.ZoomCredentials;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BotConfig} as JSON in the shape of a v1 join request ({@code meeting_url}, {@code bot_name},
 * {@code speech_to_text}, ...), so a stored bot reads like the request that made it. {@link #read} trusts its input's
 * types: the HTTP layer checks a request's schema before handing it here.
 */
public final class BotConfigJson {
    private BotConfigJson() {}

    public static ObjectNode write(BotConfig c) {
        ObjectNode n = JsonCodec.NODES.objectNode().put("meeting_url", c.meetingUrl()).put("bot_name", c.botName());
        JsonCodec.putOpt(n, "bot_image", c.botImage());
        JsonCodec.putOpt(n, "entry_message", c.entryMessage());
        n.put("recording_mode", c.recordingMode().wireName());
        if (c.speechToText().isPresent()) {
            SpeechToText s = c.speechToText().get();
            JsonCodec.putOpt(n.putObject("speech_to_text").put("provider", s.provider()), "api_key", s.apiKey());
        } else {
            n.putNull("speech_to_text");
        }
        if (c.streaming().isPresent()) {
            Streaming s = c.streaming().get();
            ObjectNode sn = n.putObject("streaming");
            JsonCodec.putOpt(sn, "input", s.input());
            JsonCodec.putOpt(sn, "output", s.output());
            sn.put("audio_frequency", frequencyName(s.audioFrequency()));
        } else {
            n.putNull("streaming");
        }
        AutomaticLeave a = c.automaticLeave();
        ObjectNode an = n.putObject("automatic_leave")
                .put("waiting_room_timeout", a.waitingRoomTimeout().toSeconds())
                .put("noone_joined_timeout", a.nooneJoinedTimeout().toSeconds())
                .put("silence_timeout", a.silenceTimeout().toSeconds());
        a.everyoneLeftTimeout().ifPresent(d -> an.put("everyone_left_timeout", d.toSeconds()));
        a.maxDuration().ifPresent(d -> an.put("max_duration", d.toSeconds()));
        JsonCodec.putOpt(n, "webhook_url", c.webhookUrl());
        JsonCodec.putOpt(n, "deduplication_key", c.deduplicationKey());
        n.set("extra", JsonCodec.MAPPER.valueToTree(c.extra()));
        if (c.startTime().isPresent()) n.put("start_time", c.startTime().get());
        else n.putNull("start_time");
        n.put("reserved", c.reserved());
        n.set("transcription_custom_parameters", JsonCodec.MAPPER.valueToTree(c.transcriptionCustomParameters().orElse(null)));
        ZoomCredentials z = c.zoom();
        JsonCodec.putOpt(n, "zoom_sdk_id", z.sdkId());
        JsonCodec.putOpt(n, "zoom_sdk_pwd", z.sdkPwd());
        JsonCodec.putOpt(n, "zoom_access_token_url", z.accessTokenUrl());
        JsonCodec.putOpt(n, "zoom_obf_token", z.obfToken());
        JsonCodec.putOpt(n, "zoom_obf_token_url", z.obfTokenUrl());
        JsonCodec.putOpt(n, "zoom_obf_token_user_id", z.obfTokenUserId());
        return n;
    }

    public static BotConfig read(JsonNode n) {
        BotConfig.Builder b = BotConfig.builder(JsonCodec.text(n, "meeting_url"), JsonCodec.text(n, "bot_name"))
                .botImage(JsonCodec.text(n, "bot_image"))
                .entryMessage(JsonCodec.text(n, "entry_message"))
                .recordingMode(WireName.parse(RecordingMode.class, JsonCodec.text(n, "recording_mode")).orElse(null))
                .webhookUrl(JsonCodec.text(n, "webhook_url"))
                .deduplicationKey(JsonCodec.text(n, "deduplication_key"))
                .reserved(n.path("reserved").asBoolean(false));
        speechToText(n.get("speech_to_text")).ifPresent(b::speechToText);
        JsonNode streaming = n.get("streaming");
        if (streaming != null && streaming.isObject()) {
            b.streaming(new Streaming(JsonCodec.optText(streaming, "output"), JsonCodec.optText(streaming, "input"),
                    frequency(JsonCodec.text(streaming, "audio_frequency"))));
        }
        JsonNode leave = n.get("automatic_leave");
        if (leave != null && leave.isObject()) {
            b.automaticLeave(new AutomaticLeave(seconds(leave, "waiting_room_timeout"), seconds(leave, "noone_joined_timeout"),
                    seconds(leave, "silence_timeout"), Optional.ofNullable(seconds(leave, "everyone_left_timeout")),
                    Optional.ofNullable(seconds(leave, "max_duration"))));
        }
        JsonNode extra = n.get("extra");
        if (extra != null && extra.isObject()) b.extra(toMap(extra));
        JsonNode start = n.get("start_time");
        if (start != null && start.isNumber()) b.startTime(start.asLong());
        JsonNode custom = n.get("transcription_custom_parameters");
        if (custom != null && !custom.isNull()) b.transcriptionCustomParameters(JsonCodec.MAPPER.convertValue(custom, Object.class));
        b.zoom(new ZoomCredentials(JsonCodec.optText(n, "zoom_sdk_id"), JsonCodec.optText(n, "zoom_sdk_pwd"),
                JsonCodec.optText(n, "zoom_access_token_url"), JsonCodec.optText(n, "zoom_obf_token"),
                JsonCodec.optText(n, "zoom_obf_token_url"), JsonCodec.optText(n, "zoom_obf_token_user_id")));
        return b.build();
    }

    /** v1's {@code speech_to_text}: a bare provider name or {@code {provider, api_key}}; empty when absent or null. */
    public static Optional<SpeechToText> speechToText(JsonNode stt) {
        if (stt != null && stt.isTextual()) return Optional.of(SpeechToText.of(stt.asText()));
        if (stt != null && stt.isObject()) return Optional.of(SpeechToText.of(JsonCodec.text(stt, "provider"), JsonCodec.text(stt, "api_key")));
        return Optional.empty();
    }

    /** v1's {@code AudioFrequency} wire names. */
    public static String frequencyName(int hertz) { return hertz / 1000 + "khz"; }

    /** Hertz of a v1 {@code AudioFrequency} name, or 0 (the default) when absent. */
    public static int frequency(String name) {
        if (name == null) return 0;
        return switch (name) {
            case "16khz" -> 16_000;
            case "24khz" -> 24_000;
            default -> -1;
        };
    }

    private static Duration seconds(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Duration.ofSeconds(v.asLong());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode n) {
        return new LinkedHashMap<>(JsonCodec.MAPPER.convertValue(n, Map.class));
    }
}
