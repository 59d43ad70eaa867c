package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import openchat.core.Names;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * WHOX (https://ircv3.net/specs/extensions/whox): {@code WHO <mask> [flags]%<fields>[,<token>]} answered with 354
 * holding the fields asked, in the specification's order, as WeeChat asks it to follow members' away status.
 */
class IrcWhoxTest extends IrcTestBase {

    @Test
    void isupportAdvertisesWhox() {
        List<String> lines = irc().register("철수");

        assertThat(lines)
                .filteredOn(line -> IrcTestClient.numeric(line, "005"))
                .anyMatch(line -> line.contains(" WHOX "));
    }

    @Test
    void whoxOfAChannelGivesEveryFieldInTheSpecificationsOrder() {
        SteppedClock clock = new SteppedClock();
        server(b -> b, clock);
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        member.send("AWAY :점심");
        member.expectNumeric("306");
        owner.expect("^:영희!영희@openchat JOIN #study$");
        clock.advance(Duration.ofSeconds(42));

        owner.send("WHO #study %tcuihsnfdlaor,7");

        assertThat(owner.linesUntil(" 315 "))
                .containsExactly(
                        ":openchat 354 철수 7 #study 철수 255.255.255.255 openchat openchat 철수 H@ 0 42 0 n/a :Real Name",
                        ":openchat 354 철수 7 #study 영희 255.255.255.255 openchat openchat 영희 G 0 42 0 n/a :Real Name",
                        ":openchat 315 철수 #study :WHO 목록 끝");
    }

    @Test
    void whoxGivesTheFieldsInTheSpecificationsOrderWhateverOrderTheyWereAskedIn() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");

        owner.send("WHO #study %rfnc");

        assertThat(owner.linesUntil(" 315 "))
                .containsExactly(":openchat 354 철수 #study 철수 H@ :Real Name", ":openchat 315 철수 #study :WHO 목록 끝");
    }

    @Test
    void whoxGivesBackATokenOfUpToThreeDigitsAndZeroForAnyOther() {
        IrcTestClient asker = irc("철수");

        asker.send("WHO 철수 %tn,152");
        assertThat(asker.nextLine()).isEqualTo(":openchat 354 철수 152 :철수");
        asker.linesUntil(" 315 ");
        for (String bad : List.of("%tn,1234", "%tn,ab", "%tn,", "%tn")) {
            asker.send("WHO 철수 " + bad);
            assertThat(asker.nextLine()).as(bad).isEqualTo(":openchat 354 철수 0 :철수");
            asker.linesUntil(" 315 ");
        }
        asker.send("WHO 철수 %n,152");
        assertThat(asker.nextLine()).as("the token only where t is asked").isEqualTo(":openchat 354 철수 :철수");
    }

    @Test
    void whoxIgnoresAFieldLetterItDoesNotKnowAndWithNoneKnownAnswers352() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");

        asker.send("WHO #study %nxZ");
        assertThat(asker.nextLine()).isEqualTo(":openchat 354 철수 :철수");
        asker.linesUntil(" 315 ");
        asker.send("WHO #study %xyz");
        assertThat(asker.nextLine()).isEqualTo(":openchat 352 철수 #study 철수 openchat openchat 철수 H@ :0 Real Name");
    }

    @Test
    void whoxWithTheOperatorFlagAndFieldsListsOnlyTheAdministrator() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");
        irc("영희").join("#study");
        TestClient admin = ocp(Names.ADMINISTRATOR);
        admin.joinRoom("study");
        asker.expect(" MODE #study \\+o ");

        asker.send("WHO #study o%tnf,9");

        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(":openchat 354 철수 9 채팅관리자 :H*@", ":openchat 315 철수 #study :WHO 목록 끝");
    }

    @Test
    void whoxShowsAnOcpMemberByItsNickWithItsNameAsRealName() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");
        ocpIn("study", "Kim Min");
        asker.expect(" JOIN #study");

        asker.send("WHO Kim_Min %cuhnfar");

        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(
                        ":openchat 354 철수 #study Kim_Min openchat Kim_Min H 0 :Kim Min",
                        ":openchat 315 철수 Kim_Min :WHO 목록 끝");
    }

    @Test
    void whoxHidesMembersAddressesButFromTheOperator() {
        IrcTestClient member = irc("영희");
        member.join("#study");
        IrcTestClient admin = operator();
        admin.join("#study");
        member.expect(" MODE #study \\+o 채팅관리자$");

        member.send("WHO #study %ni");
        assertThat(member.linesUntil(" 315 "))
                .containsExactlyInAnyOrder(
                        ":openchat 354 영희 255.255.255.255 :영희",
                        ":openchat 354 영희 255.255.255.255 :채팅관리자",
                        ":openchat 315 영희 #study :WHO 목록 끝");
        admin.send("WHO 영희 %ni");
        assertThat(admin.nextLine())
                .as("the address WHOIS's 338 shows it")
                .isEqualTo(":openchat 354 채팅관리자 127.0.0.1 :영희");
    }

    @Test
    void whoxIdleIsTheSecondsSinceTheMembersLastLine() {
        SteppedClock clock = new SteppedClock();
        server(b -> b, clock);
        IrcTestClient talker = irc("영희");
        talker.join("#study");
        IrcTestClient asker = irc("철수");
        clock.advance(Duration.ofSeconds(90));

        asker.send("WHO 영희 %nl");
        assertThat(asker.nextLine()).isEqualTo(":openchat 354 철수 영희 :90");
        asker.linesUntil(" 315 ");
        talker.send("PRIVMSG #study :돌아왔어요");
        talker.sync();
        clock.advance(Duration.ofSeconds(5));
        asker.send("WHO 영희 %nl");
        assertThat(asker.nextLine()).as("a line resets it, as WHOIS's 317").isEqualTo(":openchat 354 철수 영희 :5");
    }

    @Test
    void whoOfANickNamesAChannelTheAskerSharesWithItAndItsRoleThere() {
        IrcTestClient asker = irc("철수");
        asker.join("#lobby");
        IrcTestClient other = irc("영희");
        other.join("#dev");
        other.join("#lobby");
        asker.expect("^:영희!영희@openchat JOIN #lobby$");

        asker.send("WHO 영희 %cnf");
        assertThat(asker.nextLine()).isEqualTo(":openchat 354 철수 #lobby 영희 :H");
        asker.linesUntil(" 315 ");
        asker.send("WHO 영희");
        assertThat(asker.nextLine())
                .as("352 alike, as solanum shows it")
                .isEqualTo(":openchat 352 철수 #lobby 영희 openchat openchat 영희 H :0 Real Name");
        asker.linesUntil(" 315 ");
        irc("수지").join("#elsewhere");
        asker.send("WHO 수지 %cnf");
        assertThat(asker.nextLine()).as("no channel shared").isEqualTo(":openchat 354 철수 * 수지 :H");
    }

    @Test
    void whoxOfAMaskListsTheMembersItFitsOnceWithAChannelTheyShare() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");
        IrcTestClient kim = irc("kimchi");
        kim.join("#study");
        irc("kimbap").join("#elsewhere");
        asker.expect("^:kimchi!kimchi@openchat JOIN #study$");

        asker.send("WHO kim* %tcnf,3");

        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(":openchat 354 철수 3 #study kimchi :H", ":openchat 315 철수 kim* :WHO 목록 끝");
    }
}
