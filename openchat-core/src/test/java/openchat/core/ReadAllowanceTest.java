package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/**
 * A member's reads (HISTORY, WHO, LIST): a burst of units, then a rate; a read costs a unit and one more per hundred
 * rows, and is refused while less than a unit is left, as a line over the chat rate is.
 */
class ReadAllowanceTest {
    private final CoreHarness h = new CoreHarness(
            CONFIG.toBuilder().floodControl(FloodControl.DEFAULT).build());
    private final ChatCore<String> core = h.core;

    private static final HistoryQuery A_FULL_PAGE =
            new HistoryQuery(HistoryQuery.Direction.LATEST, 0, CoreConfig.MAX_HISTORY_PAGE);

    /** {@code room} with {@code messages} stored, said by {@code talker} at the chat rate's pace. */
    private void fill(Member<String> talker, int messages) {
        for (int i = 0; i < messages; i++) {
            h.clock.advance(Duration.ofSeconds(1));
            core.post(talker, "lobby", "line " + i);
        }
    }

    /** How many LISTs (a unit and a hundredth each, for the one room) {@code member} made before the first refusal. */
    private int readsUntilRefused(Member<String> member) {
        for (int made = 0; made <= FloodControl.READ_BURST; made++) {
            try {
                core.list(member);
            } catch (Refusal refusal) {
                assertThat(refusal.reason()).isEqualTo(Reason.TOO_FAST);
                return made;
            }
        }
        throw new AssertionError("more than " + FloodControl.READ_BURST + " reads at once");
    }

    @Test
    void fullHistoryPagesAreReadUntilTheBurstIsSpentThenRefusedWithTheWait() {
        Member<String> alice = h.connect("alice");
        fill(alice, CoreConfig.MAX_HISTORY_PAGE);
        h.clock.advance(Duration.ofMinutes(1)); // the allowance full again
        // A page of 500 costs 1 + 500 / 100 = 6 units: the burst of 60 holds 10 of them.
        int cost = 1 + CoreConfig.MAX_HISTORY_PAGE / FloodControl.READ_ROWS_PER_UNIT;
        for (int i = 0; i < FloodControl.READ_BURST / cost; i++) {
            assertThat(core.history(alice, "lobby", A_FULL_PAGE)).hasSize(CoreConfig.MAX_HISTORY_PAGE);
        }

        Refusal tooFast = refusal(() -> core.history(alice, "lobby", A_FULL_PAGE));

        assertThat(tooFast.reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(tooFast.retryAfterSeconds()).isEqualTo(1); // a unit comes back in 1/20 s
        assertThat(refusal(() -> core.who(alice, "lobby")).reason())
                .as("WHO spends the same allowance")
                .isEqualTo(Reason.TOO_FAST);
        assertThat(refusal(() -> core.list(alice)).reason()).as("and LIST").isEqualTo(Reason.TOO_FAST);
        h.clock.advance(Duration.ofSeconds(tooFast.retryAfterSeconds()));
        assertThat(core.history(alice, "lobby", A_FULL_PAGE)).hasSize(CoreConfig.MAX_HISTORY_PAGE);
    }

    @Test
    void theChatRateAndTheReadsAreSeparateAllowances() {
        Member<String> alice = h.connect("alice");
        for (int i = 0; i < FloodControl.DEFAULT_BURST; i++) {
            core.post(alice, "lobby", "line " + i);
        }
        assertThat(refusal(() -> core.post(alice, "lobby", "over")).reason()).isEqualTo(Reason.TOO_FAST);

        assertThat(core.who(alice, "lobby")).hasSize(1);
        assertThat(core.history(alice, "lobby", A_FULL_PAGE)).hasSize(FloodControl.DEFAULT_BURST);
        assertThat(readsUntilRefused(alice)).isBetween(FloodControl.READ_BURST / 2, FloodControl.READ_BURST);
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(core.post(alice, "lobby", "a second later").text())
                .as("the reads spent nothing of the chat rate")
                .isEqualTo("a second later");
    }

    @Test
    void aReadOfManyRowsLeavesTheAllowanceInDebtForAsLongAsTheirWorth() {
        Member<String> alice = h.connect("alice");
        fill(alice, CoreConfig.MAX_HISTORY_PAGE);
        h.clock.advance(Duration.ofMinutes(1));
        // Nine pages (54 units and their text's 4 KB each, a sixteenth of a unit), then a tenth made with 5.4 left:
        // 60.6 spent.
        for (int i = 0; i < 10; i++) {
            core.history(alice, "lobby", A_FULL_PAGE);
        }
        assertThat(refusal(() -> core.who(alice, "lobby")).reason()).isEqualTo(Reason.TOO_FAST);

        h.clock.advance(Duration.ofMillis(2 * 1_000 / FloodControl.READ_PER_SECOND));
        assertThat(core.who(alice, "lobby"))
                .as("two units back: the debt paid, one to spend")
                .hasSize(1);
        assertThat(refusal(() -> core.who(alice, "lobby")).reason()).isEqualTo(Reason.TOO_FAST);
    }

    @Test
    void pagesOfLongMessagesCostWhatTheirTextWeighs() {
        Member<String> alice = h.connect("alice");
        String long3k = "가".repeat(1_000); // 3,000 bytes of UTF-8
        for (int i = 0; i < CoreConfig.MAX_HISTORY_PAGE; i++) {
            h.clock.advance(Duration.ofSeconds(2)); // a 3,000-byte line weighs six at 5 a second (FloodControl)
            core.post(alice, "lobby", long3k);
        }
        h.clock.advance(Duration.ofMinutes(1));
        // A page: 1 + 500 / 100 for its rows, and 1.5 MB / 64 KiB = 22.9 for its text: about 29 units.
        assertThat(core.history(alice, "lobby", A_FULL_PAGE)).hasSize(CoreConfig.MAX_HISTORY_PAGE);
        assertThat(core.history(alice, "lobby", A_FULL_PAGE))
                .as("made with 31 left")
                .hasSize(500);
        assertThat(core.history(alice, "lobby", A_FULL_PAGE))
                .as("made with 2 left")
                .hasSize(500);

        assertThat(refusal(() -> core.history(alice, "lobby", A_FULL_PAGE)).reason())
                .as("three pages, where pages of short lines go ten to the burst")
                .isEqualTo(Reason.TOO_FAST);
    }

    @Test
    void theAdministratorAndAServerWithoutFloodControlAreNotHeldBack() {
        Member<String> admin = h.admin("lobby");
        for (int i = 0; i < 10 * FloodControl.READ_BURST; i++) {
            core.list(admin);
        }
        CoreHarness open = new CoreHarness(CONFIG);
        Member<String> bob = open.connect("bob");
        for (int i = 0; i < 10 * FloodControl.READ_BURST; i++) {
            open.core.who(bob, "lobby");
        }
    }

    @Test
    void readsRefusedAgainAndAgainAreEachToldTheWaitAndNeverEndTheMember() {
        Member<String> alice = h.connect("alice");
        readsUntilRefused(alice);
        for (int i = 0; i < 10 * FloodControl.DEFAULT_BURST * FloodControl.REFUSALS_AT_ONCE; i++) {
            assertThat(refusal(() -> core.list(alice)).reason()).isEqualTo(Reason.TOO_FAST);
        }
        h.clock.advance(Duration.ofSeconds(1));

        assertThat(core.list(alice)).hasSize(1);
        assertThat(core.post(alice, "lobby", "still here").text())
                .as("nor count against the chat rate's flood")
                .isEqualTo("still here");
    }
}
