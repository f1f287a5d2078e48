package dev.baas.core.calendar;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where connected calendars, their events and Zoom connections live. Saves are upserts by uuid. */
public interface CalendarStore {
    void saveCalendar(CalendarRecord calendar);

    Optional<CalendarRecord> findCalendar(UUID uuid);

    /** An account's calendars, oldest first; every account's when {@code accountId} is empty. */
    List<CalendarRecord> calendars(Optional<String> accountId);

    /** Deletes the calendar and its events. */
    void deleteCalendar(UUID uuid);

    void saveEvents(List<EventRecord> events);

    Optional<EventRecord> findEvent(UUID uuid);

    /** A calendar's events, deleted ones included, by start time. */
    List<EventRecord> events(UUID calendarUuid);

    void saveZoom(ZoomConnection connection);

    Optional<ZoomConnection> findZoom(UUID uuid);

    List<ZoomConnection> zoomConnections(String accountId);

    boolean deleteZoom(UUID uuid);
}
