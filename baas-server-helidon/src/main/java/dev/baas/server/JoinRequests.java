package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.db.BotConfigJson;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The v1 request bodies that make or change bots: their closed schemas, checked before anything is created. */
final class JoinRequests {
    static final int MAX_DEDUP_KEY = 400;
    static final int MAX_TEXT = 4096;

    private static final Set<String> JOIN_FIELDS = Set.of("meeting_url", "bot_name", "bot_image", "entry_message",
            "recording_mode", "speech_to_text", "streaming", "automatic_leave", "webhook_url", "deduplication_key", "extra",
            "start_time", "reserved", "transcription_custom_parameters", "zoom_sdk_id", "zoom_sdk_pwd",
            "zoom_access_token_url", "zoom_obf_token", "zoom_obf_token_url", "zoom_obf_token_user_id");
    private static final Set<String> STREAMING_FIELDS = Set.of("input", "output", "audio_frequency");
    /** v1's three, and two of this server's own (off unless set). */
    private static final Set<String> LEAVE_FIELDS = Set.of("noone_joined_timeout", "silence_timeout", "waiting_room_timeout",
            "everyone_left_timeout", "max_duration");
    private static final Set<String> STT_FIELDS = Set.of("provider", "api_key");
    private static final Set<String> RETRANSCRIBE_FIELDS = Set.of("bot_uuid", "speech_to_text", "webhook_url");
    private static final Set<String> RECORDING_MODES = Arrays.stream(RecordingMode.values()).map(RecordingMode::wireName)
            .collect(Collectors.toSet());
    /** Unix seconds of 9999-12-31. */
    private static final long MAX_START_TIME = 253_402_300_799L;

    private final WebhookUrls webhooks;

    JoinRequests(WebhookUrls webhooks) { this.webhooks = webhooks; }

    /** A join body as a config; throws naming every field whose type or shape is wrong. */
    BotConfig join(ObjectNode body) {
        List<Violation> v = new ArrayList<>();
        Schema s = new Schema(v);
        s.closed(body, "", JOIN_FIELDS);
        s.string(body, "", "meeting_url", true, BotConfig.MAX_URL);
        s.string(body, "", "bot_name", true, BotConfig.MAX_BOT_NAME);
        s.string(body, "", "bot_image", false, BotConfig.MAX_URL);
        s.string(body, "", "entry_message", false, BotConfig.MAX_ENTRY_MESSAGE);
        s.oneOf(body, "", "recording_mode", RECORDING_MODES);
        speechToText(body, s);
        ObjectNode streaming = s.object(body, "", "streaming");
        if (streaming != null) {
            s.closed(streaming, "streaming", STREAMING_FIELDS);
            s.string(streaming, "streaming", "input", false, BotConfig.MAX_URL);
            s.string(streaming, "streaming", "output", false, BotConfig.MAX_URL);
            s.oneOf(streaming, "streaming", "audio_frequency", Set.of("16khz", "24khz"));
        }
        ObjectNode leave = s.object(body, "", "automatic_leave");
        if (leave != null) {
            s.closed(leave, "automatic_leave", LEAVE_FIELDS);
            for (String f : LEAVE_FIELDS) s.integer(leave, "automatic_leave", f, 0, Schema.UINT32_MAX);
        }
        s.string(body, "", "webhook_url", false, BotConfig.MAX_URL);
        s.string(body, "", "deduplication_key", false, MAX_DEDUP_KEY);
        s.object(body, "", "extra");
        s.integer(body, "", "start_time", 0, MAX_START_TIME);
        s.bool(body, "", "reserved");
        for (String f : List.of("zoom_sdk_id", "zoom_sdk_pwd", "zoom_access_token_url", "zoom_obf_token", "zoom_obf_token_url",
                "zoom_obf_token_user_id")) {
            s.string(body, "", f, false, MAX_TEXT);
        }
        if (v.isEmpty()) webhookUrl(body).ifPresent(url -> webhooks.check("webhook_url", url, v));
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return BotConfigJson.read(body);
    }

    /** A retranscribe body: the bot, and the provider to use if not the bot's own. */
    Retranscribe retranscribe(ObjectNode body) {
        List<Violation> v = new ArrayList<>();
        Schema s = new Schema(v);
        s.closed(body, "", RETRANSCRIBE_FIELDS);
        s.string(body, "", "bot_uuid", true, 64);
        speechToText(body, s);
        s.string(body, "", "webhook_url", false, BotConfig.MAX_URL);
        if (v.isEmpty()) {
            webhookUrl(body).ifPresent(url -> {
                if (!BotConfig.isAbsoluteHttpUri(url)) v.add(new Violation("webhook_url", "must be an absolute http(s) URL"));
                else webhooks.check("webhook_url", url, v);
            });
        }
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return new Retranscribe(body.get("bot_uuid").asText(), BotConfigJson.speechToText(body.get("speech_to_text")),
                webhookUrl(body));
    }

    record Retranscribe(String botUuid, Optional<SpeechToText> speechToText, Optional<String> webhookUrl) {}

    private static void speechToText(ObjectNode body, Schema s) {
        JsonNode stt = body.get("speech_to_text");
        if (stt == null || stt.isNull()) return;
        if (stt.isTextual()) {
            if (stt.asText().isBlank()) s.add("speech_to_text", "must name a provider");
            else if (stt.asText().length() > 100) s.add("speech_to_text", "is not a provider name");
            return;
        }
        if (!stt.isObject()) {
            s.add("speech_to_text", "must be a provider name or an object {provider, api_key}");
            return;
        }
        ObjectNode o = (ObjectNode) stt;
        s.closed(o, "speech_to_text", STT_FIELDS);
        s.string(o, "speech_to_text", "provider", true, 100);
        s.string(o, "speech_to_text", "api_key", false, MAX_TEXT);
    }

    private static Optional<String> webhookUrl(ObjectNode body) {
        JsonNode w = body.get("webhook_url");
        return w == null || !w.isTextual() ? Optional.empty() : Optional.of(w.asText());
    }
}
