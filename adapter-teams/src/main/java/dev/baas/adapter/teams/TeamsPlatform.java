package dev.baas.adapter.teams;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Microsoft Teams, joined as an anonymous guest in the shared Chromium runtime. */
public final class TeamsPlatform implements MeetingPlatform {
    /**
     * Teams sends one server-mixed audio track, so there is no audio per participant: who speaks comes from the
     * speaking outlines of the tiles. Video is the meeting view as the bot sees it.
     */
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ, Capability.PARTICIPANT_LIST,
            Capability.ACTIVE_SPEAKER, Capability.VIDEO_SPEAKER_VIEW, Capability.SPEECH_OUTPUT));

    @Override public String name() { return TeamsUrls.PLATFORM; }

    @Override public Optional<MeetingRef> parse(String url) { return TeamsUrls.parse(url); }

    @Override public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override
    public MeetingSession open(SessionContext context) { return new TeamsSession(context); }
}
