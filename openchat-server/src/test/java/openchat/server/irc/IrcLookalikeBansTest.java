package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Names;
import org.junit.jupiter.api.Test;

/**
 * A ban of a name over IRC keeps out the names that look like it: KLINE (at registration, at NICK, for those
 * connected) and a channel's +b (at JOIN and PRIVMSG).
 */
class IrcLookalikeBansTest extends IrcTestBase {
    private static final String ADMIN = Names.ADMINISTRATOR;

    @Test
    void aKlinedNamesLookalikesAreClosedRefused465AtRegistrationAnd432AtNick() {
        IrcTestClient admin = operator();
        IrcTestClient lookalike = irc("tr0ll");
        IrcTestClient member = irc("영희");

        admin.send("KLINE troll :도배");

        assertThat(admin.expect("^:openchat NOTICE " + ADMIN + " :")).contains("접속 중이던 1명을 내보냈습니다");
        assertThat(lookalike.expect("^ERROR ")).isEqualTo("ERROR :연결을 닫습니다: " + ADMIN + "님이 이 서버에 대한 접속을 차단했습니다: 도배");
        lookalike.awaitClosed();
        server().console().awaitLine("[LEAVE] tr0ll (차단됨)");

        IrcTestClient again = irc();
        again.send("NICK TRO1L");
        again.send("USER u 0 * :Real Name");
        assertThat(again.nextLine()).isEqualTo(":openchat 465 TRO1L :이 서버에서 차단되었습니다: 도배");
        again.awaitClosed();

        member.send("NICK trolI");
        assertThat(member.expectNumeric("432")).isEqualTo(":openchat 432 영희 trolI :쓸 수 없는 닉네임입니다: 차단된 이름입니다: 도배");
    }

    @Test
    void aChannelBanKeepsOutTheLookalikesOfItsNameAndSilencesOnePresent() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient present = irc("trolI");
        present.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("MODE #study +b troll!*@*");
        owner.expect(" MODE #study \\+b ");
        owner.send("MODE #study +b bot*!*@*");
        owner.expect(" MODE #study \\+b ");

        present.expect(" MODE #study ");
        present.send("PRIVMSG #study :still here");
        assertThat(present.expectNumeric("404")).isEqualTo(":openchat 404 trolI #study :이 방에서 차단되어 말할 수 없습니다");
        IrcTestClient bot = irc("B0T_7");
        bot.send("JOIN #study");
        assertThat(bot.expectNumeric("474")).isEqualTo(":openchat 474 B0T_7 #study :이 방에서 차단되어 들어갈 수 없습니다");
    }
}
