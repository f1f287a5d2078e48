package dev.baas.adapter.teams;

import dev.baas.spi.MeetingRef;
import dev.baas.spi.PastedUrl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Microsoft Teams meeting links. Two kinds of meeting link exist, and every wrapper of either is reduced to it:
 * <ul>
 *   <li>{@code meetup-join}: {@code /l/meetup-join/<thread>/<message>?context={"Tid":..,"Oid":..}}, also inside a
 *   v2 deep link ({@code /v2/?meetingjoin=true#/l/meetup-join/...}), the old web route ({@code /_#/l/...}), the
 *   launcher ({@code /dl/launcher/launcher.html?url=/_#/l/...}) and light meetings ({@code coords=<base64 JSON>}).
 *   The canonical form is the plain legacy link with only the tenant and organizer in its context: the form every
 *   client accepts, and the join flow can rebuild any other from the attributes. A link without a context is
 *   taken as it is (Teams looks the meeting up itself); a context without a valid tenant id is refused as cut.</li>
 *   <li>{@code meet}: {@code /meet/<10-15 digits>?p=<passcode>}, directly or through the launcher or a v2 link. The
 *   passcode is kept in the canonical URL: without it enterprise meetings refuse anonymous guests.</li>
 * </ul>
 * The host names the cloud: {@code teams.microsoft.com} (and {@code teams.cloud.microsoft}) is {@code commercial},
 * {@code gov.teams.microsoft.us} is {@code gcchigh}, {@code dod.teams.microsoft.us} is {@code dod},
 * {@code teams.live.com} is {@code consumer}. GCC (moderate) tenants share the commercial host, so a link cannot
 * tell them apart and they read as {@code commercial}.
 */
final class TeamsUrls {
    static final String PLATFORM = "teams";
    private static final Map<String, Cloud> HOSTS = Map.of(
            "teams.microsoft.com", new Cloud("commercial", "teams.microsoft.com"),
            "teams.cloud.microsoft", new Cloud("commercial", "teams.microsoft.com"),
            "teams.live.com", new Cloud("consumer", "teams.live.com"),
            "gov.teams.microsoft.us", new Cloud("gcchigh", "gov.teams.microsoft.us"),
            "dod.teams.microsoft.us", new Cloud("dod", "dod.teams.microsoft.us"));
    private static final Pattern THREAD = Pattern.compile("19:[A-Za-z0-9_.=+-]{1,200}@thread\\.(?:v2|tacv2|skype)");
    private static final Pattern MESSAGE = Pattern.compile("\\d{1,20}");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MEET_ID = Pattern.compile("\\d{10,15}");
    private static final Pattern PASSCODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** Client-side routes nest at most launcher → web route → meeting; more is a loop or a trick. */
    private static final int MAX_ROUTES = 3;

    private record Cloud(String name, String canonicalHost) {}

    /** What a link names; the attribute {@code kind}. */
    private enum Kind {
        MEETUP_JOIN("meetup-join"), MEET("meet");

        final String wireName;

        Kind(String wireName) { this.wireName = wireName; }
    }

    private TeamsUrls() {}

    static Optional<MeetingRef> parse(String text) {
        Optional<PastedUrl> url = PastedUrl.parse(text).filter(PastedUrl::isWeb);
        if (url.isEmpty()) return Optional.empty();
        Cloud cloud = HOSTS.get(url.get().host());
        if (cloud == null) return Optional.empty();
        return meetingRoute(url.get(), 0).flatMap(route -> meeting(route, cloud));
    }

    /** Follows launcher, v2 and web-app routes down to the URL whose path names the meeting. */
    private static Optional<PastedUrl> meetingRoute(PastedUrl url, int depth) {
        if (depth > MAX_ROUTES) return Optional.empty();
        List<String> path = url.segments();
        if (path.size() >= 2 && (path.equals(List.of("meet", path.get(1))) || isMeetupJoin(path))) {
            return Optional.of(url);
        }
        if (path.isEmpty() || path.equals(List.of("v2")) || path.equals(List.of("_"))) {
            return url.fragment().isEmpty() ? Optional.empty()
                    : url.resolve(url.fragment()).flatMap(inner -> meetingRoute(inner, depth + 1));
        }
        if (path.equals(List.of("dl", "launcher", "launcher.html")) && url.count("url") == 1) {
            String target = url.param("url").orElseThrow();
            // An unencoded target loses its route to the outer URL's fragment: "?url=/_#/l/meetup-join/...".
            if (!target.contains("#") && !url.fragment().isEmpty()) target = target + "#" + url.fragment();
            return url.resolve(target).flatMap(inner -> meetingRoute(inner, depth + 1));
        }
        if (path.equals(List.of("light-meetings", "launch")) && url.count("coords") == 1) {
            return lightMeeting(url, url.param("coords").orElseThrow());
        }
        return Optional.empty();
    }

    private static boolean isMeetupJoin(List<String> path) {
        return (path.size() == 3 || path.size() == 4) && path.get(0).equals("l") && path.get(1).equals("meetup-join");
    }

    private static Optional<MeetingRef> meeting(PastedUrl route, Cloud cloud) {
        List<String> path = route.segments();
        return path.getFirst().equals("meet") ? meetById(route, path.get(1), cloud) : meetupJoin(route, cloud);
    }

    private static Optional<MeetingRef> meetById(PastedUrl route, String id, Cloud cloud) {
        if (!MEET_ID.matcher(id).matches() || route.count("p") > 1) return Optional.empty();
        Optional<String> passcode = route.param("p").filter(p -> !p.isEmpty());
        if (passcode.isPresent() && !PASSCODE.matcher(passcode.get()).matches()) return Optional.empty();
        String url = "https://" + cloud.canonicalHost() + "/meet/" + id + passcode.map(p -> "?p=" + p).orElse("");
        return Optional.of(new MeetingRef(PLATFORM, url, id, passcode, Map.of("kind", Kind.MEET.wireName, "cloud", cloud.name())));
    }

    private static Optional<MeetingRef> meetupJoin(PastedUrl route, Cloud cloud) {
        List<String> path = route.segments();
        String thread = path.get(2);
        String message = path.size() == 4 ? path.get(3) : "0";
        if (!THREAD.matcher(thread).matches() || !MESSAGE.matcher(message).matches() || route.count("context") > 1) {
            return Optional.empty();
        }
        Optional<String> tenant = Optional.empty();
        Optional<String> organizer = Optional.empty();
        if (route.count("context") == 1) {
            String context = route.param("context").orElseThrow();
            tenant = guidField(context, "Tid");
            organizer = guidField(context, "Oid");
            // A context that is there but names no tenant was cut or tampered with; guessing would join elsewhere.
            if (tenant.isEmpty() || (hasField(context, "Oid") && organizer.isEmpty())) return Optional.empty();
        }
        return Optional.of(meetupJoin(cloud, thread, message, tenant, organizer));
    }

    private static MeetingRef meetupJoin(Cloud cloud, String thread, String message,
                                         Optional<String> tenant, Optional<String> organizer) {
        StringBuilder context = new StringBuilder();
        tenant.ifPresent(t -> context.append("\"Tid\":\"").append(t).append('"'));
        organizer.ifPresent(o -> context.append(context.isEmpty() ? "" : ",").append("\"Oid\":\"").append(o).append('"'));
        String url = "https://" + cloud.canonicalHost() + "/l/meetup-join/" + encode(thread) + "/" + message
                + (context.isEmpty() ? "" : "?context=" + encode("{" + context + "}"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", Kind.MEETUP_JOIN.wireName);
        attributes.put("cloud", cloud.name());
        attributes.put("message_id", message);
        tenant.ifPresent(t -> attributes.put("tenant_id", t));
        organizer.ifPresent(o -> attributes.put("organizer_id", o));
        return new MeetingRef(PLATFORM, url, thread, Optional.empty(), attributes);
    }

    /** Light meetings carry the meeting as base64 JSON; it is rebuilt into a meetup-join route and checked as one. */
    private static Optional<PastedUrl> lightMeeting(PastedUrl url, String coords) {
        Optional<String> json = base64(coords);
        // Only the ids below are used, but a link hiding another URL in its payload is not a meeting invite.
        if (json.isEmpty() || json.get().contains("://")) return Optional.empty();
        Optional<String> thread = stringField(json.get(), "conversationId");
        Optional<String> tenant = stringField(json.get(), "tenantId");
        Optional<String> organizer = stringField(json.get(), "organizerId");
        String message = stringField(json.get(), "messageId").orElse("0");
        if (thread.isEmpty() || tenant.isEmpty() || organizer.isEmpty()) return Optional.empty();
        String context = "{\"Tid\":\"" + tenant.get() + "\",\"Oid\":\"" + organizer.get() + "\"}";
        return url.resolve("/l/meetup-join/" + encode(thread.get()) + "/" + encode(message) + "?context=" + encode(context));
    }

    private static Optional<String> base64(String text) {
        String s = text.strip();
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                String padded = s + "=".repeat((4 - s.length() % 4) % 4);
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(decoder.decode(s.endsWith("=") ? s : padded))).toString());
            } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
                // Not this alphabet; the other one, or refusal, follows.
            }
        }
        return Optional.empty();
    }

    private static Optional<String> guidField(String json, String name) {
        return stringField(json, name).map(v -> v.toLowerCase(Locale.ROOT)).filter(v -> GUID.matcher(v).matches());
    }

    private static boolean hasField(String json, String name) {
        return json.contains("\"" + name + "\"");
    }

    /** A top-level string field of a small flat JSON object; values with escapes are not ids, so none are read. */
    private static Optional<String> stringField(String json, String name) {
        var m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Percent-encodes all but RFC 3986 unreserved characters, lower-case hex as Teams writes its links. */
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
}
