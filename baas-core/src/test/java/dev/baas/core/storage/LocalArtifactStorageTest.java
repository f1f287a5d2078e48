package dev.baas.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalArtifactStorageTest {
    private static final byte[] SIGNING_KEY = "test-signing-key-of-some-length".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir Path root;
    @TempDir Path work;

    private LocalArtifactStorage storage(Instant now) {
        return new LocalArtifactStorage(root, "http://127.0.0.1:8080/", SIGNING_KEY, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The parts of a link the server hands to {@link LocalArtifactStorage#resolve}. */
    private record Link(String key, long expires, String signature) {
        static Link parse(String url) {
            URI u = URI.create(url);
            String key = u.getPath().substring("/artifacts/".length());
            Map<String, String> q = Stream.of(u.getRawQuery().split("&")).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
            return new Link(key, Long.parseLong(q.get("expires")), q.get("signature"));
        }
    }

    private String stored(UUID bot, String name, String content) throws Exception {
        Path f = Files.writeString(work.resolve(name), content);
        return storage(NOW).put(bot, name, f);
    }

    @Test
    void aValidLinkLeadsToTheFile() throws Exception {
        UUID bot = UUID.randomUUID();
        String key = stored(bot, "video.mp4", "the video");
        String url = storage(NOW).url(key, Duration.ofHours(2));
        assertTrue(url.startsWith("http://127.0.0.1:8080/artifacts/" + bot + "/video.mp4?expires="), url);
        Link link = Link.parse(url);
        assertEquals(NOW.plus(Duration.ofHours(2)).getEpochSecond(), link.expires());
        Path file = storage(NOW.plus(Duration.ofHours(1))).resolve(link.key(), link.expires(), link.signature()).orElseThrow();
        assertEquals("the video", Files.readString(file));
    }

    @Test
    void anExpiredLinkLeadsNowhere() throws Exception {
        String key = stored(UUID.randomUUID(), "video.mp4", "x");
        Link link = Link.parse(storage(NOW).url(key, Duration.ofMinutes(10)));
        assertTrue(storage(NOW.plus(Duration.ofMinutes(10))).resolve(link.key(), link.expires(), link.signature()).isPresent());
        assertTrue(storage(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1))
                .resolve(link.key(), link.expires(), link.signature()).isEmpty());
    }

    @Test
    void aTamperedLinkLeadsNowhere() throws Exception {
        UUID bot = UUID.randomUUID();
        String key = stored(bot, "video.mp4", "x");
        stored(bot, "audio.wav", "y");
        Link link = Link.parse(storage(NOW).url(key, Duration.ofMinutes(10)));
        LocalArtifactStorage s = storage(NOW);
        assertTrue(s.resolve(bot + "/audio.wav", link.expires(), link.signature()).isEmpty(), "another file");
        assertTrue(s.resolve(link.key(), link.expires() + 3600, link.signature()).isEmpty(), "a later expiry");
        String flipped = (link.signature().charAt(0) == 'A' ? "B" : "A") + link.signature().substring(1);
        assertTrue(s.resolve(link.key(), link.expires(), flipped).isEmpty(), "another signature");
        assertTrue(s.resolve(link.key(), link.expires(), null).isEmpty(), "no signature");
        LocalArtifactStorage otherKey = new LocalArtifactStorage(root, "http://127.0.0.1:8080", "another".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(otherKey.resolve(link.key(), link.expires(), link.signature()).isEmpty(), "another server's key");
    }

    @Test
    void pathsOutsideTheRootAreRefused() throws Exception {
        Files.writeString(root.getParent().resolve("secret.txt"), "secret");
        LocalArtifactStorage s = storage(NOW);
        UUID bot = UUID.randomUUID();
        for (String key : List.of("../secret.txt", bot + "/../../secret.txt", "/etc/passwd", bot + "/..", bot + "/.hidden")) {
            // even a correctly signed link may not leave the root
            Link link = Link.parse(s.url(key, Duration.ofMinutes(1)));
            assertTrue(s.resolve(key, link.expires(), link.signature()).isEmpty(), key);
        }
        Path f = Files.writeString(work.resolve("a"), "a");
        assertThrows(RuntimeException.class, () -> s.put(bot, "../escape", f));
        assertThrows(RuntimeException.class, () -> s.put(bot, "..", f));
        assertThrows(RuntimeException.class, () -> s.put(bot, "a/b", f));
    }

    @Test
    void listAndDeleteAllKeepToOneBot() throws Exception {
        UUID bot = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        stored(bot, "video.mp4", "v");
        stored(bot, "audio.wav", "a");
        stored(other, "video.mp4", "o");
        LocalArtifactStorage s = storage(NOW);
        assertEquals(List.of(bot + "/audio.wav", bot + "/video.mp4"), s.list(bot));
        assertEquals(List.of(bot + "/audio.wav", bot + "/video.mp4"), s.deleteAll(bot));
        assertEquals(List.of(), s.list(bot));
        assertEquals(List.of(other + "/video.mp4"), s.list(other));
        assertTrue(Files.notExists(root.resolve(bot.toString())));
    }
}
