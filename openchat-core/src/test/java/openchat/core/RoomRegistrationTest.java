package openchat.core;

import static openchat.core.CoreHarness.ADMIN_KEY;
import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.ORIGIN;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/**
 * A registered room's key makes whoever shows it the room's owner, across the owner's leaving, the room's emptying and
 * a restart; only the key's holder or the administrator may give the room a new key or drop it.
 */
class RoomRegistrationTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    /** A core of its own, with registrations in memory, whose console is {@code console}. */
    private ChatCore<String> watchedBy(CoreListener console) {
        return new ChatCore<>(
                CONFIG,
                h.fanout,
                console,
                h.history,
                h.clock,
                ADMIN_KEY::equals,
                BanStore.IN_MEMORY,
                RoomKeyStore.inMemory());
    }

    /** alice (the owner, who registers dev), bob, carol in dev; returns the key, the fanout cleared. */
    private String registeredRoomOfThree() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");
        h.connect("carol", "dev");
        String key = core.registerRoom(alice, "dev").key();
        h.fanout.clear();
        return key;
    }

    @Test
    void aRoomKeyIsTwentySixBase32LettersAndTheStoreKeepsOnlyItsHash() {
        String key = RoomKey.generate();

        assertThat(key).hasSize(RoomKey.LENGTH).matches("[a-z2-7]{26}");
        assertThat(RoomKey.generate()).isNotEqualTo(key);
        assertThat(RoomKey.hash(key)).hasSize(64).doesNotContain(key);
        assertThat(RoomKey.opens(" " + key.toUpperCase(java.util.Locale.ROOT) + " ", RoomKey.hash(key)))
                .isTrue();
        assertThat(RoomKey.opens(RoomKey.generate(), RoomKey.hash(key))).isFalse();
        assertThat(RoomKey.opens("", RoomKey.hash(key))).isFalse();
        assertThat(RoomKey.opens(key, null)).isFalse();
    }

    @Test
    void theOwnerWhoComesBackWithTheKeyOwnsTheRoomAgainAndTheHeirIsTold() {
        String key = registeredRoomOfThree();
        core.disconnect(core.member("alice").orElseThrow(), LeaveReason.DISCONNECTED, "reset", false);
        assertThat(core.room("dev").owner()).isEqualTo("bob");
        h.fanout.clear();

        Chat.Connected<String> back = core.connect("alice", null, ORIGIN, "alice", "dev", -1, key);

        assertThat(back.joined().role()).isEqualTo(RoomRole.OWNER);
        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(h.fanout.described())
                .containsExactly(
                        "bob <- joined dev alice #5",
                        "carol <- joined dev alice #5",
                        "bob <- owner dev alice from bob #6",
                        "carol <- owner dev alice from bob #6",
                        "alice <- owner dev alice from bob #6");
        assertThat(core.who("dev"))
                .containsExactly(
                        new MemberView("bob", RoomRole.MEMBER),
                        new MemberView("carol", RoomRole.MEMBER),
                        new MemberView("alice", RoomRole.OWNER));
    }

    @Test
    void aRegisteredRoomThatEmptiedIsTheKeyHoldersWhoeverMadeItAgain() {
        Member<String> alice = h.connect("alice", "dev");
        String key = core.registerRoom(alice, "dev").key();
        core.part(alice, "dev");
        Member<String> mallory = h.connect("mallory", "dev");
        assertThat(core.room("dev").owner()).isEqualTo("mallory");

        core.join(alice, "dev", -1, key);

        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(core.who(mallory, "dev")).contains(new MemberView("mallory", RoomRole.MEMBER));
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsDone() {
        registeredRoomOfThree();
        Member<String> dave = h.connect("dave");

        Refusal refused = refusal(() -> core.join(dave, "Dev", -1, RoomKey.generate()));

        assertThat(refused.reason()).isEqualTo(Reason.WRONG_ROOM_KEY);
        assertThat(refused.subject()).isEqualTo("dev");
        assertThat(dave.isIn("dev")).isFalse();
        assertThat(h.fanout.described()).isEmpty();
    }

    @Test
    void aWrongKeyAtConnectLeavesTheNameFree() {
        registeredRoomOfThree();

        assertThat(refusal(() -> core.connect("dave", null, ORIGIN, "dave", "dev", -1, "nonsense"))
                        .reason())
                .isEqualTo(Reason.WRONG_ROOM_KEY);

        assertThat(h.connect("dave", "dev").name()).isEqualTo("dave");
    }

    @Test
    void aKeyForARoomThatIsNotRegisteredMakesNoRoom() {
        Member<String> dave = h.connect("dave");

        assertThat(refusal(() -> core.join(dave, "newroom", -1, RoomKey.generate()))
                        .reason())
                .isEqualTo(Reason.WRONG_ROOM_KEY);

        assertThat(h.roomNames()).doesNotContain("newroom");
    }

    @Test
    void aMemberInTheRoomClaimsItWithTheKey() {
        String key = registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();
        core.part(alice, "dev");
        core.join(alice, "dev", -1);
        assertThat(core.room("dev").owner()).isEqualTo("bob");
        h.fanout.clear();

        assertThat(core.claimRoom(alice, "dev", key)).isEqualTo(RoomRole.OWNER);

        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(h.fanout.described()).hasSize(3).allMatch(line -> line.endsWith("owner dev alice from bob #6"));
        assertThat(refusal(() -> core.claimRoom(core.member("bob").orElseThrow(), "dev", "wrong"))
                        .reason())
                .isEqualTo(Reason.WRONG_ROOM_KEY);
    }

    @Test
    void anHeirByPresenceMayNeitherReKeyNorDropTheRoom() {
        registeredRoomOfThree();
        core.part(core.member("alice").orElseThrow(), "dev");
        Member<String> bob = core.member("bob").orElseThrow();
        Member<String> carol = core.member("carol").orElseThrow();

        assertThat(refusal(() -> core.registerRoom(bob, "dev")).reason()).isEqualTo(Reason.NOT_KEY_HOLDER);
        assertThat(refusal(() -> core.unregisterRoom(bob, "dev")).reason()).isEqualTo(Reason.NOT_KEY_HOLDER);
        assertThat(refusal(() -> core.registerRoom(carol, "dev")).reason()).isEqualTo(Reason.NOT_MODERATOR);
    }

    @Test
    void registeringAgainGivesANewKeyAndTheOldOneOpensNothing() {
        String old = registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();

        String renewed = core.registerRoom(alice, "dev").key();

        assertThat(renewed).isNotEqualTo(old);
        Member<String> dave = h.connect("dave");
        assertThat(refusal(() -> core.join(dave, "dev", -1, old)).reason()).isEqualTo(Reason.WRONG_ROOM_KEY);
        assertThat(core.join(dave, "dev", -1, renewed).role()).isEqualTo(RoomRole.OWNER);
    }

    @Test
    void theKeyHolderDropsTheRegistrationAndOwnershipRestsOnPresenceAgain() {
        String key = registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();

        core.unregisterRoom(alice, "dev");

        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(refusal(() -> core.unregisterRoom(alice, "dev")).reason()).isEqualTo(Reason.NOT_REGISTERED);
        Member<String> dave = h.connect("dave");
        assertThat(refusal(() -> core.join(dave, "dev", -1, key)).reason()).isEqualTo(Reason.WRONG_ROOM_KEY);
    }

    @Test
    void theAdministratorDropsTheRegistrationOfARoomThatEmptied() {
        Member<String> alice = h.connect("alice", "dev");
        String key = core.registerRoom(alice, "dev").key();
        core.part(alice, "dev");
        Member<String> admin = h.admin("lobby");

        core.unregisterRoom(admin, "DEV");

        assertThat(refusal(() -> core.join(alice, "dev", -1, key)).reason()).isEqualTo(Reason.WRONG_ROOM_KEY);
        assertThat(refusal(() -> core.unregisterRoom(admin, "dev")).reason()).isEqualTo(Reason.NOT_REGISTERED);
    }

    @Test
    void theAdministratorReKeysARoomFromOutsideAndTheOwnerHoldsTheKeyNoLonger() {
        registeredRoomOfThree();
        Member<String> admin = h.admin("lobby");

        String key = core.registerRoom(admin, "dev").key();

        Member<String> alice = core.member("alice").orElseThrow();
        assertThat(refusal(() -> core.registerRoom(alice, "dev")).reason()).isEqualTo(Reason.NOT_KEY_HOLDER);
        assertThat(core.claimRoom(alice, "dev", key)).isEqualTo(RoomRole.OWNER);
        assertThat(core.registerRoom(alice, "dev").key()).isNotEqualTo(key);
    }

    @Test
    void theLobbyCannotBeRegisteredAndTheAdministratorOwnsNothingWithAKey() {
        Member<String> admin = h.admin("lobby");
        assertThat(refusal(() -> core.registerRoom(admin, "lobby")).reason()).isEqualTo(Reason.LOBBY_UNOWNED);
        Member<String> alice = h.connect("alice", "dev");
        String key = core.registerRoom(alice, "dev").key();

        assertThat(core.join(admin, "dev", -1, key).role()).isEqualTo(RoomRole.ADMIN);

        assertThat(core.room("dev").owner()).isEqualTo("alice");
    }

    @Test
    void aRegistrationOutlivesARestartWithTheSameStore() {
        RoomKeyStore kept = RoomKeyStore.inMemory();
        ChatCore<String> before = new ChatCore<>(
                CONFIG, h.fanout, CoreListener.NONE, h.history, h.clock, ADMIN_KEY::equals, BanStore.IN_MEMORY, kept);
        Member<String> alice =
                before.connect("alice", null, ORIGIN, "alice", "dev", -1).member();
        String key = before.registerRoom(alice, "dev").key();
        before.close("", "", null);

        ChatCore<String> after = new ChatCore<>(
                CONFIG, h.fanout, CoreListener.NONE, h.history, h.clock, ADMIN_KEY::equals, BanStore.IN_MEMORY, kept);
        after.connect("bob", null, ORIGIN, "bob", "dev", -1);
        after.connect("alice", null, ORIGIN, "alice", "dev", -1, key);

        assertThat(after.room("dev").owner()).isEqualTo("alice");
    }

    @Test
    void registrationsStopAtTheServersMost() {
        RoomKeyStore full = new RoomKeyStore() {
            @Override
            public String hashOf(String roomKey) {
                return null;
            }

            @Override
            public void keep(
                    String roomKey, String roomName, String hash, String by, String network, java.time.Instant at) {}

            @Override
            public boolean drop(String roomKey) {
                return false;
            }

            @Override
            public int count() {
                return CoreConfig.MAX_REGISTERED_ROOMS;
            }

            @Override
            public int countFrom(String network, String roomKey) {
                return 0;
            }

            @Override
            public void used(String roomKey, java.time.Instant at) {}

            @Override
            public java.util.List<RegisteredRoom> lapse(
                    java.time.Instant before, java.util.function.Predicate<String> inUse) {
                return java.util.List.of();
            }

            @Override
            public java.util.List<RegisteredRoom> registrations() {
                return java.util.List.of();
            }
        };
        ChatCore<String> crowded = new ChatCore<>(
                CONFIG, h.fanout, CoreListener.NONE, h.history, h.clock, ADMIN_KEY::equals, BanStore.IN_MEMORY, full);
        Member<String> alice =
                crowded.connect("alice", null, ORIGIN, "alice", "dev", -1).member();

        Refusal refused = refusal(() -> crowded.registerRoom(alice, "dev"));

        assertThat(refused.reason()).isEqualTo(Reason.TOO_MANY_REGISTERED_ROOMS);
        assertThat(refused.capacity()).isEqualTo(CoreConfig.MAX_REGISTERED_ROOMS);
    }

    /** A core whose store holds {@code count} rooms registered from 192.0.2.0/24 ({@code full0}, {@code full1}, ...). */
    private ChatCore<String> withRegistrationsFromOneNetwork(RoomKeyStore kept, int count) {
        for (int i = 0; i < count; i++) {
            kept.keep(
                    "full" + i,
                    "full" + i,
                    RoomKey.hash(RoomKey.generate()),
                    "someone",
                    "192.0.2.0/24",
                    h.clock.instant());
        }
        return new ChatCore<>(
                CONFIG, h.fanout, CoreListener.NONE, h.history, h.clock, ADMIN_KEY::equals, BanStore.IN_MEMORY, kept);
    }

    /** {@code name} connected to {@code core} from {@code address}, in {@code room}. */
    private static Member<String> from(ChatCore<String> core, String name, String address, String room)
            throws java.net.UnknownHostException {
        return core.connect(name, null, java.net.InetAddress.getByName(address), name, room, -1)
                .member();
    }

    @Test
    void registrationsFromOneNetworkStopAtItsMostWhileOtherNetworksAndTheAdministratorStillRegister() throws Exception {
        RoomKeyStore kept = RoomKeyStore.inMemory();
        ChatCore<String> crowded = withRegistrationsFromOneNetwork(kept, CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
        Member<String> neighbour = from(crowded, "alice", "192.0.2.77", "dev");
        Member<String> elsewhere = from(crowded, "bob", "198.51.100.7", "ops");
        Member<String> admin = crowded.connect(
                        Names.ADMINISTRATOR,
                        ADMIN_KEY,
                        java.net.InetAddress.getByName("192.0.2.1"),
                        "admin",
                        "lobby",
                        -1)
                .member();

        Refusal refused = refusal(() -> crowded.registerRoom(neighbour, "dev"));

        assertThat(refused.reason()).isEqualTo(Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS);
        assertThat(refused.capacity()).isEqualTo(CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
        assertThat(crowded.room("dev").registered()).isFalse();
        assertThat(crowded.registerRoom(elsewhere, "ops").replaced()).isFalse();
        crowded.registerRoom(admin, "dev");
        assertThat(kept.countFrom("192.0.2.0/24", "")).isEqualTo(CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
        assertThat(kept.countFrom("198.51.100.0/24", "")).isEqualTo(1);
    }

    @Test
    void aDroppedRegistrationFreesItsNetworksPlaceAndANewKeyDoesNotCountTwice() throws Exception {
        RoomKeyStore kept = RoomKeyStore.inMemory();
        ChatCore<String> crowded =
                withRegistrationsFromOneNetwork(kept, CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK - 1);
        Member<String> alice = from(crowded, "alice", "192.0.2.77", "dev");
        Member<String> carol = from(crowded, "carol", "192.0.2.78", "den");

        crowded.registerRoom(alice, "dev");
        assertThat(crowded.registerRoom(alice, "dev").replaced()).isTrue(); // its own place, not a second one
        assertThat(refusal(() -> crowded.registerRoom(carol, "den")).reason())
                .isEqualTo(Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS);
        crowded.unregisterRoom(alice, "dev");
        crowded.registerRoom(carol, "den");

        assertThat(kept.countFrom("192.0.2.0/24", "")).isEqualTo(CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
    }

    @Test
    void theConsoleIsToldOfARegistrationANewKeyAndADropButNeverTheKey() {
        List<String> told = new ArrayList<>();
        CoreListener console = new CoreListener() {
            @Override
            public void roomRegistration(ChatEvent.RoomRegistration registration) {
                told.add(registration.room() + " " + registration.by() + " " + registration.change());
            }
        };
        ChatCore<String> watched = watchedBy(console);
        Member<String> alice =
                watched.connect("alice", null, ORIGIN, "alice", "Dev", -1).member();

        watched.registerRoom(alice, "dev");
        watched.registerRoom(alice, "dev");
        watched.unregisterRoom(alice, "dev");

        assertThat(told).containsExactly("Dev alice REGISTERED", "Dev alice REKEYED", "Dev alice DROPPED");
    }

    @Test
    void theMembersPresentButTheRegistrantAreToldOfTheRegistrationItsNewKeyAndItsDrop() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");
        Member<String> admin = h.admin("lobby");
        h.fanout.clear();

        NewRoomKey first = core.registerRoom(alice, "dev");
        NewRoomKey second = core.registerRoom(alice, "dev");
        core.unregisterRoom(admin, "dev");

        assertThat(first.replaced()).isFalse();
        assertThat(second.replaced()).isTrue();
        assertThat(h.fanout.to("bob", ChatEvent.RoomRegistration.class))
                .extracting(ChatEvent.RoomRegistration::by, ChatEvent.RoomRegistration::change)
                .containsExactly(
                        tuple("alice", ChatEvent.RoomRegistration.Change.REGISTERED),
                        tuple("alice", ChatEvent.RoomRegistration.Change.REKEYED),
                        tuple(Names.ADMINISTRATOR, ChatEvent.RoomRegistration.Change.DROPPED));
        assertThat(h.fanout.to("alice", ChatEvent.RoomRegistration.class))
                .extracting(ChatEvent.RoomRegistration::change)
                .containsExactly(ChatEvent.RoomRegistration.Change.DROPPED);
    }

    @Test
    void aRoomsViewSaysWhetherItIsRegisteredAlsoWhenMadeAgainAfterItEmptied() {
        Member<String> alice = h.connect("alice", "dev");
        assertThat(core.room("dev").registered()).isFalse();

        core.registerRoom(alice, "dev");
        assertThat(core.room("dev").registered()).isTrue();
        assertThat(core.list())
                .filteredOn(room -> room.name().equals("dev"))
                .extracting(RoomView::registered)
                .containsExactly(true);
        core.part(alice, "dev");
        JoinResult again = core.join(h.connect("bob"), "dev", -1);
        assertThat(again.room().registered()).isTrue();

        core.unregisterRoom(h.admin("lobby"), "dev");
        assertThat(core.room("dev").registered()).isFalse();
    }

    @Test
    void theAdministratorListsTheRegisteredRoomsAlsoEmptiedOnesAndAMemberThoseOfItsOwnNetwork() throws Exception {
        Member<String> alice = h.connect("alice", "Dev");
        core.registerRoom(alice, "Dev");
        h.clock.advance(java.time.Duration.ofMinutes(1));
        core.join(alice, "algebra", -1);
        core.registerRoom(alice, "algebra");
        core.part(alice, "algebra");
        Member<String> admin = h.admin("lobby");

        assertThat(core.registeredRooms(admin))
                .containsExactly(
                        new RegisteredRoom(
                                "algebra",
                                "alice",
                                TestClock.START.plus(java.time.Duration.ofMinutes(1)),
                                "127.0.0.0/24"),
                        new RegisteredRoom("Dev", "alice", TestClock.START, "127.0.0.0/24"));
        assertThat(core.registeredRooms(alice))
                .as("alice's network's: both")
                .extracting(RegisteredRoom::name)
                .containsExactly("algebra", "Dev");
        core.registerRoom(admin, "Dev"); // the administrator's new key: Dev counts against no network now
        Member<String> far = core.connect(
                        "far",
                        null,
                        java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}),
                        "far",
                        "lobby",
                        -1)
                .member();
        assertThat(core.registeredRooms(alice)).extracting(RegisteredRoom::name).containsExactly("algebra");
        assertThat(core.registeredRooms(far)).as("another network's: none").isEmpty();
    }

    @Test
    void theConsoleIsToldOfAWrongKeyShownOnJoiningOrOnceInButNeverTheKey() {
        List<String> told = new ArrayList<>();
        CoreListener console = new CoreListener() {
            @Override
            public void wrongRoomKey(String room, Member<?> member) {
                told.add(room + " " + member.name());
            }
        };
        ChatCore<String> watched = watchedBy(console);
        Member<String> alice =
                watched.connect("alice", null, ORIGIN, "alice", "Dev", -1).member();
        watched.registerRoom(alice, "dev");
        Member<String> bob =
                watched.connect("bob", null, ORIGIN, "bob", "lobby", -1).member();

        refusal(() -> watched.join(bob, "dev", -1, "AAAAAAAAAAAAAAAAAAAAAAAAAA"));
        watched.join(bob, "dev", -1);
        refusal(() -> watched.claimRoom(bob, "dev", "not a key"));

        assertThat(told).containsExactly("Dev bob", "Dev bob");
    }

    @Test
    void theKeyHolderPassesTheBansAndLimitItsHeirSetAndIsNotSilencedByThem() {
        String key = registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();
        core.disconnect(alice, LeaveReason.DISCONNECTED, "reset", false);
        Member<String> bob = core.member("bob").orElseThrow();
        core.roomBan(bob, "dev", "alice", null, "mine now");
        core.setRoomLimit(bob, "dev", 2);

        Member<String> back =
                core.connect("alice", null, ORIGIN, "alice", "dev", -1, key).member();

        assertThat(core.room("dev").owner()).isEqualTo("alice");
        assertThat(core.post(back, "dev", "I am back").text()).isEqualTo("I am back");
        core.roomUnban(back, "dev", "alice");
        Member<String> dave = h.connect("dave");
        assertThat(refusal(() -> core.join(dave, "dev", -1)).reason()).isEqualTo(Reason.ROOM_FULL);
    }

    @Test
    void withoutTheKeyTheOwnerIsKeptOutByTheRoomsBanAsAnyone() {
        registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();
        core.part(alice, "dev");
        core.roomBan(core.member("bob").orElseThrow(), "dev", "alice", null, "");

        assertThat(refusal(() -> core.join(alice, "dev", -1)).reason()).isEqualTo(Reason.ROOM_BANNED);
    }

    @Test
    void theAdministratorsRoomBanHoldsAgainstTheKeyHolder() {
        String key = registeredRoomOfThree();
        Member<String> alice = core.member("alice").orElseThrow();
        core.part(alice, "dev");
        Member<String> admin = h.admin("lobby");
        core.roomBan(admin, "dev", "alice", null, "");

        assertThat(refusal(() -> core.join(alice, "dev", -1, key)).reason()).isEqualTo(Reason.ROOM_BANNED);

        core.roomUnban(admin, "dev", "alice");
        core.join(alice, "dev", -1, key);
        core.roomBan(admin, "dev", "alice", null, "");
        assertThat(refusal(() -> core.post(alice, "dev", "still mine?")).reason())
                .as("silenced by the administrator's ban, key or not")
                .isEqualTo(Reason.ROOM_BANNED);
    }
}
