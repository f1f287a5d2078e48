package dev.baas.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BotConfigTest {
    static BotConfig.Builder valid() { return BotConfig.builder("https://meet.google.com/abc-defg-hij", "Notetaker"); }

    static List<String> fields(BotConfig c) { return c.violations().stream().map(Violation::field).toList(); }

    @Test
    void aMinimalConfigIsValidWithV1Defaults() {
        BotConfig c = valid().build().validated();
        assertEquals(RecordingMode.SPEAKER_VIEW, c.recordingMode());
        assertEquals(Duration.ofSeconds(600), c.automaticLeave().waitingRoomTimeout());
        assertEquals(Duration.ofSeconds(600), c.automaticLeave().nooneJoinedTimeout());
        assertTrue(c.extra().isEmpty());
    }

    @Test
    void missingMeetingUrlAndBotNameAreNamed() {
        assertEquals(List.of("meeting_url", "bot_name"), fields(BotConfig.builder(null, " ").build()));
    }

    @Test
    void botImageMustBeAnAbsoluteHttpUri() {
        assertEquals(List.of("bot_image"), fields(valid().botImage("/relative.png").build()));
        assertEquals(List.of("bot_image"), fields(valid().botImage("ftp://x.test/a.png").build()));
        assertEquals(List.of("bot_image"), fields(valid().botImage("javascript:alert(1)").build()));
        assertEquals(List.of(), fields(valid().botImage("https://cdn.test/bot.png").build()));
    }

    @Test
    void negativeTimeoutsAreRefused() {
        BotConfig c = valid().automaticLeave(new AutomaticLeave(Duration.ofSeconds(-1), Duration.ofSeconds(-5), null, null, null)).build();
        assertEquals(List.of("automatic_leave.waiting_room_timeout", "automatic_leave.noone_joined_timeout"), fields(c));
    }

    @Test
    void streamingUrlsMustBeWebSockets() {
        BotConfig c = valid().streaming(new Streaming(java.util.Optional.of("http://x.test/out"),
                java.util.Optional.of("wss://x.test/in"), 44_100)).build();
        assertEquals(List.of("streaming.output", "streaming.audio_frequency"), fields(c));
    }

    @Test
    void validatedThrowsAnErrorNamingTheField() {
        BaasException e = assertThrows(BaasException.class, () -> valid().webhookUrl("not a url").build().validated());
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("webhook_url", e.violations().getFirst().field());
        assertTrue(e.getMessage().contains("webhook_url"));
    }

    @Test
    void negativeStartTimeIsRefused() {
        assertEquals(List.of("start_time"), fields(valid().startTime(-1L).build()));
    }

    @Test
    void secretsStayOutOfToString() {
        BotConfig c = valid().speechToText(SpeechToText.of("Gladia", "sk-secret")).build();
        assertFalse(c.toString().contains("sk-secret"));
    }
}
