package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.ORIGIN;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Rooms: creation, owners, names, limits, capacity, removal when empty, isolation. */
class RoomMembershipTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void theLobbyExistsFromTheStartAndHasNoOwner() {
        assertThat(core.list())
                .containsExactly(new RoomView(
                        "lobby", 0, CoreConfig.DEFAULT_ROOM_CAPACITY, null, "", null, null, 0, TestClock.START, false));

        JoinResult joined =
                core.connect("alice", null, ORIGIN, "alice", "lobby", -1).joined();

        assertThat(joined.role()).isEqualTo(RoomRole.MEMBER);
        assertThat(joined.room().owner()).isNull();
        assertThat(core.room("lobby").members()).isEqualTo(1);
    }

    @Test
    void joiningARoomThatDoesNotExistCreatesItWithTheJoinerAsOwner() {
        Member<String> alice = h.connect("alice");
        h.clock.advance(java.time.Duration.ofMinutes(5));

        JoinResult created = core.join(alice, "dev", -1);
        JoinResult second = core.join(h.connect("bob"), "dev", -1);

        assertThat(created.role()).isEqualTo(RoomRole.OWNER);
        assertThat(created.room())
                .isEqualTo(new RoomView(
                        "dev",
                        1,
                        5,
                        "alice",
                        "",
                        null,
                        null,
                        1,
                        TestClock.START.plus(java.time.Duration.ofMinutes(5)),
                        false));
        assertThat(second.role()).isEqualTo(RoomRole.MEMBER);
        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(core.who("dev"))
                .containsExactly(new MemberView("alice", RoomRole.OWNER), new MemberView("bob", RoomRole.MEMBER));
        assertThat(alice.roomNames()).containsExactlyInAnyOrder("lobby", "dev");
        assertThat(alice.isIn("DEV")).isTrue();
    }

    @Test
    void connectingIntoANewRoomMakesTheConnectorItsOwner() {
        JoinResult joined =
                core.connect("alice", null, ORIGIN, "alice", "dev", -1).joined();

        assertThat(joined.role()).isEqualTo(RoomRole.OWNER);
        assertThat(h.roomNames()).containsExactly("dev", "lobby");
    }

    @Test
    void aMembersRoomsAreInTheOrderItJoinedThemAndARoomJoinedAgainComesLast() {
        Member<String> alice = h.connect("alice");
        List<String> joined = List.of("zeta", "Alpha", "m", "beta", "ops", "x1", "Dev");
        for (String room : joined) {
            core.join(alice, room, -1);
        }
        List<String> all = new java.util.ArrayList<>(List.of("lobby"));
        all.addAll(joined);
        assertThat(alice.roomNames()).containsExactlyElementsOf(all);

        core.part(alice, "beta", "");
        core.join(alice, "BETA", -1); // made again, by another writing
        all.remove("beta");
        all.add("BETA");
        assertThat(alice.roomNames()).containsExactlyElementsOf(all);
        assertThat(alice.isIn("beta")).isTrue();
        assertThat(alice.isIn("gamma")).isFalse();
    }

    @Test
    void roomNamesCompareCaseInsensitivelyAndShowAsFirstWritten() {
        h.connect("alice", "DevOps");
        Member<String> bob = h.connect("bob");

        JoinResult joined = core.join(bob, "devops", -1);

        assertThat(joined.room().name()).isEqualTo("DevOps");
        assertThat(joined.room().members()).isEqualTo(2);
        assertThat(h.roomNames()).containsExactly("DevOps", "lobby");
        assertThat(core.room("DEVOPS").name()).isEqualTo("DevOps");
        assertThat(bob.roomNames()).contains("DevOps");
        assertThat(core.post(bob, "DEVOPS", "hi").room()).isEqualTo("DevOps");
    }

    @Test
    void theRoomListIsSortedByName() {
        h.connect("a", "zeta");
        h.connect("b", "Alpha");
        h.connect("c", "beta");

        assertThat(h.roomNames()).containsExactly("Alpha", "beta", "lobby", "zeta");
    }

    @Test
    void invalidRoomNamesAreRefused() {
        Member<String> alice = h.connect("alice");
        for (String room : List.of("my room", "a/b", "a".repeat(33), "", "#dev", "dev\n")) {
            assertThat(refusal(() -> core.join(alice, room, -1)).reason())
                    .as("join '%s'", room)
                    .isEqualTo(Reason.INVALID_ROOM);
            assertThat(refusal(() -> h.connect("bob", room)).reason())
                    .as("connect into '%s'", room)
                    .isEqualTo(Reason.INVALID_ROOM);
        }
        assertThat(refusal(() -> core.join(alice, null, -1)).reason()).isEqualTo(Reason.INVALID_ROOM);
        assertThat(h.roomNames()).containsExactly("lobby");

        String longest = "\uD840\uDC00".repeat(32); // U+20000, a CJK ideograph outside the BMP
        assertThat(core.join(alice, longest, -1).room().name())
                .as("32 code points, 64 chars")
                .isEqualTo(longest);
        assertThat(core.join(alice, "개발-방_1.0", -1).role()).isEqualTo(RoomRole.OWNER);
    }

    @Test
    void joiningARoomTwiceIsRefused() {
        Member<String> alice = h.connect("alice", "dev");

        Refusal refused = refusal(() -> core.join(alice, "DEV", -1));

        assertThat(refused.reason()).isEqualTo(Reason.ALREADY_IN_ROOM);
        assertThat(refused.subject())
                .as("the room as it shows itself, not as asked")
                .isEqualTo("dev");
        assertThat(core.room("dev").members()).isEqualTo(1);
    }

    @Test
    void anEmptyRoomDisappearsFromTheList() {
        Member<String> alice = h.connect("alice", "dev");
        Member<String> bob = h.connect("bob", "dev");

        core.part(alice, "dev");
        assertThat(h.roomNames()).contains("dev");
        core.disconnect(bob, LeaveReason.LEFT, "", false);

        assertThat(h.roomNames()).containsExactly("lobby");
        assertThat(refusal(() -> core.room("dev")).reason()).isEqualTo(Reason.NO_SUCH_ROOM);
        assertThat(refusal(() -> core.who("dev")).reason()).isEqualTo(Reason.NO_SUCH_ROOM);
        assertThat(alice.roomNames()).isEmpty();
        assertThat(core.member("alice"))
                .as("parting the last room keeps the member connected")
                .isPresent();
    }

    @Test
    void aRecreatedRoomContinuesItsSequenceAfterItsStoredMessages() {
        Member<String> alice = h.connect("alice", "dev");
        ChatEvent.Message hi = core.post(alice, "dev", "hi");
        core.part(alice, "dev");
        assertThat(h.roomNames()).doesNotContain("dev");

        ChatCore.Connected<String> carol = core.connect("carol", null, ORIGIN, "carol", "Dev", -1);
        ChatEvent.Message again = core.post(carol.member(), "dev", "again");

        assertThat(carol.joined().role()).as("a new room, a new owner").isEqualTo(RoomRole.OWNER);
        assertThat(carol.joined().room().name())
                .as("shown as written this time")
                .isEqualTo("Dev");
        assertThat(carol.joined().room().lastSeq()).isGreaterThan(hi.seq());
        assertThat(carol.joined().replayed()).isEqualTo(1);
        assertThat(h.fanout.to("carol", ChatEvent.Message.class))
                .extracting(ChatEvent.Message::text)
                .containsExactly("hi");
        assertThat(again.seq()).isGreaterThan(carol.joined().room().lastSeq());
    }

    @Test
    void theLobbyNeverDisappears() {
        Member<String> alice = h.connect("alice");
        core.disconnect(alice, LeaveReason.LEFT, "", false);
        assertThat(h.roomNames()).containsExactly("lobby");

        Member<String> bob = h.connect("bob", "dev");
        core.join(bob, "lobby", -1);
        core.part(bob, "lobby");

        assertThat(h.roomNames()).containsExactly("dev", "lobby");
        assertThat(core.join(bob, "lobby", -1).role()).as("and gets no owner").isEqualTo(RoomRole.MEMBER);
    }

    @Test
    void membersFromOneAddressMakeAtMostMaxRoomsPerAddressThatExistAtOnceTheAdministratorAside() throws Exception {
        CoreHarness limited =
                new CoreHarness(CONFIG.toBuilder().maxRoomsPerAddress(2).build());
        java.net.InetAddress here = java.net.InetAddress.getByName("203.0.113.7");
        java.net.InetAddress there = java.net.InetAddress.getByName("198.51.100.9");
        Member<String> alice =
                limited.core.connect("alice", null, here, "alice", "a", -1).member();
        Member<String> bob =
                limited.core.connect("bob", null, here, "bob", "b", -1).member();

        Refusal third = refusal(() -> limited.core.join(alice, "c", -1));
        assertThat(third.reason()).isEqualTo(Reason.TOO_MANY_ROOMS_FROM_ADDRESS);
        assertThat(third.capacity()).isEqualTo(2);
        assertThat(limited.core.join(alice, "b", -1).room().name())
                .as("a room that exists is joined whoever made it")
                .isEqualTo("b");
        assertThat(limited.core.join(alice, "lobby", -1).room().name())
                .as("the lobby is no one's")
                .isEqualTo("lobby");
        Member<String> carol =
                limited.core.connect("carol", null, there, "carol", "c", -1).member();
        assertThat(carol.name()).as("another address makes its own").isEqualTo("carol");
        Member<String> admin = limited.core
                .connect(Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, here, "admin", "d", -1)
                .member();
        assertThat(admin.roomNames())
                .as("the administrator's rooms count against no address")
                .contains("d");

        limited.core.part(alice, "a"); // "a" empties and is gone: a room to make again
        assertThat(limited.core.join(bob, "e", -1).room().name()).isEqualTo("e");
        assertThat(refusal(() -> limited.core.join(bob, "f", -1)).reason())
                .isEqualTo(Reason.TOO_MANY_ROOMS_FROM_ADDRESS);
    }

    @Test
    void membersFromAcrossOneIpv6Slash64MakeRoomsAsOneAddress() throws Exception {
        CoreHarness limited =
                new CoreHarness(CONFIG.toBuilder().maxRoomsPerAddress(2).build());
        limited.core.connect("alice", null, java.net.InetAddress.getByName("2001:db8:5:6::a"), "alice", "a", -1);
        limited.core.connect("bob", null, java.net.InetAddress.getByName("2001:db8:5:6:ffff::b"), "bob", "b", -1);

        java.net.InetAddress sameSlash64 = java.net.InetAddress.getByName("2001:db8:5:6:1:2:3:4");
        Refusal third = refusal(() -> limited.core.connect("carol", null, sameSlash64, "carol", "c", -1));
        assertThat(third.reason()).isEqualTo(Reason.TOO_MANY_ROOMS_FROM_ADDRESS);
        assertThat(limited.core
                        .connect("dave", null, java.net.InetAddress.getByName("2001:db8:5:7::d"), "dave", "d", -1)
                        .member()
                        .roomNames())
                .as("the next /64 makes its own")
                .contains("d");
    }

    @Test
    void membersFromAcrossOneIpv4Slash24MakeAtMostMaxRoomsPerNetworkThatExistAtOnce() throws Exception {
        CoreHarness limited = new CoreHarness(
                CONFIG.toBuilder().maxRoomsPerAddress(2).maxRoomsPerNetwork(3).build());
        Member<String> alice = limited.core
                .connect("alice", null, java.net.InetAddress.getByName("203.0.113.7"), "alice", "a", -1)
                .member();
        limited.core.join(alice, "b", -1);
        Member<String> bob = limited.core
                .connect("bob", null, java.net.InetAddress.getByName("203.0.113.8"), "bob", "c", -1)
                .member();

        java.net.InetAddress sameSlash24 = java.net.InetAddress.getByName("203.0.113.200");
        Refusal fourth = refusal(() -> limited.core.connect("carol", null, sameSlash24, "carol", "d", -1));
        assertThat(fourth.reason()).isEqualTo(Reason.TOO_MANY_ROOMS_FROM_ADDRESS);
        assertThat(fourth.capacity()).as("the network's allowance").isEqualTo(3);
        assertThat(refusal(() -> limited.core.join(bob, "d", -1)).capacity())
                .as("bob has made one room of his two, but his /24 has made its three")
                .isEqualTo(3);
        assertThat(limited.core
                        .connect("dave", null, java.net.InetAddress.getByName("203.0.114.1"), "dave", "d", -1)
                        .member()
                        .roomNames())
                .as("the next /24 makes its own")
                .contains("d");

        limited.core.part(alice, "a"); // one of the network's rooms empties and is gone
        assertThat(limited.core.join(bob, "e", -1).room().name()).isEqualTo("e");
    }

    @Test
    void membersFromAcrossOneIpv6Slash48MakeAtMostMaxRoomsPerNetwork() throws Exception {
        CoreHarness limited = new CoreHarness(
                CONFIG.toBuilder().maxRoomsPerAddress(2).maxRoomsPerNetwork(3).build());
        limited.core.connect("alice", null, java.net.InetAddress.getByName("2001:db8:5:1::a"), "alice", "a", -1);
        limited.core.connect("bob", null, java.net.InetAddress.getByName("2001:db8:5:2::b"), "bob", "b", -1);
        limited.core.connect("carol", null, java.net.InetAddress.getByName("2001:db8:5:3::c"), "carol", "c", -1);

        java.net.InetAddress sameSlash48 = java.net.InetAddress.getByName("2001:db8:5:ffff::d");
        assertThat(refusal(() -> limited.core.connect("dave", null, sameSlash48, "dave", "d", -1))
                        .capacity())
                .isEqualTo(3);
        assertThat(limited.core
                        .connect("erin", null, java.net.InetAddress.getByName("2001:db8:6::e"), "erin", "e", -1)
                        .member()
                        .roomNames())
                .as("the next /48 makes its own")
                .contains("e");
    }

    @Test
    void theServerHoldsAtMostMaxRoomsTheLobbyIncluded() {
        CoreHarness limited = new CoreHarness(CONFIG.toBuilder().maxRooms(3).build());
        Member<String> alice = limited.connect("alice", "a");
        limited.core.join(alice, "b", -1);

        Refusal tooMany = refusal(() -> limited.core.join(alice, "c", -1));
        assertThat(tooMany.reason()).isEqualTo(Reason.TOO_MANY_ROOMS);
        assertThat(tooMany.capacity()).isEqualTo(3);
        assertThat(refusal(() -> limited.connect("bob", "c")).reason()).isEqualTo(Reason.TOO_MANY_ROOMS);
        assertThat(limited.core.member("bob")).isEmpty();

        Member<String> bob = limited.connect("bob", "A");
        assertThat(bob.roomNames()).as("existing rooms may still be joined").containsExactly("a");

        limited.core.part(alice, "b");
        assertThat(limited.core.join(alice, "c", -1).role()).isEqualTo(RoomRole.OWNER);
    }

    @Test
    void aMemberIsInAtMostMaxRoomsPerMember() {
        CoreHarness limited =
                new CoreHarness(CONFIG.toBuilder().maxRoomsPerMember(2).build());
        Member<String> alice = limited.connect("alice");
        limited.core.join(alice, "a", -1);

        Refusal tooMany = refusal(() -> limited.core.join(alice, "b", -1));

        assertThat(tooMany.reason()).isEqualTo(Reason.TOO_MANY_JOINED);
        assertThat(tooMany.capacity()).isEqualTo(2);
        assertThat(limited.roomNames()).containsExactly("a", "lobby");
        limited.core.part(alice, "a");
        assertThat(limited.core.join(alice, "b", -1).role()).isEqualTo(RoomRole.OWNER);
    }

    @Test
    void aFullRoomRefusesAndALeaveFreesASeat() {
        CoreHarness small = new CoreHarness(CONFIG.toBuilder().roomCapacity(3).build());
        Member<String> admin = small.admin("dev");
        small.connect("b", "dev");
        small.connect("c", "dev");
        Member<String> d = small.connect("d");

        Refusal full = refusal(() -> small.core.join(d, "dev", -1));
        assertThat(full.reason()).isEqualTo(Reason.ROOM_FULL);
        assertThat(full.subject()).isEqualTo("dev");
        assertThat(full.members()).isEqualTo(3);
        assertThat(full.capacity()).isEqualTo(3);
        assertThat(d.roomNames()).containsExactly("lobby");

        small.core.part(admin, "dev");
        assertThat(small.core.join(d, "dev", -1).room().members()).isEqualTo(3);
    }

    @Test
    void twoRoomsAreIsolated() {
        Member<String> alice = h.connect("alice", "red");
        h.connect("bob", "red");
        Member<String> carol = h.connect("carol", "blue");
        h.connect("dave", "blue");
        h.fanout.clear();

        ChatEvent.Message inRed = core.post(alice, "red", "red line");
        ChatEvent.Message inBlue = core.post(carol, "blue", "blue line");

        assertThat(h.fanout.described())
                .containsExactly("bob <- message red alice: red line #3", "dave <- message blue carol: blue line #3");
        assertThat(inRed.seq()).as("each room counts its own").isEqualTo(inBlue.seq());
        assertThat(refusal(() -> core.post(alice, "blue", "sneaking in")).reason())
                .isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(refusal(() -> core.post(alice, "nowhere", "hello?")).reason())
                .isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(refusal(() -> core.post(alice, "red", "")).reason()).isEqualTo(Reason.EMPTY_MESSAGE);
        for (String blank : new String[] {" \t\u3000", "\u3164", "\u200B", "\u0002\u000F", "\u00A0"}) {
            assertThat(refusal(() -> core.post(alice, "red", blank)).reason())
                    .as(
                            "nothing to read: %s",
                            blank.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(Reason.EMPTY_MESSAGE);
        }
        assertThat(h.fanout.deliveries()).hasSize(2);
    }

    @Test
    void partingARoomTheMemberIsNotInIsRefused() {
        Member<String> alice = h.connect("alice");
        h.connect("bob", "dev");

        assertThat(refusal(() -> core.part(alice, "dev")).reason()).isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(refusal(() -> core.part(alice, "no such")).reason()).isEqualTo(Reason.NOT_IN_ROOM);
        assertThat(core.room("dev").members()).isEqualTo(1);
    }
}
