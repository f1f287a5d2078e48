package dev.baas.calendar.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.calendar.ApiClient;
import dev.baas.calendar.EventJson;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.Attendee;
import dev.baas.spi.calendar.CalendarEvent;
import dev.baas.spi.calendar.CalendarProvider;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.RawCalendar;
import dev.baas.spi.calendar.SyncBatch;
import dev.baas.spi.calendar.TokenGrant;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Google Calendar v3 with Google OAuth refresh tokens. */
public final class GoogleCalendarProvider implements CalendarProvider {
    static final URI TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
    static final URI API_URL = URI.create("https://www.googleapis.com/calendar/v3");
    private static final Set<String> SETTINGS = Set.of("token_url", "api_url", "max_attempts", "backoff_ms", "max_wait_ms", "page_size");
    private static final Set<String> RATE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    private final URI tokenUrl;
    private final URI apiUrl;
    private final int pageSize;
    private final ApiClient.Policy policy;
    private final HttpClient http;
    private final ApiClient api;

    public GoogleCalendarProvider() { this(TOKEN_URL, API_URL, 250, ApiClient.Policy.defaults(), ApiClient.defaultHttp()); }

    public GoogleCalendarProvider(URI tokenUrl, URI apiUrl, int pageSize, ApiClient.Policy policy, HttpClient http) {
        this.tokenUrl = tokenUrl;
        this.apiUrl = apiUrl;
        this.pageSize = pageSize;
        this.policy = policy;
        this.http = http;
        this.api = new ApiClient(name(), http, policy, GoogleCalendarProvider::rateLimited);
    }

    @Override public String name() { return "Google"; }

    @Override
    public CalendarProvider configured(Map<String, String> settings) {
        Map<String, String> s = ApiClient.checkKeys(name(), settings, SETTINGS);
        return new GoogleCalendarProvider(ApiClient.uri(s, "token_url", tokenUrl), ApiClient.uri(s, "api_url", apiUrl),
                Integer.parseInt(s.getOrDefault("page_size", String.valueOf(pageSize))), policy.with(s), http);
    }

    /** Google says "slow down" with 403 as well as 429; a 403 for any other reason is permanent. */
    private static boolean rateLimited(ApiClient.Response r) {
        if (r.status() != 403) return false;
        for (JsonNode e : r.json().path("error").path("errors")) {
            if (RATE_REASONS.contains(e.path("reason").asText())) return true;
        }
        return false;
    }

