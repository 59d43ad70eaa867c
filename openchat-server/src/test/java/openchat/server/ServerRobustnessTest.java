package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.ServerConfig;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Abnormal disconnects, bad bytes, slow readers, heartbeats (issue list i-m). */
class ServerRobustnessTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectionResetIsLoggedAsAbnormalAndOthersAreToldOnce() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.setSoLinger(true, 0);
        raw.close(); // RST

        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저3");
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        server.console().awaitLineContaining("연결이 비 정상적으로 종료된 소켓이 있음: 유저3 (");
        other.say("after");
        server.joined("유저4");
        assertThat(other.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("유저4");
        assertThat(server.lobbyNames().size()).isEqualTo(2);
    }

    @Test
    void endOfStreamWithoutLeaveIsAnAbnormalDisconnect() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.shutdownOutput(); // FIN, no LEAVE

        assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.REASON)).contains("disconnected");
        assertThat(server.console().awaitLineContaining("유저3 ("))
                .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: 유저3 (나가기 없이 연결이 끊김)");
        raw.close();
    }

    @Test
    void aResetConnectionIsToldOnTheConsoleInTheServersLanguage() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.setSoLinger(true, 0);
        raw.close(); // RST, no LEAVE

        assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.REASON)).contains("disconnected");
        assertThat(server.console().awaitLineContaining("유저3 ("))
                .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: 유저3 (상대가 연결을 재설정함)");
    }

    @Test
    void anEnglishServerTellsAResetConnectionInEnglish() throws Exception {
        server = TestServer.start(c -> c.locale(Locale.ENGLISH));
        TestClient other = server.joined("user1");
        Socket raw = rawJoin("user3");
        other.nextEvent(Methods.JOINED);

        raw.setSoLinger(true, 0);
        raw.close();

        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.bodyText()).isEqualTo("connection reset by the other end");
        assertThat(server.console().awaitLineContaining("user3 ("))
                .endsWith("user3 (connection reset by the other end)");
    }

    @Test
    void aClientKickedFromItsLastRoomThatHangsUpIsNotAnAbnormalDisconnect() throws Exception {
        server = TestServer.start();
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient kicked = server.joined("유저2");
        admin.nextEvent(Methods.JOINED);
        assertThat(kickFromLobby(admin, "유저2").statusCode()).isEqualTo(200);
        kicked.nextEvent(Methods.LEFT);

        kicked.close(); // what the terminal client does when kicked from its last room: no LEAVE

        server.console().awaitLine("[LEAVE] 유저2 (강제 퇴장 후 접속 종료)");
        assertThat(server.console().lines())
                .containsSubsequence("[KICK] 유저2 (관리자: 채팅관리자)", "[LEAVE] 유저2 (강제 퇴장 후 접속 종료)")
                .noneMatch(line -> line.startsWith("연결이 비 정상적으로 종료된 소켓이 있음: 유저2"));
    }

    @Test
    void aClientKickedFromOneOfItsRoomsThatHangsUpIsStillAnAbnormalDisconnect() throws Exception {
        server = TestServer.start();
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient kicked = server.joined("유저2");
        kicked.joinRoom("방");
        admin.nextEvent(Methods.JOINED);
        assertThat(kickFromLobby(admin, "유저2").statusCode()).isEqualTo(200);
        kicked.nextEvent(Methods.LEFT);

        kicked.close(); // still in 방: a hang-up without LEAVE

        assertThat(server.console().awaitLineContaining("소켓이 있음: 유저2"))
                .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: 유저2 (나가기 없이 연결이 끊김)");
    }

    private static OcpMessage kickFromLobby(TestClient by, String name) {
        return by.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                .header(HeaderNames.NAME, name)
                .build());
    }

    @Test
    void malformedBytesGet400AndCloseWhileTheServerAndOthersCarryOn() throws Exception {
        server = TestServer.start();
        TestClient first = server.joined("유저1");
        TestClient second = server.joined("유저2");
        first.nextEvent(Methods.JOINED);

        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream()
                    .write("HELLO /rooms/lobby OCP/1.0\r\nBad Header: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            String answer = readUntilClosed(raw);
            assertThat(answer).startsWith("OCP/1.0 400 Bad Request\r\n");
        }

        first.say("still chatting");
        assertThat(second.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("still chatting");
    }

    @Test
    void malformedBytesFromAMemberDisconnectIt() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.getOutputStream().write("SEND /rooms/lobby OCP/1.0\rX\r\n\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(readUntilClosed(raw)).contains("OCP/1.0 400 Bad Request");
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.bodyText()).isEqualTo("잘못된 메세지: 1번째 줄에 LF 없는 CR 문자가 있습니다");
    }

    @Test
    void oversizedBodyGets413AndTheConnectionCarriesOn() {
        server = TestServer.start();
        TestClient sender = server.joined("유저1");
        TestClient other = server.joined("유저2");

        sender.send(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, "big")
                .body("가".repeat(2000))
                .build());

        OcpMessage answer = sender.nextAnswer();
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.header(HeaderNames.REQUEST_ID)).contains("big");
        sender.say("small");
        assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("small");
    }

    @Test
    void theLongestSkippableContentLengthGets413AndTheMemberStaysConnected() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.getOutputStream()
                .write("SEND /rooms/lobby OCP/1.0\r\nRequest-Id: r1\r\nContent-Length: 9223372036854775807\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));

        String answer = readMessage(raw);
        assertThat(answer).startsWith("OCP/1.0 413 Content Too Large\r\nRequest-Id: r1\r\n");
        assertThat(answer).endsWith("\r\n\r\n메세지가 너무 깁니다: 본문이 4,096바이트보다 깁니다");
        other.say("아직 있나요");
        assertThat(readMessage(raw))
                .as("the connection is kept, and its member in the room")
                .startsWith("MESSAGE /rooms/lobby OCP/1.0\r\n")
                .endsWith("\r\n\r\n아직 있나요");
        assertThat(server.lobbyNames()).contains("유저3");
        raw.close();
    }

    @Test
    void aContentLengthTooLongToSkipGets413ThatSaysTheConnectionClosesAndClosesIt() throws Exception {
        server = TestServer.start();
        TestClient other = server.joined("유저1");
        Socket raw = rawJoin("유저3");
        other.nextEvent(Methods.JOINED);

        raw.getOutputStream()
                .write("SEND /rooms/lobby OCP/1.0\r\nRequest-Id: r1\r\nContent-Length: 9223372036854775808\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));

        String answer = readUntilClosed(raw);
        assertThat(answer).startsWith("OCP/1.0 413 Content Too Large\r\nRequest-Id: r1\r\n");
        assertThat(answer).endsWith("\r\n\r\n메세지가 너무 깁니다: 본문이 4,096바이트보다 길고, 2^63바이트 이상이라 건너뛸 수 없어 연결을 닫습니다");
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).startsWith("잘못된 메세지: 본문이 4,096바이트보다 길고");
        raw.close();
    }

    @Test
    void aBadFieldLineIsAnsweredWithTheRequestIdAboveItAndItsLineCountingTheStartLine() throws Exception {
        server = TestServer.start();
        String[][] cases = {
            {"Foo: b\rar", "3번째 줄에 LF 없는 CR 문자가 있습니다"},
            {"Foo : bar", "3번째 줄의 헤더 이름이 올바르지 않습니다 (콜론 앞에 공백이 있습니까?)"},
            {"Foo bar", "3번째 줄에 콜론(:)이 없습니다"},
        };
        for (int i = 0; i < cases.length; i++) {
            String[] badLine = cases[i];
            try (Socket raw = rawJoin("유저" + i)) {
                raw.getOutputStream()
                        .write(("PING / OCP/1.0\r\nRequest-Id: r1\r\n" + badLine[0] + "\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));

                String answer = readUntilClosed(raw);
                assertThat(answer).as(badLine[0]).startsWith("OCP/1.0 400 Bad Request\r\nRequest-Id: r1\r\n");
                assertThat(answer).as(badLine[0]).endsWith("\r\n\r\n잘못된 메세지입니다: " + badLine[1]);
            }
        }
    }

    @Test
    void headerSectionOverTheLimitGets431AndClose() throws Exception {
        server = TestServer.start();
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream()
                    .write(("PING / OCP/1.0\r\nX-Pad: " + "a".repeat(9000) + "\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(readUntilClosed(raw)).startsWith("OCP/1.0 431 ");
        }
    }

    @Test
    void otherProtocolVersionGets505() throws Exception {
        server = TestServer.start();
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream().write("PING / OCP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntilClosed(raw)).startsWith("OCP/1.0 505 ");
        }
    }

    @Test
    void malformedBytesAreExplainedInTheServersLanguage() throws Exception {
        server = TestServer.start();
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream().write("PING / OCP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntilClosed(raw))
                    .endsWith("\r\n\r\n잘못된 메세지입니다: 지원하지 않는 프로토콜 버전입니다: OCP/2.0 (이 서버가 받는 버전: OCP/1.0)");
        }
        server.close();
        server = TestServer.start(c -> c.locale(Locale.ENGLISH));
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.getOutputStream().write("PING / OCP/1.0\r\nX-Pad : a\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntilClosed(raw))
                    .startsWith("OCP/1.0 400 ")
                    .endsWith("\r\n\r\nMalformed message: the header name on line 2 is not valid"
                            + " (white space before the colon?)");
        }
    }

    @Test
    void requestsBeforeJoiningGet403ButPingIsAnswered() {
        server = TestServer.start();
        TestClient client = server.client();

        assertThat(client.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                                .body("x")
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(client.request(OcpMessage.request(Methods.PING, "/")
                                .header(HeaderNames.REQUEST_ID, "p")
                                .build())
                        .header(HeaderNames.REQUEST_ID))
                .contains("p");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void unknownMethodGets405AndATargetThatIsNoRoomGets404() {
        server = TestServer.start();
        TestClient client = server.client();

        assertThat(client.request(OcpMessage.request("DANCE", "/").build()).statusCode())
                .isEqualTo(405);
        assertThat(client.request(OcpMessage.request(Methods.SHUTDOWN, "/rooms/lobby")
                                .build())
                        .bodyText())
                .isEqualTo("SHUTDOWN 요청은 서버에 보내야 합니다 (/): /rooms/lobby");
        assertThat(client.isOpen()).isTrue();
        for (String target : new String[] {"/kitchen", "/rooms/a/b", "/"}) {
            TestClient connecting = server.client();
            OcpMessage refused = connecting.request(OcpMessage.request(Methods.CONNECT, target)
                    .header(HeaderNames.NAME, "유저1")
                    .build());
            assertThat(refused.statusCode()).as(target).isEqualTo(404);
            assertThat(refused.bodyText()).isEqualTo("CONNECT 요청은 방에 보내야 합니다 (/rooms/방이름): " + target);
            connecting.awaitClosed(); // as after any refused CONNECT
        }
    }

    @Test
    void aSecondConnectToATargetThatIsNoRoomGets404AndTheMemberStays() {
        server = TestServer.start();
        TestClient member = server.joined("유저1");

        OcpMessage refused = member.request(OcpMessage.request(Methods.CONNECT, "/")
                .header(HeaderNames.NAME, "유저1")
                .build());

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(member.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        assertThat(server.lobbyNames()).contains("유저1");
    }

    @Test
    void invalidNameGets400() {
        server = TestServer.start();
        TestClient client = server.client();

        // Leading and trailing white space is field padding on the wire, so a format character stands in.
        OcpMessage formatCharacter = client.join("zero\u200Bwidth", null);
        assertThat(formatCharacter.statusCode()).isEqualTo(400);
        assertThat(formatCharacter.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 제어 문자나 쓸 수 없는 문자가 들어 있습니다");
        client.awaitClosed();
        OcpMessage lookalike = server.client().join("채팅관리자\u3164", null);
        assertThat(lookalike.statusCode())
                .as("the administrator's name and an invisible Hangul filler: no key asked, not let in either")
                .isEqualTo(400);
        assertThat(lookalike.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 제어 문자나 쓸 수 없는 문자가 들어 있습니다");
        OcpMessage serverName = server.client().join("OPENCHAT", null);
        assertThat(serverName.statusCode())
                .as("the server's name, which IRC shows as the source of the server's notices")
                .isEqualTo(400);
        assertThat(serverName.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 서버의 이름입니다");
        OcpMessage tooLong = server.client().join("x".repeat(33), null);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 32자보다 깁니다");
    }

    @Test
    void aNameThatWouldPassForTheAdministratorOrForOneselfGets400SayingWhy() {
        server = TestServer.start();
        TestClient listener = server.joined("한가함");

        OcpMessage prefixed = server.client().join("채팅관리자님", null);
        assertThat(prefixed.statusCode())
                .as("no key asked: it is not the administrator's name")
                .isEqualTo(400);
        assertThat(prefixed.header(HeaderNames.ERROR_CODE)).contains("invalid-name");
        assertThat(prefixed.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 관리자의 이름이 들어간 이름은 쓸 수 없습니다");
        // Its chat lines would read "[time] 채팅관리자 : 공지 : text", the administrator announcing something.
        OcpMessage announcing = server.client().join("채팅관리자 : 공지", null);
        assertThat(announcing.statusCode()).isEqualTo(400);
        assertThat(announcing.bodyText())
                .isEqualTo("사용할 수 없는 이름입니다: 쌍점(:)이나 쌍점처럼 보이는 문자는 이름에 쓸 수 없습니다" + " (채팅 줄에서 이름과 말을 가르는 표시입니다)");
        assertThat(server.client().join("유저：공지", null).bodyText())
                .as("a full-width colon")
                .contains("쌍점(:)");
        // The terminal client shows the reader as 나 in private lines: "(귓속말) 나 → 나 : ..." from a member named so.
        OcpMessage self = server.client().join("나", null);
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.bodyText()).isEqualTo("사용할 수 없는 이름입니다: '나'와 'me'는 자기 자신을 가리키는 말이라 이름으로 쓸 수 없습니다");
        assertThat(server.client().join("ME", null).statusCode()).isEqualTo(400);

        assertThat(server.lobbyNames()).containsExactly("한가함");
        assertThat(server.joined("Kim Min").isOpen())
                .as("spaces and dots are still fine")
                .isTrue();
        assertThat(listener.isOpen()).isTrue();
    }

    @Test
    void aRefusedNameIsExplainedInEnglishToAnEnglishServer() {
        server = TestServer.start(c -> c.locale(Locale.ENGLISH));

        assertThat(server.client().join("채팅 관리자2", null).bodyText())
                .isEqualTo("Invalid name: it holds the administrator's name");
        assertThat(server.client().join("me", null).bodyText())
                .isEqualTo("Invalid name: it is a word the chat shows in place of your own name ('나', 'me')");
        assertThat(server.client().join("a:b", null).bodyText())
                .isEqualTo("Invalid name: it holds a colon or a character that looks like one, which separates the"
                        + " name from the text in every chat line");
    }

    @Test
    void anInvalidNameOrRoomIsExplainedWhollyInTheServersLanguage() {
        server = TestServer.start(c -> c.locale(Locale.ENGLISH));

        assertThat(server.client().join("x".repeat(33), null).bodyText())
                .isEqualTo("Invalid name: it is longer than 32 characters");
        assertThat(server.joined("Alice").joinRoom("a!b").bodyText())
                .isEqualTo("That room name cannot be used: only letters, digits, -, _, . and + may be used");
    }

    @Test
    void aRoomTargetWithAnInvalidNameGets400InvalidRoomWhateverTheMethod() {
        server = TestServer.start();
        TestClient member = server.joined("유저1");
        String[] methods = {
            Methods.SEND,
            Methods.PART,
            Methods.TOPIC,
            Methods.HISTORY,
            Methods.WHO,
            Methods.KICK,
            Methods.INVITE,
            Methods.JOIN,
            Methods.CONNECT,
            Methods.LEAVE
        };

        for (String method : methods) {
            OcpMessage refused = member.request(OcpMessage.request(method, "/rooms/edge?x=1")
                    .header(HeaderNames.NAME, "유저1")
                    .body("x")
                    .build());

            assertThat(refused.statusCode()).as(method).isEqualTo(400);
            assertThat(refused.header(HeaderNames.ERROR_CODE)).as(method).contains("invalid-room");
            assertThat(refused.bodyText())
                    .as(method)
                    .isEqualTo("사용할 수 없는 방 이름입니다: 쓸 수 있는 것은 글자, 숫자와 이 기호뿐입니다: - _ . +");
        }
        assertThat(member.request(OcpMessage.request(Methods.WHO, "/rooms/" + "x".repeat(33))
                                .build())
                        .bodyText())
                .isEqualTo("사용할 수 없는 방 이름입니다: 32자보다 깁니다");
        assertThat(member.isOpen()).isTrue();
        assertThat(server.lobbyNames()).as("still in the lobby").contains("유저1");
    }

    @Test
    void memberThatStopsReadingIsDisconnectedOnceItsBacklogPassesTheCap() throws Exception {
        server = TestServer.start(c -> c.maxBacklog(64 * 1024).floodControl(FloodControl.OFF));
        TestClient sender = server.joined("유저1");
        TestClient reader = server.joined("유저2");
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        join(stalled, "느림보");
        sender.nextEvent(Methods.JOINED);
        sender.nextEvent(Methods.JOINED);
        reader.nextEvent(Methods.JOINED);

        // Never read from 'stalled'. Kernel buffers take a few MB on loopback; 4000 x 3 KB outgrows them.
        String text = "x".repeat(3000);
        OcpMessage left = null;
        for (int sent = 0; server.lobbyNames().contains("느림보") && sent < 4000; sent++) {
            sender.say(text + sent);
            OcpMessage got = reader.next();
            if (got.method().equals(Methods.LEFT)) {
                left = got;
                got = reader.next();
            }
            assertThat(got.bodyText()).as("the reading member is not held back").isEqualTo(text + sent);
        }

        assertThat(server.lobbyNames()).as("stalled member removed").doesNotContain("느림보");
        server.console().awaitLineContaining("느림보 (보내지 못한 데이터가 65,536바이트를 넘음)");
        if (left == null) {
            left = reader.nextMatching(m -> m.method().equals(Methods.LEFT));
        }
        assertThat(left.header(HeaderNames.NAME)).contains("느림보");
        stalled.close();
    }

    @Test
    void idleConnectionIsPingedAndOneThatStaysSilentIsDropped() {
        server = TestServer.start(c -> c.heartbeat(Duration.ofMillis(200), Duration.ofMillis(700)));
        TestClient other = server.joined("유저1");
        TestClient silent = server.client().answerPings(false);
        assertThat(silent.join("유저2", null).statusCode()).isEqualTo(200);

        assertThat(silent.nextEvent(Methods.PING).target()).isEqualTo("/");
        silent.awaitClosed();
        OcpMessage left = other.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).endsWith("PING 에 응답하지 않음");
    }

    @Test
    void connectionThatAnswersPingsStays() {
        server = TestServer.start(c -> c.heartbeat(Duration.ofMillis(100), Duration.ofMillis(400)));
        TestClient lively = server.joined("유저1");

        await().atMost(Duration.ofSeconds(5)).until(() -> lively.pingsAnswered() >= 8);

        assertThat(lively.isOpen()).isTrue();
        assertThat(server.lobbyNames()).contains("유저1");
    }

    @Test
    void everyConnectionHasTcpNoDelay() {
        server = TestServer.start();
        server.joined("유저1");
        server.client();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.server().connections().size() == 2);
        for (Channel channel : server.server().connections()) {
            assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
        }
    }

    @Test
    void anIrcClientOnTheOcpPortIsToldTheIrcPortInIrcAndClosed() throws IOException {
        server = TestServer.start();
        try (Socket irssi = new Socket("127.0.0.1", server.port())) {
            irssi.getOutputStream()
                    .write("CAP LS 302\r\nNICK irssi\r\nUSER irssi 0 * :irssi\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(readUntilClosed(irssi))
                    .isEqualTo("ERROR :이 포트는 openchat 클라이언트용입니다. IRC 클라이언트는 " + server.ircPort() + " 포트로 접속하십시오\r\n");
        }
        assertThat(server.client().join("유저1", null).statusCode())
                .as("an OCP client on the same port still joins")
                .isEqualTo(200);
    }

    @Test
    void aTlsClientAtThePlainOcpPortIsClosedAtOnceRatherThanLeftWaitingForAHandshake() throws IOException {
        server = TestServer.start();
        try (Socket tls = new Socket("127.0.0.1", server.port())) {
            tls.setSoTimeout(3000); // well inside the header deadline (10 s) the old server waited out
            // A ClientHello's record header and the start of its body: handshake (22), TLS 1.0 record version.
            tls.getOutputStream().write(new byte[] {22, 3, 1, 0, (byte) 200, 1, 0, 0, (byte) 196, 3, 3});

            assertThat(tls.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
        }
        assertThat(server.client().join("유저1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserOnTheOcpPortIsToldTheWebPortInHttp() throws IOException {
        server = TestServer.start();
        try (Socket browser = new Socket("127.0.0.1", server.port())) {
            browser.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: localhost:3000\r\nAccept: text/html\r\n\r\n"
                            .getBytes(StandardCharsets.UTF_8));

            String body = "이 포트는 openchat 클라이언트용입니다. 웹 브라우저로는 " + server.httpPort() + " 포트(http)로 접속하십시오\n";
            assertThat(readUntilClosed(browser))
                    .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
        }
    }

    @Test
    void anIrcClientOnTheOcpPortOfAServerWithoutIrcIsToldSo() throws IOException {
        server = TestServer.start(c -> c.ircPort(ServerConfig.OFF).ircTlsPort(ServerConfig.OFF));
        try (Socket irssi = new Socket("127.0.0.1", server.port())) {
            irssi.getOutputStream().write("NICK irssi\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(readUntilClosed(irssi)).isEqualTo("ERROR :이 포트는 openchat 클라이언트용입니다. 이 서버는 IRC 접속을 받지 않습니다\r\n");
        }
    }

    private Socket rawJoin(String name) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        join(socket, name);
        return socket;
    }

    /** Sends CONNECT and reads the answer's header section byte by byte, so nothing after it is consumed. */
    private static void join(Socket socket, String name) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(readMessage(socket)).startsWith("OCP/1.0 200 OK");
    }

    /** One message: its header section read byte by byte, so nothing after it is consumed, then its body. */
    private static String readMessage(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before a whole message: " + head);
            }
            head.write(b);
        }
        String message = head.toString(StandardCharsets.UTF_8);
        String length = message.replaceAll("(?s).*Content-Length: (\\d+).*", "$1");
        return message
                + (length.equals(message)
                        ? ""
                        : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8));
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
