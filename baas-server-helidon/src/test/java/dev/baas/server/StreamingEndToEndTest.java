package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.sandbox.SandboxService;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Live audio through the HTTP API with a sandbox meeting in a real Chromium and the user's WebSocket server on
 * loopback: a participant's speech arrives at the user's socket as 24 kHz PCM when it was spoken, and PCM the user
 * sends on the input is heard by the participant; malformed input is dropped and counted in {@code GET /bots/{uuid}}.
 */
class StreamingEndToEndTest {
    static final String KEY = "stream-key-" + System.nanoTime();
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;
    static final ScheduledExecutorService pacer = StreamPeer.pacer();

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true).withSandbox(true));
        api = new ApiClient(server.port(), KEY);
    }

    @AfterAll
    static void stop() {
        pacer.shutdownNow();
        if (server != null) server.close();
    }

    @Test
    void speechFlowsToTheUsersSocketAndTheUsersAudioIsHeardInTheMeeting() throws Exception {
        StreamPeer peer = StreamPeer.listen();
        try {
            SandboxService sandbox = server.sandbox().orElseThrow();
            LiveAudio.Bot bot = LiveAudio.join(api, sandbox, peer, "Alice", "");
            JsonNode hello = ApiClient.MAPPER.readTree(bot.handshake());
            assertEquals(1, hello.get("protocol_version").asInt(), bot.handshake());
            assertEquals(bot.id(), hello.get("bot_id").asText());
            assertEquals(24_000, hello.get("sample_rate").asInt());
            assertFalse(hello.has("per_participant"), "v1 frames unless the output URL asks for more");

            LiveAudio.Spoken spoken = LiveAudio.speak(sandbox, bot, "Alice", LiveAudio.Speech.of("Hello, this is a test of live audio."),
                    Duration.ofSeconds(1), Duration.ofMillis(1500));
            assertFalse(spoken.before().isEmpty(), "the stream runs before anyone speaks");
            assertTrue(spoken.before().stream().allMatch(a -> a.rms() < LiveAudio.VOICED_RMS), "silence before Alice speaks");
            assertTrue(spoken.after().stream().allMatch(a -> a.bytes() == 480 * 2), "20 ms of 24 kHz mono 16-bit per frame");
            Instant voiced = spoken.firstVoiced().orElseThrow(() -> new AssertionError("Alice's speech never reached the socket"));
            assertTrue(voiced.isAfter(spoken.asked()), "no voice at the socket before Alice was asked to speak");
            assertTrue(voiced.isBefore(spoken.voiceOnset().plusMillis(1500)), "voice arrives when it was spoken: "
                    + Duration.between(spoken.voiceOnset(), voiced).toMillis() + " ms after its onset");
            long speechFrames = spoken.utterance().duration().toMillis() / 20;
            assertTrue(spoken.voicedFrames() > speechFrames / 3, "energy during the utterance: " + spoken.voicedFrames()
                    + " voiced frames of " + speechFrames);

            WebSocket input = peer.input(LiveAudio.WAIT);
            input.send(new byte[]{1, 2, 3});                 // odd length: not 16-bit PCM
            input.send(new byte[3 * 48_000 * 2]);            // three seconds in one frame: too big
            input.send("{not json");                         // text on the input carries no audio
            Instant quietSince = Instant.now();
            StreamPeer.Sending tone = StreamPeer.sendTone(input, 24_000, Duration.ofSeconds(1), pacer);
            Optional<Instant> heard = LiveAudio.heardAfter(sandbox, bot.meetingId(), "Alice", tone.firstSent(), Duration.ofSeconds(20));
            assertTrue(heard.isPresent(), "Alice heard what the user sent");
            Duration toEar = Duration.between(tone.firstSent(), heard.get());
            assertTrue(toEar.compareTo(Duration.ofSeconds(3)) < 0, "heard " + toEar.toMillis() + " ms after sending");
            assertTrue(quietSince.isBefore(tone.firstSent()));
            tone.done().get(10, TimeUnit.SECONDS);

            JsonNode stats = api.get("/bots/" + bot.id()).json().get("streaming");
            assertNotNull(stats, "GET /bots/{uuid} shows the stream counters");
            assertEquals(2, stats.get("frames_rejected").asLong(), stats.toString());
            assertTrue(stats.get("frames_received").asLong() >= 1, stats.toString());
            assertTrue(stats.get("frames_sent").asLong() > spoken.before().size(), stats.toString());
            assertTrue(stats.get("output_connected").asBoolean(), stats.toString());
            assertEquals(200, api.delete("/bots/" + bot.id()).status());
        } finally {
            peer.stopQuietly();
        }
    }

    @Test
    void streamingUrlsIntoPrivateRangesAreRefusedNamingTheField(@TempDir Path strictData) {
        try (BaasServer strict = BaasServer.start(ServerConfig.defaults(strictData).withPort(0).withApiKey(KEY))) {
            ApiClient client = new ApiClient(strict.port(), KEY);
            for (String url : new String[]{"ws://127.0.0.1:9/out", "ws://10.1.2.3/out", "ws://[::1]:9/out", "ws://169.254.169.254/"}) {
                ApiClient.Response r = client.post("/bots", "{\"meeting_url\":\"" + TestPlatform.PREFIX + "s-" + url.hashCode()
                        + "\",\"bot_name\":\"b\",\"streaming\":{\"output\":\"" + url + "\",\"audio_frequency\":\"24khz\"}}");
                assertEquals(400, r.status(), url + ": " + r);
                assertEquals("streaming.output", r.json().get("field").asText(), r.toString());
            }
            ApiClient.Response in = client.post("/bots", "{\"meeting_url\":\"" + TestPlatform.PREFIX + "s-in"
                    + "\",\"bot_name\":\"b\",\"streaming\":{\"input\":\"ws://192.168.1.1/in\"}}");
            assertEquals(400, in.status(), in.toString());
            assertEquals("streaming.input", in.json().get("field").asText(), in.toString());
        }
    }
}
