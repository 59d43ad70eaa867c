package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * CTCP queries to a member that is not an IRC client: the server answers VERSION, PING, TIME and CLIENTINFO for
 * it, as that member, and the member still sees the query; IRC members answer for themselves.
 */
class CtcpAnswersTest extends IrcTestBase {
    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 12, 3, 12, 0, 5, 0, ZoneOffset.ofHours(9));

    @Test
    void eachKnownQueryHasItsAnswerAndAnythingElseNone() {
        assertThat(CtcpAnswers.answer("\u0001VERSION\u0001", "openchat-1.2", NOON))
                .contains("\u0001VERSION openchat-1.2 (an openchat client; the server answers for it)\u0001");
        assertThat(CtcpAnswers.answer("\u0001PING 1733220005 123\u0001", "1.2", NOON))
                .contains("\u0001PING 1733220005 123\u0001");
        assertThat(CtcpAnswers.answer("\u0001ping\u0001", "1.2", NOON)).contains("\u0001PING\u0001");
        assertThat(CtcpAnswers.answer("\u0001TIME", "1.2", NOON)) // the closing mark is optional
                .contains("\u0001TIME Thu, 3 Dec 2026 12:00:05 +0900\u0001");
        assertThat(CtcpAnswers.answer("\u0001CLIENTINFO\u0001", "1.2", NOON))
                .contains("\u0001CLIENTINFO ACTION CLIENTINFO PING TIME VERSION\u0001");

        assertThat(CtcpAnswers.answer("\u0001ACTION waves\u0001", "1.2", NOON)).isEmpty();
        assertThat(CtcpAnswers.answer("\u0001DCC SEND file 1 2 3\u0001", "1.2", NOON))
                .isEmpty();
        assertThat(CtcpAnswers.answer("VERSION", "1.2", NOON)).isEmpty();
        assertThat(CtcpAnswers.answer("\u0001", "1.2", NOON)).isEmpty();
    }

    @Test
    void aVersionOrPingToAnOcpMemberIsAnsweredByTheServerAsThatMember() {
        TestClient ocpMember = ocp("유저1");
        IrcTestClient asker = irc("철수");

        asker.send("PRIVMSG 유저1 :\u0001VERSION\u0001");
        assertThat(asker.expect(" NOTICE 철수 ")).startsWith(":유저1!유저1@openchat NOTICE 철수 :\u0001VERSION openchat-");
        asker.send("PRIVMSG 유저1 :\u0001PING 1733220005\u0001");
        assertThat(asker.expect(" NOTICE 철수 ")).isEqualTo(":유저1!유저1@openchat NOTICE 철수 :\u0001PING 1733220005\u0001");

        // The member still learns it was asked (its client shows the query as "CTCP VERSION").
        OcpMessage query = ocpMember.nextMatching(m -> Methods.PRIVATE.equals(m.method()));
        assertThat(query.header(HeaderNames.FROM)).contains("철수");
        assertThat(query.bodyText()).isEqualTo("\u0001VERSION\u0001");
    }

    @Test
    void anIrcMemberAnswersForItselfAndANoticeOrAnUnknownQueryIsNotAnswered() {
        ocp("유저1");
        IrcTestClient ircMember = irc("영희");
        IrcTestClient asker = irc("철수");

        asker.send("PRIVMSG 영희 :\u0001VERSION\u0001");
        assertThat(ircMember.expect(" PRIVMSG 영희 ")).endsWith(":\u0001VERSION\u0001");
        asker.send("NOTICE 유저1 :\u0001VERSION\u0001");
        asker.send("PRIVMSG 유저1 :\u0001FINGER\u0001");
        asker.send("PRIVMSG 유저1 :\u0001ACTION waves\u0001");

        assertThat(asker.sync()).noneMatch(line -> line.contains(" NOTICE 철수 "));
    }
}
