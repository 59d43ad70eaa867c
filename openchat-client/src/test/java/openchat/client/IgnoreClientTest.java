package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /ignore} ({@code /무시}) and {@code /unignore}: clients against a real server. */
class IgnoreClientTest {
    private final ClientsOnServer run = new ClientsOnServer();

    @AfterEach
    void stop() throws Exception {
        run.close();
    }

    @Test
    void anIgnoredMembersLinesPrivateMessagesAndInvitationsAreNotShownUntilUnignoredAndOthersStillGetThem() {
        ClientRun me = run.joinAs("유저1");
        ClientRun pest = run.joinAs("도배꾼");
        ClientRun other = run.joinAs("유저3");
        me.awaitLine("유저3님이 입장하였습니다.");

        me.type("/무시 도배꾼");
        me.awaitLine("이제 도배꾼님의 채팅, 귓속말, 초대가 보이지 않습니다 (이 접속 동안; 다시 보려면: /무시해제 도배꾼)");
        pest.type("광고 1");
        pest.type("/w 유저1 광고 귓속말");
        pest.awaitLineContaining("(귓속말) 나 → 유저1 : 광고 귓속말");
        pest.type("/join 광고방");
        pest.awaitLine("[광고방] 방에 들어왔습니다 (1/5명)");
        pest.type("/invite 유저1");
        pest.awaitLine("유저1님을 광고방 방으로 초대했습니다");
        other.awaitLineContaining("도배꾼 : 광고 1");
        // Sent after all of them: what reached this client before it, of the ignored member's, was not shown.
        other.type("다른 사람의 말");
        me.awaitLineContaining("유저3 : 다른 사람의 말");
        assertThat(me.lines())
                .as("nothing from the ignored member, lines sent before the other's included")
                .noneMatch(line -> line.contains("광고"))
                .noneMatch(line -> line.contains("초대했습니다"));

        me.type("/ignore");
        me.awaitLine("무시하는 사람: 도배꾼");
        me.type("/무시해제 도배꾼");
        me.awaitLine("도배꾼님의 말을 다시 보여 줍니다");
        pest.type("/w 유저1 광고 2");
        me.awaitLineContaining("(귓속말) 도배꾼 → 나 : 광고 2");
    }

    @Test
    void anIgnoredMemberStaysIgnoredUnderANewNameAndTheAdministratorOrOneselfCannotBeIgnored() {
        ClientRun me = run.start("alice", Locale.ENGLISH);
        me.awaitLine("Connected as alice");
        ClientRun pest = run.joinAs("pest");
        me.awaitLine("pest joined.");

        me.type("/ignore " + Names.ADMINISTRATOR);
        me.awaitLine("The administrator cannot be ignored: its lines keep the chat in order");
        me.type("/ignore ALICE");
        me.awaitLine("You cannot ignore yourself");
        me.type("/unignore bob");
        me.awaitLine("You are not ignoring bob");
        me.type("/ignore pest");
        me.awaitLine("You no longer see pest's chat lines, private messages and invitations"
                + " (while this client runs; /unignore pest shows them again)");
        pest.type("/nick pest2");
        me.awaitLine("pest is now known as pest2");
        pest.type("spam under a new name");
        ClientRun other = run.joinAs("유저3");
        other.awaitLineContaining("pest2 : spam under a new name");
        other.type("after the spam");
        me.awaitLineContaining("유저3 : after the spam");
        me.type("/ignore");
        me.awaitLine("Ignored: pest2");
        assertThat(me.lines()).noneMatch(line -> line.contains("spam under a new name"));
    }
}
