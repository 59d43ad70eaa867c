package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's KILL over OCP, end to end: the member told and closed, its rooms told, nothing banned. */
class KillTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage kill(TestClient by, String name, String reason) {
        return by.request(OcpMessage.request(Methods.KILL, "/")
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason)
                .build());
    }

    private static OcpMessage nextLeft(TestClient witness) {
        return witness.nextMatching(m -> m.method().equals(Methods.LEFT));
    }

    @Test
    void aKilledMemberIsToldWhyAndClosedEachOfItsRoomsIsToldAndItMayComeStraightBack() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient troll = server.joined("트롤");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        TestClient inLobby = server.joined("유저1");
        TestClient inStudy = server.joined("유저2");
        assertThat(inStudy.joinRoom("study").statusCode()).isEqualTo(200);

        OcpMessage answer = kill(admin, "트롤", "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("트롤");
        assertThat(answer.bodyText()).isEqualTo("트롤님의 접속을 끊었습니다");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.KILLED));
        assertThat(told.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("도배");
        troll.awaitClosed();
        OcpMessage lobbyLeft = nextLeft(inLobby);
        assertThat(lobbyLeft.target()).isEqualTo("/rooms/lobby");
        assertThat(lobbyLeft.header(HeaderNames.NAME)).contains("트롤");
        assertThat(lobbyLeft.header(HeaderNames.REASON)).contains("killed");
        assertThat(lobbyLeft.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(lobbyLeft.bodyText()).isEqualTo("도배");
        List<OcpMessage> bothRooms = List.of(nextLeft(inStudy), nextLeft(inStudy));
        assertThat(bothRooms).extracting(OcpMessage::target).containsExactlyInAnyOrder("/rooms/lobby", "/rooms/study");
        assertThat(bothRooms).allSatisfy(left -> {
            assertThat(left.header(HeaderNames.REASON)).contains("killed");
            assertThat(left.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        });
        server.console().awaitLine("[KILL] 트롤 (관리자: 채팅관리자) 도배");

        TestClient back = server.client();
        assertThat(back.join("트롤", null).statusCode()).as("nothing is banned").isEqualTo(200);
    }

    @Test
    void killByAMemberIsForbiddenAndAnUnknownNameIsNotFound() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient member = server.joined("유저1");
        server.joined("유저2");

        OcpMessage forbidden = kill(member, "유저2", "");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.header(HeaderNames.ERROR_CODE)).contains("admin-only");

        OcpMessage unknown = kill(admin, "아무도", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.header(HeaderNames.ERROR_CODE)).contains("no-such-member");
        assertThat(unknown.bodyText()).isEqualTo("그런 사용자가 없습니다: 아무도");
    }

    @Test
    void theAdministratorCannotKillItselfAsItCannotBeKicked() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage refused = kill(admin, Names.ADMINISTRATOR, "");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("admin-not-kickable");
        assertThat(refused.bodyText()).isEqualTo("관리자의 접속은 끊을 수 없습니다");
    }
}
