package org.caresignal.ingest.source.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an outbound call may reach a resolved address: loopback, link-local, private,
 * CGNAT, unique-local, multicast, unspecified, broadcast and reserved ranges are refused, also when
 * hidden in an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, unless the operator's
 * allowlist (CIDRs or exact host names) names them.
 */
public final class AddressPolicy {

    /** An IPv4 or IPv6 network. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            var slash = text.indexOf('/');
            var address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
            }
            var bytes = address.get().getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private record Range(String name, Cidr cidr) {}

    private static final List<Range> BLOCKED_V4 =
            List.of(
                    range("unspecified", "0.0.0.0/8"),
                    range("private", "10.0.0.0/8"),
                    range("carrier-grade NAT", "100.64.0.0/10"),
                    range("loopback", "127.0.0.0/8"),
                    range("link-local", "169.254.0.0/16"),
                    range("private", "172.16.0.0/12"),
                    range("IETF protocol assignments", "192.0.0.0/24"),
                    range("private", "192.168.0.0/16"),
                    range("benchmarking", "198.18.0.0/15"),
                    range("multicast", "224.0.0.0/4"),
                    // 240/4 includes the limited broadcast address 255.255.255.255.
                    range("reserved or broadcast", "240.0.0.0/4"));

    private static final List<Range> BLOCKED_V6 =
            List.of(
                    range("unspecified", "::/128"),
                    range("loopback", "::1/128"),
                    range("link-local", "fe80::/10"),
                    range("site-local", "fec0::/10"),
                    range("unique-local", "fc00::/7"),
                    range("multicast", "ff00::/8"),
                    range("local-use NAT64", "64:ff9b:1::/48"));

    // Built from bytes: InetAddress turns ::ffff:a.b.c.d into an IPv4 address on parsing.
    private static final Cidr MAPPED = new Cidr(mappedPrefix(), 96);
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowedNetworks;
    private final List<String> allowedHosts;

    private AddressPolicy(List<Cidr> allowedNetworks, List<String> allowedHosts) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /** No exceptions: every internal range is refused. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of(), List.of());
    }

    /**
     * A policy allowing these operator entries: CIDRs ({@code 10.20.0.0/16}, {@code fd00::/8}),
     * single addresses, or exact host names ({@code smtp-relay.internal}).
     *
     * @throws IllegalArgumentException naming an entry that is none of these
     */
    public static AddressPolicy allowing(List<String> entries) {
        var networks = new ArrayList<Cidr>();
        var hosts = new ArrayList<String>();
        for (var raw : entries) {
            var entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.indexOf(':') >= 0 || entry.matches("[0-9./]+")) {
                networks.add(Cidr.parse(entry.replace("[", "").replace("]", "")));
            } else if (entry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(
                        "'" + entry + "' is neither a CIDR, an IP address nor a host name");
            }
        }
        return new AddressPolicy(networks, hosts);
    }

    /** Whether {@code host} (as written in the URL) is one the operator allowed by name. */
    public boolean allowsHostName(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether a connection to {@code address}, reached through {@code host}, may be made. */
    public boolean permits(String host, InetAddress address) {
        if (allowsHostName(host)) {
            return true;
        }
        var bytes = address.getAddress();
        var embedded = embeddedV4(bytes);
        for (var cidr : allowedNetworks) {
            if (cidr.contains(bytes) || (embedded != null && cidr.contains(embedded))) {
                return true;
            }
        }
        return blockedRange(address).isEmpty();
    }

    /**
     * The name of the internal range {@code address} lies in (looking through IPv6 forms that embed
     * an IPv4 address), or empty for a public address.
     */
    public static Optional<String> blockedRange(InetAddress address) {
        var bytes = address.getAddress();
        if (bytes.length == 4) {
            return find(BLOCKED_V4, bytes);
        }
        var embedded = embeddedV4(bytes);
        if (embedded != null) {
            // ::/96 also holds :: and ::1, which are ranges of their own.
            var own = find(BLOCKED_V6, bytes);
            if (own.isPresent()) {
                return own;
            }
            return find(BLOCKED_V4, embedded).map(r -> r + " (in an IPv6 address)");
        }
        return find(BLOCKED_V6, bytes);
    }

    /** The IPv4 address an IPv4-mapped, -compatible, NAT64 or 6to4 address carries, or null. */
    static byte[] embeddedV4(byte[] v6) {
        if (v6.length != 16) {
            return null;
        }
        if (MAPPED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }

    /** The address {@code host} denotes when it is an IP literal (brackets allowed), or empty. */
    public static Optional<InetAddress> literal(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        var h =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        boolean v4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // A literal: InetAddress parses it without any lookup.
            var address = InetAddress.getByName(h);
            return address instanceof Inet4Address || address instanceof Inet6Address
                    ? Optional.of(address)
                    : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] mappedPrefix() {
        var bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        return bytes;
    }

    private static Optional<String> find(List<Range> ranges, byte[] bytes) {
        for (var r : ranges) {
            if (r.cidr().contains(bytes)) {
                return Optional.of(r.name());
            }
        }
        return Optional.empty();
    }

    private static Range range(String name, String cidr) {
        return new Range(name, Cidr.parse(cidr));
    }
}
