package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.core.logging.JsonLogFormatter;
import dev.baas.core.media.RecorderFactory;
import dev.baas.core.media.RecordingSettings;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.AudioInput;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.VideoFrame;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One bot's life seen from outside, as an operator sees it: {@code /metrics} scraped while it joins, records, is
 * transcribed and has finished, with every promised series present and the moving ones moving; its progress in
 * {@code GET /bots/{uuid}} while it is transcribed; and every engine log line of its life naming it.
 */
class BotLifeObservabilityTest {
    @TempDir Path data;

    /** Transcribes half the audio, says so, and waits for the test before it finishes. */
    static final class PacedSpeechToText implements SpeechToTextProvider {
        final CountDownLatch halfway = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override public String name() { return "Paced"; }

        @Override public boolean requiresApiKey() { return false; }

        @Override public Transcript transcribe(TranscriptionRequest request) { throw new AssertionError("the engine asks for progress"); }

        @Override
        public Transcript transcribe(TranscriptionRequest request, DoubleConsumer transcribedSeconds) throws InterruptedException {
            Path file = ((AudioInput.File) request.audio()).path();
            double seconds = dev.baas.core.media.AudioFiles.seconds(file, 0);
            transcribedSeconds.accept(seconds / 2);
            halfway.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS), "the test lets the transcription finish");
            return new Transcript(List.of(Word.of("hello", 0, 0.5)), Optional.of("en"), "paced");
        }
    }

    @Test
    void aBotsLifeShowsInMetricsProgressAndLogs() throws Exception {
        PacedSpeechToText stt = new PacedSpeechToText();
        // formatted as the server's console handler does: on the thread that logs, so its name counts
        JsonLogFormatter json = new JsonLogFormatter();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { lines.add(json.format(r)); }

            @Override public void flush() { }

            @Override public void close() { }
        };
        Logger engineLogs = Logger.getLogger("dev.baas.core");
        // a two-frame encoder queue: a burst of video is more than the encoder takes, and the rest is dropped
        try (WebhookReceiver receiver = WebhookReceiver.start();
             BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withWebhookAllowPrivate(true),
                     b -> b.speechToText(stt).recorders(RecorderFactory.media(RecordingSettings.defaults().withQueue(2, 1 << 22))));
             BotEvents events = new BotEvents(server.baas())) {
            ApiClient api = new ApiClient(server.port(), server.generatedKey().orElseThrow());
            ApiClient anonymous = api.as(null);
            String before = anonymous.get("/metrics").body();
            for (String series : List.of("baas_bots{phase=\"in_call_recording\"}", "baas_join_latency_seconds_count",
                    "baas_capture_dropped_total{kind=\"video\"}", "baas_recording_encode_lag_seconds", "baas_webhook_queue_depth",
                    "baas_webhook_delivery_latency_seconds_count", "baas_stt_queue")) {
                assertTrue(value(before, series).isPresent(), series + " is published before any bot: " + before);
            }

            engineLogs.addHandler(capture);
            UUID id;
            try {
                ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + TestPlatform.PREFIX + UUID.randomUUID()
                        + "\",\"bot_name\":\"Observed\",\"recording_mode\":\"speaker_view\",\"webhook_url\":\""
                        + receiver.url("/hook") + "\",\"speech_to_text\":{\"provider\":\"Paced\"}}");
                assertEquals(200, joined.status(), joined.toString());
                id = UUID.fromString(joined.json().get("bot_id").asText());
                TestPlatform.Session s = TestPlatform.session(id);
                s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), new Participant("p1", "Ann", false)));
                s.emit(new MeetingEvent.Admitted(Instant.now()));
                events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING);
                long t0 = Instant.now().toEpochMilli() * 1000;
                for (int i = 0; i < 100; i++) s.context.media().audio(new AudioFrame(AudioFrame.MIX, t0 + i * 20_000L, 16_000, new short[320]));
                for (int i = 0; i < 60; i++) {
                    s.context.media().video(new VideoFrame("p1", t0 + i * 33_000L, 640, 360, "bgr24", new byte[640 * 360 * 3]));
                }
                String recording = anonymous.get("/metrics").body();
                assertEquals(1.0, value(recording, "baas_bots{phase=\"in_call_recording\"}").orElseThrow());
                assertEquals(0.0, value(before, "baas_bots{phase=\"in_call_recording\"}").orElseThrow());
                assertEquals(1.0, value(recording, "baas_join_latency_seconds_count").orElseThrow() - value(before, "baas_join_latency_seconds_count").orElseThrow());
                assertTrue(value(recording, "baas_capture_dropped_total{kind=\"video\"}").orElseThrow() > 0, "the burst overflowed the encoder");
                assertTrue(value(recording, "baas_capture_frames_total{kind=\"video\"}").orElseThrow() >= 60);
                assertTrue(value(recording, "baas_recording_encode_lag_seconds").orElseThrow() >= 0);

                assertEquals(200, api.delete("/bots/" + id).status());
                assertTrue(stt.halfway.await(30, TimeUnit.SECONDS), "the recording is transcribed");
                JsonNode progress = api.get("/bots/" + id).json().path("progress");
                assertEquals("transcribing", progress.path("stage").asText(), progress.toString());
                assertEquals(50, progress.path("percent").asInt(), progress.toString());
                assertTrue(progress.path("eta_s").isIntegralNumber(), progress.toString());
                Matcher example = Pattern.compile("`(\\{\"stage\"[^`]*)`").matcher(java.nio.file.Files.readString(Path.of("..", "README.md")));
                assertTrue(example.find(), "README shows a progress example");
                JsonNode documented = ApiClient.MAPPER.readTree(example.group(1));
                assertEquals(names(progress), names(documented), "README's progress example has the fields of the real one");
                String transcribing = anonymous.get("/metrics").body();
                assertEquals(1.0, value(transcribing, "baas_stt_queue").orElseThrow(), "one transcription under way");
                assertEquals(1.0, value(transcribing, "baas_bots{phase=\"ending\"}").orElseThrow());
                stt.release.countDown();
                events.await(id, BotEvent.Completed.class);
                receiver.next("complete", Duration.ofSeconds(20));
            } finally {
                engineLogs.removeHandler(capture);
            }

            String after = anonymous.get("/metrics").body();
            assertEquals(0.0, value(after, "baas_stt_queue").orElseThrow());
            assertEquals(1.0, value(after, "baas_stt_rtf_count{provider=\"Paced\"}").orElseThrow(), after);
            assertEquals(1.0, value(after, "baas_bots{phase=\"completed\"}").orElseThrow() - value(before, "baas_bots{phase=\"completed\"}").orElseThrow());
            // a bot's deliveries go out in order: when its last arrived, the ones before were delivered and measured
            assertTrue(value(after, "baas_webhook_delivery_latency_seconds_count").orElseThrow()
                    > value(before, "baas_webhook_delivery_latency_seconds_count").orElseThrow(), after);
            assertEquals(0, server.baas().progress(id).map(p -> 1).orElse(0), "no progress once done");
            String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
            Matcher listed = Pattern.compile("`(baas_[a-z_]+)[{`]").matcher(
                    readme.substring(readme.indexOf("<!-- metrics:start -->"), readme.indexOf("<!-- metrics:end -->")));
            int names = 0;
            while (listed.find()) {
                names++;
                assertTrue(Pattern.compile("(?m)^" + listed.group(1) + "(_count|_sum|_max|_bucket)?[{ ]").matcher(after).find(),
                        "the README's " + listed.group(1) + " is published");
            }
            assertTrue(names >= 13, "the README lists the series: " + names);

            assertTrue(lines.stream().anyMatch(l -> l.contains("encoding recording of bot " + id + ": 100%")), String.join("", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("transcribing bot " + id + ": 100%")), String.join("", lines));
            for (String line : lines) {
                assertEquals(id.toString(), ApiClient.MAPPER.readTree(line).path("bot_id").asText(), "every line of the bot's life names it: " + line);
            }
        }
    }

    static java.util.Set<String> names(JsonNode n) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The value of one series in a Prometheus text scrape ({@code name{labels}} exactly as written there). */
    static Optional<Double> value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }
}
