package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The administrator's announcement over IRC: {@code NOTICE $*} (or ergo's {@code $$*}) sends it, every IRC member
 * gets it as a NOTICE from the administrator to {@code $*}, and anyone else's is answered 481.
 */
class IrcAnnouncementTest extends IrcTestBase {
    private static final String ADMIN = Names.ADMINISTRATOR;
    private static final String FROM_ADMIN = ":" + ADMIN + "!" + ADMIN + "@openchat NOTICE $* :";

    private static boolean isNotice(OcpMessage message) {
        return message.isRequest() && message.method().equals(Methods.NOTICE);
    }

    @Test
    void theOperatorsNoticeToDollarStarReachesEveryIrcAndOcpMemberAsANoticeFromTheAdministrator() {
        IrcTestClient admin = operator();
        IrcTestClient inLobby = irc("영희");
        inLobby.join("#lobby");
        IrcTestClient inNoChannel = irc("철수");
        TestClient ocp = ocpIn("games", "bob");

        admin.send("NOTICE $* :서버 점검이 10분 후에 있습니다");

        assertThat(inLobby.expect(" NOTICE \\$\\* ")).isEqualTo(FROM_ADMIN + "서버 점검이 10분 후에 있습니다");
        assertThat(inNoChannel.expect(" NOTICE \\$\\* ")).isEqualTo(FROM_ADMIN + "서버 점검이 10분 후에 있습니다");
        assertThat(admin.expect(" NOTICE \\$\\* "))
                .as("the operator's own copy: its confirmation")
                .isEqualTo(FROM_ADMIN + "서버 점검이 10분 후에 있습니다");
        OcpMessage notice = ocp.nextMatching(IrcAnnouncementTest::isNotice);
        assertThat(notice.header(HeaderNames.FROM)).contains(ADMIN);
        assertThat(notice.bodyText()).isEqualTo("서버 점검이 10분 후에 있습니다");
        server().console().awaitLine("[ANNOUNCE] 채팅관리자 → 접속자 4명: 서버 점검이 10분 후에 있습니다");
    }

    @Test
    void ergosDollarDollarStarIsAnAnnouncementToo() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("영희");

        admin.send("NOTICE $$* :점검 안내");

        assertThat(member.expect(" NOTICE \\$\\* ")).isEqualTo(FROM_ADMIN + "점검 안내");
    }

    @Test
    void aMemberWhoIsNotTheOperatorIsAnswered481AndNoOneIsTold() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("영희");

        member.send("NOTICE $* :I am in charge now");

        assertThat(member.expectNumeric("481")).startsWith(":openchat 481 영희 :");
        assertThat(admin.sync()).noneMatch(line -> line.contains("I am in charge now"));
        assertThat(member.sync()).noneMatch(line -> line.contains("I am in charge now"));
    }

    @Test
    void anOcpAdministratorsAnnouncementOfSeveralLinesReachesAnIrcMemberAsOneNoticePerLine() {
        TestClient admin = ocp(ADMIN);
        IrcTestClient member = irc("영희");

        OcpMessage answer = admin.request(OcpMessage.request(Methods.ANNOUNCE, Targets.SERVER)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("점검 안내\n10시부터 30분 동안")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(member.expect(" NOTICE \\$\\* ")).isEqualTo(FROM_ADMIN + "점검 안내");
        assertThat(member.expect(" NOTICE \\$\\* ")).isEqualTo(FROM_ADMIN + "10시부터 30분 동안");
    }

    @Test
    void aPrivmsgToDollarStarIsNoAnnouncement() {
        IrcTestClient admin = operator();
        IrcTestClient member = irc("영희");

        admin.send("PRIVMSG $* :hello");

        assertThat(admin.expectNumeric("401")).contains(" $* ");
        assertThat(member.sync()).noneMatch(line -> line.contains("hello"));
    }
}
