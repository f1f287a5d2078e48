package dev.baas.core.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where finished recordings live and how users download them: by links that expire.
 * Keys are {@code <botId>/<name>}.
 */
public interface ArtifactStorage {
    /** Copies (or moves) a finished file of a bot into storage under {@code name}; returns its key. */
    String put(UUID botId, String name, Path file) throws IOException;

    /** A URL the artifact can be downloaded from for {@code ttl}. */
    String url(String key, Duration ttl);

    /** The keys stored for a bot. */
    List<String> list(UUID botId) throws IOException;

    /** Deletes every artifact of a bot; returns the keys deleted. */
    List<String> deleteAll(UUID botId) throws IOException;

    static String key(UUID botId, String name) { return botId + "/" + name; }
}
