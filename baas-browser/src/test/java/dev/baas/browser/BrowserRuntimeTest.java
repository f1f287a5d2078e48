package dev.baas.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.MediaSink;
import dev.baas.spi.VideoFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Chromium: the page's microphone is fed from Java and its remote audio comes back to Java as PCM. */
class BrowserRuntimeTest {
    /** Sends the page's own microphone through a pair of peer connections, so the bot "receives" it as remote. */
    static final String LOOPBACK_PAGE = """
            <!doctype html><title>loop</title><script>
            (async () => {
              const s = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
              const a = new RTCPeerConnection(), b = new RTCPeerConnection();
              a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
              b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
              b.ontrack = e => { if (e.track.kind === 'video') { const v = document.createElement('video');
                v.autoplay = true; v.muted = true; v.srcObject = e.streams[0]; v.width = 640; document.body.append(v); } };
              s.getTracks().forEach(t => a.addTrack(t, s));
              const o = await a.createOffer(); await a.setLocalDescription(o); await b.setRemoteDescription(o);
              const an = await b.createAnswer(); await b.setLocalDescription(an); await a.setRemoteDescription(an);
              window.__baasMedia.report('ready', {stream: s.id});
            })();
            </script>""";

    static HttpServer http;
    static BrowserRuntime runtime;
    static String pageUrl;

