package dev.baas.server;

import dev.baas.core.BotEvent;
import dev.baas.core.storage.ArtifactStorage;
import dev.baas.core.storage.LocalArtifactStorage;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingArtifacts;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A bot's finished files (put into {@link LocalArtifactStorage} by the engine before the bot completes): offered
 * as expiring signed links, and served to whoever holds a valid link.
 */
final class Artifacts {
    static final Duration LINK_TTL = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(Artifacts.class.getName());

    private final LocalArtifactStorage storage;

    Artifacts(LocalArtifactStorage storage) { this.storage = storage; }

    ArtifactStorage storage() { return storage; }

    /** The key of the stored file whose name starts with {@code stem} ("video", "audio"), if any. */
    Optional<String> key(UUID botId, String stem) {
        try {
            return storage.list(botId).stream().filter(k -> k.substring(k.indexOf('/') + 1).startsWith(stem + ".")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("artifacts of bot " + botId + " could not be listed", e);
        }
    }

    /** A signed download link of the file named {@code stem}, or "" as v1 answers for a missing file. */
    String link(UUID botId, String stem) { return key(botId, stem).map(k -> storage.url(k, LINK_TTL)).orElse(""); }

    List<String> deleteAll(UUID botId) throws IOException { return storage.deleteAll(botId); }

    /** {@code GET /artifacts/{botId}/{name}?expires=&signature=}: the file, or 403 for a bad or expired link. */
    void download(ServerRequest req, ServerResponse res) {
        String key = req.path().pathParameters().get("botId") + "/" + req.path().pathParameters().get("name");
        long expires;
        try {
            expires = Long.parseLong(req.query().first("expires").orElse(""));
        } catch (NumberFormatException e) {
            throw forbidden();
        }
        Path file = storage.resolve(key, expires, req.query().first("signature").orElse(null)).orElseThrow(Artifacts::forbidden);
        try {
            res.header(HeaderNames.CONTENT_TYPE, contentType(file));
            res.contentLength(Files.size(file));
            try (OutputStream out = res.outputStream()) {
                Files.copy(file, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("artifact " + key + " could not be sent", e);
        }
    }

    private static BaasException forbidden() {
        return new BaasException(ErrorCode.FORBIDDEN, "the download link is invalid or has expired");
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wav")) return "audio/wav";
        if (name.endsWith(".mp3")) return "audio/mpeg";
        if (name.endsWith(".mp4")) return "video/mp4";
        if (name.endsWith(".webm")) return "video/webm";
        if (name.endsWith(".json")) return "application/json";
        return "application/octet-stream";
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : safeName(n.substring(dot + 1)).isEmpty() ? "" : "." + safeName(n.substring(dot + 1));
    }

    private static String safeName(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }
}
