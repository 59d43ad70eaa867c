package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import openchat.cluster.RedisServer;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC on a cluster node whose Redis is away: every refusal is a sentence, told as {@code FAIL <command>
 * TEMPORARILY_UNAVAILABLE}, and a query still ends with the numeric a client waits for.
 */
class IrcClusterOutageTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    /** How the refusal of {@code command} begins while Redis is away; the seconds to wait follow. */
    private static String fail(String command) {
        return ":openchat FAIL " + command + " TEMPORARILY_UNAVAILABLE :지금은 읽기 전용입니다 (클러스터 저장소에 연결할 수 없음). ";
    }

    @AfterEach
    void redisBack() throws Exception {
        redis.start();
    }

    /** A node with an IRC member in #lobby, told that Redis went away; returns the member. */
    private static IrcTestClient inLobbyWhenRedisGoes(TestServer node, String nick) throws Exception {
        IrcTestClient irc = IrcTestClient.registered(node.ircPort(), nick);
        irc.join("#lobby");
        redis.kill();
        irc.expect("^:openchat NOTICE " + nick + " :클러스터 저장소에 연결할 수 없어");
        return irc;
    }

    private static void assertFailed(List<String> answer, String command, String end) {
        assertThat(answer).hasSize(2);
        assertThat(answer.get(0)).startsWith(fail(command)).endsWith("초 뒤에 다시 보내 주십시오");
        assertThat(answer.get(1)).startsWith(end);
    }

    @Test
    void queriesAreRefusedWithASentenceAndStillEndAsClientsWaitFor() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = inLobbyWhenRedisGoes(node, "rawirc")) {
            irc.send("WHO #lobby");
            assertFailed(irc.sync(), "WHO", ":openchat 315 rawirc #lobby :");
            irc.send("WHO somebody");
            assertFailed(irc.sync(), "WHO", ":openchat 315 rawirc somebody :");
            irc.send("WHO #lobby %tnf,5");
            assertFailed(irc.sync(), "WHO", ":openchat 315 rawirc #lobby :");
            irc.send("NAMES #lobby");
            assertFailed(irc.sync(), "NAMES", ":openchat 366 rawirc #lobby :");
            irc.send("LIST");
            assertFailed(irc.sync(), "LIST", ":openchat 323 rawirc :");
            irc.send("WHOIS rawirc");
            assertFailed(irc.sync(), "WHOIS", ":openchat 318 rawirc rawirc :");
            irc.send("MODE #lobby b");
            assertFailed(irc.sync(), "MODE", ":openchat 368 rawirc #lobby :");
            irc.send("CHATHISTORY LATEST #lobby * 10");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("CHATHISTORY"));
            irc.send("LUSERS");
            assertThat(irc.sync())
                    .as("counted as the last heartbeat read the store, the members here as they are: no line waits")
                    .containsExactly(
                            ":openchat 251 rawirc :접속한 사용자 1명, 서버 1대",
                            ":openchat 252 rawirc 0 :(지금 접속해 있는 관리자 수)",
                            ":openchat 254 rawirc 1 :(지금 열려 있는 방의 수)",
                            ":openchat 255 rawirc :이 서버의 사용자 1명",
                            ":openchat 265 rawirc 1 1 :이 서버의 사용자 지금 1명, 가장 많았을 때 1명",
                            ":openchat 266 rawirc 1 1 :전체 사용자 지금 1명, 가장 많았을 때 1명");
        }
    }

    /**
     * ISON, USERHOST and MONITOR's answers cannot look up a name not connected to the node while Redis is away: they are
     * refused as WHOIS is, rather than say that name is offline (irssi would tell its user the friend left). Names all
     * connected to the node are answered from the node alone, as they need no read of Redis.
     */
    @Test
    void isonUserhostAndMonitorAreRefusedUnlessEveryNameAskedIsConnectedHere() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = inLobbyWhenRedisGoes(node, "rawirc")) {
            irc.send("ISON rawirc nobody");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("ISON"));
            irc.send("USERHOST rawirc nobody");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("USERHOST"));
            irc.send("MONITOR + rawirc,nobody");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("MONITOR"));
            irc.send("MONITOR S");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("MONITOR"));

            irc.send("ISON rawirc RAWIRC");
            assertThat(irc.sync()).containsExactly(":openchat 303 rawirc :rawirc rawirc");
            irc.send("USERHOST rawirc");
            assertThat(irc.sync()).containsExactly(":openchat 302 rawirc :rawirc=+rawirc@openchat");
            irc.send("MONITOR - nobody");
            irc.send("MONITOR S");
            assertThat(irc.sync()).containsExactly(":openchat 730 rawirc :rawirc!rawirc@openchat");
        }
    }

    @Test
    void aNickChangeIsRefusedAsEveryOtherCommandIs() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                IrcTestClient irc = inLobbyWhenRedisGoes(node, "rawirc")) {
            irc.send("NICK new");

            assertThat(irc.sync()).singleElement().asString().startsWith(fail("NICK"));
            irc.send("PRIVMSG #lobby :hello");
            assertThat(irc.sync()).singleElement().asString().startsWith(fail("PRIVMSG"));
        }
    }

    @Test
    void registrationIsRefusedWithASentenceInTheServersLanguage() throws Exception {
        redis.flushAll();
        try (TestServer korean = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                TestServer english =
                        TestServer.start(c -> c.cluster(redis.url()).nodeId("b").locale(Locale.ENGLISH));
                IrcTestClient first = inLobbyWhenRedisGoes(korean, "first")) {
            try (IrcTestClient late = IrcTestClient.connect(korean.ircPort());
                    IrcTestClient lateEnglish = IrcTestClient.connect(english.ircPort())) {
                for (IrcTestClient client : List.of(late, lateEnglish)) {
                    client.send("NICK late");
                    client.send("USER u 0 * :Late Comer");
                }

                assertThat(late.expect("^ERROR "))
                        .startsWith("ERROR :연결을 닫습니다: 클러스터 저장소에 연결할 수 없어 지금은 접속할 수 없습니다. ")
                        .endsWith("초 뒤에 다시 접속해 주십시오");
                late.awaitClosed();
                assertThat(lateEnglish.expect("^ERROR "))
                        .startsWith("ERROR :Closing link: The cluster store cannot be reached, so no one can connect"
                                + " for now. Connect again in ");
                lateEnglish.awaitClosed();
            }
        }
    }
}
