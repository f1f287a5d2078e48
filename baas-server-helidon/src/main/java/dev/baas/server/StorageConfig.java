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

    Setting STORAGE = Setting.of("BAAS_STORAGE", "storage", "local",
            "where bots' files go: `local` (data dir, served through signed `/artifacts/...` links) or `s3` (presigned links of the store)");
    Setting S3_ENDPOINT = Setting.optional("BAAS_S3_ENDPOINT", "s3.endpoint", "AWS",
            "the S3-compatible store for `BAAS_STORAGE=s3`; an endpoint of its own (MinIO, Ceph, R2 …) is addressed path-style");
    Setting S3_BUCKET = Setting.optional("BAAS_S3_BUCKET", "s3.bucket", "", "the bucket, required with `s3`; created if missing");
    Setting S3_REGION = Setting.of("BAAS_S3_REGION", "s3.region", "us-east-1", "the bucket's region");
    Setting S3_ACCESS_KEY = Setting.optional("BAAS_S3_ACCESS_KEY", "s3.access-key", "AWS default chain",
            "access key, given together with the secret key");
    Setting S3_SECRET_KEY = Setting.optional("BAAS_S3_SECRET_KEY", "s3.secret-key", "AWS default chain",
            "secret key, given together with the access key");

    /** The settings storage is read from, in the README's order. */
    java.util.List<Setting> SETTINGS = java.util.List.of(STORAGE, S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY);

    /** From the {@link #SETTINGS}: the environment first, then {@code baas.storage} / {@code baas.s3.*} in the config. */
    static StorageConfig load(Config baas, Map<String, String> env) {
        String kind = STORAGE.value(baas, env).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "local" -> new Local();
            case "s3" -> {
                Optional<URI> endpoint = S3_ENDPOINT.read(baas, env).map(u -> {
                    try {
                        return URI.create(u);
                    } catch (IllegalArgumentException e) {
                        throw BaasException.invalid("BAAS_S3_ENDPOINT", "is not a URL: " + e.getMessage());
                    }
                });
                String bucket = S3_BUCKET.read(baas, env)
                        .orElseThrow(() -> BaasException.invalid("BAAS_S3_BUCKET", "is required when BAAS_STORAGE=s3"));
                String region = S3_REGION.value(baas, env);
                Optional<String> access = S3_ACCESS_KEY.read(baas, env);
                Optional<String> secret = S3_SECRET_KEY.read(baas, env);
                if (access.isPresent() != secret.isPresent()) {
                    throw BaasException.invalid("BAAS_S3_SECRET_KEY", "must be given together with BAAS_S3_ACCESS_KEY");
                }
                // a store of its own (MinIO, Ceph, S3Proxy) is addressed by path; AWS by virtual host
                yield new S3(new S3Settings(endpoint, region, bucket, "", access, secret, endpoint.isPresent()));
            }
            default -> throw BaasException.invalid("BAAS_STORAGE", "must be local or s3, not '" + kind + "'");
        };
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
