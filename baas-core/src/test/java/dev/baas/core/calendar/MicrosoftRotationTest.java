package dev.baas.core.calendar;

import dev.baas.calendar.ApiClient;
import dev.baas.calendar.microsoft.MicrosoftCalendarProvider;
import dev.baas.core.Baas;
import dev.baas.core.FakePlatform;
import dev.baas.core.FakeTime;
import dev.baas.spi.calendar.OAuthClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Microsoft rotates refresh tokens: a calendar keeps syncing only if every new one is stored. */
class MicrosoftRotationTest {
    @TempDir Path dir;

    @Test
    void everyRotatedRefreshTokenIsPersistedSoSyncsKeepWorking() throws Exception {
        FakeMicrosoftGraph graph = new FakeMicrosoftGraph("ms-0", Instant.parse("2026-11-25T12:00:00Z"), "https://fake.test/teams");
        FakeTime time = new FakeTime(CalendarFixture.T0);
        try (Baas baas = Baas.builder().clock(time).scheduler(time).platform(new FakePlatform()).dataDirectory(dir).build()) {
            InMemoryCalendarStore store = new InMemoryCalendarStore();
            TokenCipher cipher = new TokenCipher(new byte[32]);
            CalendarService service = CalendarService.builder(baas, store, cipher, time)
                    .provider(new MicrosoftCalendarProvider(graph.tokenUrl(), graph.apiUrl(),
                            "offline_access Calendars.Read", 50, new ApiClient.Policy(2, Duration.ofMillis(1), Duration.ofSeconds(1), d -> { }),
                            ApiClient.defaultHttp()))
                    .build();
            CalendarRecord cal = service.connect("acct", "Microsoft", new OAuthClient("c", "s"), "ms-0", Optional.empty());
            assertEquals(CalendarRecord.CalendarStatus.CONNECTED, cal.status(), cal.error().toString());
            assertEquals("https://fake.test/teams", store.events(cal.uuid()).getFirst().meetingUrl());
            for (int i = 0; i < 3; i++) assertTrue(service.sync(cal.uuid()).error().isEmpty());
            assertEquals(List.of("ms-0", "ms-1", "ms-2", "ms-3", "ms-4"), graph.used());
            assertEquals("ms-5", cipher.open(store.findCalendar(cal.uuid()).orElseThrow().refreshTokenSealed()));
            assertTrue(store.findCalendar(cal.uuid()).orElseThrow().syncToken().orElseThrow().endsWith("$deltatoken=d"));
        } finally {
            graph.close();
        }
    }
}
