package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.cluster.LinkProxy;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
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
 * A change the node answered as not done (Redis's answer came after the node stopped waiting) that Redis had made
 * after all is set right once the answer comes: a JOIN's seat is given back, an away message set back, a RENAME's
 * member taken (it must connect again). Node {@code a} reaches Redis through a {@link LinkProxy} that holds back
 * Redis's replies on its commands' connection, then lets them through.
 */
class ClusterUndoTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final List<AutoCloseable> closing = new ArrayList<>();
    private LinkProxy proxy;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void start() throws Exception {
        redis.flushAll();
        proxy = new LinkProxy(redis.port());
        a = TestServer.start(c ->
                c.cluster(proxy.url()).nodeId("a").maxConnectionsPerAddress(100).floodControl(FloodControl.OFF));
        b = TestServer.start(c ->
                c.cluster(redis.url()).nodeId("b").maxConnectionsPerAddress(100).floodControl(FloodControl.OFF));
        closing.addAll(List.of(a, b, proxy));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable each : closing) {
            each.close();
        }
    }

    /** Node a's commands (its first connection through the proxy) get Redis's replies late, from now on. */
    private LinkProxy.Link repliesDelayed() {
        LinkProxy.Link commands = proxy.link(0);
        commands.delayReplies();
        return commands;
    }

    private long redisInteger(String... command) throws Exception {
        return redis.integer(command);
    }

    @Test
    void aJoinRedisMadeAfterTheNodeAnsweredItWasNotDoneGivesTheSeatBack() throws Exception {
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        assertThat(bob.joinRoom("study").statusCode()).isEqualTo(200);
        LinkProxy.Link commands = repliesDelayed();

        OcpMessage refused = alice.request(
                OcpMessage.request(Methods.JOIN, Targets.room("study")).build());
        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(503);
        assertThat(redisInteger("HEXISTS", "oc:room:study:members", "alice"))
                .as("Redis seated her all the same")
                .isEqualTo(1);

        commands.releaseReplies();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> redisInteger("HEXISTS", "oc:room:study:members", "alice") == 0);
        OcpMessage left = bob.nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.NAME).orElse("").equals("alice"));
        assertThat(left.target()).isEqualTo(Targets.room("study"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> alice.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                                        .build())
                                .statusCode()
                        == 200);
    }

    @Test
    void anAwayMessageRedisSetAfterTheNodeAnsweredItWasNotIsSetBack() throws Exception {
        TestClient alice = a.joined("alice");
        LinkProxy.Link commands = repliesDelayed();

        OcpMessage refused = alice.request(
                OcpMessage.request(Methods.AWAY, Targets.SERVER).body("점심").build());
        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(503);

        commands.releaseReplies();
        await().atMost(Duration.ofSeconds(15)).until(() -> awayLength() == "a\talice".length());
    }

    /** The length of alice's name record: {@code a\talice}, with {@code \tAWAY} after it while she is away. */
    private long awayLength() throws Exception {
        return redisInteger("EVAL", "return #redis.call('GET', KEYS[1])", "1", "oc:name:alice");
    }

    @Test
    void aRenameRedisMadeAfterTheNodeAnsweredItWasNotTakesTheMemberWhoMustConnectAgain() throws Exception {
        TestClient alice = a.joined("alice");
        LinkProxy.Link commands = repliesDelayed();

        OcpMessage refused = alice.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                .header(HeaderNames.NAME, "alicia")
                .build());
        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(503);

        commands.releaseReplies();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> redisInteger("EXISTS", "oc:name:alice", "oc:name:alicia") == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> !alice.isOpen());
        assertThat(b.client().join("alicia", null).statusCode())
                .as("the new name is free again")
                .isEqualTo(200);
    }
}
