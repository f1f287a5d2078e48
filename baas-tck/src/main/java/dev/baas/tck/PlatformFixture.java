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

    /** How long the TCK waits for any one thing to happen. */
    default Duration patience() { return Duration.ofSeconds(30); }

    @Override void close();
}
