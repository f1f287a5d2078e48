package dev.baas.adapter.meet;

import dev.baas.spi.BaasException;
import dev.baas.spi.Capability;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.MeetingUrlTck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetUrlsTest extends MeetingUrlTck {
    @Override protected MeetingPlatform platform() { return new MeetPlatform(); }

    @Override protected String corpusResource() { return "meet-url-corpus.txt"; }

    @Test
    void meetSplitsAudioPerParticipantUnlikeMixedPlatforms() {
        assertTrue(new MeetPlatform().capabilities().contains(Capability.PER_PARTICIPANT_AUDIO));
        assertEquals(Capability.values().length, new MeetPlatform().capabilities().size());
    }

    @Test
    void joiningSaysItIsNotAvailableYet() {
        BaasException e = assertThrows(BaasException.class, () -> new MeetPlatform().open(null));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
    }
}
