package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The administrator's bans over IRC, end to end: KLINE, ZLINE and DLINE and their UN-, STATS k, a banned client's
 * ERROR and close, its channels' QUIT, 465 at registration and 432 for NICK to a banned name.
 */
class IrcBanTest extends IrcTestBase {
    private static final String ADMIN = Names.ADMINISTRATOR;

    /** The server's next notice to the administrator. */
    private static String noticeTo(IrcTestClient admin) {
        return admin.expect("^:openchat NOTICE " + ADMIN + " :");
    }

    @Test
    void aKlinedNickGetsErrorAndIsClosedItsChannelSeesQuitBannedAndItStaysOutUntilUnklined() {
        IrcTestClient admin = operator();
        IrcTestClient troll = irc("트롤");
        troll.join("#lobby");
        IrcTestClient witness = irc("영희");
        witness.join("#lobby");
        admin.send("WHOIS 트롤");
        assertThat(admin.expectNumeric("338"))
                .as("the operator sees the address to ban")
                .isEqualTo(":openchat 338 " + ADMIN + " 트롤 127.0.0.1 :접속한 주소 (관리자에게만 보입니다)");
        witness.send("WHOIS 트롤");
        assertThat(witness.sync())
                .as("no one else sees it")
                .anyMatch(line -> line.startsWith(":openchat 318 영희 트롤 "))
                .noneMatch(line -> line.contains(" 338 "));

        admin.send("KLINE 트롤 :도배");

        assertThat(noticeTo(admin))
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** 트롤 이름을 차단했습니다 (풀 때까지; 접속 중이던 1명을 내보냈습니다). "
                        + "트롤의 주소는 127.0.0.1 입니다 (주소도 막으려면 /quote ZLINE 127.0.0.1)");
        assertThat(troll.expect("^ERROR ")).isEqualTo("ERROR :연결을 닫습니다: " + ADMIN + "님이 이 서버에 대한 접속을 차단했습니다: 도배");
        troll.awaitClosed();
        assertThat(witness.expect(" QUIT ")).isEqualTo(":트롤!트롤@openchat QUIT :Banned: 도배");

        IrcTestClient again = irc();
        again.send("NICK 트롤");
        again.send("USER u 0 * :Real Name");
        assertThat(again.nextLine()).isEqualTo(":openchat 465 트롤 :이 서버에서 차단되었습니다: 도배");
        assertThat(again.nextLine()).isEqualTo("ERROR :연결을 닫습니다: 이 서버에서 차단되었습니다: 도배");
        again.awaitClosed();

        admin.send("STATS k");
        assertThat(admin.expectNumeric("216")).matches(":openchat 216 " + ADMIN + " 트롤 \\d{10} 0 " + ADMIN + " :도배");
        assertThat(admin.nextLine()).isEqualTo(":openchat 219 " + ADMIN + " k :STATS 끝");

