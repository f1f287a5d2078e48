package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Makes the configured whisper.cpp model file present and trustworthy: downloaded once when missing and a URL is set,
 * verified against its SHA-256 when one is set, never left half-written.
 */
final class WhisperModelFiles {
    private final HttpClient http;

    WhisperModelFiles(HttpClient http) { this.http = http; }

    Path ensure(DefaultSttConfig.WhisperModelSource source) throws InterruptedException {
        Path file = source.file();
        if (Files.isRegularFile(file)) {
            source.sha256().ifPresent(expected -> verify(file, expected, sha256(file)));
            return file;
        }
        if (source.url().isEmpty()) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper model " + file
                    + " not found (set BAAS_WHISPER_MODEL to an existing ggml file, or BAAS_WHISPER_MODEL_URL and"
                    + " BAAS_WHISPER_MODEL_SHA256 to download it once)");
        }
        String expected = source.sha256().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "whisper model download from " + source.url().get() + " needs BAAS_WHISPER_MODEL_SHA256 to verify it"));
        return download(source, expected);
    }

    private Path download(DefaultSttConfig.WhisperModelSource source, String expected) throws InterruptedException {
        Path file = source.file();
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(source.url().get())
                    .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper model download from " + source.url().get()
                        + " failed with HTTP " + response.statusCode());
            }
            MessageDigest digest = sha256Digest();
            try (InputStream in = new DigestInputStream(response.body(), digest)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            verify(file, expected, HexFormat.of().formatHex(digest.digest()));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper model download from " + source.url().get()
                    + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                System.getLogger(WhisperModelFiles.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete partial download " + partial + ": " + e.getMessage());
            }
        }
    }

    private static void verify(Path file, String expected, String actual) {
        if (!expected.trim().toLowerCase(Locale.ROOT).equals(actual)) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper model " + file + " failed its checksum: expected sha256 "
                    + expected.trim().toLowerCase(Locale.ROOT) + ", got " + actual);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper model " + file + " is unreadable: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