    @BeforeAll static void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/loop", ex -> {
            byte[] body = LOOPBACK_PAGE.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        pageUrl = "http://127.0.0.1:" + http.getAddress().getPort() + "/loop";
        runtime = BrowserRuntime.start(BrowserSettings.defaults().withBotsPerBrowser(2));
        runtime.awaitWarm(Duration.ofSeconds(60));
    }

    @AfterAll static void stop() {
        runtime.close();
        http.stop(0);
    }

    static final class Recorder implements MediaSink, BotPageListener {
        final BlockingQueue<AudioFrame> audio = new LinkedBlockingQueue<>();
        final BlockingQueue<VideoFrame> video = new LinkedBlockingQueue<>();
        final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
        final CompletableFuture<Long> speechStarted = new CompletableFuture<>();
        final BlockingQueue<String> failures = new ArrayBlockingQueue<>(4);

        @Override public void audio(AudioFrame frame) { audio.add(frame); }
        @Override public void video(VideoFrame frame) { video.add(frame); }
        @Override public void report(String kind, JsonNode data, long atMicros) { if (kind.equals("ready")) ready.complete(data); }
        @Override public void speechStarted(int utterance, long atMicros) { speechStarted.complete(atMicros); }
        @Override public void failed(String reason) { failures.add(reason); }

        /** The first frame of {@code source} louder than {@code rms}. */
        AudioFrame awaitLoud(String source, double rms) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                AudioFrame f = audio.poll(1, TimeUnit.SECONDS);
                if (f != null && f.source().equals(source) && Pcm.rms(f.samples()) > rms) return f;
            }
            throw new AssertionError("no frame from " + source + " louder than " + rms);
        }
    }

    @Test void speaks_into_the_page_and_captures_it_back_per_source_and_mixed() throws Exception {
        Recorder rec = new Recorder();
        try (BotPage bot = runtime.open(BotPageSpec.of("Loop Bot", rec, rec))) {
            bot.run(p -> p.navigate(pageUrl));
            String stream = rec.ready.get(20, TimeUnit.SECONDS).path("stream").asText();
            bot.nameSource(stream, "Loopback");
            // Silence first: nothing loud may arrive before we speak.
            long before = System.currentTimeMillis() * 1000;
            bot.speak(Pcm.tone(440, 1.0, 24_000, 0.5), 24_000);
            long started = rec.speechStarted.get(10, TimeUnit.SECONDS);
            AudioFrame heard = rec.awaitLoud("Loopback", 0.05);
            assertTrue(heard.timestampMicros() >= before, "frame stamped before the speech was sent");
            assertTrue(heard.timestampMicros() - started < 1_000_000,
                    "captured " + (heard.timestampMicros() - started) / 1000 + " ms after playback started");
            assertEquals(16_000, heard.sampleRate());
            assertEquals(320, heard.samples().length);
            rec.awaitLoud(AudioFrame.MIX, 0.05);
            assertTrue(rec.failures.isEmpty(), "unexpected failure: " + rec.failures);
        }
    }

    @Test void streams_the_meeting_view_as_jpeg() throws Exception {
        Recorder rec = new Recorder();
        try (BotPage bot = runtime.open(BotPageSpec.of("Video Bot", rec, rec).withCaptureAudio(false))) {
            bot.run(p -> p.navigate(pageUrl));
            rec.ready.get(20, TimeUnit.SECONDS);
            bot.startScreencast(new VideoCapture(640, 360, 5));
            VideoFrame f = rec.video.poll(20, TimeUnit.SECONDS);
            assertTrue(f != null, "no video frame");
            assertEquals(VideoFrame.VIEW, f.source());
            assertEquals("jpeg", f.format());
            assertEquals(640, f.width());
            assertEquals(360, f.height());
            assertEquals(0xD8, f.data()[1] & 0xff);
        }
    }

    @Test void a_crashed_browser_fails_its_bots_and_the_next_bot_gets_a_new_browser() throws Exception {
        try (BrowserRuntime own = BrowserRuntime.start(BrowserSettings.defaults().withWarmContexts(0))) {
            Recorder a = new Recorder(), b = new Recorder();
            BotPage first = own.open(BotPageSpec.of("A", a, a));
            BotPage second = own.open(BotPageSpec.of("B", b, b));
            String marker = own.browserMarkers().getFirst();
            List<ProcessHandle> browser = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("--type=")).orElse(false))
                    .toList();
            assertEquals(1, browser.size(), "exactly one browser process carries the marker");
            browser.getFirst().destroyForcibly();
            String why = a.failures.poll(20, TimeUnit.SECONDS);
            assertTrue(why != null && why.contains("browser"), "first bot not told: " + why);
            assertTrue(b.failures.poll(20, TimeUnit.SECONDS) != null, "second bot not told");
            assertTrue(first.failed() && second.failed());
            Recorder c = new Recorder();
            try (BotPage third = own.open(BotPageSpec.of("C", c, c))) {
                assertEquals("about:blank", third.call(p -> p.url()));
                assertTrue(!own.browserMarkers().contains(marker), "the dead browser is still offered");
            }
            first.close();
            second.close();
        }
    }

    @Test void extra_flags_split_like_a_shell() {
        assertEquals(List.of("--host-resolver-rules=MAP meet.example 127.0.0.1:8443", "--ignore-certificate-errors"),
                BrowserSettings.splitArgs(" --host-resolver-rules=\"MAP meet.example 127.0.0.1:8443\"  --ignore-certificate-errors "));
        assertEquals(List.of("--proxy-server=http://127.0.0.1:3128"), BrowserSettings.fromEnvironment(
                java.util.Map.of("BAAS_BROWSER_ARGS", "--proxy-server=http://127.0.0.1:3128")).extraArgs());
    }

    @Test void many_page_tasks_from_many_threads_all_run_on_the_browser_thread() throws Exception {
        Recorder rec = new Recorder();
        try (BotPage bot = runtime.open(BotPageSpec.of("Busy", rec, rec).withCaptureAudio(false))) {
            CountDownLatch done = new CountDownLatch(8);
            List<String> threads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int i = 0; i < 8; i++) {
                int n = i;
                Thread.ofVirtual().start(() -> {
                    Object r = bot.call(p -> { threads.add(Thread.currentThread().getName()); return p.evaluate(n + "+1"); });
                    assertEquals(n + 1, ((Number) r).intValue());
                    done.countDown();
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertTrue(threads.stream().allMatch(t -> t.startsWith("baas-browser-")), threads.toString());
        }
    }
}
