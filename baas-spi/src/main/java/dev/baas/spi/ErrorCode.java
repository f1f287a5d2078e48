package dev.baas.spi;

/** The kinds of error the product reports; the HTTP layer maps each to one status in one place. */
public enum ErrorCode {
    INVALID_REQUEST,
    INVALID_MEETING_URL,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    NOT_IMPLEMENTED,
    UNAVAILABLE,
    PLUGIN_CONFLICT,
    PROVIDER_ERROR,
    INTERNAL
}
