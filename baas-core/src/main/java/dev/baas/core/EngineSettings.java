package dev.baas.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's own limits, apart from each bot's config.
 *
 * @param dataDirectory  where recordings are written, one folder per bot
 * @param joinTimeout    how long a join may go without reaching the waiting room or the call
 * @param speechRms      RMS level (of 32768) above which captured audio counts as someone speaking, for
 *                       {@code silence_timeout}
 */
public record EngineSettings(Path dataDirectory, Duration joinTimeout, double speechRms) {
    public static EngineSettings defaults(Path dataDirectory) {
        return new EngineSettings(dataDirectory, Duration.ofSeconds(180), 300);
    }
}
