package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.PausingProxy;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal client against a real server, through its real standard input and output. */
class TerminalClientTest {
    private TestServer server;
    private ClientRun client;
    /** Between the client and the server, where a test needs a server that stops answering. */
    private PausingProxy proxy;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ClientConfig config(String name) {
        return new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), Locale.KOREAN);
    }

    private ClientRun joinAs(String name) {
        client = ClientRun.start(config(name));
        client.awaitLine(name + " 접속 완료");
        return client;
    }

    /** A server where 유저2, a test client, is in the lobby, then this client joins as 유저1; returns 유저2. */
    private TestClient joinAsAliceBesideBobInEnglish() {
        server = TestServer.start();
        TestClient other = server.joined("bob");
        client = ClientRun.start(new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        client.awaitLine("Connected as alice");
        other.nextEvent(Methods.JOINED);
        return other;
    }

    private TestClient joinAsUser1BesideUser2() {
        server = TestServer.start();
        TestClient other = server.joined("유저2");
        joinAs("유저1");
        other.nextEvent(Methods.JOINED);
        return other;
    }

    /** RENAME to {@code name}, for a test client to send. */
    private static OcpMessage rename(String name) {
        return OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, name)
                .build();
    }

    @Test
    void joinPrintsConnectedAndTheArrivalOfOthers() {
        server = TestServer.start();
        joinAs("유저1");

        server.joined("유저2");

        client.awaitLine("유저2님이 입장하였습니다.");
        server.console().awaitLine("[CONNECT] 유저1");
    }

    @Test
    void incomingMessageIsPrintedWithLocalTimeAndSender() {
        server = TestServer.start();
        joinAs("유저1");
        TestClient other = server.joined("유저2");
        TestClient watcher = server.joined("유저3");

        other.say("안녕하세요");

        OcpMessage seen = watcher.nextEvent(Methods.MESSAGE);
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(OffsetDateTime.parse(seen.header(HeaderNames.DATE).orElseThrow())
                        .atZoneSameInstant(ClientRun.ZONE));
        client.awaitLine("[" + local + "] 유저2 : 안녕하세요");
    }

    /**
     * The sender's own line, and its action, as the others see them: its name, and the time the server gave the line
     * (its answer carries the event's Date), in place of the typed echo, which a terminal takes off the screen.
     */
    @Test
    void ownLinesAreShownStampedAsTheOthersSeeThem() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("안녕하세요 여러분");
        OcpMessage line = other.nextEvent(Methods.MESSAGE);
        client.awaitLine("[" + local(line) + "] 유저1 : 안녕하세요 여러분");

        client.type("/me 손을 흔듭니다");
        OcpMessage action = other.nextEvent(Methods.MESSAGE);
        client.awaitLine("[" + local(action) + "] * 유저1 손을 흔듭니다");
    }

    /** An event's {@code Date} as the client shows it. */
    private static String local(OcpMessage event) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(OffsetDateTime.parse(event.header(HeaderNames.DATE).orElseThrow())
                        .atZoneSameInstant(ClientRun.ZONE));
    }

    @Test
    void typedLineIsSentToEveryoneElse() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("반가워요");

        OcpMessage message = other.nextEvent(Methods.MESSAGE);
        assertThat(message.bodyText()).isEqualTo("반가워요");
        assertThat(message.header(HeaderNames.FROM)).contains("유저1");
    }

    @Test
    void quitTellsTheOthersAndExitsZero() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/종료");

        assertThat(client.awaitExit()).isZero();
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("left");
    }

    @Test
    void englishAliasQuitWorksToo() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/quit");

        assertThat(client.awaitExit()).isZero();
        server.console().awaitLine("[LEAVE] 유저1");
    }

    @Test
    void quietQuitTellsNobodyAndExitsZero() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/조용히나가기");

        assertThat(client.awaitExit()).isZero();
        server.console().awaitLine("[LEAVE] 유저1 (조용히 나감)");
        server.joined("유저3");
        assertThat(other.next().method()).as("no LEFT before the next event").isEqualTo(Methods.JOINED);
    }

    @Test
    void endOfInputLeavesAndExitsZero() {
        TestClient other = joinAsUser1BesideUser2();

        client.endInput();

        assertThat(client.awaitExit()).isZero();
        assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.REASON)).contains("left");
    }

    @Test
    void nameInUseIsRefusedWithExitOne() {
        server = TestServer.start();
        server.joined("유저1");

        client = ClientRun.start(config("유저1"));

        client.awaitLine("이미 사용 중인 이름입니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aNameThatLooksLikeAConnectedMembersIsRefusedNamingThatMemberWithExitOne() {
        server = TestServer.start();
        server.joined("alice");

        client = ClientRun.start(config("a1ice")); // UTS #39: a digit one looks like a small L

        client.awaitLine("접속해 있는 alice 님의 이름과 너무 닮은 이름입니다. 다른 이름으로 접속하십시오");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aNameThatLooksLikeAReservedOneIsRefusedBeforeConnecting() {
        server = TestServer.start();

        client = ClientRun.start(config("\u0455\u0443\u0455\u043E\u0440")); // ѕуѕор: Cyrillic letters

        client.awaitLine("사용할 수 없는 이름입니다: 채팅이 따로 남겨 둔 이름('sysop')과 너무 닮았습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(server.lobbyNames()).isEmpty();
    }

    @Test
    void fullRoomIsRefusedWithTheCountAndHowToJoinAnotherRoom() {
        server = TestServer.start(c -> c.maxUsers(2));
        server.joined("유저1");
        server.joined("유저2");

        client = ClientRun.start(config("유저3"));

        client.awaitLine("방이 가득 찼습니다 (2/2). 다른 방으로 들어가려면 이 옵션을 붙여 다시 실행하십시오: --room 방이름");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void refusedAtThePerAddressConnectionCapIsToldInTheClientsLanguageWithoutATlsHint() {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(1)); // a Korean server
        TestClient seated = server.joined("유저2");

        client = ClientRun.start(new ClientConfig("x", "127.0.0.1", server.port(), null, Locale.ENGLISH));

        client.awaitLine("Refused: the server takes no more connections from your address. Close another (a client, a"
                + " browser tab) or try again later");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.lines())
                .as("one sentence in English: not the server's Korean one, no TLS hint")
                .noneMatch(line -> line.contains("TLS") || line.contains("주소"));
        assertThat(seated.isOpen()).isTrue();
    }

    @Test
    void refusedAtTheServersConnectionCapIsToldInTheClientsLanguage() {
        server = TestServer.start(c -> c.maxConnections(1));
        server.joined("유저2");

        client = ClientRun.start(config("유저1"));

        client.awaitLine("서버에 연결이 너무 많습니다. 잠시 후 다시 접속하십시오");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void administratorWithTheWrongKeyIsRefused() throws IOException {
        server = TestServer.start();
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "0".repeat(64));

        client = ClientRun.start(
                new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), wrong, Locale.KOREAN));

        client.awaitLine("관리자 인증에 실패했습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void administratorWithoutAKeyFileIsToldWhichFile() {
        server = TestServer.start();
        Path missing = dir.resolve("nowhere.key");

        client = ClientRun.start(
                new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), missing, Locale.KOREAN));

        client.awaitLine("관리자 키 파일을 읽을 수 없습니다 (" + missing + "): 파일이 없습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    /** An empty key file is said so before connecting: the server would refuse an empty key as a wrong one. */
    @Test
    void administratorWithAnEmptyKeyFileIsToldSoBeforeConnecting() throws IOException {
        server = TestServer.start();
        Path empty = Files.writeString(dir.resolve("empty.key"), "\n");

        client = ClientRun.start(
                new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), empty, Locale.KOREAN));

        client.awaitLine("관리자 키 파일이 비어 있습니다 (" + empty + "). 서버의 관리자 키 파일을 이 옵션으로 주십시오: --admin-key-file 파일");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.lines()).doesNotContain("관리자 인증에 실패했습니다");
        assertThat(server.console().lines()).noneMatch(line -> line.contains(Names.ADMINISTRATOR));
    }

    @Test
    void inEnglishAKeyFileThatCannotBeUsedIsToldWhy() throws IOException {
        server = TestServer.start();
        Path empty = Files.createFile(dir.resolve("empty.key"));
        Path missing = dir.resolve("nowhere.key");

        ClientRun emptyRun = ClientRun.start(
                new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), empty, Locale.ENGLISH));
        emptyRun.awaitLine("The administrator key file " + empty
                + " is empty: give the server's administrator key file with --admin-key-file");
        assertThat(emptyRun.awaitExit()).isEqualTo(1);
        ClientRun missingRun = ClientRun.start(
                new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), missing, Locale.ENGLISH));
        missingRun.awaitLine("Cannot read the administrator key file " + missing + ": no such file");
        assertThat(missingRun.awaitExit()).isEqualTo(1);
        ClientRun folderRun =
                ClientRun.start(new ClientConfig(Names.ADMINISTRATOR, "127.0.0.1", server.port(), dir, Locale.ENGLISH));
        folderRun.awaitLine("Cannot read the administrator key file " + dir + ": it is a directory");
        assertThat(folderRun.awaitExit()).isEqualTo(1);
    }

    @Test
    void administratorKicksAMember() {
        server = TestServer.start();
        TestClient target = server.joined("유저2");
        joinAs(Names.ADMINISTRATOR);

        client.type("/kick 유저2");

        client.awaitLine("유저2님이 강제 퇴장되었습니다.");
        assertThat(target.nextMatching(m -> m.method().equals(Methods.LEFT)).header(HeaderNames.REASON))
                .contains("kicked");
        assertThat(server.lobbyNames()).doesNotContain("유저2");
        assertThat(target.isOpen())
                .as("removed from the room only: it stays connected (PROTOCOL.md 2)")
                .isTrue();
    }

    @Test
    void kickWithAReasonRemovesTheFirstWordAndTellsTheReason() {
        server = TestServer.start();
        TestClient target = server.joined("wuser");
        joinAs(Names.ADMINISTRATOR);

        client.type("/kick wuser 시끄러워요");

        client.awaitLine("wuser님이 강제 퇴장되었습니다. (시끄러워요)");
        OcpMessage left = target.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.REASON)).contains("kicked");
        assertThat(left.bodyText()).isEqualTo("시끄러워요");
        assertThat(server.lobbyNames()).doesNotContain("wuser");
    }

    @Test
    void kickTakesAWholeNameWithASpaceUnquotedOrAQuotedOneBeforeAReason() {
        server = TestServer.start();
        joinAs(Names.ADMINISTRATOR);
        TestClient guest = server.joined("채팅 손님");
        client.awaitLine("채팅 손님님이 입장하였습니다.");
        TestClient second = server.joined("채팅 손님2");
        client.awaitLine("채팅 손님2님이 입장하였습니다.");

        client.type("/kick 채팅 손님");
        client.awaitLine("채팅 손님님이 강제 퇴장되었습니다.");
        assertThat(guest.nextMatching(m -> m.method().equals(Methods.LEFT)).bodyText())
                .isEmpty();
        client.type("/강퇴 \"채팅 손님2\" 도배 그만");

        client.awaitLine("채팅 손님2님이 강제 퇴장되었습니다. (도배 그만)");
        assertThat(second.nextMatching(m -> m.method().equals(Methods.LEFT)
                                && m.header(HeaderNames.NAME).orElse("").equals("채팅 손님2"))
                        .bodyText())
                .isEqualTo("도배 그만");
        assertThat(server.lobbyNames()).doesNotContain("채팅 손님", "채팅 손님2");
    }

    @Test
    void kickOfSomeoneNotHereSaysSo() {
        server = TestServer.start();
        joinAs(Names.ADMINISTRATOR);

        client.type("/kick 없는사람");

        client.awaitLine("그런 사용자가 없습니다: 없는사람");
    }

    @Test
    void memberTryingToKickIsToldOnlyTheAdministratorCan() {
        server = TestServer.start();
        TestClient target = server.joined("유저2");
        joinAs("유저1");

        client.type("/kick 유저2");

        client.awaitLine("관리자만 사용할 수 있습니다");
        assertThat(target.isOpen()).isTrue();
        assertThat(server.lobbyNames()).contains("유저2");
    }

    @Test
    void kickedMemberIsToldAndExitsOne() {
        server = TestServer.start();
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        joinAs("유저2");
        admin.nextEvent(Methods.JOINED);

        admin.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                .header(HeaderNames.NAME, "유저2")
                .build());

        client.awaitLine("관리자에 의해 강제 퇴장되었습니다.");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void administratorShutdownStopsTheServerAndExitsZero() throws Exception {
        server = TestServer.start();
        TestClient member = server.joined("유저1");
        joinAs(Names.ADMINISTRATOR);

        client.type("/서버종료");

        client.awaitLine("서버가 종료되었습니다.");
        assertThat(client.awaitExit()).isZero();
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.SHUTDOWN));
        assertThat(told.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(told.header(HeaderNames.REASON))
                .as("no reason given, none told")
                .isEmpty();
        server.console().awaitLine("[SHUTDOWN] 서버를 종료합니다 (" + Names.ADMINISTRATOR + ")");
        server.awaitTerminated(Duration.ofSeconds(10));
    }

    @Test
    void administratorShutdownWithAReasonShowsItToEveryoneAndOnTheServerConsole() throws Exception {
        server = TestServer.start();
        TestClient member = server.joined("유저1");
        joinAs(Names.ADMINISTRATOR);

        client.type("/서버종료 점검 중");

        server.console().awaitLine("[SHUTDOWN] 서버를 종료합니다 (" + Names.ADMINISTRATOR + ": 점검 중)");
        client.awaitLine("서버가 종료되었습니다. (" + Names.ADMINISTRATOR + ": 점검 중)");
        assertThat(client.awaitExit()).isZero();
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.SHUTDOWN));
        assertThat(told.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(told.header(HeaderNames.REASON)).contains(Names.ADMINISTRATOR + ": 점검 중");
        server.awaitTerminated(Duration.ofSeconds(10));
    }

    @Test
    void memberTryingToShutDownIsRefused() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/shutdown");

        client.awaitLine("관리자만 사용할 수 있습니다");
        // Still serving: the next line reaches another member.
        TestClient other = server.joined("유저2");
        client.type("아직 열려 있어요");
        assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("아직 열려 있어요");
    }

    @Test
    void serverShutdownIsAnnouncedAndExitsZero() {
        server = TestServer.start();
        joinAs("유저1");

        server.server().shutdown("test");

        client.awaitLine("서버가 종료되었습니다.");
        assertThat(client.awaitExit()).isZero();
    }

    @Test
    void anAwayMessageIsSetAgainAfterAReconnect() {
        joinAsUser1BesideUser2();
        client.type("/away 회의 중");
        client.awaitLine("자리 비움으로 표시했습니다");

        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.type("/재접속");

        awaitLines("자리 비움으로 표시했습니다", 2);
        assertThat(server.server().core().member("유저1").orElseThrow().away()).isEqualTo("회의 중");
    }

    @Test
    void lostConnectionIsReportedThenLinesCannotBeSentUntilReconnect() {
        TestClient other = joinAsUser1BesideUser2();

        Channel link = server.server().core().member("유저1").orElseThrow().link();
        link.close(); // the connection breaks without a SHUTDOWN

        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.awaitLine("다시 접속하려면 이렇게 입력하십시오: /재접속");
        client.type("여보세요?");
        client.awaitLine("메세지를 보낼수 없습니다. 다시 연결해주십시오");
        client.assertStillRunning();

        client.type("/재접속");
        awaitLines("유저1 접속 완료", 2);
        client.type("다시 왔어요");
        OcpMessage back = other.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        assertThat(back.bodyText()).isEqualTo("다시 왔어요");
    }

    @Test
    void nickWhileDisconnectedSetsTheNameTheNextReconnectUses() {
        TestClient other = joinAsUser1BesideUser2();
        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        other.nextMatching(m -> m.method().equals(Methods.LEFT));
        TestClient taker = server.joined("유저1"); // someone else takes the name meanwhile

        client.type("/재접속");
        client.awaitLine("이미 사용 중인 이름입니다. 다른 이름을 정하고 다시 접속하십시오: /이름변경 이름, /재접속");
        client.type("/nick 유저3");
        client.awaitLine("다음 /재접속 때 이 이름으로 접속합니다: 유저3");
        client.type("/재접속");
        client.awaitLine("유저3 접속 완료");

        client.type("다시 왔어요");
        OcpMessage back = other.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        assertThat(back.header(HeaderNames.FROM)).contains("유저3");
        assertThat(back.bodyText()).isEqualTo("다시 왔어요");
        assertThat(client.lines()).doesNotContain("메세지를 보낼수 없습니다. 다시 연결해주십시오");
        assertThat(taker.isOpen()).isTrue();
    }

    @Test
    void nickToTheAdministratorsNameWhileDisconnectedReconnectsWithTheKey() {
        joinAsUser1BesideUser2();
        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");

        client.type("/nick " + Names.ADMINISTRATOR);
        client.awaitLine("다음 /재접속 때 이 이름으로 접속합니다: 채팅관리자");
        client.type("/재접속");

        client.awaitLine("채팅관리자 접속 완료");
        assertThat(server.lobbyNames()).contains(Names.ADMINISTRATOR).doesNotContain("유저1");
    }

    @Test
    void nickWhileDisconnectedChecksTheNameAsAtStart() {
        TestClient other = joinAsUser1BesideUser2();
        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");

        client.type("/nick " + "가".repeat(33));
        client.awaitLine("사용할 수 없는 이름입니다: 32자보다 깁니다");
        client.type("/재접속");

        awaitLines("유저1 접속 완료", 2);
        other.nextMatching(m -> m.method().equals(Methods.JOINED));
    }

    @Test
    void unknownCommandIsOneLineThatPointsToHelpAndIsNotSent() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/춤추기 지금");

        client.awaitLine("알 수 없는 명령어입니다: /춤추기 (명령어 목록: /도움말. 빗금(/)으로 시작하는 메세지는 빗금을 두 번 써서 보냅니다: //메세지)");
        // The client sends in order on one connection: had the command gone out, it would arrive first.
        client.type("다음 줄");
        assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("다음 줄");
        // It printed its one line before sending the next: no list of every command scrolled the chat away.
        assertThat(client.lines()).noneMatch(line -> line.contains("/종료 (/quit)"));
    }

    @Test
    void aLineStartingWithTwoSlashesIsSentWithOne() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("//usr/bin 에 있어요");

        assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("/usr/bin 에 있어요");
    }

    @Test
    void slashMeSendsAnActionThatOthersSeeAsStarName() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/me 손을 흔듭니다");

        assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("\u0001ACTION 손을 흔듭니다\u0001");
        other.say("\u0001ACTION 같이 흔듭니다\u0001");
        client.awaitLineContaining("] * 유저2 같이 흔듭니다");
    }

    @Test
    void awayIsToldToTheOthersAndShownInWhoAndToWhoeverWhispers() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/away 점심 먹는 중");
        client.awaitLine("자리 비움으로 표시했습니다");
        OcpMessage told = other.nextEvent(Methods.AWAY);
        assertThat(told.header(HeaderNames.NAME)).contains("유저1");
        assertThat(told.bodyText()).isEqualTo("점심 먹는 중");

        other.request(OcpMessage.request(Methods.AWAY, "/").body("회의 중").build());
        client.awaitLine("유저2님이 자리를 비웠습니다: 회의 중");
        client.type("/w 유저2 끝나면 알려주세요");
        client.awaitLine("유저2님은 자리 비움 중입니다: 회의 중");
        client.type("/who");
        client.awaitLine("  유저2  참여자  (자리 비움: 회의 중)");

        other.request(OcpMessage.request(Methods.AWAY, "/").build());
        client.awaitLine("유저2님이 돌아왔습니다.");
        client.type("/자리비움");
        client.awaitLine("자리 비움을 해제했습니다");
        assertThat(other.nextMatching(m -> m.method().equals(Methods.AWAY)).bodyText())
                .isEmpty();
    }

    @Test
    void nickTakesTheNewNameAndTheOthersAreTold() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/nick 나그네");

        client.awaitLine("이름을 바꿨습니다: 나그네");
        OcpMessage renamed = other.nextEvent(Methods.RENAMED);
        assertThat(renamed.header(HeaderNames.NAME)).contains("유저1");
        assertThat(renamed.header(HeaderNames.NEW_NAME)).contains("나그네");
        client.type("새 이름으로 말해요");
        OcpMessage message = other.nextEvent(Methods.MESSAGE);
        assertThat(message.header(HeaderNames.FROM)).contains("나그네");
        assertThat(server.lobbyNames()).contains("나그네").doesNotContain("유저1");
    }

    @Test
    void nickTakesANameWithASpaceQuotedOrNot() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/이름변경 \"채팅 손님\"");

        client.awaitLine("이름을 바꿨습니다: 채팅 손님");
        assertThat(other.nextEvent(Methods.RENAMED).header(HeaderNames.NEW_NAME))
                .contains("채팅 손님");
        client.type("/nick 지나가는 손님");
        client.awaitLine("이름을 바꿨습니다: 지나가는 손님");
    }

    @Test
    void anotherMembersRenameIsShownAsOneLine() {
        TestClient other = joinAsUser1BesideUser2();

        other.request(rename("길동"));

        client.awaitLine("유저2님이 이름을 바꿨습니다: 길동");
    }

    @Test
    void nickToATakenNameIsRefusedWithTheServersSentenceAndChangesNothing() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/nick 유저2");

        client.awaitLine("이미 사용 중인 이름입니다");
        client.type("이름 그대로");
        OcpMessage message = other.nextEvent(Methods.MESSAGE);
        assertThat(message.header(HeaderNames.FROM))
                .as("no RENAMED came before")
                .contains("유저1");

        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.type("/재접속");
        awaitLines("유저1 접속 완료", 2);
        assertThat(client.lines()).noneMatch(line -> line.contains("불립니다"));
    }

    @Test
    void administratorsNickIsRefusedWithTheServersSentence() {
        server = TestServer.start();
        joinAs(Names.ADMINISTRATOR);

        client.type("/nick 평범한 사람");

        client.awaitLine("관리자의 이름은 바꿀 수 없습니다");
        assertThat(server.lobbyNames()).contains(Names.ADMINISTRATOR);
    }

    @Test
    void nickToTheAdministratorsNameSaysItTakesTheKeyNotThatAuthenticationFailed() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/nick " + Names.ADMINISTRATOR);

        client.awaitLine("관리자의 이름이라 관리자 키가 있어야 합니다 (채팅관리자). "
                + "이 클라이언트는 이 이름으로 접속할 때 키를 이 파일에서 읽습니다: " + server.adminKeyFile()
                + " (다른 파일은 이 옵션으로: --admin-key-file 파일)");
        assertThat(client.lines()).noneMatch(line -> line.contains("인증"));
        assertThat(server.lobbyNames()).contains("유저1");
    }

    @Test
    void refusalsForWantOfTheRightReadTheSameWhicheverCommand() {
        server = TestServer.start();
        TestClient owner = server.joined("유저2");
        assertThat(owner.joinRoom("study").statusCode()).isEqualTo(200);
        joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        String ownerOnly = "방장이나 관리자만 할 수 있습니다";
        String adminOnly = "관리자만 사용할 수 있습니다";

        client.type("/topic 내 마음대로");
        awaitLines(ownerOnly, 1);
        client.type("/kick 유저2");
        awaitLines(ownerOnly, 2);
        client.type("/ban 유저2");
        awaitLines(adminOnly, 1);
        client.type("/shutdown");
        awaitLines(adminOnly, 2);
    }

    /** Waits until the client has printed {@code line} {@code times} times. */
    private void awaitLines(String line, int times) {
        org.awaitility.Awaitility.await(times + " × '" + line + "' in " + client.lines())
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.lines().stream().filter(line::equals).count() == times);
    }

    @Test
    void nickWithoutANameShowsUsage() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/nick");

        client.awaitLine("사용법: /이름변경 이름 (/nick)");
    }

    @Test
    void privateMessageTooLongSaysHowManyCharactersToCut() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/w 유저2 " + "가".repeat(1400));

        client.awaitLine("메세지가 너무 깁니다: 35자를 줄여 주십시오 (이 글은 1,365자까지 보낼 수 있습니다)");
        client.type("/w 유저2 짧은 귓속말");
        assertThat(other.nextEvent(Methods.PRIVATE).bodyText()).isEqualTo("짧은 귓속말");
    }

    /**
     * Mixed text, counted as it is: 4,000 Latin letters (a byte each) and 40 syllables (three each) go 24 bytes over,
     * which is 8 syllables at the end.
     */
    @Test
    void inEnglishALineTooLongSaysHowManyCharactersToCutFromThisText() {
        joinAsAliceBesideBobInEnglish();

        client.type("a".repeat(4000) + "가".repeat(40));

        client.awaitLine("The message is too long: cut 8 characters (up to 4,032 characters of it can be sent)");
        // An action's markers take 9 bytes of the line: of what was typed, 4,087 characters fit.
        client.type("/me " + "a".repeat(4088));
        client.awaitLine("The message is too long: cut 1 character (up to 4,087 characters of it can be sent)");
    }

    @Test
    void renamesInEnglishIncludingOneThatOnlyChangesCase() {
        TestClient other = joinAsAliceBesideBobInEnglish();

        client.type("/nick Alice");

        client.awaitLine("You are now known as Alice");
        OcpMessage renamed = other.nextEvent(Methods.RENAMED);
        assertThat(renamed.header(HeaderNames.NAME)).contains("alice");
        assertThat(renamed.header(HeaderNames.NEW_NAME)).contains("Alice");
        other.request(rename("Bobby"));
        client.awaitLine("bob is now known as Bobby");
    }

    @Test
    void slashMsgSendsAPrivateMessageAsIrcUsersTypeIt() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/msg 유저2 둘이서만");

        OcpMessage received = other.nextEvent(Methods.PRIVATE);
        assertThat(received.bodyText()).isEqualTo("둘이서만");
        assertThat(received.header(HeaderNames.FROM)).contains("유저1");
        client.awaitLineContaining("(귓속말) 나 → 유저2 : 둘이서만");
    }

    @Test
    void aPrivateActionIsShownAsAnActionInThePrivateStyle() {
        TestClient other = joinAsUser1BesideUser2();

        // What the web page sends for "/me waves" in a private conversation (and an IRC client for /me in a query).
        OcpMessage sent = other.request(OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.REQUEST_ID, "1")
                .header(HeaderNames.TO, "유저1")
                .body("\u0001ACTION waves\u0001")
                .build());

        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(OffsetDateTime.parse(sent.header(HeaderNames.DATE).orElseThrow())
                        .atZoneSameInstant(ClientRun.ZONE));
        client.awaitLine("[" + local + "] (귓속말) * 유저2 waves");
        client.type("/w 유저2 \u0001ACTION 손을 흔듭니다\u0001");
        client.awaitLineContaining("] (귓속말 → 유저2) * 유저1 손을 흔듭니다");
        assertThat(client.lines()).noneMatch(line -> line.contains("ACTION") || line.contains("\uFFFD"));
    }

    @Test
    void helpListsEveryCommandAMemberMayUseAndNamesTheAdministratorsOnOneLine() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/help");

        client.awaitLine("  관리자만 쓰는 명령어: /접속끊기 /차단 /차단해제 /차단목록 /공지 /서버종료 (설명은 /도움말 명령어)");
        for (ChatCommand command : ChatCommand.ALL) {
            if (command.administratorOnly()) {
                assertThat(client.lines()).noneMatch(line -> line.contains(command.synopsis(Locale.KOREAN)));
            } else {
                assertThat(client.lines()).anyMatch(line -> line.contains(command.synopsis(Locale.KOREAN)));
            }
        }
        client.type("/도움말 차단");
        client.awaitLineContaining("  /차단 이름 또는 주소 [기간] [이유] (/ban) - ");
    }

    @Test
    void helpListsEveryCommandWithItsAliasesToTheAdministrator() {
        server = TestServer.start();
        joinAs(Names.ADMINISTRATOR);

        client.type("/help");

        for (ChatCommand command : ChatCommand.ALL) {
            client.awaitLineContaining(command.synopsis(Locale.KOREAN));
        }
        assertThat(client.lines()).noneMatch(line -> line.contains("관리자만 쓰는 명령어"));
    }

    @Test
    void helpWithACommandShowsThatCommandAlone() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/도움말 강퇴");
        client.awaitLineContaining("  /강퇴 이름 [이유] (/kick) - 지금 방에서 사용자를 내보냅니다 (방장, 관리자). ");
        client.type("/help join");
        client.awaitLineContaining("  /입장 방 [방열쇠] (/join) - ");
        client.type("/도움말 열쇠");
        client.awaitLine("  /열쇠 방열쇠 (/claim) - 다른 컴퓨터에서 받았거나 적어 둔 방 열쇠를 입력해 지금 방의 방장이 됩니다." + " 열쇠는 이 컴퓨터에도 저장됩니다");

        assertThat(client.lines()).doesNotContain("명령어 (영어 별칭도 됩니다):");
    }

    @Test
    void helpForWhatIsNoCommandSaysSoAndHowToListThem() {
        server = TestServer.start();
        joinAs("유저1");

        client.type("/help nosuch");
        client.awaitLine("알 수 없는 명령어입니다: nosuch (명령어 목록: /도움말)");
        client.type("/도움말 a b");
        client.awaitLine("알 수 없는 명령어입니다: a b (명령어 목록: /도움말)");

        assertThat(client.lines()).noneMatch(line -> line.startsWith("사용법:"));
    }

    @Test
    void inEnglishUsageAndHelpLeadWithTheEnglishName() {
        server = TestServer.start();
        client = ClientRun.start(new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        client.awaitLine("Connected as alice");

        client.type("/help nosuch");
        client.awaitLine("Unknown command: nosuch (/help lists the commands)");
        client.type("/quit now");
        client.awaitLine("Usage: /quit (/종료)");
        client.type("/도움말 재접속");
        client.awaitLine("  /reconnect (/재접속) - reconnect with your current name after the connection was lost");
        client.type("/help");
        client.awaitLineContaining("  /help [COMMAND] (/도움말) - ");
        client.awaitLineContaining("  /kick NAME [REASON] (/강퇴) - ");
    }

    @Test
    void aCommandThatTakesNothingShowsItsUsageWhenGivenSomethingAndDoesNothing() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("/종료 지금");
        client.awaitLine("사용법: /종료 (/quit)");
        client.type("/rooms all");
        client.awaitLine("사용법: /방목록 (/rooms)");

        // Still connected and in the room: the next line arrives, and no LEFT came before it.
        client.type("아직 여기");
        assertThat(other.next().bodyText()).isEqualTo("아직 여기");
    }

    @Test
    void kickWithoutANameShowsUsage() {
        server = TestServer.start();
        joinAs(Names.ADMINISTRATOR);

        client.type("/kick");

        client.awaitLine("사용법: /강퇴 이름 [이유] (/kick)");
    }

    /** 4,096 bytes are 1,365 Hangul syllables: the person is told in syllables how many to cut, not in bytes. */
    @Test
    void lineTooLongIsNotSentAndSaysHowManyCharactersToCut() {
        TestClient other = joinAsUser1BesideUser2();

        client.type("가".repeat(1400));

        client.awaitLine("메세지가 너무 깁니다: 35자를 줄여 주십시오 (이 글은 1,365자까지 보낼 수 있습니다)");
        client.type("짧은 줄");
        assertThat(other.nextEvent(Methods.MESSAGE).bodyText())
                .as("the long line was never sent")
                .isEqualTo("짧은 줄");
    }

    @Test
    void sendingTooFastIsExplained() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 1, 0.01)));
        joinAs("유저1");

        client.type("하나");
        client.type("둘");

        client.awaitLineContaining("메세지를 너무 빨리 보내고 있습니다.");
        // "둘" waits 100 s for the allowance: a second /종료 leaves without it, and says so.
        client.type("/종료");
        client.type("/종료");
        client.awaitLineContaining("1줄을 보내지 못했습니다");
        client.awaitLine("  [lobby] 둘");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    /**
     * A server that stops answering (SIGSTOP) and comes back: the line typed meanwhile goes through late, and the person
     * who was told the server does not answer is told it answers again.
     */
    @Test
    void aServerThatStopsAnsweringAndComesBackIsSaidToAnswerAgain() throws IOException {
        TestClient other = joinedBehindAProxy("유저1", Locale.KOREAN);
        other.nextEvent(Methods.JOINED);

        proxy.pause();
        client.type("멈춘 동안 보낸 줄");
        client.awaitLine("서버가 응답하지 않습니다");
        client.awaitLine("아직 답을 받지 못한 줄입니다 (다시 보내지 않아도 답이 오면 보입니다):");
        client.awaitLine("  [lobby] 멈춘 동안 보낸 줄"); // its echo gone: said which line waits, so it is not sent twice
        proxy.resume();

        client.awaitLine("서버가 다시 응답합니다");
        assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("멈춘 동안 보낸 줄");
        client.type("/종료");
        assertThat(client.awaitExit()).as("the line was sent").isZero();
        assertThat(client.lines()).noneMatch(line -> line.contains("알 수 없습니다") || line.contains("보내지 못했습니다"));
    }

    /**
     * The connection is lost while a line waits for the server's answer: the server may or may not have taken it, and
     * the person is told so at once, and by the exit code at the end.
     */
    @Test
    void aLineUnansweredWhenTheConnectionIsLostIsSaidMaybeNotSentAndTheExitCodeIsOne() throws IOException {
        TestClient other = joinedBehindAProxy("유저1", Locale.KOREAN);
        other.nextEvent(Methods.JOINED);

        proxy.pause();
        client.type("멈춘 동안 보낸 줄");
        client.awaitLine("서버가 응답하지 않습니다");
        // Sent, not still in the client: on a loaded machine the LIST the client asks for on connecting (for Tab)
        // may be what went unanswered first, while the line still waited for the input thread.
        awaitHeldByProxy("멈춘 동안 보낸 줄");
        proxy.cut();

        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.awaitLine("보낸 1줄은 서버의 답을 받지 못해 전달되었는지 알 수 없습니다");
        client.awaitLine("  [lobby] 멈춘 동안 보낸 줄"); // no longer on screen as typed: shown, to be sent again
        client.type("/종료");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.NAME)).contains("유저1");
    }

    @Test
    void inEnglishALineUnansweredWhenTheConnectionIsLostMayNotHaveBeenSent() throws IOException {
        TestClient other = joinedBehindAProxy("alice", Locale.ENGLISH);
        other.nextEvent(Methods.JOINED);

        proxy.pause();
        client.type("sent while the server is stopped");
        client.awaitLine("The server does not answer");
        proxy.resume();
        client.awaitLine("The server answers again");
        // The first line's answer came before the answer to a later request (one connection keeps its order): only
        // then is it known to be confirmed, not still in the proxy when it pauses.
        client.type("/rooms");
        client.awaitLineContaining("lobby ");
        proxy.pause();
        client.type("another");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.lines().stream()
                                .filter("The server does not answer"::equals)
                                .count()
                        == 2);
        awaitHeldByProxy("another");
        proxy.cut();

        client.awaitLine("The connection to the server was lost");
        client.awaitLine("1 line may not have been sent: the server did not confirm it");
        client.endInput();
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    /**
     * The server stops answering and the person leaves: LEAVE goes unanswered too, and the line nobody answered is
     * counted as one that may not have been sent.
     */
    @Test
    void leavingAServerThatStoppedAnsweringCountsTheLineItLeftUnanswered() throws IOException {
        TestClient other = joinedBehindAProxy("유저1", Locale.KOREAN);
        other.nextEvent(Methods.JOINED);

        proxy.pause();
        client.type("멈춘 동안 보낸 줄");
        client.awaitLine("서버가 응답하지 않습니다");
        client.type("/종료");

        client.awaitLine("보낸 1줄은 서버의 답을 받지 못해 전달되었는지 알 수 없습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    /** Waits until {@code line} has left the client: the paused proxy holds it. */
    private void awaitHeldByProxy(String line) {
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.holdsFromClients(line));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("'" + line + "' never left the client; it printed " + client.lines(), e);
        }
    }

    /** A server with 유저2 in the lobby, and this client joined as {@code name} through {@link #proxy}; returns 유저2. */
    private TestClient joinedBehindAProxy(String name, Locale locale) throws IOException {
        server = TestServer.start();
        TestClient other = server.joined("유저2");
        proxy = PausingProxy.to(server.port());
        client = ClientRun.start(
                new ClientConfig(name, "127.0.0.1", proxy.port(), null, locale), Duration.ofMillis(500));
        client.awaitLine(locale.equals(Locale.ENGLISH) ? "Connected as " + name : name + " 접속 완료");
        return other;
    }

    @Test
    void escapeSequencesFromOthersAreNeutralised() {
        server = TestServer.start();
        joinAs("유저1");
        TestClient other = server.joined("유저2");

        other.say("\u001b[2Jgotcha\u0007");

        String line = client.awaitLineContaining("gotcha");
        assertThat(line).doesNotContain("\u001b").doesNotContain("\u0007").contains("\uFFFD[2Jgotcha\uFFFD");
    }

    @Test
    void unreachableServerIsReportedWithExitOne() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }

        client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", closedPort, null, Locale.KOREAN));

        client.awaitLine("서버에 연결할 수 없습니다 (127.0.0.1:" + closedPort + ")");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aServerNameThatDoesNotResolveIsSaidSoNotThatNothingListens() {
        client = ClientRun.start(new ClientConfig("유저1", "nosuch.invalid", 3000, null, Locale.KOREAN));

        client.awaitLine("서버 주소를 찾을 수 없습니다: nosuch.invalid (이름을 풀 수 없음; 포트 3000)");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aClientPointedAtTheIrcPortIsToldItIsNotAnOpenchatServer() {
        server = TestServer.start();

        client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.ircPort(), null, Locale.KOREAN));

        assertThat(client.awaitLineContaining("openchat 서버가 아닙니다"))
                .startsWith("이 서버는 openchat 서버가 아닙니다 (받은 첫 줄: :openchat 421 * CONNECT :")
                .endsWith("). IRC나 웹 포트가 아닌 openchat 포트(기본 3000)로 접속하십시오");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aClientPointedAtTheWebPortIsToldItIsNotAnOpenchatServer() {
        server = TestServer.start();

        client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.httpPort(), null, Locale.ENGLISH));

        assertThat(client.awaitLineContaining("not an openchat server"))
                .startsWith("This is not an openchat server (its first line: HTTP/1.1 ")
                .endsWith("). Connect to openchat's port (3000 by default), not its IRC or web port");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aServerThatClosesBeforeAnsweringIsSaidSoOnce() throws Exception {
        try (ServerSocket closer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                try (Socket accepted = closer.accept()) {
                    accepted.getInputStream().read(); // the CONNECT has come; close without a word
                } catch (IOException e) {
                    // the test is over
                }
            });
            accepting.start();

            client = ClientRun.start(new ClientConfig("유저1", "127.0.0.1", closer.getLocalPort(), null, Locale.KOREAN));

            client.awaitLine("서버가 답하기 전에 연결을 끊었습니다 (TLS를 쓰는 서버라면 이 옵션을 붙여 접속하십시오: --tls)");
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).noneMatch(line -> line.contains("응답하지 않습니다"));
            accepting.join(5000);
        }
    }

    @Test
    void invalidNameIsRefusedBeforeConnecting() {
        client = ClientRun.start(new ClientConfig("x".repeat(33), "127.0.0.1", 1, null, Locale.KOREAN));

        client.awaitLine("사용할 수 없는 이름입니다: 32자보다 깁니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aNameThatWouldPassForTheAdministratorOrForOneselfIsRefusedBeforeConnecting() {
        client = ClientRun.start(new ClientConfig("채팅관리자님", "127.0.0.1", 1, null, Locale.KOREAN));
        client.awaitLine("사용할 수 없는 이름입니다: 관리자의 이름이 들어간 이름은 쓸 수 없습니다");
        assertThat(client.awaitExit()).isEqualTo(1);

        client = ClientRun.start(new ClientConfig("me", "127.0.0.1", 1, null, Locale.ENGLISH));
        client.awaitLine("Invalid name: it is a word the chat shows in place of your own name ('나', 'me')");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void englishOnRequest() {
        server = TestServer.start(c -> c.maxUsers(1));
        client = ClientRun.start(new ClientConfig("Alice", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        client.awaitLine("Connected as Alice");

        ClientRun second = ClientRun.start(new ClientConfig("Bob", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        second.awaitLine("The room is full (1/1). To join another room instead, run again with --room NAME");
        assertThat(second.awaitExit()).isEqualTo(1);
    }
}
