package dev.baas.spi.calendar;

import java.time.Duration;
import java.util.Optional;

/**
 * What a token endpoint granted. {@code refreshToken} is present when the provider issued a new one (Microsoft and
 * Zoom rotate them on every refresh): the caller must persist it in place of the old one.
 */
public record TokenGrant(String accessToken, Duration expiresIn, Optional<String> refreshToken, Optional<String> scope) {
    public TokenGrant {
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        scope = scope == null ? Optional.empty() : scope;
    }

    @Override public String toString() { return "TokenGrant[expiresIn=" + expiresIn + ", rotated=" + refreshToken.isPresent() + "]"; }
}
