package dev.baas.core.calendar;

import dev.baas.core.calendar.CalendarRecord.CalendarStatus;
import dev.baas.spi.calendar.Attendee;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link CalendarStore} must do; each implementation's test supplies a fresh store. */
abstract class CalendarStoreContract {
    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    abstract CalendarStore store();

    static CalendarRecord calendar(UUID id, String account, Instant created) {
        return new CalendarRecord(id, account, "Google", "cid", "v1:secret", "v1:refresh", "ana@example.com", "Ana",
                "ana@example.com", Optional.empty(), CalendarStatus.CONNECTED, Optional.empty(), created, Optional.empty());
    }

    static EventRecord event(UUID cal, String providerId, Instant start) {
        return new EventRecord(UUID.randomUUID(), cal, providerId, Optional.of("series"), "Standup", "https://fake.test/x",
                start, start.plusSeconds(1800), T, false, true,
                List.of(new Attendee("bo@example.com", Optional.of("Bo")), new Attendee("cy@example.com", Optional.empty())),
                Optional.of("ana@example.com"), "{\"id\":\"" + providerId + "\",\"summary\":\"Standup\"}",
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    @Test
    void calendarsRoundTripAndUpdateInPlace() {
        CalendarStore s = store();
        CalendarRecord a = calendar(UUID.randomUUID(), "acct", T);
        CalendarRecord b = calendar(UUID.randomUUID(), "acct", T.plusSeconds(5));
        s.saveCalendar(b);
        s.saveCalendar(a);
        s.saveCalendar(calendar(UUID.randomUUID(), "other", T));
        assertEquals(List.of(a, b), s.calendars(Optional.of("acct")));
        assertEquals(3, s.calendars(Optional.empty()).size());
        CalendarRecord synced = a.synced(Optional.of("token-1"), T.plusSeconds(60));
        s.saveCalendar(synced);
        assertEquals(Optional.of(synced), s.findCalendar(a.uuid()));
        CalendarRecord failed = synced.failed(CalendarStatus.REFRESH_FAILED, "revoked");
        s.saveCalendar(failed);
        assertEquals(Optional.of(failed), s.findCalendar(a.uuid()));
    }

    @Test
    void eventsKeepEveryFieldAndDieWithTheirCalendar() {
        CalendarStore s = store();
        CalendarRecord c = calendar(UUID.randomUUID(), "acct", T);
        s.saveCalendar(c);
        EventRecord late = event(c.uuid(), "late", T.plusSeconds(7200));
        EventRecord early = event(c.uuid(), "early", T.plusSeconds(60));
        s.saveEvents(List.of(late, early));
        assertEquals(List.of(early, late), s.events(c.uuid()));
        EventRecord withBot = early.withBot(Optional.of("{\"bot_name\":\"N\"}"), true, Optional.of(UUID.randomUUID()), Optional.empty());
        s.saveEvents(List.of(withBot, late.deleted(T.plusSeconds(9))));
        assertEquals(Optional.of(withBot), s.findEvent(early.uuid()));
        assertTrue(s.findEvent(late.uuid()).orElseThrow().deleted());
        s.deleteCalendar(c.uuid());
        assertTrue(s.findCalendar(c.uuid()).isEmpty());
        assertTrue(s.events(c.uuid()).isEmpty());
        assertTrue(s.findEvent(early.uuid()).isEmpty());
    }

    @Test
    void zoomConnectionsRoundTrip() {
        CalendarStore s = store();
        ZoomConnection z = new ZoomConnection(UUID.randomUUID(), "acct", "zu1", Optional.of("za"), Optional.of("user:read:user"),
                "zc", "v1:s", "v1:r", ZoomConnection.State.CONNECTED, Optional.empty(), T, T);
        s.saveZoom(z);
        assertEquals(List.of(z), s.zoomConnections("acct"));
        ZoomConnection failed = new ZoomConnection(z.uuid(), "acct", "zu1", Optional.empty(), Optional.empty(), "zc", "v1:s", "v1:r",
                ZoomConnection.State.REFRESH_FAILED, Optional.of("invalid_grant"), T, T.plusSeconds(1));
        s.saveZoom(failed);
        assertEquals(Optional.of(failed), s.findZoom(z.uuid()));
        assertTrue(s.zoomConnections("other").isEmpty());
        assertTrue(s.deleteZoom(z.uuid()));
        assertFalse(s.deleteZoom(z.uuid()));
    }
}
