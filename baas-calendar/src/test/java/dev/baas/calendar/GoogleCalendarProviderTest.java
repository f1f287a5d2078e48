package dev.baas.calendar;

import dev.baas.calendar.google.GoogleCalendarProvider;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.CalendarEvent;
import dev.baas.spi.calendar.CalendarProvider;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.RawCalendar;
import dev.baas.spi.calendar.SyncBatch;
import dev.baas.spi.calendar.TokenGrant;
import dev.baas.spi.Plugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoogleCalendarProviderTest {
    static final OAuthClient CLIENT = new OAuthClient("cid", "secret");
    static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z"), TO = Instant.parse("2026-12-25T00:00:00Z");

    final AtomicInteger throttleNext = new AtomicInteger();
    volatile boolean throttleWith403 = false;
    FakeApi api;

    FakeApi.Answer route(FakeApi.Request r) {
        if (r.path().equals("/token")) {
            if (!r.form().get("grant_type").equals("refresh_token") || !r.form().get("client_secret").equals("secret"))
                return FakeApi.Answer.of(400, "{\"error\":\"invalid_request\"}");
            return r.form().get("refresh_token").equals("good")
                    ? FakeApi.Answer.json("{\"access_token\":\"at-1\",\"expires_in\":3599,\"token_type\":\"Bearer\",\"scope\":\"calendar.readonly\"}")
                    : FakeApi.Answer.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        }
        if (!"Bearer at-1".equals(r.authorization()))
            return FakeApi.Answer.of(401, "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\",\"errors\":[{\"reason\":\"authError\"}]}}");
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return throttleWith403
                    ? FakeApi.Answer.of(403, "{\"error\":{\"code\":403,\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}]}}")
                    : new FakeApi.Answer(429, "{\"error\":{\"code\":429,\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}", Map.of("Retry-After", "7"));
        }
        if (r.path().equals("/v3/users/me/calendarList")) {
            return r.query().containsKey("pageToken")
                    ? FakeApi.Answer.json("{\"items\":[{\"id\":\"team@group.calendar.google.com\",\"summary\":\"Team\",\"accessRole\":\"reader\"}]}")
                    : FakeApi.Answer.json("{\"items\":[{\"id\":\"ana@example.com\",\"summary\":\"Ana\",\"primary\":true}],\"nextPageToken\":\"c2\"}");
        }
        if (r.path().equals("/v3/calendars/ana%40example.com/events")) {
            assertEquals("true", r.query().get("singleEvents"));
            String sync = r.query().get("syncToken");
            if (sync != null) {
                assertFalse(r.query().containsKey("timeMin"), "timeMin must not accompany a syncToken");
                if (sync.equals("stale")) return FakeApi.Answer.of(410, "{\"error\":{\"code\":410,\"errors\":[{\"reason\":\"fullSyncRequired\"}]}}");
                return FakeApi.Answer.json("{\"items\":[{\"id\":\"ev2\",\"status\":\"cancelled\"}],\"nextSyncToken\":\"s2\"}");
            }
            assertEquals(FROM.toString(), r.query().get("timeMin"));
            if (!"p2".equals(r.query().get("pageToken"))) {
                return FakeApi.Answer.json("{\"items\":[" + EV1 + "],\"nextPageToken\":\"p2\"}");
            }
            return FakeApi.Answer.json("{\"items\":[{\"id\":\"ev2\",\"status\":\"confirmed\",\"summary\":\"Retro\","
                    + "\"start\":{\"date\":\"2026-11-27\"},\"end\":{\"date\":\"2026-11-28\"},"
                    + "\"description\":\"Join: <a href=\\\"https://zoom.us/j/123?pwd=x&amp;a=1\\\">https://zoom.us/j/123?pwd=x&amp;a=1</a>.\"}],"
                    + "\"nextSyncToken\":\"s1\"}");
        }
        return FakeApi.Answer.of(404, "{}");
    }

    static final String EV1 = "{\"id\":\"ev1_20261126T100000Z\",\"recurringEventId\":\"ev1\",\"status\":\"confirmed\",\"summary\":\"Standup\","
            + "\"start\":{\"dateTime\":\"2026-11-26T11:00:00+01:00\",\"timeZone\":\"Europe/Paris\"},"
            + "\"end\":{\"dateTime\":\"2026-11-26T11:30:00+01:00\"},\"hangoutLink\":\"https://meet.google.com/abc-defg-hij\","
            + "\"organizer\":{\"email\":\"ana@example.com\",\"self\":true},"
            + "\"attendees\":[{\"email\":\"bo@example.com\",\"displayName\":\"Bo\"},{\"email\":\"ana@example.com\"}],"
            + "\"location\":\"Room 1\",\"updated\":\"2026-11-20T09:00:00.000Z\"}";

    CalendarProvider provider() throws IOException {
        api = new FakeApi(this::route);
        return new GoogleCalendarProvider(api.uri("/token"), api.uri("/v3"), 250, api.policy(), ApiClient.defaultHttp());
    }

    @AfterEach void stop() { if (api != null) api.close(); }

    @Test
    void refreshesTokensKeepingTheRefreshToken() throws IOException {
        TokenGrant g = provider().refresh(CLIENT, "good");
        assertEquals("at-1", g.accessToken());
        assertEquals(Duration.ofSeconds(3599), g.expiresIn());
        assertTrue(g.refreshToken().isEmpty());
        assertEquals("cid", api.to("/token").getFirst().form().get("client_id"));
    }

    @Test
    void revokedRefreshTokenIsUnauthorizedAndNotRetried() throws IOException {
        BaasException e = assertThrows(BaasException.class, () -> provider().refresh(CLIENT, "revoked"));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertTrue(e.getMessage().contains("expired or revoked"), e.getMessage());
        assertEquals(1, api.to("/token").size());
    }

    @Test
    void listsCalendarsAcrossPages() throws IOException {
        List<RawCalendar> cals = provider().calendars("at-1");
        assertEquals(List.of("ana@example.com", "team@group.calendar.google.com"), cals.stream().map(RawCalendar::id).toList());
        assertTrue(cals.getFirst().primary());
        assertFalse(cals.get(1).primary());
    }

    @Test
    void fullSyncPagesToTheSyncTokenThenIncrementalSeesDeletions() throws IOException {
        CalendarProvider p = provider();
        SyncBatch full = p.sync("at-1", "ana@example.com", Optional.empty(), FROM, TO);
        assertTrue(full.full());
        assertEquals("s1", full.nextSyncToken());
        assertEquals(2, full.events().size());
        CalendarEvent standup = full.events().getFirst();
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), standup.start().orElseThrow());
        assertEquals(Optional.of("ev1"), standup.recurringEventId());
        assertEquals("https://meet.google.com/abc-defg-hij", standup.meetingLinks().getFirst());
        assertTrue(standup.selfIsOrganizer());
        assertEquals(Optional.of("Bo"), standup.attendees().getFirst().name());
        CalendarEvent retro = full.events().get(1);
        assertEquals(List.of("https://zoom.us/j/123?pwd=x&a=1"), retro.meetingLinks());
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), retro.start().orElseThrow());

        SyncBatch inc = p.sync("at-1", "ana@example.com", Optional.of("s1"), FROM, TO);
        assertFalse(inc.full());
        assertEquals("s2", inc.nextSyncToken());
        assertTrue(inc.events().getFirst().cancelled());
    }

    @Test
    void goneSyncTokenFallsBackToAFullSync() throws IOException {
        SyncBatch b = provider().sync("at-1", "ana@example.com", Optional.of("stale"), FROM, TO);
        assertTrue(b.full());
        assertEquals("s1", b.nextSyncToken());
        assertEquals(2, b.events().size());
    }

    @Test
    void throttledCallsWaitForRetryAfter() throws IOException {
        CalendarProvider p = provider();
        throttleNext.set(2);
        assertEquals(2, p.calendars("at-1").size());
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), api.waits);
    }

    @Test
    void rateLimit403BacksOffExponentiallyAndGivesUpAfterTheBound() throws IOException {
        CalendarProvider p = provider();
        throttleWith403 = true;
        throttleNext.set(10);
        BaasException e = assertThrows(BaasException.class, () -> p.calendars("at-1"));
        assertEquals(ErrorCode.RATE_LIMITED, e.code());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), api.waits);
        assertEquals(4, api.to("/v3").size());
    }

    @Test
    void badAccessTokenIsUnauthorized() throws IOException {
        BaasException e = assertThrows(BaasException.class, () -> provider().calendars("wrong"));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
    }

    @Test
    void isFoundByServiceLoaderAndConfigurable() {
        var found = Plugins.load(CalendarProvider.class, CalendarProvider::name, getClass().getClassLoader());
        assertEquals(List.of("Google", "Microsoft"), List.copyOf(found.keySet()));
        BaasException e = assertThrows(BaasException.class, () -> found.get("Google").configured(Map.of("tokn_url", "x")));
        assertEquals("tokn_url", e.violations().getFirst().field());
    }
}
