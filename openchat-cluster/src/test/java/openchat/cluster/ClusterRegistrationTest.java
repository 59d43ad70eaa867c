package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.ClusterChat;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.Fanout;
import openchat.core.FloodControl;
import openchat.core.JoinResult;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RegisteredRoom;
import openchat.core.RoomKey;
import openchat.core.RoomRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room registration on a cluster, on a real {@code redis-server}: two nodes' cores ({@link ClusterChat} on a {@link
 * RedisClusterLink} each) keep one room's key in Redis, and a key shown on either node makes its holder the owner, with
 * the single server's rules and refusals. A member's link is its name; what each member is handed is recorded.
 */
class ClusterRegistrationTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private static final String ADMIN_KEY = "the-administrators-key";
    private static final InetAddress ORIGIN = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Handed handed = new Handed();
    private final List<String> registrations = new ArrayList<>();
    private final List<String> wrongKeys = new ArrayList<>();
    private final List<ClusterChat<String>> nodes = new ArrayList<>();
    private RedisCommands<String, String> redis;
    private ClusterChat<String> a;
    private ClusterChat<String> b;

    @BeforeEach
    void start() {
        redis = fresh.redis();
        a = node("a");
        b = node("b");
    }

    @AfterEach
    void stop() {
        for (ClusterChat<String> node : nodes) {
            node.closeNode("test over", "");
        }
    }

    private ClusterChat<String> node(String id) {
        return node(id, Clock.systemUTC());
    }

    /** A node whose core reads the time from {@code clock} (its link, Redis's). */
    private ClusterChat<String> node(String id, Clock clock) {
        RedisClusterLink link =
                new RedisClusterLink(ClusterSettings.of(server.url(), id, 20, 100, 100), Clock.systemUTC());
        CoreListener listener = new CoreListener() {
            @Override
            public void roomRegistration(ChatEvent.RoomRegistration registration) {
                String what =
                        switch (registration.change()) {
                            case REGISTERED -> "registered ";
                            case REKEYED -> "rekeyed ";
                            case DROPPED -> "dropped ";
                        };
                synchronized (registrations) {
                    registrations.add(id + ": " + what + registration.room() + " by " + registration.by());
                }
            }

            @Override
            public void wrongRoomKey(String room, Member<?> member) {
                synchronized (wrongKeys) {
                    wrongKeys.add(id + ": " + room + " " + member.name());
                }
            }

            @Override
            public void registrationsFull(String room, Member<?> member, String network, int most) {
                synchronized (registrations) {
                    registrations.add(id + ": full " + room + " by " + member.name() + " from " + network + " " + most);
                }
            }

            @Override
            public void registrationLapsed(RegisteredRoom lapsed) {
                synchronized (registrations) {
                    registrations.add(id + ": lapsed " + lapsed.name() + " by " + lapsed.by());
                }
            }
        };
        ClusterChat<String> node = new ClusterChat<>(
                CoreConfig.builder().floodControl(FloodControl.OFF).build(),
                handed,
                listener,
                link,
                clock,
                ADMIN_KEY::equals,
                new ClusterChat.Texts("", "", "", "", sent -> "", sent -> ""),
                reason -> {});
        node.start();
        nodes.add(node);
        return node;
    }

    /** {@code name} connects to {@code node} into {@code study} without a key. */
    private static Member<String> in(ClusterChat<String> node, String name) {
        return node.connect(name, null, ORIGIN, name, "study", Chat.NO_REPLAY).member();
    }

    private static Member<String> admin(ClusterChat<String> node) {
        return node.connect(Names.ADMINISTRATOR, ADMIN_KEY, ORIGIN, "admin", null, Chat.NO_REPLAY)
                .member();
    }

    private static Refusal refused(Runnable call) {
        return catchThrowableOfType(Refusal.class, call::run);
    }

    private RoomRole roleIn(ClusterChat<String> node, String name) {
        return node.who("study").stream()
                .filter(m -> m.name().equals(name))
                .map(MemberView::role)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The chat lines (their text) and registration changes ({@code registered by NAME}...) {@code link} was handed, in
     * the order it was handed them.
     */
    private List<String> linesAndRegistrations(String link) {
        return handed.to(link, ChatEvent.class).stream()
                .map(event -> event instanceof ChatEvent.Message line
                        ? line.text()
                        : event instanceof ChatEvent.RoomRegistration r
                                ? r.change().name().toLowerCase(Locale.ROOT) + " by " + r.by()
                                : null)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Waits until {@code link} was handed the chat line {@code text}. */
    private void awaitLine(String link, String text) {
        await().atMost(WAIT).until(() -> linesAndRegistrations(link).contains(text));
    }

    /** The NewOwner events {@code link} was handed, waiting until there are {@code count}. */
    private List<ChatEvent.NewOwner> owners(String link, int count) {
        await().atMost(WAIT)
                .until(() -> handed.to(link, ChatEvent.NewOwner.class).size() >= count);
        return handed.to(link, ChatEvent.NewOwner.class);
    }

    @Test
    void theKeyHolderBackOnAnotherNodeTakesTheRoomFromItsHeirAndEveryNodeIsToldWhoItTookItFrom() {
        Member<String> owner = in(a, "owner");
        in(b, "heir");
        in(a, "onA");
        String key = a.registerRoom(owner, "study").key();
        a.part(owner, "study");
        await().atMost(WAIT).until(() -> roleIn(b, "heir") == RoomRole.OWNER);

        // Back as another name, on the other node: the key, not the name, proves the owner.
        JoinResult back = b.connect("returned", null, ORIGIN, "returned", "study", Chat.NO_REPLAY, key.toUpperCase())
                .joined();

        assertThat(back.role()).isEqualTo(RoomRole.OWNER);
        assertThat(back.room().owner()).isEqualTo("returned");
        for (String link : List.of("heir", "onA", "returned")) {
            ChatEvent.NewOwner told = owners(link, 1).get(0);
            assertThat(told.name()).as(link).isEqualTo("returned");
            assertThat(told.previous()).as(link).isEqualTo("heir");
        }
        assertThat(handed.to("returned", ChatEvent.NewOwner.class))
                .as("told once, as on a single server")
                .hasSize(1);
        assertThat(handed.to("heir", ChatEvent.NewOwner.class).get(0).seq())
                .as("one event, one Seq, on both nodes")
                .isEqualTo(handed.to("onA", ChatEvent.NewOwner.class).get(0).seq());
        assertThat(roleIn(a, "heir")).as("the heir stays, as a member").isEqualTo(RoomRole.MEMBER);
        assertThat(roleIn(a, "returned")).isEqualTo(RoomRole.OWNER);
        assertThat(registrations).containsExactly("a: registered study by owner");
    }

    @Test
    void theKeyHolderPassesTheBansAndLimitItsHeirSetAndIsNotSilencedByThem() {
        Member<String> owner = in(a, "owner");
        Member<String> heir = in(b, "heir");
        in(a, "onA");
        String key = a.registerRoom(owner, "study").key();
        a.part(owner, "study");
        await().atMost(WAIT).until(() -> roleIn(b, "heir") == RoomRole.OWNER);
        b.roomBan(heir, "study", "owner", null, "mine now");
        b.setRoomLimit(heir, "study", 2);
        assertThat(refused(() -> a.join(owner, "study", Chat.NO_REPLAY)).reason())
                .isEqualTo(Refusal.Reason.ROOM_BANNED);

        JoinResult back = a.join(owner, "study", Chat.NO_REPLAY, key);

        assertThat(back.role()).isEqualTo(RoomRole.OWNER);
        assertThat(a.post(owner, "study", "back in my room").text()).isEqualTo("back in my room");
        Member<String> late =
                b.connect("late", null, ORIGIN, "late", null, Chat.NO_REPLAY).member();
        assertThat(refused(() -> b.join(late, "study", Chat.NO_REPLAY)).reason())
                .as("the limit holds for everyone else")
                .isEqualTo(Refusal.Reason.ROOM_FULL);
    }

    @Test
    void theAdministratorsRoomBanHoldsAgainstTheKeyHolderOnEveryNode() {
        Member<String> owner = in(a, "owner");
        in(b, "heir");
        String key = a.registerRoom(owner, "study").key();
        a.part(owner, "study");
        Member<String> admin = admin(b);
        b.roomBan(admin, "study", "owner", null, "");

        assertThat(refused(() -> a.join(owner, "study", Chat.NO_REPLAY, key)).reason())
                .isEqualTo(Refusal.Reason.ROOM_BANNED);

        b.roomUnban(admin, "study", "owner");
        a.join(owner, "study", Chat.NO_REPLAY, key);
        b.roomBan(admin, "study", "owner", null, "");
        assertThat(refused(() -> a.post(owner, "study", "still mine?")).reason())
                .as("silenced by the administrator's ban, key or not")
                .isEqualTo(Refusal.Reason.ROOM_BANNED);
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsDone() {
        Member<String> owner = in(a, "owner");
        a.registerRoom(owner, "study");
        Member<String> joiner = b.connect("joiner", null, ORIGIN, "joiner", null, Chat.NO_REPLAY)
                .member();

        Refusal onConnect =
                refused(() -> b.connect("wrong", null, ORIGIN, "wrong", "study", Chat.NO_REPLAY, RoomKey.generate()));
        Refusal onJoin = refused(() -> b.join(joiner, "study", Chat.NO_REPLAY, "not-the-key"));
        Refusal unregistered = refused(() -> b.join(joiner, "other", Chat.NO_REPLAY, RoomKey.generate()));

        assertThat(onConnect.reason()).isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(onConnect.subject()).isEqualTo("study");
        assertThat(onJoin.reason()).isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(unregistered.reason())
                .as("a key for a room that is not registered")
                .isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(unregistered.roomRegistered())
                .as("said apart: the room has no key")
                .isFalse();
        assertThat(unregistered.subject()).isEqualTo("other");
        assertThat(onJoin.roomRegistered()).isTrue();
        assertThat(b.room("study").members()).as("no one joined").isEqualTo(1);
        assertThat(roleIn(a, "owner")).isEqualTo(RoomRole.OWNER);
        assertThat(joiner.isIn("study")).isFalse();
        assertThat(redis.sismember(RedisKeys.ROOMS, "other")).as("no room made").isFalse();
        assertThat(in(a, "wrong").name()).as("the name is free again").isEqualTo("wrong");
        assertThat(b.join(joiner, "study", Chat.NO_REPLAY).role())
                .as("joined without a key")
                .isEqualTo(RoomRole.MEMBER);
    }

    @Test
    void anHeirByPresenceMayNeitherRegisterAgainNorDropTheRegistrationUntilItShowsTheKey() {
        Member<String> owner = in(a, "owner");
        Member<String> heir = in(b, "heir");
        Member<String> member = in(b, "member");
        String key = a.registerRoom(owner, "study").key();
        Refusal notOwner = refused(() -> b.registerRoom(member, "study"));
        a.part(owner, "study");
        await().atMost(WAIT).until(() -> roleIn(b, "heir") == RoomRole.OWNER);

        Refusal again = refused(() -> b.registerRoom(heir, "study"));
        Refusal drop = refused(() -> b.unregisterRoom(heir, "study"));
        RoomRole claimed = b.claimRoom(heir, "study", " " + key + " ");
        String newKey = b.registerRoom(heir, "study").key();

        assertThat(notOwner.reason()).isEqualTo(Refusal.Reason.NOT_MODERATOR);
        assertThat(again.reason()).isEqualTo(Refusal.Reason.NOT_KEY_HOLDER);
        assertThat(again.subject()).isEqualTo("study");
        assertThat(drop.reason()).isEqualTo(Refusal.Reason.NOT_KEY_HOLDER);
        assertThat(claimed).isEqualTo(RoomRole.OWNER);
        assertThat(newKey).isNotEqualTo(key);
        Refusal oldKey = refused(() -> b.claimRoom(member, "study", key));
        assertThat(oldKey.reason()).as("a new key replaces the old").isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        b.unregisterRoom(heir, "study");
        assertThat(refused(() -> b.unregisterRoom(heir, "study")).reason()).isEqualTo(Refusal.Reason.NOT_REGISTERED);
        assertThat(redis.hlen(RedisKeys.ROOM_KEYS)).isZero();
    }

    @Test
    void aMemberShowingTheKeyInTheRoomTakesItAndTheAdministratorShowingItChangesNothing() {
        Member<String> owner = in(a, "owner");
        Member<String> member = in(b, "member");
        in(a, "onA");
        Member<String> admin = admin(b);
        b.join(admin, "study", Chat.NO_REPLAY);
        String key = a.registerRoom(owner, "study").key();

        Refusal wrong = refused(() -> b.claimRoom(member, "study", "nope"));
        Refusal blank = refused(() -> b.claimRoom(member, "study", " "));
        assertThat(b.claimRoom(admin, "study", key)).isEqualTo(RoomRole.ADMIN);
        assertThat(roleIn(b, "owner")).isEqualTo(RoomRole.OWNER);
        assertThat(b.claimRoom(member, "study", key)).isEqualTo(RoomRole.OWNER);

        assertThat(wrong.reason()).isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(blank.reason()).isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        for (String link : List.of("owner", "member", "onA", "admin")) {
            ChatEvent.NewOwner told = owners(link, 1).get(0);
            assertThat(told.name()).as(link).isEqualTo("member");
            assertThat(told.previous()).as(link).isEqualTo("owner");
        }
        assertThat(roleIn(a, "owner")).isEqualTo(RoomRole.MEMBER);
        assertThat(refused(() -> a.registerRoom(owner, "study")).reason())
                .as("the displaced owner no longer owns it")
                .isEqualTo(Refusal.Reason.NOT_MODERATOR);
        assertThat(b.claimRoom(member, "study", key))
                .as("shown again by its owner: nothing to tell")
                .isEqualTo(RoomRole.OWNER);
        assertThat(handed.to("onA", ChatEvent.NewOwner.class)).hasSize(1);
    }

    @Test
    void theRegistrationOutlivesTheRoomEmptyingAndItsKeyTakesTheRoomMadeAnew() {
        Member<String> owner = in(a, "owner");
        String key = a.registerRoom(owner, "study").key();
        a.disconnect(owner, LeaveReason.DISCONNECTED, "", false);
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));

        Member<String> first = in(b, "first");
        assertThat(roleIn(b, "first")).as("made anew: owned by presence").isEqualTo(RoomRole.OWNER);
        assertThat(refused(() -> b.registerRoom(first, "study")).reason())
                .as("registered still: its maker holds no key")
                .isEqualTo(Refusal.Reason.NOT_KEY_HOLDER);
        JoinResult back = a.connect("owner2", null, ORIGIN, "owner2", "study", Chat.NO_REPLAY, key)
                .joined();

        assertThat(back.role()).isEqualTo(RoomRole.OWNER);
        ChatEvent.NewOwner told = owners("first", 1).get(0);
        assertThat(told.name()).isEqualTo("owner2");
        assertThat(told.previous()).isEqualTo("first");
    }

    @Test
    void theAdministratorDropsTheRegistrationOfARoomThatEmptiedAndRegistersOneFromOutside() {
        Member<String> owner = in(a, "owner");
        Member<String> admin = admin(b);
        String key = b.registerRoom(admin, "study").key();
        assertThat(refused(() -> a.registerRoom(owner, "study")).reason())
                .as("after the administrator's registration, the owner holds no key")
                .isEqualTo(Refusal.Reason.NOT_KEY_HOLDER);
        assertThat(refused(() -> b.registerRoom(admin, "nowhere")).reason()).isEqualTo(Refusal.Reason.NO_SUCH_ROOM);
        assertThat(refused(() -> b.registerRoom(admin, "lobby")).reason()).isEqualTo(Refusal.Reason.LOBBY_UNOWNED);
        a.part(owner, "study");
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));

        b.unregisterRoom(admin, "study");

        assertThat(redis.hexists(RedisKeys.ROOM_KEYS, "study")).isFalse();
        assertThat(refused(() -> b.unregisterRoom(admin, "study")).reason()).isEqualTo(Refusal.Reason.NOT_REGISTERED);
        Refusal stale = refused(() -> a.join(owner, "study", Chat.NO_REPLAY, key));
        assertThat(stale.reason()).as("its key opens nothing").isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(registrations)
                .containsExactly(
                        "b: registered study by " + Names.ADMINISTRATOR, "b: dropped study by " + Names.ADMINISTRATOR);
    }

    @Test
    void ownershipPassedByPresenceHoldsNoKeyAndARenamedKeyHolderStillHoldsIt() {
        Member<String> owner = in(a, "owner");
        Member<String> heir = in(b, "heir");
        Member<String> admin = admin(a);
        a.registerRoom(owner, "study");

        a.rename(owner, "renamed");
        String again = a.registerRoom(owner, "study").key();
        a.kick(admin, "study", "renamed", "");
        await().atMost(WAIT).until(() -> roleIn(b, "heir") == RoomRole.OWNER);

        assertThat(again).hasSize(RoomKey.LENGTH);
        assertThat(refused(() -> b.registerRoom(heir, "study")).reason()).isEqualTo(Refusal.Reason.NOT_KEY_HOLDER);
        assertThat(refused(() -> a.unregisterRoom(owner, "study")).reason()).isEqualTo(Refusal.Reason.NOT_IN_ROOM);
        Member<String> lobbyMember = a.connect("lobbyist", null, ORIGIN, "lobbyist", "lobby", Chat.NO_REPLAY)
                .member();
        assertThat(refused(() -> a.registerRoom(lobbyMember, "lobby")).reason())
                .isEqualTo(Refusal.Reason.LOBBY_UNOWNED);
    }

    @Test
    void aNewRegistrationPastTheMostIsRefusedAndANewKeyForARegisteredRoomIsNot() {
        Member<String> owner = in(a, "owner");
        Member<String> other = a.connect("other", null, ORIGIN, "other", "second", Chat.NO_REPLAY)
                .member();
        RedisClusterLink link = startedLink();
        try {
            link.register("study", "study", owner, RoomKey.hash(RoomKey.generate()), 1, null, 1, OffsetDateTime.now());

            Refusal past = refused(() -> link.register(
                    "second", "second", other, RoomKey.hash(RoomKey.generate()), 1, null, 1, OffsetDateTime.now()));
            link.register("study", "study", owner, RoomKey.hash(RoomKey.generate()), 1, null, 1, OffsetDateTime.now());

            assertThat(past.reason()).isEqualTo(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS);
            assertThat(past.capacity()).isEqualTo(1);
            assertThat(redis.hkeys(RedisKeys.ROOM_KEYS)).containsExactly("study");
        } finally {
            link.close();
        }
    }

    @Test
    void oneNetworkRegistersAtMostItsShareOnTheWholeClusterAndANewKeyTakesNoSecondPlace() {
        Member<String> owner = in(a, "owner");
        Member<String> other = a.connect("other", null, ORIGIN, "other", "second", Chat.NO_REPLAY)
                .member();
        RedisClusterLink link = startedLink();
        try {
            link.register("study", "study", owner, RoomKey.hash(RoomKey.generate()), 10, "192.0.2.0/24", 1, now());

            Refusal past = refused(() -> link.register(
                    "second", "second", other, RoomKey.hash(RoomKey.generate()), 10, "192.0.2.0/24", 1, now()));
            link.register("study", "study", owner, RoomKey.hash(RoomKey.generate()), 10, "192.0.2.0/24", 1, now());
            link.register("second", "second", other, RoomKey.hash(RoomKey.generate()), 10, "198.51.100.0/24", 1, now());

            assertThat(past.reason()).isEqualTo(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS);
            assertThat(past.capacity()).isEqualTo(1);
            assertThat(link.registrations())
                    .extracting(RegisteredRoom::name, RegisteredRoom::by)
                    .containsExactly(tuple("second", "other"), tuple("study", "owner"));
        } finally {
            link.close();
        }
    }

    @Test
    void aRegistrationOnANodeCountsAgainstItsMembersNetworkAndTheAdministratorsAgainstNone() {
        Member<String> owner = in(a, "owner");
        a.registerRoom(owner, "study");

        assertThat(redis.hget(RedisKeys.ROOM_KEYS, "study")).endsWith("\t127.0.0.0/24");
        a.registerRoom(admin(a), "study");
        assertThat(redis.hget(RedisKeys.ROOM_KEYS, "study")).endsWith("\tstudy\t");
    }

    /** A link of its own to the cluster's Redis, started, which tells nothing. */
    private static RedisClusterLink startedLink() {
        RedisClusterLink link =
                new RedisClusterLink(ClusterSettings.of(server.url(), "c", 20, 100, 100), Clock.systemUTC());
        link.start(new NoEvents());
        return link;
    }

    @Test
    void aNetworkPastItsMostOnTheClusterIsRefusedAndTheNodesConsoleSaysWhichNetwork() {
        for (int i = 0; i < CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK; i++) {
            redis.hset(RedisKeys.ROOM_KEYS, "kept" + i, "x\tsomeone\t1000\tkept" + i + "\t127.0.0.0/24");
        }
        Member<String> owner = in(b, "owner");

        Refusal refused = refused(() -> b.registerRoom(owner, "study"));

        assertThat(refused.reason()).isEqualTo(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS);
        assertThat(refused.capacity()).isEqualTo(CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
        synchronized (registrations) {
            assertThat(registrations)
                    .containsExactly(
                            "b: full study by owner from 127.0.0.0/24 " + CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now();
    }

    @Test
    void everyMemberOnEveryNodeButTheOwnerIsToldOnceInTheRoomsOrderWhenItRegistersGivesANewKeyAndDrops() {
        Member<String> owner = in(a, "owner");
        in(b, "onB");
        in(a, "onA");
        a.post(owner, "study", "before");

        a.registerRoom(owner, "study");
        a.post(owner, "study", "between");
        assertThat(a.registerRoom(owner, "study").replaced()).isTrue();
        a.unregisterRoom(owner, "study");
        a.post(owner, "study", "after");

        for (String link : List.of("onA", "onB")) {
            awaitLine(link, "after");
            assertThat(linesAndRegistrations(link))
                    .as(link + ", whichever node it is on")
                    .containsExactly(
                            "before",
                            "registered by owner",
                            "between",
                            "rekeyed by owner",
                            "dropped by owner",
                            "after");
        }
        assertThat(handed.to("owner", ChatEvent.RoomRegistration.class))
                .as("the owner, who made them (its node handed onA the same events)")
                .isEmpty();
        assertThat(registrations)
                .as("said on the console of the node they were made on alone, as a limit is")
                .containsExactly(
                        "a: registered study by owner", "a: rekeyed study by owner", "a: dropped study by owner");
    }

    @Test
    void theAdministratorOnAnotherNodeGivingANewKeyAndDroppingItFromOutsideTellsEveryMemberPresent() {
        Member<String> owner = in(a, "owner");
        in(b, "onB");
        Member<String> poster = in(a, "poster");
        Member<String> admin = admin(b);
        a.registerRoom(owner, "study");

        b.registerRoom(admin, "study");
        b.unregisterRoom(admin, "study");
        a.post(poster, "study", "after");

        String rekeyed = "rekeyed by " + Names.ADMINISTRATOR;
        String dropped = "dropped by " + Names.ADMINISTRATOR;
        awaitLine("owner", "after");
        awaitLine("onB", "after");
        assertThat(linesAndRegistrations("owner")).containsExactly(rekeyed, dropped, "after");
        assertThat(linesAndRegistrations("onB")).containsExactly("registered by owner", rekeyed, dropped, "after");
        assertThat(registrations)
                .containsExactly(
                        "a: registered study by owner",
                        "b: rekeyed study by " + Names.ADMINISTRATOR,
                        "b: dropped study by " + Names.ADMINISTRATOR);
    }

    @Test
    void theAdministratorDroppingAnEmptiedRoomsRegistrationTellsNoOneButItsConsole() {
        Member<String> owner = in(a, "owner");
        Member<String> admin = admin(b);
        a.registerRoom(owner, "study");
        a.part(owner, "study");
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));
        String seq = redis.hget(RedisKeys.room("study"), "seq");

        b.unregisterRoom(admin, "study");

        assertThat(redis.hget(RedisKeys.room("study"), "seq"))
                .as("nothing streamed: the room has no member on any node")
                .isEqualTo(seq);
        assertThat(registrations)
                .containsExactly("a: registered study by owner", "b: dropped study by " + Names.ADMINISTRATOR);
    }

    @Test
    void everyNodeSaysWhetherTheRoomIsRegisteredAlsoOnceItEmptiedAndWasMadeAgain() {
        Member<String> owner = in(a, "owner");
        assertThat(registeredOn(a)).isFalse();
        assertThat(registeredOn(b)).isFalse();

        a.registerRoom(owner, "study");
        JoinResult joined = b.connect("joiner", null, ORIGIN, "joiner", "study", Chat.NO_REPLAY)
                .joined();
        assertThat(joined.room().registered()).as("a join's answer").isTrue();
        assertThat(registeredOn(a)).isTrue();
        assertThat(registeredOn(b)).isTrue();
        assertThat(a.room("lobby").registered()).isFalse();

        a.unregisterRoom(owner, "study");
        assertThat(registeredOn(a)).isFalse();
        assertThat(registeredOn(b)).isFalse();
        assertThat(in(a, "late").isIn("study")).isTrue();
        assertThat(registeredOn(a)).isFalse();

        a.registerRoom(owner, "study");
        for (String name : List.of("owner", "late")) {
            a.disconnect(a.member(name).orElseThrow(), LeaveReason.DISCONNECTED, "", false);
        }
        b.disconnect(b.member("joiner").orElseThrow(), LeaveReason.DISCONNECTED, "", false);
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));
        JoinResult madeAgain = b.connect("maker", null, ORIGIN, "maker", "study", Chat.NO_REPLAY)
                .joined();

        assertThat(madeAgain.room().registered())
                .as("the registration outlived the room")
                .isTrue();
        assertThat(registeredOn(a)).isTrue();
        assertThat(registeredOn(b)).isTrue();
    }

    /** Whether {@code node} says study is registered, in the room's view and in the list of rooms, which must agree. */
    private static boolean registeredOn(ClusterChat<String> node) {
        boolean inList = node.list().stream()
                .filter(r -> r.name().equals("study"))
                .findFirst()
                .orElseThrow()
                .registered();
        assertThat(node.room("study").registered())
                .as("the room's view and the list agree")
                .isEqualTo(inList);
        return inList;
    }

    @Test
    void theAdministratorListsEveryRegistrationFromEitherNodeByNameAnEmptiedRoomsToo() {
        Member<String> owner = a.connect("owner", null, ORIGIN, "owner", "Study", Chat.NO_REPLAY)
                .member();
        Member<String> other = b.connect("other", null, ORIGIN, "other", "alpha", Chat.NO_REPLAY)
                .member();
        long before = System.currentTimeMillis();
        a.registerRoom(owner, "Study");
        b.registerRoom(other, "alpha");
        long after = System.currentTimeMillis();
        a.disconnect(owner, LeaveReason.DISCONNECTED, "", false);
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));
        // Kept by a node of a version before the administrator's list: no name, which the room's hash keeps.
        redis.hset(RedisKeys.room("old"), "name", "Old");
        redis.hset(RedisKeys.ROOM_KEYS, "old", RoomKey.hash(RoomKey.generate()) + "\tsomeone\t1000");

        Member<String> onA = admin(a);
        List<RegisteredRoom> fromA = a.registeredRooms(onA);
        a.disconnect(onA, LeaveReason.DISCONNECTED, "", false);
        List<RegisteredRoom> fromB = b.registeredRooms(admin(b));

        assertThat(fromA).extracting(RegisteredRoom::name).containsExactly("alpha", "Old", "Study");
        assertThat(fromA).extracting(RegisteredRoom::by).containsExactly("other", "someone", "owner");
        assertThat(fromA.get(2).at().toEpochMilli()).isBetween(before, after);
        assertThat(fromA.get(1).at().toEpochMilli()).isEqualTo(1000);
        assertThat(fromB).as("the same from the other node").isEqualTo(fromA);
        assertThat(b.registeredRooms(other))
                .as("a member sees its own network's, on any node")
                .extracting(RegisteredRoom::name)
                .containsExactly("alpha", "Study");
    }

    @Test
    void aWrongKeyShownOnJoiningOrInTheRoomIsSaidOnceOnTheConsoleOfItsNodeNamingTheRoomAsWritten() {
        Member<String> owner = a.connect("owner", null, ORIGIN, "owner", "Study", Chat.NO_REPLAY)
                .member();
        String key = a.registerRoom(owner, "Study").key();
        Member<String> joiner = b.connect("joiner", null, ORIGIN, "joiner", null, Chat.NO_REPLAY)
                .member();

        refused(() -> b.join(joiner, "study", Chat.NO_REPLAY, "not-the-key"));
        refused(() -> b.connect("wrong", null, ORIGIN, "wrong", "study", Chat.NO_REPLAY, RoomKey.generate()));
        refused(() -> b.join(joiner, "elsewhere", Chat.NO_REPLAY, RoomKey.generate()));
        assertThat(wrongKeys)
                .as("on joining; a room with no key has none to guess")
                .containsExactly("b: Study joiner", "b: Study wrong");

        b.join(joiner, "study", Chat.NO_REPLAY);
        refused(() -> b.claimRoom(joiner, "study", "nope"));
        refused(() -> b.claimRoom(joiner, "study", " "));
        b.claimRoom(joiner, "study", key);
        a.join(owner, "other", Chat.NO_REPLAY, null);

        assertThat(wrongKeys)
                .as("in the room, checked by the store or blank; the right key and no key say nothing")
                .containsExactly("b: Study joiner", "b: Study wrong", "b: Study joiner", "b: Study joiner");
    }

    /** A {@link Fanout} that records what each member (its link, its name) is handed. Thread-safe. */
    private static final class Handed implements Fanout<String> {
        private final Map<String, List<ChatEvent>> byLink = new HashMap<>();

        @Override
        public synchronized void deliver(ChatEvent event, List<Member<String>> members, Member<String> except) {
            for (Member<String> member : members) {
                if (member != except) {
                    byLink.computeIfAbsent(member.link(), l -> new ArrayList<>())
                            .add(event);
                }
            }
        }

        @Override
        public synchronized void deliverTo(ChatEvent event, Member<String> member) {
            byLink.computeIfAbsent(member.link(), l -> new ArrayList<>()).add(event);
        }

        @Override
        public synchronized void deliverAndClose(ChatEvent event, Member<String> member) {
            deliverTo(event, member);
        }

        synchronized <T extends ChatEvent> List<T> to(String link, Class<T> type) {
            return byLink.getOrDefault(link, List.of()).stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }
    }

    @Test
    void aRegistrationWhoseKeyWentUnusedForTheLapseLapsesOnTheNodeThatSweptOnceItsRoomIsEmpty() {
        Member<String> owner = in(a, "owner");
        a.registerRoom(owner, "study");
        a.disconnect(owner, LeaveReason.DISCONNECTED, "", false);
        Member<String> keeper = a.connect("keeper", null, ORIGIN, "keeper", "busy", Chat.NO_REPLAY)
                .member();
        a.registerRoom(keeper, "busy"); // its owner holds the key and stays
        Member<String> maker = a.connect("maker", null, ORIGIN, "maker", "kept", Chat.NO_REPLAY)
                .member();
        a.registerRoom(maker, "kept");
        b.connect("guest", null, ORIGIN, "guest", "kept", Chat.NO_REPLAY);
        a.part(maker, "kept"); // guest owns it by presence, without the key
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));
        assertThat(a.lapseRegistrations()).as("used a moment ago").isEmpty();
        ClusterChat<String> later =
                node("c", Clock.offset(Clock.systemUTC(), CoreConfig.REGISTRATION_LAPSE.plusDays(1)));

        List<RegisteredRoom> lapsed = later.lapseRegistrations();

        assertThat(lapsed)
                .extracting(RegisteredRoom::name, RegisteredRoom::by)
                .containsExactly(tuple("study", "owner"));
        assertThat(redis.hexists(RedisKeys.ROOM_KEYS, "study")).isFalse();
        assertThat(redis.hkeys(RedisKeys.ROOM_KEYS)).containsExactlyInAnyOrder("busy", "kept");
        assertThat(redis.hexists(RedisKeys.ROOM_KEYS_USED, "busy"))
                .as("in use: its holder in it")
                .isTrue();
        assertThat(redis.hexists(RedisKeys.ROOM_KEYS_USED, "kept"))
                .as("in use: a member in it")
                .isTrue();
        assertThat(later.lapseRegistrations()).as("lapses once").isEmpty();
        synchronized (registrations) {
            assertThat(registrations)
                    .contains("c: lapsed study by owner")
                    .noneMatch(line -> line.startsWith("a: lapsed"));
        }
        Member<String> newcomer = in(b, "newcomer");
        assertThat(roleIn(b, "newcomer")).isEqualTo(RoomRole.OWNER);
        assertThat(b.registerRoom(newcomer, "study").replaced())
                .as("an ordinary room now")
                .isFalse();
    }

    @Test
    void aKeyShownOnAnyNodeIsItsLastUseAndTheAdministratorsListShowsIt() {
        Member<String> owner = in(a, "owner");
        String key = a.registerRoom(owner, "study").key();
        a.disconnect(owner, LeaveReason.DISCONNECTED, "", false);
        await().atMost(WAIT).until(() -> !redis.sismember(RedisKeys.ROOMS, "study"));
        Member<String> administrator = admin(a);
        RegisteredRoom before = a.registeredRooms(administrator).get(0);
        assertThat(before.used()).isEqualTo(before.at());

        Member<String> back = b.connect("owner2", null, ORIGIN, "owner2", "study", Chat.NO_REPLAY, key)
                .member();

        assertThat(redis.hexists(RedisKeys.ROOM_KEYS_USED, "study")).isTrue();
        RegisteredRoom after = a.registeredRooms(administrator).get(0);
        assertThat(after.used()).isAfterOrEqualTo(before.at());
        b.disconnect(back, LeaveReason.DISCONNECTED, "", false);
        Member<String> claimer = in(a, "claimer");
        redis.hdel(RedisKeys.ROOM_KEYS_USED, "study");
        a.claimRoom(claimer, "study", key);
        assertThat(redis.hexists(RedisKeys.ROOM_KEYS_USED, "study"))
                .as("the claim's")
                .isTrue();
    }
}