        admin.send("UNKLINE 트롤");
        assertThat(noticeTo(admin)).isEqualTo(":openchat NOTICE " + ADMIN + " :*** 트롤 차단을 풀었습니다");
        irc("트롤"); // registers (001 ... 376)
        admin.send("STATS K");
        assertThat(admin.nextLine()).isEqualTo(":openchat 219 " + ADMIN + " K :STATS 끝");
    }

    @Test
    void anOcpMemberKlinedIsSeenOnIrcAsQuitBanned() {
        IrcTestClient admin = operator();
        TestClient ocpTroll = ocp("유저1");
        IrcTestClient witness = irc("영희");
        witness.join("#lobby");

        admin.send("KLINE 유저1");

        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 유저1 이름을 차단했습니다 (풀 때까지; 접속 중이던 1명을");
        assertThat(ocpTroll.nextMatching(m -> Methods.BANNED.equals(m.method())).header(HeaderNames.BY))
                .contains(ADMIN);
        assertThat(witness.expect(" QUIT ")).isEqualTo(":유저1!유저1@openchat QUIT :Banned");
    }

    @Test
    void aUserAtHostKlineWithADurationBansTheAddressForThatLongAndStatsKShowsIt() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("철수");

        admin.send("KLINE *@127.0.0.1 1h :봇 접속");

        assertThat(noticeTo(admin))
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** 127.0.0.1 주소를 차단했습니다 (기간 1시간; 접속 중이던 1명을 내보냈습니다)");
        member.expect("^ERROR ");
        member.awaitClosed();
        IrcTestClient fromThere = irc();
        fromThere.send("NICK 영희");
        fromThere.send("USER u 0 * :Real Name");
        assertThat(fromThere.nextLine())
                .as("with how long it still holds")
                .matches(":openchat 465 영희 :이 서버에서 차단되었습니다: 봇 접속 \\((1시간|59분( \\d+초)?) 뒤에 풀립니다\\)");
        fromThere.awaitClosed();
        admin.send("STATS k");
        assertThat(admin.nextLine())
                .as("InspIRCd's 216: the mask, when set, the duration in seconds, who set it, why")
                .matches(":openchat 216 " + ADMIN + " 127\\.0\\.0\\.1 \\d+ 3600 " + ADMIN + " :봇 접속");
        assertThat(admin.nextLine()).startsWith(":openchat 219 ");

        admin.send("ZLINE 10.0.0.0/8 0 :사설망");
        assertThat(noticeTo(admin))
                .as("0 is InspIRCd's permanent: nothing to say about it")
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** 10.0.0.0/8 주소를 차단했습니다 (풀 때까지)");
        admin.send("UNDLINE *@127.0.0.1");
        assertThat(noticeTo(admin)).isEqualTo(":openchat NOTICE " + ADMIN + " :*** 127.0.0.1 차단을 풀었습니다");
        irc("영희");
    }

    @Test
    void aNickMaskBansEveryNickItFitsAndAHostEndingInStarsIsItsNetwork() {
        IrcTestClient admin = operator();
        IrcTestClient first = irc("bot1");
        IrcTestClient second = irc("Bot_2");
        IrcTestClient bystander = irc("robot");

        admin.send("KLINE bot*!*@* 10m :봇");

        assertThat(noticeTo(admin))
                .isEqualTo(":openchat NOTICE " + ADMIN + " :*** bot* 에 맞는 이름을 모두 차단했습니다 (기간 10분; 접속 중이던 2명을 내보냈습니다)");
        first.expect("^ERROR ");
        second.expect("^ERROR ");
        IrcTestClient third = irc();
        third.send("NICK BOT_3");
        third.send("USER u 0 * :Real Name");
        assertThat(third.nextLine()).startsWith(":openchat 465 BOT_3 :이 서버에서 차단되었습니다: 봇 (");
        admin.send("STATS k");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " bot\\* \\d+ 600 " + ADMIN + " :봇");
        admin.nextLine();

        admin.send("KLINE *@127.0.0.* :로컬");

        assertThat(noticeTo(admin))
                .as("an address ending in * is its network, which puts out everyone from it but the operator")
                .startsWith(":openchat NOTICE " + ADMIN + " :*** 127.0.0.0/24 주소를 차단했습니다 (풀 때까지; 접속 중이던 1명을");
        bystander.expect("^ERROR ");
        admin.send("UNGLINE bot*"); // InspIRCd's network-wide form, the same here
        assertThat(noticeTo(admin)).isEqualTo(":openchat NOTICE " + ADMIN + " :*** bot* 차단을 풀었습니다");
        admin.send("GLINE *@198.51.100.* 1d :스팸 망");
        assertThat(noticeTo(admin)).isEqualTo(":openchat NOTICE " + ADMIN + " :*** 198.51.100.0/24 주소를 차단했습니다 (기간 1일)");
    }

    @Test
    void aNickChangeToABannedNameIsRefused432AndTheSessionGoesOn() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("철수");
        member.join("#lobby");
        admin.send("KLINE Kim_Min :사칭");
        noticeTo(admin);

        member.send("NICK KIM_MIN");

        assertThat(member.expectNumeric("432")).isEqualTo(":openchat 432 철수 KIM_MIN :쓸 수 없는 닉네임입니다: 차단된 이름입니다: 사칭");
        member.send("PRIVMSG #lobby :still here");
        assertThat(member.sync()).noneMatch(line -> line.startsWith("ERROR"));
        assertThat(server().server().core().member("철수")).isPresent();
    }

    @Test
    void klineCommandsAreTheOperatorsAndBadTargetsAreAnsweredWithANotice() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("철수");

        for (String command : new String[] {"KLINE 영희 :x", "ZLINE 10.0.0.1", "UNKLINE 영희", "KLINE"}) {
            member.send(command);
            assertThat(member.nextLine()).as(command).isEqualTo(":openchat 481 철수 :채팅관리자만 할 수 있습니다");
        }
        member.send("STATS k");
        assertThat(member.nextLine()).isEqualTo(":openchat 481 철수 :채팅관리자만 할 수 있습니다");
        assertThat(member.nextLine()).isEqualTo(":openchat 219 철수 k :STATS 끝");

        admin.send("KLINE");
        assertThat(admin.nextLine()).startsWith(":openchat 461 " + ADMIN + " KLINE :");
        admin.send("UNZLINE");
        assertThat(admin.nextLine()).startsWith(":openchat 461 " + ADMIN + " UNZLINE :");
        String[][] refused = {
            {"KLINE 채팅_관리자 :x", "관리자는 차단할 수 없습니다"},
            {"DLINE 300.1.2.3", "300.1.2.3 은(는) 차단할 수 있는 이름, 이름 패턴, 주소가 아닙니다 (예: 트롤, 트롤*, 203.0.113.7"},
            {"KLINE *@openchat :everyone", "*@openchat 은(는) 차단할 수 있는 이름, 이름 패턴, 주소가 아닙니다"},
            {"KLINE *!*@* :everyone", "*!*@* 은(는) 차단할 수 있는"},
            {"KLINE *@203.*.113.5 :x", "*@203.*.113.5 은(는) 차단할 수 있는"},
            {"KLINE 0.0.0.0/0 20s :전체", "0.0.0.0/0 은(는) 차단하기에 너무 넓은 주소 범위입니다 (접속한 모든 사람이 들어갈 수 있습니다): /8 이상으로 좁혀 쓰십시오"},
            {"ZLINE 10.1.2.3/0 5s :오타", "0.0.0.0/0 은(는) 차단하기에 너무 넓은 주소 범위입니다"},
            {"KLINE *@2001:db8::/16 :x", "2001::/16 은(는) 차단하기에 너무 넓은 주소 범위입니다 (접속한 모든 사람이 들어갈 수 있습니다): /32 이상"},
            {"KLINE 영희 soon :x", "기간으로 읽을 수 없습니다: soon (예: 0, 30분, 1시간30분, 7일, 6개월, 30m, 1h30m; 최대 3650d)"},
            {"KLINE 영희 11y :x", "기간으로 읽을 수 없습니다: 11y"},
            {"UNKLINE 영희", "영희 은(는) 차단되어 있지 않습니다"},
        };
        for (String[] line : refused) {
            admin.send(line[0]);
            assertThat(admin.nextLine()).as(line[0]).startsWith(":openchat NOTICE " + ADMIN + " :*** " + line[1]);
        }
        assertThat(server().server()
                        .core()
                        .bans(server().server().core().member(ADMIN).orElseThrow()))
                .isEmpty();
        assertThat(server().server().core().member("철수")).isPresent();
    }

    @Test
    void aKlinesDurationTakesMinForMinutesAndMoForMonthsAsWellAsInspircdsM() {
        IrcTestClient admin = operator();
        irc("트롤");
        irc("봇");

        admin.send("KLINE 트롤 10min :도배");
        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 트롤 이름을 차단했습니다 (기간 10분; ");
        admin.send("KLINE 봇 1mo");
        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 봇 이름을 차단했습니다 (기간 30일; ");
        admin.send("KLINE 스팸 30m");
        assertThat(noticeTo(admin)).as("m stays minutes").contains("(기간 30분)");

        admin.send("STATS k");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " 트롤 \\d+ 600 " + ADMIN + " :도배");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " 봇 \\d+ 2592000 " + ADMIN + " :");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " 스팸 \\d+ 1800 " + ADMIN + " :");
    }

    /**
     * Trial 11: {@code KLINE kl2 1시간 30분 :도배} banned for an hour with {@code 30분} as the reason, {@code 도배} dropped;
     * {@code KLINE 1시간 30분 kl1 :도배}, ircd-hybrid's order, banned the name {@code 1시간}.
     */
    @Test
    void aKlinesDurationMayBeKoreanWordsApartAndComeFirstAsIrcdHybridHasIt() {
        IrcTestClient admin = operator();

        admin.send("KLINE 트롤 1시간 30분 :장터 도배");
        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 트롤 이름을 차단했습니다 (기간 1시간 30분");
        admin.send("KLINE 1시간 30분 봇 :광고");
        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 봇 이름을 차단했습니다 (기간 1시간 30분");
        admin.send("KLINE 스팸 2일 도배 반복");
        assertThat(noticeTo(admin)).startsWith(":openchat NOTICE " + ADMIN + " :*** 스팸 이름을 차단했습니다 (기간 2일");

        admin.send("STATS k");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " 트롤 \\d+ 5400 " + ADMIN + " :장터 도배");
        assertThat(admin.nextLine()).matches(":openchat 216 " + ADMIN + " 봇 \\d+ 5400 " + ADMIN + " :광고");
        assertThat(admin.nextLine())
                .as("a reason without its colon, every word of it")
                .matches(":openchat 216 " + ADMIN + " 스팸 \\d+ 172800 " + ADMIN + " :도배 반복");
    }

    @Test
    void inEnglishTheOperatorAndTheBannedClientReadEnglish() {
        server(config -> config.locale(Locale.ENGLISH));
        IrcTestClient admin = operator();
        IrcTestClient troll = irc("troll");

        admin.send("KLINE troll@openchat 30m :spam");

        assertThat(noticeTo(admin))
                .isEqualTo(":openchat NOTICE " + ADMIN
                        + " :*** Banned the name troll (for 30 minutes; disconnected 1 connected member(s)). "
                        + "troll connected from 127.0.0.1 (to keep that address out too: /quote ZLINE 127.0.0.1)");
        assertThat(troll.expect("^ERROR "))
                .isEqualTo("ERROR :Closing link: banned by " + ADMIN + ": spam (for 30 minutes)");
        IrcTestClient again = irc();
        again.send("NICK Troll");
        again.send("USER u 0 * :Real Name");
        assertThat(again.nextLine())
                .matches(
                        ":openchat 465 Troll :You are banned from this server: spam \\(lifted in (30 minutes|29 minutes( \\d+ seconds?)?)\\)");
        assertThat(again.nextLine())
                .startsWith("ERROR :Closing link: You are banned from this server: spam (lifted in ");
    }
}
