package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.sandbox.SandboxService;
import dev.baas.sandbox.Utterance;
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
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two scripted people talk in a sandbox meeting; the bot records them in a real Chromium over WebRTC and the offline
 * Default provider transcribes them. The {@code complete} webhook's words are attributed to whoever said them.
 * PocketSphinx on synthetic speech is rough, so the test asserts what must hold: both have words, every word lies
 * where its speaker was talking, and a word each reliably recognises lands with the right person.
 */
class SandboxTranscriptTest {
    static final String KEY = "stt-e2e-key-" + System.nanoTime();
    /** Lets a word's times stray from its utterance by decoder and capture jitter. */
    static final double SLACK_SECONDS = 1.5;
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true).withSandbox(true));
        api = new ApiClient(server.port(), KEY);
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
        if (server != null) server.close();
    }

    static JsonNode next(String event, String code) throws InterruptedException {
        while (true) {
            JsonNode r = receiver.next(Duration.ofSeconds(180)).json();
            assertFalse(r.path("event").asText().equals("failed"), r.toString());
            if (r.path("event").asText().equals(event) && (code == null || r.at("/data/status/code").asText().equals(code))) return r;
        }
    }

    record Said(String word, double start, double end) {}

    @Test
    void eachParticipantsWordsAreAttributedToThem() throws Exception {
        JsonNode meeting = api.post("/sandbox/meetings", """
                {"participants":[{"name":"Alice","says":[]},{"name":"Bob","says":[]}],"waiting_room":false}
                """).json();
        String meetingId = meeting.get("id").asText();
        ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + meeting.get("meeting_url").asText()
                + "\",\"bot_name\":\"Notes\",\"speech_to_text\":\"Default\",\"webhook_url\":\""
                + receiver.url("/hook") + "\"}");
        assertEquals(200, joined.status(), joined.toString());
        String botId = joined.json().get("bot_id").asText();
        Instant recordingStart = Instant.parse(next("bot.status_change", "in_call_recording").at("/data/status/start_time").asText());

        SandboxService sandbox = server.sandbox().orElseThrow();
        Utterance alice = sandbox.say(meetingId, "Alice", "Good morning everyone. One two three four five six.");
        SandboxEndToEndTest.waitUntil(alice.end().plusMillis(700));
        Utterance bob = sandbox.say(meetingId, "Bob", "The weather today is nice. Please send me the report by Friday.");
        SandboxEndToEndTest.waitUntil(bob.end().plusMillis(1000));
        assertEquals(200, api.delete("/bots/" + botId).status());

        JsonNode complete = next("complete", null).get("data");
        assertFalse(complete.has("transcription_error"), complete.toString());
        Map<String, List<Said>> bySpeaker = new java.util.TreeMap<>();
        for (JsonNode part : complete.get("transcript")) {
            for (JsonNode w : part.get("words")) {
                bySpeaker.computeIfAbsent(part.get("speaker").asText(), k -> new ArrayList<>()).add(new Said(
                        w.get("word").asText().toLowerCase(java.util.Locale.ROOT), w.get("start").asDouble(), w.get("end").asDouble()));
            }
        }
        List<String> tracks = new ArrayList<>();
        complete.path("participant_audio").fieldNames().forEachRemaining(tracks::add);
        System.out.println("[stt-e2e] tracks " + tracks + ", words " + bySpeaker);
        assertEquals(Set.of("Alice", "Bob"), Set.copyOf(tracks), "one audio track per participant, no unnamed duplicates");
        assertEquals(Set.of("Alice", "Bob"), bySpeaker.keySet(), "every word belongs to a named participant: " + bySpeaker);
        assertWithin(bySpeaker.get("Alice"), alice, recordingStart);
        assertWithin(bySpeaker.get("Bob"), bob, recordingStart);
        assertTrue(bySpeaker.get("Alice").stream().anyMatch(w -> Set.of("morning", "everyone", "three", "four", "five", "six").contains(w.word())),
                "a keyword of Alice is hers: " + bySpeaker);
        assertTrue(bySpeaker.get("Bob").stream().anyMatch(w -> Set.of("weather", "today", "report", "friday").contains(w.word())),
                "a keyword of Bob is his: " + bySpeaker);
    }

    /** Every word lies within the speaker's utterance, on the recording's clock. */
    private static void assertWithin(List<Said> words, Utterance u, Instant recordingStart) {
        double from = Duration.between(recordingStart, u.onset()).toMillis() / 1000.0 - SLACK_SECONDS;
        double to = Duration.between(recordingStart, u.end()).toMillis() / 1000.0 + SLACK_SECONDS;
        for (Said w : words) {
            assertTrue(w.start() >= from && w.end() <= to, u.participant() + "'s word " + w + " outside [" + from + ", " + to + "]");
        }
    }
}
