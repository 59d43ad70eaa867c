package openchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's rules without any network: who is told what, in which order, and when. */
class RoomTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T01:15:30.123Z"), ZoneOffset.ofHours(9));

    /** Records deliveries as "link <- event". */
    private static final class RecordingFanout implements Fanout<String> {
        final List<String> deliveries = new ArrayList<>();
        final List<RoomEvent> events = new ArrayList<>();

        @Override
        public void deliver(RoomEvent event, List<Member<String>> members, Member<String> except) {
            events.add(event);
            for (Member<String> member : members) {
                if (member != except) {
                    deliveries.add(member.link() + " <- " + describe(event));
                }
            }
        }

        @Override
        public void deliverAndClose(RoomEvent event, Member<String> member) {
            events.add(event);
            deliveries.add(member.link() + " <- " + describe(event) + " then close");
        }

        static String describe(RoomEvent event) {
            if (event instanceof RoomEvent.Joined j) {
                return "joined " + j.name() + " #" + j.seq();
            }
            if (event instanceof RoomEvent.Message m) {
                return "message " + m.from() + ": " + m.text() + " #" + m.seq();
            }
            if (event instanceof RoomEvent.Left l) {
                return "left " + l.name() + " " + l.reason().wireName() + " #" + l.seq();
            }
            return "closed";
        }
    }

    private final RecordingFanout fanout = new RecordingFanout();
    private final Room<String> room = new Room<>("lobby", 3, fanout, RoomListener.NONE, CLOCK);

    @Test
    void joinTellsEveryoneButTheJoiner() {
        room.join("유저1", Role.MEMBER, "a");
        room.join("유저2", Role.MEMBER, "b");

        assertThat(fanout.deliveries).containsExactly("a <- joined 유저2 #2");
    }

    @Test
    void beyondThePresenceLimitAJoinIsAnnouncedWhenTheMemberFirstSpeaks() {
        Room<String> big = new Room<>("lobby", 10, 2, fanout, RoomListener.NONE, CLOCK);
        big.join("a", Role.MEMBER, "a");
        big.join("b", Role.MEMBER, "b");
        Member<String> c = big.join("c", Role.MEMBER, "c").member();
        assertThat(fanout.deliveries).containsExactly("a <- joined b #2");

        big.post(c, "hi");
        big.post(c, "again");

        assertThat(fanout.deliveries).containsExactly("a <- joined b #2",
                "a <- joined c #3", "b <- joined c #3",
                "a <- message c: hi #4", "b <- message c: hi #4",
                "a <- message c: again #5", "b <- message c: again #5");
    }

    @Test
    void beyondThePresenceLimitAMemberNeverAnnouncedLeavesUnannounced() {
        Room<String> big = new Room<>("lobby", 10, 1, fanout, RoomListener.NONE, CLOCK);
        Member<String> admin = big.join("admin", Role.ADMIN, "a").member();
        Member<String> lurker = big.join("lurker", Role.MEMBER, "l").member();
        big.join("kicked", Role.MEMBER, "k");
        Member<String> speaker = big.join("speaker", Role.MEMBER, "s").member();
        big.post(speaker, "hello");
        fanout.deliveries.clear();

        big.leave(lurker, LeaveReason.LEFT, "", false);
        big.kick(admin, "kicked", "");
        big.leave(speaker, LeaveReason.LEFT, "", false);

        assertThat(fanout.deliveries).containsExactly("k <- left kicked kicked #4 then close", "a <- left speaker left #5");
    }

    @Test
    void nameTakenComparesAfterNormalisationAndCaseFolding() {
        room.join("Straße", Role.MEMBER, "a");

        assertThat(room.join("STRASSE", Role.MEMBER, "b").outcome()).isEqualTo(JoinResult.Outcome.NAME_TAKEN);
    }

    @Test
    void fullRoomRefusesAndALeaveFreesASeat() {
        Member<String> first = room.join("a", Role.ADMIN, "a").member();
        room.join("b", Role.MEMBER, "b");
        room.join("c", Role.MEMBER, "c");

        JoinResult<String> refused = room.join("d", Role.MEMBER, "d");
        assertThat(refused.outcome()).isEqualTo(JoinResult.Outcome.FULL);
        assertThat(refused.members()).isEqualTo(3);
        assertThat(refused.capacity()).isEqualTo(3);

        room.leave(first, LeaveReason.LEFT, "", true);
        assertThat(room.join("d", Role.MEMBER, "d").joined()).isTrue();
    }

    @Test
    void messageGoesToEveryOtherMemberWithIncreasingSeqAndTheServerTime() {
        Member<String> a = room.join("a", Role.MEMBER, "a").member();
        room.join("b", Role.MEMBER, "b");
        room.join("c", Role.MEMBER, "c");
        fanout.deliveries.clear();

        RoomEvent.Message first = room.post(a, "one").orElseThrow();
        RoomEvent.Message second = room.post(a, "two").orElseThrow();

        assertThat(fanout.deliveries).containsExactly(
                "b <- message a: one #4", "c <- message a: one #4",
                "b <- message a: two #5", "c <- message a: two #5");
        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(first.at().toString()).isEqualTo("2026-11-25T10:15:30.123+09:00");
    }

    @Test
    void memberIsRemovedExactlyOnceWhateverPathsRace() {
        Member<String> a = room.join("a", Role.MEMBER, "a").member();
        room.join("b", Role.MEMBER, "b");
        fanout.deliveries.clear();

        assertThat(room.leave(a, LeaveReason.DISCONNECTED, "connection reset", false)).isTrue();
        assertThat(room.leave(a, LeaveReason.DISCONNECTED, "write failed", false)).isFalse();
        assertThat(room.leave(a, LeaveReason.LEFT, "", false)).isFalse();

        assertThat(fanout.deliveries).containsExactly("b <- left a disconnected #3");
    }

    @Test
    void quietLeaveMakesNoEventAndTakesNoNumber() {
        Member<String> a = room.join("a", Role.MEMBER, "a").member();
        Member<String> b = room.join("b", Role.MEMBER, "b").member();
        fanout.deliveries.clear();

        room.leave(a, LeaveReason.LEFT, "", true);
        room.post(b, "hi");

        assertThat(fanout.deliveries).isEmpty();
        assertThat(((RoomEvent.Message) fanout.events.get(fanout.events.size() - 1)).seq()).isEqualTo(3);
    }

    @Test
    void kickTellsTheTargetThenClosesItAndTellsTheOthers() {
        Member<String> admin = room.join("admin", Role.ADMIN, "x").member();
        room.join("b", Role.MEMBER, "b");
        room.join("c", Role.MEMBER, "c");
        fanout.deliveries.clear();

        assertThat(room.kick(admin, "B", "spam")).isPresent();

        assertThat(fanout.deliveries).containsExactly(
                "b <- left b kicked #4 then close", "x <- left b kicked #4", "c <- left b kicked #4");
        assertThat(room.find("b")).isEmpty();
        assertThat(room.kick(admin, "b", "")).isEmpty();
    }

    @Test
    void postFromAMemberNoLongerPresentIsDropped() {
        Member<String> admin = room.join("admin", Role.ADMIN, "x").member();
        Member<String> b = room.join("b", Role.MEMBER, "b").member();
        room.kick(admin, "b", "");
        fanout.deliveries.clear();

        assertThat(room.post(b, "too late")).isEmpty();
        assertThat(fanout.deliveries).isEmpty();
    }

    @Test
    void closeTellsEveryoneClosesThemAndRefusesNewcomers() {
        room.join("a", Role.MEMBER, "a");
        room.join("b", Role.MEMBER, "b");
        fanout.deliveries.clear();

        assertThat(room.close("bye")).hasSize(2);

        assertThat(fanout.deliveries).containsExactly("a <- closed then close", "b <- closed then close");
        assertThat(room.size()).isZero();
        assertThat(room.join("c", Role.MEMBER, "c").outcome()).isEqualTo(JoinResult.Outcome.FULL);
    }
}
