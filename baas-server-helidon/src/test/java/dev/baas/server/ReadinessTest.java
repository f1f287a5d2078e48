package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} says the process serves; {@code /health/ready} says whether it can take a bot, and turns 503 when a
 * dependency is really broken: the artifact directory replaced by a file, the database held by another session.
 */
class ReadinessTest {
    @TempDir Path data;

    /** Checks that succeed are given all the time a loaded machine needs: these tests are about what is checked. */
    ServerConfig patient() { return ServerConfig.defaults(data).withPort(0).withReadyTimeout(java.time.Duration.ofSeconds(60)); }

    @Test
    void aHealthyServerIsReadyAndSaysWhatItChecked() {
        try (BaasServer server = BaasServer.start(patient().withApiKey("ready-key-123456"))) {
            ApiClient anonymous = new ApiClient(server.port(), null);
            ApiClient.Response r = anonymous.get("/health/ready");
            assertEquals(200, r.status(), r.toString());
            JsonNode body = r.json();
            assertEquals("UP", body.path("status").asText(), r.toString());
            JsonNode checks = body.path("checks");
            assertEquals("UP", checks.at("/database/status").asText());
            assertTrue(checks.at("/database/latency_ms").isIntegralNumber(), r.toString());
            assertEquals("disabled", checks.at("/browser_pool/status").asText(), "no browser configured");
            assertEquals("UP", checks.at("/artifact_storage/status").asText());
            assertTrue(checks.at("/artifact_storage/latency_ms").isIntegralNumber(), r.toString());
            assertEquals("UP", checks.at("/webhook_outbox/status").asText());
            assertEquals(0, checks.at("/webhook_outbox/queue_depth").asLong(-1), r.toString());
            assertTrue(checks.at("/webhook_outbox/oldest_pending_age_s").isIntegralNumber(), r.toString());
            assertFalse(r.body().contains("ready-key-123456") || r.body().contains(data.toString()), "nothing secret: " + r);
            try (Stream<Path> left = Files.list(data.resolve("artifacts"))) {
                assertEquals(0, left.count(), "the storage probe cleans up after itself");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertTrue(new ApiClient(server.port(), "k").get("/openapi.json").body().contains("/health/ready"));
        }
    }

    @Test
    void brokenArtifactStorageMakesTheServerUnreadyButAlive() throws Exception {
        try (BaasServer server = BaasServer.start(patient())) {
            ApiClient anonymous = new ApiClient(server.port(), null);
            assertEquals(200, anonymous.get("/health/ready").status());
            // the artifact directory becomes a plain file: nothing can be stored under it any more
            Path artifacts = data.resolve("artifacts");
            if (Files.exists(artifacts)) {
                try (Stream<Path> all = Files.walk(artifacts)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            Files.writeString(artifacts, "not a directory");

            ApiClient.Response r = anonymous.get("/health/ready");
            assertEquals(503, r.status(), r.toString());
            assertEquals("DOWN", r.json().path("status").asText());
            assertEquals("DOWN", r.json().at("/checks/artifact_storage/status").asText(), r.toString());
            assertFalse(r.json().at("/checks/artifact_storage/error").asText().isEmpty(), r.toString());
            assertEquals("UP", r.json().at("/checks/database/status").asText(), "only the broken part is down");
            assertEquals(200, anonymous.get("/health").status(), "still alive");

            Files.delete(artifacts);
            assertEquals(200, anonymous.get("/health/ready").status(), "ready again once storage is back");
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringMakesTheServerUnready() throws Exception {
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withReadyTimeout(java.time.Duration.ofSeconds(2)))) {
            ApiClient anonymous = new ApiClient(server.port(), null);
            // one session takes the database for itself: every other statement waits until it lets go
            try (Connection owner = server.database().dataSource().getConnection(); Statement st = owner.createStatement()) {
                st.execute("SET EXCLUSIVE 1");
                try {
                    ApiClient.Response r = anonymous.get("/health/ready");
                    assertEquals(503, r.status(), r.toString());
                    assertEquals("DOWN", r.json().at("/checks/database/status").asText(), r.toString());
                    assertTrue(r.json().at("/checks/database/error").asText().contains("timed out"), r.toString());
                    assertEquals("DOWN", r.json().at("/checks/webhook_outbox/status").asText(), "the outbox lives in the database");
                    assertEquals("UP", r.json().at("/checks/artifact_storage/status").asText(), r.toString());
                    assertEquals(200, anonymous.get("/health").status(), "liveness does not touch the database");
                } finally {
                    st.execute("SET EXCLUSIVE 0");
                }
            }
            assertEquals(200, anonymous.get("/health/ready").status(), "ready again once the database answers");
        }
    }
}
