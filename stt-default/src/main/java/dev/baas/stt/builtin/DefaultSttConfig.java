package dev.baas.stt.builtin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Operator settings of the Default provider, each from a system property or else an environment variable:
 * {@code baas.pocketsphinx.model} / {@code BAAS_POCKETSPHINX_MODEL} (folder with {@code en-us/}, {@code en-us.lm.bin},
 * {@code cmudict-en-us.dict}), {@code baas.stt.threads} / {@code BAAS_STT_THREADS}, and the optional whisper.cpp model
 * {@code baas.whisper.model} / {@code BAAS_WHISPER_MODEL} with {@code ...model.url} / {@code _URL} and
 * {@code ...model.sha256} / {@code _SHA256} to download it once and verify it.
 */
record DefaultSttConfig(Path pocketSphinxModel, int threads, Optional<WhisperModelSource> whisper,
                        double minChunkSeconds, double maxChunkSeconds) {
    static final Path DEBIAN_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");

    /** Where the whisper.cpp ggml model lives, and optionally where to fetch it once and what it must hash to. */
    record WhisperModelSource(Path file, Optional<URI> url, Optional<String> sha256) {}

    DefaultSttConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }

    static DefaultSttConfig fromEnvironment() {
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))))
                .filter(v -> !v.isBlank()));
    }

    /** Reads settings by their property names ({@code baas.stt.threads}); the lookup may also consult the environment. */
    static DefaultSttConfig from(Function<String, Optional<String>> setting) {
        Path model = setting.apply("baas.pocketsphinx.model").map(Path::of).orElse(DEBIAN_MODEL);
        int threads = setting.apply("baas.stt.threads").map(Integer::parseInt)
                .orElse(Math.min(2, Runtime.getRuntime().availableProcessors()));
        Optional<WhisperModelSource> whisper = setting.apply("baas.whisper.model").map(file -> new WhisperModelSource(
                Path.of(file), setting.apply("baas.whisper.model.url").map(URI::create),
                setting.apply("baas.whisper.model.sha256")));
        return new DefaultSttConfig(model, threads, whisper, 4, 20);
    }
}
