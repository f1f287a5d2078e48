package dev.baas.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.Attendee;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading provider JSON: texts, times, attendees, and the URLs hidden in free text. */
public final class EventJson {
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()\\[\\]{}]+", Pattern.CASE_INSENSITIVE);

    private EventJson() {}

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** URLs written in free text or HTML, in order, without trailing punctuation or HTML escapes. */
    public static List<String> urlsIn(String text) {
        if (text == null || text.isEmpty()) return List.of();
        Set<String> out = new LinkedHashSet<>();
        Matcher m = URL.matcher(text.replace("&amp;", "&"));
        while (m.find()) {
            String u = m.group();
            while (!u.isEmpty() && ".,;:!?".indexOf(u.charAt(u.length() - 1)) >= 0) u = u.substring(0, u.length() - 1);
            out.add(u);
        }
        return List.copyOf(out);
    }

    public static Optional<Attendee> person(JsonNode node, String emailField, String nameField) {
        return text(node, emailField).map(email -> new Attendee(email, text(node, nameField)));
    }

    /** An RFC 3339 time with offset, or a local time in {@code zone}, or an all-day date (midnight in that zone). */
    public static Optional<Instant> instant(String value, Optional<String> zone) {
        if (value == null || value.isBlank()) return Optional.empty();
        ZoneId z = zone.flatMap(EventJson::zone).orElse(ZoneOffset.UTC);
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).atZone(z).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay(z).toInstant());
                } catch (DateTimeParseException e) {
                    throw new BaasException(ErrorCode.PROVIDER_ERROR, "unreadable event time '" + value + "'", e);
                }
            }
        }
    }

    public static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (RuntimeException e) {
            return Optional.empty(); // Windows zone names and the like: the caller falls back to UTC
        }
    }
}
