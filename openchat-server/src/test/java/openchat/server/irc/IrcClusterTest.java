package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import openchat.cluster.RedisServer;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IRC client on one cluster node and an OCP client on another share a room. */
class IrcClusterTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void anIrcClientOnOneNodeAndAnOcpClientOnAnotherChatInOneRoom() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient irc = IrcTestClient.registered(b.ircPort(), "철수")) {
            TestClient ocp = a.client();
            assertThat(ocp.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            irc.join("#study");
            assertThat(ocp.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("철수");

            ocp.sayIn("study", "안녕 하세요");
            irc.expect(":유저1!유저1@openchat PRIVMSG #study :안녕 하세요");
            irc.send("PRIVMSG #study :반가워요");
            OcpMessage heard = ocp.nextEvent(Methods.MESSAGE);
            assertThat(heard.header(HeaderNames.FROM)).contains("철수");
            assertThat(heard.bodyText()).isEqualTo("반가워요");

            irc.send("NAMES #study");
            assertThat(irc.expectNumeric("353")).contains("유저1").contains("철수");

            irc.send("PRIVMSG 유저1 :귓속말 from IRC on b");
            OcpMessage whisper = ocp.nextEvent(Methods.PRIVATE);
            assertThat(whisper.header(HeaderNames.FROM)).contains("철수");
            assertThat(whisper.bodyText()).isEqualTo("귓속말 from IRC on b");
            ocp.send(OcpMessage.request(Methods.PRIVATE, "/")
                    .header(HeaderNames.TO, "철수")
                    .body("답장 from a")
                    .build());
            irc.expect(":유저1!유저1@openchat PRIVMSG 철수 :답장 from a");
            irc.send("PRIVMSG nobody :?");
            irc.expectNumeric("401");
        }
    }

