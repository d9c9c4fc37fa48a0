package org.caresignal.alert.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses an outbound call may reach: anything public, and internal addresses only when
 * the operator's allowlist names them. Address in, the name of the blocked range (or none) out;
 * pure, no DNS.
 */
public final class AddressPolicy {

    /**
     * A CIDR block, v4 or v6 ({@code 10.0.0.0/8}, {@code fd00::/8}, a bare address = /32 or /128).
     */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String text) {
            var value = text.strip();
            int slash = value.indexOf('/');
            var host = slash < 0 ? value : value.substring(0, slash);
            if (!isLiteral(host)) {
                throw new IllegalArgumentException("not an IP address: " + host);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(host).getAddress();
                if (host.indexOf(':') >= 0 && bytes.length == 4) {
                    // Java hands back ::ffff:a.b.c.d as IPv4; a v6 block keeps its 16 bytes.
                    var v6 = new byte[16];
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                    System.arraycopy(bytes, 0, v6, 12, 4);
                    bytes = v6;
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
            int prefix;
            try {
                prefix =
                        slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length: " + value, e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + value);
            }
            return new Cidr(bytes, prefix);
        }

        public boolean contains(byte[] address) {
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

    private static final List<Range> V4 =
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
                    range("reserved or broadcast", "240.0.0.0/4"));

    private static final List<Range> V6 =
            List.of(
                    range("unspecified", "::/128"),
                    range("loopback", "::1/128"),
                    range("link-local", "fe80::/10"),
                    range("site-local", "fec0::/10"),
                    range("unique-local", "fc00::/7"),
                    range("multicast", "ff00::/8"),
                    range("discard-only", "100::/64"));

    // IPv6 forms that carry an IPv4 address: the embedded one is checked against V4.
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr NAT64_LOCAL = Cidr.parse("64:ff9b:1::/48");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowed;

    /**
     * @param allowed the operator's allowlist: internal blocks an outbound call may reach
     */
    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Parses comma-separated CIDRs; host names are not CIDRs and are left to the caller. */
    public static List<Cidr> cidrs(List<String> entries) {
        var out = new ArrayList<Cidr>();
        for (var e : entries) {
            if (isLiteral(e.contains("/") ? e.substring(0, e.indexOf('/')) : e)) {
                out.add(Cidr.parse(e));
            }
        }
        return out;
    }

    /**
     * Whether {@code host} is an IP literal (v4 dotted quad or v6, brackets allowed), not a name.
     */
    public static boolean isLiteral(String host) {
        var h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            return true;
        }
        if (h.indexOf(':') >= 0) {
            return true;
        }
        return h.matches("[0-9.]+") && !h.isEmpty();
    }

    /** Whether the operator's allowlist lets a call reach {@code address}. */
    public boolean allowlisted(InetAddress address) {
        var bytes = address.getAddress();
        return allowed.stream().anyMatch(c -> c.contains(bytes));
    }

    /** Why {@code address} may not be reached (the range it is in), or empty when it may. */
    public Optional<String> blocked(InetAddress address) {
        if (allowlisted(address)) {
            return Optional.empty();
        }
        return internal(address.getAddress());
    }

    /** The internal range holding the raw address, whatever the allowlist says. */
    public static Optional<String> internal(byte[] address) {
        if (address.length == 4) {
            return in(V4, address);
        }
        var v6 = in(V6, address);
        if (v6.isPresent()) {
            return v6;
        }
        for (var carrier : List.of(MAPPED, TRANSLATED, COMPATIBLE, NAT64)) {
            if (carrier.contains(address)) {
                return in(V4, java.util.Arrays.copyOfRange(address, 12, 16))
                        .map(r -> r + " (as IPv6)");
            }
        }
        if (NAT64_LOCAL.contains(address)) {
            return Optional.of("local-use NAT64");
        }
        if (SIX_TO_FOUR.contains(address)) {
            return in(V4, java.util.Arrays.copyOfRange(address, 2, 6)).map(r -> r + " (6to4)");
        }
        return Optional.empty();
    }

    private static Optional<String> in(List<Range> ranges, byte[] address) {
        return ranges.stream().filter(r -> r.cidr().contains(address)).map(Range::name).findFirst();
    }

    private static Range range(String name, String cidr) {
        return new Range(name, Cidr.parse(cidr));
    }
}
