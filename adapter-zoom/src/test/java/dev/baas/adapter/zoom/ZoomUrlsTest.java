package dev.baas.adapter.zoom;

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

class ZoomUrlsTest extends MeetingUrlTck {
    @Override protected MeetingPlatform platform() { return new ZoomPlatform(); }

    @Override protected String corpusResource() { return "zoom-url-corpus.txt"; }

    @Test
    void theWebClientMixesAudioSoThereIsNoPerParticipantAudio() {
        assertFalse(new ZoomPlatform().capabilities().contains(Capability.PER_PARTICIPANT_AUDIO));
        assertTrue(new ZoomPlatform().capabilities().contains(Capability.WAITING_ROOM));
    }

    @Test
    void aHostStartTokenNeverReachesTheCanonicalUrl() {
        String url = new ZoomPlatform().parse("https://zoom.us/s/85012345678?zak=host-secret&pwd=AbC123").orElseThrow().url();
        assertFalse(url.contains("zak") || url.contains("host-secret"), url);
    }

    @Test
    void joiningSaysItIsNotAvailableYet() {
        BaasException e = assertThrows(BaasException.class, () -> new ZoomPlatform().open(null));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
    }
}
