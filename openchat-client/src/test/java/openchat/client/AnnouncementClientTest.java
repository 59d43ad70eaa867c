package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.core.Names;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's {@code /공지} ({@code /announce}) and how every client shows one: clients against a real server. */
class AnnouncementClientTest {
    private final TestServer server = TestServer.start();
    private final List<ClientRun> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ClientRun::close);
        server.close();
    }

    private ClientRun start(String name, Locale locale, String room) {
        ClientConfig config =
                new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), locale, ClientTls.OFF, room);
        ClientRun client = ClientRun.start(config);
        clients.add(client);
        return client;
    }

    @Test
    void theAdministratorsAnnouncementIsShownToEveryClientInEveryRoomAndTheAdministratorIsToldItWent() {
        ClientRun admin = start(Names.ADMINISTRATOR, Locale.KOREAN, "lobby");
        admin.awaitLine(Names.ADMINISTRATOR + " 접속 완료");
        ClientRun member = start("유저1", Locale.KOREAN, "games");
        member.awaitLine("유저1 접속 완료");
        ClientRun english = start("bob", Locale.ENGLISH, "lobby");
        english.awaitLine("Connected as bob");

        admin.type("/공지 서버 점검이 10분 후에 있습니다");

        admin.awaitLine("모두에게 공지했습니다");
        admin.awaitLine("[공지] 채팅관리자: 서버 점검이 10분 후에 있습니다");
        member.awaitLine("[공지] 채팅관리자: 서버 점검이 10분 후에 있습니다");
        english.awaitLine("[announcement] 채팅관리자: 서버 점검이 10분 후에 있습니다");

        admin.type("/announce back in 5");
        member.awaitLine("[공지] 채팅관리자: back in 5");
    }

    @Test
    void aMembersAnnouncementIsRefusedAsTheAdministratorsAloneAndNoOneSeesIt() {
        ClientRun admin = start(Names.ADMINISTRATOR, Locale.KOREAN, "lobby");
        admin.awaitLine(Names.ADMINISTRATOR + " 접속 완료");
        ClientRun member = start("유저1", Locale.KOREAN, "lobby");
        member.awaitLine("유저1 접속 완료");

        member.type("/공지 내가 관리자다");

        member.awaitLine("관리자만 사용할 수 있습니다");
        member.type("/공지");
        member.awaitLine("사용법: /공지 내용 (/announce)");
        admin.type("/who");
        admin.awaitLineContaining("  유저1  ");
        assertThat(admin.lines()).noneMatch(line -> line.contains("내가 관리자다"));
        assertThat(member.lines()).noneMatch(line -> line.contains("[공지]"));
    }

    @Test
    void helpListsTheAnnouncementInEitherLanguage() {
        ClientRun admin = start(Names.ADMINISTRATOR, Locale.KOREAN, "lobby");
        admin.awaitLine(Names.ADMINISTRATOR + " 접속 완료");
        ClientRun english = start("bob", Locale.ENGLISH, "lobby");
        english.awaitLine("Connected as bob");

        admin.type("/도움말 공지");
        english.type("/help announce");

        admin.awaitLine("  /공지 내용 (/announce) - 지금 접속한 모든 사람에게 공지합니다: 방에 상관없이 모두에게 [공지] 줄로 보입니다 (관리자)");
        english.awaitLine(
                "  /announce TEXT (/공지) - tell everyone connected, whatever room they are in; shown to all as an"
                        + " [announcement] (administrator)");
    }
}
