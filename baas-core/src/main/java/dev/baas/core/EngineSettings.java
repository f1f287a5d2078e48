package dev.baas.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's own limits, apart from each bot's config.
 *
 * @param dataDirectory      where recordings are written, one folder per bot
 * @param joinTimeout        how long a join may go without reaching the waiting room or the call
 * @param speechRms          RMS level (of 32768) above which captured audio counts as someone speaking, for
 *                           {@code silence_timeout}
 * @param screenshotInterval how often a bot in a call takes a screenshot of the meeting (one is always taken on
 *                           admission); zero takes none on a timer
 */
public record EngineSettings(Path dataDirectory, Duration joinTimeout, double speechRms, Duration screenshotInterval) {
    public static final Duration DEFAULT_SCREENSHOT_INTERVAL = Duration.ofSeconds(60);

    public EngineSettings {
        if (screenshotInterval == null || screenshotInterval.isNegative()) screenshotInterval = Duration.ZERO;
    }

    public EngineSettings(Path dataDirectory, Duration joinTimeout, double speechRms) {
        this(dataDirectory, joinTimeout, speechRms, DEFAULT_SCREENSHOT_INTERVAL);
    }

    public static EngineSettings defaults(Path dataDirectory) {
        return new EngineSettings(dataDirectory, Duration.ofSeconds(180), 300);
    }

    public EngineSettings withScreenshotInterval(Duration interval) {
        return new EngineSettings(dataDirectory, joinTimeout, speechRms, interval);
    }
}
