package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's {@code /ban}, {@code /bans} and {@code /unban}, and being banned: clients against a real server. */
class BanClientTest {
    private static final String LOCAL_TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

    private final ClientsOnServer run = new ClientsOnServer();

    @AfterEach
    void stop() throws Exception {
        run.close();
    }

    @Test
    void administratorBansAMemberWhoIsToldAndExitsOneThenListsAndLiftsTheBan() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);
        ClientRun troll = run.joinAs("트롤");
        ClientRun witness = run.joinAs("유저1");
        admin.awaitLine("유저1님이 입장하였습니다.");

        admin.type("/차단");
        admin.awaitLine("사용법: /차단 이름 또는 주소 [기간] [이유] (/ban)");
        admin.type("/unban");
        admin.awaitLine("사용법: /차단해제 이름 또는 주소 (/unban)");
        admin.type("/bans");
        admin.awaitLine("차단된 이름이나 주소가 없습니다");
        witness.type("/ban 트롤 도배");
        witness.awaitLine("관리자만 사용할 수 있습니다");
        admin.type("/who");
        assertThat(admin.awaitLineContaining("  트롤  "))
                .as("the administrator's /who shows where each member connected from")
                .endsWith("127.0.0.1");

        admin.type("/ban 트롤 도배");

        admin.awaitLine("트롤 이름을 차단했습니다 (풀 때까지; 접속 중이던 1명을 내보냈습니다). 트롤의 주소는 127.0.0.1 입니다 (주소도 막으려면 /차단 127.0.0.1)");
        troll.awaitLine("채팅관리자님이 이 서버에 대한 접속을 차단했습니다: 도배");
        assertThat(troll.awaitExit()).isEqualTo(1);
        ClientsOnServer.assertEndedWithoutConnectionLost(troll);
        witness.awaitLine("트롤님이 차단되어 퇴장하였습니다.");
        admin.awaitLine("트롤님이 차단되어 퇴장하였습니다.");

        admin.type("/차단목록");
        admin.awaitLine("대상  종류  차단한 사람  날짜" + " ".repeat(17) + "만료  이유");
        assertThat(admin.awaitLineContaining("트롤  이름  ")).matches("트롤  이름  채팅관리자   " + LOCAL_TIME + "  영구  도배");

        ClientRun again = run.start("트롤", Locale.KOREAN);
        again.awaitLine("접속이 거절되었습니다: 이 서버에서 차단되었습니다: 도배");
        assertThat(again.awaitExit()).isEqualTo(1);

        admin.type("/unban 트롤");
        admin.awaitLine("트롤 차단을 풀었습니다");
        admin.type("/차단해제 트롤");
        admin.awaitLine("트롤 은(는) 차단되어 있지 않습니다");
        run.joinAs("트롤");
    }

    @Test
    void inEnglishABanWithoutAReasonReadsWithoutOneAndHelpListsTheBanCommands() {
        ClientRun admin = run.start(Names.ADMINISTRATOR, Locale.ENGLISH);
        admin.awaitLine("Connected as " + Names.ADMINISTRATOR);
        ClientRun bob = run.start("bob", Locale.ENGLISH);
        bob.awaitLine("Connected as bob");

        admin.type("/help");
        admin.awaitLineContaining("  /ban TARGET [DURATION] [REASON] (/차단) - keep a name or an address");
        admin.awaitLine("  /unban TARGET (/차단해제) - lift the ban of a name or an address (administrator)");
        admin.awaitLine("  /bans (/차단목록) - list the banned names and addresses (administrator)");
        admin.type("/bans");
        admin.awaitLine("No name or address is banned");
        bob.type("/ban carol");
        bob.awaitLine("Only the administrator can do that"); // the Korean server answers in English

        admin.type("/ban bob");

        admin.awaitLine(
                "Banned the name bob (until lifted; disconnected 1 connected member(s)). bob connected from 127.0.0.1 (to keep"
                        + " that address out too: /ban 127.0.0.1)");
        bob.awaitLine(Names.ADMINISTRATOR + " banned you from this server");
        assertThat(bob.awaitExit()).isEqualTo(1);
        ClientsOnServer.assertEndedWithoutConnectionLost(bob);
        admin.awaitLine("bob was banned from the server.");
        admin.type("/help bans");
        admin.awaitLine("  /bans (/차단목록) - list the banned names and addresses (administrator)");
        admin.type("/bans");
        admin.awaitLine("target  kind  by" + " ".repeat(10) + "date" + " ".repeat(17) + "expires  reason");
        assertThat(admin.awaitLineContaining("bob     name  "))
                .matches("bob     name  " + Names.ADMINISTRATOR + "  " + LOCAL_TIME + "  never");

        ClientRun again = run.start("bob", Locale.ENGLISH);
        again.awaitLine("Refused: You are banned from this server");
        admin.type("/ban carol 10m spam");
        admin.awaitLine("Banned the name carol (for 10 minutes)");
        ClientRun carol = run.start("carol", Locale.ENGLISH);
        assertThat(carol.awaitLineContaining("Refused: "))
                .as("worded by the client in its language, though the server speaks Korean")
                .matches(
                        "Refused: You are banned from this server: spam \\(lifted in (10 minutes|9 minutes( \\d+ seconds?)?)\\)");
        assertThat(carol.awaitExit()).isEqualTo(1);
    }

    @Test
    void aBanForAWhileTellsTheMemberUntilWhenAndTheListShowsIt() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);
        ClientRun troll = run.joinAs("트롤");

        admin.type("/차단 트롤 1h30m 잠깐 쉬세요");

        admin.awaitLine(
                "트롤 이름을 차단했습니다 (기간 1시간 30분; 접속 중이던 1명을 내보냈습니다). 트롤의 주소는 127.0.0.1 입니다 (주소도 막으려면 /차단 127.0.0.1)");
        assertThat(troll.awaitLineContaining("이 서버에 대한 접속을 차단했습니다"))
                .matches(Names.ADMINISTRATOR + "님이 " + LOCAL_TIME + "까지 이 서버에 대한 접속을 차단했습니다: 잠깐 쉬세요");
        assertThat(troll.awaitExit()).isEqualTo(1);
        admin.type("/bans");
        assertThat(admin.awaitLineContaining("트롤  이름  "))
                .matches("트롤  이름  채팅관리자   " + LOCAL_TIME + "  " + LOCAL_TIME + "  잠깐 쉬세요");
        ClientRun again = run.start("트롤", Locale.KOREAN);
        assertThat(again.awaitLineContaining("접속이 거절되었습니다"))
                .matches("접속이 거절되었습니다: 이 서버에서 차단되었습니다: 잠깐 쉬세요 \\((1시간 30분|1시간 29분( \\d+초)?) 뒤에 풀립니다\\)");
        assertThat(again.awaitExit()).isEqualTo(1);

        admin.type("/ban 봇* 광고");
        admin.awaitLine("봇* 에 맞는 이름을 모두 차단했습니다 (풀 때까지)");
        admin.type("/bans");
        assertThat(admin.awaitLineContaining("광고")).matches("봇\\* +이름 패턴  채팅관리자   " + LOCAL_TIME + "  영구 +광고");
        ClientRun bot = run.start("봇_3", Locale.KOREAN);
        bot.awaitLine("접속이 거절되었습니다: 이 서버에서 차단되었습니다: 광고");
    }

    @Test
    void aDurationTakesMinForMinutesAndMoForMonthsAsWellAsM() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);

        admin.type("/ban 유저2 10min 도배");
        assertThat(admin.awaitLineContaining("유저2 이름을 차단했습니다")).isEqualTo("유저2 이름을 차단했습니다 (기간 10분)");
        admin.type("/ban 유저3 1mo");
        assertThat(admin.awaitLineContaining("유저3 이름을 차단했습니다")).isEqualTo("유저3 이름을 차단했습니다 (기간 30일)");
        admin.type("/ban 유저4 30m");
        assertThat(admin.awaitLineContaining("유저4 이름을 차단했습니다"))
                .as("m stays minutes")
                .isEqualTo("유저4 이름을 차단했습니다 (기간 30분)");
    }

    /** Trials 5 and 10: {@code /차단 준호 1시간 도배}, as a Korean administrator types it, was refused. */
    @Test
    void aDurationIsTakenInKoreanWordsWrittenTogetherOrApart() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);

        admin.type("/차단 유저2 1시간 도배");
        assertThat(admin.awaitLineContaining("유저2 이름을 차단했습니다")).isEqualTo("유저2 이름을 차단했습니다 (기간 1시간)");
        admin.type("/차단 유저3 1시간 30분 장터 도배");
        assertThat(admin.awaitLineContaining("유저3 이름을 차단했습니다"))
                .as("the parts of a duration written apart")
                .isEqualTo("유저3 이름을 차단했습니다 (기간 1시간 30분)");
        admin.type("/차단 유저4 6개월");
        assertThat(admin.awaitLineContaining("유저4 이름을 차단했습니다")).isEqualTo("유저4 이름을 차단했습니다 (기간 180일)");
        admin.type("/차단목록");
        assertThat(admin.awaitLineContaining("장터 도배"))
                .as("the reason is what follows the duration")
                .matches("유저3  이름 +채팅관리자   " + LOCAL_TIME + "  .*  장터 도배");
    }

    @Test
    void aDurationThatCannotBeReadIsRefusedWithHowToWriteOneAndZeroBansUntilLifted() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);

        admin.type("/ban 유저2 30mins");
        admin.awaitLine("기간을 읽을 수 없습니다: '30mins'. 30분, 1시간 30분, 7일, 6개월처럼 단위(년, 개월, 주, 일, 시간, 분, 초 또는"
                + " y, mo, w, d, h, m, s)를 붙여 쓰십시오. 풀 때까지 차단하려면 기간을 빼거나 이렇게 쓰십시오: 0");
        admin.type("/ban 유저2 1시간반 도배");
        admin.awaitLine("기간을 읽을 수 없습니다: '1시간반'. 30분, 1시간 30분, 7일, 6개월처럼 단위(년, 개월, 주, 일, 시간, 분, 초 또는"
                + " y, mo, w, d, h, m, s)를 붙여 쓰십시오. 풀 때까지 차단하려면 기간을 빼거나 이렇게 쓰십시오: 0");
        admin.type("/ban 유저2 0s");
        admin.awaitLine("기간이 0입니다: '0s'. 풀 때까지 차단하려면 기간을 빼거나 이렇게 쓰십시오: 0");
        admin.type("/ban 유저2 99y");
        admin.awaitLine("기간이 가장 긴 3650일보다 깁니다: '99y'. 더 오래 막으려면 기간 없이 (풀 때까지) 차단하십시오");
        admin.type("/ban 유저2 0 3번째 경고");
        assertThat(admin.awaitLineContaining("유저2 이름을 차단했습니다"))
                .as("0 is until lifted, so that a reason may begin with a digit")
                .isEqualTo("유저2 이름을 차단했습니다 (풀 때까지)");
        admin.type("/bans");
        assertThat(admin.awaitLineContaining("3번째 경고")).matches("유저2  이름 +채팅관리자   " + LOCAL_TIME + "  영구 +3번째 경고");
    }
}
