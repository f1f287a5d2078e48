package dev.baas.sandbox.lookalike;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    private static final String MEETING = resource("teams/meeting.html");
    private static final String LOGIN = resource("teams/login.html");
    private static final String APP_ROUTE = resource("teams/app-route.html");
    private static final String UNKNOWN = resource("teams/unknown.html");
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
        return new Minted(url, thread);
    }

    @Override public Optional<Page> serve(Request request, Lookup meetings) {
        if (request.host().startsWith("login.")) return Optional.of(html(LOGIN));
        String path = request.path();
        Matcher join = MEETUP_JOIN.matcher(path);
        if (join.matches()) return Optional.of(toLauncher(decode(join.group(1)), join.group(2), request.query()));
        if (path.equals("/dl/launcher/launcher.html")) {
            Optional<LookalikeMeeting> meeting = Optional.ofNullable(request.query().get("url"))
                    .flatMap(TeamsSite::threadOfRoute).flatMap(meetings::byKey);
            return Optional.of(meeting.map(m -> html(LookalikeSite.render(MEETING, m, meetings.signalUrl())))
                    .orElseGet(() -> html(UNKNOWN)));
        }
        if (path.equals("/v2") || path.equals("/v2/") || path.equals("/_") || path.equals("/")) return Optional.of(html(APP_ROUTE));
        if (path.startsWith("/meet/")) return Optional.of(html(UNKNOWN));
        return Optional.empty();
    }

    /** The link's answer: the launcher, carrying the web client's route to the meeting. */
    private static Page toLauncher(String thread, String message, Map<String, String> query) {
        String route = "/_#/l/meetup-join/" + encode(thread) + "/" + message
                + Optional.ofNullable(query.get("context")).map(c -> "?context=" + encode(c) + "&anon=true").orElse("?anon=true");
        String location = "/dl/launcher/launcher.html?url=" + encode(route) + "&type=meetup-join&deeplinkId="
                + UUID.randomUUID() + "&directDl=true&msLaunch=true&enableMobilePage=true&suppressPrompt=true";
        return new Page(302, "text/html; charset=utf-8", "", Map.of("Location", location));
    }

    /** The thread named by a web-client route such as {@code /_#/l/meetup-join/19%3ameeting_...%40thread.v2/0?...}. */
    static Optional<String> threadOfRoute(String route) {
        Matcher m = ROUTE.matcher(route);
        if (!m.matches()) return Optional.empty();
        String thread = decode(m.group(1));
        return THREAD.matcher(thread).matches() ? Optional.of(thread) : Optional.empty();
    }

    private static Page html(String body) {
        return new Page(200, "text/html; charset=utf-8", body, Map.of("Cache-Control", "no-store"));
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

    private static String resource(String name) {
        try (InputStream in = TeamsSite.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
