package dev.baas.server;

import dev.baas.core.BotEvent;
import dev.baas.core.calendar.FakeGoogleCalendar;
import dev.baas.core.store.Account;
import dev.baas.spi.MeetingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets a caller hands the server (API keys, speech-to-text keys, OAuth client secrets and refresh tokens) and the
 * account's webhook signing secret never come back in an API answer and never reach a log line, whether the request
 * succeeds or fails. Request bodies over the size limit are refused with 413, streamed or declared.
 */
class SecretsStayHiddenTest {
    @TempDir static Path data;
    static BaasServer server;
    static FakeGoogleCalendar google;
    static ApiClient api;
    static Account account;
    static String apiKey;
    static final String STT_KEY = "stt-key-" + UUID.randomUUID();
    static final String CLIENT_SECRET = "oauth-client-secret-" + UUID.randomUUID();
    static final String REFRESH_TOKEN = "rt-good";
    static final String ZOOM_SECRET = "zoom-client-secret-" + UUID.randomUUID();
    static final String FORGED_KEY = "baas_forged_" + UUID.randomUUID();
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static Level rootLevel;

    /** Every record any logger emits, at every level, formatted as a handler would print it (stack traces included). */
    static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override public void publish(LogRecord r) { logged.add(format.format(r)); }

        @Override public void flush() { }

