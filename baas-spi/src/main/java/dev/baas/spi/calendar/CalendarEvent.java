package dev.baas.spi.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as a provider reports it, reduced to what the engine needs.
 *
 * @param id               the provider's event id (an occurrence's own id for expanded instances)
 * @param recurringEventId the series the event belongs to, if any
 * @param meetingLinks     candidate meeting URLs, best first: conference data, Teams join URL, location, description
 * @param cancelled        the event was cancelled or deleted; other fields may then be missing
 * @param recurrence       RFC 5545 {@code RRULE}/{@code EXDATE}/{@code RDATE} lines, only on a series master the
 *                         provider did not expand
 * @param timeZone         the zone the recurrence rule is written in (for masters)
 * @param rawJson          the provider's JSON of the event, unchanged
 */
public record CalendarEvent(String id, Optional<String> recurringEventId, String title, Optional<Instant> start,
                            Optional<Instant> end, List<Attendee> attendees, Optional<Attendee> organizer,
                            boolean selfIsOrganizer, List<String> meetingLinks, boolean cancelled,
                            List<String> recurrence, Optional<String> timeZone, Optional<Instant> updated,
                            String rawJson) {
    public CalendarEvent {
        Objects.requireNonNull(id, "id");
        recurringEventId = recurringEventId == null ? Optional.empty() : recurringEventId;
        title = title == null ? "" : title;
        start = start == null ? Optional.empty() : start;
        end = end == null ? Optional.empty() : end;
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        organizer = organizer == null ? Optional.empty() : organizer;
        meetingLinks = meetingLinks == null ? List.of() : List.copyOf(meetingLinks);
        recurrence = recurrence == null ? List.of() : List.copyOf(recurrence);
        timeZone = timeZone == null ? Optional.empty() : timeZone;
        updated = updated == null ? Optional.empty() : updated;
        rawJson = rawJson == null ? "{}" : rawJson;
    }

    /** A series master whose occurrences the engine must expand itself. */
    public boolean isSeriesMaster() { return !recurrence.isEmpty(); }
}
