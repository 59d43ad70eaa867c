package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.config.StartRefusal;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes on one real {@code redis-server}, each a whole server on its own ports, with real OCP clients: rooms,
 * names, order, history, kicks, topics, private messages and the administrator's stop span the nodes.
 */
class ClusterTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final List<TestServer> nodes = new ArrayList<>();

    @BeforeEach
    void emptyStore() throws Exception {
        redis.flushAll();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (TestServer node : nodes) {
            if (!node.server().terminated().isDone()) {
                node.close();
            }
        }
    }

    private TestServer node(String id) {
        return node(id, c -> c);
    }

    /** A node with the tests' settings, then {@code more}. */
    private TestServer node(String id, UnaryOperator<ServerConfig.Builder> more) {
        return node(id, more, Clock.systemDefaultZone());
    }

    /** A node with the tests' settings, then {@code more}, reading the time from {@code clock}. */
    private TestServer node(String id, UnaryOperator<ServerConfig.Builder> more, Clock clock) {
        TestServer node = TestServer.start(
                c -> more.apply(c.cluster(redis.url())
                        .nodeId(id)
                        .maxUsers(20)
                        .maxConnectionsPerAddress(200)
                        .floodControl(FloodControl.OFF)),
                clock);
        nodes.add(node);
        return node;
    }

    @Test
    void aLineSaidOnOneNodeReachesTheRoomOnEveryNode() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        assertThat(alice.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("bob");

        alice.say("안녕 from a");
        OcpMessage heard = bob.nextEvent(Methods.MESSAGE);
        assertThat(heard.header(HeaderNames.FROM)).contains("alice");
        assertThat(heard.bodyText()).isEqualTo("안녕 from a");

        bob.say("hi from b");
        assertThat(alice.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("hi from b");
        a.console().awaitLineContaining("안녕 from a"); // the console of the node the line was said on
    }

    @Test
    void awayIsToldOnEveryNodeAndShownInWhoAndOnPrivateMessagesThere() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient amy = a.joined("amy");
        TestClient bob = b.joined("bob");
        assertThat(alice.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(bob.joinRoom("study").statusCode()).isEqualTo(200);
        TestClient elsewhere = b.client();
        assertThat(elsewhere.connect("garden", "carol", null).statusCode()).isEqualTo(200);

        OcpMessage answer = alice.request(away("점심"));
        assertThat(answer.statusCode()).isEqualTo(200);

        assertThat(nextAway(amy).header(HeaderNames.NAME)).contains("alice");
        OcpMessage told = nextAway(bob);
        assertThat(told.header(HeaderNames.NAME)).contains("alice");
        assertThat(told.bodyText()).isEqualTo("점심");
        assertThat(bob.request(OcpMessage.request(Methods.WHO, "/rooms/lobby").build())
                        .bodyText())
                .contains("alice\tmember\t점심\n");
        OcpMessage whispered = bob.request(OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.TO, "alice")
                .header(HeaderNames.REQUEST_ID, "w1")
                .body("언제 와요?")
                .build());
        assertThat(whispered.header(HeaderNames.AWAY)).contains("점심");

        alice.request(away(""));
        // bob shares two rooms with alice: one event each time, so the next is the return, not a copy.
        assertThat(nextAway(bob).bodyText()).isEmpty();
        assertThat(elsewhere
                        .request(OcpMessage.request(Methods.PING, "/").build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(elsewhere.drain()).noneMatch(m -> Methods.AWAY.equals(m.method()));

        // The away message goes with the name: whoever takes the name next is not away.
        alice.request(away("퇴근"));
        nextAway(bob);
        alice.request(OcpMessage.request(Methods.LEAVE, "/").build());
        bob.nextMatching(m -> m.method().equals(Methods.LEFT) && m.target().equals("/rooms/lobby"));
        TestClient again = b.joined("alice");
        assertThat(bob.request(OcpMessage.request(Methods.WHO, "/rooms/lobby").build())
                        .bodyText())
                .contains("alice\tmember\t\n");
        assertThat(again.request(OcpMessage.request(Methods.WHO, "/rooms/lobby").build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAwayMembersJoinOnOneNodeCarriesItsAwayMessageToTheOthersAlsoWhenDelayed() {
        TestServer a = node("a", c -> c.presenceLimit(2));
        TestServer b = node("b");
        TestClient carol = b.client();
        assertThat(carol.connect("garden", "carol", null).statusCode()).isEqualTo(200);
        TestClient alice = a.joined("alice");
        alice.request(away("점심"));

        assertThat(alice.joinRoom("garden").statusCode()).isEqualTo(200);
        OcpMessage joined = carol.nextMatching(m -> m.method().equals(Methods.JOINED));
        assertThat(joined.header(HeaderNames.NAME)).contains("alice");
        assertThat(joined.header(HeaderNames.AWAY)).contains("점심");

        // Past the presence limit (2) a join is announced with the member's first line: the away goes with it.
        TestClient amy = a.joined("amy");
        amy.request(away("회의"));
        assertThat(amy.joinRoom("garden").statusCode()).isEqualTo(200);
        amy.sayIn("garden", "안녕하세요");
        OcpMessage late = carol.nextMatching(m -> m.method().equals(Methods.JOINED));
        assertThat(late.header(HeaderNames.NAME)).contains("amy");
        assertThat(late.header(HeaderNames.AWAY)).contains("회의");
        assertThat(carol.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("안녕하세요");
    }

    private static OcpMessage away(String text) {
        return OcpMessage.request(Methods.AWAY, "/").body(text).build();
    }

    private static OcpMessage nextAway(TestClient client) {
        return client.nextMatching(m -> m.method().equals(Methods.AWAY));
    }

    @Test
    void everyMemberOnEveryNodeGetsEveryLineOnceInOneOrder() throws Exception {
        List<TestServer> three = List.of(node("a"), node("b"), node("c"));
        int perNode = 2;
        int linesEach = 100;
        List<TestClient> members = new ArrayList<>();
        for (int n = 0; n < three.size(); n++) {
            for (int i = 0; i < perNode; i++) {
                members.add(three.get(n).joined("m" + n + i));
            }
        }
        CyclicBarrier start = new CyclicBarrier(members.size());
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            TestClient member = members.get(m);
            int who = m;
            senders.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < linesEach; i++) {
                    member.say(who + ":" + i);
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        int expected = (members.size() - 1) * linesEach;
        List<List<Long>> orders = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            TestClient member = members.get(m);
            List<Long> seqs = new ArrayList<>();
            int[] nextFrom = new int[members.size()];
            while (seqs.size() < expected) {
                OcpMessage event = member.next();
                if (!event.method().equals(Methods.MESSAGE)) {
                    continue;
                }
                String[] parts = event.bodyText().split(":");
                int from = Integer.parseInt(parts[0]);
                assertThat(from).as("no member hears itself").isNotEqualTo(m);
                assertThat(Integer.parseInt(parts[1]))
                        .as("each sender's lines in order, once")
                        .isEqualTo(nextFrom[from]++);
                seqs.add(Long.parseLong(event.header(HeaderNames.SEQ).orElseThrow()));
            }
            assertThat(seqs).as("one increasing order").isSorted().doesNotHaveDuplicates();
            orders.add(seqs);
        }
        // Every pair of members saw the lines they both received in the same order: the Seq order.
        for (List<Long> order : orders) {
            assertThat(order).isSorted();
        }
    }

    @Test
    void aSecondNodeWithARunningNodesIdIsRefusedAndTheFirstKeepsItsMembers() {
        TestServer a = node("a");
        TestClient alice = a.joined("alice");
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> node("a"));
        assertThat(refused).hasMessageContaining("another node is running with the id a");
        assertThat(((StartRefusal) refused.getCause()).sentence().in(ServerText.in(Locale.KOREAN)))
                .as("said in Korean throughout")
                .contains("id 가 a 인 노드가 이미 실행 중입니다")
                .doesNotContain("another node");
        TestServer b = node("b");
        b.joined("bob");
        assertThat(alice.nextEvent(Methods.JOINED).header(HeaderNames.NAME))
                .as("alice is still in lobby")
                .contains("bob");
    }

    @Test
    void aNameIsTakenOnEveryNode() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        a.joined("유저1");
        OcpMessage refused = b.client().join("유저1", null);
        assertThat(refused.statusCode()).isEqualTo(409);

        for (int round = 0; round < 10; round++) {
            String name = "race" + round;
            TestClient onA = a.client();
            TestClient onB = b.client();
            CompletableFuture<OcpMessage> first = CompletableFuture.supplyAsync(() -> onA.join(name, null));
            CompletableFuture<OcpMessage> second = CompletableFuture.supplyAsync(() -> onB.join(name, null));
            List<Integer> statuses = List.of(
                    first.get(10, TimeUnit.SECONDS).statusCode(),
                    second.get(10, TimeUnit.SECONDS).statusCode());
            assertThat(statuses).as("racing joins of %s", name).containsExactlyInAnyOrder(200, 409);
        }
    }

    private static OcpMessage rename(TestClient client, String name) {
        return client.request(OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, name)
                .build());
    }

    @Test
    void aRenameOnOneNodeIsToldOnAnotherAndTheNewNameHoldsOnEveryNodeWithItsRoomsRoleAndAway() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient member = a.joined("유저1");
        assertThat(member.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(member.request(away("점심")).statusCode()).isEqualTo(200);
        TestClient other = b.joined("유저2");
        assertThat(other.joinRoom("study").statusCode()).isEqualTo(200);
        b.joined("유저3");

        OcpMessage taken = rename(member, "유저3");
        assertThat(taken.statusCode()).as("held on the other node").isEqualTo(409);

        OcpMessage renamed = rename(member, "유저9");

        assertThat(renamed.statusCode()).isEqualTo(200);
        OcpMessage told = other.nextMatching(m -> m.method().equals(Methods.RENAMED));
        assertThat(told.header(HeaderNames.NAME)).contains("유저1");
        assertThat(told.header(HeaderNames.NEW_NAME)).contains("유저9");
        a.console().awaitLine("[RENAME] 유저1 → 유저9");
        OcpMessage who = other.request(
                OcpMessage.request(Methods.WHO, Targets.room("study")).build());
        assertThat(who.bodyText().split("\n"))
                .as("its seat, its ownership and its away message moved with it")
                .contains("유저9\towner\t점심")
                .noneMatch(row -> row.startsWith("유저1\t"));
        assertThat(b.client().join("유저9", null).statusCode()).isEqualTo(409);
        assertThat(b.client().join("유저1", null).statusCode())
                .as("the old name is free")
                .isEqualTo(200);

        TestClient admin = b.joined(openchat.core.Names.ADMINISTRATOR);
        assertThat(admin.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                                .header(HeaderNames.NAME, "유저9")
                                .build())
                        .statusCode())
                .as("found by its new name from another node")
                .isEqualTo(200);
        OcpMessage kicked = member.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(kicked.header(HeaderNames.NAME)).contains("유저9");
        assertThat(kicked.header(HeaderNames.REASON)).contains("kicked");
    }

    @Test
    void aBanMadeOnOneNodePutsOutItsMemberOnAnotherHoldsOnEveryNodeAndIsLiftedOnAll() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient troll = b.joined("트롤");
        TestClient witness = b.joined("유저1");

        OcpMessage answer = admin.ban("트롤", "3600", "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.DISCONNECTED))
                .as("this node's members: none")
                .contains("0");
        assertThat(answer.header(HeaderNames.EXPIRES)).isPresent();
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.BANNED));
        assertThat(told.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(told.header(HeaderNames.EXPIRES)).isEqualTo(answer.header(HeaderNames.EXPIRES));
        assertThat(told.bodyText()).isEqualTo("도배");
        troll.awaitClosed();
        OcpMessage left = witness.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.REASON)).contains("banned");
        b.console().awaitLine("[BAN] 트롤 (관리자: 채팅관리자, 기간 1h) 도배");
        b.console().awaitLine("[LEAVE] 트롤 (차단됨)");
        a.console().awaitLine("[BAN] 트롤 (관리자: 채팅관리자, 기간 1h) 도배");

        for (TestServer node : List.of(a, b, node("c"))) {
            OcpMessage refused = node.client().join("트롤", null);
            assertThat(refused.statusCode())
                    .as("on every node, one started since too")
                    .isEqualTo(403);
            assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("banned");
            assertThat(refused.header(HeaderNames.RETRY_AFTER)).isPresent();
        }
        OcpMessage list = admin.request(OcpMessage.request(Methods.BANS, "/").build());
        assertThat(list.header(HeaderNames.BANS)).contains("1");
        assertThat(list.bodyText().split("\n")[1]).startsWith("트롤\tname\t채팅관리자\t");

        assertThat(admin.request(OcpMessage.request(Methods.UNBAN, "/")
                                .header(HeaderNames.TARGET, "트롤")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        b.console().awaitLine("[UNBAN] 트롤 (관리자: 채팅관리자)");
        assertThat(b.client().join("트롤", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNameIsFreeOnEveryNodeOnceItsMemberLeaves() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient first = a.joined("유저1");
        first.request(OcpMessage.request(Methods.LEAVE, Targets.room("lobby")).build());
        first.awaitClosed();
        assertThat(b.client().join("유저1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNameThatLooksLikeOneHeldOnAnotherNodeIsRefusedUntilItsMemberLeaves() {
        TestServer a = node("a");
        TestServer b = node("b");
        String cyrillicAlice = "\u0430\u04CF\u0456\u0441\u0435"; // аӏісе
        TestClient alice = a.joined("alice");

        OcpMessage refused = b.client().join(cyrillicAlice, null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("name-lookalike");
        assertThat(refused.header(HeaderNames.NAME))
                .as("the member it looks like, on node a")
                .contains("alice");
        TestClient bob = b.joined("bob");
        OcpMessage renamed = rename(bob, "a1ice");
        assertThat(renamed.statusCode()).as("a rename on another node too").isEqualTo(409);
        assertThat(renamed.header(HeaderNames.NAME)).contains("alice");
        assertThat(rename(alice, "Alice").statusCode())
                .as("its holder's own spelling")
                .isEqualTo(200);

        alice.request(OcpMessage.request(Methods.LEAVE, Targets.room("lobby")).build());
        alice.awaitClosed();

        assertThat(b.client().join(cyrillicAlice, null).statusCode())
                .as("freed with the name")
                .isEqualTo(200);
        assertThat(a.client().join("alice", null).header(HeaderNames.NAME)).contains(cyrillicAlice);
    }

    @Test
    void aJoinerOnAnotherNodeGetsTheRoomsHistoryThenLiveLinesWithNoGap() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        for (int i = 1; i <= 5; i++) {
            alice.say("line " + i);
        }
        alice.request(OcpMessage.request(Methods.PING, "/").build()); // answered after the lines: all are posted
        TestClient watcher = a.joined("watcher");
        List<OcpMessage> replayed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replayed.add(watcher.nextEvent(Methods.MESSAGE));
        }
        TestClient bob = b.joined("bob");
        List<String> bobsHistory = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OcpMessage line = bob.nextEvent(Methods.MESSAGE);
            assertThat(line.header(HeaderNames.HISTORY)).contains("true");
            bobsHistory.add(line.header(HeaderNames.SEQ).orElseThrow() + " " + line.bodyText());
        }
        assertThat(bobsHistory)
                .containsExactlyElementsOf(replayed.stream()
                        .map(m -> m.header(HeaderNames.SEQ).orElseThrow() + " " + m.bodyText())
                        .toList());
        alice.say("line 6");
        OcpMessage live = bob.nextEvent(Methods.MESSAGE);
        assertThat(live.bodyText()).isEqualTo("line 6");
        assertThat(live.header(HeaderNames.HISTORY)).isEmpty();
    }

    @Test
    void aCtcpQueryReachesTheRoomOnEveryNodeButIsNotStoredInTheClustersHistory() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        alice.say("\u0001VERSION\u0001");
        alice.say("\u0001ACTION waves\u0001");
        assertThat(bob.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("\u0001VERSION\u0001");
        assertThat(bob.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("\u0001ACTION waves\u0001");

        assertThat(redis.integer("XLEN", "oc:room:lobby:history")).isEqualTo(1);
        TestClient carol = b.client();
        assertThat(carol.join("carol", null).header(HeaderNames.HISTORY)).contains("1");
        assertThat(carol.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("\u0001ACTION waves\u0001");
    }

    @Test
    void linesOlderThanTheMaximumAgeAreReplayedByNoNodeAndLeaveRedis() throws Exception {
        UnaryOperator<ServerConfig.Builder> twoSeconds =
                c -> c.historyMaxAge(Duration.ofSeconds(2)).historyOnJoin(10);
        SteppedClock clock = new SteppedClock(); // both nodes' time: it stands still between the steps
        TestServer a = node("a", twoSeconds, clock);
        TestServer b = node("b", twoSeconds, clock);
        TestClient alice = a.joined("alice");
        alice.say("곧 지워질 말");
        alice.request(OcpMessage.request(Methods.PING, "/").build());
        TestClient bob = b.joined("bob");
        assertThat(bob.nextEvent(Methods.MESSAGE).bodyText()).as("stored first").isEqualTo("곧 지워질 말");
        assertThat(redis.integer("XLEN", "oc:room:lobby:history")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3));
        // A sweep every second deletes it from the history stream once two seconds old: awaited, not slept.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> redis.integer("XLEN", "oc:room:lobby:history") == 0);
        alice.say("새 말");
        assertThat(bob.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("새 말");

        TestClient carol = b.client();
        OcpMessage joined = carol.join("carol", null);
        assertThat(joined.header(HeaderNames.HISTORY)).contains("1");
        assertThat(carol.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("새 말");
        b.console().awaitLineContaining("2초 지난 것은 지움");
    }

    @Test
    void membersJoiningOnAnyNodeWhileOthersTalkGetHistoryThenLiveLinesWithNoGapAndNoDuplicate() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient talker = a.joined("talker");
        int lines = 400;
        CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < lines; i++) {
                talker.say(String.valueOf(i));
            }
            talker.request(OcpMessage.request(Methods.PING, Targets.SERVER).build()); // every line taken
        });
        List<TestClient> joiners = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
            joiners.add((j % 2 == 0 ? a : b).joined("joiner" + j));
        }
        talking.get(60, TimeUnit.SECONDS);
        for (TestClient joiner : joiners) {
            List<Integer> heard = new ArrayList<>();
            while (heard.isEmpty() || heard.get(heard.size() - 1) < lines - 1) {
                OcpMessage event = joiner.next();
                if (event.method().equals(Methods.MESSAGE)) {
                    heard.add(Integer.parseInt(event.bodyText()));
                }
            }
            for (int i = 1; i < heard.size(); i++) {
                assertThat(heard.get(i))
                        .as("history then live, no gap, no duplicate: %s", heard)
                        .isEqualTo(heard.get(i - 1) + 1);
            }
        }
    }

    @Test
    void theOwnerOnOneNodeKicksAMemberOnAnother() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.joined("owner");
        assertThat(owner.joinRoom("study").statusCode()).isEqualTo(200);
        TestClient guest = b.joined("guest");
        assertThat(guest.joinRoom("study").statusCode()).isEqualTo(200);
        owner.nextMatching(m -> m.method().equals(Methods.JOINED) && m.target().equals(Targets.room("study")));

        OcpMessage kicked = owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "guest")
                .body("규칙 위반")
                .build());
        assertThat(kicked.statusCode()).isEqualTo(200);

        OcpMessage told = guest.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.header(HeaderNames.REASON)).contains("kicked");
        assertThat(told.header(HeaderNames.BY)).contains("owner");
        // Each node's console: the kicked member's, and the kicker's.
        b.console().awaitLine("[KICK] guest ← study (owner) 규칙 위반");
        a.console().awaitLine("[KICK] guest ← study (owner) 규칙 위반");
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.LEFT)).header(HeaderNames.NAME))
                .contains("guest");
        // guest stays connected, in lobby: a kick takes it out of that room only
        guest.say("still here");
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("still here");
    }

    @Test
    void aMemberMayNotKickOnAnotherNodeNorAnOwnerTheAdministratorOnAnother() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient member = a.joined("member");
        b.joined("other");
        OcpMessage refused = member.request(OcpMessage.request(Methods.KICK, Targets.room("lobby"))
                .header(HeaderNames.NAME, "other")
                .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("not-moderator");

        TestClient owner = a.joined("owner");
        assertThat(owner.joinRoom("study").statusCode()).isEqualTo(200);
        TestClient admin = b.joined(Names.ADMINISTRATOR);
        assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);
        OcpMessage adminKick = owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, Names.ADMINISTRATOR)
                .build());
        assertThat(adminKick.statusCode()).isEqualTo(403);
        assertThat(adminKick.header(HeaderNames.ERROR_CODE)).contains("admin-not-kickable");
    }

    @Test
    void theAdministratorKicksFromLobbyAcrossNodes() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient target = b.joined("유저2");
        assertThat(admin.request(OcpMessage.request(Methods.KICK, Targets.room("lobby"))
                                .header(HeaderNames.NAME, "유저2")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        OcpMessage told = target.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.header(HeaderNames.REASON)).contains("kicked");
        assertThat(target.isOpen()).as("removed from the room, still connected").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.console().lines().stream()
                .anyMatch(line -> line.contains("유저2") && line.contains(Names.ADMINISTRATOR)));
    }

    @Test
    void aRoomsCapacityCountsMembersOnEveryNode() {
        TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a").maxUsers(2));
        nodes.add(a);
        TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b").maxUsers(2));
        nodes.add(b);
        a.joined("one");
        b.joined("two");
        OcpMessage full = a.client().join("three", null);
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.header(HeaderNames.MEMBERS)).contains("2");
        assertThat(full.header(HeaderNames.CAPACITY)).contains("2");
    }

    @Test
    void aTopicSetOnOneNodeIsToldAndReadOnAnother() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.joined("owner");
        owner.joinRoom("study");
        TestClient guest = b.joined("guest");
        guest.joinRoom("study");
        OcpMessage set = owner.request(OcpMessage.request(Methods.TOPIC, Targets.room("study"))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("시험 공부")
                .build());
        assertThat(set.statusCode()).isEqualTo(200);
        OcpMessage told = guest.nextMatching(m -> m.method().equals(Methods.TOPIC));
        assertThat(told.bodyText()).isEqualTo("시험 공부");
        OcpMessage read = guest.request(
                OcpMessage.request(Methods.TOPIC, Targets.room("study")).build());
        assertThat(read.bodyText()).isEqualTo("시험 공부");
        assertThat(read.header(HeaderNames.NAME)).contains("owner");
        assertThat(read.header(HeaderNames.DATE)).isEqualTo(told.header(HeaderNames.DATE));
    }

    @Test
    void theAdministratorSetsTheTopicOfARoomItIsNotInForItsMembersOnAnotherNode() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient owner = b.joined("owner");
        owner.joinRoom("study");

        OcpMessage set = admin.request(OcpMessage.request(Methods.TOPIC, Targets.room("study"))
                .body("공지")
                .build());
        OcpMessage nowhere = admin.request(OcpMessage.request(Methods.TOPIC, Targets.room("nowhere"))
                .body("공지")
                .build());

        assertThat(set.statusCode()).isEqualTo(200);
        OcpMessage told = owner.nextMatching(m -> m.method().equals(Methods.TOPIC));
        assertThat(told.bodyText()).isEqualTo("공지");
        assertThat(told.header(HeaderNames.NAME)).contains(Names.ADMINISTRATOR);
        assertThat(told.header(HeaderNames.SEQ)).isEqualTo(set.header(HeaderNames.SEQ));
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.header(HeaderNames.ERROR_CODE)).contains("no-such-room");
    }

    @Test
    void aRoomsTopicStaysWhenItEmptiesOnEveryNodeButItsOwnershipDoesNot() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.joined("owner");
        owner.joinRoom("study");
        assertThat(owner.request(OcpMessage.request(Methods.TOPIC, Targets.room("study"))
                                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                .body("시험 공부")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(owner.request(OcpMessage.request(Methods.PART, Targets.room("study"))
                                .build())
                        .statusCode())
                .isEqualTo(200);

        TestClient later = b.joined("later");
        OcpMessage joined = later.joinRoom("study");
        assertThat(joined.header(HeaderNames.TOPIC)).contains("시험 공부");
        assertThat(joined.header(HeaderNames.OWNER)).contains("later");
    }

    /** A node whose members may make {@code perAddress} rooms from one address, {@code perNetwork} from its /24. */
    private TestServer nodeMakingRooms(String id, int perAddress, int perNetwork) {
        return node(
                id,
                c -> c.core(openchat.core.CoreConfig.builder()
                        .roomCapacity(20)
                        .floodControl(FloodControl.OFF)
                        .maxRoomsPerAddress(perAddress)
                        .maxRoomsPerNetwork(perNetwork)
                        .build()));
    }

    @Test
    void roomsMadeFromOneAddressAreCappedAcrossEveryNodeUntilOneEmpties() {
        TestServer a = nodeMakingRooms("a", 2, 100);
        TestServer b = nodeMakingRooms("b", 2, 100);
        TestClient alice = a.joined("alice");
        assertThat(alice.joinRoom("one").statusCode()).isEqualTo(200);
        assertThat(alice.joinRoom("two").statusCode()).isEqualTo(200);
        TestClient bob = b.joined("bob"); // the same address (loopback), on another node

        OcpMessage third = bob.joinRoom("three");
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.header(HeaderNames.ERROR_CODE)).contains("too-many-rooms-from-address");
        assertThat(third.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(b.client().connect("three", "carol", null).statusCode())
                .as("a CONNECT that would make a room too")
                .isEqualTo(503);
        assertThat(bob.joinRoom("one").statusCode()).as("a room that exists").isEqualTo(200);
        TestClient admin = b.client();
        assertThat(admin.connect("admins", Names.ADMINISTRATOR, b.adminKeyText())
                        .statusCode())
                .as("the administrator's rooms count against no address")
                .isEqualTo(200);

        assertThat(alice.request(OcpMessage.request(Methods.PART, Targets.room("two"))
                                .build())
                        .statusCode())
                .isEqualTo(200); // "two" empties and is gone: one room to make again
        assertThat(bob.joinRoom("three").statusCode()).isEqualTo(200);
        assertThat(bob.joinRoom("four").statusCode()).isEqualTo(503);
    }

    @Test
    void roomsThatEndedWithoutLeavingTheirMakersSetDoNotCountAgainstIt() {
        TestServer a = nodeMakingRooms("a", 2, 100);
        // As a node of a version before the sets leaves them: naming rooms that no longer exist.
        io.lettuce.core.RedisClient redisClient = io.lettuce.core.RedisClient.create(redis.url());
        try (var connection = redisClient.connect()) {
            connection.sync().sadd("oc:made:127.0.0.1", "gone1", "gone2");
            connection.sync().sadd("oc:made:127.0.0.0/24", "gone1", "gone2");
        } finally {
            redisClient.shutdown();
        }
        TestClient alice = a.joined("alice");

        assertThat(alice.joinRoom("one").statusCode()).isEqualTo(200);
        assertThat(alice.joinRoom("two").statusCode()).isEqualTo(200);
        assertThat(alice.joinRoom("three").statusCode())
                .as("two made, two allowed")
                .isEqualTo(503);
    }

    @Test
    void roomsMadeFromOneNetworkAreCappedAcrossEveryNode() {
        TestServer a = nodeMakingRooms("a", 5, 2);
        TestServer b = nodeMakingRooms("b", 5, 2);
        TestClient alice = a.joined("alice");
        assertThat(alice.joinRoom("one").statusCode()).isEqualTo(200);
        TestClient bob = b.joined("bob");
        assertThat(bob.joinRoom("two").statusCode()).isEqualTo(200);

        OcpMessage third = bob.joinRoom("three");
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.header(HeaderNames.CAPACITY))
                .as("the network's allowance")
                .contains("2");
    }

    @Test
    void onlyTheTopicsOfTheLastRoomsThatEmptiedAreKeptInRedis() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        int kept = openchat.core.CoreConfig.EMPTIED_ROOM_TOPICS;
        TestClient admin = a.joined(Names.ADMINISTRATOR); // no room allowance
        for (int i = 0; i <= kept; i++) { // one room more than are kept
            String room = "r" + i;
            assertThat(admin.joinRoom(room).statusCode()).isEqualTo(200);
            assertThat(admin.request(OcpMessage.request(Methods.TOPIC, Targets.room(room))
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("topic " + i)
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(admin.request(OcpMessage.request(Methods.PART, Targets.room(room))
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
        }

        TestClient member = b.joined("bob");
        assertThat(member.joinRoom("r0").header(HeaderNames.TOPIC))
                .as("the room that emptied longest ago: its topic is forgotten")
                .isEmpty();
        assertThat(member.joinRoom("r1").header(HeaderNames.TOPIC)).contains("topic 1");
        assertThat(member.joinRoom("r" + kept).header(HeaderNames.TOPIC)).contains("topic " + kept);
        io.lettuce.core.RedisClient redisClient = io.lettuce.core.RedisClient.create(redis.url());
        try (var connection = redisClient.connect()) {
            assertThat(connection.sync().zcard("oc:emptied-topics"))
                    .as("r1 and r1000 exist again: out of the set")
                    .isEqualTo(kept - 2);
            assertThat(connection.sync().hget("oc:room:r0", "topic"))
                    .as("deleted from Redis")
                    .isNull();
        } finally {
            redisClient.shutdown();
        }
    }

    @Test
    void listAndWhoShowEveryNodesMembers() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        b.joined("bob");
        OcpMessage who = alice.request(
                OcpMessage.request(Methods.WHO, Targets.room("lobby")).build());
        assertThat(who.bodyText()).contains("alice").contains("bob");
        OcpMessage list =
                alice.request(OcpMessage.request(Methods.LIST, Targets.SERVER).build());
        assertThat(list.bodyText()).contains("lobby");
    }

    @Test
    void aPrivateMessageReachesAMemberOnAnotherNodeOnly() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        TestClient carol = b.joined("carol");
        OcpMessage sent = alice.request(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                .header(HeaderNames.REQUEST_ID, "1")
                .header(HeaderNames.TO, "BOB")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("비밀")
                .build());
        assertThat(sent.statusCode()).isEqualTo(200);
        OcpMessage got = bob.nextMatching(m -> m.method().equals(Methods.PRIVATE));
        assertThat(got.bodyText()).isEqualTo("비밀");
        assertThat(got.header(HeaderNames.FROM)).contains("alice");
        assertThat(carol.events()).noneMatch(m -> m.method().equals(Methods.PRIVATE));

        OcpMessage nobody = alice.request(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                .header(HeaderNames.REQUEST_ID, "2")
                .header(HeaderNames.TO, "nobody")
                .body("?")
                .build());
        assertThat(nobody.statusCode()).isEqualTo(404);
    }

    @Test
    void whoOfARoomThatDoesNotExistIs404AndTheConnectionStays() {
        TestServer a = node("a");
        TestClient alice = a.joined("alice");

        OcpMessage who = alice.request(
                OcpMessage.request(Methods.WHO, Targets.room("nosuch")).build());

        assertThat(who.statusCode()).isEqualTo(404);
        assertThat(who.header(HeaderNames.ERROR_CODE)).contains("no-such-room");
        assertThat(alice.request(
                                OcpMessage.request(Methods.PING, Targets.SERVER).build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anInvitationReachesAMemberOnAnotherNodeUnlessItIsInTheRoomAlready() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.client();
        alice.connect("study", "alice", null);
        TestClient bob = b.joined("bob");
        TestClient carol = b.client();
        carol.connect("study", "carol", null);

        OcpMessage sent = alice.request(OcpMessage.request(Methods.INVITE, Targets.room("study"))
                .header(HeaderNames.NAME, "BOB")
                .build());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.header(HeaderNames.NAME))
                .as("the name as bob writes it")
                .contains("bob");
        OcpMessage got = bob.nextEvent(Methods.INVITE);
        assertThat(got.target()).isEqualTo("/rooms/study");
        assertThat(got.header(HeaderNames.FROM)).contains("alice");

        OcpMessage already = alice.request(OcpMessage.request(Methods.INVITE, Targets.room("study"))
                .header(HeaderNames.NAME, "carol")
                .build());
        assertThat(already.statusCode()).isEqualTo(409);
        assertThat(already.header(HeaderNames.ERROR_CODE)).contains("invitee-in-room");
        OcpMessage nobody = alice.request(OcpMessage.request(Methods.INVITE, Targets.room("study"))
                .header(HeaderNames.NAME, "nobody")
                .build());
        assertThat(nobody.statusCode()).isEqualTo(404);
    }

    @Test
    void theAdministratorsStopStopsEveryNode() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestServer c = node("c");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient onB = b.joined("유저1");
        TestClient onC = c.joined("유저2");
        assertThat(admin.request(OcpMessage.request(Methods.SHUTDOWN, Targets.SERVER)
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(onB.nextMatching(m -> m.method().equals(Methods.SHUTDOWN))).isNotNull();
        assertThat(onC.nextMatching(m -> m.method().equals(Methods.SHUTDOWN))).isNotNull();
        for (TestServer node : List.of(a, b, c)) {
            node.awaitTerminated(Duration.ofSeconds(15));
        }
    }

    @Test
    void aNodeStoppedByItsOperatorAnnouncesItsMembersLeavingAndFreesTheirNames() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        b.joined("bob");
        alice.nextEvent(Methods.JOINED);
        b.close();
        OcpMessage left = alice.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.NAME)).contains("bob");
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(a.client().join("bob", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeStoppedByItsOperatorTellsItsOwnMembersToConnectAgainNotThatTheChatStopped() throws Exception {
        node("a");
        TestServer b = node("b");
        TestClient bob = b.joined("bob");

        b.close(); // SIGTERM's way: the other nodes go on

        OcpMessage told = bob.next();
        assertThat(told.method())
                .as("a notice, not SHUTDOWN, which a client takes for the whole chat stopping and exits 0")
                .isEqualTo(Methods.NOTICE);
        assertThat(told.bodyText()).isEqualTo("이 서버 노드가 멈춥니다. 다시 연결해 주십시오: 클러스터의 다른 노드는 그대로입니다");
        bob.awaitClosed();
        assertThat(bob.drain()).isEmpty();
    }

    @Test
    void aNodeStoppedByItsOperatorSaysWhyItsMembersLeftInItsLanguage() throws Exception {
        TestServer a = node("a");
        TestServer korean = node("b");
        TestServer english = node("c", c -> c.locale(Locale.ENGLISH));
        TestClient alice = a.joined("alice");
        korean.joined("bob");
        english.joined("carol");
        alice.nextEvent(Methods.JOINED);
        alice.nextEvent(Methods.JOINED);

        korean.close();
        english.close();

        OcpMessage bob = alice.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(bob.header(HeaderNames.NAME)).contains("bob");
        assertThat(bob.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(bob.bodyText()).isEqualTo("접속해 있던 서버 노드가 종료되었습니다");
        OcpMessage carol = alice.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(carol.header(HeaderNames.NAME)).contains("carol");
        assertThat(carol.bodyText()).isEqualTo("the server node it was connected to stopped");
    }

    @Test
    void aNodeWhoseRedisLostItsDataTellsItsMembersToConnectAgainAndGoesOn() throws Exception {
        TestServer a = node("a");
        TestClient alice = a.joined("alice");

        redis.flushAll(); // as a Redis restarted without its data

        OcpMessage told = alice.next();
        assertThat(told.method())
                .as("a notice, not the server's SHUTDOWN: the node goes on")
                .isEqualTo(Methods.NOTICE);
        assertThat(told.bodyText()).isEqualTo("클러스터가 이 서버의 접속 정보를 잃었습니다. 다시 연결해 주십시오.");
        alice.awaitClosed();
        assertThat(alice.drain()).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.integer("SISMEMBER", "oc:nodes", "a") == 1); // registered anew
        assertThat(a.client().join("alice", null).statusCode())
                .as("connecting again")
                .isEqualTo(200);
    }

    @Test
    void aClientCatchingUpAfterRedisLostItsDataIsReplayedTheLinesSaidSince() throws Exception {
        TestServer a = node("a");
        TestClient alice = a.joined("alice");
        OcpMessage sent = alice.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, "before")
                .body("잃어버릴 말")
                .build());
        long seen = Long.parseLong(sent.header(HeaderNames.SEQ).orElseThrow());
        alice.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.client().join("probe", null).statusCode() == 200);

        redis.flushAll(); // as a Redis restarted without its data: the lobby's numbers begin again
        await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.integer("SISMEMBER", "oc:nodes", "a") == 1); // registered anew
        TestClient bob = a.joined("bob");
        bob.say("그 뒤의 말");
        bob.request(OcpMessage.request(Methods.PING, "/").build());

        TestClient back = a.client();
        back.send(OcpMessage.request(Methods.CONNECT, "/rooms/lobby")
                .header(HeaderNames.NAME, "alice")
                .header(HeaderNames.HISTORY_AFTER, seen)
                .build());
        assertThat(back.nextAnswer().statusCode()).isEqualTo(200);
        assertThat(back.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("그 뒤의 말");
    }
}
