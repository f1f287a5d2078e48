package dev.baas.server.docs;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// docs:begin platform
/** Acme Meetings: URLs like https://meet.acme.example/r/abc-123. */
public final class AcmePlatform implements MeetingPlatform {
    private static final Pattern URL = Pattern.compile("https://meet\\.acme\\.example/r/([a-z0-9-]+)(?:\\?pwd=(\\w+))?");

    @Override public String name() { return "acme"; }

    @Override public Optional<MeetingRef> parse(String url) {
        if (url == null) return Optional.empty();
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) return Optional.empty();
        String canonical = "https://meet.acme.example/r/" + m.group(1);
        return Optional.of(new MeetingRef(name(), canonical, m.group(1), Optional.ofNullable(m.group(2)), java.util.Map.of()));
    }

    @Override public Set<Capability> capabilities() {
        // only what the adapter really does: the TCK runs the rules of every declared capability
        return EnumSet.of(Capability.WAITING_ROOM, Capability.PARTICIPANT_LIST, Capability.VIDEO_SPEAKER_VIEW);
    }

    @Override public MeetingSession open(SessionContext context) { return new AcmeSession(context); }
}
// docs:end
