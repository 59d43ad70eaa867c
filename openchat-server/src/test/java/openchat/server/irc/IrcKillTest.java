package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The administrator's KILL over IRC, end to end: the victim's ERROR and close, its channels' QUIT {@code Killed (...)},
 * 481 for anyone else, 401 for no such nick, and no ban left behind.
 */
class IrcKillTest extends IrcTestBase {
    private static final String ADMIN = Names.ADMINISTRATOR;

    @Test
    void aKilledNickGetsErrorKilledAndIsClosedEveryChannelSeesQuitKilledAndItMayComeBack() {
        IrcTestClient admin = operator();
        IrcTestClient troll = irc("트롤");
        troll.join("#lobby");
        troll.join("#study");
        IrcTestClient inLobby = irc("영희");
        inLobby.join("#lobby");
        IrcTestClient inStudy = irc("철수");
        inStudy.join("#study");

        admin.send("KILL 트롤 :도배");

        assertThat(admin.expect("^:openchat NOTICE " + ADMIN + " :"))
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** 트롤님의 접속을 끊었습니다");
        assertThat(troll.expect("^ERROR ")).isEqualTo("ERROR :연결을 닫습니다: Killed (" + ADMIN + " (도배))");
        troll.awaitClosed();
        assertThat(inLobby.expect(" QUIT ")).isEqualTo(":트롤!트롤@openchat QUIT :Killed (" + ADMIN + " (도배))");
        assertThat(inStudy.expect(" QUIT ")).isEqualTo(":트롤!트롤@openchat QUIT :Killed (" + ADMIN + " (도배))");
        server().console().awaitLine("[KILL] 트롤 (관리자: 채팅관리자) 도배");

        irc("트롤"); // registers again at once (001 ... 376): nothing is banned
    }

    @Test
    void anOcpMemberKilledFromIrcIsToldKilledAndIrcSeesQuitWithoutAReason() {
        IrcTestClient admin = operator();
        TestClient ocpMember = ocp("유저1");
        IrcTestClient witness = irc("영희");
        witness.join("#lobby");

        admin.send("KILL 유저1");

        assertThat(ocpMember
                        .nextMatching(m -> Methods.KILLED.equals(m.method()))
                        .header(HeaderNames.BY))
                .contains(ADMIN);
        ocpMember.awaitClosed();
        assertThat(witness.expect(" QUIT ")).isEqualTo(":유저1!유저1@openchat QUIT :Killed (" + ADMIN + ")");
    }

    @Test
    void killFromANonOperatorIs481() {
        IrcTestClient member = irc("영희");
        irc("철수");

        member.send("KILL 철수 :bye");

        assertThat(member.expectNumeric("481")).startsWith(":openchat 481 영희 :");
    }

    @Test
    void killOfANickNoOneHasIs401() {
        IrcTestClient admin = operator();

        admin.send("KILL 아무도 :bye");

        assertThat(admin.expectNumeric("401")).startsWith(":openchat 401 " + ADMIN + " 아무도 :");
    }

    @Test
    void theOperatorCannotKillItselfAndIsToldSo() {
        IrcTestClient admin = operator();

        admin.send("KILL " + ADMIN + " :oops");

        assertThat(admin.expect("^:openchat NOTICE " + ADMIN + " :"))
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** 관리자의 접속은 끊을 수 없습니다");
    }
}
