package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdminAttemptsTest {
    private final AdminAttempts attempts = new AdminAttempts(5, 60_000, 60_000);
    private final InetAddress guesser = InetAddress.getLoopbackAddress();

    @Test
    void fiveFailuresWithinAMinuteLockTheAddressForAMinute() throws Exception {
        for (int i = 0; i < 4; i++) {
            attempts.failed(guesser, i * 1000L);
        }
        assertThat(attempts.lockedFor(guesser, 4000)).isZero();

        attempts.failed(guesser, 4000);

        assertThat(attempts.lockedFor(guesser, 4000)).isEqualTo(60_000);
        assertThat(attempts.lockedFor(guesser, 63_999)).isEqualTo(1);
        assertThat(attempts.lockedFor(guesser, 64_000)).isZero();
        assertThat(attempts.lockedFor(InetAddress.getByName("192.0.2.1"), 4000))
                .as("other addresses")
                .isZero();
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotLock() {
        for (int i = 0; i < 10; i++) {
            attempts.failed(guesser, i * 20_000L);
        }

        assertThat(attempts.lockedFor(guesser, 200_000)).isZero();
    }

    @Test
    void wrongKeysFromAcrossOneIpv6Slash64LockItAllOut() throws Exception {
        for (int i = 1; i <= 5; i++) {
            attempts.failed(InetAddress.getByName("2001:db8:0:7::" + Integer.toHexString(i)), 1000);
        }

        assertThat(attempts.lockedFor(InetAddress.getByName("2001:db8:0:7:ffff::9"), 1000))
                .isEqualTo(60_000);
        assertThat(attempts.lockedFor(InetAddress.getByName("2001:db8:0:8::1"), 1000))
                .as("the next /64")
                .isZero();
    }
}
