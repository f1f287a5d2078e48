package dev.baas.calendar;

import dev.baas.calendar.microsoft.MicrosoftCalendarProvider;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.CalendarEvent;
import dev.baas.spi.calendar.CalendarProvider;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.SyncBatch;
import dev.baas.spi.calendar.TokenGrant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
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

class MicrosoftCalendarProviderTest {
    static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z"), TO = Instant.parse("2026-12-25T00:00:00Z");
    final AtomicInteger rotation = new AtomicInteger();
    final AtomicInteger throttleNext = new AtomicInteger();
    FakeApi api;

    FakeApi.Answer route(FakeApi.Request r) {
        if (r.path().equals("/common/oauth2/v2.0/token")) {
            assertEquals("offline_access Calendars.Read User.Read", r.form().get("scope"));
            String rt = r.form().get("refresh_token");
            if (!rt.startsWith("rt-")) return FakeApi.Answer.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS700082: The refresh token has expired due to inactivity.\",\"error_codes\":[700082]}");
            int n = rotation.incrementAndGet();
            return FakeApi.Answer.json("{\"token_type\":\"Bearer\",\"scope\":\"Calendars.Read\",\"expires_in\":3600,\"access_token\":\"at\",\"refresh_token\":\"rt-" + n + "\"}");
        }
        if (!"Bearer at".equals(r.authorization())) return FakeApi.Answer.of(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"expired\"}}");
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            return new FakeApi.Answer(429, "{\"error\":{\"code\":\"TooManyRequests\"}}", Map.of("Retry-After", "3"));
        String base = api.uri("").toString();
        switch (r.path()) {
            case "/v1.0/me/calendars" -> {
                return FakeApi.Answer.json("{\"value\":[{\"id\":\"AAMk1\",\"name\":\"Calendar\",\"isDefaultCalendar\":true,\"owner\":{\"name\":\"Ana\",\"address\":\"ana@contoso.com\"}}]}");
            }
            case "/v1.0/me/calendars/AAMk1/calendarView" -> {
                assertTrue(r.prefer().contains("outlook.timezone=\"UTC\""));
                assertEquals(FROM.toString(), r.query().get("startDateTime"));
                return r.query().containsKey("$skip")
                        ? FakeApi.Answer.json("{\"value\":[" + occurrence("o2", "2026-11-27T10:00:00.0000000") + "]}")
                        : FakeApi.Answer.json("{\"value\":[" + occurrence("o1", "2026-11-26T10:00:00.0000000") + "],"
                        + "\"@odata.nextLink\":\"" + base + "/v1.0/me/calendars/AAMk1/calendarView?startDateTime=" + FROM + "&$skip=1\"}");
            }
            case "/v1.0/me/calendars/AAMk1/calendarView/delta" -> {
                String dt = r.query().get("$deltatoken");
                if ("expired".equals(dt)) return FakeApi.Answer.of(410, "{\"error\":{\"code\":\"syncStateNotFound\"}}");
                if ("d1".equals(dt)) return FakeApi.Answer.json("{\"value\":[{\"@removed\":{\"reason\":\"deleted\"},\"id\":\"o1\"}],"
                        + "\"@odata.deltaLink\":\"" + base + "/v1.0/me/calendars/AAMk1/calendarView/delta?$deltatoken=d2\"}");
                if (r.query().containsKey("$skiptoken")) return FakeApi.Answer.json("{\"value\":[" + occurrence("o2", "2026-11-27T10:00:00.0000000") + "],"
                        + "\"@odata.deltaLink\":\"" + base + "/v1.0/me/calendars/AAMk1/calendarView/delta?$deltatoken=d1\"}");
                assertTrue(r.prefer().contains("odata.maxpagesize="));
                return FakeApi.Answer.json("{\"value\":[" + occurrence("o1", "2026-11-26T10:00:00.0000000") + "],"
                        + "\"@odata.nextLink\":\"" + base + "/v1.0/me/calendars/AAMk1/calendarView/delta?$skiptoken=k1\"}");
            }
            default -> { return FakeApi.Answer.of(404, "{}"); }
        }
    }

    static String occurrence(String id, String start) {
        return "{\"id\":\"" + id + "\",\"subject\":\"Weekly\",\"type\":\"occurrence\",\"seriesMasterId\":\"M1\",\"isOrganizer\":false,"
                + "\"start\":{\"dateTime\":\"" + start + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"" + start + "\",\"timeZone\":\"UTC\"},"
                + "\"onlineMeeting\":{\"joinUrl\":\"https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0\"},"
                + "\"body\":{\"contentType\":\"html\",\"content\":\"<p>or https://zoom.us/j/555</p>\"},"
                + "\"organizer\":{\"emailAddress\":{\"name\":\"Bo\",\"address\":\"bo@contoso.com\"}},"
                + "\"attendees\":[{\"emailAddress\":{\"name\":\"Ana\",\"address\":\"ana@contoso.com\"}}],"
                + "\"lastModifiedDateTime\":\"2026-11-20T09:00:00Z\"}";
    }

    CalendarProvider provider() throws IOException {
        api = new FakeApi(this::route);
        return new MicrosoftCalendarProvider(URI.create("http://127.0.0.1:9/unused"), URI.create("http://127.0.0.1:9/unused"),
                "offline_access Calendars.Read User.Read", 100, api.policy(), ApiClient.defaultHttp())
                .configured(Map.of("token_url", api.uri("/common/oauth2/v2.0/token").toString(), "api_url", api.uri("/v1.0").toString()));
    }

    @AfterEach void stop() { if (api != null) api.close(); }

    @Test
    void refreshReturnsTheRotatedRefreshToken() throws IOException {
        CalendarProvider p = provider();
        TokenGrant first = p.refresh(new OAuthClient("c", "s"), "rt-0");
        TokenGrant second = p.refresh(new OAuthClient("c", "s"), first.refreshToken().orElseThrow());
        assertEquals(Optional.of("rt-1"), first.refreshToken());
        assertEquals(Optional.of("rt-2"), second.refreshToken());
        assertEquals("rt-1", api.to("/common").get(1).form().get("refresh_token"));
        BaasException e = assertThrows(BaasException.class, () -> p.refresh(new OAuthClient("c", "s"), "old"));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertTrue(e.getMessage().contains("AADSTS700082"), e.getMessage());
    }

    @Test
    void calendarViewFollowsNextLinks() throws IOException {
        List<CalendarEvent> events = provider().events("at", "AAMk1", FROM, TO);
        assertEquals(List.of("o1", "o2"), events.stream().map(CalendarEvent::id).toList());
        CalendarEvent o1 = events.getFirst();
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), o1.start().orElseThrow());
        assertEquals("https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0", o1.meetingLinks().getFirst());
        assertEquals("https://zoom.us/j/555", o1.meetingLinks().get(1));
        assertEquals(Optional.of("M1"), o1.recurringEventId());
        assertEquals("bo@contoso.com", o1.organizer().orElseThrow().email());
    }

    @Test
    void deltaKeepsTheDeltaLinkAndSeesRemovals() throws IOException {
        CalendarProvider p = provider();
        SyncBatch full = p.sync("at", "AAMk1", Optional.empty(), FROM, TO);
        assertTrue(full.full());
        assertEquals(2, full.events().size());
        assertTrue(full.nextSyncToken().endsWith("$deltatoken=d1"));
        SyncBatch inc = p.sync("at", "AAMk1", Optional.of(full.nextSyncToken()), FROM, TO);
        assertFalse(inc.full());
        assertTrue(inc.events().getFirst().cancelled());
        assertTrue(inc.nextSyncToken().endsWith("d2"));
    }

    @Test
    void expiredDeltaTokenRunsAFullSync() throws IOException {
        CalendarProvider p = provider();
        SyncBatch b = p.sync("at", "AAMk1", Optional.of(api.uri("/v1.0/me/calendars/AAMk1/calendarView/delta?$deltatoken=expired").toString()), FROM, TO);
        assertTrue(b.full());
        assertEquals(2, b.events().size());
    }

    @Test
    void deltaLinkToAnotherHostIsRefused() throws IOException {
        CalendarProvider p = provider();
        BaasException e = assertThrows(BaasException.class,
                () -> p.sync("at", "AAMk1", Optional.of("https://elsewhere.invalid/delta?$deltatoken=d1"), FROM, TO));
        assertTrue(e.getMessage().contains("another host"));
        assertTrue(api.to("/v1.0").isEmpty());
    }

    @Test
    void throttledCallsHonourRetryAfter() throws IOException {
        CalendarProvider p = provider();
        throttleNext.set(1);
        assertEquals(1, p.calendars("at").size());
        assertEquals(List.of(Duration.ofSeconds(3)), api.waits);
    }
}
