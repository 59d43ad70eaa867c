package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.server.config.ServerText;
import org.junit.jupiter.api.Test;

/**
 * The web page's start line: on every interface, localhost for this machine and this machine's addresses for the
 * others (trial 10: {@code http://localhost:48956/} opened the page on the server alone); for an address of its own,
 * that address alone.
 */
class WebPageLineTest {
    private static final ServerText KOREAN = new ServerText(Locale.KOREAN);
    private static final ServerText ENGLISH = new ServerText(Locale.ENGLISH);

    private static List<InetAddress> addresses(String... literals) throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            addresses.add(InetAddress.getByName(literal));
        }
        return addresses;
    }

    @Test
    void onEveryInterfaceOtherMachinesAreGivenThisMachinesAddressesIpv6InBracketsLinkLocalLeftOut() throws Exception {
        List<InetAddress> machine = addresses("fe80::fc:ff:fe00:1", "fd00::2", "192.0.2.2", "169.254.1.1", "127.0.0.1");

        assertThat(ChatServer.webPageLine(KOREAN, false, List.of(), 8080, () -> machine))
                .isEqualTo("웹 페이지: http://localhost:8080/, 다른 컴퓨터에서는 http://192.0.2.2:8080/, http://[fd00::2]:8080/");
        assertThat(ChatServer.webPageLine(ENGLISH, true, List.of("::"), 8443, () -> machine))
                .as("over TLS, https; :: alone takes both families")
                .isEqualTo("Web page: https://localhost:8443/ (TLS), from other machines https://192.0.2.2:8443/,"
                        + " https://[fd00::2]:8443/");
        assertThat(ChatServer.webPageLine(KOREAN, false, List.of("0.0.0.0"), 8080, () -> machine))
                .as("0.0.0.0 takes IPv4 alone")
                .isEqualTo("웹 페이지: http://localhost:8080/, 다른 컴퓨터에서는 http://192.0.2.2:8080/");
    }

    @Test
    void atMostFourAddressesAreGivenIpv4First() throws Exception {
        List<InetAddress> machine =
                addresses("2001:db8::1", "2001:db8::2", "192.0.2.2", "198.51.100.7", "203.0.113.9", "10.0.0.1");

        assertThat(ChatServer.webPageLine(KOREAN, false, List.of(), 80, () -> machine))
                .isEqualTo("웹 페이지: http://localhost:80/, 다른 컴퓨터에서는 http://192.0.2.2:80/, http://198.51.100.7:80/,"
                        + " http://203.0.113.9:80/, http://10.0.0.1:80/");
    }

    @Test
    void withoutAnAddressForOtherMachinesTheLineSaysToUseThisMachinesOwn() {
        assertThat(ChatServer.webPageLine(KOREAN, false, List.of(), 8080, List::of))
                .isEqualTo("웹 페이지: http://localhost:8080/, 다른 컴퓨터에서는 localhost 자리에 이 컴퓨터의 주소를 씁니다 (주소를 찾지 못했습니다)");
        assertThat(ChatServer.webPageLine(ENGLISH, false, List.of(), 8080, List::of))
                .isEqualTo("Web page: http://localhost:8080/, from other machines with this machine's address in place"
                        + " of localhost (none was found)");
    }

    @Test
    void anAddressOfItsOwnIsGivenExactlyAndNoOther() throws Exception {
        List<InetAddress> machine = addresses("192.0.2.2", "fd00::2");

        assertThat(ChatServer.webPageLine(KOREAN, false, List.of("192.0.2.2", "::1"), 8080, () -> machine))
                .isEqualTo("웹 페이지: http://192.0.2.2:8080/, http://[::1]:8080/");
        assertThat(ChatServer.webPageLine(KOREAN, true, List.of("127.0.0.1"), 8080, () -> {
                    throw new AssertionError("not asked: the line names its address");
                }))
                .isEqualTo("웹 페이지: https://127.0.0.1:8080/ (TLS)");
    }
}
