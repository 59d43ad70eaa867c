package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import openchat.cluster.RedisServer;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The terminal client on a node of a cluster, on a real {@code redis-server}. */
class ClusterClientTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void aNodeWhoseRedisLostItsMembersIsALostConnectionWithTheServersSentenceNotAStop() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                ClientRun client = ClientRun.start(
                        new ClientConfig("유저1", "127.0.0.1", node.port(), node.adminKeyFile(), Locale.KOREAN))) {
            client.awaitLine("유저1 접속 완료");

            redis.flushAll(); // as a Redis restarted without its data

            client.awaitLine("[알림] 클러스터가 이 서버의 접속 정보를 잃었습니다. 다시 연결해 주십시오.");
            client.awaitLine("서버와의 연결이 끊어졌습니다");
            client.type("여보세요?");
            client.awaitLine("메세지를 보낼수 없습니다. 다시 연결해주십시오");
            client.assertStillRunning();
            assertThat(client.lines()).as("the node did not stop").doesNotContain("서버가 종료되었습니다.");

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> redis.integer("SISMEMBER", "oc:nodes", "a") == 1); // the node registered anew
            client.type("/재접속");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> client.lines().stream()
                                    .filter(line -> line.equals("유저1 접속 완료"))
                                    .count()
                            == 2);
            client.type("/종료");
            assertThat(client.awaitExit()).isZero();
        }
    }
}
