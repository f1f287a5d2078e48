package dev.baas.stt.builtin;

import com.sun.net.httpserver.HttpServer;
import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional whisper.cpp model: fetched once, verified, and when unusable the provider keeps to PocketSphinx. */
class WhisperModelTest {
    private static final byte[] FAKE_MODEL = "this is not a ggml model".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    @TempDir Path dir;
    private final AtomicInteger downloads = new AtomicInteger();
    private final HttpServer server = serve();

    @AfterEach
    void stop() { server.stop(0); }

    private HttpServer serve() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/models/ggml-base.en.bin", ex -> {
                try (ex) {
                    downloads.incrementAndGet();
                    ex.sendResponseHeaders(200, FAKE_MODEL.length);
                    ex.getResponseBody().write(FAKE_MODEL);
                }
            });
            s.start();
            return s;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private URI url(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private WhisperModelFiles files() { return new WhisperModelFiles(HttpClient.newHttpClient()); }

    @Test
    void aMissingModelWithoutADownloadIsAClearError() {
        var source = new DefaultSttConfig.WhisperModelSource(dir.resolve("ggml.bin"), Optional.empty(), Optional.empty());
        BaasException e = assertThrows(BaasException.class, () -> files().ensure(source));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("BAAS_WHISPER_MODEL"), e.getMessage());
    }

    @Test
    void aDownloadThatFailsItsChecksumIsRefusedAndLeavesNothingBehind() {
        Path model = dir.resolve("models/ggml.bin");
        var source = new DefaultSttConfig.WhisperModelSource(model, Optional.of(url("/models/ggml-base.en.bin")),
                Optional.of("0".repeat(64)));
        BaasException e = assertThrows(BaasException.class, () -> files().ensure(source));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(model));
        assertFalse(Files.exists(model.resolveSibling("ggml.bin.part")));
    }

    @Test
    void aVerifiedDownloadHappensOnceAndIsKept() throws Exception {
        Path model = dir.resolve("ggml.bin");
        var source = new DefaultSttConfig.WhisperModelSource(model, Optional.of(url("/models/ggml-base.en.bin")),
                Optional.of(sha256(FAKE_MODEL).toUpperCase()));
        assertEquals(model, files().ensure(source));
        assertEquals(model, files().ensure(source));
        assertEquals(1, downloads.get(), "the second call finds the verified file");
        assertEquals(sha256(FAKE_MODEL), sha256(Files.readAllBytes(model)));
    }

    @Test
    void aDownloadWithoutAChecksumIsRefused() {
        var source = new DefaultSttConfig.WhisperModelSource(dir.resolve("ggml.bin"), Optional.of(url("/models/ggml-base.en.bin")),
                Optional.empty());
        BaasException e = assertThrows(BaasException.class, () -> files().ensure(source));
        assertTrue(e.getMessage().contains("BAAS_WHISPER_MODEL_SHA256"), e.getMessage());
        assertEquals(0, downloads.get());
    }

    @Test
    void aTamperedLocalModelFailsItsChecksum() throws Exception {
        Path model = dir.resolve("ggml.bin");
        Files.write(model, "tampered".getBytes(StandardCharsets.US_ASCII));
        var source = new DefaultSttConfig.WhisperModelSource(model, Optional.empty(), Optional.of(sha256(FAKE_MODEL)));
        BaasException e = assertThrows(BaasException.class, () -> files().ensure(source));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aModelWhisperCannotLoadLeavesTheProviderOnPocketSphinxAndSaysWhy() throws Exception {
        Map<String, String> settings = Map.of("baas.stt.threads", "1",
                "baas.whisper.model", dir.resolve("ggml.bin").toString(),
                "baas.whisper.model.url", url("/models/ggml-base.en.bin").toString(),
                "baas.whisper.model.sha256", sha256(FAKE_MODEL));
        try (DefaultSpeechToText provider = new DefaultSpeechToText(DefaultSttConfig.from(k -> Optional.ofNullable(settings.get(k))),
                HttpClient.newHttpClient())) {
            Transcript t = provider.transcribe(TranscriptionRequest.of(new AudioInput.File(GeneratedSpeech.script())));
            assertEquals(DefaultSpeechToText.POCKETSPHINX, t.engine());
            assertTrue(t.words().stream().anyMatch(w -> w.text().equals("morning")), t.words().toString());
            assertTrue(provider.whisperProblem().orElseThrow().contains("could not load"), provider.whisperProblem().toString());
            assertEquals(1, downloads.get());
        }
    }

    @Test
    void withoutWhisperPocketSphinxRunsAndOtherLanguagesAreRefusedClearly() throws Exception {
        try (DefaultSpeechToText provider = new DefaultSpeechToText(DefaultSttConfig.from(k -> Optional.empty()), HttpClient.newHttpClient())) {
            BaasException e = assertThrows(BaasException.class, () -> provider.transcribe(new TranscriptionRequest(
                    new AudioInput.Pcm(new short[16_000], 16_000), Optional.empty(), Optional.of("fr"), Map.of())));
            assertTrue(e.getMessage().contains("English only"), e.getMessage());
            assertEquals(Optional.empty(), provider.whisperProblem());
        }
    }
}
