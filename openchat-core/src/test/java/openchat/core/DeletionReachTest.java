package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.core.DeletionReach.Problem;
import org.junit.jupiter.api.Test;

/** The one reading of how far back a deletion by name reaches, for the terminal and IRC alike. */
class DeletionReachTest {
    @Test
    void aWordBeginningWithADigitOrASignedDigitIsMeantAsTheReach() {
        assertThat(DeletionReach.isMeant("30m")).isTrue();
        assertThat(DeletionReach.isMeant("30")).isTrue();
        assertThat(DeletionReach.isMeant("-5m")).isTrue();
        assertThat(DeletionReach.isMeant("3번째")).isTrue();
        assertThat(DeletionReach.isMeant("spam")).isFalse();
        assertThat(DeletionReach.isMeant("-")).isFalse();
    }

    @Test
    void aReachNeedsUnitsNoSignSomethingAndAtMostTheLongestBan() {
        assertThat(DeletionReach.read("2h")).isEqualTo(new DeletionReach.Read(Duration.ofHours(2), Problem.NONE));
        assertThat(DeletionReach.read("1시간 30분").within()).isEqualTo(Duration.ofMinutes(90));
        assertThat(DeletionReach.read("30").problem()).isEqualTo(Problem.NO_UNITS);
        assertThat(DeletionReach.read("-5m").problem()).isEqualTo(Problem.NO_UNITS);
        assertThat(DeletionReach.read("0m").problem()).isEqualTo(Problem.ZERO);
        assertThat(DeletionReach.read("100y").problem()).isEqualTo(Problem.TOO_LONG);
        assertThat(DeletionReach.read("99999d").problem()).isEqualTo(Problem.TOO_LONG);
    }
}
