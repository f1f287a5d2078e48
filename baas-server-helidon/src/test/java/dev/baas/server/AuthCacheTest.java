package dev.baas.server;

import dev.baas.core.store.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What trusting a checked API key for a while changes, and what it must not. */
class AuthCacheTest {
    @TempDir Path data;

    @Test
    void aCheckedKeyIsTrustedForTheCacheTimeButAccountChangesShowAtOnce() {
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withAuthCache(Duration.ofHours(1)))) {
            Account account = server.accounts().create("cached");
            String key = server.accounts().issueKey(account.id());
            ApiClient api = new ApiClient(server.port(), key);
            assertEquals(200, api.get("/accounts/webhook_url").status());
            assertEquals(200, api.post("/accounts/webhook_url", "{\"webhook_url\":\"https://hooks.example.com/new\"}").status());
            assertEquals("https://hooks.example.com/new", api.get("/accounts/webhook_url").json().path("webhook_url").asText(),
                    "the account as this server changed it, not as it was cached");
            ApiClient fresh = new ApiClient(server.port(), server.accounts().issueKey(account.id()));
            assertEquals(200, fresh.get("/accounts/webhook_url").status(), "a new key works at once");
            server.accounts().revokeKey(key);
            assertEquals(200, api.get("/accounts/webhook_url").status(), "revoked behind the server's back: trusted until the entry expires");
            assertEquals(401, new ApiClient(server.port(), key + "x").get("/accounts/webhook_url").status());
        }
    }

    @Test
    void withoutTheCacheARevokedKeyIsRefusedAtOnce() {
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withAuthCache(Duration.ZERO))) {
            Account account = server.accounts().create("uncached");
            String key = server.accounts().issueKey(account.id());
            ApiClient api = new ApiClient(server.port(), key);
            assertEquals(200, api.get("/api_keys").status());
            server.accounts().revokeKey(key);
            ApiContract.assertError(api.get("/api_keys"), 401, null);
            assertTrue(server.config().describe().contains("auth-cache-ms=0"), server.config().describe());
        }
    }
}
