package io.billstream.webhook.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The SSRF guard (docs/webhook-service.md): a webhook URL must be http(s) and every address its host resolves to must be public,
 * unless it lies inside an allowed network. Checked at registration and again right before each attempt, so
 * a name that is re-pointed at an internal address later is refused then.
 */
public final class UrlGuard {

    /** Non-public ranges: unspecified, private, loopback, link-local (incl. cloud metadata), CGNAT, multicast, ... */
    private static final List<Cidr> REFUSED = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").map(Cidr::parse).toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final boolean allowHttp;
    private final List<Cidr> allowed;
    private final Resolver resolver;

    public UrlGuard(boolean allowHttp, List<String> allowedNetworks, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowed = allowedNetworks.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    public UrlGuard(boolean allowHttp, List<String> allowedNetworks) {
        this(allowHttp, allowedNetworks, InetAddress::getAllByName);
    }

    /** Resolves host names; a seam so the guard's rules can be tested without DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a URL is refused. */
    public static class RefusedUrlException extends Exception {
        public RefusedUrlException(String reason) {
            super(reason);
        }
    }

    /** The URL is not a URL at all (as opposed to a URL that points somewhere refused). */
    public static class MalformedUrlException extends RefusedUrlException {
        public MalformedUrlException(String reason) {
            super(reason);
        }
    }

    /** Parses and checks the URL's form only (scheme, host, no fragment); no DNS. */
    public URI parse(String url) throws RefusedUrlException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new MalformedUrlException("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new MalformedUrlException("must be an absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new RefusedUrlException(allowHttp ? "must use http or https" : "must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedUrlException("must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedUrlException("must not have a fragment");
        }
        return uri;
    }

    /** Parses, resolves and checks every address the host has; returns the checked addresses. */
    public List<InetAddress> check(String url) throws RefusedUrlException {
        URI uri = parse(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host does not resolve");
        }
        if (addresses.length == 0) {
            throw new RefusedUrlException("host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPermitted(address)) {
                throw new RefusedUrlException("resolves to a non-public address");
            }
        }
        return Arrays.asList(addresses);
    }

    public boolean isPermitted(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return true;
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || REFUSED.stream().anyMatch(c -> c.contains(address))) {
            return false;
        }
        if (address instanceof Inet6Address) {
            InetAddress embedded = embeddedIpv4(address.getAddress());
            return embedded == null || isPermitted(embedded);
        }
        return true;
    }

    /** NAT64 and 6to4 addresses carry an IPv4 address that is what actually gets reached. */
    private static InetAddress embeddedIpv4(byte[] v6) {
        InetAddress address;
        try {
            address = InetAddress.getByAddress(v6);
        } catch (UnknownHostException e) {
            return null;
        }
        try {
            if (NAT64.contains(address)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 2, 6));
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }
}
