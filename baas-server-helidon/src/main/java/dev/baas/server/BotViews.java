package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.db.BotConfigJson;
import dev.baas.core.store.Account;
import dev.baas.core.store.StoredBot;
import dev.baas.spi.AutomaticLeave;
import dev.baas.spi.BotConfig;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Streaming;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The v1 response shapes of a bot: {@code BotWithParams}, {@code RecentBotEntry}, {@code Metadata}, {@code Transcript}. */
final class BotViews {
    private BotViews() {}

    static String iso(Instant at) { return Baas.iso(at); }

    private static void time(ObjectNode n, String field, Optional<Instant> at) {
        if (at.isPresent()) n.put(field, iso(at.get()));
        else n.putNull(field);
    }

    private static void text(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) n.put(field, value.get());
        else n.putNull(field);
    }

    static int v1Id(long number) { return (int) Math.min(number, Integer.MAX_VALUE); }

    private static int accountNumber(String accountId) {
        try {
            return (int) Math.min(Long.parseLong(accountId), Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** v1 {@code BotWithParams}. Secrets the user sent (speech-to-text and Zoom credentials) are never returned. */
    static ObjectNode botWithParams(StoredBot s, Account owner, String videoKey) {
        BotConfig c = s.bot().config();
        ObjectNode n = Json.object();
        int id = v1Id(s.number());
        n.put("id", id).put("account_id", accountNumber(s.bot().accountId())).put("bot_param_id", id)
                .put("uuid", s.bot().id().toString()).put("bot_name", c.botName()).put("meeting_url", c.meetingUrl())
                .put("mp4_s3_path", videoKey)
                .put("webhook_url", c.webhookUrl().or(owner::webhookUrl).orElse(""))
                .put("created_at", iso(s.bot().createdAt()));
        time(n, "bot_joined_at", s.bot().joinedAt());
        time(n, "bot_exited_at", s.bot().exitedAt());
        time(n, "ended_at", s.bot().endedAt());
        n.put("diarization_v2", false).put("reserved", c.reserved()).put("is_stopped", s.bot().phase().isTerminal());
        n.set("extra", Json.MAPPER.valueToTree(c.extra()));
        n.set("transcription_custom_parameters", Json.MAPPER.valueToTree(c.transcriptionCustomParameters().orElse(Map.of())));
        n.putNull("session_id");
        text(n, "errors", s.errorMessage().map(m -> s.errorCode().map(code -> code + ": ").orElse("") + m));
        n.putNull("event_id").putNull("scheduled_bot_id").putNull("diarization_fails").putNull("transcription_fails");
        text(n, "bot_image", c.botImage());
        text(n, "deduplication_key", c.deduplicationKey());
        text(n, "enter_message", c.entryMessage());
        AutomaticLeave leave = c.automaticLeave();
        n.put("noone_joined_timeout", leave.nooneJoinedTimeout().toSeconds())
                .put("waiting_room_timeout", leave.waitingRoomTimeout().toSeconds())
                .put("silence_timeout", leave.silenceTimeout().toSeconds())
                .put("recording_mode", c.recordingMode().wireName());
        text(n, "speech_to_text_provider", c.speechToText().map(SpeechToText::provider));
        n.putNull("speech_to_text_api_key");
        text(n, "streaming_input", c.streaming().flatMap(Streaming::input));
        text(n, "streaming_output", c.streaming().flatMap(Streaming::output));
        text(n, "streaming_audio_frequency", c.streaming().map(st -> BotConfigJson.frequencyName(st.audioFrequency())));
        text(n, "zoom_sdk_id", c.zoom().sdkId());
        n.putNull("zoom_sdk_pwd");
        text(n, "zoom_access_token_url", c.zoom().accessTokenUrl());
        n.putNull("zoom_obf_token");
        text(n, "zoom_obf_token_url", c.zoom().obfTokenUrl());
        text(n, "zoom_obf_token_user_id", c.zoom().obfTokenUserId());
        n.putNull("transcription_payloads").putNull("user_reported_error");
        return n;
    }

    /** What {@code GET /bots/{uuid}} answers: the bot, where it is in its life, who spoke, why it failed. */
    static ObjectNode bot(StoredBot s, Account owner, String videoKey) {
        ObjectNode n = Json.object();
        n.set("bot", botWithParams(s, owner, videoKey));
        n.put("phase", s.bot().phase().name().toLowerCase(Locale.ROOT));
        n.put("platform", s.bot().meeting().platform());
        n.set("speakers", strings(s.speakers()));
        if (s.errorCode().isPresent()) n.putObject("error").put("code", s.errorCode().get()).put("message", s.errorMessage().orElse(""));
        else n.putNull("error");
        n.put("data_deleted", s.dataDeleted());
        return n;
    }

    /** v1 {@code RecentBotEntry}. */
    static ObjectNode recent(StoredBot s) {
        BotConfig c = s.bot().config();
        ObjectNode n = Json.object().put("id", v1Id(s.number())).put("uuid", s.bot().id().toString())
                .put("bot_name", c.botName()).put("meeting_url", c.meetingUrl()).put("created_at", iso(s.bot().createdAt()));
        n.set("extra", Json.MAPPER.valueToTree(c.extra()));
        n.set("speakers", strings(s.speakers()));
        time(n, "ended_at", s.bot().endedAt());
        n.putNull("last_accessed_at").putNull("session_id");
        Optional<Long> duration = duration(s);
        if (duration.isPresent()) n.put("duration", duration.get());
        else n.putNull("duration");
        n.putNull("access_count");
        return n;
    }

    /** Seconds in the call: from the recording when there is one, else from joining to leaving. */
    static Optional<Long> duration(StoredBot s) {
        Optional<Long> recorded = s.artifacts().map(a -> Math.round(a.durationSeconds())).filter(d -> d > 0);
        if (recorded.isPresent()) return recorded;
        if (s.bot().joinedAt().isEmpty()) return Optional.empty();
        Instant end = s.bot().exitedAt().or(s.bot()::endedAt).orElse(null);
        return end == null ? Optional.empty() : Optional.of(Duration.between(s.bot().joinedAt().get(), end).toSeconds());
    }

    /** v1 {@code Transcript[]}: consecutive words of one speaker make one entry. */
    static ArrayNode transcripts(StoredBot s) {
        ArrayNode out = Json.array();
        if (s.transcript().isEmpty()) return out;
        Transcript t = s.transcript().get();
        int botId = v1Id(s.number());
        List<List<Word>> runs = new ArrayList<>();
        for (Word w : t.words()) {
            if (runs.isEmpty() || !Objects.equals(runs.getLast().getFirst().speaker(), w.speaker())) runs.add(new ArrayList<>());
            runs.getLast().add(w);
        }
        int wordId = 0;
        for (int i = 0; i < runs.size(); i++) {
            List<Word> run = runs.get(i);
            ObjectNode e = out.addObject().put("id", i + 1).put("bot_id", botId)
                    .put("speaker", run.getFirst().speaker().orElse("Unknown"))
                    .put("start_time", run.getFirst().start()).put("end_time", run.getLast().end());
            text(e, "lang", t.language());
            e.putNull("user_id");
            ArrayNode words = e.putArray("words");
            for (Word w : run) {
                words.addObject().put("id", ++wordId).put("bot_id", botId).put("text", w.text())
                        .put("start_time", w.start()).put("end_time", w.end()).putNull("user_id");
            }
        }
        return out;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }
}
