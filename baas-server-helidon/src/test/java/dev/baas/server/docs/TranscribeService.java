package dev.baas.server.docs;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// docs:begin provider
/** "Transcribe": a hosted service that takes a WAV upload and answers lines of "start end word". */
public final class TranscribeService implements SpeechToTextProvider {
    private final HttpClient http;
    private final URI endpoint;

    /** ServiceLoader needs a public no-argument constructor. */
    public TranscribeService() {
        this(HttpClient.newHttpClient(), URI.create(System.getenv().getOrDefault("TRANSCRIBE_URL", "http://127.0.0.1:9000/v1/transcribe")));
    }

    TranscribeService(HttpClient http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    @Override public String name() { return "Transcribe"; } // the v1 speech_to_text.provider value

    @Override public boolean requiresApiKey() { return true; }

    @Override public Transcript transcribe(TranscriptionRequest request) throws InterruptedException {
        String key = request.apiKey().orElseThrow(() ->
                new BaasException(ErrorCode.PROVIDER_ERROR, "speech_to_text.api_key: Transcribe needs an API key"));
        HttpRequest.BodyPublisher audio = switch (request.audio()) {
            case AudioInput.File f -> publisher(f.path());
            case AudioInput.Url u -> publisher(u.localCopy());
            case AudioInput.Pcm p -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio: Transcribe takes files, not raw PCM");
        };
        HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(10))
                .header("authorization", "Bearer " + key).header("content-type", "audio/wav").POST(audio).build();
        HttpResponse<String> res;
        try {
            // send() is interruptible: the engine cancels a job by interrupting this thread
            res = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Transcribe timed out after 10 minutes", e);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Transcribe could not be reached: " + e.getMessage(), e);
        }
        switch (res.statusCode()) {
            case 200 -> { }
            case 401, 403 -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Transcribe rejected the API key");
            case 429 -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Transcribe quota exhausted or rate-limited");
            default -> throw new BaasException(ErrorCode.PROVIDER_ERROR, "Transcribe answered HTTP " + res.statusCode());
        }
        List<Word> words = new ArrayList<>();
        for (String line : res.body().split("\n")) {
            String[] f = line.strip().split(" ", 3);
            if (f.length == 3 && !f[2].isBlank()) words.add(Word.of(f[2], Double.parseDouble(f[0]), Double.parseDouble(f[1])));
        }
        return new Transcript(words, request.language(), "transcribe-v1");
    }

    private static HttpRequest.BodyPublisher publisher(java.nio.file.Path path) {
        try {
            return HttpRequest.BodyPublishers.ofFile(path);
        } catch (java.io.FileNotFoundException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio: no file at " + path, e);
        }
    }
}
// docs:end
