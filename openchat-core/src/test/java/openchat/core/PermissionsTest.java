package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Who may kick and set the topic: the room's owner while it stays, and the administrator anywhere. */
class PermissionsTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void theOwnerMayKickAndTheTargetAndTheOthersAreTold() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        h.connect("carol", "dev");
        h.fanout.clear();

        String kicked = core.kick(alice, "dev", "BOB", "spam");

        assertThat(kicked).isEqualTo(bob.name());
        assertThat(h.fanout.described())
                .containsExactly(
                        "bob <- left dev bob kicked by alice #4",
                        "alice <- left dev bob kicked by alice #4",
                        "carol <- left dev bob kicked by alice #4");
        assertThat(h.fanout.to("bob", ChatEvent.Left.class).get(0).detail()).isEqualTo("spam");
        assertThat(core.who("dev")).extracting(MemberView::name).containsExactly("alice", "carol");
        assertThat(refusal(() -> core.kick(alice, "dev", "bob", "")).reason()).isEqualTo(Reason.NO_SUCH_MEMBER);
    }

    @Test
    void aKickedMemberStaysConnectedAndInItsOtherRooms() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob");
        core.join(bob, "dev", -1);

        core.kick(alice, "dev", "bob", "");

        assertThat(core.member("bob")).containsSame(bob);
        assertThat(bob.roomNames()).containsExactly("lobby");
        assertThat(h.fanout.deliveries()).noneMatch(RecordingFanout.Delivery::closed);
        assertThat(refusal(() -> core.post(bob, "dev", "still here?")).reason()).isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(core.post(bob, "lobby", "over here").seq()).isPositive();
        assertThat(core.join(bob, "dev", -1).role())
                .as("may come back, as a member")
                .isEqualTo(RoomRole.MEMBER);
    }

    @Test
    void aMemberKickedFromItsLastRoomIsKickedOutUntilItJoinsOneAgain() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        core.join(bob, "lobby", -1);
        core.join(alice, "lobby", -1);

        core.kick(alice, "dev", "bob", "");
        assertThat(bob.kickedOut()).as("still in the lobby").isFalse();
        core.kick(h.admin("lobby"), "lobby", "bob", "");
        assertThat(bob.kickedOut()).as("kicked from its last room").isTrue();

        core.join(bob, "dev", -1);
        assertThat(bob.kickedOut()).as("in a room again").isFalse();
        assertThat(alice.kickedOut()).isFalse();
    }

    @Test
    void aPlainMemberMayNotKick() {
        h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        h.connect("carol", "dev");
        h.fanout.clear();

        assertThat(refusal(() -> core.kick(bob, "dev", "carol", "")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.kick(bob, "dev", "alice", "")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.kick(bob, "lobby", "alice", "")).reason())
                .as("the lobby has no owner")
                .isEqualTo(Reason.NOT_MODERATOR);
        assertThat(h.fanout.deliveries()).isEmpty();
        assertThat(core.room("dev").members()).isEqualTo(3);
    }

    @Test
    void anOwnerMayKickOnlyInItsOwnRoom() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "ops");
        h.connect("carol");

        assertThat(refusal(() -> core.kick(alice, "ops", "bob", "")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.kick(alice, "lobby", "carol", "")).reason())
                .isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.kick(alice, "nowhere", "carol", "")).reason())
                .isEqualTo(Reason.NO_SUCH_ROOM);
        assertThat(refusal(() -> core.kick(alice, "dev", "carol", "")).reason())
                .as("carol is not in dev")
                .isEqualTo(Reason.NO_SUCH_MEMBER);
    }

    @Test
    void theOwnerMayNotKickTheAdministrator() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> admin = h.admin("lobby");
        core.join(admin, "dev", -1);
        h.fanout.clear();

        assertThat(refusal(() -> core.kick(alice, "dev", Names.ADMINISTRATOR, ""))
                        .reason())
                .isEqualTo(Reason.ADMIN_NOT_KICKABLE);
        assertThat(refusal(() -> core.kick(alice, "dev", "채팅 관리자", "")).reason())
                .as("whatever the spelling")
                .isEqualTo(Reason.ADMIN_NOT_KICKABLE);
        assertThat(admin.roomNames()).contains("dev");
        assertThat(h.fanout.deliveries()).isEmpty();
    }

    @Test
    void theAdministratorMayKickInARoomItIsIn() {
        Member<String> admin = h.admin("lobby");
        Member<String> bob = h.connect("bob");

        core.kick(admin, "lobby", "bob", "rude");

        assertThat(bob.roomNames()).isEmpty();
        assertThat(h.fanout.to("bob", ChatEvent.Left.class))
                .extracting(ChatEvent.Left::by)
                .containsExactly(Names.ADMINISTRATOR);
    }

    @Test
    void theAdministratorMayKickInARoomItIsNotIn() {
        Member<String> admin = h.admin("lobby");
        h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        h.fanout.clear();

        assertThat(core.kick(admin, "DEV", "bob", "")).isEqualTo(bob.name());

        assertThat(h.fanout.described())
                .containsExactly("bob <- left dev bob kicked by 채팅관리자 #3", "alice <- left dev bob kicked by 채팅관리자 #3");
        assertThat(admin.roomNames()).containsExactly("lobby");
    }

    @Test
    void theAdministratorMayKickTheOwner() {
        Member<String> admin = h.admin("lobby");
        h.connect("alice", "dev");
        h.connect("bob", "dev");

        core.kick(admin, "dev", "alice", "");

        assertThat(core.room("dev").owner()).as("ownership passed on").isEqualTo("bob");
        assertThat(core.who("dev")).containsExactly(new MemberView("bob", RoomRole.OWNER));
    }

    /**
     * BUG: {@code Room.kick} never marks the room gone when it empties it, so {@code ChatCore.kick}'s
     * {@code isGone()} check is always false and the empty room stays listed (and counts against maxRooms).
     */
    @Test
    void kickingTheLastMemberOutOfARoomRemovesTheRoom() {
        Member<String> admin = h.admin("lobby");
        h.connect("alice", "dev");

        core.kick(admin, "dev", "alice", "");

        assertThat(h.roomNames()).containsExactly("lobby");
        assertThat(refusal(() -> core.room("dev")).reason()).isEqualTo(Reason.NO_SUCH_ROOM);
    }

    /** BUG: as above, the room the owner empties by kicking itself stays listed. */
    @Test
    void anOwnerKickingItselfOutOfItsRoomRemovesTheRoom() {
        Member<String> alice = h.connect("alice", "dev");

        core.kick(alice, "dev", "alice", "");

        assertThat(alice.roomNames()).isEmpty();
        assertThat(h.roomNames()).containsExactly("lobby");
    }

    @Test
    void theOwnerSetsTheTopicAndTheOthersAreTold() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");
        h.fanout.clear();

        ChatEvent.Topic topic = core.setTopic(alice, "dev", "  release plans  ");

        assertThat(topic.topic()).isEqualTo("release plans");
        assertThat(topic.by()).isEqualTo("alice");
        assertThat(h.fanout.described()).containsExactly("bob <- topic dev alice: release plans #3");
        assertThat(core.room("dev").topic()).isEqualTo("release plans");

        core.setTopic(alice, "dev", "");
        assertThat(core.room("dev").topic()).as("an empty topic clears it").isEmpty();
    }

    @Test
    void theAdministratorSetsAndClearsTheTopicOfAnyRoomFromOutsideAndItsMembersAreTold() {
        Member<String> admin = h.admin("lobby");
        h.connect("alice", "dev");
        h.fanout.clear();

        core.setTopic(admin, "lobby", "welcome");
        assertThat(core.room("lobby").topic()).isEqualTo("welcome");
        ChatEvent.Topic set = core.setTopic(admin, "DEV", "mine now");

        assertThat(set.room()).isEqualTo("dev");
        assertThat(core.room("dev").topic()).isEqualTo("mine now");
        assertThat(h.fanout.to("alice", ChatEvent.Topic.class))
                .as("the room's members are told, as of any topic")
                .extracting(ChatEvent.Topic::topic)
                .containsExactly("mine now");
        core.setTopic(admin, "dev", "");
        assertThat(core.room("dev").topic()).as("cleared from outside too").isEmpty();
        assertThat(admin.roomNames()).as("setting it joins nothing").containsExactly("lobby");
        assertThat(refusal(() -> core.setTopic(admin, "nowhere", "x")).reason()).isEqualTo(Reason.NO_SUCH_ROOM);
    }

    @Test
    void aPlainMemberMayNotSetTheTopic() {
        h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");
        h.fanout.clear();

        assertThat(refusal(() -> core.setTopic(bob, "dev", "mine")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.setTopic(bob, "lobby", "mine")).reason()).isEqualTo(Reason.NOT_IN_ROOM);
        Member<String> carol = h.connect("carol");
        assertThat(refusal(() -> core.setTopic(carol, "lobby", "mine")).reason())
                .isEqualTo(Reason.NOT_MODERATOR);
        assertThat(h.fanout.to("alice", ChatEvent.Topic.class)).isEmpty();
        assertThat(core.room("dev").topic()).isEmpty();
    }

    @Test
    void aTopicTooLongOrWithControlCharactersIsRefused() {
        Member<String> alice = h.connect("alice", "dev");

        for (String topic : new String[] {"x".repeat(301), "two\nlines", "bell\u0007", "tab\there"}) {
            Refusal refused = refusal(() -> core.setTopic(alice, "dev", topic));
            assertThat(refused.reason()).as("topic %s", topic).isEqualTo(Reason.INVALID_TOPIC);
        }
        assertThat(core.room("dev").topic()).isEmpty();

        core.setTopic(alice, "dev", "😀".repeat(ChatCore.MAX_TOPIC_LENGTH));
        assertThat(core.room("dev").topic()).as("300 code points are fine").hasSize(600);
    }

    @Test
    void anOwnerWhoPartsAndComesBackIsAPlainMember() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");

        core.part(alice, "dev");

        assertThat(core.who("dev")).containsExactly(new MemberView("bob", RoomRole.OWNER));
        assertThat(core.join(alice, "dev", -1).role())
                .as("coming back does not make it owner again: bob owns the room now")
                .isEqualTo(RoomRole.MEMBER);
        assertThat(refusal(() -> core.kick(alice, "dev", "bob", "")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.setTopic(alice, "dev", "mine")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(core.setTopic(bob, "dev", "mine").topic()).isEqualTo("mine");
    }

    @Test
    void anOwnerWhoDisconnectsAndReconnectsIsAPlainMember() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");

        core.disconnect(alice, LeaveReason.DISCONNECTED, "", false);
        h.connect("alice", "dev");

        assertThat(core.room("dev").owner()).isEqualTo("bob");
        assertThat(core.who("dev"))
                .containsExactly(new MemberView("bob", RoomRole.OWNER), new MemberView("alice", RoomRole.MEMBER));
    }
}
