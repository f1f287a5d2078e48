package dev.baas.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a bot is in its life. Every allowed transition is listed once, in {@link #ALLOWED}; any other is a bug and
 * {@link #checkTransition} throws.
 */
public enum BotPhase {
    SCHEDULED,
    JOINING,
    IN_WAITING_ROOM,
    IN_CALL_NOT_RECORDING,
    IN_CALL_RECORDING,
    RECORDING_PAUSED,
    ENDING,
    COMPLETED,
    FAILED;

    private static final Map<BotPhase, Set<BotPhase>> ALLOWED = new EnumMap<>(BotPhase.class);

    static {
        allow(SCHEDULED, JOINING, ENDING, FAILED);
        allow(JOINING, IN_WAITING_ROOM, IN_CALL_NOT_RECORDING, ENDING, FAILED);
        // back to JOINING: another node rejoins the meeting of a bot whose node died (see ClusterSettings)
        allow(IN_WAITING_ROOM, IN_CALL_NOT_RECORDING, ENDING, FAILED, JOINING);
        allow(IN_CALL_NOT_RECORDING, IN_CALL_RECORDING, ENDING, FAILED, JOINING);
        allow(IN_CALL_RECORDING, RECORDING_PAUSED, ENDING, FAILED, JOINING);
        allow(RECORDING_PAUSED, IN_CALL_RECORDING, ENDING, FAILED, JOINING);
        allow(ENDING, COMPLETED, FAILED);
        allow(COMPLETED);
        allow(FAILED);
    }

    private static void allow(BotPhase from, BotPhase... to) {
        Set<BotPhase> set = EnumSet.noneOf(BotPhase.class);
        Collections.addAll(set, to);
        ALLOWED.put(from, Collections.unmodifiableSet(set));
    }

    public Set<BotPhase> next() { return ALLOWED.get(this); }

    public boolean canMoveTo(BotPhase to) { return ALLOWED.get(this).contains(to); }

    public boolean isTerminal() { return this == COMPLETED || this == FAILED; }

    /** Whether the bot is in the call (recording or not). */
    public boolean inCall() {
        return this == IN_CALL_NOT_RECORDING || this == IN_CALL_RECORDING || this == RECORDING_PAUSED;
    }

    public void checkTransition(BotPhase to) {
        if (!canMoveTo(to)) throw new IllegalStateException("illegal bot transition " + this + " -> " + to);
    }
}
