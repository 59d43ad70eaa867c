package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import openchat.cluster.RedisServer;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The terminal client on a node of a cluster, on a real {@code redis-server} (append-only, so that one stopped and
 * started again is a Redis outage, not a Redis that lost its data).
 */
class ClusterClientTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.appendOnly();

    /**
     * A command the node refuses while its rooms are read-only (503 {@code unavailable} with {@code Retry-After}: it
     * did nothing) is waited out and sent again, as a command refused for its pace is, the line typed after it waiting
     * behind it: it is said in the room the command entered, once Redis is back.
     */
    @Test
    void aCommandRefusedWhileTheRoomsAreReadOnlyWaitsAndGoesAgainOnceRedisIsBack() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                ClientRun client = ClientRun.start(
                        new ClientConfig("유저1", "127.0.0.1", node.port(), node.adminKeyFile(), Locale.KOREAN))) {
            client.awaitLine("유저1 접속 완료");
            redis.stop();
            try {
                client.awaitLine("[알림] 클러스터 저장소에 연결할 수 없어 지금은 채팅방이 읽기 전용입니다. 다시 연결되면 알려 드립니다.");

                client.type("/입장 study");
                client.type("study에서 하는 말");

                client.awaitLine("지금은 채팅방이 읽기 전용이어서 5초 뒤에 다시 보냅니다 (5번까지): /입장 study");
            } finally {
                redis.start(); // for the next test too, should this one fail
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> client.lines().contains("[study] 방에 들어왔습니다 (1/5명)"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.lines().stream().anyMatch(line -> line.endsWith("유저1 : study에서 하는 말")));
            assertThat(client.lines())
                    .as("nothing refused, dropped or given up")
                    .noneMatch(line ->
                            line.contains("읽기 전용입니다 (") || line.contains("보내지 않았습니다") || line.contains("보내지 못했습니다"));
            assertThat(node.server().core().room("study").owner())
                    .as("the join was carried out")
                    .isEqualTo("유저1");
            client.type("/종료");
            assertThat(client.awaitExit()).isZero();
        }
    }

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
