package dev.baas.core.calendar;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Calendars in memory, for embedding and tests. */
public final class InMemoryCalendarStore implements CalendarStore {
    private final Map<UUID, CalendarRecord> calendars = new LinkedHashMap<>();
    private final Map<UUID, EventRecord> events = new LinkedHashMap<>();
    private final Map<UUID, ZoomConnection> zoom = new LinkedHashMap<>();

    @Override public synchronized void saveCalendar(CalendarRecord c) { calendars.put(c.uuid(), c); }

    @Override public synchronized Optional<CalendarRecord> findCalendar(UUID uuid) { return Optional.ofNullable(calendars.get(uuid)); }

    @Override
    public synchronized List<CalendarRecord> calendars(Optional<String> accountId) {
        return calendars.values().stream().filter(c -> accountId.map(c.accountId()::equals).orElse(true))
                .sorted(Comparator.comparing(CalendarRecord::createdAt)).toList();
    }

    @Override
    public synchronized void deleteCalendar(UUID uuid) {
        calendars.remove(uuid);
        events.values().removeIf(e -> e.calendarUuid().equals(uuid));
    }

    @Override public synchronized void saveEvents(List<EventRecord> list) { list.forEach(e -> events.put(e.uuid(), e)); }

    @Override public synchronized Optional<EventRecord> findEvent(UUID uuid) { return Optional.ofNullable(events.get(uuid)); }

    @Override
    public synchronized List<EventRecord> events(UUID calendarUuid) {
        return events.values().stream().filter(e -> e.calendarUuid().equals(calendarUuid))
                .sorted(Comparator.comparing(EventRecord::start).thenComparing(EventRecord::providerId)).toList();
    }

    @Override public synchronized void saveZoom(ZoomConnection c) { zoom.put(c.uuid(), c); }

    @Override public synchronized Optional<ZoomConnection> findZoom(UUID uuid) { return Optional.ofNullable(zoom.get(uuid)); }

    @Override
    public synchronized List<ZoomConnection> zoomConnections(String accountId) {
        return zoom.values().stream().filter(z -> z.accountId().equals(accountId)).sorted(Comparator.comparing(ZoomConnection::createdAt)).toList();
    }

    @Override public synchronized boolean deleteZoom(UUID uuid) { return zoom.remove(uuid) != null; }
}
