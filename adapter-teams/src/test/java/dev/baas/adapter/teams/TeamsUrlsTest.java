package dev.baas.adapter.teams;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.MeetingUrlTck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamsUrlsTest extends MeetingUrlTck {
    @Override protected MeetingPlatform platform() { return new TeamsPlatform(); }

    @Override protected String corpusResource() { return "teams-url-corpus.txt"; }

    @Test
    void mixedAudioMeansNoPerParticipantAudio() {
        assertFalse(new TeamsPlatform().capabilities().contains(Capability.PER_PARTICIPANT_AUDIO));
        assertTrue(new TeamsPlatform().capabilities().contains(Capability.WAITING_ROOM));
    }
}
