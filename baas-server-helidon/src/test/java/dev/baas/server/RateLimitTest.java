package dev.baas.server;

import dev.baas.core.store.Account;
import dev.baas.spi.BaasException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every authenticated route counts against its API key's limit; over it, 429 with Retry-After and a JSON error. */
class RateLimitTest {
    /** One call every 10 s on average, three at once: a test's requests never earn a new token in time. */
    static final ServerConfig.RateLimits TIGHT = new ServerConfig.RateLimits(6, 3);

    @TempDir static Path data;
    static BaasServer server;
    static Account account;

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withRateLimits(TIGHT));
        account = server.accounts().create("limited");
    }

    @AfterAll static void stop() { server.close(); }

    ApiClient freshKey() { return new ApiClient(server.port(), server.accounts().issueKey(account.id())); }

    @Test
    void theCallAfterTheBurstIsRefusedWithRetryAfterAndTheLimitNamed() throws Exception {
        ApiClient api = freshKey();
        for (int i = 0; i < TIGHT.burst(); i++) assertEquals(200, api.get("/bots/bots_with_metadata").status());
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base + "/bots/bots_with_metadata"))
                .header("x-meeting-baas-api-key", api.key).build(), HttpResponse.BodyHandlers.ofString());
        ApiClient.Response r = new ApiClient.Response(refused.statusCode(), refused.body(),
                refused.headers().firstValue("content-type").orElse(""));
        ApiContract.assertError(r, 429, "api_key");
        assertEquals("RateLimited", r.json().path("code").asText());
        assertTrue(r.json().path("error").asText().contains("6 calls per minute, bursts of 3"), r.toString());
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow(() -> new AssertionError("no Retry-After")));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter + " s: at most one token's refill time");
    }

    @Test
    void everyAuthenticatedRouteCountsAndRejectedCallsCountToo() {
        ApiClient api = freshKey();
        assertEquals(200, api.get("/accounts/webhook_url").status());
        assertEquals(400, api.post("/bots", "{}").status(), "a refused body still costs a call");
        assertEquals(200, api.get("/api_keys").status());
        ApiContract.assertError(api.post("/bots", "{\"meeting_url\":\"" + ApiContract.meeting() + "\",\"bot_name\":\"b\"}"), 429, "api_key");
        ApiContract.assertError(api.get("/calendars"), 429, "api_key");
    }

    @Test
    void eachKeyHasItsOwnBucketAndUnauthenticatedCallsAreNotCounted() {
        ApiClient first = freshKey();
        for (int i = 0; i < TIGHT.burst(); i++) first.get("/bots/bots_with_metadata");
        assertEquals(429, first.get("/bots/bots_with_metadata").status());
        ApiClient second = freshKey();
        assertEquals(200, second.get("/bots/bots_with_metadata").status(), "another key of the same account is not held back");
        ApiClient stranger = new ApiClient(server.port(), "baas_not_a_key");
        for (int i = 0; i < TIGHT.burst() + 2; i++) assertEquals(401, stranger.get("/bots/bots_with_metadata").status());
        assertEquals(200, new ApiClient(server.port(), null).get("/health").status(), "open routes are not limited");
    }

    @Test
    void theBucketRefillsAtTheConfiguredRate() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        RateLimit limit = new RateLimit(6, 3, clock, "api_key");
        for (int i = 0; i < 3; i++) limit.acquire("k");
        RateLimit.Exceeded e = assertThrows(RateLimit.Exceeded.class, () -> limit.acquire("k"));
        assertEquals(Duration.ofSeconds(10), e.retryAfter());
        now[0] = now[0].plusSeconds(9);
        RateLimit.Exceeded later = assertThrows(RateLimit.Exceeded.class, () -> limit.acquire("k"));
        assertEquals(1, later.retryAfterSeconds());
        now[0] = now[0].plusSeconds(1);
        limit.acquire("k");
        now[0] = now[0].plusSeconds(3600);
        for (int i = 0; i < 3; i++) limit.acquire("k");
        assertThrows(RateLimit.Exceeded.class, () -> limit.acquire("k"), "an idle hour refills the burst, no more");
    }

    @Test
    void limitsComeFromTheEnvironmentAndAreGenerousByDefault() {
        Config none = Config.builder(ConfigSources.create(Map.of())).disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        ServerConfig defaults = ServerConfig.load(none, Map.of());
        assertEquals(ServerConfig.RateLimits.DEFAULT, defaults.rateLimits());
        assertTrue(defaults.rateLimits().perMinute() >= 1_000 && defaults.rateLimits().burst() >= 100);
        ServerConfig set = ServerConfig.load(none, Map.of("BAAS_RATE_LIMIT_PER_MINUTE", "120", "BAAS_RATE_LIMIT_BURST", "20"));
        assertEquals(new ServerConfig.RateLimits(120, 20), set.rateLimits());
        assertTrue(set.describe().contains("rate-limit=120/min burst 20"), set.describe());
        assertFalse(ServerConfig.load(none, Map.of("BAAS_RATE_LIMIT_PER_MINUTE", "0")).rateLimits().enabled());
        BaasException bad = assertThrows(BaasException.class, () -> ServerConfig.load(none, Map.of("BAAS_RATE_LIMIT_BURST", "lots")));
        assertEquals("BAAS_RATE_LIMIT_BURST", bad.violations().getFirst().field());
    }
}
