package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import openchat.core.CoreConfig;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/** A room's bans over IRC: MODE +b/-b (irssi's /ban, /kickban, /unban), MODE b, 474 at JOIN and 404 at PRIVMSG. */
class IrcRoomBanTest extends IrcTestBase {

    @Test
    void theServerAdvertisesBansAsAListModeWithTheirMaximum() {
        IrcTestClient client = irc();
        List<String> tokens = client.register("철수").stream()
                .filter(line -> line.split(" ")[1].equals("005"))
                .flatMap(line -> Arrays.stream(
                                line.substring(0, line.indexOf(" :")).split(" "))
                        .skip(3))
                .toList();

        assertThat(tokens).contains("CHANMODES=b,,l,nrt", "MAXLIST=b:" + CoreConfig.MAX_ROOM_BANS);
    }

    @Test
    void anOwnersBanIsSeenByTheRoomTheBannedMemberCannotSpeakAndAfterAKickCannotJoin() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient troll = irc("트롤");
        troll.join("#study");
        IrcTestClient witness = irc("영희");
        witness.join("#study");
        owner.expect(" JOIN #study$");

        // irssi's /kickban: MODE +b, then KICK.
        owner.send("MODE #study +b 트롤!*@*");
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");
        assertThat(witness.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");
        assertThat(troll.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");

        troll.send("PRIVMSG #study :아직 여기");
        assertThat(troll.expectNumeric("404")).isEqualTo(":openchat 404 트롤 #study :이 방에서 차단되어 말할 수 없습니다");
        owner.send("KICK #study 트롤 :잘 가");
        troll.expect(" KICK #study 트롤 ");
        troll.send("JOIN #study");
        assertThat(troll.expectNumeric("474")).isEqualTo(":openchat 474 트롤 #study :이 방에서 차단되어 들어갈 수 없습니다");
        server().console().awaitLine("[BAN] 트롤 → study 방 (철수)");
    }

    @Test
    void irssisKickbanSendsTheBanThenTheKickAndTheMemberSeesBothInOrder() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient troll = irc("트롤");
        troll.join("#study");
        owner.expect(" JOIN #study$");

        owner.sendRaw("MODE #study +b *!*트롤@openchat\r\nKICK #study 트롤 :잘 가\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(troll.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");
        assertThat(troll.expect(" KICK #study ")).startsWith(":철수!철수@openchat KICK #study 트롤 :잘 가");
    }

    @Test
    void theBanListShowsWhoSetEachBanAndWhenAndMinusBLiftsIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");
        long before = java.time.Instant.now().getEpochSecond();
        owner.send("MODE #study +b 봇*!*@*");
        owner.expect(" MODE #study \\+b ");

        member.send("MODE #study b");
        String entry = member.expectNumeric("367");
        assertThat(entry).startsWith(":openchat 367 영희 #study 봇*!*@* 철수 ");
        assertThat(Long.parseLong(entry.substring(entry.lastIndexOf(' ') + 1).replace(":", "")))
                .isBetween(before, java.time.Instant.now().getEpochSecond());
        assertThat(member.nextLine()).isEqualTo(":openchat 368 영희 #study :차단 목록 끝");

        owner.send("MODE #study -b 봇*!*@*");
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study -b 봇*!*@*");
        assertThat(member.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study -b 봇*!*@*");
        member.send("MODE #study +b");
        assertThat(member.nextLine()).isEqualTo(":openchat 368 영희 #study :차단 목록 끝");
    }

    @Test
    void theLiftersOwnMinusBCarriesTheTimeItWasLiftedNotTheTimeTheBanWasSet() {
        IrcTestClient owner = ircWithCaps("철수", "server-time");
        owner.join("#study");
        IrcTestClient member = ircWithCaps("영희", "server-time");
        member.join("#study");
        owner.expect(" JOIN #study$");
        owner.send("MODE #study +b 봇*!*@*");
        java.time.Instant set = timeOf(owner.expect(" MODE #study \\+b "));
        // The lifting comes later than the setting, on a clock that has moved past it.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> java.time.Instant.now().isAfter(set.plusMillis(20)));

        owner.send("MODE #study -b 봇*!*@*");

        java.time.Instant lifted = timeOf(owner.expect(" MODE #study -b "));
        java.time.Instant seen = timeOf(member.expect(" MODE #study -b "));
        assertThat(lifted).isAfter(set.plusMillis(19));
        assertThat(java.time.Duration.between(seen, lifted).abs()).isLessThan(java.time.Duration.ofSeconds(1));
    }

    /** The {@code time} tag of a line ({@code @time=2026-12-06T21:51:54.175Z :...}). */
    private static java.time.Instant timeOf(String line) {
        assertThat(line).startsWith("@time=");
        return java.time.Instant.parse(line.substring("@time=".length(), line.indexOf(' ')));
    }

    @Test
    void aMaskCountsByItsNickOrElseItsUserPartAndOneNamingNoOneIsRefusedWithANotice() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");

        // irssi's /ban with its default ban_type: the user part, which is every member's nick.
        owner.send("MODE #study +b *!*트롤@openchat");
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +b 트롤!*@*");
        owner.send("MODE #study +b *!*@*");
        assertThat(owner.expect(" NOTICE #study "))
                .as("said in the channel's window, where the owner typed it")
                .startsWith(":openchat NOTICE #study :*** 방 차단에 쓸 수 없는 마스크입니다: *!*@*. ");
        owner.send("MODE #study +b *!*@203.0.113.7");
        assertThat(owner.expect(" NOTICE #study "))
                .startsWith(":openchat NOTICE #study :*** 방 차단에 쓸 수 없는 마스크입니다: *!*@203.0.113.7. ");
        owner.send("MODE #study +b 철*!*@*");
        assertThat(owner.expect(" NOTICE #study ")).contains("자신에게도 맞아");

        IrcTestClient troll = irc("트롤");
        troll.send("JOIN #study");
        troll.expectNumeric("474");
    }

    @Test
    void aMemberWhoIsNotTheOwnerIsRefused482() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        member.send("MODE #study +b 철수!*@*");

        assertThat(member.expectNumeric("482")).startsWith(":openchat 482 영희 #study :");
    }

    @Test
    void aBanSetOverOcpIsSeenOnIrcAndAnIrcBanKeepsOutAnOcpMember() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        TestClient ocpMember = ocpIn("study", "유저1");
        owner.expect(" JOIN #study$");

        owner.send("MODE #study +b 유저2");
        assertThat(ocpMember.nextMatching(m -> m.method().equals(Methods.BAN)).header(HeaderNames.TARGET))
                .contains("유저2");
        TestClient banned = ocp("유저2");
        OcpMessage refused = banned.joinRoom("study");
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-banned");
    }
}
