package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over OCP, end to end: a name that looks like a connected member's (the same {@code Names.skeleton}) is refused 409
 * {@code name-lookalike}, naming that member, and one that looks like a reserved name 400, naming it; the holder may
 * take any spelling of its own look.
 */
class LookalikeNamesTest {
    /** {@code аӏісе}: every letter Cyrillic, U+0430 U+04CF U+0456 U+0441 U+0435 (the user trial's). */
    private static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage connect(String name, String language) {
        return OcpMessage.request(Methods.CONNECT, Targets.room("lobby"))
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.ACCEPT_LANGUAGE, language)
                .build();
    }

    private static OcpMessage rename(TestClient client, String name) {
        return client.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                .header(HeaderNames.NAME, name)
                .build());
    }

    @Test
    void aConnectWithANameThatLooksLikeAConnectedMembersIsRefusedNamingThatMember() {
        server.joined("alice");
        server.joined("webcarol");

        TestClient impostor = server.client();
        OcpMessage cyrillic = impostor.request(connect(CYRILLIC_ALICE, "ko"));
        OcpMessage smallCapital = server.client().request(connect("\u1D21ebcarol", "en"));

        assertThat(cyrillic.statusCode()).isEqualTo(409);
        assertThat(cyrillic.header(HeaderNames.ERROR_CODE)).contains("name-lookalike");
        assertThat(cyrillic.header(HeaderNames.NAME))
                .as("the member it looks like")
                .contains("alice");
        assertThat(cyrillic.bodyText()).isEqualTo("접속해 있는 alice 님의 이름과 너무 닮은 이름입니다. 다른 이름을 골라 주십시오");
        impostor.awaitClosed();
        assertThat(smallCapital.statusCode()).isEqualTo(409);
        assertThat(smallCapital.header(HeaderNames.NAME)).contains("webcarol");
        assertThat(smallCapital.bodyText())
                .isEqualTo("That name looks too much like that of webcarol, who is connected. Choose another");
        assertThat(server.lobbyNames()).containsExactly("alice", "webcarol");
        assertThat(server.client().join("a1ice", null).header(HeaderNames.NAME))
                .as("UTS #39: a digit one looks like a small L")
                .contains("alice");
    }

    @Test
    void aNameThatLooksLikeAReservedOneIsRefusedSayingWhich() {
        OcpMessage sysop = server.client().request(connect("\u0455\u0443\u0455\u043E\u0440", "en"));
        OcpMessage admin = server.client().request(connect("\u0251dmin", "ko"));

        assertThat(sysop.statusCode()).isEqualTo(400);
        assertThat(sysop.header(HeaderNames.ERROR_CODE)).contains("invalid-name");
        assertThat(sysop.bodyText())
                .isEqualTo("Invalid name: it looks too much like 'sysop', a name the chat keeps for itself");
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 채팅이 따로 남겨 둔 이름인 'admin'와(과) 너무 닮았습니다");
    }

    @Test
    void theHolderMayRespellItsOwnLookAndNoOneElseMayTakeIt() {
        TestClient alice = server.joined("alice");
        TestClient bob = server.joined("bob");

        assertThat(rename(alice, "Alice").statusCode()).isEqualTo(200);
        assertThat(rename(alice, "a1ice").statusCode())
                .as("another name of its own look")
                .isEqualTo(200);
        OcpMessage refused = rename(bob, CYRILLIC_ALICE);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("name-lookalike");
        assertThat(refused.header(HeaderNames.NAME)).contains("a1ice");
        assertThat(bob.isOpen()).as("a refused rename keeps the member").isTrue();
        assertThat(rename(bob, "alice").header(HeaderNames.NAME))
                .as("alice's name is free, its look is not")
                .contains("a1ice");
        assertThat(server.lobbyNames()).containsExactly("a1ice", "bob");
    }

    @Test
    void aLookIsFreeOnceItsMemberLeaves() {
        TestClient alice = server.joined("alice");
        alice.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());
        alice.awaitClosed();

        assertThat(server.client().join(CYRILLIC_ALICE, null).statusCode()).isEqualTo(200);
    }
}
