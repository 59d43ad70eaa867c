package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours of the original chat, end to end over real connections (issue list a-h). */
class ChatServerTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void joinPrintsConnectOnTheConsoleAndTellsTheOthers() {
        TestClient first = server.joined("유저1");
        TestClient second = server.client();

        OcpMessage answer = second.join("유저2", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("유저2");
        assertThat(answer.header(HeaderNames.ROLE)).contains("member");
        assertThat(answer.header(HeaderNames.MEMBERS)).contains("2");
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("5");
        assertThat(answer.bodyText()).isEqualTo("유저2 접속 완료");
        OcpMessage joined = first.nextEvent(Methods.JOINED);
        assertThat(joined.header(HeaderNames.NAME)).contains("유저2");
        assertThat(joined.header(HeaderNames.MEMBERS)).contains("2");
        server.console().awaitLine("[CONNECT] 유저1");
        server.console().awaitLine("[CONNECT] 유저2");
    }

    @Test
    void withConsoleAddressesEachConnectLineSaysWhereTheMemberCameFromAndHow() throws Exception {
        try (TestServer addresses = TestServer.start(c -> c.consoleAddresses(true));
                openchat.server.irc.IrcTestClient irc =
                        openchat.server.irc.IrcTestClient.registered(addresses.ircPort(), "irc유저")) {
            addresses.joined("유저1");

            addresses.console().awaitLine("[CONNECT] 유저1 (127.0.0.1, ocp)");
            addresses.console().awaitLine("[CONNECT] irc유저 (127.0.0.1, irc)");
        }
        server.joined("유저1");
        server.console().awaitLine("[CONNECT] 유저1");
    }

