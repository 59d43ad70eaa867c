package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * IRCv3 MONITOR end to end: the list's commands and its limit, and the 730/731 that names coming and going send, from
 * members of every protocol and every way in and out.
 */
class IrcMonitorTest extends IrcTestBase {

    @Test
    void isupportOffersMonitorWithItsLimit() {
        IrcTestClient client = irc();
        List<String> welcome = client.register("철수");
        assertThat(String.join("\n", welcome)).contains(" MONITOR=" + IrcListener.MAX_MONITOR + " ");
    }

    @Test
    void monitorAddAnswersWhoIsOnlineAndWhoIsNot() {
        ocp("유저1");
        IrcTestClient watcher = irc("철수");

        watcher.send("MONITOR + 유저1,없는사람");

        assertThat(watcher.sync()).containsExactly(":openchat 730 철수 :유저1!유저1@openchat", ":openchat 731 철수 :없는사람");
    }

    @Test
    void monitoredNamesCompareAsOpenchatNamesDoAndALookalikeIsAnotherName() {
        ocp("Alice");
        ocp("유저1");
        IrcTestClient watcher = irc("철수");

        // Another case, a full-width digit: the same names; Cyrillic letters that look like alice: another name.
        watcher.send("MONITOR + ALICE,유저１,аӏісе");

        assertThat(watcher.sync())
                .containsExactly(":openchat 730 철수 :Alice!Alice@openchat,유저1!유저1@openchat", ":openchat 731 철수 :аӏісе");
        watcher.send("MONITOR L");
        assertThat(watcher.sync()).containsExactly(":openchat 732 철수 :ALICE,유저１,аӏісе", ":openchat 733 철수 :감시 목록 끝");
    }

    @Test
    void aWatchedNameGoingOfflineIsToldAsTheWatcherWroteIt() {
        TestClient alice = ocp("Alice");
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + ALICE");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :Alice!Alice@openchat");

