package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.server.WebhookReceiver.Received;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bot whose speech-to-text provider breaks still delivers its recording, with an empty transcript and the error;
 * retranscribing it later stores a transcript whose mixed-track words carry the speakers the meeting reported, and
 * announces it with {@code transcription_complete} to the right webhook URL.
 */
class RetranscribeTest {
    static final String KEY = "retranscribe-key-" + System.nanoTime();
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;
    static WebhookReceiver receiver;

    /** A provider that fails as a misconfigured one does: with an unexpected exception. */
    static final class Broken implements SpeechToTextProvider {
        @Override public String name() { return "Broken"; }

        @Override public boolean requiresApiKey() { return false; }

        @Override public Transcript transcribe(TranscriptionRequest request) { throw new IllegalStateException("model files missing"); }
    }

    @BeforeAll
    static void start() throws IOException {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true),
                b -> b.speechToText(new Broken()));
        api = new ApiClient(server.port(), KEY);
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
        if (server != null) server.close();
    }

    static Received next(String event) throws InterruptedException { return receiver.next(event, Duration.ofSeconds(60)); }

    @Test
    void aFailedTranscriptionStillDeliversTheRecordingAndARetranscriptionIsAnnouncedWithSpeakers() throws Exception {
        Participant alice = Participant.of("p-a", "Alice"), bob = Participant.of("p-b", "Bob");
        UUID id;
        try (BotEvents events = new BotEvents(server.baas())) {
            ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + TestPlatform.PREFIX + UUID.randomUUID()
                    + "\",\"bot_name\":\"Notes\",\"speech_to_text\":\"Broken\",\"webhook_url\":\"" + receiver.url("/bot") + "\"}");
            assertEquals(200, joined.status(), joined.toString());
            id = UUID.fromString(joined.json().get("bot_id").asText());
            TestPlatform.Session s = TestPlatform.session(id);
            s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), alice));
            s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), bob));
            s.emit(new MeetingEvent.Admitted(Instant.now()));
            Instant zero = events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING).at();
            // Alice has the floor for the first 1.6 s, then Bob; the recording is one mixed track
            s.emit(new MeetingEvent.ActiveSpeaker(zero, alice, true));
            s.emit(new MeetingEvent.ActiveSpeaker(zero.plusMillis(1600), alice, false));
            s.emit(new MeetingEvent.ActiveSpeaker(zero.plusMillis(1600), bob, true));
            s.emit(new MeetingEvent.ActiveSpeaker(zero.plusMillis(3000), bob, false));
            events.await(id, BotEvent.Speaker.class, e -> !e.speaking() && e.participant().equals(bob));
            for (int i = 0; i < 150; i++) s.context.media().audio(new AudioFrame(AudioFrame.MIX, i * 20_000L, 16_000, new short[320]));
            api.delete("/bots/" + id);
            events.await(id, BotEvent.Completed.class);
        }

        JsonNode complete = next("complete").json().get("data");
        assertEquals(id.toString(), complete.get("bot_id").asText());
        assertEquals(0, complete.get("transcript").size(), complete.toString());
        assertTrue(complete.get("transcription_error").asText().contains("model files missing"), complete.toString());
        assertFalse(complete.get("audio").asText().isEmpty(), "the recording is delivered anyway");

        ApiClient.Response bad = api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Scripted\","
                + "\"webhook_url\":\"ftp://127.0.0.1/x\"}");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("webhook_url", bad.json().path("field").asText(), bad.toString());

        ApiClient.Response r = api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Scripted\","
                + "\"webhook_url\":\"" + receiver.url("/retranscribed") + "\"}");
        assertEquals(202, r.status(), r.toString());
        Received announced = next("transcription_complete");
        assertEquals("/retranscribed", announced.path(), "the request's webhook_url wins over the bot's");
        assertEquals("{\"event\":\"transcription_complete\",\"data\":{\"bot_id\":\"" + id + "\"}}", announced.json().toString());
        // stored with the webhook in one transaction: whoever is told can read it at once
        JsonNode transcripts = api.get("/bots/meeting_data?bot_id=" + id).json().at("/bot_data/transcripts");
        List<String> said = new ArrayList<>();
        transcripts.forEach(t -> t.get("words").forEach(w -> said.add(w.get("text").asText() + ":" + t.get("speaker").asText())));
        assertEquals(List.of("hello:Alice", "word1:Alice", "word2:Bob"), said, transcripts.toString());

        assertEquals(202, api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\"}").status(),
                "the bot's own provider is used again (it still fails)");
        server.retranscription(id).orElseThrow().handle((ok, err) -> null).get(20, TimeUnit.SECONDS);
        assertEquals(202, api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Scripted\"}").status());
        Received again = next("transcription_complete");
        assertEquals("/bot", again.path(), "without a webhook_url, the bot's own");
        assertTrue(receiver.isEmpty(), "a failed retranscription announces nothing");
    }
}
