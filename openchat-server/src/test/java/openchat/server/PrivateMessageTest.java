package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PRIVATE: one member to another by name, in any room or none, never stored. */
class PrivateMessageTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage privateTo(String name, String text, String requestId) {
        return OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.TO, name)
                .header(HeaderNames.REQUEST_ID, requestId)
                .body(text)
                .build();
    }

    @Test
    void privateMessageReachesOnlyTheNamedMemberInAnotherRoom() {
        TestClient sender = server.joined("유저1");
        TestClient bystander = server.joined("유저2");
        TestClient recipient = server.client();
        recipient.connect("study", "유저3", null);

        OcpMessage answer = sender.request(privateTo("유저3", "비밀이야", "p1"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.TO)).contains("유저3");
        assertThat(answer.header(HeaderNames.DATE)).isPresent();
        OcpMessage received = recipient.nextEvent(Methods.PRIVATE);
        assertThat(received.header(HeaderNames.FROM)).contains("유저1");
        assertThat(received.header(HeaderNames.TO)).contains("유저3");
        assertThat(received.bodyText()).isEqualTo("비밀이야");
        // The bystander shares the sender's room: its next event is this public line, not the private one.
        sender.say("공개");
        assertThat(bystander.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("공개");
        // The console prints in order: once the public line is there, a private line would be there too.
        server.console().awaitLineContaining("유저1 : 공개");
        assertThat(server.console().lines()).noneMatch(line -> line.contains("비밀이야"));
    }

    @Test
    void privateMessageIsNotStoredInAnyHistory() {
        TestClient sender = server.joined("유저1");
        TestClient recipient = server.joined("유저2");

        sender.request(privateTo("유저2", "비밀", "p1"));
        recipient.nextEvent(Methods.PRIVATE);

        OcpMessage history = recipient.request(
                OcpMessage.request(Methods.HISTORY, "/rooms/lobby").build());
        assertThat(history.header(HeaderNames.COUNT)).contains("0");
    }

    @Test
    void privateMessageToANameNobodyHasGets404() {
        TestClient sender = server.joined("유저1");

        OcpMessage answer = sender.request(privateTo("없는사람", "여보세요", "p1"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyText()).isEqualTo("그런 사용자가 없습니다: 없는사람");
        assertThat(sender.isOpen()).isTrue();
    }

    @Test
    void aPrivateMessageOrInvitationToAnOldNameGets404SayingTheNameItsHolderTookSince() {
        TestClient sender = server.joined("유저1");
        TestClient tom = server.joined("tom");
        assertThat(tom.rename("tommy").statusCode()).isEqualTo(200);

        OcpMessage answer = sender.request(privateTo("tom", "hello", "p1"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.header(HeaderNames.NEW_NAME)).contains("tommy");
        assertThat(answer.bodyText()).isEqualTo("그런 사용자가 없습니다: tom (지금 이름: tommy)");
        OcpMessage invited = sender.request(OcpMessage.request(Methods.INVITE, "/rooms/lobby")
                .header(HeaderNames.NAME, "tom")
                .build());
        assertThat(invited.statusCode()).isEqualTo(404);
        assertThat(invited.header(HeaderNames.NEW_NAME)).contains("tommy");
        assertThat(sender.request(privateTo("없는사람", "hello", "p2")).header(HeaderNames.NEW_NAME))
                .as("a name nobody gave up by a rename")
                .isEmpty();
    }

    @Test
    void privateMessageWithoutToGets400AndKeepsTheConnection() {
        TestClient sender = server.joined("유저1");

        OcpMessage answer = sender.request(OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.REQUEST_ID, "p1")
                .body("누구에게?")
                .build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyText()).isEqualTo("To 필드가 필요합니다");
        assertThat(sender.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
    }
}
