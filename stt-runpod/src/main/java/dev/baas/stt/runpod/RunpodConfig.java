package dev.baas.stt.runpod;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator's Runpod serverless endpoint running the faster-whisper worker: {@code baas.runpod.endpoint} /
 * {@code BAAS_RUNPOD_ENDPOINT} (required), {@code baas.runpod.url} / {@code BAAS_RUNPOD_URL}, {@code baas.runpod.model}
 * / {@code BAAS_RUNPOD_MODEL}, {@code baas.runpod.poll-interval} and {@code baas.runpod.timeout} (ISO-8601 durations).
 */
record RunpodConfig(URI baseUrl, Optional<String> endpointId, String model, Duration pollInterval, Duration timeout) {
    static final URI PUBLIC_API = URI.create("https://api.runpod.ai");

    static RunpodConfig fromEnvironment() {
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))))
                .filter(v -> !v.isBlank()));
    }

    static RunpodConfig from(Function<String, Optional<String>> setting) {
        return new RunpodConfig(setting.apply("baas.runpod.url").map(URI::create).orElse(PUBLIC_API),
                setting.apply("baas.runpod.endpoint"),
                setting.apply("baas.runpod.model").orElse("turbo"),
                setting.apply("baas.runpod.poll-interval").map(Duration::parse).orElse(Duration.ofSeconds(2)),
                setting.apply("baas.runpod.timeout").map(Duration::parse).orElse(Duration.ofMinutes(45)));
    }
}
