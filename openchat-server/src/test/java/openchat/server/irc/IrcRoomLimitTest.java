package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A room's member limit over IRC: MODE #room +l N and -l, 324 and LIST showing it, 471 past it. */
class IrcRoomLimitTest extends IrcTestBase {

    /** 철수, who made #study on a server whose rooms hold 5. */
    private IrcTestClient ownerOfStudy() {
        server(b -> b.maxUsers(5));
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        return owner;
    }

    @Test
    void anOwnersPlusLIsSeenByTheRoomShownIn324AndListAndRefusesTheNextJoinerAsFull() {
        IrcTestClient owner = ownerOfStudy();
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("MODE #study +l 2");
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +l 2");
        assertThat(member.expect(" MODE #study ")).isEqualTo(":철수!철수@openchat MODE #study +l 2");

        member.send("MODE #study");
        assertThat(member.expectNumeric("324")).isEqualTo(":openchat 324 영희 #study +lnt 2");
        member.send("LIST #study");
        assertThat(member.expectNumeric("322")).startsWith(":openchat 322 영희 #study 2 ");

        IrcTestClient late = irc("민수");
        late.send("JOIN #study");
        assertThat(late.expectNumeric("471")).isEqualTo(":openchat 471 민수 #study :방이 가득 찼습니다 (최대 2명)");
    }

    @Test
    void minusLGivesBackTheServersCapacityAndMembersOverALimitStay() {
        IrcTestClient owner = ownerOfStudy();
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("MODE #study +l 1");
        member.expect(" MODE #study \\+l 1$");
        owner.send("NAMES #study");
        assertThat(owner.expectNumeric("353")).as("both stay").contains("영희").contains("철수");

        owner.send("MODE #study -l");
        // A room always has a limit: its -l is the server's capacity again, said as +l so that clients keep the l.
        String capacity = owner.expect(" MODE #study ");
        assertThat(capacity).matches(":철수!철수@openchat MODE #study \\+l \\d+");
        assertThat(member.expect(" MODE #study \\+l")).isEqualTo(capacity);
        owner.send("MODE #study");
        assertThat(owner.expectNumeric("324")).isEqualTo(":openchat 324 철수 #study +lnt 5");
        irc("민수").join("#study");
    }

    @Test
    void aMemberWhoIsNotTheOwnerGets482AndABadLimitANotice() {
        IrcTestClient owner = ownerOfStudy();
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        member.send("MODE #study +l 2");
        assertThat(member.expectNumeric("482")).isEqualTo(":openchat 482 영희 #study :방장이나 채팅관리자만 할 수 있습니다");
        member.send("MODE #study -l");
        assertThat(member.expectNumeric("482")).startsWith(":openchat 482 영희 #study :");

        owner.send("MODE #study +l 6");
        assertThat(owner.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 방 인원 제한은 1에서 5 사이여야 합니다: 6");
        owner.send("MODE #study +l 0");
        assertThat(owner.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 방 인원 제한은 1에서 5 사이여야 합니다: 0");
        owner.send("MODE #study +l many");
        assertThat(owner.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 인원 제한(+l)에는 1에서 5 사이의 인원을 주십시오: many");
        owner.send("MODE #study +l");
        assertThat(owner.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 인원 제한(+l)에는 1에서 5 사이의 인원을 주십시오: ");
        owner.send("MODE #study");
        assertThat(owner.expectNumeric("324")).isEqualTo(":openchat 324 철수 #study +lnt 5");
    }

    @Test
    void theAdministratorSetsAChannelsLimitFromOutsideWithANoticeAndTheRoomSeesItsMode() {
        IrcTestClient owner = ownerOfStudy();
        IrcTestClient admin = operator();

        admin.send("MODE #study +l 3");

        assertThat(admin.expect(" NOTICE 채팅관리자 ")).isEqualTo(":openchat NOTICE 채팅관리자 :*** 방 인원 제한을 3명으로 정했습니다");
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":채팅관리자!채팅관리자@openchat MODE #study +l 3");
        admin.send("MODE #study +l 9");
        assertThat(admin.expect(" NOTICE "))
                .as("a notice about a channel the client is not in goes to its nick: a client drops a channel's lines")
                .isEqualTo(":openchat NOTICE 채팅관리자 :*** 방 인원 제한은 1에서 5 사이여야 합니다: 9");
    }
}