        alice.send(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());

        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :ALICE");
    }

    @Test
    void monitorPassesOverTargetsThatCanBeNoOnesNick() {
        IrcTestClient watcher = irc("철수");

        watcher.send("MONITOR + a*b,,#room," + "가".repeat(Names.DEFAULT_MAX_LENGTH + 1) + ",영희");

        assertThat(watcher.sync()).containsExactly(":openchat 731 철수 :영희");
        watcher.send("MONITOR L");
        assertThat(watcher.sync()).containsExactly(":openchat 732 철수 :영희", ":openchat 733 철수 :감시 목록 끝");
    }

    @Test
    void monitorPastTheLimitAnswers734WithTheTargetsNotAdded() {
        IrcTestClient watcher = irc("철수");
        int most = IrcListener.MAX_MONITOR;
        List<String> first = IntStream.range(0, most - 1).mapToObj(i -> "n" + i).toList();
        watcher.send("MONITOR + " + String.join(",", first.subList(0, 50)));
        watcher.send("MONITOR + " + String.join(",", first.subList(50, first.size())));
        watcher.sync();

        watcher.send("MONITOR + 마지막,넘침1,n3,넘침2");

        assertThat(watcher.sync())
                .containsExactly(
                        ":openchat 731 철수 :마지막",
                        ":openchat 734 철수 " + most + " 넘침1,n3,넘침2 :감시 목록이 가득 찼습니다: 이 이름들은 더하지 못했습니다");
        watcher.send("MONITOR L");
        List<String> listed = new ArrayList<>();
        for (String line : watcher.sync()) {
            if (line.startsWith(":openchat 732 ")) {
                listed.addAll(List.of(line.split(" :", 2)[1].split(",")));
            }
        }
        assertThat(listed).hasSize(most).endsWith("마지막").doesNotContain("넘침1", "넘침2");
        // A name already watched is answered again, past the limit too: it takes no new place.
        watcher.send("MONITOR + n3");
        assertThat(watcher.sync()).containsExactly(":openchat 731 철수 :n3");
    }

    @Test
    void monitorListClearStatusAndRemove() {
        ocp("유저1");
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + 유저1,영희,순이");
        watcher.sync();

        watcher.send("MONITOR S");
        assertThat(watcher.sync()).containsExactly(":openchat 730 철수 :유저1!유저1@openchat", ":openchat 731 철수 :영희,순이");
        watcher.send("MONITOR - 영희,없던이름");
        assertThat(watcher.sync()).isEmpty();
        watcher.send("MONITOR L");
        assertThat(watcher.sync()).containsExactly(":openchat 732 철수 :유저1,순이", ":openchat 733 철수 :감시 목록 끝");
        watcher.send("MONITOR C");
        assertThat(watcher.sync()).isEmpty();
        watcher.send("MONITOR L");
        assertThat(watcher.sync()).containsExactly(":openchat 733 철수 :감시 목록 끝");
        watcher.send("MONITOR S");
        assertThat(watcher.sync()).isEmpty();
    }

    @Test
    void monitorWithoutTargetsGets461AndAnUnknownSubcommand421() {
        IrcTestClient watcher = irc("철수");

        watcher.send("MONITOR");
        assertThat(watcher.nextLine()).startsWith(":openchat 461 철수 MONITOR :");
        watcher.send("MONITOR +");
        assertThat(watcher.nextLine()).startsWith(":openchat 461 철수 MONITOR :");
        watcher.send("MONITOR X");
        assertThat(watcher.nextLine()).startsWith(":openchat 421 철수 MONITOR :");
    }

    @Test
    void aLongAnswerIsCutIntoLinesOfIrcsLength() {
        IrcTestClient watcher = irc("철수");
        List<String> all = IntStream.range(0, 40).mapToObj(i -> "가나다라마바사" + i).toList();
        String names = String.join(",", all);
        watcher.send("MONITOR + " + String.join(",", all.subList(0, 20)));
        watcher.send("MONITOR + " + String.join(",", all.subList(20, 40)));
        watcher.sync();

        watcher.send("MONITOR S");

        List<String> lines = watcher.sync();
        assertThat(lines).hasSizeGreaterThan(1).allMatch(line -> line.startsWith(":openchat 731 철수 :"));
        assertThat(lines).allMatch(line -> line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510);
        assertThat(lines.stream().map(line -> line.split(" :", 2)[1]).collect(Collectors.joining(",")))
                .isEqualTo(names);
    }

    @Test
    void anOcpMemberConnectingNotifiesAnIrcMonitor() {
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + 유저1");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저1");

        TestClient member = ocp("유저1");

        assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :유저1!유저1@openchat");
        member.request(OcpMessage.request(Methods.LEAVE, "/").build());
        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저1");
    }

    @Test
    void anIrcMemberRegisteringAndQuittingNotifiesAMonitor() {
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + 영희");
        watcher.sync();

        IrcTestClient member = irc("영희");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :영희!영희@openchat");
        member.send("QUIT :bye");

        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :영희");
    }

    @Test
    void aQuietLeaveNotifiesAMonitorAsIsonWouldShowIt() {
        TestClient member = ocp("유저1");
        IrcTestClient roommate = irc("영희");
        roommate.join("#lobby");
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + 유저1");
        watcher.sync();

        member.request(OcpMessage.request(Methods.LEAVE, Targets.room("lobby"))
                .header(HeaderNames.QUIET, "true")
                .build());

        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :유저1");
        assertThat(roommate.sync()).as("the room is told nothing").isEmpty();
    }

    @Test
    void aRenameNotifiesTheOldNameOfflineAndTheNewOneOnline() {
        IrcTestClient watcher = irc("철수");
        IrcTestClient member = irc("영희");
        watcher.send("MONITOR + 영희,순이,유저2");
        watcher.sync();

        member.send("NICK 순이");

        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :영희");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :순이!순이@openchat");
        TestClient ocp = ocp("유저1");
        ocp.request(OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, "유저2")
                .build());
        assertThat(watcher.nextLine()).isEqualTo(":openchat 730 철수 :유저2!유저2@openchat");
        // A change of case is the same name: nothing to tell.
        member.send("NICK 순이");
        member.sync();
        assertThat(watcher.sync()).isEmpty();
    }

    @Test
    void aMembersOwnConnectionCountsToo() {
        IrcTestClient watcher = irc("철수");

        watcher.send("MONITOR + 철수,철수2");
        assertThat(watcher.sync()).containsExactly(":openchat 730 철수 :철수!철수@openchat", ":openchat 731 철수 :철수2");
        watcher.send("NICK 철수2");

        assertThat(watcher.linesUntil(" 730 "))
                .containsExactly(
                        ":철수!철수@openchat NICK 철수2", ":openchat 731 철수2 :철수", ":openchat 730 철수2 :철수2!철수2@openchat");
    }

    @Test
    void aKillAndABanNotifyAMonitor() {
        IrcTestClient admin = operator();
        IrcTestClient watcher = irc("철수");
        irc("트롤");
        ocp("악당");
        watcher.send("MONITOR + 트롤,악당");
        watcher.sync();

        admin.send("KILL 트롤 :도배");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :트롤");
        admin.send("KLINE 악당 :욕설");
        assertThat(watcher.nextLine()).isEqualTo(":openchat 731 철수 :악당");
    }

    @Test
    void aKickFromARoomIsNoLeaveFromTheChat() {
        IrcTestClient owner = irc("방장");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        IrcTestClient watcher = irc("철수");
        watcher.send("MONITOR + 영희");
        watcher.sync();

        owner.send("KICK #study 영희 :잠깐");
        member.expect(" KICK #study 영희 ");

        assertThat(watcher.sync()).isEmpty();
    }
}
