package org.caresignal.alert.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private static final AddressPolicy NOTHING_ALLOWED = new AddressPolicy(List.of());

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, unspecified",
        "0.1.2.3, unspecified",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "100.64.0.1, carrier-grade NAT",
        "100.127.255.254, carrier-grade NAT",
        "127.0.0.1, loopback",
        "127.9.9.9, loopback",
        "169.254.169.254, link-local",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.0.0.170, IETF protocol assignments",
        "192.168.1.1, private",
        "198.18.0.1, benchmarking",
        "224.0.0.1, multicast",
        "239.255.255.250, multicast",
        "240.0.0.1, reserved or broadcast",
        "255.255.255.255, reserved or broadcast",
        "::, unspecified",
        "::1, loopback",
        "fe80::1, link-local",
        "febf::1, link-local",
        "fec0::1, site-local",
        "fc00::1, unique-local",
        "fd12:3456::1, unique-local",
        "ff02::1, multicast",
        "100::1, discard-only",
        "::127.0.0.1, loopback (as IPv6)",
        "::ffff:0:a9fe:a9fe, link-local (as IPv6)",
        "64:ff9b::a9fe:a9fe, link-local (as IPv6)",
        "64:ff9b::a00:1, private (as IPv6)",
        "64:ff9b:1::1, local-use NAT64",
        "2002:7f00:1::1, loopback (6to4)",
        "2002:c0a8:101::1, private (6to4)"
    })
    void internalRangesAreBlocked(String address, String range) throws Exception {
        assertThat(NOTHING_ALLOWED.blocked(InetAddress.getByName(address))).contains(range);
    }

    @Test
    void ipv4MappedIpv6IsCheckedAsTheIpv4AddressItCarries() throws Exception {
        // Java turns ::ffff:a.b.c.d into an Inet4Address; the raw 16 bytes are checked too.
        assertThat(NOTHING_ALLOWED.blocked(InetAddress.getByName("::ffff:127.0.0.1")))
                .contains("loopback");
        assertThat(NOTHING_ALLOWED.blocked(InetAddress.getByName("::ffff:169.254.169.254")))
                .contains("link-local");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertThat(AddressPolicy.internal(mapped)).contains("private (as IPv6)");
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertThat(AddressPolicy.internal(mapped)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "169.253.255.255",
                "192.169.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(NOTHING_ALLOWED.blocked(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void theOperatorsAllowlistOpensOnlyItsBlocks() throws Exception {
        var policy =
                new AddressPolicy(
                        AddressPolicy.cidrs(
                                List.of("10.1.2.0/24", "fd00::/8", "smtp.internal", "127.0.0.1")));
        assertThat(policy.blocked(InetAddress.getByName("10.1.2.200"))).isEmpty();
        assertThat(policy.blocked(InetAddress.getByName("10.1.3.1"))).contains("private");
        assertThat(policy.blocked(InetAddress.getByName("fd00::25"))).isEmpty();
        assertThat(policy.blocked(InetAddress.getByName("fc00::25"))).contains("unique-local");
        assertThat(policy.blocked(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(policy.blocked(InetAddress.getByName("127.0.0.2"))).contains("loopback");
    }

    @Test
    void cidrsAreParsedStrictly() {
        assertThat(
                        AddressPolicy.Cidr.parse("192.168.0.0/16")
                                .contains(new byte[] {(byte) 192, (byte) 168, 9, 9}))
                .isTrue();
        assertThat(AddressPolicy.Cidr.parse("0.0.0.0/0").contains(new byte[] {8, 8, 8, 8}))
                .isTrue();
        assertThatThrownBy(() -> AddressPolicy.Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.Cidr.parse("example.org/8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AddressPolicy.isLiteral("[::1]")).isTrue();
        assertThat(AddressPolicy.isLiteral("hooks.slack.com")).isFalse();
    }
}
