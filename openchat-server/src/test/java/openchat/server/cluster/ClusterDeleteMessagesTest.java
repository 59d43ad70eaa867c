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

/**
 * Two nodes on one real {@code redis-server}: messages a room's owner or the administrator deletes on one node (OCP
 * DELETE) are told to the room's members on every node (DELETED) and are gone from every node's history, a joiner's
 * replay and a restarted node's reads, as on a single server, because Redis keeps the history and checks the right.
 */
class ClusterDeleteMessagesTest {
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

    /** {@code name} connected to {@code node} into {@code study}. */
    private static TestClient in(TestServer node, String name) {
        TestClient client = node.client();
        OcpMessage answer = client.connect("study", name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    /** Says {@code text} in {@code study}; returns its Seq. */
    private static long say(TestClient client, String text) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.SEND, Targets.room("study"))
                .header(HeaderNames.REQUEST_ID, "s")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Long.parseLong(answer.header(HeaderNames.SEQ).orElseThrow());
    }

    private static OcpMessage delete(TestClient by, String field, String value, String reason) {
        OcpMessage.Builder delete =
                OcpMessage.request(Methods.DELETE, Targets.room("study")).header(field, value);
        if (!reason.isEmpty()) {
            delete.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(reason);
        }
        return by.request(delete.build());
    }

    /** The texts of {@code study}'s history as HISTORY answers {@code client}, oldest first. */
    private static List<String> history(TestClient client) {
        client.drain();
        OcpMessage answer = client.request(OcpMessage.request(Methods.HISTORY, Targets.room("study"))
                .header(HeaderNames.LIMIT, 50)
                .build());
        assertThat(answer.statusCode()).isEqualTo(200);
        int count = Integer.parseInt(answer.header(HeaderNames.COUNT).orElseThrow());
        List<String> lines = client.drain().stream()
                .filter(m -> m.method().equals(Methods.MESSAGE))
                .map(OcpMessage::bodyText)
                .toList();
        return lines.subList(lines.size() - count, lines.size()); // written before the answer, after whatever was live
    }

    /** The texts of the messages {@code joined} was replayed as it joined ({@code History: true}). */
    private static List<String> replayed(TestClient joined, OcpMessage answer) {
        int count = Integer.parseInt(answer.header(HeaderNames.HISTORY).orElse("0"));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(joined.nextMatching(m -> m.method().equals(Methods.MESSAGE)
                            && m.header(HeaderNames.HISTORY).isPresent())
                    .bodyText());
        }
        return texts;
    }

    private static OcpMessage deletedEvent(TestClient client) {
        return client.nextMatching(m -> m.method().equals(Methods.DELETED));
    }

    @Test
    void theOwnerDeletesAMessageBySeqOnOneNodeAndAMemberOnAnotherIsToldAndItsHistoryLacksIt() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "철수");
        TestClient member = in(b, "영희");
        TestClient troll = in(b, "트롤");
        say(troll, "안녕");
        long spam = say(troll, "싸게 팝니다 http://spam.example");
        long after = say(member, "광고네요");

        OcpMessage answer = delete(owner, HeaderNames.SEQ, Long.toString(spam), "광고");

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("트롤");
        assertThat(answer.header(HeaderNames.SEQS)).contains(Long.toString(spam));
        OcpMessage told = deletedEvent(member);
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.NAME)).contains("트롤");
        assertThat(told.header(HeaderNames.SEQS)).contains(Long.toString(spam));
        assertThat(told.header(HeaderNames.DATE)).isEqualTo(answer.header(HeaderNames.DATE));
        assertThat(told.bodyText()).as("the reason, read from the stream").isEqualTo("광고");
        assertThat(deletedEvent(troll).header(HeaderNames.SEQS)).contains(Long.toString(spam));
        assertThat(history(member)).containsExactly("안녕", "광고네요");
        assertThat(history(owner)).containsExactly("안녕", "광고네요");
        a.console().awaitLineContaining("[DELETE] study: 트롤님의 메세지 1개 (철수) 광고");

        long next = say(member, "다음 말");
        assertThat(next)
                .as("the numbers go on: none is handed out again, and the deletion took one as a limit does")
                .isEqualTo(after + 2);
    }

    @Test
    void aNamesMessagesDeletedOnOneNodeAreReplayedToNoJoinerOnAnotherNorReadAfterThatNodeRestarts() throws Exception {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "철수");
        TestClient troll = in(b, "트롤");
        say(owner, "어서 오십시오");
        List<String> seqs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            seqs.add(Long.toString(say(troll, "도배 " + i)));
        }
        say(owner, "그만");

        OcpMessage answer = delete(owner, HeaderNames.NAME, "트롤", "");

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.SEQS)).contains(String.join(",", seqs));
        OcpMessage told = deletedEvent(troll);
        assertThat(told.header(HeaderNames.SEQS)).contains(String.join(",", seqs));
        assertThat(told.header(HeaderNames.CONTENT_TYPE)).as("no reason given").isEmpty();

        TestClient joiner = b.client();
        OcpMessage joined = joiner.connect("study", "영희", null);
        assertThat(replayed(joiner, joined)).containsExactly("어서 오십시오", "그만");

        b.restart();
        TestClient back = b.client();
        OcpMessage rejoined = back.connect("study", "민수", null);
        assertThat(replayed(back, rejoined)).containsExactly("어서 오십시오", "그만");
        assertThat(history(back)).containsExactly("어서 오십시오", "그만");
        assertThat(back.request(OcpMessage.request(Methods.HISTORY, Targets.room("study"))
                                .header(HeaderNames.AFTER, 0)
                                .header(HeaderNames.LIMIT, 50)
                                .build())
                        .header(HeaderNames.COUNT))
                .contains("2");
    }

    @Test
    void aMemberWhoDoesNotOwnTheRoomIsRefusedWhetherOrNotTheMessageIsThereAndTheAdministratorMayFromOutside() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "철수");
        TestClient member = in(b, "영희");
        long line = say(owner, "지울 줄");

        OcpMessage refused = delete(member, HeaderNames.SEQ, Long.toString(line), "");
        OcpMessage noSuch = delete(member, HeaderNames.SEQ, "999", "");
        OcpMessage byName = delete(member, HeaderNames.NAME, "아무도", "");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        assertThat(noSuch.header(HeaderNames.ERROR_CODE))
                .as("not told whether the history holds it")
                .contains("not-moderator");
        assertThat(byName.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        assertThat(history(member)).containsExactly("지울 줄");

        TestClient admin = b.joined(Names.ADMINISTRATOR); // in the lobby, on the other node
        OcpMessage deleted = delete(admin, HeaderNames.SEQ, Long.toString(line), "");

        assertThat(deleted.statusCode()).as(deleted.bodyText()).isEqualTo(200);
        assertThat(deletedEvent(owner).header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(deletedEvent(member).header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(history(owner)).isEmpty();
        assertThat(history(member)).isEmpty();
    }
}
