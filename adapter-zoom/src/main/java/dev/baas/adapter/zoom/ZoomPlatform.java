package dev.baas.adapter.zoom;

import dev.baas.spi.Capability;
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
     * read, so audio is the mix the page plays, attributed by the active-speaker display. The meeting view is
     * recorded as the client shows it (speaker view); no gallery layout is switched to.
     */
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ, Capability.PARTICIPANT_LIST,
            Capability.ACTIVE_SPEAKER, Capability.VIDEO_SPEAKER_VIEW, Capability.SPEECH_OUTPUT));

    @Override public String name() { return ZoomUrls.PLATFORM; }

    @Override public Optional<MeetingRef> parse(String url) { return ZoomUrls.parse(url); }

    @Override public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override
    public MeetingSession open(SessionContext context) { return new ZoomSession(context); }
}
