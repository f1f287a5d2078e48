package dev.baas.sandbox.lookalike;

import java.util.List;
import java.util.Optional;

/** Every look-alike the sandbox serves. */
public final class LookalikeSites {
    private LookalikeSites() {}

    public static List<LookalikeSite> all() {
        return List.of(new MeetSite(), new TeamsSite(), new ZoomSite());
    }

    public static Optional<LookalikeSite> of(String platform) {
        return all().stream().filter(s -> s.platform().equals(platform)).findFirst();
    }

    /** Whether {@code host} is served by {@code site} (exact names and {@code *.} wildcards). */
    public static boolean serves(LookalikeSite site, String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String pattern : site.hosts()) {
            if (pattern.startsWith("*.") ? h.endsWith(pattern.substring(1)) : h.equals(pattern)) return true;
        }
        return false;
    }
}
