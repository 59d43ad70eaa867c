package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import openchat.cluster.LinkProxy;
import openchat.cluster.RedisServer;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a cluster node tells one registered IRC client in a server notice is addressed to its nick ({@code :openchat
 * NOTICE cmonA :…}), as ergo addresses a server notice once a client has registered: {@code *} is for a client that
 * has no nick yet, and a bot that files notices by their target would miss it. Each of the node's notices: its store
 * out of reach and back, a refused change the store made after all, and a private message a dead node may not have
 * delivered.
 */
class IrcClusterNoticesTest {
    @RegisterExtension
    static final RedisServer redis =
            RedisServer.appendOnly(); // stopped and started again with its data, as an operator's

    @BeforeEach
    void emptyStore() throws Exception {
        redis.flushAll();
    }

    @Test
    void theStoreGoingAwayAndComingBackIsToldInNoticesToTheNick() throws Exception {
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = IrcTestClient.registered(node.ircPort(), "cmonA")) {
            redis.stop();
            try {
                assertThat(irc.expect(" NOTICE "))
                        .isEqualTo(":openchat NOTICE cmonA :클러스터 저장소에 연결할 수 없어 지금은 채팅방이 읽기 전용입니다. 다시 연결되면 알려 드립니다.");
            } finally {
                redis.start();
            }
            assertThat(irc.expect(" NOTICE "))
                    .isEqualTo(":openchat NOTICE cmonA :클러스터 저장소에 다시 연결되었습니다. 이제 메세지를 보낼 수 있습니다.");
        }
    }

    /**
     * The node reaches Redis through a proxy that holds back Redis's replies: a line Redis took is refused as not taken
     * once the node stops waiting, and told when the late answer comes.
     */
    @Test
    void aLineTheStoreTookAfterTheNodeRefusedItIsToldInANoticeToTheNick() throws Exception {
        try (LinkProxy proxy = new LinkProxy(redis.port());
                TestServer node = TestServer.start(c -> c.cluster(proxy.url()).nodeId("a"));
                IrcTestClient irc = IrcTestClient.registered(node.ircPort(), "late")) {
            irc.join("#lobby");
            LinkProxy.Link commands = proxy.link(0); // the node's commands' connection
            commands.delayReplies();

            irc.send("PRIVMSG #lobby :늦게 닿는 줄");
            irc.expect("^:openchat FAIL PRIVMSG ");
            commands.releaseReplies();

            assertThat(irc.expect(" NOTICE [^ ]+ :클러스터 저장소가 늦게 응답했습니다"))
                    .isEqualTo(":openchat NOTICE late :클러스터 저장소가 늦게 응답했습니다: 앞서 처리되지 않았다고 알려 드린 요청이" + " 실제로는 처리되었습니다.");
        }
    }

    /**
     * A node {@code far} written into Redis by hand, as its heartbeat and {@code claim.lua} leave it, with its member
     * bob: it answers long enough to be handed a private message, then falls silent without reading it, and this node,
     * declaring it dead, hands the message back to its sender.
     */
    @Test
    void aPrivateMessageADeadNodeMayNotHaveDeliveredIsToldInANoticeToTheNick() throws Exception {
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = IrcTestClient.registered(node.ircPort(), "sender")) {
            // Alive for 8 s: answering for the first second (a key with more than 7 s left), then silent.
            redis.integer(
                    "EVAL",
                    "redis.call('SADD', KEYS[1], ARGV[1]) redis.call('SET', KEYS[2], ARGV[1] .. '\\t' .. ARGV[2])"
                            + " redis.call('SADD', KEYS[3], ARGV[3])"
                            + " redis.call('SET', KEYS[4], 'token', 'PX', ARGV[4]) return 1",
                    "4",
                    "oc:nodes",
                    "oc:name:bob",
                    "oc:node:far:names",
                    "oc:node:far:alive",
                    "far",
                    "Bob",
                    "bob",
                    "8000");

            irc.send("PRIVMSG bob :전해질까요");
            assertThat(irc.sync()).as("handed to far's inbox").isEmpty();

            // far is declared dead 10 s after this node started at the earliest, and looked for every 3.3 s.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> irc.receivedLines().stream().anyMatch(line -> line.contains(" NOTICE ")));
            assertThat(irc.receivedLines().stream().filter(line -> line.contains(" NOTICE ")))
                    .singleElement()
                    .asString()
                    .startsWith(":openchat NOTICE sender :Bob님에게 ")
                    .endsWith("보낸 귓속말이 전달되지 않았을 수 있습니다: Bob님이 접속해 있던 서버 노드가 멈추거나 종료되었습니다. 보낸 말: 전해질까요");
        }
    }
}
