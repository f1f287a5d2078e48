package dev.baas.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * When a bot leaves on its own. The first three are v1's {@code automatic_leave}; the rest go beyond v1 and are
 * off unless set.
 */
public record AutomaticLeave(
        Duration waitingRoomTimeout,
        Duration nooneJoinedTimeout,
        Duration silenceTimeout,
        Optional<Duration> everyoneLeftTimeout,
        Optional<Duration> maxDuration) {

    public static final Duration DEFAULT_WAITING_ROOM = Duration.ofSeconds(600);
    public static final Duration DEFAULT_NOONE_JOINED = Duration.ofSeconds(600);
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(600);

    public AutomaticLeave {
        if (waitingRoomTimeout == null) waitingRoomTimeout = DEFAULT_WAITING_ROOM;
        if (nooneJoinedTimeout == null) nooneJoinedTimeout = DEFAULT_NOONE_JOINED;
        if (silenceTimeout == null) silenceTimeout = DEFAULT_SILENCE;
        if (everyoneLeftTimeout == null) everyoneLeftTimeout = Optional.empty();
        if (maxDuration == null) maxDuration = Optional.empty();
    }

    public static AutomaticLeave defaults() {
        return new AutomaticLeave(null, null, null, null, null);
    }
}
