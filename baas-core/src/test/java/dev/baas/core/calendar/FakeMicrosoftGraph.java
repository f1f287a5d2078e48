package dev.baas.core.calendar;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Microsoft's token endpoint and Graph's calendars on loopback, as documented: every refresh token works once and the
 * answer carries its successor (rotation), one default calendar, and a calendar view delta holding one occurrence of
 * a series with a Teams link, ending in a {@code @odata.deltaLink}.
 */
public final class FakeMicrosoftGraph implements AutoCloseable {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.0000000'").withZone(ZoneOffset.UTC);
    private final HttpServer server;
    private final Set<String> valid = new HashSet<>();
    /** Every refresh token presented, in order. */
    public final List<String> used = new ArrayList<>();
    private int issued;

    /** Starts with {@code firstRefreshToken} valid and one occurrence at {@code start}, half an hour long. */
    public FakeMicrosoftGraph(String firstRefreshToken, Instant start, String joinUrl) throws IOException {
        valid.add(firstRefreshToken);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String event = "{\"id\":\"o1\",\"subject\":\"Sync\",\"seriesMasterId\":\"M\",\"start\":{\"dateTime\":\"" + LOCAL.format(start)
                + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"" + LOCAL.format(start.plusSeconds(1800)) + "\",\"timeZone\":\"UTC\"},"
                + "\"onlineMeeting\":{\"joinUrl\":\"" + joinUrl + "\"}}";
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath(), body;
                int status = 200;
                if (path.endsWith("/token")) {
                    String rt = "";
                    for (String kv : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                        if (kv.startsWith("refresh_token=")) rt = URLDecoder.decode(kv.substring(14), StandardCharsets.UTF_8);
                    }
                    synchronized (this) {
                        used.add(rt);
                        if (valid.remove(rt)) {
                            String next = "ms-" + (++issued);
                            valid.add(next);
                            body = "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"at\",\"refresh_token\":\"" + next + "\"}";
                        } else {
                            status = 400;
                            body = "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired due to it being revoked.\"}";
                        }
                    }
                } else if (path.equals("/v1.0/me/calendars")) {
                    body = "{\"value\":[{\"id\":\"AAMk1\",\"name\":\"Calendar\",\"isDefaultCalendar\":true,\"owner\":{\"address\":\"ana@contoso.com\"}}]}";
                } else {
                    body = "{\"value\":[" + event + "],\"@odata.deltaLink\":\"" + uri("/v1.0/me/calendars/AAMk1/calendarView/delta?$deltatoken=d") + "\"}";
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
    }

    public URI uri(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    public URI tokenUrl() { return uri("/common/oauth2/v2.0/token"); }

    public URI apiUrl() { return uri("/v1.0"); }

    public synchronized List<String> used() { return List.copyOf(used); }

    @Override public void close() { server.stop(0); }
}
