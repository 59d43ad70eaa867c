package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressKeyTest {
    private static AddressKey key(String address) throws Exception {
        return AddressKey.of(InetAddress.getByName(address));
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() throws Exception {
        assertThat(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(key("2001:db8:1:2::1"))
                .isEqualTo(key("2001:db8:1:2::"))
                .isNotEqualTo(key("2001:db8:1:3::1"));
        assertThat(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).hasToString("2001:db8:1:2:0:0:0:0/64");
        assertThat(key("fe80::1%1")).as("no scope").isEqualTo(key("fe80::2"));
    }

    @Test
    void anIpv4AddressCountsByItselfAndSoDoesItsIpv4MappedSpelling() throws Exception {
        assertThat(key("192.0.2.1")).isNotEqualTo(key("192.0.2.2")).hasToString("192.0.2.1");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        assertThat(AddressKey.of(java.net.Inet6Address.getByAddress(null, mapped, null)))
                .isEqualTo(key("192.0.2.1"))
                .isNotEqualTo(key("::ffff:192.0.2.2"));
        assertThat(key("::ffff:192.0.2.1")).isEqualTo(key("192.0.2.1"));
    }

    /** Every connection holds its key (the per-address caps): an IPv4 address's key is the address, not a copy. */
    @Test
    void anIpv4AddressIsItsOwnKeyWithoutACopy() throws Exception {
        InetAddress address = InetAddress.getByAddress("client.test", new byte[] {(byte) 192, 0, 2, 1});
        AddressKey key = AddressKey.of(address);
        assertThat(key.network()).isSameAs(address);
        assertThat(key).isEqualTo(key("192.0.2.1")).hasToString("192.0.2.1");
    }

    @Test
    void aWiderRuleCountsAnIpv4AddressByItsSlash24AndAnIpv6OneByItsSlash48() throws Exception {
        AddressKey slash24 = AddressKey.network(InetAddress.getByName("192.0.2.77"));
        assertThat(slash24)
                .isEqualTo(AddressKey.network(InetAddress.getByName("192.0.2.1")))
                .isEqualTo(AddressKey.network(InetAddress.getByName("::ffff:192.0.2.250")))
                .isNotEqualTo(AddressKey.network(InetAddress.getByName("192.0.3.1")))
                .isNotEqualTo(key("192.0.2.0"))
                .hasToString("192.0.2.0/24");
        AddressKey slash48 = AddressKey.network(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(slash48)
                .isEqualTo(AddressKey.network(InetAddress.getByName("2001:db8:1:ffff:1:2:3:4")))
                .isNotEqualTo(AddressKey.network(InetAddress.getByName("2001:db8:2::1")))
                .hasToString("2001:db8:1:0:0:0:0:0/48");
    }
}
