package dev.baas.core.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Artifacts in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2 …), downloaded straight from the store through
 * presigned GET URLs. Uses the JDK's HTTP client underneath, so no Netty or Apache client comes along.
 */
public final class S3ArtifactStorage implements ArtifactStorage, AutoCloseable {
    /** S3 presigned URLs cannot live longer than a week. */
    public static final Duration MAX_TTL = Duration.ofDays(7);
    private static final int DELETE_BATCH = 1000;

    private final S3Settings settings;
    private final SdkHttpClient http;
    private final S3Client s3;
    private final S3Presigner presigner;

    public S3ArtifactStorage(S3Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKey()
                .<AwsCredentialsProvider>map(k -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(k, settings.secretKey().orElseThrow())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        this.http = UrlConnectionHttpClient.builder().build();
        var client = S3Client.builder().httpClient(http).region(Region.of(settings.region()))
                .credentialsProvider(credentials).forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them: many compatible stores reject the newer trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(e -> {
            client.endpointOverride(e);
            presign.endpointOverride(e);
        });
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    /** Creates the bucket if the store does not have it yet (handy for a fresh MinIO). */
    public void createBucketIfMissing() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(settings.bucket()));
            } catch (SdkException again) {
                throw failure("create bucket " + settings.bucket(), again);
            }
        } catch (SdkException e) {
            throw failure("reach bucket " + settings.bucket(), e);
        }
    }

    @Override
    public String put(UUID botId, String name, Path file) throws IOException {
        String key = ArtifactStorage.key(botId, ArtifactNames.checkName(name));
        try {
            s3.putObject(p -> p.bucket(settings.bucket()).key(objectKey(key)).contentType(ArtifactNames.contentType(name)),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("upload " + key, e);
        }
        return key;
    }

    @Override
    public String url(String key, Duration ttl) {
        if (!ArtifactNames.isSafeKey(key)) throw dev.baas.spi.BaasException.invalid("key", "is not an artifact key");
        Duration valid = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
        return presigner.presignGetObject(p -> p.signatureDuration(valid)
                .getObjectRequest(g -> g.bucket(settings.bucket()).key(objectKey(key)))).url().toString();
    }

    @Override
    public List<String> list(UUID botId) throws IOException {
        String folder = objectKey(botId + "/");
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(settings.bucket()).prefix(folder)).contents()) {
                keys.add(o.key().substring(settings.prefix().length()));
            }
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw failure("list the artifacts of bot " + botId, e);
        }
    }

    @Override
    public List<String> deleteAll(UUID botId) throws IOException {
        List<String> keys = list(botId);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH));
            List<ObjectIdentifier> ids = batch.stream().map(k -> ObjectIdentifier.builder().key(objectKey(k)).build()).toList();
            try {
                var result = s3.deleteObjects(d -> d.bucket(settings.bucket()).delete(Delete.builder().objects(ids).quiet(true).build()));
                if (result.hasErrors() && !result.errors().isEmpty()) {
                    var first = result.errors().getFirst();
                    throw new IOException("could not delete " + result.errors().size() + " artifacts of bot " + botId
                            + ", first " + first.key() + ": " + first.code() + " " + first.message());
                }
            } catch (SdkException e) {
                throw failure("delete the artifacts of bot " + botId, e);
            }
            deleted.addAll(batch);
        }
        return deleted;
    }

    private String objectKey(String key) { return settings.prefix() + key; }

    private static IOException failure(String what, SdkException e) {
        return new IOException("S3: cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
        http.close();
    }
}
