package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's ANNOUNCE over OCP, end to end: every member's NOTICE with From, the refusals, the console. */
class AnnouncementTest {
    private TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage announce(TestClient by, String text) {
        return by.request(OcpMessage.request(Methods.ANNOUNCE, Targets.SERVER)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .header(HeaderNames.REQUEST_ID, "a1")
                .body(text)
                .build());
    }

    private static boolean isNotice(OcpMessage message) {
        return message.isRequest() && message.method().equals(Methods.NOTICE);
    }

    @Test
    void theAdministratorsAnnouncementReachesEveryMemberOfEveryRoomAsANoticeFromIt() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient alice = server.joined("alice");
        TestClient bob = server.client();
        assertThat(bob.connect("games", "bob", null).statusCode()).isEqualTo(200);

        OcpMessage answer = announce(admin, "서버 점검이 10분 후에 있습니다");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.REQUEST_ID)).contains("a1");
        assertThat(answer.header(HeaderNames.DATE)).isPresent();
        assertThat(answer.bodyText()).isEqualTo("모두에게 공지했습니다");
        for (TestClient member : new TestClient[] {admin, alice, bob}) {
            OcpMessage notice = member.nextMatching(AnnouncementTest::isNotice);
            assertThat(notice.target()).isEqualTo("/");
            assertThat(notice.header(HeaderNames.FROM)).contains(Names.ADMINISTRATOR);
            assertThat(notice.header(HeaderNames.DATE)).isEqualTo(answer.header(HeaderNames.DATE));
            assertThat(notice.header(HeaderNames.CONTENT_TYPE)).contains(HeaderNames.TEXT_UTF8);
            assertThat(notice.bodyText()).isEqualTo("서버 점검이 10분 후에 있습니다");
        }
        server.console().awaitLine("[ANNOUNCE] 채팅관리자 → 접속자 3명: 서버 점검이 10분 후에 있습니다");
        admin.close();
        alice.close();
        bob.close();
    }

    @Test
    void anAnnouncementIsNotKeptInAnyRoomsHistory() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        announce(admin, "점검 안내");
        admin.nextMatching(AnnouncementTest::isNotice);

        OcpMessage page = admin.request(
                OcpMessage.request(Methods.HISTORY, Targets.room("lobby")).build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header(HeaderNames.COUNT)).contains("0");
        admin.close();
    }

    @Test
    void aMemberWhoIsNotTheAdministratorIsRefused403AndNoOneIsTold() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient alice = server.joined("alice");

        OcpMessage answer = announce(alice, "I am in charge now");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.header(HeaderNames.ERROR_CODE)).contains("admin-only");
        admin.request(OcpMessage.request(Methods.PING, Targets.SERVER).build()); // a barrier: told by now if at all
        assertThat(admin.events()).noneMatch(AnnouncementTest::isNotice);
        assertThat(alice.events()).noneMatch(AnnouncementTest::isNotice);
        admin.close();
        alice.close();
    }

    @Test
    void aBlankAnnouncementOrOneThatIsNotTextIsRefused400() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage blank = announce(admin, "  \n ");
        OcpMessage notText = admin.request(OcpMessage.request(Methods.ANNOUNCE, Targets.SERVER)
                .header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                .body("점검")
                .build());
        OcpMessage toARoom = admin.request(OcpMessage.request(Methods.ANNOUNCE, Targets.room("lobby"))
                .body("점검")
                .build());

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.header(HeaderNames.ERROR_CODE)).contains("empty-message");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(toARoom.statusCode()).as("ANNOUNCE's target is the server").isEqualTo(404);
        assertThat(admin.events()).noneMatch(AnnouncementTest::isNotice);
        admin.close();
    }

    @Test
    void anEnglishServersConsoleShowsTheAnnouncementInEnglish() throws Exception {
        server.close();
        server = TestServer.start(config -> config.locale(Locale.ENGLISH));
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        assertThat(announce(admin, "maintenance in 10 minutes").bodyText())
                .isEqualTo("Announced to everyone connected");

        server.console().awaitLine("[ANNOUNCE] 채팅관리자 → 1 connected member(s): maintenance in 10 minutes");
        admin.close();
    }
}
