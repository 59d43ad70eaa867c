package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.ServerConfig;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The ghost check on IRC registration: a NICK (or the registration after it) asking for a nick whose holder here has
 * gone silent has the holder pinged; a holder that does not answer within the probe time is closed and the newcomer
 * registers; one that answers keeps the nick and the newcomer gets 433. Short times as in the OCP test: a PING every
 * 2 s, a probe of 1 s, a registration deadline shorter than the probe.
 */
class IrcGhostCheckTest extends IrcTestBase {
    private static final Duration PROBE = Duration.ofSeconds(1);
    private static final Duration JOIN_DEADLINE = Duration.ofMillis(800);

    private static ServerConfig.Builder shortTimes(ServerConfig.Builder config) {
        return config.heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(60))
                .ghostProbe(PROBE)
                .joinDeadline(JOIN_DEADLINE);
    }

    /** An IRC client registered as {@code nick} in #lobby that then went silent: it has had a PING and answers none. */
    private IrcTestClient ghost(String nick) {
        IrcTestClient ghost = irc(nick).answerPings(false);
        ghost.join("#lobby");
        ghost.expect("^PING ");
        return ghost;
    }

    @Test
    void aSilentHolderThatDoesNotAnswerThePingLosesItsNickToTheNewcomer() {
        server(IrcGhostCheckTest::shortTimes);
        TestClient observer = ocp("관찰자");
        IrcTestClient ghost = ghost("철수");
        observer.nextEvent(Methods.JOINED);

        IrcTestClient newcomer = irc();
        long start = System.nanoTime();
        newcomer.send("NICK 철수");
        newcomer.send("USER u 0 * :Real Name");
        String welcome = newcomer.nextLine();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(welcome).startsWith(":openchat 001 철수 ");
        assertThat(waited)
                .as("after the probe time (the registration deadline did not end the wait)")
                .isGreaterThanOrEqualTo(PROBE)
                .isGreaterThan(JOIN_DEADLINE)
                .isLessThan(Duration.ofSeconds(10));
        assertThat(ghost.expect("^PING ")).as("the probe").isEqualTo("PING :openchat");
        ghost.awaitClosed();
        assertThat(ghost.received()).endsWith("ERROR :연결을 닫습니다: 응답 없음: 같은 이름으로 새로 접속함");
        OcpMessage left = observer.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("철수");
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).isEqualTo("응답 없음: 같은 이름으로 새로 접속함");
        assertThat(newcomer.join("#lobby")).anyMatch(line -> line.contains(" JOIN #lobby"));
    }

    @Test
    void aSilentHolderThatAnswersThePingKeepsItsNickAndTheNewcomerGets433() {
        server(IrcGhostCheckTest::shortTimes);
        IrcTestClient holder = ghost("철수");
        holder.answerPings(true);

        IrcTestClient newcomer = irc();
        newcomer.send("NICK 철수");
        String refused = newcomer.nextLine();

        assertThat(refused).isEqualTo(":openchat 433 * 철수 :이미 사용 중인 닉네임입니다");
        assertThat(holder.pingsAnswered())
                .as("the holder was sent a PING, and answered it, before the newcomer's 433")
                .isEqualTo(1);
        assertThat(holder.isClosed()).isFalse();
        newcomer.send("NICK 영희");
        newcomer.send("USER u 0 * :Real Name");
        assertThat(newcomer.nextLine()).startsWith(":openchat 001 영희 ");
    }

    @Test
    void anOcpGhostLosesItsNameToAnIrcNewcomerAndAnIrcGhostToAnOcpNewcomer() {
        server(IrcGhostCheckTest::shortTimes);
        TestClient ocpGhost = server().client().answerPings(false);
        assertThat(ocpGhost.join("유저1", null).statusCode()).isEqualTo(200);
        ocpGhost.nextMatching(m -> m.method().equals(Methods.PING));
        IrcTestClient ircGhost = ghost("유저2");

        IrcTestClient ircNewcomer = irc();
        ircNewcomer.send("NICK 유저1");
        ircNewcomer.send("USER u 0 * :Real Name");
        TestClient ocpNewcomer = server().client();
        OcpMessage admitted = ocpNewcomer.join("유저2", null);

        assertThat(ircNewcomer.nextLine()).startsWith(":openchat 001 유저1 ");
        assertThat(admitted.statusCode()).isEqualTo(200);
        ocpGhost.awaitClosed();
        ircGhost.awaitClosed();
        ocpGhost.close();
        ocpNewcomer.close();
    }

    @Test
    void theAdministratorsNickIsAskedForOnlyOnceTheKeyIsProven() {
        server(IrcGhostCheckTest::shortTimes);
        IrcTestClient administrator = irc();
        administrator.send("PASS " + server().adminKeyText());
        administrator.register(Names.ADMINISTRATOR);
        administrator.answerPings(false);
        administrator.join("#lobby");
        administrator.expect("^PING ");
        int heard = administrator.receivedLines().size();

        IrcTestClient noKey = irc();
        noKey.send("NICK " + Names.ADMINISTRATOR);
        noKey.send("USER u 0 * :Real Name");
        assertThat(noKey.nextLine()).startsWith(":openchat 433 * " + Names.ADMINISTRATOR + " :");
        IrcTestClient wrongKey = irc();
        wrongKey.send("PASS not-the-key");
        wrongKey.send("NICK " + Names.ADMINISTRATOR);
        wrongKey.send("USER u 0 * :Real Name");
        assertThat(wrongKey.nextLine()).startsWith(":openchat 464 ");
        wrongKey.awaitClosed();
        assertThat(administrator.receivedLines()).as("no PING for them").hasSize(heard);
        assertThat(administrator.isClosed()).isFalse();

        IrcTestClient withKey = irc();
        withKey.send("PASS " + server().adminKeyText());
        withKey.send("NICK " + Names.ADMINISTRATOR);
        withKey.send("USER u 0 * :Real Name");
        assertThat(withKey.nextLine()).startsWith(":openchat 001 " + Names.ADMINISTRATOR + " ");
        assertThat(administrator.expect("^PING ")).as("the probe").isEqualTo("PING :openchat");
        administrator.awaitClosed();
    }
}
