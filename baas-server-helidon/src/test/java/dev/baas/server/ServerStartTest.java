package dev.baas.server;

import dev.baas.core.store.Account;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration from file and environment, and the accounts a fresh server makes so someone can log in. */
class ServerStartTest {
    @TempDir Path data;

    @Test
    void theEnvironmentOverridesTheConfigAndSecretsAreMasked() {
        Config file = Config.builder(ConfigSources.create(Map.of("baas.port", "9000", "baas.data-dir", "/srv/baas",
                "baas.webhook-allow-private", "false"))).disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        ServerConfig fromFile = ServerConfig.load(file, Map.of());
        assertEquals(9000, fromFile.port());
        assertEquals(Path.of("/srv/baas"), fromFile.dataDirectory());
        assertEquals(Optional.empty(), fromFile.apiKey());
        ServerConfig fromEnv = ServerConfig.load(file, Map.of("BAAS_PORT", "9100", "BAAS_DATA_DIR", "/tmp/x",
                "BAAS_API_KEY", "operator-secret-key", "BAAS_WEBHOOK_ALLOW_PRIVATE", "true",
                "BAAS_DATABASE_URL", "jdbc:postgresql://db:5432/baas?user=baas&password=hunter2"));
        assertEquals(9100, fromEnv.port());
        assertEquals(Path.of("/tmp/x"), fromEnv.dataDirectory());
        assertEquals(Optional.of("operator-secret-key"), fromEnv.apiKey());
        assertTrue(fromEnv.webhookAllowPrivate());
        String printed = fromEnv.describe() + fromEnv;
        assertFalse(printed.contains("operator-secret-key"), printed);
        assertFalse(printed.contains("hunter2"), printed);
        assertTrue(printed.contains("password=***"), printed);
    }

    @Test
    void calendarEndpointsAndSettingsComeFromTheEnvironment() {
        Config file = Config.builder(ConfigSources.create(Map.of("baas.calendar.sync-interval", "600")))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        ServerConfig config = ServerConfig.load(file, Map.of("BAAS_GOOGLE_TOKEN_URL", "http://proxy-user:proxy-pass@127.0.0.1:9/token",
                "BAAS_GOOGLE_API_URL", "http://127.0.0.1:9/v3", "BAAS_MICROSOFT_API_URL", "http://127.0.0.1:9/graph",
                "BAAS_ZOOM_TOKEN_URL", "http://127.0.0.1:9/oauth/token", "BAAS_CALENDAR_LEAD_TIME", "PT2M"));
        CalendarConfig calendar = config.calendar();
        assertEquals("http://127.0.0.1:9/v3", calendar.google().get("api_url"));
        assertEquals("http://127.0.0.1:9/graph", calendar.microsoft().get("api_url"));
        assertEquals("http://127.0.0.1:9/oauth/token", calendar.zoom().get("token_url"));
        assertEquals(java.time.Duration.ofMinutes(2), calendar.calendarSettings().leadTime());
        assertEquals(java.time.Duration.ofMinutes(10), calendar.calendarSettings().syncInterval());
        String printed = config.describe();
        assertFalse(printed.contains("proxy-pass"), printed);
        assertTrue(printed.contains("lead_time=PT2M"), printed);
        assertThrows(dev.baas.spi.BaasException.class, () -> ServerConfig.load(file, Map.of("BAAS_CALENDAR_LEAD_TIM", "PT2M")),
                "a misspelt setting is refused, not ignored");
    }

    @Test
    void aFreshServerMakesOneAccountAndShowsItsKeyOnce() {
        String key;
        try (BaasServer first = BaasServer.start(ServerConfig.defaults(data).withPort(0))) {
            key = first.generatedKey().orElseThrow();
            assertEquals(200, new ApiClient(first.port(), key).get("/bots/bots_with_metadata").status());
        }
        try (BaasServer again = BaasServer.start(ServerConfig.defaults(data).withPort(0))) {
            assertTrue(again.generatedKey().isEmpty(), "the key is shown only when the account is made");
            assertEquals(1, again.accounts().count());
            assertEquals(200, new ApiClient(again.port(), key).get("/bots/bots_with_metadata").status(), "the key survives a restart");
        }
    }

    @Test
    void theOperatorsKeyGetsAnAccountOnce() {
        ServerConfig config = ServerConfig.defaults(data).withPort(0).withApiKey("operator-chosen-key-123");
        long accountId;
        try (BaasServer first = BaasServer.start(config)) {
            assertTrue(first.generatedKey().isEmpty());
            accountId = first.accounts().byKey("operator-chosen-key-123").map(Account::id).orElseThrow();
            ApiClient.Response r = new ApiClient(first.port(), "operator-chosen-key-123").get("/bots/bots_with_metadata");
            assertEquals(200, r.status(), r.toString());
        }
        try (BaasServer again = BaasServer.start(config)) {
            assertEquals(1, again.accounts().count());
            assertEquals(Optional.of(accountId), again.accounts().byKey("operator-chosen-key-123").map(Account::id));
        }
    }

    @Test
    void privateWebhookUrlsAreAcceptedOnlyWhenTheOperatorAllowsThem() {
        String body = "{\"meeting_url\":\"" + TestPlatform.PREFIX + java.util.UUID.randomUUID()
                + "\",\"bot_name\":\"b\",\"webhook_url\":\"http://10.1.2.3:8080/hook\"}";
        try (BaasServer strict = BaasServer.start(ServerConfig.defaults(data.resolve("strict")).withPort(0).withApiKey("key-strict-1"))) {
            ApiClient.Response r = new ApiClient(strict.port(), "key-strict-1").post("/bots", body);
            assertEquals(400, r.status(), r.toString());
            assertEquals("webhook_url", r.json().path("field").asText());
        }
        try (BaasServer lax = BaasServer.start(ServerConfig.defaults(data.resolve("lax")).withPort(0).withApiKey("key-lax-1")
                .withWebhookAllowPrivate(true))) {
            ApiClient client = new ApiClient(lax.port(), "key-lax-1");
            ApiClient.Response r = client.post("/bots", body);
            assertEquals(200, r.status(), r.toString());
            client.delete("/bots/" + r.json().path("bot_id").asText());
        }
    }
}
