package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

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
