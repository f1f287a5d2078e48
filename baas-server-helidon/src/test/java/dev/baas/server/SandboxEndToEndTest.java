package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.webhook.StandardWebhooks;
import dev.baas.server.WebhookReceiver.Received;
import dev.baas.sandbox.SandboxService;
import dev.baas.sandbox.Utterance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole product through its HTTP API: a bot joins a sandbox meeting in a real Chromium, waits to be let in,
 * records two scripted people talking over real WebRTC, leaves on request, and its webhooks arrive in order with a
 * {@code complete} whose mp4 downloads and plays their speech.
 */
class SandboxEndToEndTest {
    static final String KEY = "e2e-key-" + System.nanoTime();
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

    /** The next webhook about {@code botId} (an earlier case's late deliveries are passed over). */
    static Received next(String botId) throws InterruptedException {
        while (true) {
            Received r = receiver.next(Duration.ofSeconds(120));
            if (r == null || botId.equals(r.json().at("/data/bot_id").asText())) return r;
        }
    }

    static String status(Received r) {
        JsonNode j = r.json();
        return j.get("event").asText().equals("bot.status_change") ? j.at("/data/status/code").asText() : j.get("event").asText();
    }

    /** The sandbox's own meeting, and the look-alikes of Meet, Teams and Zoom joined at their real URLs. */
    @ParameterizedTest @ValueSource(strings = {"sandbox", "meet", "teams", "zoom"})
    void aBotJoinsRecordsTwoPeopleLeavesAndDeliversAPlayableRecording(String platform) throws Exception {
        JsonNode meeting = api.post("/sandbox/meetings", """
                {"participants":[{"name":"Alice","says":[]},{"name":"Bob","says":[]}],"waiting_room":true,"auto_admit":true,
                 "platform":"%s"}
                """.formatted(platform)).json();
        String meetingId = meeting.get("id").asText();
        String hook = receiver.url("/hook");
        ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + meeting.get("meeting_url").asText()
                + "\",\"bot_name\":\"Recorder\",\"webhook_url\":\"" + hook + "\",\"extra\":{\"case\":\"e2e\"}}");
        assertEquals(200, joined.status(), joined.toString());
        String botId = joined.json().get("bot_id").asText();

        List<String> seen = new ArrayList<>();
        while (!seen.contains("in_call_recording")) seen.add(status(next(botId)));
        assertEquals(List.of("joining_call", "in_waiting_room", "in_call_not_recording", "in_call_recording"), seen);

        SandboxService sandbox = server.sandbox().orElseThrow();
        Instant recordingStart = Instant.now();
        Utterance alice = sandbox.say(meetingId, "Alice", "Hello Bob, shall we review the budget today?");
        waitUntil(alice.end().plusMillis(300));
        Utterance bob = sandbox.say(meetingId, "Bob", "Yes, the budget for the launch looks fine to me.");
        waitUntil(bob.end().plusMillis(800));
        assertEquals(200, api.delete("/bots/" + botId).status());

        Received complete = null;
        while (complete == null) {
            Received r = next(botId);
            seen.add(status(r));
            if (status(r).equals("complete")) complete = r;
            assertNotEquals("failed", status(r), r.body());
        }
        assertEquals(List.of("joining_call", "in_waiting_room", "in_call_not_recording", "in_call_recording",
                "api_request_stop", "call_ended", "complete"), seen);
        assertEquals(KEY, complete.apiKey(), "webhooks carry the account's key as v1 does");
        String metrics = api.as(null).get("/metrics").body();
        assertTrue(metric(metrics, "baas_join_latency_seconds_count") >= 1, "joins measured");
        assertTrue(metric(metrics, "baas_bot_status_changes_total{code=\"in_call_recording\"}") >= 1, "status changes counted");
        assertTrue(metrics.contains("baas_webhook_queue_depth"), "webhook queue depth published");
        String secret = server.accounts().find(Long.parseLong(server.bots().find(java.util.UUID.fromString(botId)).orElseThrow().accountId()))
                .orElseThrow().webhookSecret();
        assertTrue(StandardWebhooks.verify(secret, complete.id(), complete.timestamp(), complete.signature(), complete.body(), Instant.now()));
        JsonNode data = complete.json().get("data");
        assertEquals(botId, data.get("bot_id").asText());
        assertEquals("e2e", data.at("/extra/case").asText());

        Path mp4 = SandboxEndToEndTest.data.resolve("downloaded.mp4");
        Files.write(mp4, ApiClient.download(data.get("mp4").asText()));
        String streams = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", mp4.toString());
        assertTrue(streams.contains("h264") && streams.contains("aac"), streams);

        // the participants' speech is in the recording's audio, where they spoke; quiet before they did
        short[] pcm = decode(mp4);
        double seconds = pcm.length / 16000.0;
        assertTrue(seconds > Duration.between(recordingStart, bob.end()).toMillis() / 1000.0 - 1, "duration " + seconds);
        double speech = loudest(pcm, 1.5);
        double before = rmsBeforeSpeech(pcm);
        assertTrue(speech > 300, "speech energy " + speech);
        assertTrue(speech > 4 * before, "speech " + speech + " vs quiet " + before);
    }

    private static double metric(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }

    /** RMS over the loudest {@code window}-second stretch (speech somewhere in the file). */
    private static double loudest(short[] pcm, double window) {
        int w = (int) (window * 16000);
        double best = 0;
        for (int start = 0; start + w <= pcm.length; start += 1600) {
            double sum = 0;
            for (int i = start; i < start + w; i++) sum += (double) pcm[i] * pcm[i];
            best = Math.max(best, Math.sqrt(sum / w));
        }
        return best;
    }

    /** RMS of the first half second, before anyone spoke. */
    private static double rmsBeforeSpeech(short[] pcm) {
        int n = Math.min(pcm.length, 8000);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (double) pcm[i] * pcm[i];
        return Math.sqrt(sum / Math.max(1, n));
    }

    private static short[] decode(Path media) throws Exception {
        Path raw = media.resolveSibling("audio.s16le");
        run("ffmpeg", "-v", "error", "-y", "-i", media.toString(), "-ac", "1", "-ar", "16000", "-f", "s16le", raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[b.remaining() / 2];
        for (int i = 0; i < out.length; i++) out[i] = b.getShort();
        return out;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** Waits until the meeting clock passes {@code t}: the speech is scripted to end then. */
    static void waitUntil(Instant t) throws InterruptedException {
        Object lock = new Object();
        synchronized (lock) {
            while (Instant.now().isBefore(t)) lock.wait(Math.max(1, Duration.between(Instant.now(), t).toMillis()));
        }
    }
}
