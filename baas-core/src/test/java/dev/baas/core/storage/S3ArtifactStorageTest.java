package dev.baas.core.storage;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against S3Proxy, a real S3 server (in-memory store) on loopback. */
class S3ArtifactStorageTest {
    private static final String ACCESS = "baas-access";
    private static final String SECRET = "baas-secret-key";
    private static S3Proxy server;
    private static URI endpoint;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getPort());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    private S3ArtifactStorage storage(String prefix) throws IOException {
        S3Settings s = new S3Settings(Optional.of(endpoint), "us-east-1", "recordings", prefix,
                Optional.of(ACCESS), Optional.of(SECRET), true);
        S3ArtifactStorage storage = new S3ArtifactStorage(s);
        storage.createBucketIfMissing();
        return storage;
    }

    private Path file(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(tmp.resolve(name), data);
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUploadedRecordingDownloadsThroughItsPresignedLink() throws Exception {
        try (S3ArtifactStorage storage = storage("")) {
            UUID bot = UUID.randomUUID();
            Path video = file("video.mp4", 300_000);
            String key = storage.put(bot, "video.mp4", video);
            assertEquals(bot + "/video.mp4", key);

            String url = storage.url(key, Duration.ofHours(2));
            assertTrue(url.startsWith(endpoint + "/recordings/" + bot + "/video.mp4?"), url);
            assertTrue(url.contains("X-Amz-Expires=7200"), url);
            HttpResponse<byte[]> r = get(url);
            assertEquals(200, r.statusCode());
            assertArrayEquals(Files.readAllBytes(video), r.body());
            assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        try (S3ArtifactStorage storage = storage("")) {
            UUID bot = UUID.randomUUID();
            String key = storage.put(bot, "audio.mp3", file("audio.mp3", 1000));
            String url = storage.url(key, Duration.ofMinutes(5));
            String otherBot = url.replace(bot.toString(), UUID.randomUUID().toString());
            assertEquals(403, get(otherBot).statusCode());
            String longer = url.replace("X-Amz-Expires=300", "X-Amz-Expires=600");
            assertEquals(403, get(longer).statusCode());
        }
    }

    @Test
    void listAndDeleteAllCoverOneBotOnly() throws Exception {
        try (S3ArtifactStorage storage = storage("baas/")) {
            UUID bot = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            storage.put(bot, "video.mp4", file("v", 10));
            storage.put(bot, "audio.wav", file("a", 10));
            storage.put(other, "video.mp4", file("o", 10));

            List<String> expected = List.of(bot + "/audio.wav", bot + "/video.mp4");
            assertEquals(expected, storage.list(bot));
            String link = storage.url(bot + "/video.mp4", Duration.ofMinutes(1));
            assertTrue(link.contains("/recordings/baas/" + bot + "/video.mp4"), link);

            assertEquals(expected, storage.deleteAll(bot));
            assertEquals(List.of(), storage.list(bot));
            assertEquals(List.of(other + "/video.mp4"), storage.list(other));
            assertEquals(404, get(link).statusCode());
        }
    }

    @Test
    void namesThatCouldEscapeAreRefused() throws Exception {
        try (S3ArtifactStorage storage = storage("")) {
            Path f = file("x", 1);
            assertThrows(RuntimeException.class, () -> storage.put(UUID.randomUUID(), "../x", f));
            assertThrows(RuntimeException.class, () -> storage.url("../../etc/passwd", Duration.ofMinutes(1)));
        }
    }

    @Test
    void aWrongSecretIsReportedAsAFailure() throws Exception {
        S3Settings wrong = S3Settings.compatible(endpoint, "recordings", ACCESS, "not-the-secret");
        try (S3ArtifactStorage storage = new S3ArtifactStorage(wrong)) {
            IOException e = assertThrows(IOException.class, () -> storage.put(UUID.randomUUID(), "a.wav", file("a", 5)));
            assertTrue(e.getMessage().startsWith("S3: cannot upload"), e.getMessage());
        }
    }
}
