package dev.baas.adapter.meet;

import dev.baas.spi.MeetingRef;
import dev.baas.spi.PastedUrl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Google Meet links: {@code https://meet.google.com/abc-defg-hij} (any case, behind {@code /_meet/}, or as
 * {@code g.co/meet/...}) and Workspace nicknames. A dash-less code is passed on as typed, like a nickname: Meet
 * itself decides which it is, and rewriting it would guess. The query ({@code authuser}, {@code hs},
 * {@code pli}...) never reaches the canonical URL: it only carries the sharer's account and tracking.
 *
 * <p>Refused: {@code /lookup/...} links, which resolve a Calendar or Classroom code through the signed-in user's
 * organisation and so cannot be joined by an anonymous guest; the site's own pages ({@code /}, {@code /new},
 * {@code /landing}...); and code-shaped typos ({@code abc-defg-hi}), which would otherwise pass as nicknames and
 * fail only at join time.
 */
final class MeetUrls {
    static final String PLATFORM = "meet";
    private static final String HOST = "meet.google.com";
    private static final Pattern CODE = Pattern.compile("[a-z]{3}-[a-z]{4}-[a-z]{3}");
    private static final Pattern THREE_GROUPS = Pattern.compile("([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+)");
    private static final Pattern NICKNAME = Pattern.compile("[a-z0-9][a-z0-9-]{3,38}[a-z0-9]");
    private static final Set<String> SITE_PAGES = Set.of("landing", "about", "whoops", "unsupported", "settings",
            "calling", "linkredirect", "feedback", "download", "hardware", "meetings", "lookup", "support", "terms",
            "privacy", "home", "new", "tv", "_meet");

    /** What a link names; the attribute {@code kind}. */
    private enum Kind {
        CODE("code"), NICKNAME("nickname");

        final String wireName;

        Kind(String wireName) { this.wireName = wireName; }
    }

    private MeetUrls() {}

    static Optional<MeetingRef> parse(String text) {
        return PastedUrl.parse(text).filter(PastedUrl::isWeb).flatMap(MeetUrls::meetingName).flatMap(MeetUrls::ref);
    }

    /** The single path segment that names the meeting, wherever this host puts it. */
    private static Optional<String> meetingName(PastedUrl url) {
        List<String> path = url.segments();
        if (url.host().equals(HOST)) {
            if (path.size() == 1) return Optional.of(path.getFirst());
            if (path.size() == 2 && path.getFirst().equals("_meet")) return Optional.of(path.get(1));
        } else if (url.host().equals("g.co") && path.size() == 2 && path.getFirst().equalsIgnoreCase("meet")) {
            return Optional.of(path.get(1));
        }
        return Optional.empty();
    }

    private static Optional<MeetingRef> ref(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (CODE.matcher(lower).matches()) return Optional.of(meeting(lower, Kind.CODE));
        if (isMistypedCode(lower) || !NICKNAME.matcher(lower).matches() || SITE_PAGES.contains(lower)) {
            return Optional.empty();
        }
        return Optional.of(meeting(lower, Kind.NICKNAME));
    }

    /** One letter off the 3-4-3 shape, or a digit in it: meant as a code, so a typo rather than a nickname. */
    private static boolean isMistypedCode(String name) {
        var groups = THREE_GROUPS.matcher(name);
        if (!groups.matches()) return false;
        int off = Math.abs(groups.group(1).length() - 3) + Math.abs(groups.group(2).length() - 4)
                + Math.abs(groups.group(3).length() - 3);
        return off == 1 || (off == 0 && name.chars().anyMatch(Character::isDigit));
    }

    private static MeetingRef meeting(String id, Kind kind) {
        return new MeetingRef(PLATFORM, "https://" + HOST + "/" + id, id, Optional.empty(), Map.of("kind", kind.wireName));
    }
}
