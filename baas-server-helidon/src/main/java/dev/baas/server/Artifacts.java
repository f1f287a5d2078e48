package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.Screenshot;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A bot's stored files (put into {@link ArtifactStorage} by the engine: recordings before the bot completes,
 * screenshots as they are taken), offered as expiring links. Files in {@link LocalArtifactStorage} are served here to
 * whoever holds a valid signed link; other stores (S3) hand out presigned links of their own.
 */
final class Artifacts {
    static final Duration LINK_TTL = Duration.ofHours(24);
    private static final String SCREENSHOT = "screenshot-";

    private final ArtifactStorage storage;

    Artifacts(ArtifactStorage storage) { this.storage = storage; }

    ArtifactStorage storage() { return storage; }

    /** The bot's stored files, listed once: a request asking for several links reads the store once. */
    final class Listing {
        private final UUID botId;
        private final List<String> names;

        private Listing(UUID botId, List<String> names) {
            this.botId = botId;
            this.names = names;
        }

        /** The key of the stored file whose name starts with {@code stem} ("video", "audio"), if any. */
        Optional<String> key(String stem) {
            return names.stream().filter(n -> n.startsWith(stem + ".")).findFirst().map(n -> ArtifactStorage.key(botId, n));
        }

        /** A download link of the file named {@code stem}, or "" as v1 answers for a missing file. */
        String link(String stem) { return key(stem).map(k -> storage.url(k, LINK_TTL)).orElse(""); }

        /** A download link of each recorded participant's audio that is still stored, by participant. */
        Map<String, String> participantAudio(MeetingArtifacts recorded) {
            Set<String> stored = Set.copyOf(names);
            Map<String, String> links = new TreeMap<>();
            recorded.participantAudio().forEach((who, file) -> {
                String name = file.getFileName().toString();
                if (stored.contains(name)) links.put(who, storage.url(ArtifactStorage.key(botId, name), LINK_TTL));
            });
            return links;
        }
    }

    /** The bot's stored files as they are now. */
    Listing listing(UUID botId) { return new Listing(botId, names(botId)); }

    /** The names of the bot's stored files. */
    private List<String> names(UUID botId) {
        try {
            return storage.list(botId).stream().map(Artifacts::name).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("artifacts of bot " + botId + " could not be listed", e);
        }
    }

    private static String name(String key) { return key.substring(key.indexOf('/') + 1); }

    /** v1 {@code ScreenshotWrapper}s of the bot's stored screenshots, oldest first. */
    ArrayNode screenshots(UUID botId) {
        ArrayNode out = Json.array();
        names(botId).stream().filter(n -> n.startsWith(SCREENSHOT))
                .flatMap(n -> Screenshot.takenAt(n).map(at -> Map.entry(at, n)).stream())
                .sorted(Map.Entry.<Instant, String>comparingByKey().thenComparing(Map.Entry::getValue))
                .forEach(e -> out.add(screenshot(botId, e.getKey(), e.getValue())));
        return out;
    }

    /** One v1 {@code ScreenshotWrapper}: when it was taken, and its download link. */
    ObjectNode screenshot(UUID botId, Instant at, String name) {
        return Json.object().put("date", Baas.iso(at)).put("url", storage.url(ArtifactStorage.key(botId, name), LINK_TTL));
    }

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
        if (!(storage instanceof LocalArtifactStorage local)) throw forbidden();
        Path file = local.resolve(key, expires, req.query().first("signature").orElse(null)).orElseThrow(Artifacts::forbidden);
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
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "image/jpeg";
        return "application/octet-stream";
    }
}
