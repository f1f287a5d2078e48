package dev.baas.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which of an account's bots to list, newest first: v1's {@code bots_with_metadata} filters.
 *
 * @param botName     case-insensitive substring of the bot's name
 * @param meetingUrl  substring of the meeting URL
 * @param extraEquals every key must be present in the bot's {@code extra} with exactly this value (as text)
 * @param sortByExtra orders by this {@code extra} key instead of newest first
 * @param speakerName case-insensitive substring of one of the speakers' names
 */
public record BotQuery(int limit, Optional<String> cursor, Optional<String> botName, Optional<String> meetingUrl,
                       Optional<Instant> createdAfter, Optional<Instant> createdBefore, Optional<Instant> endedAfter,
                       Map<String, String> extraEquals, Optional<ExtraSort> sortByExtra, Optional<String> speakerName) {
    public record ExtraSort(String key, boolean descending) {}

    public BotQuery {
        extraEquals = Map.copyOf(extraEquals);
    }

    public static BotQuery firstPage(int limit) {
        return new BotQuery(limit, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }

    boolean filtersInMemory() {
        return !extraEquals.isEmpty() || sortByExtra.isPresent() || speakerName.isPresent();
    }
}
