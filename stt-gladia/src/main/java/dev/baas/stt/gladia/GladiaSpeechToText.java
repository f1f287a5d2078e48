package dev.baas.stt.gladia;

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

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The "Gladia" provider: Gladia v2 pre-recorded transcription. Local audio is uploaded ({@code POST /v2/upload},
 * streamed from disk), a job is created ({@code POST /v2/pre-recorded}) and polled ({@code GET /v2/pre-recorded/{id}})
 * until done; utterance words become {@link Word}s with their speaker. Request parameters are merged into the job
 * body, so v1 callers can pass any Gladia option.
 */
public final class GladiaSpeechToText implements SpeechToTextProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final GladiaConfig config;
    private final HttpClient http;

    public GladiaSpeechToText() {
        this(GladiaConfig.fromEnvironment(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build());
    }

    GladiaSpeechToText(GladiaConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override public String name() { return "Gladia"; }

    @Override public boolean requiresApiKey() { return true; }

    @Override
    public Transcript transcribe(TranscriptionRequest request) throws InterruptedException {
        String key = request.apiKey().filter(k -> !k.isBlank()).orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Gladia needs an API key (speech_to_text.api_key)"));
        String audioUrl = switch (request.audio()) {
            case AudioInput.Url url -> url.url();
            case AudioInput.File file -> upload(key, fileBody(file.path()), file.path().getFileName().toString());
            case AudioInput.Pcm pcm -> upload(key, HttpRequest.BodyPublishers.ofByteArray(wav(pcm)), "audio.wav");
        };
        ObjectNode job = JSON.createObjectNode();
        job.put("audio_url", audioUrl);
        job.put("diarization", true);
        ObjectNode languageConfig = job.putObject("language_config");
        var languages = languageConfig.putArray("languages");
        request.language().ifPresent(languages::add);
        languageConfig.put("code_switching", false);
        job.setAll((ObjectNode) JSON.valueToTree(request.parameters()));
        JsonNode created = send(key, HttpRequest.newBuilder(uri("/v2/pre-recorded"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(job.toString())), "create the transcription job");
        String id = created.path("id").asText();
        if (id.isEmpty()) throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia created a job without an id: " + created);
        return words(poll(key, id));
    }

    private JsonNode poll(String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            JsonNode job = send(key, HttpRequest.newBuilder(uri("/v2/pre-recorded/" + id)).GET(), "read job " + id);
            switch (job.path("status").asText()) {
                case "done" -> { return job; }
                case "error" -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia job " + id + " failed"
                        + (job.hasNonNull("error_code") ? " with code " + job.get("error_code").asInt() : ""));
                default -> { }
            }
            if (System.nanoTime() > deadline) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia job " + id + " timed out: not done after "
                        + config.timeout().toSeconds() + " s (status " + job.path("status").asText() + ")");
            }
            TimeUnit.NANOSECONDS.sleep(config.pollInterval().toNanos());
        }
    }

    private static Transcript words(JsonNode job) {
        JsonNode transcription = job.path("result").path("transcription");
        List<Word> words = new ArrayList<>();
        for (JsonNode utterance : transcription.path("utterances")) {
            Optional<String> speaker = utterance.hasNonNull("speaker")
                    ? Optional.of("Speaker " + (utterance.get("speaker").asInt() + 1)) : Optional.empty();
            for (JsonNode w : utterance.path("words")) {
                String text = w.path("word").asText().strip();
                if (text.isEmpty()) continue;
                words.add(new Word(text, w.path("start").asDouble(), w.path("end").asDouble(), speaker,
                        w.hasNonNull("confidence") ? OptionalDouble.of(w.get("confidence").asDouble()) : OptionalDouble.empty()));
            }
        }
        words.sort(Comparator.comparingDouble(Word::start));
        JsonNode languages = transcription.path("languages");
        Optional<String> language = languages.isArray() && !languages.isEmpty() ? Optional.of(languages.get(0).asText()) : Optional.empty();
        return new Transcript(words, language, "gladia");
    }

    private String upload(String key, HttpRequest.BodyPublisher audio, String fileName) throws InterruptedException {
        String boundary = "baas-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\""
                + fileName.replace("\"", "") + "\"\r\nContent-Type: " + contentType(fileName) + "\r\n\r\n";
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head), audio,
                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        JsonNode uploaded = send(key, HttpRequest.newBuilder(uri("/v2/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body), "upload the audio");
        String url = uploaded.path("audio_url").asText();
        if (url.isEmpty()) throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia's upload answer has no audio_url: " + uploaded);
        return url;
    }

    private JsonNode send(String key, HttpRequest.Builder request, String what) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("x-gladia-key", key).header("Accept", "application/json")
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia timed out while trying to " + what, e);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia could not be reached to " + what + ": " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status >= 400) throw error(status, response.body(), what);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Gladia answered with unreadable JSON to " + what, e);
        }
    }

    /** Turns Gladia's error envelope {@code {statusCode, message, request_id}} into a message an operator can act on. */
    static BaasException error(int status, String body, String what) {
        String message = body;
        String requestId = "";
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope.hasNonNull("message")) message = envelope.get("message").asText();
            if (envelope.hasNonNull("request_id")) requestId = " (request " + envelope.get("request_id").asText() + ")";
        } catch (IOException notJson) {
            // A proxy's HTML or plain-text page: the raw body is the best message there is.
        }
        String why = switch (status) {
            case 401 -> "Gladia rejected the API key";
            case 402, 429 -> "Gladia quota or rate limit exceeded";
            case 403 -> "Gladia refused access (check the plan or the API key)";
            case 408, 504 -> "Gladia timed out";
            case 400, 422 -> "Gladia refused the request";
            default -> "Gladia failed";
        };
        return new BaasException(ErrorCode.PROVIDER_ERROR, why + " while trying to " + what + ": HTTP " + status + " "
                + message.strip() + requestId);
    }

    private URI uri(String path) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** Streams the file from disk as the upload goes out. */
    private static HttpRequest.BodyPublisher fileBody(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio file " + file + " does not exist", e);
        }
    }

    private static String contentType(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".wav")) return "audio/wav";
        if (lower.endsWith(".mp3")) return "audio/mpeg";
        if (lower.endsWith(".m4a") || lower.endsWith(".mp4")) return "audio/mp4";
        if (lower.endsWith(".ogg") || lower.endsWith(".opus")) return "audio/ogg";
        return "application/octet-stream";
    }

    /** Mono 16-bit PCM wrapped in a WAV header. */
    static byte[] wav(AudioInput.Pcm pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.samples().length * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.samples().length * 2);
        for (short s : pcm.samples()) b.putShort(s);
        return b.array();
    }
}
