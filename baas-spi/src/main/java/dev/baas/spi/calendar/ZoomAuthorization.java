package dev.baas.spi.calendar;

import java.util.Map;

/**
 * Zoom's user-level OAuth, found with {@link java.util.ServiceLoader}. Every refresh returns a new refresh token and
 * invalidates the old one, so callers persist {@link TokenGrant#refreshToken()} each time.
 */
public interface ZoomAuthorization {
    /** A copy with other endpoints ({@code token_url}, {@code api_url}). */
    ZoomAuthorization configured(Map<String, String> settings);

    /** Exchanges a single-use authorization code; {@code redirectUri} must equal the one used to authorize. */
    TokenGrant exchange(OAuthClient client, String authorizationCode, String redirectUri);

    TokenGrant refresh(OAuthClient client, String refreshToken);

    /** The user the access token belongs to. */
    ZoomUser me(String accessToken);
}
