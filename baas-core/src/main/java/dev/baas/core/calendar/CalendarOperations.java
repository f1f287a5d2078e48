package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.spi.BaasException;
import dev.baas.spi.Violation;
import dev.baas.spi.calendar.Attendee;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.RawCalendar;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * v1's calendar operations (#11–#22) with v1's request and response bodies as Jackson trees, so an HTTP layer only
 * maps routes to methods. Failures are {@link BaasException}s naming the field at fault.
 */
public final class CalendarOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    public static final int DEFAULT_RESYNC_DAYS = 30;
    private final CalendarService calendars;

    public CalendarOperations(CalendarService calendars) { this.calendars = calendars; }

    /** {@code POST /calendars/raw}: {@code {calendars: [{id, email, is_primary}]}}. */
    public ObjectNode listRawCalendars(String accountId, JsonNode body) {
        Credentials c = credentials(body);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("calendars");
        for (RawCalendar r : calendars.rawCalendars(c.platform(), c.client(), c.refreshToken())) {
            list.addObject().put("id", r.id()).put("email", r.email().isBlank() ? r.id() : r.email()).put("is_primary", r.primary());
        }
        return out;
    }

    /** {@code GET /calendars/}: Calendar[]. */
    public ArrayNode listCalendars(String accountId) {
        ArrayNode out = NODES.arrayNode();
        calendars.calendars(accountId).forEach(c -> out.add(calendar(c)));
        return out;
    }

    /** {@code POST /calendars/}: {@code {calendar: Calendar}}. */
    public ObjectNode createCalendar(String accountId, JsonNode body) {
        Credentials c = credentials(body);
        Optional<String> raw = optionalText(body, "raw_calendar_id");
        return wrap(calendars.connect(accountId, c.platform(), c.client(), c.refreshToken(), raw));
    }

    /** {@code GET /calendars/{uuid}}: Calendar. */
    public ObjectNode getCalendar(String accountId, String uuid) { return calendar(calendars.calendar(accountId, uuid(uuid, "uuid"))); }

    /** {@code PATCH /calendars/{uuid}}: {@code {calendar: Calendar}}. */
    public ObjectNode updateCalendar(String accountId, String uuid, JsonNode body) {
        Credentials c = credentials(body);
        return wrap(calendars.update(accountId, uuid(uuid, "uuid"), c.platform(), c.client(), c.refreshToken()));
    }

    /** {@code DELETE /calendars/{uuid}}: 200 without body. */
    public void deleteCalendar(String accountId, String uuid) { calendars.delete(accountId, uuid(uuid, "uuid")); }

    /** {@code POST /calendars/resync_all?days=}: {@code {synced_calendars: uuid[], errors: [[uuid, message]]}}. */
    public ObjectNode resyncAll(String accountId, Optional<Integer> days) {
        ObjectNode out = NODES.objectNode();
        ArrayNode ok = out.putArray("synced_calendars");
        ArrayNode errors = out.putArray("errors");
        for (CalendarService.SyncOutcome o : calendars.resyncAll(accountId, days.orElse(DEFAULT_RESYNC_DAYS))) {
            if (o.error().isPresent()) errors.addArray().add(o.calendarUuid().toString()).add(o.error().get());
            else ok.add(o.calendarUuid().toString());
        }
        return out;
    }

    /**
     * {@code GET /calendar_events/}: {@code {data: Event[], next}}; query keys {@code calendar_id} (required),
     * {@code status}, {@code start_date_gte}, {@code start_date_lte}, {@code updated_at_gte}, {@code attendee_email},
     * {@code organizer_email}, {@code cursor}.
     */
    public ObjectNode listEvents(String accountId, Map<String, String> query) {
        String calendarId = Optional.ofNullable(query.get("calendar_id")).filter(s -> !s.isBlank())
                .orElseThrow(() -> BaasException.invalid("calendar_id", "is required"));
        CalendarService.EventFilter f = new CalendarService.EventFilter(query.getOrDefault("status", "upcoming"),
                time(query, "start_date_gte"), time(query, "start_date_lte"), time(query, "updated_at_gte"),
                Optional.ofNullable(query.get("attendee_email")), Optional.ofNullable(query.get("organizer_email")));
        CalendarService.EventPage page = calendars.events(accountId, uuid(calendarId, "calendar_id"), f,
                Optional.ofNullable(query.get("cursor")).filter(s -> !s.isBlank()));
        ObjectNode out = NODES.objectNode();
        ArrayNode data = out.putArray("data");
        page.events().forEach(e -> data.add(event(e)));
        if (page.next().isPresent()) out.put("next", page.next().get());
        else out.putNull("next");
        return out;
    }

    /** {@code GET /calendar_events/{uuid}}: Event. */
    public ObjectNode getEvent(String accountId, String uuid) { return event(calendars.event(accountId, uuid(uuid, "uuid"))); }

    /** {@code POST /calendar_events/{uuid}/bot?all_occurrences=}: Event[]. */
    public ArrayNode scheduleBot(String accountId, String uuid, boolean allOccurrences, JsonNode body) {
        return events(calendars.scheduleBot(accountId, uuid(uuid, "uuid"), body, allOccurrences));
    }

    /** {@code PATCH /calendar_events/{uuid}/bot?all_occurrences=}: Event[]. */
    public ArrayNode patchBot(String accountId, String uuid, boolean allOccurrences, JsonNode body) {
        return events(calendars.patchBot(accountId, uuid(uuid, "uuid"), body, allOccurrences));
    }

    /** {@code DELETE /calendar_events/{uuid}/bot?all_occurrences=}: Event[]. */
    public ArrayNode unscheduleBot(String accountId, String uuid, boolean allOccurrences) {
        return events(calendars.unscheduleBot(accountId, uuid(uuid, "uuid"), allOccurrences));
    }

    static ObjectNode calendar(CalendarRecord c) {
        ObjectNode o = NODES.objectNode();
        o.put("uuid", c.uuid().toString());
        o.put("email", c.email());
        o.put("google_id", c.rawCalendarId());
        o.put("name", c.name());
        o.putNull("resource_id");
        return o;
    }

    private static ObjectNode wrap(CalendarRecord c) {
        ObjectNode o = NODES.objectNode();
        o.set("calendar", calendar(c));
        return o;
    }

    private static ArrayNode events(List<EventRecord> events) {
        ArrayNode out = NODES.arrayNode();
        events.forEach(e -> out.add(event(e)));
        return out;
    }

    /** v1's Event; {@code bot_error} (beyond v1) appears only when a bot could not be sent. */
    static ObjectNode event(EventRecord e) {
        ObjectNode o = NODES.objectNode();
        o.put("uuid", e.uuid().toString());
        o.put("calendar_uuid", e.calendarUuid().toString());
        o.put("google_id", e.providerId());
        o.put("name", e.name());
        o.put("meeting_url", e.meetingUrl());
        o.put("start_time", Baas.iso(e.start()));
        o.put("end_time", Baas.iso(e.end()));
        o.put("last_updated_at", Baas.iso(e.lastUpdatedAt()));
        o.put("deleted", e.deleted());
        o.put("is_organizer", e.isOrganizer());
        o.put("is_recurring", e.isRecurring());
        ArrayNode attendees = o.putArray("attendees");
        for (Attendee a : e.attendees()) {
            ObjectNode n = attendees.addObject().put("email", a.email());
            if (a.name().isPresent()) n.put("name", a.name().get());
            else n.putNull("name");
        }
        o.set("raw", raw(e.raw()));
        if (e.recurringEventId().isPresent()) o.put("recurring_event_id", e.recurringEventId().get());
        else o.putNull("recurring_event_id");
        if (e.botParam().isPresent()) o.set("bot_param", BotParams.toV1(BotParams.parse(e.botParam().get())));
        else o.putNull("bot_param");
        e.botError().ifPresent(err -> o.put("bot_error", err));
        return o;
    }

    private static JsonNode raw(String json) {
        try {
            return BotParams.JSON.readTree(json);
        } catch (IOException e) {
            return NODES.objectNode();
        }
    }

    private record Credentials(String platform, OAuthClient client, String refreshToken) {}

    private static Credentials credentials(JsonNode body) {
        if (body == null || !body.isObject()) throw BaasException.invalid("body", "must be a JSON object");
        List<Violation> v = new ArrayList<>();
        for (String f : List.of("oauth_client_id", "oauth_client_secret", "oauth_refresh_token", "platform")) {
            if (!body.path(f).isTextual() || body.path(f).asText().isBlank()) v.add(new Violation(f, "is required"));
        }
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return new Credentials(body.get("platform").asText(),
                new OAuthClient(body.get("oauth_client_id").asText(), body.get("oauth_client_secret").asText()),
                body.get("oauth_refresh_token").asText());
    }

    static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw BaasException.invalid(field, "must be a UUID");
        }
    }

    private static Optional<Instant> time(Map<String, String> query, String key) {
        String v = query.get(key);
        if (v == null || v.isBlank()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(v));
            } catch (DateTimeParseException again) {
                throw BaasException.invalid(key, "must be an ISO-8601 date-time");
            }
        }
    }
}
