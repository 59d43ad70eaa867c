package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * /삭제 NAME [DURATION] [REASON] (/delete): a room's owner deletes a name's messages from the room's history, through the
 * client's input and output against a real server; the room's others read a line saying so.
 */
class DeleteClientTest {
    private final List<ClientRun> clients = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ClientRun::close);
        if (server != null) {
            server.close();
        }
    }

    private void startServer(Clock clock) {
        server = TestServer.start(UnaryOperator.identity(), clock);
    }

    private ClientRun joinAs(String name, Locale locale) {
        ClientRun client =
                ClientRun.start(new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), locale));
        clients.add(client);
        client.awaitLine(locale.equals(Locale.KOREAN) ? name + " 접속 완료" : "Connected as " + name);
        return client;
    }

    /** Waits until {@code client} has printed {@code line} {@code times} times. */
    private static void awaitLines(ClientRun client, String line, int times) {
        await("'" + line + "' " + times + " times")
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.lines().stream().filter(line::equals).count() == times);
    }

    /** A Korean client in study, its {@code nth} member. */
    private ClientRun inStudy(String name, int nth) {
        ClientRun client = joinAs(name, Locale.KOREAN);
        client.type("/입장 study");
        client.awaitLine("[study] 방에 들어왔습니다 (" + nth + "/5명)");
        return client;
    }

    @Test
    void anOwnersDeleteTakesTheNamesMessagesOutOfTheHistoryAndTheRoomReadsWhoseWentAndWhy() {
        startServer(Clock.systemDefaultZone());
        ClientRun owner = inStudy("철수", 1);
        ClientRun troll = inStudy("트롤", 2);
        ClientRun other = inStudy("영희", 3);
        troll.type("싸게 팝니다");
        troll.type("광고 http://spam.example");
        owner.awaitLineContaining("트롤 : 광고 http://spam.example");
        other.type("안녕하세요"); // after the troll's lines, in the history too
        owner.awaitLineContaining("영희 : 안녕하세요");

        owner.type("/삭제 트롤 광고");

        owner.awaitLine("트롤님의 메세지 2개를 지웠습니다");
        other.awaitLine("철수님이 트롤님의 메세지 2개를 지웠습니다. (광고)");
        troll.awaitLine("철수님이 내가 보낸 메세지 2개를 지웠습니다. (광고)");
        ClientRun latecomer = inStudy("민수", 4);
        latecomer.awaitLineContaining("영희 : 안녕하세요");
        assertThat(latecomer.lines())
                .as("the joiner's replay, which holds 영희's line and would hold the deleted ones before it")
                .noneMatch(line -> line.contains("싸게 팝니다") || line.contains("spam.example"));

        owner.type("/삭제 트롤");
        owner.awaitLine("study 방의 대화 기록에 그 기간 동안 트롤님이 보낸 메세지가 없습니다");
    }

    /**
     * {@code /delete} in English, with a duration as {@code /ban} reads one: without one the server's last hour, with
     * one (3h) that far back; a first word with a digit and no unit is refused, and nothing is sent.
     */
    @Test
    void deleteInEnglishReachesAsFarBackAsItsDurationAndWithoutOneTheLastHour() {
        SteppedClock clock = new SteppedClock();
        startServer(clock);
        ClientRun owner = joinAs("철수", Locale.ENGLISH);
        owner.type("/join study");
        owner.awaitLine("Joined [study] (1/5)");
        ClientRun member = joinAs("Younghee", Locale.ENGLISH);
        member.type("/join study");
        member.awaitLine("Joined [study] (2/5)");
        TestClient troll = server.client();
        assertThat(troll.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        troll.sayIn("study", "old spam");
        owner.awaitLineContaining("트롤 : old spam");
        clock.advance(Duration.ofHours(2));
        troll.sayIn("study", "new spam");
        owner.awaitLineContaining("트롤 : new spam");

        owner.type("/delete 트롤 30 flood");
        owner.awaitLineContaining("Cannot read the duration '30'");

        owner.type("/delete 트롤");
        owner.awaitLine("Deleted 1 message from 트롤");
        member.awaitLine("철수 deleted 1 message from 트롤.");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.bodyText()).isEmpty();

        owner.type("/delete 트롤 3h 2nd flood");
        awaitLines(owner, "Deleted 1 message from 트롤", 2);
        member.awaitLine("철수 deleted 1 message from 트롤. (2nd flood)");
        told = troll.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.bodyText()).isEqualTo("2nd flood");
    }

    @Test
    void aMemberWhoIsNotTheOwnerIsRefusedAndWithoutANameIsShownHowToTypeIt() {
        startServer(Clock.systemDefaultZone());
        TestClient owner = server.client();
        assertThat(owner.connect("study", "철수", null).statusCode()).isEqualTo(200);
        TestClient troll = server.client();
        assertThat(troll.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        ClientRun member = inStudy("영희", 3);
        troll.sayIn("study", "광고");
        member.awaitLineContaining("트롤 : 광고");

        member.type("/삭제 트롤");
        member.awaitLine("방장이나 관리자만 할 수 있습니다");
        member.type("/삭제");
        member.awaitLine("사용법: /삭제 이름 [기간] [이유] (/delete)");
        member.type("/delete");
        awaitLines(member, "사용법: /삭제 이름 [기간] [이유] (/delete)", 2);

        assertThat(troll.drain()).noneMatch(m -> m.method().equals(Methods.DELETED));
    }
}
