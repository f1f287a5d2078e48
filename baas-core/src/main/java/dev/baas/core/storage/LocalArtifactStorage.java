package dev.baas.core.storage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Artifacts on the local file system, downloaded through the server at {@code <baseUrl>/artifacts/<key>} with an
 * expiry and an HMAC-SHA256 signature over key and expiry; a tampered or expired link is refused.
 */
public final class LocalArtifactStorage implements ArtifactStorage {
    private final Path root;
    private final String baseUrl;
    private final byte[] signingKey;
    private final Clock clock;

    public LocalArtifactStorage(Path root, String baseUrl, byte[] signingKey, Clock clock) {
        this.root = root;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.signingKey = signingKey.clone();
        this.clock = clock;
    }

    @Override
    public String put(UUID botId, String name, Path file) throws IOException {
        String key = ArtifactStorage.key(botId, ArtifactNames.checkName(name));
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        if (!file.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return key;
    }

    @Override
    public String url(String key, Duration ttl) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return baseUrl + "/artifacts/" + key + "?expires=" + expires + "&signature="
                + URLEncoder.encode(sign(key, expires), StandardCharsets.UTF_8);
    }

    /**
     * The file a signed link points to, if the signature is right and the link has not expired.
     * Keys that would leave the storage root are refused.
     */
    public Optional<Path> resolve(String key, long expires, String signature) {
        if (signature == null || !ArtifactNames.isSafeKey(key)) return Optional.empty();
        if (clock.instant().getEpochSecond() > expires) return Optional.empty();
        byte[] expected = sign(key, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        Path p = root.resolve(key).normalize();
        return p.startsWith(root.normalize()) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public List<String> list(UUID botId) throws IOException {
        Path dir = root.resolve(botId.toString());
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> ArtifactStorage.key(botId, f.getFileName().toString()))
                    .sorted().toList();
        }
    }

    @Override
    public List<String> deleteAll(UUID botId) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (String key : list(botId)) {
            if (Files.deleteIfExists(root.resolve(key))) deleted.add(key);
        }
        Files.deleteIfExists(root.resolve(botId.toString()));
        return deleted;
    }

    private String sign(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] sig = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
