package dev.baas.server;

import dev.baas.core.calendar.CalendarSettings;
import io.helidon.config.Config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where calendar providers and Zoom are reached, and how calendars are synced. Each map holds the settings its part
 * takes ({@code token_url}, {@code api_url}, ... for providers; {@code lead_time}, {@code sync_interval}, ... for
 * {@link CalendarSettings}). Read from {@code baas.google.*}, {@code baas.microsoft.*}, {@code baas.zoom.*},
 * {@code baas.calendar.*} and overridden by {@code BAAS_GOOGLE_TOKEN_URL}, {@code BAAS_GOOGLE_API_URL},
 * {@code BAAS_MICROSOFT_TOKEN_URL}, {@code BAAS_MICROSOFT_API_URL}, {@code BAAS_ZOOM_TOKEN_URL},
 * {@code BAAS_ZOOM_API_URL} and {@code BAAS_CALENDAR_<SETTING>} (e.g. {@code BAAS_CALENDAR_LEAD_TIME=PT4M},
 * {@code BAAS_CALENDAR_SYNC_INTERVAL=300}); an unknown setting is refused when the server starts.
 */
public record CalendarConfig(Map<String, String> google, Map<String, String> microsoft, Map<String, String> zoom,
                             Map<String, String> settings) {
    public CalendarConfig {
        google = Map.copyOf(google);
        microsoft = Map.copyOf(microsoft);
        zoom = Map.copyOf(zoom);
        settings = Map.copyOf(settings);
        CalendarSettings.fromConfig(settings); // refuse a typo now rather than at the first sync
    }

    /**
     * The documented settings. Each section takes any {@code BAAS_<SECTION>_<KEY>}; these are the ones every
     * deployment may want, with the calendar sync's defaults as {@link CalendarSettings#defaults()} has them.
     */
    static final java.util.List<Setting> SETTINGS = documented();

    private static java.util.List<Setting> documented() {
        java.util.List<Setting> out = new java.util.ArrayList<>();
        for (String provider : java.util.List.of("google", "microsoft", "zoom")) {
            String name = provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1);
            String env = "BAAS_" + provider.toUpperCase(Locale.ROOT);
            out.add(Setting.optional(env + "_TOKEN_URL", provider + ".token_url", "the provider's own",
                    "where " + name + " tokens are fetched (a proxy, a look-alike)"));
            out.add(Setting.optional(env + "_API_URL", provider + ".api_url", "the provider's own", "where " + name + "'s API is reached"));
        }
        CalendarSettings d = CalendarSettings.defaults();
        String time = " (ISO-8601 duration or seconds)";
        out.add(calendar("lead_time", d.leadTime().toString(), "how long before an event's start its bot joins" + time));
        out.add(calendar("sync_interval", d.syncInterval().toString(), "how often calendars are synced" + time));
        out.add(calendar("sync_jitter", Double.toString(d.syncJitter()), "random spread of sync times, a fraction of the interval"));
        out.add(calendar("sync_days", Integer.toString(d.syncDays()), "how many days ahead are synced"));
        out.add(calendar("past_window", d.pastWindow().toString(), "how long past events are kept" + time));
        out.add(calendar("launch_horizon", d.launchHorizon().toString(), "how far ahead bots are handed to the engine" + time));
        return java.util.List.copyOf(out);
    }

    private static Setting calendar(String key, String fallback, String description) {
        return Setting.of("BAAS_CALENDAR_" + key.toUpperCase(Locale.ROOT), "calendar." + key, fallback, description);
    }

    public static CalendarConfig defaults() { return new CalendarConfig(Map.of(), Map.of(), Map.of(), Map.of()); }

    static CalendarConfig load(Config baas, Map<String, String> env) {
        return new CalendarConfig(section(baas, env, "google"), section(baas, env, "microsoft"), section(baas, env, "zoom"),
                section(baas, env, "calendar"));
    }

    /** {@code baas.<name>.<key>} from the file, then every {@code BAAS_<NAME>_<KEY>} from the environment. */
    private static Map<String, String> section(Config baas, Map<String, String> env, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        baas.get(name).asMap().ifPresent(m -> m.forEach((k, v) -> out.put(k.substring(k.lastIndexOf('.') + 1).replace('-', '_'), v)));
        String prefix = "BAAS_" + name.toUpperCase(Locale.ROOT) + "_";
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) && !v.isBlank()) out.put(k.substring(prefix.length()).toLowerCase(Locale.ROOT), v.trim());
        });
        return out;
    }

    public CalendarSettings calendarSettings() { return CalendarSettings.fromConfig(settings); }

    public CalendarConfig withGoogle(Map<String, String> m) { return new CalendarConfig(m, microsoft, zoom, settings); }

    public CalendarConfig withMicrosoft(Map<String, String> m) { return new CalendarConfig(google, m, zoom, settings); }

    public CalendarConfig withZoom(Map<String, String> m) { return new CalendarConfig(google, microsoft, m, settings); }

    public CalendarConfig withSettings(Map<String, String> m) { return new CalendarConfig(google, microsoft, zoom, m); }

    /** The settings as printed: URLs lose any user and password a proxy URL might carry. */
    String describe() {
        return "google=" + masked(google) + " microsoft=" + masked(microsoft) + " zoom=" + masked(zoom)
                + " calendar=" + new TreeMap<>(settings);
    }

    private static Map<String, String> masked(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, k.endsWith("_url") ? withoutUserInfo(v) : v));
        return out;
    }

    private static String withoutUserInfo(String url) {
        try {
            URI u = URI.create(url);
            return u.getRawUserInfo() == null ? url : url.replace(u.getRawUserInfo() + "@", "***@");
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
