package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * invite-notify (https://ircv3.net/specs/extensions/invite-notify): a member's INVITE into a room is told to the
 * room's members that enabled the capability, whoever invited, on whatever protocol; rooms are open, so every member,
 * as every one may invite.
 */
class IrcInviteNotifyTest extends IrcTestBase {

    @Test
    void capLsOffersInviteNotify() {
        IrcTestClient client = irc();

        client.send("CAP LS 302");

        String ls = client.nextLine();
        assertThat(ls.substring(ls.indexOf(" :") + 2).split(" ")).contains("invite-notify");
    }

    @Test
    void anInviteIsSeenByTheRoomsOperatorWithInviteNotifyAndNotByOneWithout() {
        IrcTestClient owner = ircWithCaps("철수", "invite-notify");
        owner.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#other");
        IrcTestClient member = ircWithCaps("수지", "invite-notify");
        member.join("#study");
        member.join("#other");
        irc("영희");
        owner.expect("^:수지!수지@openchat JOIN #study$");
        plain.expect("^:수지!수지@openchat JOIN #other$");

        member.send("INVITE 영희 #study");
        assertThat(member.nextLine()).as("the inviter's answer, no INVITE").isEqualTo(":openchat 341 수지 영희 :#study");
        assertThat(member.sync()).isEmpty();
        assertThat(owner.expect(" INVITE ")).isEqualTo(":수지!수지@openchat INVITE 영희 :#study");

        // The owner of #other, without the capability, sees no invitation into it.
        member.send("INVITE 영희 #other");
        member.expectNumeric("341");
        assertThat(plain.sync()).as("no INVITE without invite-notify").isEmpty();
    }

    @Test
    void everyMemberWithInviteNotifySeesAnInviteIntoItsOpenRoom() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = ircWithCaps("수지", "invite-notify server-time");
        member.join("#study");
        irc("영희");

        owner.send("INVITE 영희 #study");

        assertThat(member.expect(" INVITE "))
                .as("with its time, as every event for server-time")
                .matches("^@time=\\S+ :철수!철수@openchat INVITE 영희 :#study$");
    }

    @Test
    void anOcpMembersInviteIsSeenOnIrcWithInviteNotify() {
        IrcTestClient watcher = ircWithCaps("철수", "invite-notify");
        watcher.join("#study");
        TestClient ocp = ocp("유저1");
        ocp.joinRoom("study");
        watcher.expect("^:유저1!유저1@openchat JOIN #study$");
        IrcTestClient invited = irc("영희");

        OcpMessage answer = ocp.request(OcpMessage.request(Methods.INVITE, "/rooms/study")
                .header(HeaderNames.NAME, "영희")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(invited.expect(" INVITE ")).isEqualTo(":유저1!유저1@openchat INVITE 영희 :#study");
        assertThat(watcher.expect(" INVITE ")).isEqualTo(":유저1!유저1@openchat INVITE 영희 :#study");
    }

    @Test
    void inviteNotifyEnabledAfterRegistrationTakesEffectAtOnce() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        irc("영희");
        IrcTestClient member = irc("수지");
        member.join("#study");

        member.send("CAP REQ :invite-notify");
        member.expect(" CAP 수지 ACK :invite-notify$");
        owner.send("INVITE 영희 #study");

        assertThat(member.expect(" INVITE ")).isEqualTo(":철수!철수@openchat INVITE 영희 :#study");
    }
}
