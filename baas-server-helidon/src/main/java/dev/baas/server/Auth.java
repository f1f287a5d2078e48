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
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the account of a request by its API key header ({@code x-meeting-baas-api-key} or {@code x-spoke-api-key}),
 * and counts the call against that key's rate limit.
 */
final class Auth {
    static final HeaderName MEETING_BAAS_KEY = HeaderNames.create("x-meeting-baas-api-key");
    static final HeaderName SPOKE_KEY = HeaderNames.create("x-spoke-api-key");

    private final JooqAccountStore accounts;
    private final Optional<RateLimit> perKey;

    Auth(JooqAccountStore accounts, Optional<RateLimit> perKey) {
        this.accounts = accounts;
        this.perKey = perKey;
    }

    /** The caller's account; throws 401 for a missing or unknown key, 429 when the key is over its limit. */
    Account require(ServerRequest req) {
        Optional<String> key = req.headers().first(MEETING_BAAS_KEY).or(() -> req.headers().first(SPOKE_KEY));
        if (key.isEmpty() || key.get().isBlank()) {
            throw new BaasException(ErrorCode.UNAUTHORIZED, "an API key is required in the x-meeting-baas-api-key header");
        }
        String raw = key.get().trim();
        Account account = accounts.byKey(raw)
                .orElseThrow(() -> new BaasException(ErrorCode.UNAUTHORIZED, "the API key is not valid"));
        // only valid keys are counted, so the buckets are bounded by the keys issued; a bucket is named by a digest,
        // never by the key itself
        perKey.ifPresent(limit -> limit.acquire(digest(raw)));
        return account;
    }

    private static String digest(String raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
