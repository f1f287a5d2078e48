package dev.baas.tck;

import dev.baas.spi.MeetingPlatform;

import java.time.Duration;
import java.util.Optional;

/**
 * What a platform plugin's test gives the TCK: the platform under test, the host services its sessions need (for
 * example the shared browser runtime), and a way to create meetings it can act on as a host and as participants.
 */
public interface PlatformFixture extends AutoCloseable {
    MeetingPlatform platform();

    /** A service the host would offer sessions through {@code SessionContext.service}. */
    <T> Optional<T> service(Class<T> type);

    TestMeeting createMeeting(TestMeetingSpec spec);

    /**
     * Whether the fixture's meetings reproduce the real platform's traps: a lobby that shows call controls, modals
     * after joining, a host who has not started the meeting, sign-in walls. The trap rules run only then.
     */
    default boolean reproducesTraps() { return false; }

    /** How long the TCK waits for any one thing to happen. */
    default Duration patience() { return Duration.ofSeconds(30); }

    @Override void close();
}
