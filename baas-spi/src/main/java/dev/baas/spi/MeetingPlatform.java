package dev.baas.spi;

import java.util.Optional;
import java.util.Set;

/**
 * A meeting platform plugin, found with {@link java.util.ServiceLoader}. One per platform; the name is unique.
 */
public interface MeetingPlatform {
    /** A short lower-case name: "meet", "teams", "zoom", "sandbox". */
    String name();

    /** Recognises one of this platform's meeting URLs, as a user would paste it. Never throws on odd input. */
    Optional<MeetingRef> parse(String url);

    Set<Capability> capabilities();

    /** Opens a session for one bot; nothing is joined until {@link MeetingSession#join()}. */
    MeetingSession open(SessionContext context);
}
