package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Away: kept by the core for one member, told to the members sharing a room with it, once each. */
class AwayTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void goingAwayIsToldOnceToEachMemberSharingARoomAndToNoOneElse() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        core.join(alice, "dev", -1);
        core.join(bob, "dev", -1);
        h.connect("carol", "garden");
        h.fanout.clear();

        ChatEvent.Away event = core.setAway(alice, "  lunch  ");

        assertThat(event.message()).isEqualTo("lunch");
        assertThat(alice.away()).isEqualTo("lunch");
        assertThat(h.fanout.described()).containsExactly("bob <- away alice: lunch");
    }

    @Test
    void theSameMessageAgainTellsNoOneAndBlankMeansBack() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        core.setAway(alice, "lunch");
        h.fanout.clear();

        core.setAway(alice, "lunch");
        core.setAway(alice, "   ");

        assertThat(h.fanout.described()).containsExactly("bob <- back alice");
        assertThat(alice.away()).isEmpty();
    }

    @Test
    void whoAndAwayOfShowTheMessage() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");

        core.setAway(alice, "in a meeting");

        assertThat(core.who("lobby"))
                .extracting(MemberView::name, MemberView::away)
                .containsExactly(Tuple.tuple("alice", "in a meeting"), Tuple.tuple("bob", ""));
        assertThat(core.awayOf("ALICE")).isEqualTo("in a meeting");
        assertThat(core.awayOf("nobody")).isEmpty();
    }

    @Test
    void anAwayMembersJoinCarriesTheMessage() {
        Member<String> alice = h.connect("alice");
        h.connect("bob", "dev");
        core.setAway(alice, "lunch");
        h.fanout.clear();

        core.join(alice, "dev", -1);

        assertThat(h.fanout.to("bob", ChatEvent.Joined.class))
                .singleElement()
                .extracting(ChatEvent.Joined::away)
                .isEqualTo("lunch");
    }

    @Test
    void aMessageTooLongOrWithAControlCharacterIsRefusedAndChangesNothing() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        h.fanout.clear();

        Refusal tooLong = refusal(() -> core.setAway(alice, "x".repeat(Chat.MAX_TOPIC_LENGTH + 1)));
        Refusal control = refusal(() -> core.setAway(alice, "tab\there"));

        assertThat(tooLong.reason()).isEqualTo(Reason.INVALID_AWAY);
        assertThat(tooLong.problem().kind()).isEqualTo(TextProblem.Kind.TOO_LONG);
        assertThat(control.reason()).isEqualTo(Reason.INVALID_AWAY);
        assertThat(alice.away()).isEmpty();
        assertThat(h.fanout.described()).isEmpty();
    }

    @Test
    void aMemberThatLeftCannotGoAway() {
        Member<String> alice = h.connect("alice");
        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(refusal(() -> core.setAway(alice, "lunch")).reason()).isEqualTo(Reason.GONE);
    }
}
