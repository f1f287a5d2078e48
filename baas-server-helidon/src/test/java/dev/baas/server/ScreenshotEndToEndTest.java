package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.sandbox.Utterance;
import dev.baas.spi.BotStatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Screenshots and per-participant audio through the HTTP API, with files on the server's disk: a bot in a sandbox
 * meeting in a real Chromium pictures the meeting on admission and on request; the pictures list as v1
 * {@code ScreenshotWrapper}s, download through signed links and decode as images of the page; after the call,
 * {@code meeting_data} links each participant's own audio.
 */
class ScreenshotEndToEndTest {
    static final String KEY = "shots-key-" + System.nanoTime();
    @TempDir static Path data;
    /** Finishing the recording can take a while on a busy machine. */
    static final Duration FINISHING = Duration.ofSeconds(120);
    static BaasServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withSandbox(true));
        api = new ApiClient(server.port(), KEY);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void aBotPicturesItsMeetingOnAdmissionAndOnRequestAndLinksEachParticipantsAudio() throws Exception {
        try (BotEvents events = new BotEvents(server.baas())) {
            UUID id = joinSandboxMeeting(api, "Alice", "Bob");
            String meetingId = meetingOf(server, id);
            events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING);
            Utterance alice = server.sandbox().orElseThrow().say(meetingId, "Alice", "Good morning, this is the weekly review.");

            long asked = System.nanoTime();
            ApiClient.Response taken = api.post("/bots/" + id + "/screenshots", "");
            System.out.printf("screenshot on request: %d ms%n", (System.nanoTime() - asked) / 1_000_000);
            assertEquals(200, taken.status(), taken.toString());
            JsonNode shot = taken.json();
            assertTrue(shot.path("date").asText().matches(ApiContract.ISO_MILLIS_Z), shot.toString());
            assertTrue(shot.path("url").asText().contains("/artifacts/" + id + "/screenshot-"), shot.toString());
            java.awt.image.BufferedImage picture = Pictures.meetingScreenshot(ApiClient.download(shot.path("url").asText()));
            System.out.printf("screenshot %dx%d%n", picture.getWidth(), picture.getHeight());

            waitUntil(alice.end().plusMillis(500));
            assertEquals(200, api.delete("/bots/" + id).status());
            events.await(id, BotEvent.Completed.class, c -> true, FINISHING);

            JsonNode list = api.get("/bots/" + id + "/screenshots").json();
            assertTrue(list.size() >= 2, "one on admission, one asked for: " + list);
            Instant previous = Instant.MIN;
            for (JsonNode s : list) {
                Instant at = Instant.parse(s.path("date").asText());
                assertFalse(at.isBefore(previous), "oldest first: " + list);
                previous = at;
                Pictures.meetingScreenshot(ApiClient.download(s.path("url").asText()));
            }
            assertTrue(list.findValuesAsText("url").contains(shot.path("url").asText())
                    || list.findValuesAsText("date").contains(shot.path("date").asText()), "the one asked for is listed: " + list);
            String tampered = list.get(0).path("url").asText().replace("signature=", "signature=x");
            assertEquals(403, ApiClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tampered)).build()).status());

            JsonNode meeting = api.get("/bots/meeting_data?bot_id=" + id).json();
            assertTrue(meeting.path("mp4").asText().contains("/video.mp4?"), meeting.path("mp4").asText());
            JsonNode tracks = meeting.path("participant_audio");
            assertTrue(tracks.has("Alice"), "Alice's own audio is linked: " + tracks);
            double aliceRms = Pictures.wavRms(ApiClient.download(tracks.path("Alice").asText()));
            assertTrue(aliceRms > 100, "Alice's track holds her speech, rms " + aliceRms);
            if (tracks.has("Bob")) {
                double bobRms = Pictures.wavRms(ApiClient.download(tracks.path("Bob").asText()));
                assertTrue(aliceRms > 4 * bobRms, "Bob said nothing: " + bobRms + " vs Alice " + aliceRms);
            }
            assertError(api.post("/bots/" + id + "/screenshots", ""), 409);
        }
    }

    @Test
    void aBotOfAnotherAccountOrUnknownCannotBePictured() {
        String unknown = UUID.randomUUID().toString();
        assertError(api.post("/bots/" + unknown + "/screenshots", ""), 404);
        assertError(api.as("wrong-key").post("/bots/" + unknown + "/screenshots", ""), 401);
    }

    static void assertError(ApiClient.Response r, int status) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.json().hasNonNull("error"), r.toString());
    }

    /** Creates a sandbox meeting of silent scripted people and sends a bot into it; returns the bot's id. */
    static UUID joinSandboxMeeting(ApiClient api, String... people) {
        StringBuilder participants = new StringBuilder();
        for (String p : people) {
            if (!participants.isEmpty()) participants.append(',');
            participants.append("{\"name\":\"").append(p).append("\",\"says\":[]}");
        }
        JsonNode meeting = api.post("/sandbox/meetings", "{\"participants\":[" + participants + "]}").json();
        ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + meeting.get("meeting_url").asText()
                + "\",\"bot_name\":\"Pictures\"}");
        assertEquals(200, joined.status(), joined.toString());
        return UUID.fromString(joined.json().get("bot_id").asText());
    }

    static String meetingOf(BaasServer server, UUID bot) {
        return server.bots().find(bot).orElseThrow().meeting().meetingId();
    }

    /** Waits until the meeting clock passes {@code t}: the speech is scripted to end then. */
    static void waitUntil(Instant t) throws InterruptedException {
        Object lock = new Object();
        synchronized (lock) {
            while (Instant.now().isBefore(t)) lock.wait(Math.max(1, Duration.between(Instant.now(), t).toMillis()));
        }
    }
}
