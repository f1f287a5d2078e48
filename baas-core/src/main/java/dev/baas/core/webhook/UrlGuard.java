package dev.baas.core.webhook;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Violation;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps user-given URLs (webhooks, streams, images) away from the machine's own network: loopback, private,
 * link-local, unique-local, multicast and unspecified addresses are refused unless the operator allows private
 * ranges (local use, tests). Checked at join time and again after DNS resolution when connecting.
 */
public final class UrlGuard {
    private final boolean allowPrivate;

    public UrlGuard(boolean allowPrivate) { this.allowPrivate = allowPrivate; }

    public boolean allowsPrivate() { return allowPrivate; }

    /** Checks the URL's form and, if its host is a literal address or resolves, every address it resolves to. */
    public URI check(String field, String url, Set<String> schemes) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw refuse(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) throw refuse(field, "must use " + String.join(" or ", schemes.stream().sorted().toList()));
        if (uri.getHost() == null || uri.getHost().isBlank()) throw refuse(field, "has no host");
        if (uri.getRawUserInfo() != null) throw refuse(field, "must not carry credentials");
        if (!allowPrivate) {
            String host = IDN.toASCII(uri.getHost().replace("[", "").replace("]", ""));
            if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost"))
                throw refuse(field, "points to this machine");
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (isInternal(a)) throw refuse(field, "resolves to a private, loopback or link-local address (" + a.getHostAddress() + ")");
                }
            } catch (UnknownHostException e) {
                // an unresolvable host cannot reach anything internal; delivery will fail and be retried
            }
        }
        return uri;
    }

    /** Checks an address a connection is about to use (after DNS), so a rebinding host cannot slip through. */
    public void checkAddress(String field, InetAddress a) {
        if (!allowPrivate && isInternal(a)) throw refuse(field, "resolves to a private, loopback or link-local address (" + a.getHostAddress() + ")");
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }

    private static BaasException refuse(String field, String reason) {
        return new BaasException(ErrorCode.INVALID_REQUEST, field + " " + reason, List.of(new Violation(field, reason)), null);
    }
}
