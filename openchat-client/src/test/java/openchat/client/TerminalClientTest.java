package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import openchat.client.ScriptedServer.Events;
import openchat.client.ScriptedServer.Peer;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.Names;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal client through its standard input and output, against a {@link ScriptedServer} that shows
 * what the client sends and answers as the test says. One test per promised behaviour.
 */
class TerminalClientTest {
    private static final String KEY = "4f1c".repeat(16);

    private ScriptedServer server;
    private ClientRun client;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ClientConfig config(String name) {
        return new ClientConfig(name, "127.0.0.1", server.port(), null, Locale.KOREAN);
    }

    private ClientConfig english(String name) {
        return new ClientConfig(name, "127.0.0.1", server.port(), null, Locale.ENGLISH);
    }

    private Path keyFile(String content) throws IOException {
        return Files.writeString(dir.resolve("admin.key"), content);
    }

    /** Starts the client as {@code name}, lets it in and waits until it says so. */
    private Peer joinAs(String name) {
        client = ClientRun.start(config(name));
        Peer peer = server.welcome(name);
        client.awaitLine(name + " 접속 완료");
        return peer;
    }

    /** Types a line that must reach the server next: proof that nothing was sent in between. */
    private void assertNextSendIs(Peer peer, String marker) {
        client.type(marker);
        assertThat(peer.next(Methods.SEND).bodyText()).isEqualTo(marker);
    }

    @Nested
    class AdminKey {
        @Test
        void administratorSendsTheTrimmedKeyFromTheKeyFile() throws IOException {
            Path file = keyFile("  " + KEY + "\n\n");
            client = ClientRun.start(new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), file,
                    Locale.KOREAN));

            OcpMessage connect = server.accept().next(Methods.CONNECT);

