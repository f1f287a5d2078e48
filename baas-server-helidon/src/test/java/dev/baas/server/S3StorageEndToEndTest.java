package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.core.storage.S3Settings;
import dev.baas.sandbox.Utterance;
import dev.baas.spi.BotStatusCode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code BAAS_STORAGE=s3} against S3Proxy, a real S3 server on loopback: a bot's recording, its tracks and its
 * screenshots are uploaded to the bucket, and the links of {@code meeting_data} and the screenshot list are presigned
 * links of the store that download the files.
 */
class S3StorageEndToEndTest {
    static final String KEY = "s3-key-" + System.nanoTime();
    static final String ACCESS = "baas-access", SECRET = "baas-secret-key", BUCKET = "baas-recordings";
    @TempDir static Path data;
    static S3Proxy s3;
    static URI endpoint;
    static BaasServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        s3.start();
        endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
        // a loaded machine may take its time: readiness here is about what is checked, not how fast
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withSandbox(true)
                .withReadyTimeout(java.time.Duration.ofSeconds(60))
                .withStorage(new StorageConfig.S3(S3Settings.compatible(endpoint, BUCKET, ACCESS, SECRET))));
        api = new ApiClient(server.port(), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (s3 != null) s3.stop();
    }

    /** Readiness writes, lists and deletes a probe object in the bucket, and counts the running browsers. */
    @Test
    void readinessProbesTheBucketAndTheBrowsers() {
        ApiClient.Response r = api.as(null).get("/health/ready");
        assertEquals(200, r.status(), r.toString());
        assertEquals("UP", r.json().at("/checks/artifact_storage/status").asText(), r.toString());
        JsonNode browsers = r.json().at("/checks/browser_pool");
        assertEquals("UP", browsers.path("status").asText(), r.toString());
        assertTrue(browsers.path("browsers_alive").asInt() >= 1, r.toString());
        assertTrue(browsers.path("capacity").asInt() >= browsers.path("browsers_alive").asInt(), r.toString());
        assertTrue(browsers.path("bots_open").isIntegralNumber(), r.toString());
    }

    @Test
    void aBotsRecordingIsUploadedToTheBucketAndItsLinksDownloadFromThere() throws Exception {
        try (BotEvents events = new BotEvents(server.baas())) {
            UUID id = ScreenshotEndToEndTest.joinSandboxMeeting(api, "Alice");
            events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING);
            Utterance alice = server.sandbox().orElseThrow()
                    .say(ScreenshotEndToEndTest.meetingOf(server, id), "Alice", "The files of this meeting go to the bucket.");
            ScreenshotEndToEndTest.waitUntil(alice.end().plusMillis(500));
            assertEquals(200, api.delete("/bots/" + id).status());
            events.await(id, BotEvent.Completed.class, c -> true, ScreenshotEndToEndTest.FINISHING);

            String bucket = endpoint + "/" + BUCKET + "/" + id + "/";
            JsonNode meeting = api.get("/bots/meeting_data?bot_id=" + id).json();
            String mp4 = meeting.path("mp4").asText();
            assertTrue(mp4.startsWith(bucket + "video.mp4?") && mp4.contains("X-Amz-Signature="), mp4);
            Path video = data.resolve("from-bucket.mp4");
            Files.write(video, ApiClient.download(mp4));
            String streams = SandboxEndToEndTest.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", video.toString());
            assertTrue(streams.contains("h264") && streams.contains("aac"), streams);
            String audio = meeting.path("audio").asText();
            assertTrue(audio.startsWith(bucket + "audio."), audio);
            assertTrue(ApiClient.download(audio).length > 1000, "the audio downloads");
            String aliceTrack = meeting.path("participant_audio").path("Alice").asText();
            assertTrue(aliceTrack.startsWith(bucket), meeting.path("participant_audio").toString());
            double rms = Pictures.wavRms(ApiClient.download(aliceTrack));
            assertTrue(rms > 100, "Alice's track holds her speech, rms " + rms);

            JsonNode shots = api.get("/bots/" + id + "/screenshots").json();
            assertTrue(shots.size() >= 1, "the one taken on admission: " + shots);
            String picture = shots.get(0).path("url").asText();
            assertTrue(picture.startsWith(bucket + "screenshot-"), picture);
            Pictures.meetingScreenshot(ApiClient.download(picture));

            assertTrue(server.baas().botDirectory(id).resolve("screenshots").toFile().isDirectory());
            JsonNode deleted = api.post("/bots/" + id + "/delete_data", "").json();
            assertEquals("deleted", deleted.path("status").asText(), deleted.toString());
            assertEquals(0, api.get("/bots/" + id + "/screenshots").json().size(), "nothing is left in the bucket");
            assertTrue(api.get("/bots/meeting_data?bot_id=" + id).json().path("participant_audio").isEmpty());
        }
    }
}
