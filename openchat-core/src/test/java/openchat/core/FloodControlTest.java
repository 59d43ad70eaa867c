package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Each member's chat rate: a burst, then the rate; past a burst of refusals in a row, out. */
class FloodControlTest {
    private final CoreHarness h = new CoreHarness(
            CONFIG.toBuilder().floodControl(new FloodControl(true, 3, 1)).build());
    private final ChatCore<String> core = h.core;

    @Test
    void aBurstThenTooFastWithTheWait() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        for (int i = 0; i < 3; i++) {
            core.post(alice, "lobby", "line " + i);
        }

        Refusal tooFast = refusal(() -> core.post(alice, "lobby", "one more"));

        assertThat(tooFast.reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(tooFast.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        assertThat(tooFast.reason().endsSession()).isFalse();
        assertThat(h.fanout.to("bob", ChatEvent.Message.class))
                .as("the refused line went nowhere")
                .hasSize(3);
        assertThat(h.history.latest("lobby", 10)).hasSize(3);

        h.clock.advance(Duration.ofSeconds(tooFast.retryAfterSeconds()));
        assertThat(core.post(alice, "lobby", "after the wait").text()).isEqualTo("after the wait");
        assertThat(refusal(() -> core.post(alice, "lobby", "and again")).reason())
                .isEqualTo(Reason.TOO_FAST);
    }

    /**
     * A long line or a paste of many lines is taken whole, then charged what it weighs as IRC lines, one per 512
     * bytes or per line, so that the next line waits for the allowance to come back (trial 13: ten 4 KiB messages
     * reached IRC members as 98 lines in a second).
     */
    @Test
    void aLongLineOrAManyLinedOneIsTakenThenChargedAsTheIrcLinesItMakes() {
        CoreHarness wide = new CoreHarness(
                CONFIG.toBuilder().floodControl(new FloodControl(true, 10, 5)).build());
        Member<String> alice = wide.connect("alice");
        wide.connect("bob");

        assertThat(wide.core.post(alice, "lobby", "가".repeat(1360)).text())
                .as("4,080 bytes: taken whatever is left")
                .hasSize(1360);
        assertThat(wide.core.post(alice, "lobby", "short").text()).isEqualTo("short");
        assertThat(wide.core.post(alice, "lobby", "line\n".repeat(6).strip()).text())
                .contains("line");
        Refusal tooFast = refusal(() -> wide.core.post(alice, "lobby", "one more"));
        assertThat(tooFast.reason()).as("10 - 8 - 1 - 6 leaves -5").isEqualTo(Reason.TOO_FAST);
        assertThat(tooFast.retryAfterSeconds())
                .as("6 messages' worth at 5 a second")
                .isEqualTo(2);
        assertThat(wide.fanout.to("bob", ChatEvent.Message.class)).hasSize(3);
    }

    @Test
    void aMessagesWeightIsItsIrcLinesPastTheFirst() {
        assertThat(FloodControl.extraMessages("안녕하세요")).isZero();
        assertThat(FloodControl.extraMessages("x".repeat(512))).isZero();
        assertThat(FloodControl.extraMessages("x".repeat(513))).isEqualTo(1);
        assertThat(FloodControl.extraMessages("가".repeat(1360)))
                .as("4,080 bytes")
                .isEqualTo(7);
        assertThat(FloodControl.extraMessages("a\nb\nc")).isEqualTo(2);
        assertThat(FloodControl.extraMessages("top" + "\n".repeat(400) + "bottom"))
                .as("blank lines are not sent to IRC: two lines, 409 bytes")
                .isEqualTo(1);
        assertThat(FloodControl.extraMessages("a\r\n \r\nb")).isEqualTo(1);
        assertThat(FloodControl.extraMessages("😀".repeat(128)))
                .as("512 bytes of 4-byte characters")
                .isZero();
        assertThat(FloodControl.extraMessages("😀".repeat(129))).isEqualTo(1);
    }

    @Test
    void theWaitIsRoundedUpToWholeSeconds() {
        CoreHarness slow = new CoreHarness(
                CONFIG.toBuilder().floodControl(new FloodControl(true, 3, 0.25)).build());
        Member<String> alice = slow.connect("alice");
        for (int i = 0; i < 3; i++) {
            slow.core.post(alice, "lobby", "line " + i);
        }

        assertThat(refusal(() -> slow.core.post(alice, "lobby", "two")).retryAfterSeconds())
                .isEqualTo(4);
        slow.clock.advance(Duration.ofMillis(3_500));
        assertThat(refusal(() -> slow.core.post(alice, "lobby", "two")).retryAfterSeconds())
                .isEqualTo(1);
    }

    @Test
    void atTheSlowestRateTheWaitToldIsTheWaitThereIs() {
        CoreHarness slowest = new CoreHarness(CONFIG.toBuilder()
                .floodControl(new FloodControl(true, 3, FloodControl.MIN_PER_SECOND))
                .build());
        Member<String> alice = slowest.connect("alice");
        for (int i = 0; i < 3; i++) {
            slowest.core.post(alice, "lobby", "line " + i);
        }

        long wait = refusal(() -> slowest.core.post(alice, "lobby", "two")).retryAfterSeconds();

        assertThat(wait).isEqualTo(1_000);
        slowest.clock.advance(Duration.ofSeconds(wait - 1));
        assertThat(refusal(() -> slowest.core.post(alice, "lobby", "two")).reason())
                .as("a second before the wait is over")
                .isEqualTo(Reason.TOO_FAST);
        slowest.clock.advance(Duration.ofSeconds(1));
        assertThat(slowest.core.post(alice, "lobby", "two").text()).isEqualTo("two");
    }

    @Test
    void aRateOutsideItsRangeIsRefusedNamingTheOptionAndTheRange() {
        for (double rate : new double[] {0, 1e-300, 0.0009, 1000.001, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new FloodControl(true, 1, rate))
                    .as("%s", rate)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("flood rate (--flood-rate) must be 0.001-1000 messages per second: ");
        }
        assertThat(new FloodControl(true, 1, FloodControl.MAX_PER_SECOND).perSecond())
                .isEqualTo(1000);
    }

    /** A harness whose allowance does not refill within a test: burst 3, one line per 1,000 seconds. */
    private static CoreHarness stingy() {
        return new CoreHarness(CONFIG.toBuilder()
                .floodControl(new FloodControl(true, 3, 0.001))
                .build());
    }

    @Test
    void pastABurstOfRefusalsInARowOverASecondTheMemberIsFlooding() {
        CoreHarness stingy = stingy();
        Member<String> alice = stingy.connect("alice");
        for (int i = 0; i < 3; i++) {
            stingy.core.post(alice, "lobby", "line " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(() -> stingy.core.post(alice, "lobby", "more")).reason())
                    .isEqualTo(Reason.TOO_FAST);
        }
        stingy.clock.advance(Duration.ofMillis(FloodControl.GRACE_MILLIS));

        Refusal flooding = refusal(() -> stingy.core.post(alice, "lobby", "more"));

        assertThat(flooding.reason()).isEqualTo(Reason.FLOODING);
        assertThat(flooding.reason().endsSession()).isTrue();
    }

    /**
     * Lines that waited in a buffer while the server or the network stalled arrive together, each refused before the
     * client heard the first 429: refused, not ended for, unless there are ten bursts' worth.
     */
    @Test
    void refusalsThatArriveTogetherAreRefusedUpToTenBurstsWorthBeforeTheMemberIsFlooding() {
        CoreHarness stingy = stingy();
        Member<String> alice = stingy.connect("alice");
        for (int i = 0; i < 3; i++) {
            stingy.core.post(alice, "lobby", "line " + i);
        }
        for (int i = 0; i < 3 * FloodControl.REFUSALS_AT_ONCE; i++) {
            assertThat(refusal(() -> stingy.core.post(alice, "lobby", "held")).reason())
                    .as("refusal %d, at the same moment", i + 1)
                    .isEqualTo(Reason.TOO_FAST);
        }

        assertThat(refusal(() -> stingy.core.post(alice, "lobby", "one too many"))
                        .reason())
                .isEqualTo(Reason.FLOODING);
    }

    @Test
    void anAcceptedLineStartsTheCountOfRefusalsAgain() {
        Member<String> alice = h.connect("alice");
        for (int i = 0; i < 3; i++) {
            core.post(alice, "lobby", "line " + i);
        }
        for (int i = 0; i < 3; i++) {
            refusal(() -> core.post(alice, "lobby", "more"));
        }
        h.clock.advance(Duration.ofSeconds(1));
        core.post(alice, "lobby", "accepted");

        for (int i = 0; i < 3 * FloodControl.REFUSALS_AT_ONCE; i++) {
            assertThat(refusal(() -> core.post(alice, "lobby", "more")).reason())
                    .as("refusal %d since the accepted line", i + 1)
                    .isEqualTo(Reason.TOO_FAST);
        }
        assertThat(refusal(() -> core.post(alice, "lobby", "more")).reason()).isEqualTo(Reason.FLOODING);
    }

    @Test
    void eachMemberHasItsOwnAllowance() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        for (int i = 0; i < 3; i++) {
            core.post(alice, "lobby", "line " + i);
        }

        assertThat(refusal(() -> core.post(alice, "lobby", "more")).reason()).isEqualTo(Reason.TOO_FAST);
        for (int i = 0; i < 3; i++) {
            core.post(bob, "lobby", "line " + i);
        }
    }

