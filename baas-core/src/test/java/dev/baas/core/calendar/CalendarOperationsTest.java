package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.baas.core.calendar.CalendarFixture.ACCOUNT;
import static dev.baas.core.calendar.CalendarFixture.T0;
import static dev.baas.core.calendar.FakeGoogleCalendar.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarOperationsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    CalendarFixture f;
    CalendarOperations ops;

    @AfterEach void stop() { if (f != null) f.close(); }

    static ObjectNode credentials() {
        return JSON.createObjectNode().put("oauth_client_id", "cid").put("oauth_client_secret", "csecret")
                .put("oauth_refresh_token", "rt-good").put("platform", "Google");
    }

    void start() throws Exception {
        f = new CalendarFixture(dir);
        ops = new CalendarOperations(f.service);
    }

    @Test
    void calendarsHaveTheV1Shapes() throws Exception {
        start();
        JsonNode raw = ops.listRawCalendars(ACCOUNT, credentials());
        assertEquals(JSON.readTree("{\"calendars\":[{\"id\":\"ana@example.com\",\"email\":\"ana@example.com\",\"is_primary\":true}]}"), raw);

        JsonNode created = ops.createCalendar(ACCOUNT, credentials()).path("calendar");
        String uuid = created.path("uuid").asText();
        assertEquals(Set.of("uuid", "email", "google_id", "name", "resource_id"), fields(created));
        assertEquals("ana@example.com", created.path("google_id").asText());
        assertTrue(created.path("resource_id").isNull());
        assertEquals(created, ops.getCalendar(ACCOUNT, uuid));
        assertEquals(List.of(created), List.copyOf(iter(ops.listCalendars(ACCOUNT))));
        assertEquals(created, ops.updateCalendar(ACCOUNT, uuid, credentials()).path("calendar"));

        JsonNode resync = ops.resyncAll(ACCOUNT, Optional.empty());
        assertEquals(uuid, resync.path("synced_calendars").path(0).asText());
        assertEquals(0, resync.path("errors").size());
        f.google.revokeRefreshTokens();
        JsonNode failed = ops.resyncAll(ACCOUNT, Optional.of(7));
        assertEquals(uuid, failed.path("errors").path(0).path(0).asText());
        assertTrue(failed.path("errors").path(0).path(1).asText().contains("expired or revoked"));

        BaasException missing = assertThrows(BaasException.class, () -> ops.createCalendar(ACCOUNT,
                credentials().put("platform", "Yahoo")));
        assertEquals("platform", missing.violations().getFirst().field());
        BaasException noSecret = assertThrows(BaasException.class, () -> ops.createCalendar(ACCOUNT,
                (ObjectNode) credentials().without("oauth_client_secret")));
        assertEquals("oauth_client_secret", noSecret.violations().getFirst().field());

        ops.deleteCalendar(ACCOUNT, uuid);
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(BaasException.class, () -> ops.getCalendar(ACCOUNT, uuid)).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(BaasException.class, () -> ops.getCalendar("intruder", uuid)).code());
    }

    @Test
    void eventsPageByHundredsAndCarryTheirBotParams() throws Exception {
        start();
        for (int i = 0; i < 120; i++) {
            f.google.put("e" + i, event("e" + i, "Meeting " + i, T0.plus(Duration.ofHours(i + 2)), T0.plus(Duration.ofHours(i + 3)),
                    "https://fake.test/m" + i));
        }
        String cal = ops.createCalendar(ACCOUNT, credentials()).path("calendar").path("uuid").asText();
        Map<String, String> q = new HashMap<>(Map.of("calendar_id", cal));
        JsonNode first = ops.listEvents(ACCOUNT, q);
        assertEquals(100, first.path("data").size());
        q.put("cursor", first.path("next").asText());
        JsonNode second = ops.listEvents(ACCOUNT, q);
        assertEquals(20, second.path("data").size());
        assertTrue(second.path("next").isNull());
        assertEquals("e119", second.path("data").path(19).path("google_id").asText());

        JsonNode e = first.path("data").path(0);
        assertEquals(Set.of("uuid", "calendar_uuid", "google_id", "name", "meeting_url", "start_time", "end_time",
                "last_updated_at", "deleted", "is_organizer", "is_recurring", "attendees", "raw", "recurring_event_id",
                "bot_param"), fields(e));
        assertEquals("2026-11-25T12:00:00.000Z", e.path("start_time").asText());
        assertEquals("Bo", e.path("attendees").path(0).path("name").asText());
        assertEquals("e0", e.path("raw").path("id").asText());
        assertTrue(e.path("bot_param").isNull());

        q.remove("cursor");
        q.put("start_date_gte", "2026-11-30T00:00:00Z");
        q.put("start_date_lte", "2026-11-30T05:00:00+00:00");
        assertEquals(6, ops.listEvents(ACCOUNT, q).path("data").size());
        q.put("organizer_email", "nobody@example.com");
        assertEquals(0, ops.listEvents(ACCOUNT, q).path("data").size());
        q.put("start_date_gte", "yesterday");
        assertEquals("start_date_gte", assertThrows(BaasException.class, () -> ops.listEvents(ACCOUNT, q)).violations().getFirst().field());

        String uuid = e.path("uuid").asText();
        ObjectNode body = JSON.createObjectNode().put("bot_name", "Notetaker").put("recording_mode", "audio_only")
                .put("speech_to_text", "Default").put("noone_joined_timeout", 300);
        JsonNode scheduled = ops.scheduleBot(ACCOUNT, uuid, false, body).path(0).path("bot_param");
        assertEquals("Notetaker", scheduled.path("bot_name").asText());
        assertEquals("audio_only", scheduled.path("recording_mode").asText());
        assertEquals("Default", scheduled.path("speech_to_text_provider").asText());
        assertEquals(300, scheduled.path("noone_joined_timeout").asInt());
        assertTrue(scheduled.path("zoom_sdk_id").isNull());
        assertEquals("", scheduled.path("webhook_url").asText());

        JsonNode patched = ops.patchBot(ACCOUNT, uuid, false, JSON.createObjectNode().put("bot_name", "Scribe").putNull("recording_mode"))
                .path(0).path("bot_param");
        assertEquals("Scribe", patched.path("bot_name").asText());
        assertEquals("audio_only", patched.path("recording_mode").asText(), "null fields of a patch change nothing");
        assertEquals("Scribe", ops.getEvent(ACCOUNT, uuid).path("bot_param").path("bot_name").asText());

        BaasException bad = assertThrows(BaasException.class, () -> ops.scheduleBot(ACCOUNT, uuid, false,
                JSON.createObjectNode().put("bot_name", "N").put("recording_mode", "hologram")));
        assertEquals("recording_mode", bad.violations().getFirst().field());
        assertEquals("bot_name", assertThrows(BaasException.class,
                () -> ops.scheduleBot(ACCOUNT, uuid, false, JSON.createObjectNode())).violations().getFirst().field());

        assertTrue(ops.unscheduleBot(ACCOUNT, uuid, false).path(0).path("bot_param").isNull());
        assertFalse(ops.getEvent(ACCOUNT, uuid).has("bot_error"));
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> out = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<JsonNode> iter(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
