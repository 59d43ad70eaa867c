package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Away, one state in the chat core whichever protocol sets it: told once to each member sharing a room, shown in
 * WHO and WHOIS, and answered to a private message, over OCP and IRC alike.
 */
class AwayTest extends IrcTestBase {

    private static OcpMessage away(String text) {
        return OcpMessage.request(Methods.AWAY, "/")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build();
    }

    private static OcpMessage who(String room) {
        return OcpMessage.request(Methods.WHO, "/rooms/" + room).build();
    }

    private static OcpMessage ping() {
        return OcpMessage.request(Methods.PING, "/").build();
    }

    private static OcpMessage nextAway(TestClient client) {
        return client.nextMatching(m -> m.method().equals(Methods.AWAY));
    }

    @Test
    void anOcpMemberGoesAwayAndBackAndEachMemberSharingARoomIsToldOnceAndOnlyOfAChange() {
        TestClient away = ocpIn("study", "유저1");
        TestClient both = ocpIn("study", "유저2");
        assertThat(away.joinRoom("lobby").statusCode()).isEqualTo(200);
        assertThat(both.joinRoom("lobby").statusCode()).isEqualTo(200);
        TestClient elsewhere = ocpIn("garden", "유저3");

        OcpMessage answer = away.request(away("  점심 먹는 중  "));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("자리 비움으로 표시했습니다");
        OcpMessage told = nextAway(both);
        assertThat(told.target()).isEqualTo("/");
        assertThat(told.header(HeaderNames.NAME)).contains("유저1");
        assertThat(told.header(HeaderNames.DATE)).isPresent();
        assertThat(told.bodyText()).isEqualTo("점심 먹는 중");
        assertThat(away.request(away("점심 먹는 중")).statusCode()).isEqualTo(200); // the same again: no one told

        assertThat(away.request(away("")).bodyText()).isEqualTo("자리 비움을 해제했습니다");
        // Two rooms shared, one event each time: had the first been sent once per room, or the repeat at all, this
        // would be a copy of it.
        OcpMessage back = nextAway(both);
        assertThat(back.header(HeaderNames.NAME)).contains("유저1");
        assertThat(back.bodyText()).isEmpty();

        // A member of no shared room hears nothing: its own answer comes after anything sent to it before.
        assertThat(elsewhere.request(ping()).statusCode()).isEqualTo(200);
        assertThat(elsewhere.drain()).noneMatch(m -> Methods.AWAY.equals(m.method()));
    }

    @Test
    void whoListsTheAwayMessageAndAPrivateMessageIsAnsweredWithIt() {
        TestClient away = ocpIn("study", "유저1");
        TestClient other = ocpIn("study", "유저2");
        away.request(away("회의 중"));

        assertThat(other.request(who("study")).bodyText())
                .isEqualTo("name\trole\taway\n유저1\towner\t회의 중\n유저2\tmember\t\n");
        OcpMessage sent = other.request(privateTo("유저1", "끝나면 연락 주세요"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.header(HeaderNames.AWAY)).contains("회의 중");
        assertThat(away.nextMatching(m -> m.method().equals(Methods.PRIVATE)).bodyText())
                .isEqualTo("끝나면 연락 주세요");

        away.request(away(""));
        assertThat(other.request(privateTo("유저1", "돌아왔네요")).header(HeaderNames.AWAY))
                .isEmpty();
    }

    @Test
    void anAwayMessageTooLongOrHoldingAControlCharacterIsRefused() {
        TestClient member = ocpIn("study", "유저1");

        OcpMessage tooLong = member.request(away("가".repeat(301)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyText()).startsWith("사용할 수 없는 자리 비움 메세지입니다: ");
        OcpMessage tab = member.request(away("점심\t먹는 중"));
        assertThat(tab.statusCode()).isEqualTo(400);
        assertThat(member.request(away("가".repeat(300))).statusCode()).isEqualTo(200);
    }

    @Test
    void anAwayMembersJoinCarriesItsAwayMessageOverOcpAndIrc() {
        TestClient there = ocpIn("study", "유저2");
        IrcTestClient notified = ircWithCaps("철수", "away-notify");
        notified.join("#study");
        IrcTestClient plain = irc("영희");
        plain.join("#study");
        TestClient away = ocpIn("lobby", "유저1");
        away.request(away("점심"));

        assertThat(away.joinRoom("study").statusCode()).isEqualTo(200);

        OcpMessage joined = there.nextMatching(m -> m.method().equals(Methods.JOINED)
                && m.header(HeaderNames.NAME).orElse("").equals("유저1"));
        assertThat(joined.header(HeaderNames.AWAY)).contains("점심");
        notified.expect("^:유저1!\\S+ JOIN #study$");
        assertThat(notified.nextLine()).isEqualTo(":유저1!유저1@openchat AWAY :점심");
        plain.expect("^:유저1!\\S+ JOIN #study$");
        assertThat(plain.sync()).as("no AWAY without away-notify").isEmpty();
    }

    @Test
    void anOcpMembersAwayReachesIrcClientsAsAwayNotifyWhoWhoisAnd301() {
        TestClient away = ocpIn("study", "유저1");
        IrcTestClient irc = ircWithCaps("철수", "away-notify");
        irc.join("#study");

        away.request(away("점심"));

        assertThat(irc.expect(" AWAY ")).isEqualTo(":유저1!유저1@openchat AWAY :점심");
        irc.send("PRIVMSG 유저1 :있어요?");
        assertThat(irc.expectNumeric("301")).isEqualTo(":openchat 301 철수 유저1 :점심");
        irc.send("WHO #study");
        assertThat(irc.expectNumeric("352")).contains(" 유저1 G");
        irc.send("WHOIS 유저1");
        assertThat(irc.expectNumeric("301")).isEqualTo(":openchat 301 철수 유저1 :점심");
    }

    @Test
    void anIrcMembersAwayIsSeenOverOcp() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        irc.join("#study");

        irc.send("AWAY :\u0002회의\u0002 \u000304,01중\u0003");
        assertThat(irc.expectNumeric("306")).isEqualTo(":openchat 306 철수 :자리 비움으로 표시했습니다");

        OcpMessage told = nextAway(ocp);
        assertThat(told.header(HeaderNames.NAME)).contains("철수");
        assertThat(told.bodyText())
                .as("IRC's bold and colour codes dropped, the colour's digits with it")
                .isEqualTo("회의 중");
        assertThat(ocp.request(privateTo("철수", "급한 일입니다")).header(HeaderNames.AWAY))
                .contains("회의 중");
        assertThat(ocp.request(who("study")).bodyText()).contains("철수\tmember\t회의 중\n");
    }
}