        @Override public void close() { }
    };

    @BeforeAll
    static void start() throws IOException {
        Logger root = Logger.getLogger("");
        CAPTURE.setLevel(Level.ALL);
        root.addHandler(CAPTURE);
        google = new FakeGoogleCalendar(5);
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withWebhookAllowPrivate(true)
                .withCalendar(CalendarConfig.defaults().withGoogle(Map.of("token_url", google.uri("/token").toString(),
                        "api_url", google.uri("/v3").toString())).withZoom(Map.of("token_url", google.uri("/no-zoom").toString(),
                        "api_url", google.uri("/no-zoom-api").toString()))));
        // after the server set up logging: every logger at its most talkative, the web server's header dumps included
        rootLevel = Logger.getLogger("").getLevel();
        Logger.getLogger("").setLevel(Level.ALL);
        account = server.accounts().create("secretive");
        apiKey = server.accounts().issueKey(account.id());
        api = new ApiClient(server.port(), apiKey);
    }

    @AfterAll
    static void stop() {
        server.close();
        google.close();
        Logger.getLogger("").removeHandler(CAPTURE);
        Logger.getLogger("").setLevel(rootLevel);
    }

    List<String> secrets() {
        String webhookSecret = server.accounts().find(account.id()).orElseThrow().webhookSecret();
        return List.of(apiKey, STT_KEY, CLIENT_SECRET, REFRESH_TOKEN, ZOOM_SECRET, FORGED_KEY, webhookSecret);
    }

    @Test
    void secretsAreNeitherAnsweredNorLogged() throws Exception {
        List<ApiClient.Response> answers = new ArrayList<>();
        ApiClient.Response hook = api.post("/accounts/webhook_url", "{\"webhook_url\":\"http://127.0.0.1:9/hook\"}");
        answers.add(hook);
        UUID bot;
        try (BotEvents events = new BotEvents(server.baas())) {
            ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + ApiContract.meeting() + "\",\"bot_name\":\"Quiet\","
                    + "\"speech_to_text\":{\"provider\":\"Scripted\",\"api_key\":\"" + STT_KEY + "\"}}");
            assertEquals(200, joined.status(), joined.toString());
            bot = UUID.fromString(joined.json().path("bot_id").asText());
            TestPlatform.Session session = TestPlatform.session(bot);
            session.emit(new MeetingEvent.Admitted(Instant.now()));
            events.await(bot, BotEvent.StatusChanged.class, e -> e.code() == dev.baas.spi.BotStatusCode.IN_CALL_RECORDING);
            answers.add(api.get("/bots/" + bot));
            answers.add(api.delete("/bots/" + bot));
            events.await(bot, BotEvent.Completed.class);
        }
        answers.add(api.get("/bots/" + bot));
        answers.add(api.get("/bots/" + bot + "/events"));
        answers.add(api.get("/bots/meeting_data?bot_id=" + bot));
        answers.add(api.get("/bots/bots_with_metadata"));
        answers.add(api.get("/webhooks/deliveries"));
        answers.add(api.get("/webhooks/deliveries?bot_id=" + bot));
        api.get("/webhooks/deliveries").json().path("deliveries").forEach(d -> answers.add(api.get("/webhooks/deliveries/" + d.path("id").asLong())));
        answers.add(api.get("/accounts/webhook_url"));
        answers.add(api.get("/api_keys"));
        assertTrue(answers.stream().anyMatch(r -> r.body().contains("Scripted")), "the bot's settings are shown, its key is not");

        String credentials = "{\"platform\":\"Google\",\"oauth_client_id\":\"cid\",\"oauth_client_secret\":\"" + CLIENT_SECRET
                + "\",\"oauth_refresh_token\":\"" + REFRESH_TOKEN + "\"}";
        ApiClient.Response calendar = api.post("/calendars/", credentials);
        assertEquals(200, calendar.status(), calendar.toString());
        answers.add(calendar);
        String uuid = calendar.json().at("/calendar/uuid").asText();
        answers.add(api.get("/calendars/" + uuid));
        answers.add(api.get("/calendars/"));
        answers.add(api.post("/calendars/raw", credentials));
        google.revokeRefreshTokens();
        ApiClient.Response refused = api.send("PATCH", "/calendars/" + uuid, credentials);
        assertTrue(refused.status() >= 400, "a revoked token is refused: " + refused);
        answers.add(refused);
        answers.add(api.post("/calendars/resync_all", null));
        answers.add(api.post("/zoom_oauth_connections/", "{\"authorization_code\":\"c\",\"redirect_uri\":\"https://app.example/cb\","
                + "\"zoom_client_id\":\"zc\",\"zoom_client_secret\":\"" + ZOOM_SECRET + "\"}"));
        answers.add(api.get("/zoom_oauth_connections/"));
        answers.add(new ApiClient(server.port(), FORGED_KEY).get("/bots/bots_with_metadata"));
        answers.add(ApiClient.send(HttpRequest.newBuilder(URI.create(api.base + "/bots/bots_with_metadata"))
                .header("x-spoke-api-key", apiKey).build()));
        answers.add(api.get("/bots/" + UUID.randomUUID()));
        answers.add(api.send("PATCH", "/bots/" + bot, "{\"api_key\":\"" + STT_KEY + "\"}"));

        for (ApiClient.Response r : answers) {
            for (String secret : secrets()) assertFalse(r.body().contains(secret), "an answer shows a secret: " + r);
        }
        assertTrue(logged.stream().anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("x-meeting-baas-api-key")),
                "the capture saw the request headers");
        assertTrue(logged.stream().anyMatch(l -> l.contains(uuid) && l.contains("invalid_grant")), "the capture saw the refused sync");
        for (String line : logged) {
            for (String secret : secrets()) assertFalse(line.contains(secret), "a log line shows a secret: " + line);
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413WhetherDeclaredOrStreamed() {
        long limit = server.config().maxBodyBytes();
        String big = "{\"bot_name\":\"" + "x".repeat((int) limit) + "\"}";
        for (String route : List.of("/bots", "/accounts/webhook_url", "/calendars/", "/bots/retranscribe")) {
            ApiContract.assertError(api.post(route, big), 413, null);
            // no Content-Length: the server counts the bytes as they arrive
            HttpRequest streamed = HttpRequest.newBuilder(URI.create(api.base + route)).header("x-meeting-baas-api-key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingStream(limit + 1))).build();
            ApiContract.assertError(ApiClient.send(streamed), 413, null);
        }
        assertEquals(200, api.get("/health").status());
    }

    /** {@code n} bytes of spaces inside a JSON string, produced as they are read. */
    static final class RepeatingStream extends InputStream {
        private long left;

        RepeatingStream(long n) { left = n; }

        @Override public int read() { return left-- > 0 ? 'x' : -1; }
    }
}
