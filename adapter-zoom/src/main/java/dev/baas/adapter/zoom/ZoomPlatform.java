package dev.baas.adapter.zoom;

import dev.baas.spi.BaasException;
import dev.baas.spi.Capability;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Zoom's web client, joined as a guest in the shared Chromium runtime. */
public final class ZoomPlatform implements MeetingPlatform {
    /**
     * The web client decodes media in WebAssembly, with no per-participant WebRTC tracks or contributing sources to
     * read, so audio is the page's mix, attributed by the active-speaker display.
     */
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ, Capability.PARTICIPANT_LIST,
            Capability.ACTIVE_SPEAKER, Capability.VIDEO_SPEAKER_VIEW, Capability.VIDEO_GALLERY_VIEW,
            Capability.SPEECH_OUTPUT));

    @Override public String name() { return ZoomUrls.PLATFORM; }

    @Override public Optional<MeetingRef> parse(String url) { return ZoomUrls.parse(url); }

    @Override public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override
    public MeetingSession open(SessionContext context) {
        throw new BaasException(ErrorCode.NOT_IMPLEMENTED, "Zoom join flow not available yet");
    }
}
