package dev.baas.core.calendar;

import dev.baas.spi.calendar.Attendee;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A calendar event (one occurrence, for recurring ones) as stored, with the bot wanted for it.
 *
 * @param meetingUrl  the first link a platform recognised, else the first link found, else ""
 * @param botParam    the v1 bot parameters asked for this event (JSON), if a bot is scheduled
 * @param seriesBot   the bot was asked for every occurrence: occurrences appearing later get it too
 * @param botId       the bot handed to the engine, once the event is within the launch horizon
 * @param botError    why no bot could be sent (no link, unknown platform, refused config)
 */
public record EventRecord(UUID uuid, UUID calendarUuid, String providerId, Optional<String> recurringEventId, String name,
                          String meetingUrl, Instant start, Instant end, Instant lastUpdatedAt, boolean deleted,
                          boolean isOrganizer, List<Attendee> attendees, Optional<String> organizerEmail, String raw,
                          Optional<String> botParam, boolean seriesBot, Optional<UUID> botId, Optional<String> botError) {
    public EventRecord {
        recurringEventId = recurringEventId == null ? Optional.empty() : recurringEventId;
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        organizerEmail = organizerEmail == null ? Optional.empty() : organizerEmail;
        botParam = botParam == null ? Optional.empty() : botParam;
        botId = botId == null ? Optional.empty() : botId;
        botError = botError == null ? Optional.empty() : botError;
    }

    public boolean isRecurring() { return recurringEventId.isPresent(); }

    EventRecord withBot(Optional<String> param, boolean series, Optional<UUID> bot, Optional<String> error) {
        return new EventRecord(uuid, calendarUuid, providerId, recurringEventId, name, meetingUrl, start, end, lastUpdatedAt,
                deleted, isOrganizer, attendees, organizerEmail, raw, param, series, bot, error);
    }

    EventRecord deleted(Instant at) {
        return new EventRecord(uuid, calendarUuid, providerId, recurringEventId, name, meetingUrl, start, end, at,
                true, isOrganizer, attendees, organizerEmail, raw, botParam, seriesBot, botId, botError);
    }
}
