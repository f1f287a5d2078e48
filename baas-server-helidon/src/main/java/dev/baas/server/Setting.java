package dev.baas.server;

import io.helidon.config.Config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One setting of the server: its environment variable, its key under {@code baas.} in {@code application.yaml}, its
 * default and what it does. The configuration is read through these, and the README's configuration table is
 * rendered from them, so the two cannot drift apart.
 *
 * @param fallback the value used when neither the environment nor the file sets it; empty when "unset" is a state
 * @param shown    the default as a person reads it in the table
 */
record Setting(String env, String key, Optional<String> fallback, String shown, String description) {
    /** A setting with a default value. */
    static Setting of(String env, String key, String fallback, String description) {
        return new Setting(env, key, Optional.of(fallback), fallback, description);
    }

    /** A setting that may stay unset; {@code shown} says what happens then. */
    static Setting optional(String env, String key, String shown, String description) {
        return new Setting(env, key, Optional.empty(), shown, description);
    }

    /** The environment's value, else the file's, trimmed; blank counts as unset. */
    Optional<String> read(Config baas, Map<String, String> environment) {
        return nonBlank(environment.get(env)).or(() -> baas.get(key).asString().asOptional().flatMap(Setting::nonBlank));
    }

    /** {@link #read}, else the default. */
    String value(Config baas, Map<String, String> environment) {
        return read(baas, environment).or(this::fallback)
                .orElseThrow(() -> new IllegalStateException(env + " has no default"));
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Where the README's generated table starts and ends. */
    static final String TABLE_START = "<!-- config:start -->";
    static final String TABLE_END = "<!-- config:end -->";

    /** Every setting of the server, in the order the README lists them. */
    static List<Setting> all() {
        List<Setting> all = new java.util.ArrayList<>(ServerConfig.SETTINGS);
        all.addAll(StorageConfig.SETTINGS);
        all.addAll(CalendarConfig.SETTINGS);
        return all;
    }

    /** The settings as a Markdown table, between the markers. */
    static String table(List<Setting> settings) {
        StringBuilder s = new StringBuilder(TABLE_START).append('\n')
                .append("<!-- generated from ServerConfig, StorageConfig and CalendarConfig SETTINGS; ConfigTableTest checks it -->\n")
                .append("| variable | `application.yaml` | default | meaning |\n|---|---|---|---|\n");
        for (Setting x : settings) {
            s.append("| `").append(x.env()).append("` | `baas.").append(x.key()).append("` | ")
                    .append(x.shown().isEmpty() ? "—" : x.shown()).append(" | ").append(x.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return s.append(TABLE_END).toString();
    }
}
