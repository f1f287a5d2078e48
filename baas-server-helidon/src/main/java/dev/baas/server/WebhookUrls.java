package dev.baas.server;

import dev.baas.spi.Violation;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses webhook URLs that name this machine or a private network (unless the operator allows them), so a user
 * cannot make the server call into its own network. Only literal addresses and local names are judged here; the
 * sender checks the resolved address again when it delivers.
 */
final class WebhookUrls {
    private final boolean allowPrivate;

    WebhookUrls(boolean allowPrivate) { this.allowPrivate = allowPrivate; }

    void check(String field, String url, List<Violation> violations) {
        if (allowPrivate) return;
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return; // the URL's shape is judged elsewhere
        }
        if (host == null) return;
        if (isPrivate(host)) {
            violations.add(new Violation(field, "points at a loopback or private address; the server is configured to refuse these"));
        }
    }

    static boolean isPrivate(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) return true;
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":") && host.matches("[0-9a-f:.%a-z]+");
        if (!ipv4 && !ipv6) return false;
        try {
            InetAddress a = InetAddress.getByName(host); // a literal: no lookup happens
            byte[] b = a.getAddress();
            boolean uniqueLocal6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
            boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || uniqueLocal6 || carrierNat;
        } catch (UnknownHostException e) {
            return true; // an address we cannot read is not one we call
        }
    }
}
