package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        owner.awaitLine("트롤님의 메세지 2개를 지웠습니다 (광고)");
        other.awaitLineContaining("철수님이 트롤님의 메세지 2개(");
        assertThat(other.lines())
                .contains("철수님이 트롤님의 메세지 2개(" + sent(other, "트롤 : 싸게 팝니다", "트롤 : 광고") + "에 보낸 것)를 지웠습니다. (광고)");
        troll.awaitLine("철수님이 내가 보낸 메세지 2개(" + sent(troll, "트롤 : 싸게 팝니다", "트롤 : 광고") + "에 보낸 것)를 지웠습니다. (광고)");
        ClientRun latecomer = inStudy("민수", 4);
        latecomer.awaitLineContaining("영희 : 안녕하세요");
        assertThat(latecomer.lines())
                .as("the joiner's replay, which holds 영희's line and would hold the deleted ones before it")
                .noneMatch(line -> line.contains("싸게 팝니다") || line.contains("spam.example"));

        owner.type("/삭제 트롤");
        owner.awaitLine("study 방의 대화 기록에 그 기간 동안 트롤님이 보낸 메세지가 없습니다");
    }

    private static final Pattern LINE_STAMP = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d)] ");

    /** The time of day {@code client} showed on its chat line holding {@code part}. */
    private static String shownAt(ClientRun client, String part) {
        String line = client.awaitLineContaining(part);
        Matcher stamp = LINE_STAMP.matcher(line);
        assertThat(stamp.find()).as(line).isTrue();
        return stamp.group(2);
    }

    /**
     * When {@code client} showed the line holding {@code part} was sent, as a deletion on the day of the line holding
     * {@code today} says it: the time, with the date in front when the two lines' days differ (the clock stepped past
     * midnight in the client's zone).
     */
    private static String shownAtBeside(ClientRun client, String part, String today) {
        Matcher line = LINE_STAMP.matcher(client.awaitLineContaining(part));
        Matcher now = LINE_STAMP.matcher(client.awaitLineContaining(today));
        assertThat(line.find() && now.find()).isTrue();
        return line.group(1).equals(now.group(1)) ? line.group(2) : line.group(1) + " " + line.group(2);
    }

    /** When {@code client} showed the lines holding {@code first} and {@code last} were sent: one time, or a range. */
    private static String sent(ClientRun client, String first, String last) {
        String from = shownAt(client, first);
        String to = shownAt(client, last);
        return from.equals(to) ? from : from + "~" + to;
    }

    /**
     * Trial 14, finding 7: a room read {@code 채팅관리자님이 linkbot님의 메세지 1개를 지웠습니다} with four like lines on
     * screen. A terminal that showed the deleted lines says when they were sent, as its lines show it (a range when
     * several, the one time when one); one that showed none of them (its reader ignores the sender) says nothing more.
     */
    @Test
    void aDeletionSaysWhenTheDeletedLinesThisTerminalShowedWereSent() {
        SteppedClock clock = new SteppedClock();
        startServer(clock);
        ClientRun owner = inStudy("철수", 1);
        ClientRun reader = inStudy("영희", 2);
        ClientRun ignoring = inStudy("민수", 3);
        ignoring.type("/무시 트롤");
        ignoring.awaitLineContaining("이제 트롤님의 채팅");
        TestClient troll = server.client();
        assertThat(troll.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        troll.sayIn("study", "첫 광고");
        reader.awaitLineContaining("트롤 : 첫 광고");
        clock.advance(Duration.ofSeconds(7));
        troll.sayIn("study", "둘째 광고");
        reader.awaitLineContaining("트롤 : 둘째 광고");
        owner.awaitLineContaining("트롤 : 둘째 광고");
        String first = shownAt(reader, "트롤 : 첫 광고");
        String second = shownAt(reader, "트롤 : 둘째 광고");
        assertThat(first).isNotEqualTo(second);

        owner.type("/삭제 트롤 광고");

        reader.awaitLine("철수님이 트롤님의 메세지 2개(" + first + "~" + second + "에 보낸 것)를 지웠습니다. (광고)");
        ignoring.awaitLine("철수님이 트롤님의 메세지 2개를 지웠습니다. (광고)");

        clock.advance(Duration.ofSeconds(7));
        troll.sayIn("study", "셋째 광고");
        String third = shownAt(reader, "트롤 : 셋째 광고");
        owner.awaitLineContaining("트롤 : 셋째 광고");
        owner.type("/삭제 트롤");
        reader.awaitLine("철수님이 트롤님의 메세지 1개(" + third + "에 보낸 것)를 지웠습니다.");
        ignoring.awaitLine("철수님이 트롤님의 메세지 1개를 지웠습니다.");
    }

    /**
     * Trial 14, finding 9: an owner deleting its own line read {@code alice님이 alice님의 메세지 1개를 지웠습니다}, and its own
     * confirmation left out the reason everyone else was shown.
     */
    @Test
    void anOwnerDeletingItsOwnLinesReadsAsItsOwnAndItsConfirmationShowsItsReason() {
        startServer(Clock.systemDefaultZone());
        ClientRun owner = inStudy("철수", 1);
        ClientRun other = joinAs("Younghee", Locale.ENGLISH);
        other.type("/join study");
        other.awaitLine("Joined [study] (2/5)");
        owner.type("오타가 난 말");
        String said = shownAt(other, "철수 : 오타가 난 말");

        owner.type("/삭제 철수 실수");

        owner.awaitLine("철수님의 메세지 1개를 지웠습니다 (실수)");
        other.awaitLine("철수 deleted 1 of their own messages (sent at " + said + "). (실수)");
    }

    /**
     * Trial 14, finding 6: the administrator's {@code /삭제 #games troll} read {@code #games} as the name, and its
     * {@code /삭제 troll} in the lobby answered "no messages" without saying it had searched the lobby. A first word
     * with {@code #} names the room, for anyone (the server refuses whoever may not), and an answer about a room not
     * the current one is tagged with it; finding nothing always names the room searched.
     */
    @Test
    void theAdministratorDeletesInARoomItNamesWithAHashAndFindingNothingNamesTheRoomSearched() {
        startServer(Clock.systemDefaultZone());
        ClientRun admin = joinAs("채팅관리자", Locale.KOREAN);
        ClientRun member = joinAs("영희", Locale.KOREAN);
        member.type("/입장 games");
        member.awaitLine("[games] 방에 들어왔습니다 (1/5명)");
        TestClient troll = server.client();
        assertThat(troll.connect("games", "트롤", null).statusCode()).isEqualTo(200);
        troll.sayIn("games", "도배 하나");
        troll.sayIn("games", "도배 둘");
        member.awaitLineContaining("트롤 : 도배 둘");

        admin.type("/삭제 트롤 도배");
        admin.awaitLine("lobby 방의 대화 기록에 그 기간 동안 트롤님이 보낸 메세지가 없습니다");
        member.type("/삭제 #lobby 트롤");
        member.awaitLine("관리자만 사용할 수 있습니다");

        admin.type("/삭제 #games 트롤 도배 정리");

        admin.awaitLine("[games] 트롤님의 메세지 2개를 지웠습니다 (도배 정리)");
        member.awaitLineContaining("채팅관리자님이 트롤님의 메세지 2개(");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.bodyText()).isEqualTo("도배 정리");
        admin.type("/delete #games 트롤");
        admin.awaitLine("[games] games 방의 대화 기록에 그 기간 동안 트롤님이 보낸 메세지가 없습니다");
        admin.type("/삭제 #games");
        admin.awaitLine("사용법: /삭제 [#방] 이름 [기간] [이유] (/delete)");
    }

    /**
     * Trial 14, findings 5 and 14: {@code /삭제 linkbot -5m} deleted the last hour and showed the room {@code (-5m)} as
     * the reason; {@code /delete linkbot 5 minutes} was refused for its {@code 5}. A sign before a duration is refused as
     * an unreadable one, and English words for units read as those units.
     */
    @Test
    void aNegativeDurationIsRefusedAndEnglishWordsForUnitsAreRead() {
        SteppedClock clock = new SteppedClock();
        startServer(clock);
        ClientRun owner = inStudy("철수", 1);
        TestClient troll = server.client();
        assertThat(troll.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        troll.sayIn("study", "old spam");
        owner.awaitLineContaining("트롤 : old spam");
        clock.advance(Duration.ofHours(2));
        troll.sayIn("study", "new spam");
        owner.awaitLineContaining("트롤 : new spam");

        owner.type("/삭제 트롤 -5m");
        owner.awaitLineContaining("기간을 읽을 수 없습니다: '-5m'");
        owner.type("/delete 트롤 5 minutes flood");

        owner.awaitLine("트롤님의 메세지 1개를 지웠습니다 (flood)");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.bodyText()).as("the first deletion, not one for -5m").isEqualTo("flood");
        owner.type("/delete 트롤 2 hours 30 minutes");
        owner.awaitLine("트롤님의 메세지 1개를 지웠습니다"); // the old spam, past the last hour
    }

    /**
     * Since trial 14 an owner by presence (an heir) is refused lines sent before it joined ({@code 403
     * sent-before-joined}) and told of those a delete by name passed over ({@code Passed-Over}): the terminal shows the
     * server's sentence for both, which says so.
     */
    @Test
    void anHeirIsShownTheServersSentenceAboutLinesSentBeforeItJoined() {
        startServer(Clock.systemDefaultZone());
        TestClient first = server.client();
        assertThat(first.connect("study", "철수", null).statusCode()).isEqualTo(200);
        TestClient early = server.client();
        assertThat(early.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        early.sayIn("study", "old spam");
        first.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        early.close();
        ClientRun heir = inStudy("영희", 2);
        heir.awaitLineContaining("트롤 : old spam");
        TestClient troll = server.client(); // back after the heir: the heir is the member there longest
        assertThat(troll.connect("study", "트롤", null).statusCode()).isEqualTo(200);
        heir.awaitLine("트롤님이 입장하였습니다.");
        first.close();
        heir.awaitLineContaining("이 방의 방장이 되었습니다");

        heir.type("/삭제 트롤");
        heir.awaitLine("이 방에 들어오기 전에 보낸 메세지는 관리자나, 방 열쇠를 입력한 방장만 지울 수 있습니다");
        troll.sayIn("study", "new spam");
        heir.awaitLineContaining("트롤 : new spam");
        heir.type("/삭제 트롤");
        heir.awaitLine("트롤님의 메세지 1개를 지웠습니다. 이 방에 들어오기 전에 보낸 1개는 관리자나, 방 열쇠를 입력한 방장만 지울 수" + " 있어 대화 기록에 남아 있습니다");
    }

    /** Trial 14, finding 13: private messages are never stored, and {@code /help 삭제} says there is nothing of them to delete. */
    @Test
    void helpForDeleteSaysPrivateMessagesAreNotStored() {
        startServer(Clock.systemDefaultZone());
        ClientRun korean = joinAs("철수", Locale.KOREAN);
        ClientRun english = joinAs("Younghee", Locale.ENGLISH);

        korean.type("/도움말 삭제");
        english.type("/help delete");

        assertThat(korean.awaitLineContaining("/삭제 [#방] 이름")).contains("귓속말은 저장하지 않으니 지울 것이 없습니다");
        assertThat(english.awaitLineContaining("/delete [#ROOM] NAME"))
                .contains("Private messages are not stored, so there is nothing of them to delete");
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
        member.awaitLine("철수 deleted 1 message from 트롤 (sent at " + shownAt(member, "트롤 : new spam") + ").");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.bodyText()).isEmpty();

        owner.type("/delete 트롤 3h 2nd flood");
        owner.awaitLine("Deleted 1 message from 트롤 (2nd flood)");
        member.awaitLine("철수 deleted 1 message from 트롤 (sent at "
                + shownAtBeside(member, "트롤 : old spam", "트롤 : new spam") + "). (2nd flood)");
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
        member.awaitLine("사용법: /삭제 [#방] 이름 [기간] [이유] (/delete)");
        member.type("/delete");
        awaitLines(member, "사용법: /삭제 [#방] 이름 [기간] [이유] (/delete)", 2);

        assertThat(troll.drain()).noneMatch(m -> m.method().equals(Methods.DELETED));
    }
}
