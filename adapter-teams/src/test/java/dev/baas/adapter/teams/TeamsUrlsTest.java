package dev.baas.adapter.teams;

import dev.baas.spi.BaasException;
import dev.baas.spi.Capability;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.MeetingUrlTck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamsUrlsTest extends MeetingUrlTck {
    @Override protected MeetingPlatform platform() { return new TeamsPlatform(); }

    @Override protected String corpusResource() { return "teams-url-corpus.txt"; }

    @Test
    void mixedAudioMeansNoPerParticipantAudio() {
        assertFalse(new TeamsPlatform().capabilities().contains(Capability.PER_PARTICIPANT_AUDIO));
        assertTrue(new TeamsPlatform().capabilities().contains(Capability.WAITING_ROOM));
    }

    @Test
    void joiningSaysItIsNotAvailableYet() {
        BaasException e = assertThrows(BaasException.class, () -> new TeamsPlatform().open(null));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
    }
}
