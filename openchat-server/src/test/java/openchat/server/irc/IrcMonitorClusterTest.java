package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.cluster.RedisServer;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MONITOR on a cluster node hears of names taken and freed on every node, through Redis's presence stream. */
class IrcMonitorClusterTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void aMemberConnectingRenamingAndLeavingOnAnotherNodeNotifiesAMonitorHere() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient watcher = IrcTestClient.registered(b.ircPort(), "철수")) {
            watcher.send("MONITOR + 유저1,영희,순이");
            assertThat(watcher.sync()).containsExactly(":openchat 731 철수 :유저1,영희,순이");

            TestClient ocp = a.client();
            assertThat(ocp.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :유저1!유저1@openchat");
            IrcTestClient member = IrcTestClient.registered(a.ircPort(), "영희");
            assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :영희!영희@openchat");

            member.send("NICK 순이");
            assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :영희");
            assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :순이!순이@openchat");
            member.send("QUIT");
            assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :순이");
            ocp.request(OcpMessage.request(Methods.LEAVE, "/").build());
            assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저1");

            watcher.send("MONITOR S");
            assertThat(watcher.sync()).containsExactly(":openchat 731 철수 :유저1,영희,순이");
            member.close();
        }
    }

    @Test
    void aMemberOfTheMonitorsOwnNodeIsToldOnceAndAStoppedNodesMembersGoOffline() throws Exception {
        redis.flushAll();
        try (TestServer a = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(c -> c.cluster(redis.url()).nodeId("b"));
                IrcTestClient watcher = IrcTestClient.registered(b.ircPort(), "철수")) {
            watcher.send("MONITOR + 유저1,유저2");
            watcher.sync();

            TestClient here = b.client();
            assertThat(here.connect("study", "유저2", null).statusCode()).isEqualTo(200);
            assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :유저2!유저2@openchat");
            TestClient there = a.client();
            assertThat(there.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            assertThat(watcher.nextLine())
                    .as("the arrival here was told once")
                    .isEqualTo(":openchat 730 철수 :유저1!유저1@openchat");

            a.stop();

            assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저1");
            here.request(OcpMessage.request(Methods.RENAME, "/")
                    .header(HeaderNames.NAME, "유저3")
                    .build());
            assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저2");
        }
    }
}
