package dev.baas.spi;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** What the engine gives a platform when it opens a session for one bot. */
public interface SessionContext {
    UUID botId();

    BotConfig config();

    MeetingRef meeting();

    Clock clock();

    /** Reports a lifecycle event to the engine. Thread-safe. */
    void emit(MeetingEvent event);

    /** Where captured audio and video go. */
    MediaSink media();

    /**
     * A service the host provides to plugins (the shared browser runtime, for browser-driven platforms), looked up
     * by type so this contract names none of them.
     */
    <T> Optional<T> service(Class<T> type);
}
