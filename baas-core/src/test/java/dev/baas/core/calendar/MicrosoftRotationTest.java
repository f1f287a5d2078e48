package dev.baas.core.calendar;

import com.sun.net.httpserver.HttpServer;
import dev.baas.calendar.ApiClient;
import dev.baas.calendar.microsoft.MicrosoftCalendarProvider;
import dev.baas.core.Baas;
import dev.baas.core.FakePlatform;
import dev.baas.core.FakeTime;
import dev.baas.spi.calendar.OAuthClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Microsoft rotates refresh tokens: a calendar keeps syncing only if every new one is stored. */
class MicrosoftRotationTest {
    @TempDir Path dir;

    @Test
    void everyRotatedRefreshTokenIsPersistedSoSyncsKeepWorking() throws Exception {
        Set<String> valid = new HashSet<>(Set.of("ms-0"));
        List<String> used = new ArrayList<>();
        int[] issued = {0};
        HttpServer graph = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + graph.getAddress().getPort();
        graph.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath(), body;
                int status = 200;
                if (path.endsWith("/token")) {
                    String rt = "";
                    for (String kv : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                        if (kv.startsWith("refresh_token=")) rt = URLDecoder.decode(kv.substring(14), StandardCharsets.UTF_8);
                    }
                    synchronized (valid) {
                        used.add(rt);
                        if (valid.remove(rt)) {
                            String next = "ms-" + (++issued[0]);
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
                    body = "{\"value\":[{\"id\":\"o1\",\"subject\":\"Sync\",\"seriesMasterId\":\"M\",\"start\":{\"dateTime\":\"2026-11-25T12:00:00.0000000\",\"timeZone\":\"UTC\"},"
                            + "\"end\":{\"dateTime\":\"2026-11-25T12:30:00.0000000\",\"timeZone\":\"UTC\"},"
                            + "\"onlineMeeting\":{\"joinUrl\":\"https://fake.test/teams\"}}],"
                            + "\"@odata.deltaLink\":\"" + base + "/v1.0/me/calendars/AAMk1/calendarView/delta?$deltatoken=d\"}";
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length);
                ex.getResponseBody().write(b);
            }
        });
        graph.start();
        FakeTime time = new FakeTime(CalendarFixture.T0);
        try (Baas baas = Baas.builder().clock(time).scheduler(time).platform(new FakePlatform()).dataDirectory(dir).build()) {
            InMemoryCalendarStore store = new InMemoryCalendarStore();
            TokenCipher cipher = new TokenCipher(new byte[32]);
            CalendarService service = CalendarService.builder(baas, store, cipher, time)
                    .provider(new MicrosoftCalendarProvider(URI.create(base + "/common/oauth2/v2.0/token"), URI.create(base + "/v1.0"),
                            "offline_access Calendars.Read", 50, new ApiClient.Policy(2, Duration.ofMillis(1), Duration.ofSeconds(1), d -> { }),
                            ApiClient.defaultHttp()))
                    .build();
            CalendarRecord cal = service.connect("acct", "Microsoft", new OAuthClient("c", "s"), "ms-0", Optional.empty());
            assertEquals(CalendarRecord.CalendarStatus.CONNECTED, cal.status(), cal.error().toString());
            assertEquals("https://fake.test/teams", store.events(cal.uuid()).getFirst().meetingUrl());
            for (int i = 0; i < 3; i++) assertTrue(service.sync(cal.uuid()).error().isEmpty());
            assertEquals(List.of("ms-0", "ms-1", "ms-2", "ms-3", "ms-4"), used);
            assertEquals("ms-5", cipher.open(store.findCalendar(cal.uuid()).orElseThrow().refreshTokenSealed()));
            assertTrue(store.findCalendar(cal.uuid()).orElseThrow().syncToken().orElseThrow().endsWith("$deltatoken=d"));
        } finally {
            graph.stop(0);
        }
    }
}
