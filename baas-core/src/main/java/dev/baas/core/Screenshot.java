package dev.baas.core;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A picture of a bot's meeting, stored under {@code name} ({@code screenshot-<epoch millis>.png}) in the bot's folder
 * and, when the engine has artifact storage, under {@code <botId>/<name>} there.
 */
public record Screenshot(UUID botId, Instant at, String name) {
    private static final Pattern NAME = Pattern.compile("screenshot-(\\d{1,19})(?:-\\d+)?\\.png");

    /** The file name a screenshot taken at {@code at} gets; {@code n > 0} tells apart two taken the same millisecond. */
    static String name(Instant at, int n) {
        return "screenshot-" + at.toEpochMilli() + (n == 0 ? "" : "-" + n) + ".png";
    }

    /** When a screenshot was taken, from its stored name; empty for files that are not screenshots. */
    public static Optional<Instant> takenAt(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1)))) : Optional.empty();
    }
}
