package dev.baas.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A link as a user pasted it, cleaned and split, for a platform's parser to recognise its own shapes.
 *
 * <p>{@link #parse} does what every platform would otherwise repeat, and refuses what none should accept: it trims
 * whitespace, quotes and angle brackets, adds a missing {@code https://}, unwraps Google redirects and Outlook/Teams
 * Safe Links, lower-cases the host, and refuses control characters, backslashes, non-ASCII text, user-info
 * ({@code https://meet.google.com@evil.test}), odd ports, dot segments, malformed percent escapes, over-long input
 * and links that smuggle a second URL. A platform then only compares hosts and path segments.
 *
 * @param scheme   lower case; {@code https} when the user left it out
 * @param host     lower case, without a trailing dot
 * @param segments the path's non-empty segments, percent-decoded
 * @param query    the query's parameters in order, percent-decoded ({@code +} is kept, as in RFC 3986)
 * @param fragment the raw fragment after {@code #}, empty if none (platforms with client-side routes re-parse it)
 */
public record PastedUrl(String scheme, String host, List<String> segments, List<Param> query, String fragment) {
    /** Longer than any real invite, even wrapped in Safe Links; anything longer is refused unread. */
    public static final int MAX_LENGTH = 2048;

    /** One query parameter. */
    public record Param(String name, String value) {}

    private static final int MAX_UNWRAPS = 3;
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");
    private static final Pattern OPAQUE_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\\d+(?:[/?#]|$))");
    private static final Pattern HOST = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern SAFE_LINKS = Pattern.compile("[a-z0-9-]+\\.safelinks\\.protection\\.(?:outlook\\.com|office365\\.us)");
    /** Schemes that run or embed content instead of naming a page; never a meeting, wherever they hide. */
    private static final Pattern ACTIVE_SCHEME = Pattern.compile("(?:javascript|vbscript|data|file):");
    private static final String[][] WRAPPING_PAIRS = {
            {"\"", "\""}, {"'", "'"}, {"<", ">"}, {"`", "`"}, {"(", ")"}, {"[", "]"},
            {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, {"\u00AB", "\u00BB"}};

    public PastedUrl {
        segments = List.copyOf(segments);
        query = List.copyOf(query);
    }

    /** Cleans and splits what a user pasted; empty when it is not a plain web-like link. Never throws. */
    public static Optional<PastedUrl> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) return Optional.empty();
        return parseLink(unwrapText(text), 0);
    }

    /** This URL's scheme and host with another path, query and fragment, as a client-side route would load it. */
    public Optional<PastedUrl> resolve(String pathQueryFragment) {
        if (pathQueryFragment == null || !pathQueryFragment.startsWith("/") || pathQueryFragment.startsWith("//")) {
            return Optional.empty();
        }
        return parseLink(scheme + "://" + host + pathQueryFragment, MAX_UNWRAPS);
    }

    /** True for {@code http} and {@code https}. */
    public boolean isWeb() { return scheme.equals("https") || scheme.equals("http"); }

    /** The first value of a query parameter, its name compared case-insensitively. */
    public Optional<String> param(String name) {
        return query.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value).findFirst();
    }

    /** How many times a query parameter occurs, its name compared case-insensitively. */
    public long count(String name) {
        return query.stream().filter(p -> p.name().equalsIgnoreCase(name)).count();
    }

    /** The subdomain labels left of {@code domain} ("" for the domain itself), or empty if the host is elsewhere. */
    public Optional<String> subdomainOf(String domain) {
        if (host.equals(domain)) return Optional.of("");
        String suffix = "." + domain;
        return host.endsWith(suffix) ? Optional.of(host.substring(0, host.length() - suffix.length())) : Optional.empty();
    }

    private static Optional<PastedUrl> parseLink(String s, int unwraps) {
        if (s.isEmpty() || s.length() > MAX_LENGTH) return Optional.empty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Whitespace inside means prose or two links; a backslash is read as '/' by browsers, hiding the real host.
            if (c <= 0x20 || c >= 0x7F || c == '\\') return Optional.empty();
        }
        String scheme;
        String rest;
        var m = SCHEME.matcher(s);
        if (m.find()) {
            scheme = m.group(1).toLowerCase(Locale.ROOT);
            rest = s.substring(m.end());
        } else if (OPAQUE_SCHEME.matcher(s).find() || s.startsWith("/")) {
            return Optional.empty();
        } else {
            scheme = "https";
            rest = s;
        }
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        if (authority.contains("@") || authority.contains("%")) return Optional.empty();
        Optional<String> host = host(authority, scheme);
        if (host.isEmpty()) return Optional.empty();

        int hash = afterAuthority.indexOf('#');
        String fragment = hash < 0 ? "" : afterAuthority.substring(hash + 1);
        String beforeFragment = hash < 0 ? afterAuthority : afterAuthority.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        String rawQuery = question < 0 ? "" : beforeFragment.substring(question + 1);

        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (raw.isEmpty()) continue;
            Optional<String> segment = decode(raw);
            if (segment.isEmpty() || segment.get().equals(".") || segment.get().equals("..")
                    || segment.get().contains("/") || hasControl(segment.get())) {
                return Optional.empty();
            }
            segments.add(segment.get());
        }
        List<Param> query = new ArrayList<>();
        for (String raw : rawQuery.split("&")) {
            // Links copied out of HTML mail keep the entity: "?a=1&amp;pwd=x".
            String pair = raw.startsWith("amp;") ? raw.substring(4) : raw;
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            Optional<String> name = decode(eq < 0 ? pair : pair.substring(0, eq));
            Optional<String> value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty()) return Optional.empty();
            int encodedEq = name.get().indexOf('=');
            if (eq < 0 && encodedEq > 0) {
                // An encoded '=' ("?pwd%3Dabc") still separates name and value: the link was encoded once too often.
                query.add(new Param(name.get().substring(0, encodedEq), name.get().substring(encodedEq + 1)));
            } else {
                query.add(new Param(name.get(), value.get()));
            }
        }
        PastedUrl url = new PastedUrl(scheme, host.get(), segments, query, fragment);
        Optional<String> wrapped = url.wrappedTarget();
        if (wrapped.isPresent()) {
            if (unwraps >= MAX_UNWRAPS || !SCHEME.matcher(wrapped.get()).find()) return Optional.empty();
            return parseLink(unwrapText(wrapped.get()), unwraps + 1);
        }
        // Checked only once no wrapper is left: a wrapper carries its one target by design.
        if (url.isRedirector() || smugglesSecondUrl(s)) return Optional.empty();
        return Optional.of(url);
    }

    /** The link inside a redirector's single target parameter, if this is a redirector carrying exactly one. */
    private Optional<String> wrappedTarget() {
        if (!isRedirector() || !isWeb()) return Optional.empty();
        String name = host.endsWith("google.com") ? (count("q") > 0 ? "q" : "url") : "url";
        return count(name) == 1 ? param(name) : Optional.empty();
    }

    private boolean isRedirector() {
        return ((host.equals("www.google.com") || host.equals("google.com")) && segments.equals(List.of("url")))
                || SAFE_LINKS.matcher(host).matches()
                || (host.equals("statics.teams.cdn.office.net") && !segments.isEmpty()
                    && segments.getLast().equals("atp-safelinks.html"));
    }

    private static Optional<String> host(String authority, String scheme) {
        String host = authority.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            host = host.substring(0, colon);
            boolean defaultPort = port.isEmpty()
                    || (scheme.equals("https") && port.equals("443")) || (scheme.equals("http") && port.equals("80"));
            if (!defaultPort) return Optional.empty();
        }
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        return HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }

    /**
     * Looks for a second scheme at up to three levels of percent-decoding, as a server or browser might decode it
     * again after us: {@code ?next=https%253A%252F%252Fevil.test} is as dangerous as the plain form.
     */
    private static boolean smugglesSecondUrl(String s) {
        String text = s.toLowerCase(Locale.ROOT);
        for (int level = 0; level <= 3; level++) {
            int first = text.indexOf("://");
            if (first >= 0 && text.indexOf("://", first + 3) >= 0) return true;
            if (ACTIVE_SCHEME.matcher(text).find()) return true;
            String decoded = decodeLeniently(text);
            if (decoded.equals(text)) break;
            text = decoded;
        }
        return false;
    }

    /** Trims whitespace (also the invisible kinds) and wrapping quotes or brackets, repeatedly. */
    static String unwrapText(String text) {
        String s = text;
        while (true) {
            String before = s;
            s = stripInvisible(s);
            for (String[] pair : WRAPPING_PAIRS) {
                if (s.length() >= 2 && s.startsWith(pair[0]) && s.endsWith(pair[1])) {
                    s = s.substring(pair[0].length(), s.length() - pair[1].length());
                    break;
                }
            }
            if (s.equals(before)) return s;
        }
    }

    private static String stripInvisible(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && invisible(s.charAt(start))) start++;
        while (end > start && invisible(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u200C'
                || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return -1;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\');
    }

    /** Strict UTF-8 percent-decoding; empty on a malformed escape or invalid UTF-8. */
    private static Optional<String> decode(String s) {
        if (s.indexOf('%') < 0) return Optional.of(s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= s.length()) return Optional.empty();
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) return Optional.empty();
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String decodeLeniently(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
