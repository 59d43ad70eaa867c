package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
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
 * Redis stalling without dropping a connection (another client's slow script): what a node answers for a request
 * sent meanwhile is the truth. A command Redis runs when it is back was not refused; one a node refused is never
 * carried out, on any node; so the refusing node and the others agree, and a client that sends a refused line again
 * is not heard twice.
 */
class ClusterStallTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    /** Longer than a node waits for a command (2 s) and than it takes to notice Redis is away, as the tester's. */
    private static final Duration STALL = Duration.ofSeconds(4);

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
        TestServer node = TestServer.start(c ->
                c.cluster(redis.url()).nodeId(id).maxConnectionsPerAddress(100).floodControl(FloodControl.OFF));
        nodes.add(node);
        return node;
    }

    @Test
    void aLineSentWhileRedisStallsIsAnsweredWithTheTruthAndHeardOnce() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        alice.nextEvent(Methods.JOINED);

        CompletableFuture<Void> stall = redis.stall(STALL);
        alice.send(send("during", "1"));
        alice.send(OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.TO, "bob")
                .header(HeaderNames.REQUEST_ID, "2")
                .body("귓속말")
                .build());
        Map<String, OcpMessage> answers = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            OcpMessage next = alice.nextAnswer();
            answers.put(next.header(HeaderNames.REQUEST_ID).orElseThrow(), next);
        }
        OcpMessage answer = answers.get("1");
        OcpMessage whisper = answers.get("2");
        stall.get();
        awaitWritable(alice);
        // bob's node may pass the line on before it says it reaches Redis again: keep what comes first.
        List<OcpMessage> heardByBob = new ArrayList<>();
        for (OcpMessage event = bob.nextMatching(ClusterStallTest::lineWhisperOrReconnected);
                !isReconnected(event);
                event = bob.nextMatching(ClusterStallTest::lineWhisperOrReconnected)) {
            heardByBob.add(event);
        }

        // SEND does not hold the node's event loop: it waits for Redis, which runs it when it is back.
        assertThat(answer.statusCode())
                .as("a line Redis carried out is answered 200: %s", answer)
                .isEqualTo(200);
        long seq = Long.parseLong(answer.header(HeaderNames.SEQ).orElseThrow());
        // PRIVATE waits no longer than the command timeout: refused, and so never carried out.
        assertThat(whisper.statusCode()).as("%s", whisper).isEqualTo(503);
        assertThat(whisper.header(HeaderNames.RETRY_AFTER)).isPresent();

        assertThat(alice.request(OcpMessage.request(Methods.PRIVATE, "/")
                                .header(HeaderNames.TO, "bob")
                                .header(HeaderNames.REQUEST_ID, "3")
                                .body("귓속말")
                                .build())
                        .statusCode())
                .as("sent again once the node can reach Redis")
                .isEqualTo(200);
        assertThat(alice.request(send("after", "4")).statusCode()).isEqualTo(200);
        assertThat(alice.request(OcpMessage.request(Methods.PRIVATE, "/")
                                .header(HeaderNames.TO, "bob")
                                .header(HeaderNames.REQUEST_ID, "5")
                                .body("끝")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        // Lines come in the room's order, private messages in theirs (the two are not ordered with each other).
        List<String> lines = new ArrayList<>();
        List<String> whispers = new ArrayList<>();
        while (!lines.contains("after") || !whispers.contains("끝")) {
            OcpMessage event = heardByBob.isEmpty()
                    ? bob.nextMatching(m ->
                            m.method().equals(Methods.MESSAGE) || m.method().equals(Methods.PRIVATE))
                    : heardByBob.remove(0);
            if (event.method().equals(Methods.MESSAGE)) {
                lines.add(event.bodyText());
                if (event.bodyText().equals("during")) {
                    assertThat(event.header(HeaderNames.SEQ)).contains(String.valueOf(seq));
                }
            } else {
                whispers.add(event.bodyText());
            }
        }
        assertThat(lines).as("the line once, told to the sender as heard").containsExactly("during", "after");
        assertThat(whispers)
                .as("the refused message was not delivered: only its resend")
                .containsExactly("귓속말", "끝");
        assertThat(redis.integer("XLEN", "oc:room:lobby:history"))
                .as("one copy in history")
                .isEqualTo(2);
    }

    @Test
    void aRenameAndAJoinRefusedWhileRedisStallsChangeNothingOnAnyNode() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestServer c = node("c");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");
        TestClient carol = c.joined("carol");
        alice.nextMatching(m -> m.method().equals(Methods.JOINED)
                && m.header(HeaderNames.NAME).orElse("").equals("carol"));
        bob.nextMatching(m -> m.method().equals(Methods.JOINED));

        CompletableFuture<Void> stall = redis.stall(STALL);
        CompletableFuture<OcpMessage> rename =
                CompletableFuture.supplyAsync(() -> alice.request(OcpMessage.request(Methods.RENAME, "/")
                        .header(HeaderNames.NAME, "alice2")
                        .build()));
        OcpMessage join = bob.joinRoom("study");
        assertThat(rename.get().statusCode()).as("%s", rename.get()).isEqualTo(503);
        assertThat(join.statusCode()).as("%s", join).isEqualTo(503);
        stall.get();
        awaitWritable(alice);
        awaitWritable(bob);
        // Kept, not skipped: a rename carried out after all would be told as Redis resumes, before carol's NOTICE.
        List<OcpMessage> heardByCarol = untilReconnected(carol);

        // The node that refused, and every other, see what was: alice unrenamed, bob in the lobby only.
        String lobby = carol.request(
                        OcpMessage.request(Methods.WHO, Targets.room("lobby")).build())
                .bodyText();
        assertThat(lobby).contains("alice\t").doesNotContain("alice2");
        assertThat(carol.request(OcpMessage.request(Methods.LIST, "/").build()).bodyText())
                .doesNotContain("study");
        assertThat(alice.request(send("still alice", "1")).statusCode())
                .as("alice talks under the name it kept")
                .isEqualTo(200);
        Predicate<OcpMessage> told = m -> m.method().equals(Methods.MESSAGE)
                || m.method().equals(Methods.RENAMED)
                || m.method().equals(Methods.JOINED);
        OcpMessage heard = heardByCarol.stream().filter(told).findFirst().orElseGet(() -> carol.nextMatching(told));
        assertThat(heard.method()).as("no rename or join told: %s", heard).isEqualTo(Methods.MESSAGE);
        assertThat(heard.header(HeaderNames.FROM)).contains("alice");

        // Asked again, each is done once, the same everywhere.
        assertThat(bob.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(alice.request(OcpMessage.request(Methods.RENAME, "/")
                                .header(HeaderNames.NAME, "alice2")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(carol.nextMatching(m -> m.method().equals(Methods.RENAMED)).header(HeaderNames.NEW_NAME))
                .contains("alice2");
        assertThat(carol.request(OcpMessage.request(Methods.WHO, Targets.room("study"))
                                .build())
                        .bodyText())
                .contains("bob\t");
    }

    @Test
    void aConnectRefusedWhileRedisStallsLeavesTheNameFreeOnEveryNode() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient alice = a.joined("alice");
        TestClient bob = b.joined("bob");

        CompletableFuture<Void> stall = redis.stall(STALL);
        OcpMessage refused = a.client().connect("lobby", "dave", null);
        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(503);
        stall.get();
        awaitWritable(alice);
        awaitWritable(bob);

        assertThat(redis.integer("EXISTS", "oc:name:dave"))
                .as("no claim is left behind")
                .isZero();
        OcpMessage taken = b.client().connect("lobby", "dave", null);
        assertThat(taken.statusCode()).as("%s", taken).isEqualTo(200);
        String who = alice.request(
                        OcpMessage.request(Methods.WHO, Targets.room("lobby")).build())
                .bodyText();
        assertThat(who.lines().filter(row -> row.startsWith("dave\t"))).hasSize(1);
    }

    private static OcpMessage send(String text, String id) {
        return OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                .header(HeaderNames.REQUEST_ID, id)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build();
    }

    private static boolean lineWhisperOrReconnected(OcpMessage m) {
        return m.method().equals(Methods.MESSAGE) || m.method().equals(Methods.PRIVATE) || isReconnected(m);
    }

    private static boolean isReconnected(OcpMessage m) {
        return m.method().equals(Methods.NOTICE) && m.bodyText().contains("다시 연결되었습니다");
    }

    /** What the member is sent before the NOTICE that says its node reaches Redis again, that NOTICE left out. */
    private static List<OcpMessage> untilReconnected(TestClient member) {
        List<OcpMessage> before = new ArrayList<>();
        for (OcpMessage event = member.next(); !isReconnected(event); event = member.next()) {
            before.add(event);
        }
        return before;
    }

    /** Waits for the NOTICE that says the member's node reaches Redis again (after the one that it did not). */
    private static void awaitWritable(TestClient member) {
        member.nextMatching(ClusterStallTest::isReconnected);
    }
}
