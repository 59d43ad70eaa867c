package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/**
 * A room's ownership passes on when its owner leaves, in any way, to the member that has been there longest (the
 * administrator aside, and announced members before the others), and every member is told who owns it now.
 */
class OwnershipTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    /** alice (the owner), bob, carol in {@code dev}, in that order; the fanout cleared. */
    private Member<String> roomOfThree() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");
        h.connect("carol", "dev");
        h.fanout.clear();
        return alice;
    }

    @Test
    void ownershipPassesToTheLongestPresentMemberWhenTheOwnerParts() {
        Member<String> alice = roomOfThree();

        core.part(alice, "dev", "bye");

        assertThat(h.fanout.described())
                .containsExactly(
                        "bob <- left dev alice parted owner bob #4", "carol <- left dev alice parted owner bob #4");
        assertThat(core.room("dev").owner()).isEqualTo("bob");
        assertThat(core.who("dev"))
                .containsExactly(new MemberView("bob", RoomRole.OWNER), new MemberView("carol", RoomRole.MEMBER));
        assertThat(core.list())
                .filteredOn(r -> r.name().equals("dev"))
                .extracting(RoomView::owner)
                .containsExactly("bob");
    }

    @Test
    void ownershipPassesWhenTheOwnerLeavesTheChat() {
        Member<String> alice = roomOfThree();

        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(h.fanout.to("carol", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::reason, ChatEvent.Left::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LeaveReason.LEFT, "bob"));
        assertThat(core.room("dev").owner()).isEqualTo("bob");
    }

    @Test
    void ownershipPassesWhenTheOwnersConnectionDrops() {
        Member<String> alice = roomOfThree();

        core.disconnect(alice, LeaveReason.DISCONNECTED, "connection reset", false);

        assertThat(h.fanout.described())
                .containsExactly(
                        "bob <- left dev alice disconnected owner bob #4",
                        "carol <- left dev alice disconnected owner bob #4");
    }

    @Test
    void ownershipPassesWhenTheAdministratorKicksTheOwner() {
        Member<String> admin = h.admin("lobby");
        roomOfThree();

        core.kick(admin, "dev", "alice", "");

        assertThat(h.fanout.described())
                .containsExactly(
                        "alice <- left dev alice kicked by 채팅관리자 #4",
                        "bob <- left dev alice kicked by 채팅관리자 owner bob #4",
                        "carol <- left dev alice kicked by 채팅관리자 owner bob #4");
        assertThat(core.who("dev")).first().isEqualTo(new MemberView("bob", RoomRole.OWNER));
    }

    @Test
    void ownershipPassesWhenTheOwnerKicksItself() {
        Member<String> alice = roomOfThree();

        core.kick(alice, "dev", "alice", "");

        assertThat(core.room("dev").owner()).isEqualTo("bob");
    }

    @Test
    void ownershipPassesWhenTheOwnerIsBanned() {
        Member<String> admin = h.admin("lobby");
        roomOfThree();

        core.ban(admin, "alice", null, "troll");

        assertThat(h.fanout.to("bob", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::reason, ChatEvent.Left::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LeaveReason.BANNED, "bob"));
        assertThat(core.room("dev").owner()).isEqualTo("bob");
    }

    @Test
    void aQuietLeaveTellsNoOneOfTheLeaveButEveryoneOfTheNewOwner() {
        Member<String> alice = roomOfThree();

        core.disconnect(alice, LeaveReason.LEFT, "", true);

        assertThat(h.fanout.described()).containsExactly("bob <- owner dev bob #4", "carol <- owner dev bob #4");
        assertThat(core.room("dev").owner()).isEqualTo("bob");
    }

    @Test
    void aLeaveOfAMemberWhoDoesNotOwnTheRoomPassesNothing() {
        roomOfThree();

        core.part(core.member("bob").orElseThrow(), "dev", "");

        assertThat(h.fanout.to("carol", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::owner)
                .containsOnlyNulls();
        assertThat(core.room("dev").owner()).isEqualTo("alice");
    }

    @Test
    void aRenameKeepsOwnershipAndItsPlaceInLine() {
        Member<String> alice = roomOfThree();
        Member<String> bob = core.member("bob").orElseThrow();
        core.rename(bob, "zed"); // a new key, which would sort after carol's, but the join order stands

        core.part(alice, "dev", "");

        assertThat(core.room("dev").owner()).isEqualTo("zed");
    }

    @Test
    void thePassedOwnerMayKickAndSetTheTopic() {
        Member<String> alice = roomOfThree();
        Member<String> bob = core.member("bob").orElseThrow();
        assertThat(refusal(() -> core.setTopic(bob, "dev", "mine")).reason()).isEqualTo(Reason.NOT_MODERATOR);

        core.part(alice, "dev", "");

        assertThat(core.setTopic(bob, "dev", "mine now").topic()).isEqualTo("mine now");
        assertThat(core.kick(bob, "dev", "carol", "")).isEqualTo("carol");
        assertThat(core.who("dev")).containsExactly(new MemberView("bob", RoomRole.OWNER));
    }

    @Test
    void anOwnerWhoComesBackIsAPlainMember() {
        Member<String> alice = roomOfThree();
        core.part(alice, "dev", "");

        assertThat(core.join(alice, "dev", -1).role()).isEqualTo(RoomRole.MEMBER);
        assertThat(refusal(() -> core.kick(alice, "dev", "bob", "")).reason()).isEqualTo(Reason.NOT_MODERATOR);
    }

    @Test
    void ownershipDoesNotPassToTheAdministrator() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> admin = h.admin("dev");
        h.connect("bob", "dev");
        h.fanout.clear();

        core.part(alice, "dev", "");

        assertThat(h.fanout.to("admin", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::owner)
                .as("the administrator joined before bob, but owns nothing")
                .containsExactly("bob");
        assertThat(core.who("dev"))
                .containsExactly(new MemberView(admin.name(), RoomRole.ADMIN), new MemberView("bob", RoomRole.OWNER));
    }

    @Test
    void aRoomLeftToTheAdministratorHasNoOwnerUntilSomeoneJoins() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> admin = h.admin("dev");
        h.fanout.clear();

        core.part(alice, "dev", "");
        assertThat(h.fanout.to("admin", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::owner)
                .containsOnlyNulls();
        assertThat(core.room("dev").owner()).isNull();

        Member<String> bob = h.connect("bob");
        h.fanout.clear();
        assertThat(core.join(bob, "dev", -1).role())
                .as("the next to join owns it")
                .isEqualTo(RoomRole.OWNER);
        assertThat(h.fanout.described())
                .as("every member is told, the new owner too")
                .containsExactly("admin <- joined dev bob #4", "admin <- owner dev bob #5", "bob <- owner dev bob #5");
        assertThat(core.who("dev"))
                .extracting(MemberView::name, MemberView::role)
                .contains(org.assertj.core.groups.Tuple.tuple("bob", RoomRole.OWNER));
        assertThat(admin.roomNames()).contains("dev");
    }

    @Test
    void aRoomTheAdministratorMakesIsOwnedByTheFirstMemberToJoinIt() {
        h.admin("ops");
        Member<String> bob = h.connect("bob");

        assertThat(core.room("ops").owner()).isNull();
        assertThat(core.join(bob, "ops", -1).role()).isEqualTo(RoomRole.OWNER);
    }

    @Test
    void theLobbyNeverHasAnOwner() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        h.fanout.clear();

        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(h.fanout.to("bob", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::owner)
                .containsOnlyNulls();
        assertThat(core.room("lobby").owner()).isNull();
    }

    @Test
    void aRoomThatEmptiesIsGoneAndItsNextFirstMemberOwnsItAgain() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        core.setTopic(alice, "dev", "kept");
        core.part(alice, "dev", "");
        core.part(bob, "dev", "");
        assertThat(h.roomNames()).containsExactly("lobby");

        assertThat(core.join(alice, "dev", -1).role()).isEqualTo(RoomRole.OWNER);
        assertThat(core.room("dev").topic()).isEqualTo("kept");
    }

    @Test
    void ownershipDoesNotPassToAnUnannouncedMemberWhileAnAnnouncedOneRemains() {
        CoreHarness big = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(2).build());
        Member<String> alice = big.connect("alice", "big");
        big.connect("bob", "big");
        big.connect("lurker", "big"); // past the limit: unannounced
        Member<String> speaker = big.connect("speaker", "big");
        big.core.post(speaker, "big", "hi"); // announced now, though it came after the lurker
        Member<String> bob = big.core.member("bob").orElseThrow();
        big.core.part(bob, "big", "");
        big.fanout.clear();

        big.core.part(alice, "big", "");

        assertThat(big.fanout.described())
                .as("the lurker, never announced, has been there longer, but the others do not know it")
                .containsExactly(
                        "lurker <- left big alice parted owner speaker #6",
                        "speaker <- left big alice parted owner speaker #6");
        assertThat(big.core.room("big").owner()).isEqualTo("speaker");
    }

    @Test
    void whenOnlyUnannouncedMembersRemainTheLongestPresentIsAnnouncedThenOwnsTheRoom() {
        CoreHarness big = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(1).build());
        Member<String> admin = big.admin("lobby");
        Member<String> alice = big.connect("alice", "big");
        big.connect("lurker", "big");
        big.connect("later", "big");
        big.core.join(admin, "big", -1);
        big.fanout.clear();

        big.core.part(alice, "big", "");

        assertThat(big.fanout.described())
                .containsExactly(
                        "later <- joined big lurker #2",
                        "admin <- joined big lurker #2",
                        "lurker <- left big alice parted owner lurker #3",
                        "later <- left big alice parted owner lurker #3",
                        "admin <- left big alice parted owner lurker #3");
        assertThat(big.core.who("big"))
                .extracting(MemberView::name, MemberView::role, MemberView::announced)
                .contains(org.assertj.core.groups.Tuple.tuple("lurker", RoomRole.OWNER, true));
    }
}
