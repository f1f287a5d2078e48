package dev.baas.stt.gladia;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Gladia lives and how patiently to wait for it: {@code baas.gladia.url} / {@code BAAS_GLADIA_URL},
 * {@code baas.gladia.poll-interval} / {@code BAAS_GLADIA_POLL_INTERVAL} and {@code baas.gladia.timeout} /
 * {@code BAAS_GLADIA_TIMEOUT} (ISO-8601 durations such as {@code PT2S}, {@code PT30M}).
 */
record GladiaConfig(URI baseUrl, Duration pollInterval, Duration timeout) {
    static final URI PUBLIC_API = URI.create("https://api.gladia.io");

    static GladiaConfig fromEnvironment() {
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))))
                .filter(v -> !v.isBlank()));
    }

    static GladiaConfig from(Function<String, Optional<String>> setting) {
        return new GladiaConfig(setting.apply("baas.gladia.url").map(URI::create).orElse(PUBLIC_API),
                setting.apply("baas.gladia.poll-interval").map(Duration::parse).orElse(Duration.ofSeconds(2)),
                setting.apply("baas.gladia.timeout").map(Duration::parse).orElse(Duration.ofMinutes(45)));
    }
}