    @Test
    void eachNodeSpeaksUnderItsOwnServerNameAndAnotherNodesMemberHasThisNodesNameAsItsHost() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url())
                        .nodeId("a")
                        .serverName("a.example.org")
                        .networkName("ExampleNet"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url())
                        .nodeId("b")
                        .serverName("b.example.org")
                        .networkName("ExampleNet"));
                IrcTestClient onA = IrcTestClient.registered(a.ircPort(), "alice");
                IrcTestClient onB = IrcTestClient.registered(b.ircPort(), "bob")) {
            onA.join("#study");
            onB.join("#study");
            onA.expect("^:bob!bob@a\\.example\\.org JOIN #study$");

            onB.send("PRIVMSG #study :hi from b");
            String heard = onA.expect(" PRIVMSG #study :hi from b$");
            onA.send("WHOIS bob");
            String whois = onA.expectNumeric("312");

            assertThat(heard).isEqualTo(":bob!bob@a.example.org PRIVMSG #study :hi from b");
            assertThat(whois).startsWith(":a.example.org 312 alice bob a.example.org :");
            onB.send("WHOIS alice");
            assertThat(onB.expectNumeric("312")).startsWith(":b.example.org 312 bob alice b.example.org :");
        }
    }

    @Test
    void aChannelBanSetOnOneNodeIsSeenListedAndKeepsTheMemberOutOnAnother() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient owner = IrcTestClient.registered(a.ircPort(), "철수");
                IrcTestClient troll = IrcTestClient.registered(b.ircPort(), "트롤")) {
            owner.join("#study");
            troll.join("#study");
            owner.expect(" JOIN #study$");

            owner.send("MODE #study +b 트롤!*@*");
            assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");
            assertThat(troll.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");

            troll.send("PRIVMSG #study :아직 여기");
            assertThat(troll.expectNumeric("404")).isEqualTo(":openchat 404 트롤 #study :이 방에서 차단되어 말할 수 없습니다");
            troll.send("MODE #study b");
            assertThat(troll.expectNumeric("367")).startsWith(":openchat 367 트롤 #study 트롤!*@* 철수 ");
            assertThat(troll.expectNumeric("368")).isEqualTo(":openchat 368 트롤 #study :차단 목록 끝");
            owner.send("KICK #study 트롤 :잘 가");
            troll.expect(" KICK #study 트롤 ");
            troll.send("JOIN #study");
            assertThat(troll.expectNumeric("474")).isEqualTo(":openchat 474 트롤 #study :이 방에서 차단되어 들어갈 수 없습니다");
            a.console().awaitLine("[BAN] 트롤 → study 방 (철수)");
        }
    }

    @Test
    void isonUserhostAndMonitorFindMembersOfAnotherNodeWithTheirAwayAndAdministratorMarks() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient here = IrcTestClient.registered(a.ircPort(), "xn1");
                IrcTestClient there = IrcTestClient.registered(b.ircPort(), "xn2")) {
            there.send("AWAY :점심");
            there.expectNumeric("306");
            assertThat(b.client()
                            .connect("lobby", Names.ADMINISTRATOR, b.adminKeyText())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(b.client().connect("study", "Kim Min", null).statusCode())
                    .isEqualTo(200);

            here.send("ISON xn2 nobody 채팅관리자 XN1 kim_min");
            assertThat(here.nextLine())
                    .as("irssi's notify list asks ISON: members of another node online, as asked, as written")
                    .isEqualTo(":openchat 303 xn1 :xn2 채팅관리자 xn1 Kim_Min");
            here.send("USERHOST xn2 nobody 채팅관리자 kim_min");
            assertThat(here.nextLine())
                    .as("away (-) and the operator (*) on the other node")
                    .isEqualTo(":openchat 302 xn1 :xn2=-xn2@openchat 채팅관리자*=+채팅관리자@openchat"
                            + " Kim_Min=+Kim_Min@openchat");
            here.send("MONITOR + xn2,nobody,채팅관리자,kim_min");
            assertThat(here.sync())
                    .containsExactly(
                            ":openchat 730 xn1 :xn2!xn2@openchat,채팅관리자!채팅관리자@openchat,Kim_Min!Kim_Min@openchat",
                            ":openchat 731 xn1 :nobody");
            here.send("MONITOR S");
            assertThat(here.sync())
                    .containsExactly(
                            ":openchat 730 xn1 :xn2!xn2@openchat,채팅관리자!채팅관리자@openchat,Kim_Min!Kim_Min@openchat",
                            ":openchat 731 xn1 :nobody");
        }
    }

    /**
     * ISON (irssi asks it every minute or so for its notify list, often of 10–30 nicks), USERHOST and MONITOR's answers
     * read the names not connected to the asker's node in one Redis command, an MGET of their name keys, where they
     * read each name's holder, then its node's seats and each of its rooms, one round trip after another on the
     * asker's event loop. Counted in what Redis ran ({@link RedisServer#commandsDuring}): the commands that name an
     * asked name's key, the other node's seats or the seats of its members' rooms (the nodes' heartbeats and stream
     * reads name none of them; a room's own hash is left out, as a node's reader may read a room's name from it at any
     * time). A name connected to the asker's node is not asked at all.
     */
    @Test
    void isonUserhostAndMonitorAskRedisOnceForAllTheNamesNotConnectedHere() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient here = IrcTestClient.registered(a.ircPort(), "asker")) {
            assertThat(b.client().connect("study", "pr1", null).statusCode()).isEqualTo(200);
            assertThat(b.client().connect("study", "pr2", null).statusCode()).isEqualTo(200);
            TestClient inTwoRooms = b.client();
            assertThat(inTwoRooms.connect("lobby", "pr3", null).statusCode()).isEqualTo(200);
            assertThat(inTwoRooms.joinRoom("study").statusCode()).isEqualTo(200);
            List<String> others =
                    IntStream.rangeClosed(1, 19).mapToObj(i -> "pr" + i).toList();
            List<String> asked = new ArrayList<>(others);
            asked.add(5, "asker");
            Set<String> concerned = new HashSet<>();
            asked.forEach(name -> concerned.add("oc:name:" + Names.key(name)));
            concerned.addAll(List.of("oc:node:b:seats", "oc:room:study:members", "oc:room:lobby:members"));
            List<String> mget = new ArrayList<>(List.of("mget"));
            others.forEach(name -> mget.add("oc:name:" + name));

            List<List<String>> ison = redis.commandsDuring(() -> {
                here.send("ISON :" + String.join(" ", asked)); // as irssi sends it: one parameter
                assertThat(here.nextLine()).isEqualTo(":openchat 303 asker :pr1 pr2 pr3 asker");
            });
            List<List<String>> userhost = redis.commandsDuring(() -> {
                here.send("USERHOST pr1 nobody asker pr3 pr9");
                assertThat(here.nextLine())
                        .isEqualTo(":openchat 302 asker :pr1=+pr1@openchat asker=+asker@openchat pr3=+pr3@openchat");
            });
            List<List<String>> monitor = redis.commandsDuring(() -> {
                here.send("MONITOR + " + String.join(",", asked));
                assertThat(here.sync())
                        .containsExactly(
                                ":openchat 730 asker :pr1!pr1@openchat,pr2!pr2@openchat,pr3!pr3@openchat"
                                        + ",asker!asker@openchat",
                                ":openchat 731 asker :pr4,pr5,pr6,pr7,pr8,pr9,pr10,pr11,pr12,pr13,pr14,pr15,pr16,pr17"
                                        + ",pr18,pr19");
            });
            List<List<String>> status = redis.commandsDuring(() -> {
                here.send("MONITOR S");
                assertThat(here.sync()).hasSize(2);
            });
            List<List<String>> local = redis.commandsDuring(() -> {
                here.send("ISON asker ASKER");
                assertThat(here.nextLine()).isEqualTo(":openchat 303 asker :asker asker");
            });

            assertThat(naming(ison, concerned)).as("ISON of 20 names").containsExactly(mget);
            assertThat(naming(userhost, concerned))
                    .as("USERHOST of 5")
                    .containsExactly(List.of("mget", "oc:name:pr1", "oc:name:nobody", "oc:name:pr3", "oc:name:pr9"));
            assertThat(naming(monitor, concerned)).as("MONITOR + of 20 names").containsExactly(mget);
            assertThat(naming(status, concerned)).as("MONITOR S").containsExactly(mget);
            assertThat(naming(local, concerned)).as("names connected here only").isEmpty();
        }
    }

    /** The commands among {@code ran} that name any of {@code keys}. */
    private static List<List<String>> naming(List<List<String>> ran, Set<String> keys) {
        return ran.stream()
                .filter(words -> words.stream().anyMatch(keys::contains))
                .toList();
    }

    /** LUSERS, asked until its answer holds {@code line}: another node is counted as this node's heartbeats read it. */
    private static List<String> lusersOnceItSays(IrcTestClient client, String line) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(client::lusers, answer -> answer.contains(line));
    }

    /**
     * LUSERS counts the whole chat's members, on every node over every protocol, and its live nodes (251, 266), the
     * administrator connected to another node (252), and the asker's node's own (255, 265): with two members on each
     * of two nodes, as the trial had them, {@code 4명, 서버 2대} on both. A node that stops is counted no more, nor its
     * members, and the most at once stays.
     */
    @Test
    void lusersCountsTheMembersOfEveryNodeAndTheLiveNodes() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient onA = IrcTestClient.registered(a.ircPort(), "cmonA");
                IrcTestClient onB = IrcTestClient.registered(b.ircPort(), "cmonB")) {
            assertThat(a.client().connect("lobby", "웹A", null).statusCode()).isEqualTo(200);
            assertThat(b.client().connect("lobby", "웹B", null).statusCode()).isEqualTo(200);

            assertThat(lusersOnceItSays(onA, ":openchat 251 cmonA :접속한 사용자 4명, 서버 2대"))
                    .containsExactly(
                            ":openchat 251 cmonA :접속한 사용자 4명, 서버 2대",
                            ":openchat 252 cmonA 0 :(지금 접속해 있는 관리자 수)",
                            ":openchat 254 cmonA 1 :(지금 열려 있는 방의 수)",
                            ":openchat 255 cmonA :이 서버의 사용자 2명",
                            ":openchat 265 cmonA 2 2 :이 서버의 사용자 지금 2명, 가장 많았을 때 2명",
                            ":openchat 266 cmonA 4 4 :전체 사용자 지금 4명, 가장 많았을 때 4명");
            assertThat(lusersOnceItSays(onB, ":openchat 251 cmonB :접속한 사용자 4명, 서버 2대"))
                    .contains(":openchat 255 cmonB :이 서버의 사용자 2명");

            TestClient admin = b.client();
            assertThat(admin.connect("lobby", Names.ADMINISTRATOR, b.adminKeyText())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(lusersOnceItSays(onA, ":openchat 252 cmonA 1 :(지금 접속해 있는 관리자 수)"))
                    .contains(":openchat 251 cmonA :접속한 사용자 5명, 서버 2대");

            b.stop();
            assertThat(lusersOnceItSays(onA, ":openchat 251 cmonA :접속한 사용자 2명, 서버 1대"))
                    .contains(
                            ":openchat 252 cmonA 0 :(지금 접속해 있는 관리자 수)",
                            ":openchat 266 cmonA 2 5 :전체 사용자 지금 2명, 가장 많았을 때 5명");
        }
    }

    /**
     * LUSERS asks Redis nothing (the other nodes are counted at the heartbeats): a node whose Redis stalls (another
     * client's busy script) answers it whole at once, its event loop free, where a read would wait for the command
     * timeout and then leave the rooms out.
     */
    @Test
    void lusersIsAnsweredWholeAtOnceWhileRedisStalls() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = IrcTestClient.registered(a.ircPort(), "stalled")) {
            java.util.concurrent.CompletableFuture<Void> stall = redis.stall(Duration.ofSeconds(4));

            List<String> answer = irc.lusers();

            assertThat(stall).as("answered while Redis still stalls").isNotDone();
            assertThat(answer)
                    .filteredOn(line -> line.startsWith(":openchat 2"))
                    .extracting(line -> line.split(" ")[1])
                    .containsExactly("251", "252", "254", "255", "265", "266");
            stall.get();
        }
    }

    @Test
    void whoisFindsAMemberOfAnotherNodeWithItsChannelsRoleAndAwayMessage() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient irc = IrcTestClient.registered(b.ircPort(), "철수")) {
            TestClient ocp = a.client();
            assertThat(ocp.connect("study", "Kim Min", null).statusCode()).isEqualTo(200);
            assertThat(ocp.joinRoom("lobby").statusCode()).isEqualTo(200);
            assertThat(ocp.request(OcpMessage.request(Methods.AWAY, "/")
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("점심")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);

            irc.send("WHOIS kim_min");

            assertThat(irc.expectNumeric("311")).isEqualTo(":openchat 311 철수 Kim_Min Kim_Min openchat * :Kim Min");
            assertThat(irc.nextLine())
                    .as("its rooms (by name), the one it made with @, wherever it is connected")
                    .isEqualTo(":openchat 319 철수 Kim_Min :#lobby @#study");
            assertThat(irc.nextLine()).startsWith(":openchat 312 철수 Kim_Min openchat :");
            assertThat(irc.nextLine()).isEqualTo(":openchat 301 철수 Kim_Min :점심");
            assertThat(irc.nextLine()).as("the end names the nick as asked").startsWith(":openchat 318 철수 kim_min :");
            irc.send("WHO Kim_Min");
            assertThat(irc.expectNumeric("352"))
                    .as("found on the other node, away")
                    .isEqualTo(":openchat 352 철수 * Kim_Min openchat openchat Kim_Min G :0 Kim Min");
            irc.send("WHO #study");
            assertThat(irc.expectNumeric("352")).contains(" Kim_Min G@ :0 Kim Min");
            irc.send("WHO #study %tcuihsnfdlaor,1");
            assertThat(irc.expectNumeric("354"))
                    .as("WHOX alike; its idle time and address are its node's")
                    .isEqualTo(
                            ":openchat 354 철수 1 #study Kim_Min 255.255.255.255 openchat openchat Kim_Min G@ 0 0 0 n/a"
                                    + " :Kim Min");
            irc.join("#study");
            irc.send("WHO Kim_Min %cnf");
            assertThat(irc.expectNumeric("354"))
                    .as("a channel they share, the other node's member's room known by its key")
                    .isEqualTo(":openchat 354 철수 #study Kim_Min :G@");
            irc.send("WHOIS nobody");
            irc.expectNumeric("401");
        }
    }

    @Test
    void anInviteToAMemberOfAnotherNodeIsSeenByTheInvitersNodesMembersWithInviteNotify() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient inviter = IrcTestClient.registered(a.ircPort(), "철수");
                IrcTestClient watcher = IrcTestClient.connect(a.ircPort());
                IrcTestClient invited = IrcTestClient.registered(b.ircPort(), "영희")) {
            watcher.send("CAP REQ :invite-notify");
            watcher.send("CAP END");
            watcher.register("수지");
            inviter.join("#study");
            watcher.join("#study");
            inviter.expect("^:수지!수지@openchat JOIN #study$");

            inviter.send("INVITE 영희 #study");

            assertThat(inviter.expectNumeric("341")).isEqualTo(":openchat 341 철수 영희 :#study");
            assertThat(invited.expect(" INVITE ")).isEqualTo(":철수!철수@openchat INVITE 영희 :#study");
            assertThat(watcher.expect(" INVITE ")).isEqualTo(":철수!철수@openchat INVITE 영희 :#study");
        }
    }

    /** The cluster's history (Redis) keeps a NOTICE as one: a joiner on another node is replayed it as a NOTICE. */
    @Test
    void aNoticeToAChannelOnOneNodeIsReplayedAndReturnedByChathistoryAsANoticeOnAnother() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient bot = IrcTestClient.registered(b.ircPort(), "봇")) {
            TestClient ocp = a.client();
            assertThat(ocp.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            bot.join("#study");
            bot.send("NOTICE #study :build passed");
            bot.send("PRIVMSG #study :hello");
            assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                    .isEqualTo("build passed");
            assertThat(ocp.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("hello");

            try (IrcTestClient joiner = IrcTestClient.registered(a.ircPort(), "철수")) {
                joiner.join("#study");
                assertThat(joiner.sync())
                        .containsExactly(
                                ":openchat NOTICE #study :--- 이전 메세지 2개 ---",
                                ":봇!봇@openchat NOTICE #study :build passed",
                                ":봇!봇@openchat PRIVMSG #study :hello",
                                ":openchat NOTICE #study :--- 이전 메세지 끝 ---");

                joiner.send("CHATHISTORY LATEST #study * 10");
                assertThat(joiner.sync())
                        .containsExactly(
                                ":봇!봇@openchat NOTICE #study :build passed", ":봇!봇@openchat PRIVMSG #study :hello");
            }
        }
    }

    @Test
    void aNickChangeReachesTheOtherNodeAndARenameThereComesBackAsNick() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient irc = IrcTestClient.registered(b.ircPort(), "철수")) {
            TestClient ocp = a.client();
            assertThat(ocp.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            irc.join("#study");
            ocp.nextEvent(Methods.JOINED);

            irc.send("NICK 영희");

            irc.expect(":철수!철수@openchat NICK 영희");
            OcpMessage renamed = ocp.nextEvent(Methods.RENAMED);
            assertThat(renamed.header(HeaderNames.NAME)).contains("철수");
            assertThat(renamed.header(HeaderNames.NEW_NAME)).contains("영희");
            assertThat(ocp.request(OcpMessage.request(Methods.RENAME, "/")
                                    .header(HeaderNames.NAME, "민수")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            irc.expect(":유저1!유저1@openchat NICK 민수");
            irc.send("PRIVMSG #study :누구?");
            OcpMessage line = ocp.nextEvent(Methods.MESSAGE);
            assertThat(line.header(HeaderNames.FROM)).contains("영희");
        }
    }

    @Test
    void theMembersOfANodeStoppedByItsOperatorQuitSayingWhy() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient irc = IrcTestClient.registered(a.ircPort(), "철수")) {
            irc.join("#lobby");
            b.joined("victim2");
            irc.expect(":victim2!victim2@openchat JOIN #lobby");

            b.server().shutdown("SIGTERM"); // as the operator stops it
            b.awaitTerminated(Duration.ofSeconds(15));

            irc.expect("^:victim2!victim2@openchat QUIT :접속해 있던 서버 노드가 종료되었습니다$");
        }
    }

    @Test
    void aNodeWhoseRedisLostItsDataClosesIrcClientsSayingWhy() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = IrcTestClient.registered(a.ircPort(), "철수")) {
            irc.join("#lobby");

            redis.flushAll(); // as a Redis restarted without its data

            irc.expect("^ERROR :연결을 닫습니다: 클러스터가 이 서버의 접속 정보를 잃었습니다. 다시 연결해 주십시오.$");
            irc.awaitClosed();
        }
    }

    @Test
    void anIrcClientKilledByTheOperatorOfAnotherNodeGetsErrorKilledAndItsChannelsThereSeeQuitKilled() throws Exception {
        redis.flushAll();
        String admin = Names.ADMINISTRATOR;
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient operator = IrcTestClient.connect(a.ircPort());
                IrcTestClient witness = IrcTestClient.registered(a.ircPort(), "영희");
                IrcTestClient troll = IrcTestClient.registered(b.ircPort(), "트롤")) {
            operator.send("PASS " + a.adminKeyText());
            operator.register(admin);
            operator.expectNumeric("381");
            witness.join("#study");
            troll.join("#study");
            witness.expect("^:트롤!트롤@openchat JOIN #study$");

            operator.send("KILL 트롤 :도배");

            assertThat(operator.expect("^:openchat NOTICE " + admin + " :"))
                    .isEqualTo(":openchat NOTICE " + admin + " :*** 트롤님의 접속을 끊었습니다");
            assertThat(troll.expect("^ERROR ")).isEqualTo("ERROR :연결을 닫습니다: Killed (" + admin + " (도배))");
            troll.awaitClosed();
            assertThat(witness.expect(" QUIT ")).isEqualTo(":트롤!트롤@openchat QUIT :Killed (" + admin + " (도배))");

            operator.send("KILL 아무도 :bye");
            assertThat(operator.expectNumeric("401")).startsWith(":openchat 401 " + admin + " 아무도 :");
            witness.send("KILL " + admin);
            assertThat(witness.expectNumeric("481")).startsWith(":openchat 481 영희 :");
            // A name held by a node that died, before the sweep frees it: its alive key gone.
            assertThat(redis.integer("SETNX", "oc:name:ghost", "dead\tghost")).isEqualTo(1);
            operator.send("KILL ghost");
            assertThat(operator.expect(" FAIL KILL "))
                    .startsWith(":openchat FAIL KILL TEMPORARILY_UNAVAILABLE ghost :ghost님이 접속한 서버 노드가 응답하지 않아");
        }
    }

    @Test
    void aMemberOfAnotherNodeLeavingSeveralSharedChannelsIsOneQuit() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient watcher = IrcTestClient.registered(b.ircPort(), "영희");
                IrcTestClient quitter = IrcTestClient.registered(a.ircPort(), "철수")) {
            for (String room : new String[] {"#q1", "#q2", "#q3"}) {
                watcher.join(room);
                quitter.join(room);
                watcher.expect("^:철수!철수@openchat JOIN " + room + "$");
            }

            quitter.send("QUIT :다들 안녕");

            assertThat(watcher.expect(" QUIT ")).isEqualTo(":철수!철수@openchat QUIT :Quit: 다들 안녕");
            assertThat(watcher.sync()).as("one QUIT per client").noneMatch(line -> line.contains(" QUIT "));
        }
    }

    @Test
    void aChannelLimitSetOnOneNodeIsSeenOnAnotherShownIn324ThereAndRefusesAJoinThere() throws Exception {
        redis.flushAll();
        try (TestServer a =
                        TestServer.start(c -> c.cluster(redis.url()).nodeId("a").maxUsers(5));
                TestServer b =
                        TestServer.start(c -> c.cluster(redis.url()).nodeId("b").maxUsers(5));
                IrcTestClient owner = IrcTestClient.registered(a.ircPort(), "철수");
                IrcTestClient member = IrcTestClient.registered(b.ircPort(), "영희");
                IrcTestClient late = IrcTestClient.registered(b.ircPort(), "민수")) {
            owner.join("#study");
            member.join("#study");
            owner.expect(" JOIN #study$");

            owner.send("MODE #study +l 2");
            assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +l 2");
            assertThat(member.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +l 2");
            member.send("MODE #study");
            assertThat(member.expectNumeric("324")).isEqualTo(":openchat 324 영희 #study +lnt 2");
            late.send("JOIN #study");
            assertThat(late.expectNumeric("471")).isEqualTo(":openchat 471 민수 #study :방이 가득 찼습니다 (최대 2명)");
            a.console().awaitLineContaining("[LIMIT] study: 최대 2명 (철수)");

            owner.send("MODE #study -l");
            assertThat(member.expect(" MODE #study \\+l")).isEqualTo(":철수!철수@openchat MODE #study +l 5");
            member.send("MODE #study");
            assertThat(member.expectNumeric("324")).isEqualTo(":openchat 324 영희 #study +lnt 5");
            late.join("#study");
        }
    }

    @Test
    void theAdministratorRegisteringARoomOnAnotherNodeTellsItsIrcOwnerAloneHowToKeepIt() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient owner = IrcTestClient.registered(b.ircPort(), "철수");
                IrcTestClient member = IrcTestClient.registered(b.ircPort(), "영희")) {
            owner.join("#study");
            member.join("#study");
            owner.expect("^:영희!영희@openchat JOIN #study$");
            TestClient admin = a.client();
            assertThat(admin.connect("lobby", Names.ADMINISTRATOR, a.adminKeyText())
                            .statusCode())
                    .isEqualTo(200);

            assertThat(admin.request(OcpMessage.request(Methods.REGISTER, "/rooms/study")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);

            owner.expect(" NOTICE #study :\\*\\*\\* 채팅관리자님이 #study 방을 등록했습니다");
            assertThat(owner.nextLine())
                    .isEqualTo(":openchat NOTICE #study :*** 지금은 #study 방의 방장이지만, 방 열쇠를 입력하는 사람이 나타나면 방장"
                            + " 자리가 넘어갑니다. 방장으로 남으려면 관리자에게 열쇠를 받아 이렇게 입력하십시오: /msg ChanServ OP #study 방열쇠");
            member.expect(" NOTICE #study :\\*\\*\\* 채팅관리자님이 #study 방을 등록했습니다");
            assertThat(member.receivedLines()).noneMatch(line -> line.contains("지금은 #study 방의 방장이지만"));
        }
    }
}
