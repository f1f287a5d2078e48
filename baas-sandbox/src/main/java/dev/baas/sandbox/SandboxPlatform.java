package dev.baas.sandbox;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sandbox as a meeting platform: URLs {@code http(s)://<loopback or sandbox.*>/m/<id>}, joined in the shared
 * browser runtime like any real platform.
 */
public final class SandboxPlatform implements MeetingPlatform {
    static final String NAME = "sandbox";
    private static final Pattern PATH = Pattern.compile("/m/([a-z0-9][a-z0-9-]{2,63})/?");

    @Override public String name() { return NAME; }

    @Override public Optional<MeetingRef> parse(String url) {
        if (url == null) return Optional.empty();
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
            boolean sandboxHost = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                    || host.startsWith("sandbox.");
            var m = PATH.matcher(u.getPath() == null ? "" : u.getPath());
            if (!sandboxHost || !m.matches()) return Optional.empty();
            String id = m.group(1);
            String canonical = scheme + "://" + host + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/m/" + id;
            return Optional.of(MeetingRef.of(NAME, canonical, id));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WAITING_ROOM, Capability.CHAT_SEND, Capability.CHAT_READ,
                Capability.PARTICIPANT_LIST, Capability.ACTIVE_SPEAKER, Capability.PER_PARTICIPANT_AUDIO,
                Capability.VIDEO_SPEAKER_VIEW, Capability.SPEECH_OUTPUT);
    }

    @Override public MeetingSession open(SessionContext context) { return new SandboxSession(context); }
}
