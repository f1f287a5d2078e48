package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A server process is killed with SIGKILL while its bot records a sandbox meeting in Chromium; started again on the
 * same data, it finishes the bot: {@code meeting_error} saying why, then {@code complete} whose mp4 is what was
 * recorded until the kill, downloadable and playable. Nothing stays {@code in_call_recording}.
 */
class ServerCrashTest {
    static final String KEY = "crash-key-" + System.nanoTime();
    @TempDir Path data;

    /** A server process as the product starts it ({@link Main}), configured by the environment. */
    record Node(Process process, int port) implements AutoCloseable {
        static Node start(Path data) throws IOException { return start(data, java.util.Map.of(), java.util.Optional.empty()); }

        /**
         * A server on {@code data} with {@code extraEnv} besides the defaults (they win over them); its output goes to
         * {@code log} when given, else nowhere.
         */
        static Node start(Path data, java.util.Map<String, String> extraEnv, java.util.Optional<Path> log) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()).redirectErrorStream(true);
            pb.environment().putAll(java.util.Map.of("BAAS_DATA_DIR", data.toString(), "BAAS_API_KEY", KEY,
                    "BAAS_PORT", "0", "BAAS_HOST", "127.0.0.1", "BAAS_SANDBOX", "true",
                    "BAAS_WEBHOOK_ALLOW_PRIVATE", "true", "BAAS_LOG_FORMAT", "text", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
            pb.environment().putAll(extraEnv);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            java.io.PrintWriter copy = log.isPresent()
                    ? new java.io.PrintWriter(Files.newBufferedWriter(log.get(), StandardCharsets.UTF_8), true)
                    : new java.io.PrintWriter(java.io.OutputStream.nullOutputStream());
            String line;
            String prefix = "baas listening on http://localhost:";
            while ((line = out.readLine()) != null && !line.startsWith(prefix)) copy.println(line); // start-up log
            assertNotNull(line, "the server started");
            copy.println(line);
            Thread.ofVirtual().start(() -> {
                try (copy) {
                    out.lines().forEach(copy::println); // keep its output flowing
                } catch (java.io.UncheckedIOException e) {
                    // the process was killed: its output ends here
                }
            });
            return new Node(p, Integer.parseInt(line.substring(prefix.length()).trim()));
        }

        /** SIGKILL to the server; its Chromium (which it started) goes too, as it would with the machine. */
        void kill() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            for (ProcessHandle c : children) c.destroyForcibly();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: the server leaves its bots' meetings and closes its browser
                if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
            }
        }
    }

    static String status(WebhookReceiver.Received r) {
        JsonNode j = r.json();
        return j.get("event").asText().equals("bot.status_change") ? j.at("/data/status/code").asText() : j.get("event").asText();
    }

    @Test
    void aBotRecordingWhenItsServerIsKilledCompletesWithItsRecordingAfterTheRestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String botId;
            Node first = Node.start(data);
            try {
                ApiClient api = new ApiClient(first.port(), KEY);
                JsonNode meeting = api.post("/sandbox/meetings", """
                        {"participants":[{"name":"Alice","says":[]}],"waiting_room":false,"auto_admit":true}
                        """).json();
                ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + meeting.get("meeting_url").asText()
                        + "\",\"bot_name\":\"Recorder\",\"webhook_url\":\"" + receiver.url("/hook") + "\"}");
                assertEquals(200, joined.status(), joined.toString());
                botId = joined.json().get("bot_id").asText();
                while (!status(receiver.next(Duration.ofSeconds(120))).equals("in_call_recording")) { /* joining */ }
                // a few seconds of fragments reach the disk, then the machine "dies"
                Path video = data.resolve("bots").resolve(botId).resolve("video.mp4");
                awaitFile(video, 40_000);
                first.kill();
            } finally {
                first.close();
            }

            long t0 = System.nanoTime();
            try (Node second = Node.start(data)) {
                List<String> after = new ArrayList<>();
                WebhookReceiver.Received complete = null;
                while (complete == null) {
                    WebhookReceiver.Received r = receiver.next(Duration.ofSeconds(120));
                    if (!botId.equals(r.json().at("/data/bot_id").asText())) continue;
                    after.add(status(r));
                    assertNotEquals("failed", status(r), r.body());
                    if (status(r).equals("complete")) complete = r;
                }
                System.out.printf("restart to complete webhook: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                assertEquals(List.of("meeting_error", "complete"), after.subList(after.size() - 2, after.size()));
                Path mp4 = data.resolve("downloaded.mp4");
                Files.write(mp4, ApiClient.download(complete.json().at("/data/mp4").asText()));
                String streams = SandboxEndToEndTest.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                        "-of", "csv=p=0", mp4.toString());
                assertTrue(streams.contains("h264"), streams);
                String seconds = SandboxEndToEndTest.run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                        "-of", "csv=p=0", mp4.toString()).trim();
                assertTrue(Double.parseDouble(seconds) >= 1, "the kept recording lasts " + seconds + " s");
                JsonNode bot = new ApiClient(second.port(), KEY).get("/bots/" + botId + "/events").json();
                assertTrue(bot.toString().contains("the node running the bot stopped"), bot.toString());
            }
        }
    }

    /** Waits (on the file, not the clock) until the recording has reached {@code bytes} on disk. */
    static void awaitFile(Path file, long bytes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Object tick = new Object();
        while (!Files.exists(file) || Files.size(file) < bytes) {
            assertTrue(System.nanoTime() < deadline, file + " did not grow to " + bytes + " bytes");
            synchronized (tick) { tick.wait(50); }
        }
    }
}
