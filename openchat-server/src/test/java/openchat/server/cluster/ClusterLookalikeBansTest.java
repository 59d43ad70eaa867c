package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

/**
 * Two nodes on one real {@code redis-server}: a ban of a name keeps out the names that look like it on every node, the
 * server's (checked by each node against the bans it loaded from Redis) and a room's (checked by Redis's scripts,
 * against the looks kept with the ban), and a room's ban kept before looks is given them as a node starts.
 */
class ClusterLookalikeBansTest {
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
        TestServer node = TestServer.start(c -> c.cluster(redis.url())
                .nodeId(id)
                .maxUsers(20)
                .maxConnectionsPerAddress(200)
                .floodControl(FloodControl.OFF));
        nodes.add(node);
        return node;
    }

    /** {@code name} connected to {@code node} from the loopback address {@code from}, into {@code room}. */
    private static TestClient in(TestServer node, String from, String name, String room) {
        TestClient client = TestClient.connectFrom(from, "127.0.0.1", node.port());
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    private static OcpMessage roomBan(TestClient by, String target) {
        return by.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                .header(HeaderNames.TARGET, target)
                .build());
    }

    /** The number of tab-separated fields of a room's ban as Redis keeps it: 10 with its looks, 9 without. */
    private static long fieldsKept(String slot) throws Exception {
        return redis.integer(
                "EVAL",
                "local v = redis.call('HGET', KEYS[1], ARGV[1]) return v and select(2, string.gsub(v, '\\t', '')) + 1"
                        + " or 0",
                "1",
                "oc:room:study:bans",
                slot);
    }

    @Test
    void aServerBanMadeOnOneNodePutsOutAndKeepsOutItsLookalikesOnAnother() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        TestClient lookalike = b.joined("tr0ll");

        assertThat(admin.ban("troll", "3600", "").statusCode()).isEqualTo(200);

        lookalike.nextMatching(m -> m.method().equals(Methods.BANNED));
        lookalike.awaitClosed();
        for (String name : new String[] {"TRO1L", "trolI"}) {
            // Until the cluster has freed tr0ll's look, a look-alike is refused as one (409): await the ban's 403.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(b.client().join(name, null).header(HeaderNames.ERROR_CODE))
                            .as(name)
                            .contains("banned"));
            assertThat(a.client().join(name, null).header(HeaderNames.ERROR_CODE))
                    .contains("banned");
        }
    }

    @Test
    void aRoomBanKeepsOutTheLookalikesOfItsNameOnEveryNodeAndSilencesThoseInTheRoom() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "owner", "study");
        TestClient present = in(b, "127.0.0.2", "trolI", "study"); // a capital I: it looks like troll
        TestClient joining = in(b, "127.0.0.3", "B0T_7", "lobby");

        assertThat(roomBan(owner, "troll").statusCode()).isEqualTo(200);
        assertThat(roomBan(owner, "bot*").statusCode()).isEqualTo(200);
        assertThat(fieldsKept("name:troll")).as("kept with its looks").isEqualTo(10);

        present.nextMatching(m -> m.method().equals(Methods.BAN));
        OcpMessage silenced = present.request(OcpMessage.request(Methods.SEND, Targets.room("study"))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("still here")
                .build());
        assertThat(silenced.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(joining.joinRoom("study").header(HeaderNames.ERROR_CODE))
                .as("the mask by the name's look")
                .contains("room-banned");
        assertThat(in(a, "127.0.0.4", "robot", "lobby").joinRoom("study").statusCode())
                .isEqualTo(200);

        assertThat(owner.request(OcpMessage.request(Methods.UNBAN, Targets.room("study"))
                                .header(HeaderNames.TARGET, "TROLL")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        present.sayIn("study", "back");
        owner.nextMatching(
                m -> m.method().equals(Methods.MESSAGE) && m.bodyText().equals("back"));
    }

    @Test
    void aRoomBanKeptBeforeLooksIsGivenThemAsANodeStartsAndThenKeepsOutLookalikes() throws Exception {
        // As a node of a version before looks kept it: its end, its address and the ban, no looks.
        redis.integer(
                "EVAL",
                """
                redis.call('HSET', KEYS[1], 'name:troll', '\\t\\tname\\ttroll\\tTroll\\towner\\t2020-01-01T00:00Z\\t\\t')
                redis.call('ZADD', KEYS[2], 1, 'study\\nname:troll')
                return 1
                """,
                "2",
                "oc:room:study:bans",
                "oc:room-bans");
        assertThat(fieldsKept("name:troll")).isEqualTo(9);

        TestServer a = node("a");

        assertThat(fieldsKept("name:troll")).isEqualTo(10);
        assertThat(in(a, "127.0.0.2", "tr0ll", "lobby").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .contains("room-banned");
        assertThat(in(a, "127.0.0.3", "Troll_", "lobby").joinRoom("study").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRoomBanKeptWithTheLooksOfAnOlderVersionIsGivenThoseOfNowAsANodeStarts() throws Exception {
        // As a node of the version before the looks of a name in capitals kept it: alice's look in small letters only.
        redis.integer(
                "EVAL",
                """
                redis.call('HSET', KEYS[1], 'name:alice',
                    '\\t\\tname\\talice\\talice\\towner\\t2020-01-01T00:00Z\\t\\t\\talice')
                redis.call('ZADD', KEYS[2], 1, 'study\\nname:alice')
                return 1
                """,
                "2",
                "oc:room:study:bans",
                "oc:room-bans");

        TestServer a = node("a");

        assertThat(redis.integer(
                        "EVAL",
                        "local v = redis.call('HGET', KEYS[1], ARGV[1])"
                                + " return string.sub(v, -string.len(ARGV[2])) == ARGV[2] and 1 or 0",
                        "1",
                        "oc:room:study:bans",
                        "name:alice",
                        "\talice allce"))
                .as("kept with the looks of alice as written and in capitals")
                .isEqualTo(1);
        assertThat(in(a, "127.0.0.2", "AL1CE", "lobby").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .contains("room-banned");
        assertThat(in(a, "127.0.0.3", "alicia", "lobby").joinRoom("study").statusCode())
                .isEqualTo(200);
    }
}
