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

/**
 * A ban of a name over OCP keeps out the names that look like it, end to end: the administrator's BAN (at CONNECT, at
 * RENAME, for those connected, across a restart) and a room owner's BAN of a room (at JOIN and SEND).
 */
class LookalikeBansTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage ban(TestClient by, String target, String room) {
        return by.request(OcpMessage.request(Methods.BAN, room == null ? "/" : Targets.room(room))
                .header(HeaderNames.TARGET, target)
                .build());
    }

    private OcpMessage connectAs(String name) {
        TestClient client = server.client();
        OcpMessage answer = client.join(name, null);
        if (answer.statusCode() != 200) {
            client.awaitClosed();
        }
        client.close();
        return answer;
    }

    private static OcpMessage rename(TestClient who, String name) {
        return who.request(OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, name)
                .build());
    }

    @Test
    void aBannedNamesLookalikesAreRefusedAtConnectAndRenameThoseConnectedArePutOutAndARestartKeepsIt()
            throws Exception {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient lookalike = server.joined("tr0ll");
        TestClient witness = server.joined("유저1");

        OcpMessage answer = ban(admin, "troll", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.DISCONNECTED)).contains("1");
        lookalike.nextMatching(m -> m.method().equals(Methods.BANNED));
        lookalike.awaitClosed();
        server.console().awaitLine("[LEAVE] tr0ll (차단됨)");
        for (String name : new String[] {"TRO1L", "trolI", "Troll"}) {
            OcpMessage refused = connectAs(name);
            assertThat(refused.statusCode()).as(name).isEqualTo(403);
            assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("banned");
        }
        assertThat(rename(witness, "tr0ll").header(HeaderNames.ERROR_CODE)).contains("banned");
        assertThat(connectAs("trolls").statusCode()).isEqualTo(200);

        server.restart();
        assertThat(connectAs("tr0ll").statusCode())
                .as("a ban read from the database has its looks")
                .isEqualTo(403);
        TestClient again = server.joined(Names.ADMINISTRATOR);
        assertThat(again.request(OcpMessage.request(Methods.BANS, "/").build())
                        .bodyText()
                        .split("\n")[1])
                .as("listed as written")
                .startsWith("troll\tname\t");
        assertThat(again.request(OcpMessage.request(Methods.UNBAN, "/")
                                .header(HeaderNames.TARGET, "TROLL")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(connectAs("tr0ll").statusCode()).isEqualTo(200);
    }

    @Test
    void aRoomBansLookalikesCannotJoinAndOnePresentCannotSpeak() {
        TestClient owner = server.client();
        owner.connect("study", "owner", null);
        TestClient present = server.client();
        present.connect("study", "trolI", null); // a capital I: it looks like troll
        TestClient joining = server.joined("B0T_7");

        assertThat(ban(owner, "troll", "study").statusCode()).isEqualTo(200);
        assertThat(ban(owner, "bot*", "study").statusCode()).isEqualTo(200);

        OcpMessage silenced = present.request(OcpMessage.request(Methods.SEND, Targets.room("study"))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("still here")
                .build());
        assertThat(silenced.statusCode()).isEqualTo(403);
        assertThat(silenced.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        OcpMessage refused = joining.joinRoom("study");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(server.joined("robot").joinRoom("study").statusCode()).isEqualTo(200);
    }
}
