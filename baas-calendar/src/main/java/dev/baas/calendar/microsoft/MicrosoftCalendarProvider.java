package dev.baas.calendar.microsoft;

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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Microsoft Graph calendars with the Microsoft identity platform's rotating refresh tokens. */
public final class MicrosoftCalendarProvider implements CalendarProvider {
    static final URI TOKEN_URL = URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/token");
    static final URI API_URL = URI.create("https://graph.microsoft.com/v1.0");
    // Space-separated: commas work for personal accounts but fail with invalid_grant for work accounts.
    static final String SCOPE = "offline_access Calendars.Read User.Read";
    private static final Set<String> SETTINGS = Set.of("token_url", "api_url", "scope", "max_attempts", "backoff_ms",
            "max_wait_ms", "page_size");

    private final URI tokenUrl;
    private final URI apiUrl;
    private final String scope;
    private final int pageSize;
    private final ApiClient.Policy policy;
    private final HttpClient http;
    private final ApiClient api;

    public MicrosoftCalendarProvider() { this(TOKEN_URL, API_URL, SCOPE, 100, ApiClient.Policy.defaults(), ApiClient.defaultHttp()); }

    public MicrosoftCalendarProvider(URI tokenUrl, URI apiUrl, String scope, int pageSize, ApiClient.Policy policy, HttpClient http) {
        this.tokenUrl = tokenUrl;
        this.apiUrl = apiUrl;
        this.scope = scope;
        this.pageSize = pageSize;
        this.policy = policy;
        this.http = http;
        this.api = new ApiClient(name(), http, policy, r -> r.status() == 504 && r.headers().firstValue("Retry-After").isPresent());
    }

    @Override public String name() { return "Microsoft"; }

    @Override
    public CalendarProvider configured(Map<String, String> settings) {
        Map<String, String> s = ApiClient.checkKeys(name(), settings, SETTINGS);
        return new MicrosoftCalendarProvider(ApiClient.uri(s, "token_url", tokenUrl), ApiClient.uri(s, "api_url", apiUrl),
                s.getOrDefault("scope", scope), Integer.parseInt(s.getOrDefault("page_size", String.valueOf(pageSize))),
                policy.with(s), http);
    }

