package dev.baas.sandbox.lookalike;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Teams as an anonymous guest meets it: a {@code meetup-join} link redirects to the launcher (desktop app
 * or "Continue on this browser"), the web client then shows the pre-join screen, the lobby and the meeting; tenants
 * that refuse guests send the browser to the Microsoft sign-in page instead. Meetings are known by their thread id
 * ({@code 19:meeting_...@thread.v2}).
 */
final class TeamsSite implements LookalikeSite {
    private static final String MEETING = page("meeting.html");
    private static final String LOGIN = page("login.html");
    private static final String APP_ROUTE = page("app-route.html");
    private static final String UNKNOWN = page("unknown.html");
    private static final Pattern MEETUP_JOIN = Pattern.compile("/l/meetup-join/([^/]+)/(\\d{1,20})/?");
    private static final Pattern THREAD = Pattern.compile("19:meeting_[A-Za-z0-9_.=-]{8,200}@thread\\.v2");
    private static final Pattern ROUTE = Pattern.compile("(?:/_)?#?/l/meetup-join/([^/?#]+)(?:/.*)?");

    @Override public String platform() { return "teams"; }

    @Override public List<String> hosts() {
        return List.of("teams.microsoft.com", "teams.live.com", "login.microsoftonline.com");
    }

    /** Thread ids are {@code meeting_} plus the base64 of a GUID's text, as Teams mints them. */
    @Override public Minted mint(SecureRandom random) {
        String id;
        do {
            id = Base64.getEncoder().withoutPadding().encodeToString(uuid(random).getBytes(StandardCharsets.US_ASCII));
        } while (id.contains("+") || id.contains("/"));
        String thread = "19:meeting_" + id + "@thread.v2";
        String context = "{\"Tid\":\"" + uuid(random) + "\",\"Oid\":\"" + uuid(random) + "\"}";
        String url = "https://teams.microsoft.com/l/meetup-join/" + encode(thread) + "/0?context=" + encode(context);
        return new Minted(url, thread, "");
    }

    @Override public Optional<Page> serve(Request request, Lookup meetings) {
        if (request.host().startsWith("login.")) return Optional.of(Page.html(LOGIN));
        String path = request.path();
        Matcher join = MEETUP_JOIN.matcher(path);
        if (join.matches()) return Optional.of(toLauncher(decode(join.group(1)), join.group(2), request.query()));
        if (path.equals("/dl/launcher/launcher.html")) {
            Optional<LookalikeMeeting> meeting = Optional.ofNullable(request.query().get("url"))
                    .flatMap(TeamsSite::threadOfRoute).flatMap(meetings::byKey);
            return Optional.of(Page.html(meeting.map(m -> m.render(MEETING)).orElse(UNKNOWN)));
        }
        if (path.equals("/v2") || path.equals("/v2/") || path.equals("/_") || path.equals("/")) return Optional.of(Page.html(APP_ROUTE));
        if (path.startsWith("/meet/")) return Optional.of(Page.html(UNKNOWN));
        return Optional.empty();
    }

    /** The link's answer: the launcher, carrying the web client's route to the meeting. */
    private static Page toLauncher(String thread, String message, Map<String, String> query) {
        String route = "/_#/l/meetup-join/" + encode(thread) + "/" + message
                + Optional.ofNullable(query.get("context")).map(c -> "?context=" + encode(c) + "&anon=true").orElse("?anon=true");
        String location = "/dl/launcher/launcher.html?url=" + encode(route) + "&type=meetup-join&deeplinkId="
                + UUID.randomUUID() + "&directDl=true&msLaunch=true&enableMobilePage=true&suppressPrompt=true";
        return Page.redirect(location);
    }

    /** The thread named by a web-client route such as {@code /_#/l/meetup-join/19%3ameeting_...%40thread.v2/0?...}. */
    static Optional<String> threadOfRoute(String route) {
        Matcher m = ROUTE.matcher(route);
        if (!m.matches()) return Optional.empty();
        String thread = decode(m.group(1));
        return THREAD.matcher(thread).matches() ? Optional.of(thread) : Optional.empty();
    }

    private static String uuid(SecureRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Percent-encodes as Teams writes its links: everything but unreserved characters, lower-case hex. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        return out.toString();
    }

    /** Undoes percent-encoding, however many times a path went through it (never {@code +} as space). */
    private static String decode(String s) {
        String current = s;
        try {
            for (int i = 0; i < 3 && current.contains("%"); i++)
                current = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a broken escape: what decoded so far is the answer, and it will not name a meeting
        }
        return current;
    }

    private static String page(String name) {
        return LookalikeMeeting.resource("/dev/baas/sandbox/lookalike/teams/" + name);
    }
}
