package dev.baas.stt.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baas.tck.stt.SttTckFixture.Fault;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Runpod serverless endpoint with the faster-whisper worker on loopback, after the documented contract: Bearer key,
 * /run → IN_QUEUE, /status moving IN_QUEUE → IN_PROGRESS → COMPLETED, /cancel, the worker's output shape. It "hears"
 * {@link #SCRIPT} spread over the audio (read from the base64 WAV header, or registered for a URL).
 */
final class FakeRunpod implements AutoCloseable {
    static final String KEY = "runpod-test-key";
    static final String ENDPOINT = "whisper-endpoint";
    static final List<String> SCRIPT = List.of("thank", "you", "very", "much", "please", "send", "the", "report");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final Map<String, Double> urlSeconds = new ConcurrentHashMap<>();
    final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    final CountDownLatch jobQueued = new CountDownLatch(1);
    final CountDownLatch jobCancelled = new CountDownLatch(1);
    final CountDownLatch jobPolled = new CountDownLatch(1);
    volatile Optional<Fault> fault = Optional.empty();
    volatile boolean neverFinish;
    volatile JsonNode lastInput;

    private record Job(double seconds, Optional<String> language, AtomicInteger polls) {}

    FakeRunpod() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v2/" + ENDPOINT + "/", this::handle);
        server.start();
    }

    URI baseUrl() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(("/v2/" + ENDPOINT).length());
            if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization")) || fault.equals(Optional.of(Fault.BAD_KEY))) {
                text(ex, 401, "Unauthorized");
            } else if (fault.equals(Optional.of(Fault.QUOTA))) {
                text(ex, 429, "Too Many Requests");
            } else if (ex.getRequestMethod().equals("POST") && path.equals("/run")) {
                run(ex);
            } else if (ex.getRequestMethod().equals("GET") && path.startsWith("/status/")) {
                status(ex, path.substring("/status/".length()));
            } else if (ex.getRequestMethod().equals("POST") && path.startsWith("/cancel/")) {
                String id = path.substring("/cancel/".length());
                cancelled.add(id);
                jobCancelled.countDown();
                json(ex, JSON.createObjectNode().put("id", id).put("status", "CANCELLED"));
            } else {
                text(ex, 404, "Not Found");
            }
        }
    }

    private void run(HttpExchange ex) throws IOException {
        JsonNode input = JSON.readTree(ex.getRequestBody()).path("input");
        lastInput = input;
        double seconds;
        if (input.hasNonNull("audio") == input.hasNonNull("audio_base64")) {
            json(ex, JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("status", "IN_QUEUE"));
            return; // the worker itself rejects this; the job then FAILS, see status()
        }
        if (input.hasNonNull("audio")) {
            seconds = urlSeconds.getOrDefault(input.get("audio").asText(), 0.0);
        } else {
            byte[] head = Base64.getDecoder().decode(input.get("audio_base64").asText().substring(0, 60));
            ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            seconds = h.getInt(40) / (double) (h.getInt(24) * h.getShort(22) * h.getShort(34) / 8);
        }
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(seconds, Optional.ofNullable(input.get("language")).map(JsonNode::asText), new AtomicInteger()));
        jobQueued.countDown();
        json(ex, JSON.createObjectNode().put("id", id).put("status", "IN_QUEUE"));
    }

    private void status(HttpExchange ex, String id) throws IOException {
        Job job = jobs.get(id);
        ObjectNode body = JSON.createObjectNode().put("id", id).put("delayTime", 120).put("executionTime", 900);
        if (job == null) {
            body.put("status", "FAILED").put("error", "Must provide either audio or audio_base64, not both or neither");
        } else if (cancelled.contains(id)) {
            body.put("status", "CANCELLED");
        } else {
            int polls = job.polls().incrementAndGet();
            jobPolled.countDown();
            if (neverFinish || fault.equals(Optional.of(Fault.TIMEOUT)) || polls < 3) {
                body.put("status", polls == 1 ? "IN_QUEUE" : "IN_PROGRESS");
            } else {
                body.put("status", "COMPLETED").set("output", output(job));
            }
        }
        json(ex, body);
    }

    private static ObjectNode output(Job job) {
        ObjectNode out = JSON.createObjectNode();
        int count = Math.max(SCRIPT.size(), (int) (job.seconds() / 2));
        double slot = job.seconds() / count;
        ArrayNode segments = out.putArray("segments");
        ArrayNode words = out.putArray("word_timestamps");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String w = SCRIPT.get(i % SCRIPT.size());
            words.addObject().put("word", " " + w).put("start", i * slot).put("end", i * slot + slot * 0.8);
            text.append(' ').append(w);
        }
        segments.addObject().put("id", 0).put("seek", 0).put("start", 0).put("end", job.seconds()).put("text", text.toString())
                .put("avg_logprob", -0.2).put("no_speech_prob", 0.01);
        out.put("detected_language", job.language().orElse("en")).put("transcription", text.toString().strip())
                .putNull("translation").put("device", "cuda").put("model", "turbo");
        return out;
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void json(HttpExchange ex, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
