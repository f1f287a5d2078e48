package dev.baas.spi;

import java.util.Optional;

/** v1's {@code zoom_*} join fields, for Zoom meetings that need an SDK app or an on-behalf-of token. */
public record ZoomCredentials(
        Optional<String> sdkId,
        Optional<String> sdkPwd,
        Optional<String> accessTokenUrl,
        Optional<String> obfToken,
        Optional<String> obfTokenUrl,
        Optional<String> obfTokenUserId) {

    public static ZoomCredentials none() {
        return new ZoomCredentials(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override public String toString() { return "ZoomCredentials[***]"; }
}
