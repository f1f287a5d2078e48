package dev.baas.sandbox.lookalike;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The look-alike of one real meeting platform: the host names it answers for (browsers that join look-alikes map
 * them to the sandbox), the real-shaped join URLs it mints, and its pages. A site is built from the platform's
 * public behaviour (its flows, texts, attributes and traps), never from an adapter's code.
 */
public interface LookalikeSite {
    /** {@code meet}, {@code teams} or {@code zoom}: the sandbox meeting spec's {@code platform}. */
    String platform();

    /** Host names served, lower case; {@code *.example.com} stands for any sub-domain. */
    List<String> hosts();

    /** A new meeting's join URL in the platform's real shape, and the key the site later finds it by. */
    Minted mint(SecureRandom random);

    /** Answers one request, or empty for a 404. */
    Optional<Page> serve(Request request, Lookup meetings);

    /** A minted meeting: its join URL, its key for {@link Lookup#byKey}, and its passcode (empty if none). */
    record Minted(String url, String meetingKey, String passcode) {}

    /** One HTTPS request: the host as the browser asked for it, the decoded path and query parameters. */
    record Request(String host, String path, Map<String, String> query) {
        public Request {
            query = Map.copyOf(query);
        }

        public Optional<String> param(String name) { return Optional.ofNullable(query.get(name)); }
    }

    /** A response: status, content type, body and extra headers (for example {@code Location}). */
    record Page(int status, String contentType, String body, Map<String, String> headers) {
        public Page {
            headers = Map.copyOf(headers);
        }

        public static Page html(String body) { return new Page(200, "text/html; charset=utf-8", body, Map.of()); }

        public static Page redirect(String location) {
            return new Page(302, "text/plain; charset=utf-8", "", Map.of("Location", location));
        }
    }

    /** The sandbox's meetings of this site, by the key {@link #mint} gave them. */
    interface Lookup {
        Optional<LookalikeMeeting> byKey(String meetingKey);
    }
}
