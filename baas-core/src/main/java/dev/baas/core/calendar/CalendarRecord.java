package dev.baas.core.calendar;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A connected calendar as stored. Secrets are sealed by {@link TokenCipher}; {@code syncToken} is the provider's
 * incremental-sync position (Google's sync token, Graph's delta link).
 */
public record CalendarRecord(UUID uuid, String accountId, String platform, String clientId, String clientSecretSealed,
                             String refreshTokenSealed, String rawCalendarId, String name, String email,
                             Optional<String> syncToken, CalendarStatus status, Optional<String> error,
                             Instant createdAt, Optional<Instant> lastSyncedAt) {
    public CalendarRecord {
        syncToken = syncToken == null ? Optional.empty() : syncToken;
        error = error == null ? Optional.empty() : error;
        lastSyncedAt = lastSyncedAt == null ? Optional.empty() : lastSyncedAt;
    }

    CalendarRecord synced(Optional<String> token, Instant at) {
        return new CalendarRecord(uuid, accountId, platform, clientId, clientSecretSealed, refreshTokenSealed, rawCalendarId,
                name, email, token, CalendarStatus.CONNECTED, Optional.empty(), createdAt, Optional.of(at));
    }

    CalendarRecord failed(CalendarStatus s, String message) {
        return new CalendarRecord(uuid, accountId, platform, clientId, clientSecretSealed, refreshTokenSealed, rawCalendarId,
                name, email, syncToken, s, Optional.of(message), createdAt, lastSyncedAt);
    }

    CalendarRecord withRefreshToken(String sealed) {
        return new CalendarRecord(uuid, accountId, platform, clientId, clientSecretSealed, sealed, rawCalendarId,
                name, email, syncToken, status, error, createdAt, lastSyncedAt);
    }

    /** Why a calendar is not syncing. */
    public enum CalendarStatus {
        CONNECTED,
        /** The refresh token was expired or revoked: the user must connect the calendar again. */
        REFRESH_FAILED,
        /** The provider failed otherwise; the next sync tries again. */
        SYNC_FAILED
    }
}
