package dev.baas.core.calendar;

import java.time.Duration;

/**
 * How calendars are synced and bots sent. Config keys (in the {@code calendar.} namespace):
 * {@code lead_time} (default 4 min), {@code sync_interval} (5 min), {@code sync_jitter} (fraction of the interval,
 * 0.1), {@code sync_days} (30: the window synced ahead), {@code past_window} (1 day kept behind),
 * {@code launch_horizon} (how far ahead bots are handed to the engine, 1 h; later ones wait for a later sync).
 */
public record CalendarSettings(Duration leadTime, Duration syncInterval, double syncJitter, int syncDays,
                               Duration pastWindow, Duration launchHorizon) {
    public static CalendarSettings defaults() {
        return new CalendarSettings(Duration.ofMinutes(4), Duration.ofMinutes(5), 0.1, 30, Duration.ofDays(1), Duration.ofHours(1));
    }

    public CalendarSettings withLaunchHorizon(Duration d) {
        return new CalendarSettings(leadTime, syncInterval, syncJitter, syncDays, pastWindow, d);
    }
}
