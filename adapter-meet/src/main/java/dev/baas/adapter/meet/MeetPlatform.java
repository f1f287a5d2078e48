package dev.baas.adapter.meet;

import dev.baas.spi.Capability;
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
     * Meet's SFU forwards the loudest speakers on three audio slots and says on its {@code collections} channel who
     * is in each, so audio can be split per participant; the rest is what the web client shows any guest. The
     * meeting view is recorded as the page shows it, so there is no separate gallery layout.
     */
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ, Capability.PARTICIPANT_LIST,
            Capability.ACTIVE_SPEAKER, Capability.PER_PARTICIPANT_AUDIO, Capability.VIDEO_SPEAKER_VIEW,
            Capability.SPEECH_OUTPUT));

    @Override public String name() { return MeetUrls.PLATFORM; }

    @Override public Optional<MeetingRef> parse(String url) { return MeetUrls.parse(url); }

    @Override public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override public MeetingSession open(SessionContext context) { return new MeetSession(context); }
}
