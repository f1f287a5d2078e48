package dev.baas.server;

import dev.baas.core.store.Account;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the account of a request by its API key header ({@code x-meeting-baas-api-key} or {@code x-spoke-api-key}),
 * and counts the call against that key's rate limit. A key found valid is trusted for {@code cacheFor} without asking
 * the database again (unknown keys always are looked up, so a new key works at once); changes to an account made
 * through this server drop its entries at once.
 */
final class Auth {
    static final HeaderName MEETING_BAAS_KEY = HeaderNames.create("x-meeting-baas-api-key");
    static final HeaderName SPOKE_KEY = HeaderNames.create("x-spoke-api-key");

    /** Expired entries are swept once there are this many. */
    private static final int SWEEP_ABOVE = 10_000;

    private final JooqAccountStore accounts;
    private final Optional<RateLimit> perKey;
    private final long cacheNanos;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(Account account, long untilNanos) {}

    Auth(JooqAccountStore accounts, Optional<RateLimit> perKey, Duration cacheFor) {
        this.accounts = accounts;
        this.perKey = perKey;
        this.cacheNanos = cacheFor.toNanos();
    }

    /** The caller's account; throws 401 for a missing or unknown key, 429 when the key is over its limit. */
    Account require(ServerRequest req) {
        Optional<String> key = req.headers().first(MEETING_BAAS_KEY).or(() -> req.headers().first(SPOKE_KEY));
        if (key.isEmpty() || key.get().isBlank()) {
            throw new BaasException(ErrorCode.UNAUTHORIZED, "an API key is required in the x-meeting-baas-api-key header");
        }
        String raw = key.get().trim();
        // caches and buckets are named by a digest, never by the key itself
        String digest = digest(raw);
        long now = System.nanoTime();
        Checked hit = checked.get(digest);
        Account account;
        if (hit != null && now - hit.untilNanos() < 0) {
            account = hit.account();
        } else {
            account = accounts.byKey(raw).orElseThrow(() -> new BaasException(ErrorCode.UNAUTHORIZED, "the API key is not valid"));
            if (cacheNanos > 0) {
                if (checked.size() > SWEEP_ABOVE) checked.values().removeIf(c -> now - c.untilNanos() >= 0);
                checked.put(digest, new Checked(account, now + cacheNanos));
            }
        }
        // only valid keys are counted, so the buckets are bounded by the keys issued
        perKey.ifPresent(limit -> limit.acquire(digest));
        return account;
    }

    /** Forgets what was cached of the account, after this server changed it. */
    void forget(long accountId) { checked.values().removeIf(c -> c.account().id() == accountId); }

    private static String digest(String raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
