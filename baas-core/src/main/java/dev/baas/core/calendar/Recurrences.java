package dev.baas.core.calendar;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.CalendarEvent;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.RecurrenceSet;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recurrenceset.Difference;
import org.dmfs.rfc5545.recurrenceset.Merged;
import org.dmfs.rfc5545.recurrenceset.OfList;
import org.dmfs.rfc5545.recurrenceset.OfRuleAndFirst;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Expands a series master the provider did not expand, with RFC 5545 RRULE/RDATE/EXDATE semantics from lib-recur.
 * Occurrences get Google's instance id form, {@code <masterId>_<yyyyMMdd'T'HHmmss'Z'>}.
 */
final class Recurrences {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCCURRENCES = 2000;

    private Recurrences() {}

    static List<CalendarEvent> expand(CalendarEvent master, Instant from, Instant to) {
        Instant start = master.start().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "recurring event " + master.id() + " has no start"));
        Duration length = Duration.between(start, master.end().orElse(start));
        TimeZone zone = TimeZone.getTimeZone(master.timeZone().orElse("UTC"));
        DateTime first = new DateTime(zone, start.toEpochMilli());
        List<RecurrenceSet> includes = new ArrayList<>();
        List<RecurrenceSet> excludes = new ArrayList<>();
        for (String line : master.recurrence()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String[] head = line.substring(0, colon).split(";");
            String value = line.substring(colon + 1);
            TimeZone tz = zone;
            for (int i = 1; i < head.length; i++) if (head[i].startsWith("TZID=")) tz = TimeZone.getTimeZone(head[i].substring(5));
            switch (head[0].toUpperCase(java.util.Locale.ROOT)) {
                case "RRULE" -> includes.add(new OfRuleAndFirst(rule(master.id(), value), first));
                case "RDATE" -> includes.add(new OfList(tz, value));
                case "EXDATE" -> excludes.add(new OfList(tz, value));
                default -> { } // EXRULE is deprecated by RFC 5545 and not sent by Google
            }
        }
        if (includes.isEmpty()) return List.of();
        RecurrenceSet set = includes.size() == 1 ? includes.getFirst() : new Merged(includes);
        if (!excludes.isEmpty()) set = new Difference(set, excludes.size() == 1 ? excludes.getFirst() : new Merged(excludes));
        List<CalendarEvent> out = new ArrayList<>();
        int seen = 0;
        for (DateTime dt : set) {
            Instant s = Instant.ofEpochMilli(dt.getTimestamp());
            if (!s.isBefore(to) || ++seen > MAX_OCCURRENCES) break;
            Instant e = s.plus(length);
            if (!e.isAfter(from)) continue;
            out.add(new CalendarEvent(master.id() + "_" + ID_TIME.format(s), Optional.of(master.id()), master.title(),
                    Optional.of(s), Optional.of(e), master.attendees(), master.organizer(), master.selfIsOrganizer(),
                    master.meetingLinks(), false, List.of(), master.timeZone(), master.updated(), master.rawJson()));
        }
        return out;
    }

    private static RecurrenceRule rule(String id, String value) {
        try {
            return new RecurrenceRule(value);
        } catch (InvalidRecurrenceRuleException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "recurring event " + id + " has an unreadable RRULE '" + value + "'", e);
        }
    }
}
