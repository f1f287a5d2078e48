package dev.baas.adapter.zoom;

import dev.baas.spi.MeetingRef;
import dev.baas.spi.PastedUrl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Zoom meeting links, reduced to the page the bot opens: the web client's join page
 * {@code https://<host>/wc/<id>/join?pwd=<pwd>[&tk=<token>]} (the React client; Zoom redirects to the classic
 * {@code /wc/join/<id>} itself when it wants to).
 *
 * <p>Taken: invites {@code /j/<id>}, webinars {@code /w/<id>}, both web client forms, host start links
 * {@code /s/<id>} (a bot only ever joins as a guest, so the host's {@code zak} token is dropped), desktop deep
 * links {@code zoommtg://} / {@code zoomus://} ({@code /join?confno=<id>&pwd=...}) and personal links
 * {@code /my/<name>}, which carry no meeting number: their canonical URL is the personal link itself, which Zoom
 * redirects to the meeting. Meeting numbers are 9 to 11 digits. A webinar is joined by number like a meeting, so
 * once normalised it reads as one ({@code kind=meeting}).
 *
 * <p>Hosts: {@code zoom.us}, {@code zoom.com} (the same service) and {@code zoomgov.com}, bare or with one label in
 * front. {@code www}, {@code app} and regional labels ({@code us02web}) are the generic client, canonicalised to
 * {@code app.zoom.us} or {@code zoomgov.com}; any other label is an organisation's vanity domain, kept because it
 * may carry the organisation's sign-in. Refused: Zoom Events ({@code events.zoom.us}; per-registrant links that a
 * bot cannot reuse), registration, recording and account pages.
 */
final class ZoomUrls {
    static final String PLATFORM = "zoom";
    private static final Pattern MEETING_NUMBER = Pattern.compile("\\d{9,11}");
    /** Zoom's own rule for personal link names: 5-40 characters, a letter first, then letters, digits and dots. */
    private static final Pattern PERSONAL_LINK = Pattern.compile("[a-z][a-z0-9.]{4,39}");
    private static final Pattern PWD = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,512}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern REGIONAL = Pattern.compile("[a-z]{2}\\d{2}web");
    private static final List<String> GENERIC_LABELS = List.of("", "www", "app");
    private static final List<String> NOT_MEETING_LABELS = List.of("events", "ev", "support", "community",
            "marketplace", "developers", "api", "status", "explore", "blog", "success", "learn", "library");

    private record Site(String cloud, Optional<String> vanity, String canonicalHost) {}

    /** What a link names; the attribute {@code kind}. */
    private enum Kind {
        MEETING("meeting"), PERSONAL_LINK("personal-link");

        final String wireName;

        Kind(String wireName) { this.wireName = wireName; }
    }

    private record Target(Kind kind, String id) {}

    private ZoomUrls() {}

    static Optional<MeetingRef> parse(String text) {
        Optional<PastedUrl> parsed = PastedUrl.parse(text);
        if (parsed.isEmpty()) return Optional.empty();
        PastedUrl url = parsed.get();
        boolean deepLink = url.scheme().equals("zoommtg") || url.scheme().equals("zoomus");
        if (!url.isWeb() && !deepLink) return Optional.empty();
        Optional<Site> site = site(url);
        Optional<Target> target = deepLink ? deepLinkTarget(url) : webTarget(url.segments());
        if (site.isEmpty() || target.isEmpty()) return Optional.empty();
        return ref(url, site.get(), target.get());
    }

    private static Optional<Site> site(PastedUrl url) {
        for (String domain : List.of("zoom.us", "zoom.com", "zoomgov.com")) {
            Optional<String> sub = url.subdomainOf(domain);
            if (sub.isEmpty()) continue;
            String label = sub.get();
            boolean gov = domain.equals("zoomgov.com");
            String cloud = gov ? "zoomgov" : "commercial";
            if (GENERIC_LABELS.contains(label) || REGIONAL.matcher(label).matches()) {
                return Optional.of(new Site(cloud, Optional.empty(), gov ? "zoomgov.com" : "app.zoom.us"));
            }
            if (NOT_MEETING_LABELS.contains(label) || !LABEL.matcher(label).matches()) return Optional.empty();
            return Optional.of(new Site(cloud, Optional.of(label), label + (gov ? ".zoomgov.com" : ".zoom.us")));
        }
        return Optional.empty();
    }

    private static Optional<Target> webTarget(List<String> path) {
        List<String> p = path.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (p.size() == 2 && List.of("j", "s", "w").contains(p.get(0))) return number(p.get(1));
        if (p.size() == 3 && p.get(0).equals("wc") && p.get(1).equals("join")) return number(p.get(2));
        if (p.size() == 3 && p.get(0).equals("wc") && p.get(2).equals("join")) return number(p.get(1));
        if (p.size() == 2 && p.get(0).equals("my") && PERSONAL_LINK.matcher(p.get(1)).matches()) {
            return Optional.of(new Target(Kind.PERSONAL_LINK, p.get(1)));
        }
        return Optional.empty();
    }

    private static Optional<Target> deepLinkTarget(PastedUrl url) {
        if (!url.segments().equals(List.of("join")) || url.count("confno") != 1) return Optional.empty();
        return number(url.param("confno").orElseThrow());
    }

    private static Optional<Target> number(String id) {
        return MEETING_NUMBER.matcher(id).matches() ? Optional.of(new Target(Kind.MEETING, id)) : Optional.empty();
    }

    private static Optional<MeetingRef> ref(PastedUrl url, Site site, Target target) {
        if (url.count("pwd") > 1 || url.count("tk") > 1) return Optional.empty();
        Optional<String> pwd = url.param("pwd").filter(v -> !v.isEmpty());
        Optional<String> token = url.param("tk").filter(v -> !v.isEmpty());
        if (pwd.isPresent() && !PWD.matcher(pwd.get()).matches()) return Optional.empty();
        if (token.isPresent() && !TOKEN.matcher(token.get()).matches()) return Optional.empty();
        StringBuilder query = new StringBuilder();
        pwd.ifPresent(v -> query.append("pwd=").append(v));
        token.ifPresent(v -> query.append(query.isEmpty() ? "" : "&").append("tk=").append(v));
        // A personal link is resolved by the main site, not the web client's host.
        boolean personalLink = target.kind() == Kind.PERSONAL_LINK;
        String host = personalLink && site.canonicalHost().equals("app.zoom.us") ? "zoom.us" : site.canonicalHost();
        String page = personalLink ? "/my/" + target.id() : "/wc/" + target.id() + "/join";
        String canonical = "https://" + host + page + (query.isEmpty() ? "" : "?" + query);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", target.kind().wireName);
        attributes.put("cloud", site.cloud());
        site.vanity().ifPresent(v -> attributes.put("vanity", v));
        return Optional.of(new MeetingRef(PLATFORM, canonical, target.id(), pwd, attributes));
    }
}
