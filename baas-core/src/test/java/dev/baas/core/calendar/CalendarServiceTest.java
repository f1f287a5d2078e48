package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.core.FakePlatform;
import dev.baas.core.store.BotRecord;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.WebhookPayloads;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.OAuthClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.baas.core.calendar.CalendarFixture.ACCOUNT;
import static dev.baas.core.calendar.CalendarFixture.T0;
import static dev.baas.core.calendar.FakeGoogleCalendar.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    CalendarFixture f;

    @AfterEach void stop() { if (f != null) f.close(); }

    static ObjectNode bot(String name) {
        ObjectNode n = JSON.createObjectNode().put("bot_name", name);
        n.putObject("extra").put("team", "core");
        return n;
    }

    static Instant at(int minutes) { return T0.plus(Duration.ofMinutes(minutes)); }

    @Test
    void botJoinsTheLeadTimeBeforeTheEventAndCarriesTheEventUuid() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("ev1", event("ev1", "Standup", at(5), at(35), "https://fake.test/standup"));
        CalendarRecord cal = f.connect();
        assertEquals(CalendarRecord.CalendarStatus.CONNECTED, cal.status());
        EventRecord e = f.event(cal, "ev1");
        assertEquals("https://fake.test/standup", e.meetingUrl());

        f.service.scheduleBot(ACCOUNT, e.uuid(), bot("Notetaker"), false);
        UUID botId = f.store.findEvent(e.uuid()).orElseThrow().botId().orElseThrow();
        BotRecord bot = f.baas.bot(botId).orElseThrow();
        assertEquals(Optional.of(e.uuid()), bot.eventUuid());
        assertEquals(Optional.of(at(1).getEpochSecond()), bot.config().startTime());
        assertEquals("core", bot.config().extra().get("team"));

        f.time.advance(Duration.ofSeconds(59));
        assertTrue(f.platform.sessions.isEmpty(), "the bot must not join before the lead time");
        f.time.advance(Duration.ofSeconds(1));
        FakePlatform.FakeSession session = f.platform.awaitSession();
        assertEquals(botId, session.context.botId());
        assertEquals("https://fake.test/standup", session.context.meeting().url());
    }

    @Test
    void aMovedEventMovesItsBotAndACancelledOneWithdrawsIt() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("ev1", event("ev1", "Review", at(30), at(60), "https://fake.test/review"));
        CalendarRecord cal = f.connect();
        EventRecord e = f.event(cal, "ev1");
        f.service.scheduleBot(ACCOUNT, e.uuid(), bot("Notetaker"), false);
        UUID first = f.store.findEvent(e.uuid()).orElseThrow().botId().orElseThrow();

        f.google.put("ev1", event("ev1", "Review", at(50), at(80), "https://fake.test/review"));
        CalendarService.SyncOutcome moved = f.service.sync(cal.uuid());
        assertEquals(List.of(e.uuid()), moved.affectedEvents());
        BotEvent end = f.awaitEnd(first);
        assertTrue(end instanceof BotEvent.Completed, "the first bot ends without joining: " + end);
        UUID second = f.store.findEvent(e.uuid()).orElseThrow().botId().orElseThrow();
        assertNotEquals(first, second);
        assertEquals(Optional.of(at(46).getEpochSecond()), f.baas.bot(second).orElseThrow().config().startTime());

        f.google.cancel("ev1");
        f.service.sync(cal.uuid());
        f.awaitEnd(second);
        EventRecord gone = f.store.findEvent(e.uuid()).orElseThrow();
        assertTrue(gone.deleted());
        f.time.advance(Duration.ofHours(2));
        assertTrue(f.platform.sessions.isEmpty(), "no bot joins a cancelled event");

        List<Delivery> hooks = f.outbox.list(ACCOUNT, Long.MAX_VALUE, 10);
        assertEquals(3, hooks.size(), "connect, move and cancel each notify");
        for (Delivery d : hooks) {
            assertEquals(WebhookPayloads.CALENDAR_SYNC_EVENTS, d.eventName());
            assertEquals(CalendarFixture.HOOK, d.url());
            var body = JSON.readTree(d.body());
            assertEquals(cal.uuid().toString(), body.path("data").path("calendar_id").asText());
            assertEquals(e.uuid().toString(), body.path("data").path("affected_event_uuids").path(0).asText());
            assertFalse(body.path("data").path("last_updated_ts").asText().isEmpty());
        }
    }

    @Test
    void allOccurrencesOfARecurringSeriesGetABotEach() throws Exception {
        f = new CalendarFixture(dir, CalendarSettings.defaults().withLaunchHorizon(Duration.ofHours(6)),
                java.util.random.RandomGenerator.getDefault());
        DateTimeFormatter ical = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        String master = event("weekly", "Sync", at(10), at(40), "https://fake.test/sync")
                .replace("\"status\"", "\"recurrence\":[\"RRULE:FREQ=HOURLY;COUNT=4\",\"EXDATE:" + ical.format(at(70)) + "\"],\"status\"");
        f.google.put("weekly", master);
        CalendarRecord cal = f.connect();
        List<EventRecord> occurrences = f.store.events(cal.uuid());
        assertEquals(List.of(at(10), at(130), at(190)), occurrences.stream().map(EventRecord::start).toList(),
                "three occurrences: the EXDATE removes the second");
        assertTrue(occurrences.stream().allMatch(o -> o.recurringEventId().equals(Optional.of("weekly"))));

        List<EventRecord> scheduled = f.service.scheduleBot(ACCOUNT, occurrences.getFirst().uuid(), bot("Notetaker"), true);
        assertEquals(3, scheduled.size());
        for (EventRecord o : scheduled) {
            BotRecord b = f.baas.bot(o.botId().orElseThrow()).orElseThrow();
            assertEquals(Optional.of(o.uuid()), b.eventUuid());
            assertEquals(Optional.of(o.start().minus(Duration.ofMinutes(4)).getEpochSecond()), b.config().startTime());
        }
        assertEquals(3, scheduled.stream().map(o -> o.botId().orElseThrow()).collect(Collectors.toSet()).size());

        // the series grows: the new occurrence gets a bot too
        f.google.put("weekly", master.replace("COUNT=4", "COUNT=5"));
        f.service.sync(cal.uuid());
        EventRecord fifth = f.event(cal, "weekly_" + ical.format(at(250)));
        assertTrue(fifth.botParam().isPresent());
        assertTrue(fifth.botId().isPresent());

        f.time.advance(Duration.ofMinutes(6));
        assertEquals(scheduled.getFirst().botId().orElseThrow(), f.platform.awaitSession().context.botId());

        // unscheduling the series withdraws every bot not yet started
        List<EventRecord> off = f.service.unscheduleBot(ACCOUNT, fifth.uuid(), true);
        assertTrue(off.stream().allMatch(o -> o.botParam().isEmpty() && o.botId().isEmpty()));
        f.awaitEnd(fifth.botId().get());
    }

    @Test
    void revokedRefreshTokenMarksTheCalendarAndStartsNoBot() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("ev1", event("ev1", "Later", at(180), at(210), "https://fake.test/later"));
        CalendarRecord cal = f.connect();
        EventRecord e = f.event(cal, "ev1");
        f.service.scheduleBot(ACCOUNT, e.uuid(), bot("Notetaker"), false);
        assertTrue(f.store.findEvent(e.uuid()).orElseThrow().botId().isEmpty(), "beyond the launch horizon: not sent yet");

        f.google.revokeRefreshTokens();
        f.time.advance(Duration.ofMinutes(150));
        CalendarService.SyncOutcome out = f.service.sync(cal.uuid());
        assertTrue(out.error().orElseThrow().contains("expired or revoked"), out.toString());
        CalendarRecord failed = f.store.findCalendar(cal.uuid()).orElseThrow();
        assertEquals(CalendarRecord.CalendarStatus.REFRESH_FAILED, failed.status());
        assertTrue(failed.error().orElseThrow().contains("authorize again"));
        assertTrue(f.store.findEvent(e.uuid()).orElseThrow().botId().isEmpty());
        assertEquals(0, f.baas.runningBots());

        BaasException refused = assertThrows(BaasException.class, () -> f.service.connect(ACCOUNT, "Google",
                new OAuthClient("cid", "csecret"), "rt-good", Optional.empty()));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertEquals(1, f.service.calendars(ACCOUNT).size());
    }

    @Test
    void aProviderOutageStillSendsTheBotsOfKnownEvents() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("ev1", event("ev1", "Later", at(180), at(210), "https://fake.test/later"));
        CalendarRecord cal = f.connect();
        EventRecord e = f.event(cal, "ev1");
        f.service.scheduleBot(ACCOUNT, e.uuid(), bot("Notetaker"), false);
        f.google.close();
        f.time.advance(Duration.ofMinutes(150));
        assertTrue(f.service.sync(cal.uuid()).error().isPresent());
        assertEquals(CalendarRecord.CalendarStatus.SYNC_FAILED, f.store.findCalendar(cal.uuid()).orElseThrow().status());
        UUID bot = f.store.findEvent(e.uuid()).orElseThrow().botId().orElseThrow();
        assertEquals(Optional.of(at(176).getEpochSecond()), f.baas.bot(bot).orElseThrow().config().startTime());
    }

    @Test
    void settingsComeFromConfigAndRefuseTypos() {
        CalendarSettings s = CalendarSettings.fromConfig(java.util.Map.of("lead_time", "PT2M", "sync_interval", "120", "sync_days", "14"));
        assertEquals(Duration.ofMinutes(2), s.leadTime());
        assertEquals(Duration.ofMinutes(2), s.syncInterval());
        assertEquals(14, s.syncDays());
        assertEquals(CalendarSettings.defaults().launchHorizon(), s.launchHorizon());
        assertEquals("calendar.lead_tme", assertThrows(BaasException.class,
                () -> CalendarSettings.fromConfig(java.util.Map.of("lead_tme", "1"))).violations().getFirst().field());
        assertEquals("calendar.sync_jitter", assertThrows(BaasException.class,
                () -> CalendarSettings.fromConfig(java.util.Map.of("sync_jitter", "1.5"))).violations().getFirst().field());
    }

    @Test
    void eventsWithoutAUsableLinkGetAClearErrorAndNoBot() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("ok", event("ok", "Fine", at(5), at(35), "https://fake.test/fine"));
        f.google.put("none", event("none", "No link", at(5), at(35), null));
        f.google.put("odd", event("odd", "Odd link", at(5), at(35), "https://unknown.example/j/1"));
        CalendarRecord cal = f.connect();
        f.service.scheduleBot(ACCOUNT, f.event(cal, "ok").uuid(), bot("Notetaker"), false);
        UUID okBot = f.event(cal, "ok").botId().orElseThrow();

        BaasException none = assertThrows(BaasException.class,
                () -> f.service.scheduleBot(ACCOUNT, f.event(cal, "none").uuid(), bot("Notetaker"), false));
        assertEquals(ErrorCode.INVALID_MEETING_URL, none.code());
        assertTrue(none.getMessage().contains("has no meeting link"), none.getMessage());
        BaasException odd = assertThrows(BaasException.class,
                () -> f.service.scheduleBot(ACCOUNT, f.event(cal, "odd").uuid(), bot("Notetaker"), false));
        assertTrue(odd.getMessage().contains("https://unknown.example/j/1 is not a meeting of a supported platform"), odd.getMessage());

        assertTrue(f.event(cal, "none").botError().orElseThrow().contains("has no meeting link"));
        assertTrue(f.event(cal, "odd").botId().isEmpty());
        assertEquals(Set.of(okBot), Set.copyOf(f.store.events(cal.uuid()).stream().flatMap(x -> x.botId().stream()).toList()));
        assertEquals(BotPhase.SCHEDULED, f.baas.bot(okBot).orElseThrow().phase());
        f.time.advance(Duration.ofMinutes(1));
        assertEquals(okBot, f.platform.awaitSession().context.botId());
    }

    @Test
    void aForgottenSyncTokenRunsAFullResyncThatDropsVanishedEvents() throws Exception {
        f = new CalendarFixture(dir);
        f.google.put("a", event("a", "A", at(60), at(90), "https://fake.test/a"));
        f.google.put("b", event("b", "B", at(120), at(150), "https://fake.test/b"));
        f.google.put("c", event("c", "C", at(180), at(210), "https://fake.test/c"));
        CalendarRecord cal = f.connect();
        assertEquals(3, f.store.events(cal.uuid()).size(), "three events over two pages");
        assertEquals(1, f.google.fullSyncs.get());

        f.service.sync(cal.uuid());
        assertEquals(1, f.google.fullSyncs.get(), "incremental while the token is good");

        f.google.drop("b");
        f.google.forgetSyncTokens();
        CalendarService.SyncOutcome out = f.service.sync(cal.uuid());
        assertEquals(2, f.google.fullSyncs.get());
        assertEquals(List.of(f.event(cal, "b").uuid()), out.affectedEvents());
        assertTrue(f.event(cal, "b").deleted());
        assertFalse(f.event(cal, "a").deleted());
    }

    @Test
    void calendarsSyncPeriodicallyOnTheInjectedSchedulerWithJitter() throws Exception {
        // a generator at its maximum: the interval stretched by the full jitter, 5 min * 1.1
        f = new CalendarFixture(dir, CalendarSettings.defaults(), () -> -1L);
        f.connect();
        int calls = f.google.eventCalls.get();
        f.service.start();
        f.time.advance(Duration.ofMinutes(5).plusSeconds(29));
        assertEquals(calls, f.google.eventCalls.get());
        f.time.advance(Duration.ofSeconds(2));
        assertEquals(calls + 1, f.google.eventCalls.get());
        f.time.advance(Duration.ofMinutes(6));
        assertEquals(calls + 2, f.google.eventCalls.get());
        f.service.close();
        f.time.advance(Duration.ofMinutes(12));
        assertEquals(calls + 2, f.google.eventCalls.get(), "no sync after close");
    }

    @Test
    void rotatedRefreshTokensAreStoredSealed() throws Exception {
        f = new CalendarFixture(dir);
        CalendarRecord cal = f.connect();
        String sealed = f.store.findCalendar(cal.uuid()).orElseThrow().refreshTokenSealed();
        assertFalse(sealed.contains("rt-good"));
        assertEquals("rt-good", f.cipher.open(sealed));
        assertFalse(f.store.findCalendar(cal.uuid()).orElseThrow().clientSecretSealed().contains("csecret"));
    }
}
