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

/** A room's member limit over OCP, end to end: LIMIT /rooms/NAME with Limit or Clear, its event, joins past it. */
class RoomLimitTest {
    private final TestServer server = TestServer.start(c -> c.maxUsers(4));

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage limit(TestClient by, String room, String limit) {
        return by.request(OcpMessage.request(Methods.LIMIT, Targets.room(room))
                .header(HeaderNames.LIMIT, limit)
                .build());
    }

    private static OcpMessage reset(TestClient by, String room) {
        return by.request(OcpMessage.request(Methods.LIMIT, Targets.room(room))
                .header(HeaderNames.CLEAR, "true")
                .build());
    }

    private TestClient in(String room, String name) {
        TestClient client = server.client();
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    private String list(TestClient by) {
        return by.request(OcpMessage.request(Methods.LIST, Targets.SERVER).build())
                .bodyText();
    }

    @Test
    void anOwnersLimitRefusesTheNextJoinerAsAFullRoomAndTheRoomIsTold() {
        TestClient owner = in("study", "철수");
        TestClient member = in("study", "영희");

        OcpMessage answer = limit(owner, "study", "2");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(answer.bodyText()).isEqualTo("방 인원 제한을 2명으로 정했습니다");
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.LIMIT));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(told.header(HeaderNames.CLEAR)).isEmpty();

        OcpMessage refused = server.joined("민수").joinRoom("study");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-full");
        assertThat(refused.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(refused.bodyText()).isEqualTo("방이 가득 찼습니다 (2/2)");
        assertThat(list(owner)).contains("study\t2\t2\t철수\t\tfalse\n");
        server.console().awaitLineContaining("[LIMIT] study: 최대 2명 (철수)");
    }

    @Test
    void membersOverANewLimitStayAndOnlyWhenFewerAreThereMayAnotherJoin() {
        TestClient owner = in("study", "철수");
        TestClient second = in("study", "영희");
        in("study", "민수");

        assertThat(limit(owner, "study", "1").statusCode()).isEqualTo(200);

        assertThat(list(owner)).as("three stay over a limit of 1").contains("study\t3\t1\t철수\t\tfalse\n");
        assertThat(owner.request(OcpMessage.request(Methods.WHO, Targets.room("study"))
                                .build())
                        .header(HeaderNames.MEMBERS))
                .contains("3");
        assertThat(server.joined("지수").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .contains("room-full");
        assertThat(limit(owner, "study", "3").statusCode()).isEqualTo(200);
        assertThat(second.request(OcpMessage.request(Methods.PART, Targets.room("study"))
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.joined("수진").joinRoom("study").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerOrTheAdministratorMaySetTheLimitAndNeverAboveTheServers() {
        TestClient owner = in("study", "철수");
        TestClient member = in("study", "영희");
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage notOwner = limit(member, "study", "2");
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(notOwner.header(HeaderNames.ERROR_CODE)).contains("not-moderator");

        OcpMessage over = limit(owner, "study", "5");
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.header(HeaderNames.ERROR_CODE)).contains("invalid-limit");
        assertThat(over.header(HeaderNames.CAPACITY)).contains("4");
        assertThat(over.bodyText()).isEqualTo("방 인원 제한은 1에서 4 사이여야 합니다: 5");
        assertThat(limit(owner, "study", "0").header(HeaderNames.ERROR_CODE)).contains("invalid-limit");
        assertThat(limit(owner, "study", "99999999999").header(HeaderNames.ERROR_CODE))
                .contains("invalid-limit");
        assertThat(limit(owner, "study", "셋").statusCode()).isEqualTo(400);
        OcpMessage neither = owner.request(
                OcpMessage.request(Methods.LIMIT, Targets.room("study")).build());
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.bodyText()).isEqualTo("인원(Limit)이나 되돌리기(Clear: true) 중 하나를 보내 주십시오");

        OcpMessage byAdmin = limit(admin, "study", "3");
        assertThat(byAdmin.statusCode()).as("from outside the room").isEqualTo(200);
        assertThat(list(owner)).contains("study\t2\t3\t철수\t\tfalse\n");
    }

    @Test
    void clearGivesTheRoomBackTheServersCapacity() {
        TestClient owner = in("study", "철수");
        TestClient member = in("study", "영희");
        assertThat(limit(owner, "study", "2").statusCode()).isEqualTo(200);
        member.nextMatching(m -> m.method().equals(Methods.LIMIT));

        OcpMessage answer = reset(owner, "study");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("4");
        assertThat(answer.bodyText()).isEqualTo("방 인원 제한을 서버의 4명으로 되돌렸습니다");
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.LIMIT));
        assertThat(told.header(HeaderNames.CLEAR)).contains("true");
        assertThat(told.header(HeaderNames.CAPACITY)).contains("4");
        assertThat(server.joined("민수").joinRoom("study").statusCode()).isEqualTo(200);
        server.console().awaitLineContaining("[LIMIT] study: 서버 기본값 4명으로 (철수)");
    }

    @Test
    void anEmptiedRoomForgetsItsLimit() {
        TestClient owner = in("study", "철수");
        assertThat(limit(owner, "study", "1").statusCode()).isEqualTo(200);
        assertThat(owner.request(OcpMessage.request(Methods.PART, Targets.room("study"))
                                .build())
                        .statusCode())
                .isEqualTo(200);

        TestClient again = server.joined("영희");
        assertThat(again.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(server.joined("민수").joinRoom("study").statusCode())
                .as("the room made again holds the server's capacity")
                .isEqualTo(200);
        assertThat(list(again)).contains("study\t2\t4\t영희\t\tfalse\n");
    }
}
