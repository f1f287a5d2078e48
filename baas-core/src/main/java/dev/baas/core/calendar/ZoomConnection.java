package dev.baas.core.calendar;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user's Zoom authorization as stored; the rotating refresh token and the client secret are sealed. */
public record ZoomConnection(UUID uuid, String accountId, String zoomUserId, Optional<String> zoomAccountId,
                             Optional<String> scopes, String clientId, String clientSecretSealed, String refreshTokenSealed,
                             State state, Optional<String> failure, Instant createdAt, Instant updatedAt) {
    public ZoomConnection {
        zoomAccountId = zoomAccountId == null ? Optional.empty() : zoomAccountId;
        scopes = scopes == null ? Optional.empty() : scopes;
        failure = failure == null ? Optional.empty() : failure;
    }

    /** v1's {@code state}. */
    public enum State implements dev.baas.spi.WireName {
        CONNECTED("connected"), REFRESH_FAILED("refresh_failed");

        private final String wire;

        State(String wire) { this.wire = wire; }

        @Override public String wireName() { return wire; }
    }
}
