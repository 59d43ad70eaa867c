package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The administrator's KILL on two nodes of one real {@code redis-server}, as on a single server (KillTest): a member of
 * either node is told, closed by its own node, and may come straight back; every room it was in, on every node, is
 * told it left killed, by whom and why; the same refusals.
 */
class ClusterKillTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final List<TestServer> nodes = new ArrayList<>();

    @BeforeEach
    void emptyStore() throws Exception {
        redis.flushAll();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (TestServer node : nodes) {
            if (!node.server().terminated().isDone()) {
                node.close();
            }
        }
    }

    private TestServer node(String id) {
        TestServer node = TestServer.start(c ->
                c.cluster(redis.url()).nodeId(id).maxConnectionsPerAddress(200).floodControl(FloodControl.OFF));
        nodes.add(node);
        return node;
    }

    private static OcpMessage kill(TestClient by, String name, String reason) {
        return by.request(OcpMessage.request(Methods.KILL, "/")
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason)
                .build());
    }

    private static void assertKilledLeave(OcpMessage left, String room, String name, String reason) {
        assertThat(left.target()).isEqualTo("/rooms/" + room);
        assertThat(left.header(HeaderNames.NAME)).contains(name);
        assertThat(left.header(HeaderNames.REASON)).contains("killed");
        assertThat(left.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(left.bodyText()).isEqualTo(reason);
    }

    private static OcpMessage nextLeft(TestClient witness) {
        return witness.nextMatching(m -> m.method().equals(Methods.LEFT));
    }

    @Test
    void aMemberOfAnotherNodeKilledIsToldAndClosedEveryNodesRoomsSeeItLeaveKilledAndItMayComeStraightBack() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient troll = b.joined("트롤");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        TestClient inLobbyOnA = a.joined("유저1");
        TestClient inStudyOnB = b.joined("유저2");
        assertThat(inStudyOnB.joinRoom("study").statusCode()).isEqualTo(200);

        OcpMessage answer = kill(admin, "트롤", "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("트롤");
        assertThat(answer.bodyText()).isEqualTo("트롤님의 접속을 끊었습니다");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.KILLED));
        assertThat(told.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("도배");
        troll.awaitClosed();
        assertKilledLeave(nextLeft(inLobbyOnA), "lobby", "트롤", "도배");
        List<OcpMessage> bothRooms = List.of(nextLeft(inStudyOnB), nextLeft(inStudyOnB));
        assertThat(bothRooms).extracting(OcpMessage::target).containsExactlyInAnyOrder("/rooms/lobby", "/rooms/study");
        bothRooms.forEach(left -> assertKilledLeave(left, left.target().substring(7), "트롤", "도배"));
        a.console().awaitLine("[KILL] 트롤 (관리자: 채팅관리자) 도배");
        b.console().awaitLine("[KILL] 트롤 (관리자: 채팅관리자) 도배");

        assertThat(a.client().join("트롤", null).statusCode())
                .as("nothing is banned, and the name is free on every node")
                .isEqualTo(200);
    }

    @Test
    void aMemberOfTheAdministratorsOwnNodeKilledLeavesKilledByItOnTheOtherNodeToo() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient troll = a.joined("트롤");
        TestClient onB = b.joined("유저1");

        OcpMessage answer = kill(admin, "트롤", "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("트롤님의 접속을 끊었습니다");
        assertThat(troll.nextMatching(m -> m.method().equals(Methods.KILLED)).bodyText())
                .isEmpty();
        troll.awaitClosed();
        assertKilledLeave(nextLeft(onB), "lobby", "트롤", "");
        a.console().awaitLine("[KILL] 트롤 (관리자: 채팅관리자)");
        assertThat(b.client().join("트롤", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMembersKillIsForbiddenANameConnectedNowhereIsNotFoundAndTheAdministratorsOwnIsRefusedAsOnASingleServer() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient member = a.joined("유저1");
        TestClient other = b.joined("유저2");
        TestClient admin = a.joined(Names.ADMINISTRATOR);

        OcpMessage forbidden = kill(member, "유저2", "");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.header(HeaderNames.ERROR_CODE)).contains("admin-only");

        OcpMessage unknown = kill(admin, "아무도", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.header(HeaderNames.ERROR_CODE)).contains("no-such-member");
        assertThat(unknown.bodyText()).isEqualTo("그런 사용자가 없습니다: 아무도");

        OcpMessage itself = kill(admin, Names.ADMINISTRATOR, "");
        assertThat(itself.statusCode()).isEqualTo(403);
        assertThat(itself.header(HeaderNames.ERROR_CODE)).contains("admin-not-kickable");
        assertThat(itself.bodyText()).isEqualTo("관리자의 접속은 끊을 수 없습니다");

        other.say("아직 여기");
        assertThat(member.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("아직 여기");
    }

    @Test
    void aMemberOfANodeThatStoppedAnsweringIsNotKilledAndTheAdministratorIsToldItsNodeIsUnreachable() throws Exception {
        TestServer a = node("a");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        // The name as a node that died holds it until the sweep frees it: its alive key gone.
        assertThat(redis.integer("SETNX", "oc:name:ghost", "dead\tghost")).isEqualTo(1);

        OcpMessage answer = kill(admin, "ghost", "");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.header(HeaderNames.ERROR_CODE)).contains("unreachable");
        assertThat(answer.bodyText()).startsWith("ghost님이 접속한 서버 노드가 응답하지 않아");
        assertThat(redis.integer("EXISTS", "oc:node:dead:inbox"))
                .as("no order left for no one")
                .isZero();
    }
}
