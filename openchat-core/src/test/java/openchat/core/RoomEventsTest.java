package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Who is told what, in which order, with which number: joins, leaves, messages and topics. */
class RoomEventsTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void joinTellsEveryoneButTheJoiner() {
        h.connect("alice", "dev");
        h.connect("bob", "dev");
        h.connect("carol", "dev");

        assertThat(h.fanout.described())
                .containsExactly(
                        "alice <- joined dev bob #2", "alice <- joined dev carol #3", "bob <- joined dev carol #3");
        assertThat(h.fanout.to("alice", ChatEvent.Joined.class))
                .extracting(ChatEvent.Joined::members)
                .containsExactly(2, 3);
    }

    @Test
    void leavingTheChatIsToldInEveryRoomAndMarkedToldBeforeForThoseWhoHeardItInAnEarlierOne() {
        Member<String> alice = h.connect("alice", "dev");
        core.join(alice, "ops", -1);
        Member<String> bob = h.connect("bob", "dev");
        core.join(bob, "ops", -1);
        h.connect("carol", "ops");
        h.fanout.clear();

        core.disconnect(bob, LeaveReason.LEFT, "bye", false);

        assertThat(h.fanout.to("alice", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::room)
                .containsExactlyInAnyOrder("dev", "ops");
        assertThat(h.fanout.to("alice", ChatEvent.Left.class))
                .as("the first room told, then the other")
                .extracting(ChatEvent.Left::toldBefore)
                .containsExactly(false, true);
        assertThat(h.fanout.to("carol", ChatEvent.Left.class))
                .as("carol shares one room with bob: told once, as the first time")
                .extracting(ChatEvent.Left::room, ChatEvent.Left::toldBefore)
                .containsExactly(tuple("ops", false));
        assertThat(h.fanout.to("alice", ChatEvent.Left.class).stream()
                        .filter(left -> left.room().equals("ops"))
                        .map(ChatEvent.Left::seq))
                .as("the room's one seq, whichever copy")
                .containsExactly(
                        h.fanout.to("carol", ChatEvent.Left.class).get(0).seq());
    }

    @Test
    void leavingThreeRoomsTellsEachMemberAsTheFirstTimeInExactlyOneOfTheRoomsItShares() {
        Member<String> bob = h.connect("bob", "dev");
        core.join(bob, "ops", -1);
        core.join(bob, "qa", -1);
        Member<String> alice = h.connect("alice", "dev");
        core.join(alice, "ops", -1);
        core.join(alice, "qa", -1);
        Member<String> carol = h.connect("carol", "ops");
        core.join(carol, "qa", -1);
        h.connect("dave", "dev");
        h.connect("erin", "ops");
        h.connect("frank", "qa");
        h.fanout.clear();

        core.disconnect(bob, LeaveReason.LEFT, "bye", false);

        assertThat(h.fanout.to("alice", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::room)
                .containsExactlyInAnyOrder("dev", "ops", "qa");
        assertThat(h.fanout.to("alice", ChatEvent.Left.class))
                .filteredOn(left -> !left.toldBefore())
                .hasSize(1);
        assertThat(h.fanout.to("carol", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::room)
                .containsExactlyInAnyOrder("ops", "qa");
        assertThat(h.fanout.to("carol", ChatEvent.Left.class))
                .filteredOn(left -> !left.toldBefore())
                .hasSize(1);
        for (String[] alone : new String[][] {{"dave", "dev"}, {"erin", "ops"}, {"frank", "qa"}}) {
            assertThat(h.fanout.to(alone[0], ChatEvent.Left.class))
                    .as("%s shares only %s with bob, whichever room is told last", alone[0], alone[1])
                    .extracting(ChatEvent.Left::room, ChatEvent.Left::toldBefore)
                    .containsExactly(tuple(alone[1], false));
        }
    }

    @Test
    void aMessageGoesToEveryOtherMemberWithIncreasingSeqAndTheServerTime() {
        Member<String> a = h.connect("a");
        h.connect("b");
        h.connect("c");
        h.fanout.clear();

        ChatEvent.Message first = core.post(a, "lobby", "one");
        ChatEvent.Message second = core.post(a, "lobby", "two");

        assertThat(h.fanout.described())
                .containsExactly(
                        "b <- message lobby a: one #4", "c <- message lobby a: one #4",
                        "b <- message lobby a: two #5", "c <- message lobby a: two #5");
        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(first.replay()).isFalse();
        assertThat(first.at()).hasToString("2026-11-25T10:15:30.123+09:00");
        assertThat(h.fanout.to("b").get(0)).isSameAs(first);
    }

    @Test
    void aLineWhoseClockReadingWasOvertakenTakesTheRoomsLastTimeSoTimesFollowSeqs() {
        Member<String> a = h.connect("a");
        h.connect("b");
        ChatEvent.Message first = core.post(a, "lobby", "one");
        h.clock.advance(java.time.Duration.ofMillis(-3)); // read before the first line's, which took the lock first

        ChatEvent.Message second = core.post(a, "lobby", "two");

        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.at()).isEqualTo(first.at());
    }

    @Test
    void aClockSetBackMoreThanASecondIsTakenAsItIs() {
        Member<String> a = h.connect("a");
        h.connect("b");
        ChatEvent.Message first = core.post(a, "lobby", "one");
        h.clock.advance(java.time.Duration.ofHours(-1));

        ChatEvent.Message second = core.post(a, "lobby", "two");

        assertThat(second.at()).isEqualTo(first.at().minusHours(1));
    }

    @Test
    void joinsLeavesMessagesAndTopicsShareOneGapFreeSequence() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        ChatEvent.Message hi = core.post(alice, "dev", "hi");
        ChatEvent.Topic topic = core.setTopic(alice, "dev", "plans");
        Member<String> carol = h.connect("carol", "dev");
        core.part(carol, "dev");
        core.disconnect(bob, LeaveReason.LEFT, "", false);

        assertThat(hi.seq()).isEqualTo(3);
        assertThat(topic.seq()).isEqualTo(4);
        assertThat(h.fanout.described())
                .containsExactly(
                        "alice <- joined dev bob #2",
                        "bob <- message dev alice: hi #3",
                        "bob <- topic dev alice: plans #4",
                        "alice <- joined dev carol #5",
                        "bob <- joined dev carol #5",
                        "carol <- message dev alice: hi #3 replay",
                        "alice <- left dev carol parted #6",
                        "bob <- left dev carol parted #6",
                        "alice <- left dev bob left #7");
        assertThat(core.room("dev").lastSeq()).isEqualTo(7);
        assertThat(core.room("lobby").lastSeq())
                .as("the lobby's sequence is its own")
                .isZero();
    }

    @Test
    void eachRoomNumbersItsOwnEvents() {
        Member<String> alice = h.connect("alice", "red");
        Member<String> bob = h.connect("bob", "red");
        core.join(alice, "blue", -1);
        core.join(bob, "blue", -1);

        assertThat(core.post(alice, "red", "r1").seq()).isEqualTo(3);
        assertThat(core.post(alice, "blue", "b1").seq()).isEqualTo(3);
        assertThat(core.post(bob, "blue", "b2").seq()).isEqualTo(4);
        assertThat(core.post(bob, "red", "r2").seq()).isEqualTo(4);
        assertThat(h.fanout.to("alice", ChatEvent.Numbered.class))
                .extracting(ChatEvent.Numbered::room, ChatEvent.Numbered::seq)
                .containsExactly(tuple("red", 2L), tuple("blue", 2L), tuple("blue", 4L), tuple("red", 4L));
    }

    @Test
    void aLeftEventSaysWhyTheMemberLeft() {
        Member<String> owner = h.connect("owner", "dev");
        Member<String> a = h.connect("a", "dev");
        Member<String> b = h.connect("b", "dev");
        Member<String> c = h.connect("c", "dev");
        h.connect("d", "dev");

        core.part(a, "dev");
        core.disconnect(b, LeaveReason.LEFT, "", false);
        core.disconnect(c, LeaveReason.DISCONNECTED, "connection reset", false);
        core.kick(owner, "dev", "d", "spam");

        assertThat(h.fanout.to("owner", ChatEvent.Left.class))
                .extracting(
                        ChatEvent.Left::name,
                        ChatEvent.Left::reason,
                        ChatEvent.Left::by,
                        ChatEvent.Left::detail,
                        ChatEvent.Left::members,
                        ChatEvent.Left::seq)
                .containsExactly(
                        tuple("a", LeaveReason.PARTED, null, "", 4, 6L),
                        tuple("b", LeaveReason.LEFT, null, "", 3, 7L),
                        tuple("c", LeaveReason.DISCONNECTED, null, "connection reset", 2, 8L),
                        tuple("d", LeaveReason.KICKED, "owner", "spam", 1, 9L));
        assertThat(core.member("a")).as("parting keeps the member connected").isPresent();
        assertThat(core.member("b")).isEmpty();
        assertThat(core.member("c")).isEmpty();
        assertThat(core.member("d")).as("a kick keeps the member connected").isPresent();
    }

    @Test
    void aQuietDisconnectSendsNothingAndTakesNoNumber() {
        Member<String> a = h.connect("a");
        Member<String> b = h.connect("b");
        h.fanout.clear();

        assertThat(core.disconnect(a, LeaveReason.LEFT, "", true)).isTrue();
        assertThat(h.fanout.deliveries()).isEmpty();
        h.connect("c");

        assertThat(h.fanout.described()).containsExactly("b <- joined lobby c #3");
        assertThat(core.who("lobby")).extracting(MemberView::name).containsExactly("b", "c");
        assertThat(core.member("a")).isEmpty();
        assertThat(b.roomNames()).containsExactly("lobby");
    }

    @Test
    void disconnectLeavesEveryRoomAndFreesTheName() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        core.join(alice, "red", -1);
        core.join(bob, "red", -1);
        core.join(alice, "blue", -1);
        h.fanout.clear();

        assertThat(core.disconnect(alice, LeaveReason.LEFT, "", false)).isTrue();

        assertThat(h.fanout.to("bob", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::room, ChatEvent.Left::name)
                .containsExactlyInAnyOrder(tuple("lobby", "alice"), tuple("red", "alice"));
        assertThat(h.fanout.to("alice")).isEmpty();
        assertThat(alice.roomNames()).isEmpty();
        assertThat(core.member("alice")).isEmpty();
        assertThat(h.roomNames()).as("blue emptied and went").containsExactly("lobby", "red");
        assertThat(core.who("red")).extracting(MemberView::name).containsExactly("bob");
        assertThat(h.connect("alice", "blue").name()).isEqualTo("alice");
    }

    @Test
    void aMemberIsRemovedExactlyOnceWhateverPathsRace() {
        Member<String> a = h.connect("a");
        h.connect("b");
        h.fanout.clear();

        assertThat(core.disconnect(a, LeaveReason.DISCONNECTED, "connection reset", false))
                .isTrue();
        assertThat(core.disconnect(a, LeaveReason.DISCONNECTED, "write failed", false))
                .isFalse();
        assertThat(core.disconnect(a, LeaveReason.LEFT, "", false)).isFalse();

        assertThat(h.fanout.described()).containsExactly("b <- left lobby a disconnected #3");
        assertThat(h.fanout.to("b", ChatEvent.Left.class).get(0).detail()).isEqualTo("connection reset");
    }

    @Test
    void aMemberThatPartedMayNotPostThereAndNothingIsSent() {
        Member<String> a = h.connect("a", "dev");
        h.connect("b", "dev");
        core.part(a, "dev");
        h.fanout.clear();

        assertThat(refusal(() -> core.post(a, "dev", "too late")).reason()).isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(h.fanout.deliveries()).isEmpty();
        assertThat(core.room("dev").lastSeq()).isEqualTo(3);
    }

    @Test
    void aMemberMayPartAndJoinAgain() {
        Member<String> a = h.connect("a");
        h.connect("b");
        core.part(a, "lobby");
        JoinResult again = core.join(a, "lobby", -1);

        assertThat(again.room().members()).isEqualTo(2);
        assertThat(h.fanout.described())
                .containsExactly("a <- joined lobby b #2", "b <- left lobby a parted #3", "b <- joined lobby a #4");
        assertThat(again.room().lastSeq()).isEqualTo(4);
    }
}
