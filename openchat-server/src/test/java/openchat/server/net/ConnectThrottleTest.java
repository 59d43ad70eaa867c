package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import openchat.core.AddressKey;
import openchat.server.config.ServerConfig;
import openchat.server.testing.SteppedClock;
import org.junit.jupiter.api.Test;

/** The throttle on new connections per address, on its own, with a clock the test moves. */
class ConnectThrottleTest {
    private final SteppedClock clock = new SteppedClock();
    private final List<AddressKey> throttled = new ArrayList<>();

    /** Three at once, then six a minute (one every ten seconds); nothing exempt. */
    private final ConnectThrottle throttle = new ConnectThrottle(3, 6, List.of(), clock, throttled::add);

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private OptionalLong connect(String from) {
        return throttle.admit(address(from));
    }

    @Test
    void anAddressGetsItsBurstAtOnceThenOneConnectionPerIntervalAndIsToldHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(connect("192.0.2.1"))
                    .as("connection %d of the burst", i + 1)
                    .isEmpty();
        }

        assertThat(connect("192.0.2.1")).as("past the burst").hasValue(10);
        clock.advance(Duration.ofSeconds(9));
        assertThat(connect("192.0.2.1")).as("a second short").hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(connect("192.0.2.1")).as("one interval on").isEmpty();
        assertThat(connect("192.0.2.1")).as("and only one").hasValue(10);
    }

    @Test
    void refusedConnectionsDoNotCountAgainstTheAddress() {
        for (int i = 0; i < 3; i++) {
            connect("192.0.2.1");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(connect("192.0.2.1")).isPresent();
        }

        clock.advance(Duration.ofSeconds(10));

        assertThat(connect("192.0.2.1"))
                .as("a hundred refusals later, one interval is still enough")
                .isEmpty();
    }

    @Test
    void otherAddressesAreUnaffectedAndAnIpv6Slash64IsOneAddress() {
        for (int i = 0; i < 3; i++) {
            connect("2001:db8:1:2::" + (i + 1));
        }

        assertThat(connect("2001:db8:1:2:ffff::9")).as("the same /64").isPresent();
        assertThat(connect("2001:db8:1:3::1")).as("the next /64").isEmpty();
        assertThat(connect("192.0.2.7")).isEmpty();
    }

    @Test
    void anAddressThatStartsBeingThrottledIsToldOnceNotOncePerRefusal() {
        for (int i = 0; i < 3; i++) {
            connect("192.0.2.1");
        }
        for (int i = 0; i < 50; i++) {
            connect("192.0.2.1");
        }
        clock.advance(Duration.ofSeconds(10));
        connect("192.0.2.1"); // let in: the allowance is not whole again, so still the same throttling
        connect("192.0.2.1");

        assertThat(throttled).containsExactly(AddressKey.of(address("192.0.2.1")));

        clock.advance(Duration.ofSeconds(30)); // whole again: a new flood is a new line
        for (int i = 0; i < 4; i++) {
            connect("192.0.2.1");
        }
        assertThat(throttled).hasSize(2);
    }

    @Test
    void addressesWhoseAllowanceIsWholeAgainAreForgotten() {
        connect("192.0.2.1");
        connect("192.0.2.2");
        assertThat(throttle.addressesKept()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1)); // past the sweep's minute and both allowances' ten seconds
        connect("192.0.2.3");

        assertThat(throttle.addressesKept())
                .as("only the one that just connected")
                .isEqualTo(1);
    }

    @Test
    void exemptAddressesAndAnOffThrottleLetEveryConnectionIn() {
        ConnectThrottle loopbackExempt =
                new ConnectThrottle(1, 6, ServerConfig.DEFAULT_CONNECT_EXEMPT, clock, throttled::add);
        ConnectThrottle off = new ConnectThrottle(1, ServerConfig.CONNECT_RATE_OFF, List.of(), clock, throttled::add);

        for (int i = 0; i < 50; i++) {
            assertThat(loopbackExempt.admit(address("127.0.0.1"))).isEmpty();
            assertThat(loopbackExempt.admit(address("::1"))).isEmpty();
            assertThat(off.admit(address("192.0.2.1"))).isEmpty();
        }
        assertThat(loopbackExempt.admit(address("192.0.2.1"))).isEmpty();
        assertThat(loopbackExempt.admit(address("192.0.2.1")))
                .as("anything else is counted")
                .isPresent();
        assertThat(loopbackExempt.addressesKept()).isEqualTo(1);
    }
}
