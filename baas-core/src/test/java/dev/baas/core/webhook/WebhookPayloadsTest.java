package dev.baas.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.core.BotEvent;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class WebhookPayloadsTest {
    static final UUID BOT = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final WebhookPayloads.BotContext CTX = new WebhookPayloads.BotContext(Map.of("foo", "bar"), Optional.empty(),
            p -> "https://files.test/" + p.getFileName());

    JsonNode parse(String s) throws Exception { return JSON.readTree(s); }

    @Test
    void statusChangeHasTheV1ShapeWithMillisecondsInUtc() throws Exception {
        JsonNode j = parse(WebhookPayloads.body(new BotEvent.StatusChanged(BOT, AT, BotStatusCode.IN_CALL_RECORDING,
                Map.of("start_time", "2026-11-25T10:00:00.000Z")), CTX));
        assertEquals(parse("""
                {"event":"bot.status_change","data":{"bot_id":"123e4567-e89b-12d3-a456-426614174000",
                 "status":{"code":"in_call_recording","created_at":"2026-11-25T10:00:00.123Z","start_time":"2026-11-25T10:00:00.000Z"}}}
                """), j);
    }

    @Test
    void completeGroupsWordsIntoUtterancesBySpeaker() throws Exception {
        Transcript t = new Transcript(List.of(
                new Word("Hello", 1.5, 1.9, Optional.of("John Doe"), OptionalDouble.empty()),
                new Word("everyone", 2.0, 2.4, Optional.of("John Doe"), OptionalDouble.empty()),
                new Word("Hi", 3.0, 3.2, Optional.of("Jane Smith"), OptionalDouble.empty())), Optional.of("en"), "test");
        MeetingArtifacts files = new MeetingArtifacts(Optional.of(Path.of("/d/video.mp4")), Optional.of(Path.of("/d/audio.wav")), Map.of(), 10);
        JsonNode j = parse(WebhookPayloads.body(new BotEvent.Completed(BOT, AT, files, List.of("John Doe", "Jane Smith"),
                Optional.of(t), Optional.empty()), CTX));
        assertEquals(parse("""
                {"event":"complete","data":{"bot_id":"123e4567-e89b-12d3-a456-426614174000","event_uuid":null,
                 "transcript":[
                   {"speaker":"John Doe","offset":1.5,"start_time":1.5,"end_time":2.4,
                    "words":[{"start":1.5,"end":1.9,"word":"Hello"},{"start":2.0,"end":2.4,"word":"everyone"}]},
                   {"speaker":"Jane Smith","offset":3.0,"start_time":3.0,"end_time":3.2,"words":[{"start":3.0,"end":3.2,"word":"Hi"}]}],
                 "speakers":["John Doe","Jane Smith"],
                 "mp4":"https://files.test/video.mp4","audio":"https://files.test/audio.wav",
                 "event":"complete","extra":{"foo":"bar"}}}
                """), j);
    }

    @Test
    void failedCarriesTheCodeMessageAndExtra() throws Exception {
        UUID eventUuid = UUID.randomUUID();
        JsonNode j = parse(WebhookPayloads.body(new BotEvent.Failed(BOT, AT, FailureCode.BOT_NOT_ACCEPTED, "denied"),
                new WebhookPayloads.BotContext(Map.of(), Optional.of(eventUuid), p -> "")));
        assertEquals("failed", j.get("event").asText());
        assertEquals("BotNotAccepted", j.at("/data/error").asText());
        assertEquals("denied", j.at("/data/message").asText());
        assertEquals(eventUuid.toString(), j.at("/data/event_uuid").asText());
        assertTrue(j.at("/data/extra").isObject());
    }

    @Test
    void eventsV1DoesNotSendAreNotWebhooks() {
        assertTrue(WebhookPayloads.eventName(new BotEvent.Chat(BOT, AT, "a", "b", false)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> WebhookPayloads.body(new BotEvent.Chat(BOT, AT, "a", "b", false), CTX));
    }

    @Test
    void transcriptionCompleteIsJustTheBotId() throws Exception {
        assertEquals(parse("{\"event\":\"transcription_complete\",\"data\":{\"bot_id\":\"" + BOT + "\"}}"),
                parse(WebhookPayloads.transcriptionComplete(BOT)));
    }
}
