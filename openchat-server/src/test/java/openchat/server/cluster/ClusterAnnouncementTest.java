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
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The administrator's announcement on a cluster: through the store to every node's members, or to no one. */
class ClusterAnnouncementTest {
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
            node.close();
        }
    }

    private TestServer node(String id) {
        TestServer node = TestServer.start(
                c -> c.cluster(redis.url()).nodeId(id).maxUsers(20).floodControl(FloodControl.OFF));
        nodes.add(node);
        return node;
    }

    private static OcpMessage announce(TestClient by, String text) {
        return by.request(OcpMessage.request(Methods.ANNOUNCE, Targets.SERVER)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
    }

    private static boolean isNotice(OcpMessage message) {
        return message.isRequest() && message.method().equals(Methods.NOTICE);
    }

    @Test
    void anAnnouncementMadeOnOneNodeReachesEveryMemberOfEveryNodeOnceAndEachConsoleSaysSo() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient onA = a.joined("alice");
        TestClient onB = b.client();
        assertThat(onB.connect("games", "bob", null).statusCode()).isEqualTo(200);

        OcpMessage answer = announce(admin, "서버 점검이 10분 후에 있습니다");

        assertThat(answer.statusCode()).isEqualTo(200);
        for (TestClient member : new TestClient[] {admin, onA, onB}) {
            OcpMessage notice = member.nextMatching(ClusterAnnouncementTest::isNotice);
            assertThat(notice.header(HeaderNames.FROM)).contains(Names.ADMINISTRATOR);
            assertThat(notice.bodyText()).isEqualTo("서버 점검이 10분 후에 있습니다");
        }
        a.console().awaitLine("[ANNOUNCE] 채팅관리자 → 접속자 2명: 서버 점검이 10분 후에 있습니다");
        b.console().awaitLine("[ANNOUNCE] 채팅관리자 → 접속자 1명: 서버 점검이 10분 후에 있습니다");
        onB.request(OcpMessage.request(Methods.PING, Targets.SERVER).build()); // a barrier: a second copy by now
        assertThat(onB.events()).as("told once").noneMatch(ClusterAnnouncementTest::isNotice);
    }

    @Test
    void whileTheStoreIsOutOfReachAnAnnouncementIsRefused503AndReachesNoOne() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient onB = b.joined("bob");

        redis.stop();
        try {
            admin.nextMatching(ClusterAnnouncementTest::isNotice); // rooms are read-only
            onB.nextMatching(ClusterAnnouncementTest::isNotice);
            OcpMessage refused = announce(admin, "점검");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("unavailable");
        } finally {
            redis.start();
        }
        assertThat(onB.nextMatching(ClusterAnnouncementTest::isNotice).bodyText())
                .as("the store back: the node's own notice, not the refused announcement")
                .doesNotContain("점검");
        assertThat(onB.events())
                .noneMatch(m -> isNotice(m) && m.header(HeaderNames.FROM).isPresent());
    }
}
