package dev.baas.adapter.zoom;

import dev.baas.spi.BotConfig;
import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingSession;
import dev.baas.tck.MeetingUrlTck;
import dev.baas.tck.RecordingContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    void aSessionWithoutTheBrowserRuntimeFailsWithAReason() {
        String url = "https://zoom.us/j/84512345678?pwd=AbC123";
        RecordingContext ctx = new RecordingContext(BotConfig.builder(url, "Zoom Bot").build(),
                new ZoomPlatform().parse(url).orElseThrow(), type -> Optional.empty());
        try (MeetingSession session = new ZoomPlatform().open(ctx)) {
            session.join();
            MeetingEvent.SessionFailed failed = ctx.await(MeetingEvent.SessionFailed.class, e -> true, Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no SessionFailed; events: " + ctx.events()));
            assertTrue(failed.message().contains("BrowserRuntime"), failed.message());
            assertInstanceOf(MeetingEvent.Joining.class, ctx.events().getFirst());
        }
    }
}
