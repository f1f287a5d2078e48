package dev.baas.adapter.meet;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.MeetingUrlTck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetUrlsTest extends MeetingUrlTck {
    @Override protected MeetingPlatform platform() { return new MeetPlatform(); }

    @Override protected String corpusResource() { return "meet-url-corpus.txt"; }

    @Test
    void meetSplitsAudioPerParticipantButHasNoSeparateGalleryRecording() {
        assertTrue(new MeetPlatform().capabilities().contains(Capability.PER_PARTICIPANT_AUDIO));
        assertFalse(new MeetPlatform().capabilities().contains(Capability.VIDEO_GALLERY_VIEW));
    }
}
