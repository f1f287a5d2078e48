package dev.baas.stt.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The "Runpod" provider: a Runpod serverless endpoint running the faster-whisper worker. A job is queued with
 * {@code POST /v2/{endpoint}/run} (the audio by URL, or inline base64 for clips that fit the 10 MB body cap) and polled
 * at {@code /status/{id}}; a job still running at the timeout, or whose caller is interrupted, is cancelled.
 */
public final class RunpodSpeechToText implements SpeechToTextProvider {
    /** Base64 grows bytes by 4/3; this keeps the JSON body under Runpod's 10 MB cap for /run. */
    static final long MAX_INLINE_AUDIO_BYTES = 7_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final RunpodConfig config;
    private final HttpClient http;

    /** Runpod job states; the last four are terminal. */
    enum JobState { IN_QUEUE, IN_PROGRESS, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT }

    public RunpodSpeechToText() {
        this(RunpodConfig.fromEnvironment(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build());
    }

    RunpodSpeechToText(RunpodConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override public String name() { return "Runpod"; }

    @Override public boolean requiresApiKey() { return true; }

    @Override
    public Transcript transcribe(TranscriptionRequest request) throws InterruptedException {
        String key = request.apiKey().filter(k -> !k.isBlank()).orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Runpod needs an API key (speech_to_text.api_key)"));
        String endpoint = config.endpointId().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Runpod needs the endpoint id of a faster-whisper worker (set BAAS_RUNPOD_ENDPOINT)"));
        ObjectNode input = JSON.createObjectNode();
        switch (request.audio()) {
            case AudioInput.Url url -> input.put("audio", url.url());
            case AudioInput.File file -> input.put("audio_base64", Base64.getEncoder().encodeToString(inline(file.path())));
            case AudioInput.Pcm pcm -> input.put("audio_base64", Base64.getEncoder().encodeToString(inline(pcm)));
        }
        input.put("model", config.model());
        input.put("word_timestamps", true);
        request.language().ifPresent(l -> input.put("language", l));
        input.setAll((ObjectNode) JSON.valueToTree(request.parameters()));
        ObjectNode body = JSON.createObjectNode();
        body.set("input", input);
        JsonNode queued = send(key, HttpRequest.newBuilder(uri(endpoint, "/run")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "queue the job");
        String id = queued.path("id").asText();
        if (id.isEmpty()) throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod queued a job without an id: " + queued);
        boolean finished = false;
        try {
            JsonNode done = poll(key, endpoint, id);
            finished = true;
            return transcript(done.path("output"));
        } finally {
            if (!finished) cancel(key, endpoint, id);
        }
    }

    private JsonNode poll(String key, String endpoint, String id) throws InterruptedException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            JsonNode status = send(key, HttpRequest.newBuilder(uri(endpoint, "/status/" + id)).GET(), "read job " + id);
            JobState state = state(status.path("status").asText());
            switch (state) {
                case COMPLETED -> { return status; }
                case FAILED -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod job " + id + " failed: "
                        + status.path("error").toString());
                case CANCELLED -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod job " + id + " was cancelled");
                case TIMED_OUT -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod job " + id
                        + " timed out on Runpod (no worker took it, or the worker did not report back)");
                default -> { }
            }
            if (System.nanoTime() > deadline) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod job " + id + " timed out: still " + state
                        + " after " + config.timeout().toSeconds() + " s, so it was cancelled");
            }
            TimeUnit.NANOSECONDS.sleep(config.pollInterval().toNanos());
        }
    }

    /** Best effort: the job is abandoned either way, and the caller's own error is the one that matters. */
    private void cancel(String key, String endpoint, String id) {
        // An interrupted caller still owes Runpod the cancel: clear the flag for this one request, then restore it.
        boolean interrupted = Thread.interrupted();
        try {
            http.send(HttpRequest.newBuilder(uri(endpoint, "/cancel/" + id)).header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.getLogger(RunpodSpeechToText.class.getName()).log(System.Logger.Level.WARNING,
                    "Runpod job " + id + " could not be cancelled: " + e.getMessage());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static JobState state(String wire) {
        try {
            return JobState.valueOf(wire);
        } catch (IllegalArgumentException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod reported an unknown job status '" + wire + "'", e);
        }
    }

    /** The faster-whisper worker's output: a flat {@code word_timestamps} list when asked for, else segments. */
    static Transcript transcript(JsonNode output) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : output.path("word_timestamps")) {
            String text = w.path("word").asText().strip();
            if (!text.isEmpty()) words.add(Word.of(text, w.path("start").asDouble(), w.path("end").asDouble()));
        }
        words.sort(Comparator.comparingDouble(Word::start));
        Optional<String> language = Optional.of(output.path("detected_language").asText()).filter(l -> !l.isEmpty());
        return new Transcript(words, language, "runpod:faster-whisper" + (output.hasNonNull("model") ? ":" + output.get("model").asText() : ""));
    }

    private JsonNode send(String key, HttpRequest.Builder request, String what) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + key).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod timed out while trying to " + what, e);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod could not be reached to " + what + ": " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            String why = switch (status) {
                case 401, 403 -> "Runpod rejected the API key";
                case 429 -> "Runpod rate limit or quota exceeded";
                case 404 -> "Runpod does not know endpoint " + config.endpointId().orElse("") + " or the job";
                case 400 -> "Runpod refused the request";
                default -> "Runpod failed";
            };
            throw new BaasException(ErrorCode.PROVIDER_ERROR, why + " while trying to " + what + ": HTTP " + status
                    + (response.body().isBlank() ? "" : " " + response.body().strip()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Runpod answered with unreadable JSON to " + what, e);
        }
    }

    private URI uri(String endpoint, String path) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/" + endpoint + path);
    }

    private static byte[] inline(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_INLINE_AUDIO_BYTES) throw tooLarge(size);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio file " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static byte[] inline(AudioInput.Pcm pcm) {
        long size = 44L + pcm.samples().length * 2L;
        if (size > MAX_INLINE_AUDIO_BYTES) throw tooLarge(size);
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt((int) size - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(pcm.samples().length * 2);
        for (short s : pcm.samples()) b.putShort(s);
        return b.array();
    }

    private static BaasException tooLarge(long size) {
        return new BaasException(ErrorCode.PROVIDER_ERROR, "audio of " + size / 1_000_000 + " MB is too large to send inline"
                + " within Runpod's 10 MB request cap; give it by URL (a presigned link the worker can download)");
    }
}
