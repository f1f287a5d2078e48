package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baas.core.FakeTime;
import dev.baas.core.calendar.FakeGoogleCalendar;
import dev.baas.core.calendar.FakeMicrosoftGraph;
import dev.baas.core.store.Account;
import dev.baas.core.store.BotRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Calendars through the running server's v1 routes, against Google Calendar on loopback: connecting, listing,
 * events with their bots, recurring series, revoked credentials, other accounts' calendars, {@code calendar.sync_events}
 * webhooks, and a calendar event whose link is a sandbox meeting getting a bot that joins it in Chromium at the lead
 * time and reports {@code complete} with the event's uuid.
 *
 * <p>The server runs on the real clock; the lead time is configured ({@code lead_time=PT5M}) and events are placed
 * five minutes and a few seconds ahead, so a bot is due a few seconds after its event is synced.
 */
class CalendarHttpTest {
    static final String KEY = "cal-key-" + System.nanoTime();
    static final String CREDENTIALS = """
            {"platform":"Google","oauth_client_id":"cid","oauth_client_secret":"csecret","oauth_refresh_token":"rt-good"}""";
    static final Duration LEAD = Duration.ofMinutes(5);
    @TempDir static Path data;
    static FakeGoogleCalendar google;
    static HttpServer zoom;
    static FakeMicrosoftGraph graph;
    static BaasServer server;
    static ApiClient api;
    static ApiClient other;
    static HttpServer receiver;
    static String hookUrl;
    static final LinkedBlockingQueue<JsonNode> hooks = new LinkedBlockingQueue<>();
    static final LinkedBlockingQueue<JsonNode> botHooks = new LinkedBlockingQueue<>();
    static final LinkedBlockingQueue<JsonNode> periodicHooks = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        google = new FakeGoogleCalendar(2);
        zoom = fakeZoom();
        graph = new FakeMicrosoftGraph("ms-0", Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1)),
                "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0");
        String zoomBase = "http://127.0.0.1:" + zoom.getAddress().getPort();
        CalendarConfig calendar = CalendarConfig.defaults()
                .withMicrosoft(Map.of("token_url", graph.tokenUrl().toString(), "api_url", graph.apiUrl().toString()))
                .withZoom(Map.of("token_url", zoomBase + "/oauth/token", "api_url", zoomBase + "/v2"))
                .withGoogle(Map.of("token_url", google.uri("/token").toString(), "api_url", google.uri("/v3").toString()))
                .withSettings(Map.of("lead_time", "PT5M", "launch_horizon", "PT6H", "sync_interval", "PT1H"));
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true)
                .withSandbox(true).withCalendar(calendar));
        api = new ApiClient(server.port(), KEY);
        Account second = server.accounts().create("other");
        other = api.as(server.accounts().issueKey(second.id()));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", ex -> {
            hooks.add(ApiClient.MAPPER.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receive("/bot-hook", botHooks);
        receive("/periodic-hook", periodicHooks);
        receiver.start();
        hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        assertEquals(200, api.post("/accounts/webhook_url", "{\"webhook_url\":\"" + hookUrl + "\"}").status());
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.stop(0);
        if (server != null) server.close();
        if (google != null) google.close();
        if (zoom != null) zoom.stop(0);
        if (graph != null) graph.close();
    }

    static void receive(String path, LinkedBlockingQueue<JsonNode> into) {
        receiver.createContext(path, ex -> {
            into.add(ApiClient.MAPPER.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
    }

    /** Zoom's OAuth on loopback: one single-use authorization code, and the user it belongs to. */
    static HttpServer fakeZoom() throws IOException {
        HttpServer z = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Set<String> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        codes.add("code-1");
        z.createContext("/oauth/token", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String code = form.replaceAll(".*code=([^&]*).*", "$1");
            boolean ok = form.contains("grant_type=authorization_code") && codes.remove(code)
                    && "Basic emM6enM=".equals(ex.getRequestHeaders().getFirst("Authorization"));
            respond(ex, ok ? 200 : 400, ok
                    ? "{\"access_token\":\"za\",\"refresh_token\":\"zr1\",\"expires_in\":3600,\"scope\":\"user:read:user\"}"
                    : "{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}");
        });
        z.createContext("/v2/users/me", ex -> respond(ex, "Bearer za".equals(ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                "{\"id\":\"zoom-user-7\",\"account_id\":\"zacc\",\"email\":\"zo@example.com\"}"));
        z.start();
        return z;
    }

    static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    /** The next webhook of {@code event}, skipping others (a bot's status changes interleave with syncs). */
    static JsonNode next(String event) throws InterruptedException { return next(hooks, event); }

    static JsonNode next(LinkedBlockingQueue<JsonNode> queue, String event) throws InterruptedException {
        while (true) {
            JsonNode h = queue.poll(120, TimeUnit.SECONDS);
            if (h == null) throw new AssertionError("no " + event + " webhook arrived");
            if (h.path("event").asText().equals(event)) return h;
        }
    }

    static Set<String> fields(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static ApiClient.Response patch(String path, String body) { return api.send("PATCH", path, body); }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void calendarsEventsAndBotsThroughTheApi() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        google.put("later", FakeGoogleCalendar.event("later", "Planning", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)),
                "https://meet.google.com/abc-defg-hij"));
        DateTimeFormatter ical = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        Instant seriesStart = now.plus(Duration.ofMinutes(30));
        google.put("series", FakeGoogleCalendar.event("series", "Standup", seriesStart, seriesStart.plus(Duration.ofMinutes(15)),
                        "https://meet.google.com/xyz-abcd-efg")
                .replace("\"status\"", "\"recurrence\":[\"RRULE:FREQ=HOURLY;COUNT=3\"],\"status\""));

        ApiClient.Response raw = api.post("/calendars/raw", CREDENTIALS);
        assertEquals(200, raw.status(), raw.toString());
        assertEquals(ApiClient.MAPPER.readTree("{\"calendars\":[{\"id\":\"ana@example.com\",\"email\":\"ana@example.com\",\"is_primary\":true}]}"),
                raw.json());
        assertEquals(401, api.as(null).post("/calendars/raw", CREDENTIALS).status(), "the API key is required");

        ApiClient.Response created = api.post("/calendars/", CREDENTIALS);
        assertEquals(200, created.status(), created.toString());
        JsonNode calendar = created.json().get("calendar");
        assertEquals(Set.of("uuid", "email", "google_id", "name", "resource_id"), fields(calendar));
        String cal = calendar.get("uuid").asText();
        assertEquals("ana@example.com", calendar.get("google_id").asText());
        assertEquals(409, api.post("/calendars/", CREDENTIALS).status(), "the same calendar twice");

        // connecting synced it: a calendar.sync_events webhook names the calendar and the events it found
        JsonNode synced = next("calendar.sync_events");
        assertEquals(cal, synced.at("/data/calendar_id").asText());
        assertEquals(4, synced.at("/data/affected_event_uuids").size(), "one event and three occurrences");

        assertEquals(List.of(calendar), list(api.get("/calendars/").json()));
        assertEquals(calendar, api.get("/calendars/" + cal).json());
        assertEquals(calendar, patch("/calendars/" + cal, CREDENTIALS).json().get("calendar"));

        // another account sees none of it
        assertEquals(0, other.get("/calendars/").json().size());
        assertEquals(404, other.get("/calendars/" + cal).status());
        assertEquals(404, other.get("/calendar_events/?calendar_id=" + cal).status());

        JsonNode page = api.get("/calendar_events/?calendar_id=" + cal + "&status=upcoming").json();
        List<JsonNode> events = list(page.get("data"));
        assertEquals(4, events.size(), page.toString());
        assertTrue(page.get("next").isNull());
        JsonNode planning = events.stream().filter(e -> e.get("google_id").asText().equals("later")).findFirst().orElseThrow();
        assertEquals(Set.of("uuid", "calendar_uuid", "google_id", "name", "meeting_url", "start_time", "end_time", "last_updated_at",
                "deleted", "is_organizer", "is_recurring", "attendees", "raw", "recurring_event_id", "bot_param"), fields(planning));
        assertTrue(planning.get("bot_param").isNull());
        String planningId = planning.get("uuid").asText();
        assertEquals(planning, api.get("/calendar_events/" + planningId).json());
        assertEquals(404, other.get("/calendar_events/" + planningId).status());
        assertEquals(404, other.post("/calendar_events/" + planningId + "/bot", "{\"bot_name\":\"Intruder\"}").status());
        assertEquals(0, api.get("/calendar_events/?calendar_id=" + cal + "&status=past").json().get("data").size());

        // a bot for one event: its parameters come back in v1's bot_param, and the engine holds a bot due at the lead time
        ApiClient.Response scheduled = api.post("/calendar_events/" + planningId + "/bot",
                "{\"bot_name\":\"Notetaker\",\"extra\":{\"team\":\"api\"}}");
        assertEquals(200, scheduled.status(), scheduled.toString());
        JsonNode withBot = scheduled.json().get(0);
        assertEquals("Notetaker", withBot.at("/bot_param/bot_name").asText());
        assertEquals("api", withBot.at("/bot_param/extra/team").asText());
        BotRecord planned = botOf(planningId);
        assertEquals(Instant.parse(planning.get("start_time").asText()).minus(LEAD).getEpochSecond(), planned.config().startTime().orElseThrow());
        assertEquals("Scribe", patch("/calendar_events/" + planningId + "/bot", "{\"bot_name\":\"Scribe\"}").json().get(0)
                .at("/bot_param/bot_name").asText());
        assertTrue(api.get("/calendar_events/" + planningId).json().get("bot_param").get("bot_name").asText().equals("Scribe"));
        JsonNode unscheduled = api.delete("/calendar_events/" + planningId + "/bot").json().get(0);
        assertTrue(unscheduled.get("bot_param").isNull());
        assertEquals(400, api.post("/calendar_events/" + planningId + "/bot?all_occurrences=maybe", "{\"bot_name\":\"x\"}").status());

        // every occurrence of a series gets a bot of its own
        JsonNode first = events.stream().filter(e -> e.get("google_id").asText().startsWith("series_"))
                .min((a, b) -> a.get("start_time").asText().compareTo(b.get("start_time").asText())).orElseThrow();
        List<JsonNode> occurrences = list(api.post("/calendar_events/" + first.get("uuid").asText() + "/bot?all_occurrences=true",
                "{\"bot_name\":\"Standup bot\"}").json());
        assertEquals(3, occurrences.size());
        Set<UUID> bots = new java.util.HashSet<>();
        for (JsonNode o : occurrences) {
            assertEquals("Standup bot", o.at("/bot_param/bot_name").asText());
            BotRecord b = botOf(o.get("uuid").asText());
            assertEquals(Instant.parse(o.get("start_time").asText()).minus(LEAD).getEpochSecond(), b.config().startTime().orElseThrow());
            assertEquals(200, api.get("/bots/meeting_data?bot_id=" + b.id()).status(), "the bot is visible through the API");
            bots.add(b.id());
        }
        assertEquals(3, bots.size());
        JsonNode cleared = api.delete("/calendar_events/" + first.get("uuid").asText() + "/bot?all_occurrences=true").json();
        assertTrue(list(cleared).stream().allMatch(o -> o.get("bot_param").isNull()));

        // a change in the calendar reaches the account's webhook after the resync
        google.cancel("later");
        ApiClient.Response resync = api.post("/calendars/resync_all", null);
        assertEquals(200, resync.status(), resync.toString());
        assertEquals(cal, resync.json().at("/synced_calendars/0").asText(), resync.toString());
        JsonNode afterCancel = next("calendar.sync_events");
        assertTrue(afterCancel.at("/data/affected_event_uuids").toString().contains(planningId), afterCancel.toString());
        assertEquals(0, other.post("/calendars/resync_all", null).json().get("synced_calendars").size(), "only the caller's calendars");

        assertEquals(404, other.delete("/calendars/" + cal).status());
        assertEquals(200, api.delete("/calendars/" + cal).status());
        assertEquals(404, api.get("/calendars/" + cal).status());
    }

    @Test
    void revokedCredentialsLeaveAClearCalendarErrorAndSendNoBot() throws Exception {
        try (FakeGoogleCalendar revoked = new FakeGoogleCalendar(10);
             BaasServer s = BaasServer.start(ServerConfig.defaults(data.resolve("revoked")).withPort(0).withApiKey(KEY)
                     .withCalendar(CalendarConfig.defaults().withGoogle(Map.of("token_url", revoked.uri("/token").toString(),
                             "api_url", revoked.uri("/v3").toString()))))) {
            ApiClient client = new ApiClient(s.port(), KEY);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            revoked.put("soon", FakeGoogleCalendar.event("soon", "Review", now.plus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(50)),
                    "https://meet.google.com/abc-defg-hij"));
            String cal = client.post("/calendars/", CREDENTIALS).json().at("/calendar/uuid").asText();
            revoked.revokeRefreshTokens();
            JsonNode resync = client.post("/calendars/resync_all", null).json();
            assertEquals(0, resync.get("synced_calendars").size(), resync.toString());
            assertEquals(cal, resync.at("/errors/0/0").asText());
            assertTrue(resync.at("/errors/0/1").asText().contains("invalid_grant"), resync.toString());

            String event = client.get("/calendar_events/?calendar_id=" + cal).json().at("/data/0/uuid").asText();
            client.post("/calendar_events/" + event + "/bot", "{\"bot_name\":\"Notetaker\"}");
            assertTrue(s.bots().unfinished().isEmpty(), "no bot is sent for a calendar whose access was withdrawn");
            ApiClient.Response again = client.send("PATCH", "/calendars/" + cal, CREDENTIALS);
            assertNotEquals(200, again.status(), "the revoked token is refused again");
            assertTrue(again.body().contains("invalid_grant"), again.toString());
        }
    }

    @Test
    void aCalendarEventInASandboxMeetingGetsABotThatJoinsAtTheLeadTimeAndReportsTheEvent() throws Exception {
        // an account of its own: the calendar is the same one the other tests connect
        ApiClient owner = api.as(server.accounts().issueKey(server.accounts().create("e2e").id()));
        JsonNode meeting = owner.post("/sandbox/meetings", """
                {"participants":[{"name":"Alice","says":[]}],"waiting_room":false,"auto_admit":true}
                """).json();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(LEAD).plusSeconds(8);
        google.put("sandbox-call", FakeGoogleCalendar.event("sandbox-call", "Sandbox review", start, start.plus(Duration.ofMinutes(30)),
                meeting.get("meeting_url").asText()));
        String cal;
        try {
            cal = owner.post("/calendars/", CREDENTIALS).json().at("/calendar/uuid").asText();
        } finally {
            google.cancel("sandbox-call"); // the other tests connect this calendar too and count its events
        }
        JsonNode event = list(owner.get("/calendar_events/?calendar_id=" + cal).json().get("data")).stream()
                .filter(e -> e.get("google_id").asText().equals("sandbox-call")).findFirst().orElseThrow();
        assertEquals(meeting.get("meeting_url").asText(), event.get("meeting_url").asText());
        String eventUuid = event.get("uuid").asText();
        String botHook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/bot-hook";
        JsonNode scheduled = owner.post("/calendar_events/" + eventUuid + "/bot",
                "{\"bot_name\":\"Calendar bot\",\"webhook_url\":\"" + botHook + "\"}").json().get(0);
        assertFalse(scheduled.has("bot_error"), scheduled.toString());
        Instant joinAt = start.minus(LEAD);

        JsonNode joining = next(botHooks, "bot.status_change");
        assertEquals("joining_call", joining.at("/data/status/code").asText(), joining.toString());
        Instant joinedAt = Instant.parse(joining.at("/data/status/created_at").asText());
        assertFalse(joinedAt.isBefore(joinAt), "joined at " + joinedAt + ", due at " + joinAt);
        System.out.println("calendar bot started joining " + Duration.between(joinAt, joinedAt).toMillis() + " ms after its lead time");
        String botId = joining.at("/data/bot_id").asText();
        while (!next(botHooks, "bot.status_change").at("/data/status/code").asText().equals("in_call_recording")) {
            // waits through the bot's way into the call
        }
        assertEquals(200, owner.delete("/bots/" + botId).status());
        JsonNode complete = next(botHooks, "complete");
        assertEquals(botId, complete.at("/data/bot_id").asText());
        assertEquals(eventUuid, complete.at("/data/event_uuid").asText(), complete.toString());
    }

    @Test
    void zoomOAuthConnectionsThroughTheApi() throws Exception {
        String body = """
                {"authorization_code":"code-1","redirect_uri":"https://app.example/cb","zoom_client_id":"zc","zoom_client_secret":"zs"}""";
        ApiClient.Response created = api.post("/zoom_oauth_connections/", body);
        assertEquals(201, created.status(), created.toString());
        JsonNode c = created.json();
        assertEquals(Set.of("uuid", "zoom_user_id", "state", "created_at", "updated_at", "scopes", "zoom_account_id"), fields(c));
        assertEquals("zoom-user-7", c.get("zoom_user_id").asText());
        assertEquals("connected", c.get("state").asText());
        assertEquals("zacc", c.get("zoom_account_id").asText());
        String uuid = c.get("uuid").asText();
        assertEquals(c, api.get("/zoom_oauth_connections/" + uuid).json());
        assertEquals(List.of(c), list(api.get("/zoom_oauth_connections/").json()));

        ApiClient.Response reused = api.post("/zoom_oauth_connections/", body);
        assertNotEquals(201, reused.status(), "an authorization code works once");
        assertTrue(reused.body().contains("invalid_grant"), reused.toString());

        assertEquals(404, other.get("/zoom_oauth_connections/" + uuid).status());
        assertEquals(404, other.delete("/zoom_oauth_connections/" + uuid).status());
        assertEquals(0, other.get("/zoom_oauth_connections/").json().size());
        assertEquals(401, api.as("not-a-key").get("/zoom_oauth_connections/").status());
        assertEquals(204, api.delete("/zoom_oauth_connections/" + uuid).status());
        assertEquals(404, api.get("/zoom_oauth_connections/" + uuid).status());
    }

    @Test
    void periodicSyncsReportNewEventsToTheAccountsWebhook() throws Exception {
        FakeTime rounds = new FakeTime(Instant.now()); // drives only the calendar service's periodic rounds
        try (FakeGoogleCalendar calendar = new FakeGoogleCalendar(10);
             BaasServer s = BaasServer.start(ServerConfig.defaults(data.resolve("periodic")).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true)
                     .withCalendar(CalendarConfig.defaults().withGoogle(Map.of("token_url", calendar.uri("/token").toString(),
                             "api_url", calendar.uri("/v3").toString())).withSettings(Map.of("sync_interval", "PT10M"))),
                     engine -> { }, service -> service.scheduler(rounds))) {
            ApiClient client = new ApiClient(s.port(), KEY);
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/periodic-hook";
            assertEquals(200, client.post("/accounts/webhook_url", "{\"webhook_url\":\"" + hook + "\"}").status());
            String cal = client.post("/calendars/", CREDENTIALS).json().at("/calendar/uuid").asText();
            assertEquals(1, rounds.pending(), "the next round is planned");

            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(2));
            calendar.put("added", FakeGoogleCalendar.event("added", "Added later", start, start.plus(Duration.ofHours(1)),
                    "https://meet.google.com/abc-defg-hij"));
            rounds.advance(Duration.ofMinutes(12)); // past the interval and its jitter: one round runs
            JsonNode synced = next(periodicHooks, "calendar.sync_events");
            assertEquals(cal, synced.at("/data/calendar_id").asText());
            String added = client.get("/calendar_events/?calendar_id=" + cal).json().at("/data/0/uuid").asText();
            assertEquals(List.of(added), list(synced.at("/data/affected_event_uuids")).stream().map(JsonNode::asText).toList());
            assertEquals(1, rounds.pending(), "and the one after it");
        }
    }

    @Test
    void microsoftCalendarsKeepSyncingAcrossRotatedRefreshTokens() throws Exception {
        ApiClient owner = api.as(server.accounts().issueKey(server.accounts().create("microsoft").id()));
        String credentials = """
                {"platform":"Microsoft","oauth_client_id":"c","oauth_client_secret":"s","oauth_refresh_token":"ms-0"}""";
        JsonNode calendar = owner.post("/calendars/", credentials).json().get("calendar");
        assertEquals("ana@contoso.com", calendar.get("email").asText(), calendar.toString());
        String cal = calendar.get("uuid").asText();
        JsonNode event = owner.get("/calendar_events/?calendar_id=" + cal).json().at("/data/0");
        assertTrue(event.get("meeting_url").asText().startsWith("https://teams.microsoft.com/"), event.toString());
        assertTrue(event.get("is_recurring").asBoolean());
        for (int i = 0; i < 2; i++) {
            JsonNode resync = owner.post("/calendars/resync_all", null).json();
            assertEquals(List.of(cal), list(resync.get("synced_calendars")).stream().map(JsonNode::asText).toList(), resync.toString());
        }
        assertEquals(List.of("ms-0", "ms-1", "ms-2", "ms-3"), graph.used(), "each sync used the token the one before received");
    }

    static BotRecord botOf(String eventUuid) {
        UUID event = UUID.fromString(eventUuid);
        return server.bots().unfinished().stream().filter(b -> b.eventUuid().equals(java.util.Optional.of(event)))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no bot for event " + eventUuid));
    }
}
