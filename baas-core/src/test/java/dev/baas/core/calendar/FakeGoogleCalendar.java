package dev.baas.core.calendar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google Calendar v3 and Google's token endpoint on loopback, as documented: refresh tokens that can be revoked,
 * events.list paged by {@code nextPageToken} with {@code nextSyncToken} on the last page, incremental sync returning
 * changes (cancellations as {@code status: cancelled}), and 410 Gone for sync tokens it forgot.
 */
public final class FakeGoogleCalendar implements AutoCloseable {
    public static final String CALENDAR = "ana@example.com";
    private final HttpServer server;
    private final Map<String, String> events = new LinkedHashMap<>();
    private final List<String> changeLog = new ArrayList<>();
    private final Map<String, Integer> tokens = new HashMap<>();
    private final Set<String> refreshTokens = new LinkedHashSet<>(Set.of("rt-good"));
    private final AtomicInteger nextToken = new AtomicInteger();
    public final AtomicInteger eventCalls = new AtomicInteger();
    public final AtomicInteger fullSyncs = new AtomicInteger();
    private final int pageSize;

    public FakeGoogleCalendar(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    public synchronized void put(String id, String json) {
        events.put(id, json);
        changeLog.add(id);
    }

    public synchronized void cancel(String id) {
        events.put(id, "{\"id\":\"" + id + "\",\"status\":\"cancelled\"}");
        changeLog.add(id);
    }

    /** Removes an event without recording a change: only a full sync can notice. */
    public synchronized void drop(String id) { events.remove(id); }

    public synchronized void revokeRefreshTokens() { refreshTokens.clear(); }

    public synchronized void forgetSyncTokens() { tokens.clear(); }

    public static String event(String id, String summary, Instant start, Instant end, String link) {
        return "{\"id\":\"" + id + "\",\"status\":\"confirmed\",\"summary\":\"" + summary + "\","
                + "\"start\":{\"dateTime\":\"" + start + "\"},\"end\":{\"dateTime\":\"" + end + "\"},"
                + (link == null ? "" : "\"conferenceData\":{\"entryPoints\":[{\"entryPointType\":\"video\",\"uri\":\"" + link + "\"}]},")
                + "\"organizer\":{\"email\":\"ana@example.com\",\"self\":true},"
                + "\"attendees\":[{\"email\":\"bo@example.com\",\"displayName\":\"Bo\"}],\"updated\":\"2026-11-20T09:00:00Z\"}";
    }

    private synchronized Answer route(String method, String path, Map<String, String> q, Map<String, String> form, String auth) {
        if (path.equals("/token")) {
            if (refreshTokens.contains(form.get("refresh_token")))
                return new Answer(200, "{\"access_token\":\"at\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
            return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        }
        if (!"Bearer at".equals(auth)) return new Answer(401, "{\"error\":{\"code\":401,\"errors\":[{\"reason\":\"authError\"}]}}");
        if (path.equals("/v3/users/me/calendarList"))
            return new Answer(200, "{\"items\":[{\"id\":\"" + CALENDAR + "\",\"summary\":\"Ana\",\"primary\":true}]}");
        if (!path.equals("/v3/calendars/ana%40example.com/events")) return new Answer(404, "{}");
        eventCalls.incrementAndGet();
        List<String> items = new ArrayList<>();
        String sync = q.get("syncToken");
        if (sync != null) {
            Integer from = tokens.get(sync);
            if (from == null) return new Answer(410, "{\"error\":{\"code\":410,\"errors\":[{\"reason\":\"fullSyncRequired\"}]}}");
            for (String id : new LinkedHashSet<>(changeLog.subList(from, changeLog.size()))) items.add(events.get(id));
        } else {
            if (q.get("pageToken") == null) fullSyncs.incrementAndGet();
            for (String json : events.values()) if (!json.contains("\"cancelled\"")) items.add(json);
        }
        int offset = q.containsKey("pageToken") ? Integer.parseInt(q.get("pageToken")) : 0;
        int end = Math.min(items.size(), offset + pageSize);
        StringBuilder body = new StringBuilder("{\"items\":[").append(String.join(",", items.subList(offset, end))).append("]");
        if (end < items.size()) body.append(",\"nextPageToken\":\"").append(end).append("\"");
        else {
            String token = "st" + nextToken.incrementAndGet();
            tokens.put(token, changeLog.size());
            body.append(",\"nextSyncToken\":\"").append(token).append("\"");
        }
        return new Answer(200, body.append("}").toString());
    }

    private record Answer(int status, String body) {}

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer a = route(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), parse(ex.getRequestURI().getRawQuery()),
                    parse(form), ex.getRequestHeaders().getFirst("Authorization"));
            byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), b.length);
            ex.getResponseBody().write(b);
        }
    }

    private static Map<String, String> parse(String q) {
        Map<String, String> m = new HashMap<>();
        if (q == null || q.isEmpty()) return m;
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override public void close() { server.stop(0); }
}
