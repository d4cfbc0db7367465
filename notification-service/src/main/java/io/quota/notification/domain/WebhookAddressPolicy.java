package io.quota.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Server-side request forgery guard for webhook addresses: an absolute http(s) URL whose host resolves only to
 * public addresses. Loopback, link-local (cloud metadata lives at 169.254.169.254), private, carrier-grade NAT,
 * unique-local IPv6, multicast and the any-address are refused unless the host is allow-listed by configuration.
 * Checked when a subscription is created and again before every delivery, since DNS answers change.
 */
public final class WebhookAddressPolicy {
    public static final int MAX_LENGTH = 2000;

    /** Resolves a host name to all its addresses (DNS in production, a fake in tests). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why an address is refused; {@code malformed} marks an address that is not a usable URL at all. */
    public static final class Refused extends RuntimeException {
        private final boolean malformed;

        Refused(String reason, boolean malformed) {
            super(reason);
            this.malformed = malformed;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    public WebhookAddressPolicy(Collection<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(WebhookAddressPolicy::normalise).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** The URI to call, or {@link Refused} saying why not; http is accepted. */
    public URI check(String address) {
        return check(address, false);
    }

    /**
     * The URI to call, or {@link Refused} saying why not. {@code httpsRequired}: plain http is refused (as malformed)
     * unless the host is allow-listed, which only test and local configurations do.
     */
    public URI check(String address, boolean httpsRequired) {
        URI uri = parse(address);
        String host = normalise(uri.getHost());
        if (allowedHosts.contains(host)) {
            return uri;
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host " + host + " does not resolve", false);
        }
        if (resolved == null || resolved.length == 0) {
            throw new Refused("host " + host + " does not resolve", false);
        }
        for (InetAddress a : resolved) {
            String range = refusedRange(a);
            if (range != null) {
                throw new Refused("host " + host + " resolves to " + a.getHostAddress() + ", a " + range
                        + " address; only public addresses (or allow-listed hosts) receive webhooks", false);
            }
        }
        // after the range check, so an address that is both is answered as the graver (refused range)
        if (httpsRequired && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Refused("address must be an https URL", true);
        }
        return uri;
    }

    /** Syntax only: an absolute http or https URL with a host, no user info, at most {@link #MAX_LENGTH} chars. */
    public static URI parse(String address) {
        if (address == null || address.isBlank()) {
            throw new Refused("address is required", true);
        }
        if (address.length() > MAX_LENGTH) {
            throw new Refused("address is longer than " + MAX_LENGTH + " characters", true);
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new Refused("address is not a URL: " + e.getMessage(), true);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new Refused("address must be an absolute http or https URL", true);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("address has no host", true);
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("address must not carry user info; the signature authenticates us", true);
        }
        return uri;
    }

    /** The name of the refused range the address lies in, or null for a public address. */
    static String refusedRange(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "any-local";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "this-network";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "carrier-grade NAT (private)";
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return "broadcast";
            }
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "unique-local (private)";
        }
        return null;
    }

    private static String normalise(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