            assertThat(connect.header(HeaderNames.ADMIN_KEY)).contains(KEY);
        }

        @Test
        void everySpellingOfTheAdministratorSendsTheKey() throws IOException {
            Path file = keyFile(KEY);
            client = ClientRun.start(new ClientConfig("채팅 관리자", "127.0.0.1", server.port(), file, Locale.KOREAN));

            OcpMessage connect = server.accept().next(Methods.CONNECT);

            assertThat(connect.header(HeaderNames.ADMIN_KEY)).contains(KEY);
        }

        @Test
        void memberSendsNoAdminKeyEvenWhenAKeyFileIsGiven() throws IOException {
            Path file = keyFile(KEY);
            client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), file, Locale.KOREAN));

            OcpMessage connect = server.accept().next(Methods.CONNECT);

            assertThat(connect.header(HeaderNames.NAME)).contains("유저1");
            assertThat(connect.headers().contains(HeaderNames.ADMIN_KEY)).isFalse();
        }

        @Test
        void unreadableKeyFileIsNamedAndExitsOneWithoutConnecting() {
            Path missing = dir.resolve("nowhere.key");
            client = ClientRun.start(new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), missing,
                    Locale.KOREAN));

            client.awaitLine("관리자 키 파일을 읽을 수 없습니다: " + missing);
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(server.connections()).isZero();
        }

        @Test
        void keyFileWithoutAKeyIsNamedAndExitsOne() throws IOException {
            Path empty = keyFile(" \n");
            client = ClientRun.start(new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), empty,
                    Locale.KOREAN));

            client.awaitLine("관리자 키 파일에 올바른 키가 없습니다: " + empty);
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(server.connections()).isZero();
        }
    }

    @Nested
    class Joining {
        @Test
        void invalidNameIsRefusedLocallyWithExitOne() {
            client = ClientRun.start(config("x".repeat(33)));

            client.awaitLine("사용할 수 없는 이름입니다: name is longer than 32 characters");
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(server.connections()).isZero();
        }

        @Test
        void unreachableServerIsReportedWithHostAndPortAndExitsOne() throws IOException {
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                closedPort = probe.getLocalPort();
            }
            client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", closedPort, null, Locale.KOREAN));

            client.awaitLine("서버에 연결할 수 없습니다 (127.0.0.1:" + closedPort + ")");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        @Test
        void joinSendsConnectToTheLobbyAndPrintsConnected() {
            client = ClientRun.start(config("유저1"));
            Peer peer = server.accept();

            OcpMessage connect = peer.next(Methods.CONNECT);
            assertThat(connect.target()).isEqualTo("/rooms/lobby");
            assertThat(connect.header(HeaderNames.NAME)).contains("유저1");
            assertThat(connect.header(HeaderNames.REQUEST_ID)).as("CONNECT carries a Request-Id").isPresent();
            peer.answer(connect, OcpMessage.response(Status.OK).header(HeaderNames.NAME, "유저1"));

            client.awaitLine("유저1 접속 완료");
            client.assertStillRunning();
        }

        @Test
        void nameInUseIsRefusedWithExitOne() {
            refuseJoin(OcpMessage.response(Status.CONFLICT).body("이미 있는 이름"));

            client.awaitLine("이미 사용 중인 이름입니다");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        @Test
        void fullRoomIsRefusedWithTheCountFromTheAnswer() {
            refuseJoin(OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                    .header(HeaderNames.MEMBERS, "5").header(HeaderNames.CAPACITY, "5"));

            client.awaitLine("방이 가득 찼습니다 (5/5)");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        @Test
        void wrongAdminKeyIsRefusedWithExitOne() throws IOException {
            client = ClientRun.start(new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(),
                    keyFile(KEY), Locale.KOREAN));
            Peer peer = server.accept();
            peer.answer(peer.next(Methods.CONNECT), Status.FORBIDDEN);
            peer.close();

            client.awaitLine("관리자 인증에 실패했습니다");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        @Test
        void otherRefusalShowsTheAnswerBody() {
            refuseJoin(OcpMessage.response(Status.BAD_REQUEST).body("invalid name"));

            client.awaitLine("접속이 거절되었습니다: invalid name");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        @Test
        void refusalSentBeforeTheConnectWasReadIsTheAnswerToTheJoin() {
            client = ClientRun.start(config("유저1"));
            Peer peer = server.accept();
            peer.next(Methods.CONNECT);
            // Too many connections: the server refuses without reading, so without our Request-Id.
            peer.send(OcpMessage.response(Status.SERVICE_UNAVAILABLE).body("too many connections").build());
            peer.close();

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).containsExactly("접속이 거절되었습니다: too many connections");
        }

        @Test
        void connectionClosedBeforeAnyAnswerSaysTheServerDidNotAnswer() {
            client = ClientRun.start(config("유저1"));
            Peer peer = server.accept();
            peer.next(Methods.CONNECT);
            peer.close();

            client.awaitLine("서버가 응답하지 않습니다");
            assertThat(client.awaitExit()).isEqualTo(1);
        }

        private void refuseJoin(OcpMessage.Builder refusal) {
            client = ClientRun.start(config("유저1"));
            Peer peer = server.accept();
            peer.answer(peer.next(Methods.CONNECT), refusal);
            peer.close();
        }
    }

    @Nested
    class Events_ {
        @Test
        void incomingMessageShowsTheDateInLocalTime() {
            client = ClientRun.start(config("유저1"), ZoneId.of("Asia/Seoul"));
            Peer peer = server.welcome("유저1");

            peer.send(Events.message("유저2", "2026-11-25T01:15:30.123Z", "안녕하세요"));

            client.awaitLine("[2026-11-25 10:15:30] 유저2 : 안녕하세요");
        }

        @Test
        void incomingMessageIsShownInTheJvmTimeZoneThroughThePublicEntryPoint() {
            Peer peer = joinAs("유저1");

            peer.send(Events.message("유저2", "2026-11-25T10:15:30.123+09:00", "안녕하세요"));

            String local = EventFormatterTest.localTime("2026-11-25T10:15:30.123+09:00", ZoneId.systemDefault());
            client.awaitLine("[" + local + "] 유저2 : 안녕하세요");
        }

        @Test
        void joinedIsAnnounced() {
            Peer peer = joinAs("유저1");

            peer.send(Events.joined("유저2"));

            client.awaitLine("유저2님이 입장하였습니다.");
        }

        @Test
        void leftIsAnnouncedForEachReason() {
            Peer peer = joinAs("유저4");

            peer.send(Events.left("유저1", "left"));
            peer.send(Events.left("유저2", "kicked"));
            peer.send(Events.left("유저3", "disconnected"));

            client.awaitLine("유저1님이 퇴장하였습니다.");
            client.awaitLine("유저2님이 강제 퇴장되었습니다.");
            client.awaitLine("유저3님의 연결이 끊어졌습니다.");
            client.assertStillRunning();
        }

        @Test
        void kickOfMeIsAnnouncedAndExitsOne() {
            Peer peer = joinAs("유저1");

            peer.send(Events.left("유저1", "kicked"));
            peer.close();

            client.awaitLine("관리자에 의해 강제 퇴장되었습니다.");
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).doesNotContain("서버와의 연결이 끊어졌습니다", "유저1님이 강제 퇴장되었습니다.");
        }

        @Test
        void serverShutdownIsAnnouncedAndExitsZero() {
            Peer peer = joinAs("유저1");

            peer.send(Events.shutdown());
            peer.close();

            client.awaitLine("서버가 종료되었습니다.");
            assertThat(client.awaitExit()).isZero();
            assertThat(client.lines()).doesNotContain("서버와의 연결이 끊어졌습니다");
        }

        @Test
        void serverPingIsAnsweredWithItsRequestId() {
            Peer peer = joinAs("유저1");

            peer.send(Events.ping("ping-7"));

            OcpMessage pong = peer.next();
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.header(HeaderNames.REQUEST_ID)).contains("ping-7");
        }

        @Test
        void serverPingWithoutRequestIdIsAnsweredOk() {
            Peer peer = joinAs("유저1");

            peer.send(Events.ping(null));

            OcpMessage pong = peer.next();
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.headers().contains(HeaderNames.REQUEST_ID)).isFalse();
            assertThat(client.lines()).containsExactly("유저1 접속 완료");
        }

        @Test
        void controlCharactersFromPeersCannotDriveTheTerminal() {
            Peer peer = joinAs("유저1");

            peer.send(Events.message("\u202E유저2", "\u001b[2J\u001b]0;pwned\u0007gotcha\r\n\u009b31m"));

            String line = client.awaitLineContaining("gotcha");
            assertThat(line).doesNotContain("\u001b", "\u0007", "\u009b", "\u202E", "\r")
                    .endsWith("\uFFFD유저2 : \uFFFD[2J\uFFFD]0;pwned\uFFFDgotcha  \uFFFD31m");
        }
    }

    @Nested
    class Chatting {
        @Test
        void typedLineIsSentAsPlainTextWithoutRequestId() {
            Peer peer = joinAs("유저1");

            client.type("안녕하세요 여러분");

            OcpMessage send = peer.next(Methods.SEND);
            assertThat(send.target()).isEqualTo("/rooms/lobby");
            assertThat(send.header(HeaderNames.CONTENT_TYPE)).contains("text/plain; charset=utf-8");
            assertThat(send.headers().contains(HeaderNames.REQUEST_ID)).as("a SEND has no Request-Id").isFalse();
            assertThat(send.bodyText()).isEqualTo("안녕하세요 여러분");
        }

        @Test
        void typedLineIsNotEchoed() {
            Peer peer = joinAs("유저1");

            assertNextSendIs(peer, "나만 아는 말");
            peer.send(Events.joined("유저2"));

            client.awaitLine("유저2님이 입장하였습니다.");
            assertThat(client.lines()).noneMatch(l -> l.contains("나만 아는 말"));
        }

        @Test
        void emptyLinesAreIgnored() {
            Peer peer = joinAs("유저1");

            client.type("");
            client.type("   ");

            assertNextSendIs(peer, "다음 줄");
        }

        @Test
        void lineOverTheLimitIsNotSent() {
            Peer peer = joinAs("유저1");

            client.type("가".repeat(1365) + "ab"); // 4097 UTF-8 bytes

            client.awaitLine("메세지가 너무 깁니다 (최대 4096바이트)");
            assertNextSendIs(peer, "짧은 줄");
        }

        @Test
        void lineOfExactlyTheLimitIsSent() {
            Peer peer = joinAs("유저1");

            assertNextSendIs(peer, "가".repeat(1365) + "a"); // 4096 UTF-8 bytes
        }

        @Test
        void refusedSendShowsTheReason() {
            Peer peer = joinAs("유저1");
            client.type("하나");
            OcpMessage send = peer.next(Methods.SEND);

            peer.answer(send, OcpMessage.response(Status.TOO_MANY_REQUESTS).header(HeaderNames.RETRY_AFTER, "2"));
            peer.answer(send, OcpMessage.response(Status.CONTENT_TOO_LARGE));
            peer.answer(send, OcpMessage.response(Status.BAD_REQUEST).body("empty message"));

            client.awaitLine("메세지를 너무 빨리 보내고 있습니다. 2초 후에 다시 보내세요");
            client.awaitLine("메세지가 너무 깁니다 (최대 4096바이트)");
            client.awaitLine("요청이 거절되었습니다: empty message");
            client.assertStillRunning();
        }
    }

    @Nested
    class Commands {
        @Test
        void quitSendsAnAnnouncedLeaveAndExitsZeroAfterTheAnswer() {
            Peer peer = joinAs("유저1");

            client.type("/종료");

            OcpMessage leave = peer.next(Methods.LEAVE);
            assertThat(leave.target()).isEqualTo("/rooms/lobby");
            assertThat(leave.headers().contains(HeaderNames.QUIET)).isFalse();
            assertThat(leave.header(HeaderNames.REQUEST_ID)).isPresent();
            client.assertStillRunning();
            peer.answer(leave, Status.OK);
            assertThat(client.awaitExit()).isZero();
            assertThat(client.lines()).doesNotContain("서버와의 연결이 끊어졌습니다");
        }

        @Test
        void quitExitsZeroWhenTheServerClosesInsteadOfAnswering() {
            Peer peer = joinAs("유저1");

            client.type("/quit");
            peer.next(Methods.LEAVE);
            peer.close();

            assertThat(client.awaitExit()).isZero();
            assertThat(client.lines()).doesNotContain("서버와의 연결이 끊어졌습니다");
        }

        @Test
        void quietQuitSendsLeaveWithQuietTrueAndExitsZero() {
            Peer peer = joinAs("유저1");

            client.type("/조용히나가기");

            OcpMessage leave = peer.next(Methods.LEAVE);
            assertThat(leave.header(HeaderNames.QUIET)).contains("true");
            peer.answer(leave, Status.OK);
            assertThat(client.awaitExit()).isZero();
        }

        @Test
        void quietQuitEnglishAliasIsQuietToo() {
            Peer peer = joinAs("유저1");

            client.type("/quiet-quit");

            assertThat(peer.next(Methods.LEAVE).header(HeaderNames.QUIET)).contains("true");
            peer.close();
            assertThat(client.awaitExit()).isZero();
        }

        @Test
        void kickSendsKickWithTheNameAndTheEventShowsTheResult() {
            Peer peer = joinAs(Names.ADMINISTRATOR);

            client.type("/kick 유저2");

            OcpMessage kick = peer.next(Methods.KICK);
            assertThat(kick.target()).isEqualTo("/rooms/lobby");
            assertThat(kick.header(HeaderNames.NAME)).contains("유저2");
            assertThat(kick.header(HeaderNames.REQUEST_ID)).isPresent();
            peer.send(Events.left("유저2", "kicked"));
            peer.answer(kick, Status.OK);
            client.awaitLine("유저2님이 강제 퇴장되었습니다.");
        }

        @Test
        void kickRefusedWithForbiddenSaysOnlyTheAdministratorCan() {
            Peer peer = joinAs("유저1");

            client.type("/kick 유저2");
            peer.answer(peer.next(Methods.KICK), OcpMessage.response(Status.FORBIDDEN).body("관리자만 사용할 수 있습니다"));

            client.awaitLine("관리자만 사용할 수 있습니다");
            client.assertStillRunning();
        }

        @Test
        void kickOfAnUnknownNameSaysThereIsNoSuchUser() {
            Peer peer = joinAs(Names.ADMINISTRATOR);

            client.type("/강퇴 없는사람");
            peer.answer(peer.next(Methods.KICK), Status.NOT_FOUND);

            client.awaitLine("그런 사용자가 없습니다: 없는사람");
        }

        @Test
        void kickWithoutANameShowsUsageAndSendsNothing() {
            Peer peer = joinAs(Names.ADMINISTRATOR);

            client.type("/kick");

            client.awaitLine("사용법: /kick NAME (/강퇴)");
            assertNextSendIs(peer, "다음 줄");
        }

        @Test
        void answerWithAnotherRequestIdIsNotTakenForTheKickAnswer() {
            Peer peer = joinAs(Names.ADMINISTRATOR);

            client.type("/kick 유저2");
            OcpMessage kick = peer.next(Methods.KICK);
            peer.send(OcpMessage.response(Status.NOT_FOUND).header(HeaderNames.REQUEST_ID, "not-" + kick.header(
                    HeaderNames.REQUEST_ID).orElseThrow()).body("stray").build());
            peer.answer(kick, Status.FORBIDDEN);

            client.awaitLine("관리자만 사용할 수 있습니다");
            assertThat(client.lines()).contains("요청이 거절되었습니다: stray").doesNotContain("그런 사용자가 없습니다: 유저2");
        }

        @Test
        void shutdownSendsShutdownToTheServerAndExitsZeroOnTheEvent() {
            Peer peer = joinAs(Names.ADMINISTRATOR);

            client.type("/서버종료");

            OcpMessage shutdown = peer.next(Methods.SHUTDOWN);
            assertThat(shutdown.target()).isEqualTo("/");
            assertThat(shutdown.header(HeaderNames.REQUEST_ID)).isPresent();
            peer.answer(shutdown, Status.OK);
            peer.send(Events.shutdown());
            peer.close();
            client.awaitLine("서버가 종료되었습니다.");
            assertThat(client.awaitExit()).isZero();
        }

        @Test
        void shutdownRefusedSaysOnlyTheAdministratorCan() {
            Peer peer = joinAs("유저1");

            client.type("/shutdown");
            peer.answer(peer.next(Methods.SHUTDOWN), Status.FORBIDDEN);

            client.awaitLine("관리자만 사용할 수 있습니다");
            client.assertStillRunning();
        }

        @Test
        void helpListsEveryCommandOfTheTable() {
            joinAs("유저1");

            client.type("/도움말");

            client.awaitLine("명령어 (영어 별칭도 됩니다):");
            client.awaitLine("  /종료 (/quit) - 채팅방을 나갑니다. 다른 사람들에게 알립니다");
            client.awaitLine("  /kick NAME (/강퇴) - 사용자를 내보냅니다 (관리자)");
            for (ChatCommand command : ChatCommand.ALL) {
                client.awaitLineContaining("  " + command.synopsis() + " - ");
            }
        }

        @Test
        void helpEnglishAliasShowsTheSameTable() {
            joinAs("유저1");

            client.type("/help");

            client.awaitLine("  /서버종료 (/shutdown) - 서버를 종료합니다 (관리자)");
        }

        @Test
        void unknownCommandShowsHelpAndIsNotSent() {
            Peer peer = joinAs("유저1");

            client.type("/춤추기 지금");

            client.awaitLine("알 수 없는 명령어입니다: /춤추기");
            client.awaitLineContaining("/도움말 (/help)");
            assertNextSendIs(peer, "다음 줄");
        }

        @Test
        void requestIdsAreDistinctPerRequest() {
            Peer peer = joinAs(Names.ADMINISTRATOR);
            client.type("/kick 유저2");
            OcpMessage first = peer.next(Methods.KICK);
            peer.answer(first, Status.NOT_FOUND);
            client.awaitLine("그런 사용자가 없습니다: 유저2");

            client.type("/kick 유저3");
            OcpMessage second = peer.next(Methods.KICK);

            assertThat(second.header(HeaderNames.REQUEST_ID)).isNotEqualTo(first.header(HeaderNames.REQUEST_ID));
        }
    }

    @Nested
    class LostConnection {
        @Test
        void serverGoneUnexpectedlyIsReported() {
            Peer peer = joinAs("유저1");

            peer.close();

            client.awaitLine("서버와의 연결이 끊어졌습니다");
            client.assertStillRunning();
        }

        @Test
        void chatLineAfterTheConnectionIsLostCannotBeSent() {
            Peer peer = joinAs("유저1");
            peer.close();
            client.awaitLine("서버와의 연결이 끊어졌습니다");

            client.type("여보세요?");

            client.awaitLine("메세지를 보낼수 없습니다. 다시 연결해주십시오");
            client.assertStillRunning();
            assertThat(server.connections()).isEqualTo(1);
        }

        @Test
        void reconnectJoinsAgainWithTheSameName() {
            Peer first = joinAs("유저1");
            first.close();
            client.awaitLine("서버와의 연결이 끊어졌습니다");

            client.type("/재접속");
            Peer second = server.welcome("유저1");

            client.awaitCount("유저1 접속 완료", 2);
            assertNextSendIs(second, "다시 왔어요");
        }

        @Test
        void reconnectEnglishAliasWorksToo() {
            Peer first = joinAs("유저1");
            first.close();
            client.awaitLine("서버와의 연결이 끊어졌습니다");

            client.type("/reconnect");
            server.welcome("유저1");

            client.awaitCount("유저1 접속 완료", 2);
        }

        @Test
        void reconnectWhileConnectedSaysAlreadyConnected() {
            Peer peer = joinAs("유저1");

            client.type("/재접속");

            client.awaitLine("이미 연결되어 있습니다");
            assertNextSendIs(peer, "그대로");
            assertThat(server.connections()).isEqualTo(1);
        }

        @Test
        void reconnectToAServerThatIsGoneSaysSoAndKeepsRunning() {
            Peer peer = joinAs("유저1");
            int port = server.port();
            server.close();
            peer.awaitClosed();
            client.awaitLine("서버와의 연결이 끊어졌습니다");

            client.type("/재접속");

            client.awaitLine("서버에 연결할 수 없습니다 (127.0.0.1:" + port + ")");
            client.assertStillRunning();
            client.endInput();
            assertThat(client.awaitExit()).isZero();
        }

        @Test
        void endOfInputAfterTheConnectionIsLostExitsZero() {
            Peer peer = joinAs("유저1");
            peer.close();
            client.awaitLine("서버와의 연결이 끊어졌습니다");

            client.endInput();

            assertThat(client.awaitExit()).isZero();
        }

        @Test
        void endOfInputWhileConnectedLeavesAnnouncedAndExitsZero() {
            Peer peer = joinAs("유저1");

            client.endInput();

            OcpMessage leave = peer.next(Methods.LEAVE);
            assertThat(leave.headers().contains(HeaderNames.QUIET)).isFalse();
            peer.answer(leave, Status.OK);
            assertThat(client.awaitExit()).isZero();
        }
    }

    @Nested
    class English {
        @Test
        void englishConnectedAndFullRoom() {
            client = ClientRun.start(english("유저1"));
            server.welcome("유저1");
            client.awaitLine("Connected as 유저1");

            ClientRun second = ClientRun.start(english("유저6"));
            Peer refused = server.accept();
            refused.answer(refused.next(Methods.CONNECT), OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                    .header(HeaderNames.MEMBERS, "5").header(HeaderNames.CAPACITY, "5"));
            refused.close();
            second.awaitLine("The room is full (5/5)");
            assertThat(second.awaitExit()).isEqualTo(1);
        }

        @Test
        void englishLostConnectionAndCannotSend() {
            client = ClientRun.start(english("Alice"));
            Peer peer = server.welcome("Alice");
            client.awaitLine("Connected as Alice");

            peer.send(Events.message("Bob", "hi"));
            peer.close();
            client.awaitLine("The connection to the server was lost");
            client.type("hello?");

            client.awaitLine("Cannot send the message. Please reconnect.");
            client.awaitLineContaining("Bob : hi");
        }
    }
}
