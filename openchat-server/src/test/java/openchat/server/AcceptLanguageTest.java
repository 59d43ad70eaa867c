package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.timeout.ReadTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
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
