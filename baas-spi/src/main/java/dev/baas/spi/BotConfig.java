package dev.baas.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything a v1 join request says about one bot. Build with {@link #builder(String, String)}. */
public record BotConfig(
        String meetingUrl,
        String botName,
        Optional<String> botImage,
        Optional<String> entryMessage,
        RecordingMode recordingMode,
        Optional<SpeechToText> speechToText,
        Optional<Streaming> streaming,
        AutomaticLeave automaticLeave,
        Optional<String> webhookUrl,
        Optional<String> deduplicationKey,
        Map<String, Object> extra,
        Optional<Long> startTime,
        boolean reserved,
        Optional<Object> transcriptionCustomParameters,
        ZoomCredentials zoom) {

    public static final int MAX_BOT_NAME = 200;
    public static final int MAX_URL = 2048;
    public static final int MAX_ENTRY_MESSAGE = 4096;

    public BotConfig {
        botImage = orEmpty(botImage);
        entryMessage = orEmpty(entryMessage);
        if (recordingMode == null) recordingMode = RecordingMode.SPEAKER_VIEW;
        speechToText = orEmpty(speechToText);
        streaming = orEmpty(streaming);
        if (automaticLeave == null) automaticLeave = AutomaticLeave.defaults();
        webhookUrl = orEmpty(webhookUrl);
        deduplicationKey = orEmpty(deduplicationKey);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        startTime = orEmpty(startTime);
        transcriptionCustomParameters = orEmpty(transcriptionCustomParameters);
        if (zoom == null) zoom = ZoomCredentials.none();
    }

    private static <T> Optional<T> orEmpty(Optional<T> o) { return o == null ? Optional.empty() : o; }

    public static Builder builder(String meetingUrl, String botName) { return new Builder(meetingUrl, botName); }

    public Builder toBuilder() {
        Builder b = new Builder(meetingUrl, botName);
        b.botImage = botImage.orElse(null);
        b.entryMessage = entryMessage.orElse(null);
        b.recordingMode = recordingMode;
        b.speechToText = speechToText.orElse(null);
        b.streaming = streaming.orElse(null);
        b.automaticLeave = automaticLeave;
        b.webhookUrl = webhookUrl.orElse(null);
        b.deduplicationKey = deduplicationKey.orElse(null);
        b.extra = extra;
        b.startTime = startTime.orElse(null);
        b.reserved = reserved;
        b.transcriptionCustomParameters = transcriptionCustomParameters.orElse(null);
        b.zoom = zoom;
        return b;
    }

    /**
     * The structural rules of a v1 join request. Rules that need the engine's knowledge (which platform owns the
     * URL, which speech-to-text provider needs a key) are checked by the engine on top of these.
     */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (meetingUrl == null || meetingUrl.isBlank()) v.add(new Violation("meeting_url", "is required"));
        else if (meetingUrl.length() > MAX_URL) v.add(new Violation("meeting_url", "is longer than " + MAX_URL + " characters"));
        if (botName == null || botName.isBlank()) v.add(new Violation("bot_name", "is required"));
        else if (botName.length() > MAX_BOT_NAME) v.add(new Violation("bot_name", "is longer than " + MAX_BOT_NAME + " characters"));
        botImage.ifPresent(img -> {
            if (!isAbsoluteHttpUri(img)) v.add(new Violation("bot_image", "must be an absolute http(s) URI"));
        });
        entryMessage.ifPresent(m -> {
            if (m.length() > MAX_ENTRY_MESSAGE) v.add(new Violation("entry_message", "is longer than " + MAX_ENTRY_MESSAGE + " characters"));
        });
        webhookUrl.ifPresent(w -> {
            if (!isAbsoluteHttpUri(w)) v.add(new Violation("webhook_url", "must be an absolute http(s) URL"));
        });
        streaming.ifPresent(s -> {
            s.output().ifPresent(u -> { if (!isWebSocketUri(u)) v.add(new Violation("streaming.output", "must be a ws:// or wss:// URL")); });
            s.input().ifPresent(u -> { if (!isWebSocketUri(u)) v.add(new Violation("streaming.input", "must be a ws:// or wss:// URL")); });
            if (s.audioFrequency() != 16_000 && s.audioFrequency() != 24_000)
                v.add(new Violation("streaming.audio_frequency", "must be 16khz or 24khz"));
        });
        checkTimeout(v, "automatic_leave.waiting_room_timeout", automaticLeave.waitingRoomTimeout());
        checkTimeout(v, "automatic_leave.noone_joined_timeout", automaticLeave.nooneJoinedTimeout());
        checkTimeout(v, "automatic_leave.silence_timeout", automaticLeave.silenceTimeout());
        automaticLeave.everyoneLeftTimeout().ifPresent(d -> checkTimeout(v, "automatic_leave.everyone_left_timeout", d));
        automaticLeave.maxDuration().ifPresent(d -> checkTimeout(v, "automatic_leave.max_duration", d));
        startTime.ifPresent(t -> { if (t < 0) v.add(new Violation("start_time", "must not be negative")); });
        speechToText.ifPresent(s -> { if (s.provider().isBlank()) v.add(new Violation("speech_to_text.provider", "is required")); });
        return v;
    }

    /** Throws a {@link BaasException} naming every broken field, or returns this config. */
    public BotConfig validated() {
        List<Violation> v = violations();
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return this;
    }

    private static void checkTimeout(List<Violation> v, String field, java.time.Duration d) {
        if (d.isNegative()) v.add(new Violation(field, "must not be negative"));
    }

    public static boolean isAbsoluteHttpUri(String s) {
        return hasScheme(s, "http", "https");
    }

    public static boolean isWebSocketUri(String s) {
        return hasScheme(s, "ws", "wss");
    }

    private static boolean hasScheme(String s, String... schemes) {
        if (s == null || s.length() > MAX_URL) return false;
        try {
            URI u = new URI(s);
            if (!u.isAbsolute() || u.getHost() == null || u.getHost().isEmpty()) return false;
            String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
            for (String ok : schemes) if (ok.equals(scheme)) return true;
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override public String toString() {
        return "BotConfig[meetingUrl=" + meetingUrl + ", botName=" + botName + ", recordingMode=" + recordingMode
                + ", speechToText=" + speechToText.map(SpeechToText::toString).orElse("none") + "]";
    }

    /** A mutable builder; {@link #build()} does not validate, {@link BotConfig#validated()} does. */
    public static final class Builder {
        private final String meetingUrl;
        private final String botName;
        private String botImage;
        private String entryMessage;
        private RecordingMode recordingMode;
        private SpeechToText speechToText;
        private Streaming streaming;
        private AutomaticLeave automaticLeave;
        private String webhookUrl;
        private String deduplicationKey;
        private Map<String, Object> extra;
        private Long startTime;
        private boolean reserved;
        private Object transcriptionCustomParameters;
        private ZoomCredentials zoom;

        private Builder(String meetingUrl, String botName) {
            this.meetingUrl = meetingUrl;
            this.botName = botName;
        }

        public Builder botImage(String v) { botImage = v; return this; }
        public Builder entryMessage(String v) { entryMessage = v; return this; }
        public Builder recordingMode(RecordingMode v) { recordingMode = v; return this; }
        public Builder speechToText(SpeechToText v) { speechToText = v; return this; }
        public Builder streaming(Streaming v) { streaming = v; return this; }
        public Builder automaticLeave(AutomaticLeave v) { automaticLeave = v; return this; }
        public Builder webhookUrl(String v) { webhookUrl = v; return this; }
        public Builder deduplicationKey(String v) { deduplicationKey = v; return this; }
        public Builder extra(Map<String, Object> v) { extra = v; return this; }
        public Builder startTime(Long v) { startTime = v; return this; }
        public Builder reserved(boolean v) { reserved = v; return this; }
        public Builder transcriptionCustomParameters(Object v) { transcriptionCustomParameters = v; return this; }
        public Builder zoom(ZoomCredentials v) { zoom = v; return this; }

        public BotConfig build() {
            return new BotConfig(meetingUrl, botName, Optional.ofNullable(botImage), Optional.ofNullable(entryMessage),
                    recordingMode, Optional.ofNullable(speechToText), Optional.ofNullable(streaming), automaticLeave,
                    Optional.ofNullable(webhookUrl), Optional.ofNullable(deduplicationKey), extra,
                    Optional.ofNullable(startTime), reserved, Optional.ofNullable(transcriptionCustomParameters),
                    Objects.requireNonNullElse(zoom, ZoomCredentials.none()));
        }
    }
}