    @Override
    public TokenGrant refresh(OAuthClient client, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret());
        form.put("refresh_token", refreshToken);
        form.put("grant_type", "refresh_token");
        JsonNode t = ApiClient.tokenAnswer(name(), api.send(ApiClient.postForm(tokenUrl, form).build(), "token refresh"));
        // Google keeps the refresh token; a new one is returned only in rare cases, and then it replaces the old.
        return new TokenGrant(t.get("access_token").asText(), java.time.Duration.ofSeconds(t.path("expires_in").asLong(3599)),
                EventJson.text(t, "refresh_token"), EventJson.text(t, "scope"));
    }

    @Override
    public List<RawCalendar> calendars(String accessToken) {
        List<RawCalendar> out = new ArrayList<>();
        Optional<String> page = Optional.empty();
        do {
            String q = "/users/me/calendarList?maxResults=" + pageSize + page.map(p -> "&pageToken=" + ApiClient.encode(p)).orElse("");
            JsonNode body = get(q, accessToken, "calendar list");
            for (JsonNode c : body.path("items")) {
                if (c.path("deleted").asBoolean(false)) continue;
                String id = c.path("id").asText();
                out.add(new RawCalendar(id, c.path("summary").asText(id), id, c.path("primary").asBoolean(false)));
            }
            page = EventJson.text(body, "nextPageToken");
        } while (page.isPresent());
        return out;
    }

    @Override
    public List<CalendarEvent> events(String accessToken, String calendarId, Instant from, Instant to) {
        String query = "singleEvents=true&orderBy=startTime&timeMin=" + ApiClient.encode(from.toString())
                + "&timeMax=" + ApiClient.encode(to.toString());
        return pages(accessToken, calendarId, query).events();
    }

    @Override
    public SyncBatch sync(String accessToken, String calendarId, Optional<String> syncToken, Instant from, Instant to) {
        if (syncToken.isPresent()) {
            try {
                Paged p = pages(accessToken, calendarId, "singleEvents=true&showDeleted=true&syncToken=" + ApiClient.encode(syncToken.get()));
                return new SyncBatch(p.events(), p.syncToken().orElse(syncToken.get()), false);
            } catch (GoneException gone) {
                // the token expired or was invalidated (fullSyncRequired): start over with a full sync
            }
        }
        // timeMin/timeMax may start a sync but never accompany a syncToken (Google answers 400).
        Paged p = pages(accessToken, calendarId, "singleEvents=true&showDeleted=true&timeMin="
                + ApiClient.encode(from.toString()) + "&timeMax=" + ApiClient.encode(to.toString()));
        return new SyncBatch(p.events(), p.syncToken().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Google returned no nextSyncToken on the last page of events")), true);
    }

    private record Paged(List<CalendarEvent> events, Optional<String> syncToken) {}

    private static final class GoneException extends RuntimeException {
        GoneException() { super(null, null, false, false); }
    }

    private Paged pages(String accessToken, String calendarId, String query) {
        List<CalendarEvent> out = new ArrayList<>();
        Optional<String> page = Optional.empty();
        String base = "/calendars/" + ApiClient.encode(calendarId) + "/events?maxResults=" + pageSize + "&" + query;
        while (true) {
            String q = base + page.map(p -> "&pageToken=" + ApiClient.encode(p)).orElse("");
            JsonNode body = get(q, accessToken, "events of calendar " + calendarId);
            for (JsonNode e : body.path("items")) out.add(event(e));
            page = EventJson.text(body, "nextPageToken");
            if (page.isEmpty()) return new Paged(out, EventJson.text(body, "nextSyncToken"));
        }
    }

    private JsonNode get(String pathAndQuery, String accessToken, String what) {
        ApiClient.Response r = api.send(ApiClient.get(ApiClient.resolve(apiUrl, pathAndQuery), accessToken).build(), what);
        if (r.ok()) return r.json();
        if (r.status() == 410) throw new GoneException();
        JsonNode err = r.json().path("error");
        String reason = err.path("errors").path(0).path("reason").asText("");
        String message = "Google " + what + " failed: HTTP " + r.status() + (reason.isEmpty() ? "" : " " + reason)
                + " " + err.path("message").asText("");
        throw new BaasException(switch (r.status()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            default -> ErrorCode.PROVIDER_ERROR;
        }, message.strip());
    }

    static CalendarEvent event(JsonNode e) {
        Optional<String> zone = EventJson.text(e.path("start"), "timeZone");
        List<Attendee> attendees = new ArrayList<>();
        for (JsonNode a : e.path("attendees")) EventJson.person(a, "email", "displayName").ifPresent(attendees::add);
        Set<String> links = new LinkedHashSet<>();
        EventJson.text(e, "hangoutLink").ifPresent(links::add);
        for (JsonNode ep : e.path("conferenceData").path("entryPoints")) {
            if (ep.path("entryPointType").asText().equals("video")) EventJson.text(ep, "uri").ifPresent(links::add);
        }
        links.addAll(EventJson.urlsIn(e.path("location").asText("")));
        links.addAll(EventJson.urlsIn(e.path("description").asText("")));
        List<String> recurrence = new ArrayList<>();
        for (JsonNode r : e.path("recurrence")) recurrence.add(r.asText());
        return new CalendarEvent(e.path("id").asText(), EventJson.text(e, "recurringEventId"), e.path("summary").asText(""),
                time(e.path("start"), zone), time(e.path("end"), zone), attendees,
                EventJson.person(e.path("organizer"), "email", "displayName"), e.path("organizer").path("self").asBoolean(false),
                List.copyOf(links), e.path("status").asText().equals("cancelled"), recurrence, zone,
                EventJson.text(e, "updated").flatMap(u -> EventJson.instant(u, Optional.empty())), e.toString());
    }

    private static Optional<Instant> time(JsonNode t, Optional<String> zone) {
        Optional<String> tz = EventJson.text(t, "timeZone").or(() -> zone);
        return EventJson.text(t, "dateTime").or(() -> EventJson.text(t, "date")).flatMap(v -> EventJson.instant(v, tz));
    }
}
