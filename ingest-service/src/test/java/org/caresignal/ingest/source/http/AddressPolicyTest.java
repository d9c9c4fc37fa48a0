package org.caresignal.ingest.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every internal IPv4 and IPv6 range, the IPv6 forms that embed IPv4, and the allowlist. */
class AddressPolicyTest {

    private static InetAddress ip(String literal) {
        return AddressPolicy.literal(literal).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.0.0.2",
                "127.255.255.255",
                "169.254.169.254",
                "169.254.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.168.0.1",
                "192.168.255.255",
                "198.18.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                // IPv6
                "::",
                "::1",
                "fe80::1",
                "febf:ffff::1",
                "fec0::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "ff02::1",
                "ff05::1:3",
                "64:ff9b:1::a00:1",
                // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms of internal IPv4 addresses
                "::ffff:127.0.0.1",
                "::ffff:7f00:1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::ffff:192.168.1.1",
                "::127.0.0.1",
                "::169.254.169.254",
                "64:ff9b::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::",
                "2002:a9fe:a9fe::1",
                "[::1]",
                "[::ffff:127.0.0.1]"
            })
    void internalAddressesAreBlocked(String literal) {
        var address = ip(literal);
        assertThat(AddressPolicy.blockedRange(address)).as(literal).isPresent();
        assertThat(AddressPolicy.strict().permits(literal, address)).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "126.255.255.255",
                "128.0.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.167.255.255",
                "192.169.0.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2001:db8::1",
                "2a00:1450:4001:80b::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "fbff:ffff::1",
                "fe7f::1",
                "fe00::1"
            })
    void publicAddressesArePermitted(String literal) {
        var address = ip(literal);
        assertThat(AddressPolicy.blockedRange(address)).as(literal).isEmpty();
        assertThat(AddressPolicy.strict().permits("example.org", address)).isTrue();
    }

    @Test
    void theAllowlistOpensNetworksAndHostNamesOnly() {
        var policy =
                AddressPolicy.allowing(
                        List.of(" 10.20.0.0/16", "fd00:1::/32", "127.0.0.1", "relay.internal "));

        assertThat(policy.permits("x", ip("10.20.3.4"))).isTrue();
        assertThat(policy.permits("x", ip("10.21.3.4"))).isFalse();
        assertThat(policy.permits("x", ip("fd00:1::5"))).isTrue();
        assertThat(policy.permits("x", ip("fd00:2::5"))).isFalse();
        assertThat(policy.permits("x", ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits("x", ip("::ffff:127.0.0.1"))).isTrue();
        assertThat(policy.permits("x", ip("127.0.0.2"))).isFalse();
        assertThat(policy.permits("x", ip("169.254.169.254"))).isFalse();
        // A host name entry allows whatever that name resolves to, and only that name.
        assertThat(policy.permits("RELAY.internal", ip("192.168.7.7"))).isTrue();
        assertThat(policy.permits("other.internal", ip("192.168.7.7"))).isFalse();
    }

    @Test
    void anUnreadableAllowlistEntryIsRefused() {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("http://relay")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://relay");
    }

    @Test
    void onlyLiteralsAreParsedWithoutALookup() {
        assertThat(AddressPolicy.literal("example.org")).isEmpty();
        assertThat(AddressPolicy.literal("localhost")).isEmpty();
        assertThat(AddressPolicy.literal("127.0.0.1")).isPresent();
        assertThat(AddressPolicy.literal("[fe80::1]")).isPresent();
    }
}
