package dev.baas.core.storage;

import dev.baas.spi.BaasException;

import java.net.URI;
import java.util.Optional;

/**
 * Where an S3-compatible store is and how to reach it.
 *
 * @param endpoint   the service's address; empty for AWS itself (found from the region)
 * @param region     the region requests are signed for ({@code us-east-1} for most other stores)
 * @param bucket     the bucket holding the artifacts
 * @param prefix     prepended to every key, e.g. {@code "recordings/"}; may be empty
 * @param accessKey  with {@code secretKey}: fixed credentials; empty: the AWS default chain (environment,
 *                   profile, instance role)
 * @param secretKey  the secret of {@code accessKey}
 * @param pathStyle  {@code http://host/bucket/key} addressing, which MinIO, Ceph and S3Proxy need
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, String prefix,
                         Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle) {
    public S3Settings {
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        accessKey = accessKey == null ? Optional.empty() : accessKey;
        secretKey = secretKey == null ? Optional.empty() : secretKey;
        prefix = prefix == null ? "" : prefix;
        if (region == null || region.isBlank()) throw BaasException.invalid("region", "is required");
        if (bucket == null || bucket.isBlank()) throw BaasException.invalid("bucket", "is required");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw BaasException.invalid("secretKey", "must be given together with accessKey");
        }
        endpoint.ifPresent(u -> {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw BaasException.invalid("endpoint", "must be an http(s) URL");
            }
        });
    }

    /** A store such as MinIO at {@code endpoint} with fixed credentials and path-style addressing. */
    public static S3Settings compatible(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", bucket, "", Optional.of(accessKey),
                Optional.of(secretKey), true);
    }
}