    @Override
    public TokenGrant refresh(OAuthClient client, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret());
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", scope);
        JsonNode t = ApiClient.tokenAnswer(name(), api.send(ApiClient.postForm(tokenUrl, form).build(), "token refresh"));
        return new TokenGrant(t.get("access_token").asText(), Duration.ofSeconds(t.path("expires_in").asLong(3600)),
                EventJson.text(t, "refresh_token"), EventJson.text(t, "scope"));
    }

    @Override
    public List<RawCalendar> calendars(String accessToken) {
        List<RawCalendar> out = new ArrayList<>();
        URI next = ApiClient.resolve(apiUrl, "/me/calendars?$top=" + pageSize);
        while (next != null) {
            JsonNode body = get(next, accessToken, "calendar list");
            for (JsonNode c : body.path("value")) {
                out.add(new RawCalendar(c.path("id").asText(), c.path("name").asText(""),
                        c.path("owner").path("address").asText(""), c.path("isDefaultCalendar").asBoolean(false)));
            }
            next = EventJson.text(body, "@odata.nextLink").map(this::ownLink).orElse(null);
        }
        return out;
    }

    @Override
    public List<CalendarEvent> events(String accessToken, String calendarId, Instant from, Instant to) {
        return pages(accessToken, URI.create(view(calendarId, "calendarView", from, to) + "&$top=" + pageSize)).events();
    }

    @Override
    public SyncBatch sync(String accessToken, String calendarId, Optional<String> deltaLink, Instant from, Instant to) {
        if (deltaLink.isPresent()) {
            try {
                Paged p = pages(accessToken, ownLink(deltaLink.get()));
                return new SyncBatch(p.events(), p.deltaLink().orElse(deltaLink.get()), false);
            } catch (GoneException gone) {
                // syncStateNotFound / resyncRequired: the delta token is no longer known, start over
            }
        }
        Paged p = pages(accessToken, view(calendarId, "calendarView/delta", from, to));
        return new SyncBatch(p.events(), p.deltaLink().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Microsoft Graph returned no @odata.deltaLink on the last page of the delta")), true);
    }

    private URI view(String calendarId, String what, Instant from, Instant to) {
        return ApiClient.resolve(apiUrl, "/me/calendars/" + ApiClient.encode(calendarId) + "/" + what + "?startDateTime="
                + ApiClient.encode(from.toString()) + "&endDateTime=" + ApiClient.encode(to.toString()));
    }

    private Paged pages(String accessToken, URI first) {
        List<CalendarEvent> out = new ArrayList<>();
        URI next = first;
        while (true) {
            JsonNode body = get(next, accessToken, "calendar events");
            for (JsonNode e : body.path("value")) out.add(event(e));
            Optional<String> nextLink = EventJson.text(body, "@odata.nextLink");
            if (nextLink.isEmpty()) return new Paged(out, EventJson.text(body, "@odata.deltaLink"));
            next = ownLink(nextLink.get());
        }
    }

    private record Paged(List<CalendarEvent> events, Optional<String> deltaLink) {}

    private static final class GoneException extends RuntimeException {
        GoneException() { super(null, null, false, false); }
    }

    /** Next and delta links are absolute; the bearer token only ever goes to the configured Graph host. */
    private URI ownLink(String link) {
        URI u = URI.create(link);
        if (!apiUrl.getScheme().equalsIgnoreCase(u.getScheme()) || !apiUrl.getAuthority().equalsIgnoreCase(u.getAuthority())) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "Microsoft Graph paging link points to another host: " + u.getAuthority());
        }
        return u;
    }

    private JsonNode get(URI uri, String accessToken, String what) {
        HttpRequest req = ApiClient.get(uri, accessToken)
                .header("Prefer", "outlook.timezone=\"UTC\", odata.maxpagesize=" + pageSize).build();
        ApiClient.Response r = api.send(req, what);
        if (r.ok()) return r.json();
        if (r.status() == 410) throw new GoneException();
        JsonNode err = r.json().path("error");
        String message = ("Microsoft Graph " + what + " failed: HTTP " + r.status() + " " + err.path("code").asText("")
                + " " + err.path("message").asText("")).strip();
        throw new BaasException(switch (r.status()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            default -> ErrorCode.PROVIDER_ERROR;
        }, message);
    }

    static CalendarEvent event(JsonNode e) {
        String id = e.path("id").asText();
        if (e.has("@removed")) {
            return new CalendarEvent(id, Optional.empty(), "", Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                    false, List.of(), true, List.of(), Optional.empty(), Optional.empty(), e.toString());
        }
        List<Attendee> attendees = new ArrayList<>();
        for (JsonNode a : e.path("attendees")) EventJson.person(a.path("emailAddress"), "address", "name").ifPresent(attendees::add);
        Set<String> links = new LinkedHashSet<>();
        EventJson.text(e.path("onlineMeeting"), "joinUrl").ifPresent(links::add);
        EventJson.text(e, "onlineMeetingUrl").ifPresent(links::add);
        EventJson.text(e.path("location"), "locationUri").filter(u -> u.startsWith("http")).ifPresent(links::add);
        links.addAll(EventJson.urlsIn(e.path("location").path("displayName").asText("")));
        links.addAll(EventJson.urlsIn(e.path("body").path("content").asText("")));
        Optional<String> series = EventJson.text(e, "seriesMasterId");
        return new CalendarEvent(id, series, e.path("subject").asText(""), time(e.path("start")), time(e.path("end")),
                attendees, EventJson.person(e.path("organizer").path("emailAddress"), "address", "name"),
                e.path("isOrganizer").asBoolean(false), List.copyOf(links), e.path("isCancelled").asBoolean(false),
                List.of(), EventJson.text(e.path("start"), "timeZone"),
                EventJson.text(e, "lastModifiedDateTime").flatMap(t -> EventJson.instant(t, Optional.empty())),
                e.toString());
    }

    private static Optional<Instant> time(JsonNode t) {
        return EventJson.text(t, "dateTime").flatMap(v -> EventJson.instant(v, EventJson.text(t, "timeZone")));
    }
}
