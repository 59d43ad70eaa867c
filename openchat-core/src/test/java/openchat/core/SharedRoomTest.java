package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster room on one node: its events reach the node's members once each, in Seq order, and a joiner's replay
 * meets live delivery with no gap and no duplicate whether the node's delivery was behind the join or ahead of it.
 */
class SharedRoomTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private final RecordingFanout fanout = new RecordingFanout();
    private final SharedRoom<String> room = new SharedRoom<>("study", "study", fanout, new CoreListener() {});
    private final List<Long> follows = new ArrayList<>();
    /** The watermarks asked of history, one per join. */
    private final List<Long> replayedUpTo = new ArrayList<>();

    private static Member<String> member(String name) {
        return new Member<>(name, Names.key(name), Role.MEMBER, name, null);
    }

    private static ChatEvent.Message line(String from, long seq) {
        return new ChatEvent.Message("study", from, AT, seq, "line " + seq, false);
    }

    private int join(Member<String> member, long joinSeq) {
        return join(member, joinSeq, null);
    }

    /** {@code member} joins at {@code joinSeq}; {@code owned}: the news that it owns the room now, else null. */
    private int join(Member<String> member, long joinSeq, ChatEvent.NewOwner owned) {
        return room.add(
                member,
                joinSeq,
                () -> follows.add(joinSeq),
                watermark -> {
                    replayedUpTo.add(watermark);
                    return List.of();
                },
                owned);
    }

    @Test
    void theFirstMemberHereStartsFollowingAtItsJoin() {
        join(member("alice"), 5);
        join(member("bob"), 6);

        assertThat(follows).containsExactly(5L);
        assertThat(replayedUpTo).containsExactly(5L, 6L);
    }

    @Test
    void aJoinAfterDeliveryWentPastItsJoinSeqIsReplayedUpToWhatWasDelivered() {
        join(member("alice"), 5);
        room.apply(line("x", 6), true);
        room.apply(line("x", 7), true);
        Member<String> bob = member("bob");

        join(bob, 6); // its join event was 6, but 7 was handed out before it was added here

        assertThat(replayedUpTo).containsExactly(5L, 7L);
        room.apply(line("x", 8), true);
        assertThat(fanout.to("bob"))
                .extracting(e -> ((ChatEvent.Message) e).seq())
                .containsExactly(8L);
    }

    @Test
    void aJoinAheadOfDeliveryGetsOnlyEventsAfterItsJoin() {
        Member<String> alice = member("alice");
        join(alice, 5);
        Member<String> bob = member("bob");

        join(bob, 9); // events 6-8 are still on their way to this node: history has them for bob

        assertThat(replayedUpTo).containsExactly(5L, 9L);
        for (long seq = 6; seq <= 10; seq++) {
            room.apply(line("x", seq), true);
        }
        assertThat(fanout.to("alice")).hasSize(5);
        assertThat(fanout.to("bob"))
                .extracting(e -> ((ChatEvent.Message) e).seq())
                .containsExactly(10L);
    }

    @Test
    void anEventComesOnceAndNeverToItsSender() {
        join(member("alice"), 1);
        join(member("bob"), 2);

        room.apply(line("alice", 3), true);
        room.apply(line("alice", 3), true); // read again after a dropped link

        assertThat(fanout.described()).containsExactly("bob <- message study alice: line 3 #3");
    }

    @Test
    void theKickOfAnEarlierMemberOfTheSameNameDoesNotTouchOneWhoJoinedAfterIt() {
        join(member("bob"), 3);
        Member<String> alice = member("alice"); // kicked at 5 as an earlier member, back at 7: this node is at 3
        join(alice, 7);

        room.apply(new ChatEvent.Left("study", "alice", LeaveReason.KICKED, "owner", "", AT, 5, 1), true);
        room.apply(line("bob", 8), true);

        assertThat(alice.roomNames()).containsExactly("study");
        assertThat(fanout.to("alice"))
                .extracting(e -> ((ChatEvent.Numbered) e).seq())
                .containsExactly(8L);
    }

    @Test
    void aKickOfAMemberHereTellsItAndRemovesItTheLastOneGone() {
        Member<String> alice = member("alice");
        join(alice, 1);
        ChatEvent.Left kicked = new ChatEvent.Left("study", "alice", LeaveReason.KICKED, "owner", "spam", AT, 2, 1);

        assertThat(room.apply(kicked, false)).isSameAs(alice);

        assertThat(fanout.described()).containsExactly("alice <- left study alice kicked by owner #2");
        assertThat(alice.roomNames()).isEmpty();
        assertThat(alice.kickedOut())
                .as("kicked from its last room: its hang-up is not abnormal")
                .isTrue();
        assertThat(room.isGone()).isTrue();
    }

    @Test
    void aNewOwnerReachesEveryMemberHereTheNewOwnerToo() {
        join(member("alice"), 1);
        join(member("bob"), 2);

        room.apply(new ChatEvent.NewOwner("study", "bob", AT, 3), true);

        assertThat(fanout.described()).containsExactly("alice <- owner study bob #3", "bob <- owner study bob #3");
    }

    /**
     * A joiner that took the room (with its key, or one left to the administrator) is told so, as on a single server,
     * once: here when this node handed the news on before the joiner was added, else from the stream.
     */
    @Test
    void aJoinerThatTookTheRoomIsToldOnceWhetherTheNewsWasHandedOnBeforeItWasAddedOrAfter() {
        join(member("alice"), 1);
        ChatEvent.NewOwner early = new ChatEvent.NewOwner("study", "bob", AT, 3, "alice");
        room.apply(new ChatEvent.Joined("study", "bob", AT, 2, 2, ""), true);
        room.apply(early, true); // read before bob is added here
        join(member("bob"), 2, early);
        ChatEvent.NewOwner late = new ChatEvent.NewOwner("study", "carol", AT, 5, "bob");

        join(member("carol"), 4, late); // its join and the news still on their way to this node
        room.apply(new ChatEvent.Joined("study", "carol", AT, 4, 3, ""), true);
        room.apply(late, true);

        assertThat(fanout.to("bob", ChatEvent.NewOwner.class))
                .extracting(ChatEvent.NewOwner::name, ChatEvent.NewOwner::previous)
                .containsExactly(tuple("bob", "alice"), tuple("carol", "bob"));
        assertThat(fanout.to("carol", ChatEvent.NewOwner.class)).containsExactly(late);
    }
}
