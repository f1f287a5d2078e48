package dev.baas.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.*;

class BotPhaseTest {
    @Test
    void terminalPhasesGoNowhere() {
        assertTrue(BotPhase.COMPLETED.next().isEmpty());
        assertTrue(BotPhase.FAILED.next().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BotPhase.class)
    void everyIllegalTransitionThrows(BotPhase from) {
        for (BotPhase to : BotPhase.values()) {
            if (from.next().contains(to)) assertDoesNotThrow(() -> from.checkTransition(to));
            else assertThrows(IllegalStateException.class, () -> from.checkTransition(to), from + " -> " + to);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BotPhase.class, names = {"COMPLETED", "FAILED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyLivePhaseCanFailOrEnd(BotPhase from) {
        assertTrue(from.canMoveTo(BotPhase.FAILED));
        if (from != BotPhase.ENDING) assertTrue(from.canMoveTo(BotPhase.ENDING));
    }

    @Test
    void recordingCanOnlyStartFromTheCall() {
        EnumSet<BotPhase> into = EnumSet.noneOf(BotPhase.class);
        for (BotPhase p : BotPhase.values()) if (p.canMoveTo(BotPhase.IN_CALL_RECORDING)) into.add(p);
        assertEquals(EnumSet.of(BotPhase.IN_CALL_NOT_RECORDING, BotPhase.RECORDING_PAUSED), into);
    }
}
