package dev.baas.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A meeting URL recognised by a platform, normalised: the platform's name, the canonical URL the bot navigates to,
 * the meeting's id, its passcode if the URL carries one, and any other platform facts (tenant, cloud, ...).
 */
public record MeetingRef(String platform, String url, String meetingId, Optional<String> passcode,
                         Map<String, String> attributes) {
    public MeetingRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(meetingId, "meetingId");
        passcode = passcode == null ? Optional.empty() : passcode;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static MeetingRef of(String platform, String url, String meetingId) {
        return new MeetingRef(platform, url, meetingId, Optional.empty(), Map.of());
    }
}
