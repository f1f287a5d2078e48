package dev.baas.core.calendar;

import dev.baas.spi.BaasException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

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

    /**
     * From config values keyed without the {@code calendar.} prefix; durations are ISO-8601 ({@code PT4M}) or seconds.
     * Unknown keys are refused, so a typo does not silently keep a default.
     */
    public static CalendarSettings fromConfig(Map<String, String> config) {
        Set<String> known = Set.of("lead_time", "sync_interval", "sync_jitter", "sync_days", "past_window", "launch_horizon");
        for (String k : config.keySet()) {
            if (!known.contains(k)) throw BaasException.invalid("calendar." + k, "is not a calendar setting; known: " + known);
        }
        CalendarSettings d = defaults();
        double jitter = number(config, "sync_jitter", d.syncJitter());
        if (jitter < 0 || jitter >= 1) throw BaasException.invalid("calendar.sync_jitter", "must be at least 0 and below 1");
        return new CalendarSettings(duration(config, "lead_time", d.leadTime()), duration(config, "sync_interval", d.syncInterval()),
                jitter, (int) number(config, "sync_days", d.syncDays()), duration(config, "past_window", d.pastWindow()),
                duration(config, "launch_horizon", d.launchHorizon()));
    }

    private static Duration duration(Map<String, String> config, String key, Duration fallback) {
        String v = config.get(key);
        if (v == null) return fallback;
        try {
            Duration d = v.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v.trim())) : Duration.parse(v.trim());
            if (d.isNegative()) throw BaasException.invalid("calendar." + key, "must not be negative");
            return d;
        } catch (DateTimeParseException e) {
            throw BaasException.invalid("calendar." + key, "must be seconds or an ISO-8601 duration such as PT4M");
        }
    }

    private static double number(Map<String, String> config, String key, double fallback) {
        String v = config.get(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw BaasException.invalid("calendar." + key, "must be a number");
        }
    }

    public CalendarSettings withLaunchHorizon(Duration d) {
        return new CalendarSettings(leadTime, syncInterval, syncJitter, syncDays, pastWindow, d);
    }
}
