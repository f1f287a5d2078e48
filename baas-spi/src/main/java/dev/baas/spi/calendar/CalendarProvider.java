package dev.baas.spi.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A calendar provider plugin ("Google", "Microsoft"), found with {@link java.util.ServiceLoader}.
 * Failures are {@link dev.baas.spi.BaasException}s: {@code UNAUTHORIZED} when the refresh token is expired or
 * revoked (the user must consent again; never retried), {@code RATE_LIMITED} when throttling outlasted the retries,
 * {@code PROVIDER_ERROR} otherwise. Throttled calls are retried with the provider's {@code Retry-After} or a bounded
 * exponential backoff.
 */
public interface CalendarProvider {
    /** The v1 provider name: "Google" or "Microsoft". */
    String name();

    /**
     * A copy talking to other endpoints or with other limits, for settings such as {@code token_url}, {@code api_url},
     * {@code max_attempts}; unknown keys are refused. Lets tests and private deployments point anywhere.
     */
    CalendarProvider configured(Map<String, String> settings);

    /** Trades a refresh token for an access token; a rotated refresh token comes back in the grant. */
    TokenGrant refresh(OAuthClient client, String refreshToken);

    List<RawCalendar> calendars(String accessToken);

    /** Every event of the calendar overlapping {@code [from, to)}, recurring events expanded, all pages followed. */
    List<CalendarEvent> events(String accessToken, String calendarId, Instant from, Instant to);

    /**
     * One sync round: incremental from {@code syncToken} if given and still valid, otherwise a full sync of the
     * window {@code [from, to)}.
     */
    SyncBatch sync(String accessToken, String calendarId, Optional<String> syncToken, Instant from, Instant to);
}
