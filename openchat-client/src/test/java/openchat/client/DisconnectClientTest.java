package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's {@code /disconnect} ({@code /접속끊기}), and being disconnected: clients against a real server. */
class DisconnectClientTest {
    private final ClientsOnServer run = new ClientsOnServer();

    @AfterEach
    void stop() throws Exception {
        run.close();
    }

    @Test
    void administratorDisconnectsAMemberWhoIsToldWhyAndExitsOneAsAfterALastKickAndMayComeBack() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);
        ClientRun troll = run.joinAs("트롤 군");
        ClientRun witness = run.joinAs("유저1");
        admin.awaitLine("유저1님이 입장하였습니다.");

        admin.type("/접속끊기");
        admin.awaitLine("사용법: /접속끊기 이름 [이유] (/disconnect)");
        witness.type("/disconnect 트롤 군");
        witness.awaitLine("관리자만 사용할 수 있습니다");
        admin.type("/접속끊기 아무도");
        admin.awaitLine("그런 사용자가 없습니다: 아무도");
        admin.type("/접속끊기 " + Names.ADMINISTRATOR);
        admin.awaitLine("관리자의 접속은 끊을 수 없습니다");

        admin.type("/접속끊기 \"트롤 군\" 도배 그만");

        admin.awaitLine("트롤 군님의 접속을 끊었습니다");
        troll.awaitLine("채팅관리자님이 서버와의 접속을 끊었습니다 (차단은 아니어서 다시 접속할 수 있습니다): 도배 그만");
        assertThat(troll.awaitExit()).as("as a kick from the last room ends").isEqualTo(1);
        ClientsOnServer.assertEndedWithoutConnectionLost(troll);
        witness.awaitLine("트롤 군님의 접속이 관리자에 의해 끊어졌습니다. (도배 그만)");
        admin.awaitLine("트롤 군님의 접속이 관리자에 의해 끊어졌습니다. (도배 그만)");

        run.joinAs("트롤 군"); // nothing is banned
    }

    @Test
    void administratorsKickOfAMemberOfAnotherRoomPointsToDisconnect() {
        ClientRun admin = run.joinAs(Names.ADMINISTRATOR);
        ClientRun troll = run.joinAs("트롤");
        admin.awaitLine("트롤님이 입장하였습니다.");
        admin.type("/join ops");
        admin.awaitLine("[ops] 방에 들어왔습니다 (1/5명)");

        admin.type("/kick 트롤");

        admin.awaitLine("트롤님은 이 방에 없습니다");
        admin.awaitLine("다른 방에 있는 사용자는 서버에서 내보낼 수 있습니다 (차단하지 않으므로 바로 다시 접속할 수 있습니다): /접속끊기 트롤");
        assertThat(troll.lines()).as("still connected, in the lobby").doesNotContain("관리자에 의해 강제 퇴장되었습니다.");
    }

    @Test
    void inEnglishHelpListsDisconnectAndTheLinesReadWithoutAReason() {
        ClientRun admin = run.start(Names.ADMINISTRATOR, Locale.ENGLISH);
        admin.awaitLine("Connected as " + Names.ADMINISTRATOR);
        ClientRun bob = run.start("bob", Locale.ENGLISH);
        bob.awaitLine("Connected as bob");
        admin.awaitLine("bob joined.");

        admin.type("/help disconnect");
        admin.awaitLine(
                "  /disconnect NAME [REASON] (/접속끊기) - disconnect a user from the server without banning them,"
                        + " so they may come straight back; REASON is shown to them and to the rooms they were in (administrator)");

        admin.type("/disconnect bob");

        admin.awaitLine("bob was disconnected");
        bob.awaitLine(Names.ADMINISTRATOR + " disconnected you (not a ban: you may connect again)");
        assertThat(bob.awaitExit()).isEqualTo(1);
        ClientsOnServer.assertEndedWithoutConnectionLost(bob);
        admin.awaitLine("bob was disconnected by the administrator.");
    }
}