    @Test
    void topicsAndAwayMessagesSpendTheChatAllowanceForEveryoneIsToldOfThem() {
        Member<String> alice = h.connect("alice", "dev");
        core.setTopic(alice, "dev", "one");
        core.setAway(alice, "away");
        core.post(alice, "dev", "a line");

        assertThat(refusal(() -> core.setTopic(alice, "dev", "two")).reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(refusal(() -> core.setAway(alice, "")).reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(core.room("dev").topic()).isEqualTo("one");
    }

    @Test
    void joinsAndPartsHaveAnAllowanceOfTheirOwnAsLargeAsTheRoomsOneMayBeIn() {
        CoreHarness rooms = new CoreHarness(CONFIG.toBuilder()
                .floodControl(new FloodControl(true, 3, 1))
                .maxRoomsPerMember(5)
                .build());
        Member<String> alice = rooms.connect("alice");
        for (int i = 1; i <= 4; i++) { // a client joining its rooms again after a reconnect: never held back
            rooms.core.join(alice, "room" + i, -1);
        }
        rooms.core.part(alice, "room1", "");
        Refusal tooFast = refusal(() -> rooms.core.join(alice, "room1", -1));
        assertThat(tooFast.reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(refusal(() -> rooms.core.part(alice, "room2", "")).reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(rooms.core.post(alice, "room2", "still talking").text())
                .as("the chat allowance is another")
                .isEqualTo("still talking");

        rooms.clock.advance(Duration.ofSeconds(tooFast.retryAfterSeconds()));
        assertThat(rooms.core.join(alice, "room1", -1).room().name()).isEqualTo("room1");
    }

    @Test
    void theAdministratorIsExempt() {
        Member<String> admin = h.admin("lobby");

        for (int i = 0; i < 1_000; i++) {
            core.post(admin, "lobby", "line " + i);
        }

        assertThat(core.room("lobby").lastSeq()).isEqualTo(1_001);
    }

    @Test
    void floodControlOffNeverRefuses() {
        CoreHarness off = new CoreHarness(
                CONFIG.toBuilder().floodControl(FloodControl.OFF).build());
        Member<String> alice = off.connect("alice");

        for (int i = 0; i < 1_000; i++) {
            off.core.post(alice, "lobby", "line " + i);
            off.core.whisper(alice, "alice", "note " + i);
        }

        assertThat(off.core.room("lobby").lastSeq()).isEqualTo(1_001);
    }
}
