package dev.baas.server;

import dev.baas.core.storage.S3Settings;
import dev.baas.spi.BaasException;
import io.helidon.config.Config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where a server keeps bots' files: on its own disk, or in an S3-compatible bucket. */
public sealed interface StorageConfig {
    /** Files under the data directory, downloaded through this server's signed {@code /artifacts/...} links. */
    record Local() implements StorageConfig {}

    /** Files in a bucket, downloaded straight from the store through presigned links. */
    record S3(S3Settings settings) implements StorageConfig {}

    /**
     * From {@code BAAS_STORAGE=local|s3} and, for s3, {@code BAAS_S3_ENDPOINT} (empty for AWS), {@code BAAS_S3_BUCKET},
     * {@code BAAS_S3_REGION} (default us-east-1), {@code BAAS_S3_ACCESS_KEY}, {@code BAAS_S3_SECRET_KEY} (both empty:
     * the AWS default credentials chain); or the same under {@code baas.storage} / {@code baas.s3.*} in the config.
     */
    static StorageConfig load(Config baas, Map<String, String> env) {
        String kind = setting(env, "BAAS_STORAGE", baas.get("storage")).orElse("local").toLowerCase(Locale.ROOT);
        Config s3 = baas.get("s3");
        return switch (kind) {
            case "local" -> new Local();
            case "s3" -> {
                Optional<URI> endpoint = setting(env, "BAAS_S3_ENDPOINT", s3.get("endpoint")).map(u -> {
                    try {
                        return URI.create(u);
                    } catch (IllegalArgumentException e) {
                        throw BaasException.invalid("BAAS_S3_ENDPOINT", "is not a URL: " + e.getMessage());
                    }
                });
                String bucket = setting(env, "BAAS_S3_BUCKET", s3.get("bucket"))
                        .orElseThrow(() -> BaasException.invalid("BAAS_S3_BUCKET", "is required when BAAS_STORAGE=s3"));
                String region = setting(env, "BAAS_S3_REGION", s3.get("region")).orElse("us-east-1");
                Optional<String> access = setting(env, "BAAS_S3_ACCESS_KEY", s3.get("access-key"));
                Optional<String> secret = setting(env, "BAAS_S3_SECRET_KEY", s3.get("secret-key"));
                if (access.isPresent() != secret.isPresent()) {
                    throw BaasException.invalid("BAAS_S3_SECRET_KEY", "must be given together with BAAS_S3_ACCESS_KEY");
                }
                // a store of its own (MinIO, Ceph, S3Proxy) is addressed by path; AWS by virtual host
                yield new S3(new S3Settings(endpoint, region, bucket, "", access, secret, endpoint.isPresent()));
            }
            default -> throw BaasException.invalid("BAAS_STORAGE", "must be local or s3, not '" + kind + "'");
        };
    }

    private static Optional<String> setting(Map<String, String> env, String name, Config fallback) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty())
                .or(() -> fallback.asString().asOptional().map(String::trim).filter(v -> !v.isEmpty()));
    }

    /** What the server prints at start: the store, secrets masked. */
    default String describe() {
        return switch (this) {
            case Local l -> "local (data-dir/artifacts)";
            case S3 s -> "s3 endpoint=" + s.settings().endpoint().map(URI::toString).orElse("(AWS)")
                    + " bucket=" + s.settings().bucket() + " region=" + s.settings().region()
                    + " access-key=" + s.settings().accessKey().map(ServerConfig::mask).orElse("(default chain)")
                    + " secret-key=" + s.settings().secretKey().map(k -> "***").orElse("(default chain)");
        };
    }
}
