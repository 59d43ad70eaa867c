package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.config.ServerText;
import openchat.server.config.StartRefusal;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's Redis going away and coming back (an append-only Redis, restarted as an operator would): nodes keep
 * their connections, tell their members the rooms are read-only, refuse lines with 503 and Retry-After meanwhile,
 * and resume from the streams with no gap when it is back.
 */
class ClusterOutageTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.appendOnly();

    private static TestServer node(String id) {
        return TestServer.start(c ->
                c.cluster(redis.url()).nodeId(id).maxConnectionsPerAddress(100).floodControl(FloodControl.OFF));
    }

    /** The node's {@code /metrics}, as Prometheus scrapes it from loopback. */
    private static String metrics(TestServer node) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static OcpMessage send(TestClient client, String id, String text) {
        return client.request(OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                .header(HeaderNames.REQUEST_ID, id)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
    }

    @Test
    void whileRedisIsDownMembersAreToldAndLinesAreRefusedWithRetryAfterThenAllResumes() throws Exception {
        redis.flushAll();
        try (TestServer a = node("a");
                TestServer b = node("b")) {
            TestClient admin = a.joined(openchat.core.Names.ADMINISTRATOR);
            assertThat(admin.ban("troll", "3600", "").statusCode()).isEqualTo(200);
            TestClient alice = a.joined("alice");
            TestClient bob = b.joined("bob");
            alice.nextEvent(Methods.JOINED);
            assertThat(send(alice, "1", "before").statusCode()).isEqualTo(200);
            long before = Long.parseLong(
                    bob.nextEvent(Methods.MESSAGE).header(HeaderNames.SEQ).orElseThrow());

            redis.stop();
            OcpMessage readOnly = bob.nextMatching(m -> m.method().equals(Methods.NOTICE));
            assertThat(readOnly.bodyText()).contains("읽기 전용");
            alice.nextMatching(m -> m.method().equals(Methods.NOTICE));
            OcpMessage refused = send(alice, "2", "during");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header(HeaderNames.RETRY_AFTER)).isPresent();
            OcpMessage away = alice.request(
                    OcpMessage.request(Methods.AWAY, "/").body("점심").build());
            assertThat(away.statusCode()).as("AWAY needs the store too").isEqualTo(503);
            OcpMessage ban = admin.ban("spammer", "60", "");
            assertThat(ban.statusCode())
                    .as("a ban must reach every node: refused until it can")
                    .isEqualTo(503);
            assertThat(ban.header(HeaderNames.ERROR_CODE)).contains("unavailable");
            assertThat(a.server().problems()).anyMatch(p -> p.contains("Redis"));
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(metrics(a)).contains("openchat_cluster_store_reachable 0.0"));

            redis.start();
            assertThat(bob.nextMatching(m -> m.method().equals(Methods.NOTICE)).bodyText())
                    .contains("다시 연결");
            assertThat(alice.nextMatching(m -> m.method().equals(Methods.NOTICE))
                            .bodyText())
                    .contains("다시 연결");
            assertThat(send(alice, "3", "after").statusCode()).isEqualTo(200);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(metrics(a)).contains("openchat_cluster_store_reachable 1.0"));
            OcpMessage stillBanned = b.client().join("troll", null);
            assertThat(stillBanned.statusCode()).as("read again once back").isEqualTo(403);
            assertThat(b.client().join("spammer", null).statusCode())
                    .as("the refused ban was not made")
                    .isEqualTo(200);
            OcpMessage after = bob.nextEvent(Methods.MESSAGE);
            assertThat(after.bodyText()).isEqualTo("after");
            assertThat(Long.parseLong(after.header(HeaderNames.SEQ).orElseThrow()))
                    .as("the room's sequence goes on where it was")
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aRedisRestartMidTrafficLosesNoAcceptedLineAndDuplicatesNone() throws Exception {
        redis.flushAll();
        try (TestServer a = node("a");
                TestServer b = node("b")) {
            TestClient sender = a.joined("sender");
            TestClient receiver = b.joined("receiver");
            sender.nextEvent(Methods.JOINED);
            List<Integer> accepted = new CopyOnWriteArrayList<>();
            CountDownLatch hundredAccepted = new CountDownLatch(100); // the restart falls mid-traffic
            CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (int i = 0; accepted.size() < 500 && System.nanoTime() < deadline; i++) {
                    OcpMessage answer = send(sender, String.valueOf(i), "line " + i);
                    if (answer.statusCode() == 200) {
                        accepted.add(i);
                        hundredAccepted.countDown();
                    } else {
                        assertThat(answer.statusCode())
                                .as("refused while Redis is away")
                                .isEqualTo(503);
                    }
                }
            });
            assertThat(hundredAccepted.await(30, TimeUnit.SECONDS)).isTrue();
            redis.restart();
            talking.get(90, TimeUnit.SECONDS);

            assertThat(accepted).hasSize(500);
            Set<Integer> heard = new HashSet<>();
            int last = -1;
            while (!heard.containsAll(accepted)) {
                OcpMessage event = receiver.next();
                if (!event.method().equals(Methods.MESSAGE)) {
                    continue;
                }
                int line = Integer.parseInt(event.bodyText().substring("line ".length()));
                assertThat(line).as("in the order sent").isGreaterThan(last);
                assertThat(heard.add(line)).as("line %d once", line).isTrue();
                last = line;
            }
            assertThat(a.server().problems()).isEmpty();
        }
    }

    @Test
    void aNodeThatCannotReachRedisAtStartSaysSo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        TestServer.start(c -> c.cluster("redis://127.0.0.1:1").nodeId("x")))
                .hasMessageContaining("cannot reach the cluster's Redis at redis://127.0.0.1:1")
                .hasMessageContaining("nothing accepts connections there");
    }

    @Test
    void aNodeGivenADatabaseItsRedisDoesNotHaveSaysWhichInItsLanguage() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> TestServer.start(c -> c.cluster(redis.url() + "/16").nodeId("x")));
        assertThat(failure).hasCauseInstanceOf(StartRefusal.class);
        StartRefusal refused = (StartRefusal) failure.getCause();
        assertThat(refused.getMessage()).contains("that Redis has no database 16");
        assertThat(refused.sentence().in(ServerText.in(Locale.KOREAN)))
                .as("said in Korean, without Lettuce's English")
                .contains("16번 데이터베이스가 없습니다")
                .doesNotContain("Unable to connect");
    }
}
