package dev.baas.adapter.meet;

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

/** Google Meet, joined as an anonymous guest in the shared Chromium runtime. */
public final class MeetPlatform implements MeetingPlatform {
    /**
     * Meet's SFU forwards the loudest speakers on separate tracks whose RTP contributing sources name the person,
     * so audio can be split per participant; the rest is what the web client shows any guest.
     */
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ, Capability.PARTICIPANT_LIST,
            Capability.ACTIVE_SPEAKER, Capability.PER_PARTICIPANT_AUDIO, Capability.VIDEO_SPEAKER_VIEW,
            Capability.VIDEO_GALLERY_VIEW, Capability.SPEECH_OUTPUT));

    @Override public String name() { return MeetUrls.PLATFORM; }

    @Override public Optional<MeetingRef> parse(String url) { return MeetUrls.parse(url); }

    @Override public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override
    public MeetingSession open(SessionContext context) {
        throw new BaasException(ErrorCode.NOT_IMPLEMENTED, "Google Meet join flow not available yet");
    }
}
