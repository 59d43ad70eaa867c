package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.timeout.ReadTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Headers;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's answers in the language its CONNECT asked for, on a Korean server; events keep the server's. */
class AcceptLanguageTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage connect(TestClient client, String name, String language) {
        return client.request(OcpMessage.request(Methods.CONNECT, Targets.room("lobby"))
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.ACCEPT_LANGUAGE, language)
                .build());
    }

    @Test
    void aConnectionThatAcceptsEnglishIsAnsweredInEnglishAndAnyOtherInTheServersLanguage() {
        server.joined("유저1");
        TestClient english = server.client();

        OcpMessage taken = connect(english, "유저1", "en-US,en;q=0.9");

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.bodyText()).isEqualTo("That name is already in use");
        english.awaitClosed();

        TestClient bob = server.client();
        assertThat(connect(bob, "bob", "en").statusCode()).isEqualTo(200);
        OcpMessage refused = bob.request(OcpMessage.request(Methods.KICK, Targets.room("lobby"))
                .header(HeaderNames.NAME, "유저1")
                .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyText()).isEqualTo("Only the room's owner or the administrator can do that");

        TestClient french = server.client();
        assertThat(connect(french, "jean", "fr-FR, de").statusCode()).isEqualTo(200);
        OcpMessage notAdmin =
                french.request(OcpMessage.request(Methods.BANS, "/").build());
        assertThat(notAdmin.bodyText())
                .as("a language the server does not speak")
                .isEqualTo("관리자만 사용할 수 있습니다");

        TestClient admin = server.client();
        assertThat(connect(admin, Names.ADMINISTRATOR, "en").statusCode())
                .as("no key")
                .isEqualTo(403);
        server.console().awaitLineContaining("[CONNECT] bob"); // the console keeps the server's language
    }

    @Test
    void acceptLanguageIsReadByItsQValuesAsHttpReadsItWithQZeroNotAcceptable() {
        String[][] cases = { // Accept-Language, the name, the CONNECT answer's sentence
            {"ko;q=0, en", "유저1", "Connected as 유저1"},
            {"en;q=0.1, ko;q=0.9", "유저2", "유저2 접속 완료"},
            {"ko;q=0.5, en-GB;q=0.8", "유저3", "Connected as 유저3"},
            {"ko;q=0, *", "유저4", "Connected as 유저4"},
            {"fr, en;q=0", "유저5", "유저5 접속 완료"}, // nothing spoken is acceptable: the server's own
            {"en;q=abc", "유저6", "유저6 접속 완료"}, // not a list of ranges: ignored
        };
        TestClient split = server.client();
        OcpMessage splitAnswer = split.request(OcpMessage.request(Methods.CONNECT, Targets.room("lobby"))
                .headers(Headers.builder()
                        .add(HeaderNames.NAME, "유저0")
                        .add(HeaderNames.ACCEPT_LANGUAGE, "ko;q=0.5")
                        .add(HeaderNames.ACCEPT_LANGUAGE, "en")
                        .build())
                .build());
        assertThat(splitAnswer.bodyText()).as("a list split over two lines").isEqualTo("Connected as 유저0");
        split.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());

        for (String[] each : cases) {
            TestClient client = server.client();
            OcpMessage answer = connect(client, each[1], each[0]);
            client.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build()); // the lobby holds 5

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.bodyText()).as("Accept-Language: %s", each[0]).isEqualTo(each[2]);
        }
    }

    @Test
    void anEnglishMembersBrokenConnectionIsToldToTheRoomAndTheConsoleInTheServersLanguage() {
        TestClient other = server.joined("유저1");
        TestClient english = server.client();
        assertThat(connect(english, "enclose2", "en").statusCode()).isEqualTo(200);
        other.nextEvent(Methods.JOINED);

        english.close(); // no LEAVE

        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).isEqualTo("나가기 없이 연결이 끊김");
        assertThat(server.console().awaitLineContaining("enclose2 ("))
                .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: enclose2 (나가기 없이 연결이 끊김)");
    }

    @Test
    void everyDisconnectDetailOfAnEnglishMemberIsInTheServersLanguage() {
        TestClient other = server.joined("유저1");
        // What the pipeline reports when a member stops answering PING, fails TLS, or the server fails.
        Map<Throwable, String> causes = new LinkedHashMap<>();
        causes.put(ReadTimeoutException.INSTANCE, "90초 안에 PING 에 응답하지 않음");
        causes.put(new SSLException("bad certificate"), "TLS 연결 실패");
        causes.put(new IllegalStateException("a bug"), "서버 내부 오류");
        int i = 0;
        for (Map.Entry<Throwable, String> cause : causes.entrySet()) {
            String name = "english" + i++;
            TestClient english = server.client();
            assertThat(connect(english, name, "en").statusCode()).isEqualTo(200);
            other.nextEvent(Methods.JOINED);

            server.server().core().member(name).orElseThrow().link().pipeline().fireExceptionCaught(cause.getKey());

            OcpMessage left = other.nextEvent(Methods.LEFT);
            assertThat(left.header(HeaderNames.NAME)).contains(name);
            assertThat(left.bodyText()).as("after %s", cause.getKey()).isEqualTo(cause.getValue());
            assertThat(server.console().awaitLineContaining(name + " ("))
                    .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: " + name + " (" + cause.getValue() + ")");
            english.awaitClosed();
        }
    }

    @Test
    void aConnectToATargetThatIsNoRoomIsRefusedInItsOwnLanguageAndTheConnectionClosed() {
        TestClient english = server.client();

        OcpMessage refused = english.request(OcpMessage.request(Methods.CONNECT, "/")
                .header(HeaderNames.NAME, "x")
                .header(HeaderNames.ACCEPT_LANGUAGE, "en")
                .build());

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.bodyText()).isEqualTo("CONNECT goes to a room (/rooms/NAME): /");
        english.awaitClosed();
    }
}