    @Test
    void chatReachesEveryOtherMemberOnceInOrderWithSenderDateAndSeq() {
        TestClient sender = server.joined("유저1");
        TestClient second = server.joined("유저2");
        TestClient third = server.joined("유저3");
        sender.nextEvent(Methods.JOINED);
        sender.nextEvent(Methods.JOINED);
        second.nextEvent(Methods.JOINED);

        int burst = FloodControl.DEFAULT.burst();
        for (int i = 1; i <= burst; i++) {
            sender.say("안녕하세요 " + i);
        }

        for (TestClient receiver : new TestClient[] {second, third}) {
            long lastSeq = 0;
            for (int i = 1; i <= burst; i++) {
                OcpMessage message = receiver.nextEvent(Methods.MESSAGE);
                assertThat(message.bodyText()).isEqualTo("안녕하세요 " + i);
                assertThat(message.header(HeaderNames.FROM)).contains("유저1");
                long seq = Long.parseLong(message.header(HeaderNames.SEQ).orElseThrow());
                assertThat(seq).isGreaterThan(lastSeq);
                lastSeq = seq;
                OffsetDateTime date =
                        OffsetDateTime.parse(message.header(HeaderNames.DATE).orElseThrow());
                assertThat(message.header(HeaderNames.DATE).orElseThrow())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z)");
                assertThat(date).isBeforeOrEqualTo(OffsetDateTime.now());
            }
        }
        // A room delivers in Seq order: a later line arriving next proves nothing else came in between, and
        // that the sender got no copy of its own lines.
        third.say("끝");
        assertThat(second.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("끝");
        assertThat(sender.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("끝");
        second.say("끝2");
        assertThat(third.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("끝2");
    }

    @Test
    void chatLineIsPrintedOnTheConsoleWithTimeAndSender() {
        TestClient sender = server.joined("유저1");
        TestClient other = server.joined("유저2");

        sender.say("콘솔에 보여요");

        OcpMessage message = other.nextEvent(Methods.MESSAGE);
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(OffsetDateTime.parse(message.header(HeaderNames.DATE).orElseThrow())
                        .atZoneSameInstant(ZoneId.systemDefault()));
        server.console().awaitLine("[" + time + "] 유저1 : 콘솔에 보여요");
    }

    @Test
    void sendWithRequestIdIsAnsweredWithItsSeq() {
        TestClient sender = server.joined("유저1");
        TestClient other = server.joined("유저2");

        OcpMessage answer = sender.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, "42")
                .body("hi")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.REQUEST_ID)).contains("42");
        assertThat(answer.header(HeaderNames.SEQ))
                .isEqualTo(other.nextEvent(Methods.MESSAGE).header(HeaderNames.SEQ));
    }

    @Test
    void roomOfFiveRefusesTheSixthWith503AndClosesIt() {
        server.joined(Names.ADMINISTRATOR);
        for (int i = 2; i <= 5; i++) {
            server.joined("유저" + i);
        }
        TestClient sixth = server.client();

        OcpMessage answer = sixth.join("유저6", null);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.header(HeaderNames.MEMBERS)).contains("5");
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("5");
        assertThat(answer.bodyText()).isEqualTo("방이 가득 찼습니다 (5/5)");
        sixth.awaitClosed();
    }

    @Test
    void anyLeaveFreesASeat() {
        TestClient first = server.joined("유저1");
        for (int i = 2; i <= 5; i++) {
            server.joined("유저" + i);
        }
        first.send(OcpMessage.request(Methods.LEAVE, "/rooms/lobby").build());
        first.awaitClosed();

        assertThat(server.client().join("유저6", null).statusCode()).isEqualTo(200);
    }

    @Test
    void nameAlreadyInTheRoomGets409EvenInAnotherCase() {
        server.joined("Alice");
        TestClient again = server.client();

        OcpMessage answer = again.join("ALICE", null);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.bodyText()).isEqualTo("이미 사용 중인 이름입니다");
        again.awaitClosed();
    }

    @Test
    void administratorNameWithoutTheKeyGets403() {
        TestClient noKey = server.client();
        OcpMessage noKeyAnswer = noKey.join(Names.ADMINISTRATOR, null);
        assertThat(noKeyAnswer.statusCode()).isEqualTo(403);
        assertThat(noKeyAnswer.bodyText())
                .as("no key sent: the name needs one, which is no failed proof")
                .isEqualTo("채팅관리자 이름은 관리자 키가 필요합니다: Admin-Key 헤더에 관리자 키를 넣어 접속하십시오");
        noKey.awaitClosed();

        TestClient wrongKey = server.client();
        OcpMessage wrongKeyAnswer = wrongKey.join(Names.ADMINISTRATOR, "0".repeat(64));
        assertThat(wrongKeyAnswer.statusCode()).isEqualTo(403);
        assertThat(wrongKeyAnswer.bodyText()).isEqualTo("관리자 인증에 실패했습니다");
        wrongKey.awaitClosed();

        TestClient spaced = server.client();
        OcpMessage answer = spaced.join("채팅 관리자", null);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.bodyText()).startsWith("채팅관리자 이름은 관리자 키가 필요합니다");
    }

    @Test
    void administratorWithTheKeyJoinsAsAdmin() {
        TestClient admin = server.client();

        OcpMessage answer = admin.join(Names.ADMINISTRATOR, server.adminKeyText());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.ROLE)).contains("admin");
    }

    @Test
    void leaveIsAnnouncedToTheOthers() {
        TestClient leaver = server.joined("유저1");
        TestClient other = server.joined("유저2");

        OcpMessage answer =
                leaver.request(OcpMessage.request(Methods.LEAVE, "/rooms/lobby").build());

        assertThat(answer.statusCode()).isEqualTo(200);
        leaver.awaitClosed();
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("left");
        assertThat(left.header(HeaderNames.MEMBERS)).contains("1");
        server.console().awaitLine("[LEAVE] 유저1");
    }

    @Test
    void quietLeaveTellsNobodyButTheConsoleLogsIt() {
        TestClient leaver = server.joined("유저1");
        TestClient other = server.joined("유저2");

        OcpMessage answer = leaver.request(OcpMessage.request(Methods.LEAVE, "/rooms/lobby")
                .header(HeaderNames.QUIET, "true")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        leaver.awaitClosed();
        server.console().awaitLine("[LEAVE] 유저1 (조용히 나감)");
        // The console line is written under the room's lock after the removal: had a LEFT been sent, it
        // would already be queued before this next event.
        server.joined("유저3");
        assertThat(other.next().method()).isEqualTo(Methods.JOINED);
    }

    @Test
    void administratorKickRemovesTheMemberFromTheRoomAndTellsEveryone() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient target = server.joined("유저2");
        TestClient other = server.joined("유저3");
        admin.nextEvent(Methods.JOINED);
        admin.nextEvent(Methods.JOINED);

        OcpMessage answer = admin.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                .header(HeaderNames.NAME, "유저2")
                .header(HeaderNames.REQUEST_ID, "k1")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.REQUEST_ID)).contains("k1");
        OcpMessage toldTarget = target.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(toldTarget.header(HeaderNames.NAME)).contains("유저2");
        assertThat(toldTarget.header(HeaderNames.REASON)).contains("kicked");
        assertThat(toldTarget.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(target.isOpen()).as("removed from the room, still connected").isTrue();
        OcpMessage toldOther = other.nextEvent(Methods.LEFT);
        assertThat(toldOther.header(HeaderNames.REASON)).contains("kicked");
        assertThat(admin.nextEvent(Methods.LEFT).header(HeaderNames.NAME)).contains("유저2");
        assertThat(server.lobbyNames()).doesNotContain("유저2");
        server.console().awaitLine("[KICK] 유저2 (관리자: 채팅관리자)");
    }

    @Test
    void theStartLineSaysTheUserLimitIsPerRoom() {
        assertThat(server.console().awaitLineContaining("에서 대기 중입니다"))
                .isEqualTo("openchat 서버가 127.0.0.1:" + server.port() + " 에서 대기 중입니다 (방마다 최대 5명)");
    }

    @Test
    void theStartLinesSayTheHistoryAgeInWordsAndWarnWhenItIsUnderAnHour() throws Exception {
        try (TestServer month = TestServer.start(b -> b.historyMaxAge(Duration.ofDays(30)))) {
            assertThat(month.console().awaitLineContaining("대화 기록:")).endsWith("30일 지난 것은 지움)");
            assertThat(month.console().lines()).noneMatch(line -> line.contains("경고"));
        }
        try (TestServer minutes =
                TestServer.start(b -> b.historyMaxAge(Duration.ofMinutes(6)).locale(java.util.Locale.ENGLISH))) {
            assertThat(minutes.console().awaitLineContaining("History:")).endsWith("deleted after 6 minutes)");
            assertThat(minutes.console().awaitLineContaining("Warning"))
                    .isEqualTo("Warning: --history-max-age is under an hour: history older than 6 minutes is deleted"
                            + " (for months, write mo: 6mo)");
        }
        try (TestServer mixed =
                TestServer.start(b -> b.historyMaxAge(Duration.ofHours(36).plusSeconds(1)))) {
            assertThat(mixed.console().awaitLineContaining("대화 기록:")).endsWith("1일 12시간 1초 지난 것은 지움)");
        }
    }

    @Test
    void aFileDescriptorLimitBelowMaxConnectionsIsWarnedOfAtStartSayingHowToRaiseIt() throws Exception {
        java.util.OptionalLong limit = openchat.server.os.FileDescriptors.limit();
        org.junit.jupiter.api.Assumptions.assumeTrue(limit.isPresent(), "the JVM tells no descriptor limit here");
        int max = (int) Math.min(limit.getAsLong(), Integer.MAX_VALUE - 1000);
        if (limit.getAsLong() >= openchat.server.config.ServerConfig.DEFAULT_MAX_CONNECTIONS + 64) {
            assertThat(server.console().lines()).noneMatch(line -> line.contains("--max-connections"));
        }
        try (TestServer over = TestServer.start(b -> b.maxConnections(max))) {
            String free = "(\\d+)"; // what the test JVM's other files leave: it changes as other tests run
            assertThat(over.console().awaitLineContaining("--max-connections"))
                    .matches(java.util.regex.Pattern.quote("경고: 이 프로세스가 한 번에 열 수 있는 파일은 " + limit.getAsLong()
                                    + "개인데 접속 한도(--max-connections)는 " + max + "입니다: 접속이 ")
                            + free
                            + java.util.regex.Pattern.quote("개쯤 되면 새 접속을 받지 못합니다 (Too many open files). 파일 한도를 올리거나"
                                    + " (서버를 시작하는 셸에서 ulimit -n " + (max + 64) + ", systemd 유닛에서는 LimitNOFILE="
                                    + (max + 64) + ") 접속 한도(--max-connections)를 낮추십시오"));
        }
        try (TestServer english = TestServer.start(b -> b.maxConnections(max).locale(java.util.Locale.ENGLISH))) {
            assertThat(english.console().awaitLineContaining("--max-connections"))
                    .startsWith("Warning: this process may have " + limit.getAsLong() + " files open at once")
                    .contains("ulimit -n " + (max + 64))
                    .contains("LimitNOFILE=" + (max + 64));
        }
    }

    @Test
    void aDataDirectoryItsGroupOrOthersMayEnterIsWarnedOfAtStart(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.getFileStore(dir).supportsFileAttributeView("posix"));
        java.nio.file.Files.setPosixFilePermissions(
                dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(server.console().lines()).noneMatch(line -> line.contains("데이터 디렉터리"));
        try (TestServer open = TestServer.start(b -> b.dataDir(dir))) {
            open.console()
                    .awaitLine("경고: 데이터 디렉터리 " + dir + " 에 그룹이나 다른 사용자도 접근할 수 있습니다 (rwxr-xr-x): 모든 방의 대화 기록과"
                            + " 차단 목록이 들어 있으니 주인만 쓰게 하십시오 (chmod 700 " + dir + ")");
        }
        try (TestServer english = TestServer.start(b -> b.dataDir(dir).locale(java.util.Locale.ENGLISH))) {
            english.console()
                    .awaitLine("Warning: the data directory " + dir + " can be read or entered by its group or others"
                            + " (rwxr-xr-x): it holds every room's history and the bans; make it the owner's alone"
                            + " with chmod 700 " + dir);
        }
    }

    @Test
    void aNewlyCreatedAdministratorKeyIsAnnouncedAndAnExistingOneIsNamedAsBefore(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path mistyped = dir.resolve("etc/opnechat/admin.key");
        try (TestServer first = TestServer.start(b -> b.adminKeyFile(mistyped))) {
            first.console()
                    .awaitLine("관리자 키를 새로 만들었습니다: " + mistyped
                            + " (이 키로 관리자가 됩니다; 이미 키가 있었다면 --admin-key-file 경로를 확인하십시오)");
            assertThat(first.console().lines()).noneMatch(line -> line.startsWith("관리자 키 파일:"));
        }
        try (TestServer again = TestServer.start(b -> b.adminKeyFile(mistyped))) {
            again.console().awaitLine("관리자 키 파일: " + mistyped);
            assertThat(again.console().lines()).noneMatch(line -> line.contains("새로 만들었습니다"));
        }
        java.nio.file.Path other = dir.resolve("other/admin.key");
        try (TestServer english = TestServer.start(b -> b.adminKeyFile(other).locale(java.util.Locale.ENGLISH))) {
            english.console()
                    .awaitLine("Created a new administrator key: " + other + " (whoever holds it is the administrator;"
                            + " if you already had a key, check the --admin-key-file path)");
        }
    }

    @Test
    void theStartLinesWriteAnIpv6AddressInBrackets() throws Exception {
        try (TestServer v6 = TestServer.start(b -> b.host("::1"))) {
            assertThat(v6.console().awaitLineContaining("에서 대기 중입니다")).contains("[::1]:" + v6.port() + " ");
            assertThat(v6.console().awaitLineContaining("IRC 접속을")).contains("[::1]:" + v6.ircPort() + " ");
            assertThat(v6.console().awaitLineContaining("웹 페이지:"))
                    .isEqualTo("웹 페이지: http://[::1]:" + v6.httpPort() + "/");
        }
    }

    /**
     * The tests run as root, where a port under 1024 binds; the failure is the one the JDK (and Netty's epoll, in its
     * own words) throws for a user without the privilege.
     */
    @Test
    void aPortUnder1024RefusedForWantOfPrivilegeSaysHowToGetIt() {
        java.net.BindException jdk = new java.net.BindException("Permission denied");
        String said = ChatServer.cannotListen("http", null, 80, jdk).english();

        assertThat(said)
                .startsWith("cannot listen on HTTP *:80: Permission denied. Ports under 1024 need root or"
                        + " CAP_NET_BIND_SERVICE: give java the capability (sudo setcap 'cap_net_bind_service=+ep' /")
                .endsWith("/bin/java), or listen on a port over 1024 behind a proxy");
        assertThat(ChatServer.cannotListen(
                                "ocp",
                                "::1",
                                80,
                                new java.io.IOException("bind(..) failed with error(-13): Permission denied"))
                        .in(openchat.server.config.ServerText.in(java.util.Locale.KOREAN)))
                .startsWith("OCP [::1]:80 에서 대기할 수 없습니다: Permission denied. 1024 보다 낮은 포트에는 root 권한이나"
                        + " CAP_NET_BIND_SERVICE 가 필요합니다");
        assertThat(ChatServer.cannotListen(
                                "irc", "127.0.0.1", 194, new java.net.BindException("Address already in use"))
                        .english())
                .as("a port in use is in use, whatever its number")
                .isEqualTo("cannot listen on IRC 127.0.0.1:194: Address already in use");
    }

    @Test
    void theConsoleShowsAKicksReasonAfterItsLine() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        server.joined("유저2");

        assertThat(admin.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                                .header(HeaderNames.NAME, "유저2")
                                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                .body("도배 그만")
                                .build())
                        .statusCode())
                .isEqualTo(200);

        server.console().awaitLine("[KICK] 유저2 (관리자: 채팅관리자) 도배 그만");
    }

    @Test
    void kickOfANameNotInTheRoomGets404() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage answer = admin.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                .header(HeaderNames.NAME, "없는사람")
                .build());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyText()).isEqualTo("그런 사용자가 없습니다: 없는사람");
    }

    @Test
    void kickByANonAdministratorGets403AndNothingHappens() {
        TestClient member = server.joined("유저1");
        TestClient target = server.joined("유저2");
        member.nextEvent(Methods.JOINED);

        OcpMessage answer = member.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                .header(HeaderNames.NAME, "유저2")
                .build());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.bodyText()).isEqualTo("방장이나 관리자만 할 수 있습니다");
        assertThat(server.lobbyNames()).contains("유저2");
        target.say("still here");
        assertThat(member.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("still here");
    }

    @Test
    void shutdownByANonAdministratorGets403() {
        TestClient member = server.joined("유저1");

        OcpMessage answer =
                member.request(OcpMessage.request(Methods.SHUTDOWN, "/").build());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.bodyText()).isEqualTo("관리자만 사용할 수 있습니다");
        // Still serving: a request after the refusal is answered, and the member is still in the room.
        assertThat(member.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        assertThat(server.lobbyNames()).contains("유저1");
    }

    @Test
    void administratorShutdownTellsEveryoneClosesConnectionsAndStops() throws Exception {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient member = server.joined("유저1");
        TestClient notJoined = server.client();
        admin.nextEvent(Methods.JOINED);

        assertThat(admin.request(OcpMessage.request(Methods.SHUTDOWN, "/").build())
                        .statusCode())
                .isEqualTo(200);

        OcpMessage notice = member.nextEvent(Methods.SHUTDOWN);
        assertThat(notice.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(notice.header(HeaderNames.BY))
                .as("the administrator's order: an end, not a restart to wait out")
                .contains(Names.ADMINISTRATOR);
        assertThat(admin.nextEvent(Methods.SHUTDOWN).bodyText()).isEqualTo("서버가 종료되었습니다.");
        member.awaitClosed();
        admin.awaitClosed();
        notJoined.awaitClosed();
        server.awaitTerminated(Duration.ofSeconds(10));
        server.console().awaitLine("서버가 종료되었습니다.");
    }

    @Test
    void aServerStoppedByItsOperatorSaysSoByNoOneSoThatClientsMayComeBack() throws Exception {
        TestClient member = server.joined("유저1");

        server.server().shutdown("SIGTERM");

        OcpMessage notice = member.nextEvent(Methods.SHUTDOWN);
        assertThat(notice.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(notice.header(HeaderNames.BY)).isEmpty();
        assertThat(notice.header(HeaderNames.REASON)).isEmpty();
        member.awaitClosed();
        server.awaitTerminated(Duration.ofSeconds(10));
    }

    @Test
    void aServerListeningInClearBeyondThisMachineSaysTheKeyCrossesTheNetworkUnencrypted() {
        openchat.server.config.ServerConfig.Builder plain = openchat.server.config.ServerConfig.builder();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.build()))
                .as("every interface, no TLS")
                .isNotEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.host("0.0.0.0").build()))
                .isNotEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.host("192.0.2.2").build()))
                .isNotEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.host("127.0.0.1").build()))
                .isEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.host("::1").build()))
                .isEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(plain.host("localhost").build()))
                .isEmpty();
        openchat.server.config.ServerConfig.Builder tls =
                plain.host(null).tls(openchat.server.config.TlsSettings.selfSignedCertificate());
        assertThat(ChatServer.inClearBeyondThisMachine(tls.build()))
                .as("with TLS, the plain IRC port beside the IRC TLS port is still in clear")
                .containsExactly(openchat.server.config.Listener.IRC);
        assertThat(ChatServer.inClearBeyondThisMachine(
                        tls.hosts(openchat.server.config.Listener.IRC, java.util.List.of("127.0.0.1"))
                                .build()))
                .as("with TLS and the plain IRC port on loopback")
                .isEmpty();
        assertThat(ChatServer.inClearBeyondThisMachine(
                        tls.ircPort(openchat.server.config.ServerConfig.OFF).build()))
                .as("with TLS and the plain IRC port off")
                .isEmpty();
        assertThat(server.console().lines())
                .as("the test server listens on loopback")
                .noneMatch(line -> line.contains("TLS 없이"));
    }

    @Test
    void aMotdThatIsTheAdministratorKeyThroughALinkStopsTheStart(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keyFile = dir.resolve("admin.key");
        openchat.server.config.AdminKey key = openchat.server.config.AdminKey.loadOrCreate(keyFile);
        java.nio.file.Path motd = dir.resolve("motd.txt");
        java.nio.file.Files.createSymbolicLink(motd, keyFile);
        openchat.server.config.ServerConfig config = openchat.server.config.ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .adminKeyFile(keyFile)
                .dataDir(dir.resolve("data"))
                .motdFile(motd)
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ChatServer(config, key, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .isInstanceOf(openchat.server.config.StartRefusal.class)
                .hasMessage("the message of the day file " + motd + " is the secret file " + keyFile
                        + ": it would be shown to everyone");
    }
}
