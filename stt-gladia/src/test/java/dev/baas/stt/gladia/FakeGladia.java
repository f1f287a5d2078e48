package dev.baas.stt.gladia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baas.tck.stt.SttTckFixture.Fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gladia v2 pre-recorded on loopback, after the documented contract: key header, multipart upload, 201 on job creation,
 * queued → processing → done on successive polls, the error envelope. It "hears" {@link #SCRIPT} spread over the
 * uploaded audio's length, in utterances alternating between two speakers.
 */
final class FakeGladia implements AutoCloseable {
    static final String KEY = "gladia-test-key";
    static final List<String> SCRIPT = List.of("good", "morning", "everyone", "welcome", "to", "the", "planning", "meeting");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Double> uploads = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final CountDownLatch jobCreated = new CountDownLatch(1);
    volatile Optional<Fault> fault = Optional.empty();
    volatile boolean neverFinish;
    volatile JsonNode lastJobRequest;

    private record Job(String audioUrl, double seconds, List<String> languages, AtomicInteger polls) {}

    FakeGladia() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v2/", this::handle);
        server.start();
    }

    URI baseUrl() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!KEY.equals(ex.getRequestHeaders().getFirst("x-gladia-key")) || fault.equals(Optional.of(Fault.BAD_KEY))) {
                envelope(ex, 401, "gladia key not found");
            } else if (fault.equals(Optional.of(Fault.QUOTA))) {
                envelope(ex, 429, "You have reached your monthly quota");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("/v2/upload")) {
                upload(ex);
            } else if (ex.getRequestMethod().equals("POST") && path.equals("/v2/pre-recorded")) {
                create(ex);
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("/v2/pre-recorded/")) {
                poll(ex, path.substring("/v2/pre-recorded/".length()));
            } else {
                envelope(ex, 404, "Cannot " + ex.getRequestMethod() + " " + path);
            }
        }
    }

    /** Reads the WAV header out of the multipart body and discards the rest as it streams by. */
    private void upload(HttpExchange ex) throws IOException {
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        InputStream in = ex.getRequestBody();
        byte[] head = in.readNBytes(4096);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int riff = text.indexOf("RIFF");
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !text.contains("name=\"audio\"") || riff < 0) {
            envelope(ex, 400, "audio file is required");
            return;
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
        ByteBuffer h = ByteBuffer.wrap(head, riff, head.length - riff).slice().order(ByteOrder.LITTLE_ENDIAN);
        int rate = h.getInt(24), channels = h.getShort(22), bits = h.getShort(34), dataBytes = h.getInt(40);
        double seconds = dataBytes / (double) (rate * channels * bits / 8);
        String url = baseUrl() + "/file/" + UUID.randomUUID();
        uploads.put(url, seconds);
        ObjectNode body = JSON.createObjectNode().put("audio_url", url);
        body.putObject("audio_metadata").put("id", UUID.randomUUID().toString()).put("audio_duration", seconds)
                .put("number_of_channels", channels);
        json(ex, 200, body);
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
        lastJobRequest = req;
        for (String retired : List.of("language", "detect_language", "enable_code_switching", "toggle_diarization")) {
            if (req.has(retired)) {
                envelope(ex, 422, "property " + retired + " should not exist");
                return;
            }
        }
        Double seconds = uploads.get(req.path("audio_url").asText());
        if (seconds == null) {
            envelope(ex, 422, "audio_url must be a URL address");
            return;
        }
        List<String> languages = new java.util.ArrayList<>();
        req.path("language_config").path("languages").forEach(l -> languages.add(l.asText()));
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(req.get("audio_url").asText(), seconds, languages, new AtomicInteger()));
        jobCreated.countDown();
        json(ex, 201, JSON.createObjectNode().put("id", id).put("result_url", baseUrl() + "/v2/transcription/" + id));
    }

    private void poll(HttpExchange ex, String id) throws IOException {
        Job job = jobs.get(id);
        if (job == null) {
            envelope(ex, 404, "job " + id + " not found");
            return;
        }
        int polls = job.polls().incrementAndGet();
        ObjectNode body = JSON.createObjectNode().put("id", id).put("request_id", "G-" + id.substring(0, 8))
                .put("version", 2).put("kind", "pre-recorded");
        if (neverFinish || fault.equals(Optional.of(Fault.TIMEOUT)) || polls < 3) {
            body.put("status", polls == 1 ? "queued" : "processing").putNull("result");
        } else {
            body.put("status", "done").set("result", result(job));
        }
        json(ex, 200, body);
    }

    /** Spreads the script over the audio, 4 words per utterance, every utterance a turn of the other speaker. */
    private static ObjectNode result(Job job) {
        ObjectNode result = JSON.createObjectNode();
        result.putObject("metadata").put("audio_duration", job.seconds()).put("number_of_distinct_channels", 1);
        ObjectNode transcription = result.putObject("transcription");
        ArrayNode languages = transcription.putArray("languages");
        languages.add(job.languages().isEmpty() ? "en" : job.languages().getFirst());
        ArrayNode utterances = transcription.putArray("utterances");
        int count = Math.max(SCRIPT.size(), (int) (job.seconds() / 2));
        double slot = job.seconds() / count;
        for (int u = 0; u * 4 < count; u++) {
            ObjectNode utterance = utterances.addObject().put("speaker", u % 2).put("channel", 0)
                    .put("language", languages.get(0).asText()).put("confidence", 0.9);
            ArrayNode words = utterance.putArray("words");
            for (int i = u * 4; i < Math.min(count, u * 4 + 4); i++) {
                words.addObject().put("word", " " + SCRIPT.get(i % SCRIPT.size())).put("start", i * slot)
                        .put("end", i * slot + slot * 0.8).put("confidence", 0.87);
            }
            utterance.put("start", words.get(0).get("start").asDouble()).put("end", words.get(words.size() - 1).get("end").asDouble());
        }
        return result;
    }

    private static void envelope(HttpExchange ex, int status, String message) throws IOException {
        ex.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        json(ex, status, JSON.createObjectNode().put("timestamp", "2026-11-25T10:00:00.000Z")
                .put("path", ex.getRequestURI().getPath()).put("request_id", "G-test").put("statusCode", status).put("message", message));
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
