package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import openchat.core.FloodControl;
import openchat.protocol.Methods;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/** History on join and CHATHISTORY, over the rooms' history. */
class IrcHistoryTest extends IrcTestBase {

    /** An OCP owner of {@code room} who said {@code count} lines "line 1".. and is still there. */
    private TestClient roomWithLines(String room, int count) {
        TestClient ocp = ocpIn(room, "유저1");
        for (int i = 1; i <= count; i++) {
            ocp.sayIn(room, "line " + i);
        }
        server().console().awaitLineContaining("유저1 : line " + count);
        return ocp;
    }

    private static List<IrcMessage> parse(List<String> lines) {
        return lines.stream().map(IrcMessage::parse).toList();
    }

    private static List<String> texts(List<IrcMessage> lines) {
        return lines.stream()
                .filter(m -> m.command().equals("PRIVMSG"))
                .map(m -> m.params().get(1))
                .toList();
    }

    private static long seq(IrcMessage line) {
        String msgid = line.tags().get("msgid");
        return Long.parseLong(msgid.substring(msgid.indexOf(':') + 1));
    }

    /** The lines of one CHATHISTORY answer in a batch: the PRIVMSGs between BATCH + and BATCH -. */
    private static List<IrcMessage> historyBatch(IrcTestClient client, String target) {
        List<IrcMessage> lines = parse(client.linesUntil("^:openchat BATCH -"));
        IrcMessage start = lines.get(0);
        assertThat(start.command()).isEqualTo("BATCH");
        String id = start.params().get(0).substring(1);
        assertThat(start.params()).containsExactly("+" + id, "chathistory", target);
        List<IrcMessage> inside = lines.subList(1, lines.size() - 1);
        assertThat(inside).allMatch(m -> id.equals(m.tags().get("batch")));
        assertThat(lines.get(lines.size() - 1).params()).containsExactly("-" + id);
        return inside;
    }

    @Test
    void aJoinerWithBatchAndServerTimeGetsTheHistoryAsAChathistoryBatchAfterNamesAndBeforeLiveLines() {
        TestClient ocp = roomWithLines("study", 3);
        IrcTestClient client = ircWithCaps("철수", "batch server-time");

        client.send("JOIN #study");
        ocp.nextEvent(Methods.JOINED);
        ocp.sayIn("study", "live line");

        assertThat(client.nextLine()).matches("@time=\\S+ :철수!철수@openchat JOIN #study");
        assertThat(client.nextLine()).startsWith(":openchat 353 ");
        assertThat(client.nextLine()).startsWith(":openchat 366 ");
        List<IrcMessage> history = historyBatch(client, "#study");
        assertThat(texts(history)).containsExactly("line 1", "line 2", "line 3");
        assertThat(history)
                .allMatch(m -> m.source().equals("유저1!유저1@openchat")
                        && m.params().get(0).equals("#study")
                        && m.tags().get("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        IrcMessage live = IrcMessage.parse(client.nextLine());
        assertThat(live.params()).containsExactly("#study", "live line");
        assertThat(live.tags()).doesNotContainKey("batch");
    }

    @Test
    void aPlainJoinerGetsTheHistoryBetweenTwoNotices() {
        roomWithLines("study", 2);
        IrcTestClient client = irc("철수");

        List<String> lines = client.join("#study");
        assertThat(lines).hasSize(3);

        assertThat(client.nextLine()).isEqualTo(":openchat NOTICE #study :--- 이전 메세지 2개 ---");
        assertThat(client.nextLine()).isEqualTo(":유저1!유저1@openchat PRIVMSG #study :line 1");
        assertThat(client.nextLine()).isEqualTo(":유저1!유저1@openchat PRIVMSG #study :line 2");
        assertThat(client.nextLine()).isEqualTo(":openchat NOTICE #study :--- 이전 메세지 끝 ---");
        assertThat(client.sync()).isEmpty();
    }

    @Test
    void aJoinerWithServerTimeButNoBatchGetsTheHistoryAsTimedLinesBetweenTwoNotices() {
        // irssi 1.4 asks for server-time but not batch, and shows a replayed line at the time it arrives.
        roomWithLines("study", 2);
        IrcTestClient client = ircWithCaps("철수", "server-time");

        client.join("#study");

        List<IrcMessage> lines = parse(client.sync());
        assertThat(lines).extracting(IrcMessage::command).containsExactly("NOTICE", "PRIVMSG", "PRIVMSG", "NOTICE");
        assertThat(lines.get(0).params()).containsExactly("#study", "--- 이전 메세지 2개 ---");
        assertThat(texts(lines)).containsExactly("line 1", "line 2");
        assertThat(lines.subList(1, 3)).allMatch(m -> m.tags().containsKey("time"));
        assertThat(lines.get(3).params()).containsExactly("#study", "--- 이전 메세지 끝 ---");
    }

    /**
     * A bot in {@code #study} said a NOTICE, then a PRIVMSG, which a member present heard: both are in history. The
     * bot stays, so the lines' sender is a member.
     */
    private void aBotNoticedThenSaid() {
        IrcTestClient present = irc("있던이");
        present.join("#study");
        present.sync();
        IrcTestClient bot = irc("봇");
        bot.join("#study");
        bot.sync();

        bot.send("NOTICE #study :build passed");
        bot.send("PRIVMSG #study :hello");

        present.expect(Pattern.quote(":봇!봇@openchat NOTICE #study :build passed"));
        present.expect(Pattern.quote(":봇!봇@openchat PRIVMSG #study :hello"));
    }

    /**
     * A NOTICE to a channel comes back as a NOTICE in a joiner's history, between the two notices that mark it, so that
     * a bot that never answers a NOTICE (RFC 2812) does not answer it as a PRIVMSG either.
     */
    @Test
    void aNoticeToAChannelIsReplayedToAPlainJoinerAsANotice() {
        aBotNoticedThenSaid();
        IrcTestClient client = irc("철수");

        client.join("#study");

        assertThat(client.sync())
                .containsExactly(
                        ":openchat NOTICE #study :--- 이전 메세지 2개 ---",
                        ":봇!봇@openchat NOTICE #study :build passed",
                        ":봇!봇@openchat PRIVMSG #study :hello",
                        ":openchat NOTICE #study :--- 이전 메세지 끝 ---");
    }

    @Test
    void aNoticeToAChannelIsReplayedInTheJoinsChathistoryBatchAsANotice() {
        aBotNoticedThenSaid();
        IrcTestClient client = ircWithCaps("철수", "batch server-time");

        client.join("#study");

        List<IrcMessage> history = historyBatch(client, "#study");
        assertThat(history)
                .extracting(IrcMessage::command, m -> m.params().get(1))
                .containsExactly(tuple("NOTICE", "build passed"), tuple("PRIVMSG", "hello"));
        assertThat(history).allMatch(m -> m.tags().containsKey("time"));
    }

    @Test
    void chathistoryReturnsANoticeToAChannelAsANoticeWithBatchAndWithout() {
        aBotNoticedThenSaid();
        IrcTestClient plain = irc("영희");
        plain.join("#study");
        plain.sync();
        IrcTestClient batched = ircWithCaps("철수", "batch draft/chathistory");
        batched.join("#study");
        batched.sync();
        plain.expect(Pattern.quote(":철수!철수@openchat JOIN #study"));

        batched.send("CHATHISTORY LATEST #study * 10");
        plain.send("CHATHISTORY LATEST #study * 10");

        assertThat(historyBatch(batched, "#study"))
                .extracting(IrcMessage::command, m -> m.params().get(1))
                .containsExactly(tuple("NOTICE", "build passed"), tuple("PRIVMSG", "hello"));
        assertThat(plain.sync())
                .containsExactly(":봇!봇@openchat NOTICE #study :build passed", ":봇!봇@openchat PRIVMSG #study :hello");
    }

    @Test
    void aChannelCtcpQueryReachesThosePresentButIsNeitherReplayedToLaterJoinersNorInChathistory() {
        roomWithLines("study", 1);
        IrcTestClient asker = irc("묻는이");
        asker.join("#study");
        asker.sync();
        IrcTestClient present = irc("있던이");
        present.join("#study");
        present.sync();

        asker.send("PRIVMSG #study :\u0001VERSION\u0001");
        asker.send("PRIVMSG #study :\u0001ACTION waves\u0001");
        assertThat(present.nextLine()).isEqualTo(":묻는이!묻는이@openchat PRIVMSG #study :\u0001VERSION\u0001");
        assertThat(present.nextLine()).isEqualTo(":묻는이!묻는이@openchat PRIVMSG #study :\u0001ACTION waves\u0001");

        IrcTestClient later = irc("나중에온이");
        later.join("#study");
        assertThat(texts(parse(later.sync()))).containsExactly("line 1", "\u0001ACTION waves\u0001");
        IrcTestClient reader = ircWithCaps("읽는이", "batch draft/chathistory");
        reader.join("#study");
        reader.sync();
        reader.send("CHATHISTORY LATEST #study * 10");
        assertThat(texts(historyBatch(reader, "#study"))).containsExactly("line 1", "\u0001ACTION waves\u0001");
    }

    @Test
    void aClientThatQuitAndComesBackFromTheSameAddressIsReplayedOnlyWhatWasSaidSinceItLeft() {
        TestClient ocp = roomWithLines("study", 2);
        IrcTestClient first = irc("철수");
        first.join("#study");
        assertThat(texts(parse(first.sync()))).containsExactly("line 1", "line 2");
        first.send("QUIT :reconnecting");
        ocp.nextMatching(m -> m.method().equals(Methods.LEFT));
        ocp.sayIn("study", "said while away");
        server().console().awaitLineContaining("유저1 : said while away");

        IrcTestClient again = irc("철수");
        again.join("#study");

        List<IrcMessage> replay = parse(again.sync());
        assertThat(texts(replay)).containsExactly("said while away");
        assertThat(replay.get(0).params()).containsExactly("#study", "--- 이전 메세지 1개 ---");
    }

    @Test
    void aClientThatQuitAndComesBackWhenNothingWasSaidMeanwhileIsReplayedNothing() {
        TestClient ocp = roomWithLines("study", 2);
        IrcTestClient first = irc("철수");
        first.join("#study");
        first.sync();
        first.send("QUIT");
        ocp.nextMatching(m -> m.method().equals(Methods.LEFT));

        IrcTestClient again = irc("철수");
        again.join("#study");

        assertThat(again.sync()).isEmpty();
        again.send("QUIT");
        ocp.nextMatching(m -> m.method().equals(Methods.LEFT));
        IrcTestClient third = irc("철수");
        third.join("#study");
        assertThat(third.sync())
                .as("the mark is taken once, by the next connection")
                .isEmpty();
    }

    /**
     * A clean stop closes each IRC client after every line, so it leaves a mark as a QUIT does, kept in the data
     * directory for the next start: a client reconnecting on its own after a restart is replayed only what was said
     * since (trial 12: WeeChat showed the previous day's lines twice). Taken once, as a QUIT's mark is.
     */
    @Test
    void aClientTheServerClosedAsItStoppedIsReplayedAfterTheRestartOnlyWhatWasSaidSince() throws Exception {
        roomWithLines("study", 2);
        IrcTestClient first = irc("철수");
        first.join("#study");
        assertThat(texts(parse(first.sync()))).containsExactly("line 1", "line 2");

        server().restart();
        java.nio.file.Path marks = server().config().dataDir().resolve("irc-replay-marks");
        assertThat(marks)
                .as("read at the start and deleted: a server that dies next leaves none")
                .doesNotExist();
        TestClient ocp = ocpIn("study", "유저2");
        ocp.sayIn("study", "said after the restart");
        server().console().awaitLineContaining("유저2 : said after the restart");

        IrcTestClient again = irc("철수");
        again.join("#study");
        assertThat(texts(parse(again.sync()))).containsExactly("said after the restart");
        IrcTestClient newcomer = irc("민수");
        newcomer.join("#study");
        assertThat(texts(parse(newcomer.sync())))
                .as("a nick not connected at the stop: replayed as on a first join")
                .containsExactly("line 1", "line 2", "said after the restart");
        again.send("QUIT");
        ocp.nextMatching(
                m -> m.method().equals(Methods.LEFT) && m.header("Name").equals(java.util.Optional.of("철수")));

        server().restart();
        IrcTestClient third = irc("철수");
        third.join("#study");
        assertThat(texts(parse(third.sync())))
                .as("the QUIT's mark, kept through the second clean stop")
                .isEmpty();
    }

    @Test
    void aClientWhoseConnectionBrokeIsReplayedInFullOnItsNextConnection() {
        // A broken connection may have lost lines on their way: only a QUIT leaves a mark.
        TestClient ocp = roomWithLines("study", 2);
        IrcTestClient first = irc("철수");
        first.join("#study");
        first.sync();
        first.close();
        ocp.nextMatching(m -> m.method().equals(Methods.LEFT));

        IrcTestClient again = irc("철수");
        again.join("#study");

        assertThat(texts(parse(again.sync()))).containsExactly("line 1", "line 2");
    }

    @Test
    void aRoomWithoutHistoryReplaysNothing() {
        ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "batch server-time");

        client.join("#study");

        assertThat(client.sync()).isEmpty();
    }

    @Test
    void aRejoinOnTheSameConnectionReplaysOnlyTheLinesSaidWhileItWasAway() {
        TestClient ocp = roomWithLines("study", 2);
        IrcTestClient client = irc("철수");
        client.join("#study");
        assertThat(texts(parse(client.sync()))).containsExactly("line 1", "line 2");

        client.send("PART #study");
        client.expect(" PART #study$");
        ocp.sayIn("study", "said while away");
        server().console().awaitLineContaining("유저1 : said while away");
        client.join("#study");

        assertThat(client.sync())
                .containsExactly(
                        ":openchat NOTICE #study :--- 이전 메세지 1개 ---",
                        ":유저1!유저1@openchat PRIVMSG #study :said while away",
                        ":openchat NOTICE #study :--- 이전 메세지 끝 ---");
        IrcTestClient other = irc("영희");
        other.join("#study");
        assertThat(texts(parse(other.sync())))
                .as("another connection's first join")
                .containsExactly("line 1", "line 2", "said while away");
    }

    @Test
    void aRejoinAfterAKickReplaysOnlyTheLinesSaidSinceTheKick() {
        IrcTestClient owner = irc("영희");
        owner.join("#study");
        owner.sync();
        owner.send("PRIVMSG #study :before");
        server().console().awaitLineContaining("영희 : before");
        IrcTestClient client = irc("철수");
        client.join("#study");
        assertThat(texts(parse(client.sync()))).containsExactly("before");
        owner.send("PRIVMSG #study :while in");
        client.expect("PRIVMSG #study :while in$");

        owner.send("KICK #study 철수 :out");
        client.expect(" KICK #study 철수 :out$");
        owner.send("PRIVMSG #study :said after the kick");
        server().console().awaitLineContaining("영희 : said after the kick");
        client.join("#study");

        assertThat(client.sync())
                .containsExactly(
                        ":openchat NOTICE #study :--- 이전 메세지 1개 ---",
                        ":영희!영희@openchat PRIVMSG #study :said after the kick",
                        ":openchat NOTICE #study :--- 이전 메세지 끝 ---");
        client.send("PART #study");
        client.expect(" PART #study$");
        client.join("#study");
        assertThat(client.sync()).as("a later rejoin, after a PART").isEmpty();
    }

    @Test
    void aRejoinWithNothingSaidMeanwhileReplaysNothingAfterAPartOrAJoin0() {
        roomWithLines("study", 2);
        IrcTestClient client = ircWithCaps("철수", "batch server-time");
        client.join("#study");
        assertThat(client.sync()).isNotEmpty();

        client.send("PART #study :cycling");
        client.expect(" PART #study :cycling$");
        client.join("#study");
        assertThat(client.sync()).as("after PART").isEmpty();

        client.send("JOIN 0");
        client.expect(" PART #study$");
        client.join("#study");
        assertThat(client.sync()).as("after JOIN 0").isEmpty();
    }

    @Test
    void aRejoinAfterManyLinesReplaysNoMoreThanAFirstJoinWould() {
        server(b -> b.historyOnJoin(3).floodControl(FloodControl.OFF));
        TestClient ocp = roomWithLines("study", 2);
        IrcTestClient client = irc("철수");
        client.join("#study");
        client.sync();

        client.send("PART #study");
        client.expect(" PART #study$");
        IntStream.rangeClosed(1, 5).forEach(i -> ocp.sayIn("study", "away " + i));
        server().console().awaitLineContaining("유저1 : away 5");
        client.join("#study");

        assertThat(texts(parse(client.sync()))).containsExactly("away 3", "away 4", "away 5");
    }

    @Test
    void chathistoryLatestBeforeAfterAroundAndBetweenPageByMsgid() {
        roomWithLines("study", 10);
        IrcTestClient client = ircWithCaps("철수", "batch message-tags server-time draft/chathistory");
        client.join("#study");
        client.sync(); // the join's history

        client.send("CHATHISTORY LATEST #study * 10");
        List<IrcMessage> all = historyBatch(client, "#study");
        assertThat(texts(all))
                .containsExactly(
                        IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).toArray(String[]::new));
        assertThat(all.stream().map(IrcHistoryTest::seq).toList()).isSorted().doesNotHaveDuplicates();
        String id3 = all.get(2).tags().get("msgid");
        String id5 = all.get(4).tags().get("msgid");
        String id8 = all.get(7).tags().get("msgid");

        client.send("CHATHISTORY LATEST #study * 3");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 8", "line 9", "line 10");
        client.send("CHATHISTORY LATEST #study msgid=" + id8 + " 10");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 9", "line 10");
        client.send("CHATHISTORY BEFORE #study msgid=" + id5 + " 2");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 3", "line 4");
        client.send("CHATHISTORY AFTER #study msgid=" + id5 + " 2");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 6", "line 7");
        client.send("CHATHISTORY AROUND #study msgid=" + id5 + " 3");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 4", "line 5", "line 6");
        client.send("CHATHISTORY BETWEEN #study msgid=" + id3 + " msgid=" + id8 + " 10");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 4", "line 5", "line 6", "line 7");
        client.send("CHATHISTORY BETWEEN #study msgid=" + id8 + " msgid=" + id3 + " 2");
        assertThat(texts(historyBatch(client, "#study")))
                .as("given newest first: the newest messages between them")
                .containsExactly("line 6", "line 7");
        client.send("CHATHISTORY BEFORE #study msgid=" + all.get(0).tags().get("msgid") + " 5");
        assertThat(historyBatch(client, "#study")).isEmpty();
    }

    @Test
    void chathistoryByTimestamp() {
        roomWithLines("study", 6);
        IrcTestClient client = ircWithCaps("철수", "batch message-tags server-time");
        client.join("#study");
        client.sync();
        client.send("CHATHISTORY LATEST #study * 10");
        List<IrcMessage> all = historyBatch(client, "#study");
        assertThat(all).hasSize(6);
        String pivot = all.get(2).tags().get("time");
        Instant at = Instant.parse(pivot);

        client.send("CHATHISTORY LATEST #study timestamp=" + pivot + " 10");
        assertThat(texts(historyBatch(client, "#study")))
                .as("strictly after the instant")
                .isEqualTo(texts(all.stream()
                        .filter(m -> Instant.parse(m.tags().get("time")).isAfter(at))
                        .toList()));
        client.send("CHATHISTORY BEFORE #study timestamp=" + pivot + " 10");
        assertThat(texts(historyBatch(client, "#study")))
                .as("strictly before the instant")
                .isEqualTo(texts(all.stream()
                        .filter(m -> Instant.parse(m.tags().get("time")).isBefore(at))
                        .toList()));
        client.send("CHATHISTORY AFTER #study timestamp=2000-01-01T00:00:00.000Z 2");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 1", "line 2");
        client.send(
                "CHATHISTORY BETWEEN #study timestamp=2000-01-01T00:00:00.000Z timestamp=2999-01-01T00:00:00.000Z 3");
        assertThat(texts(historyBatch(client, "#study"))).containsExactly("line 1", "line 2", "line 3");
    }

    @Test
    void chathistoryTargetsListsChannelsWithTheirLatestMessageTime() {
        roomWithLines("study", 2);
        IrcTestClient client = ircWithCaps("철수", "batch server-time");
        client.join("#study");
        client.join("#quiet");
        client.sync();

        client.send("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2999-01-01T00:00:00.000Z 10");

        List<IrcMessage> lines = parse(client.linesUntil("^:openchat BATCH -"));
        assertThat(lines.get(0).params()).element(1).isEqualTo("draft/chathistory-targets");
        assertThat(lines).hasSize(3);
        IrcMessage target = lines.get(1);
        assertThat(target.command()).isEqualTo("CHATHISTORY");
        assertThat(target.params()).hasSize(3).startsWith("TARGETS", "#study");
        assertThat(target.params().get(2)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void aLimitOver500IsCappedAt500() {
        server(b -> b.floodControl(FloodControl.OFF).historyOnJoin(0));
        roomWithLines("study", 505);
        IrcTestClient client = ircWithCaps("철수", "batch");
        client.join("#study");

        client.send("CHATHISTORY LATEST #study * 1000");

        List<String> texts = texts(historyBatch(client, "#study"));
        assertThat(texts).hasSize(500);
        assertThat(texts.get(0)).isEqualTo("line 6");
        assertThat(texts.get(499)).isEqualTo("line 505");
    }

    @Test
    void withoutBatchChathistoryAnswersWithPlainLines() {
        roomWithLines("study", 2);
        IrcTestClient client = irc("철수");
        client.join("#study");
        client.sync();

        client.send("CHATHISTORY LATEST #study * 1");

        assertThat(client.sync()).containsExactly(":유저1!유저1@openchat PRIVMSG #study :line 2");
    }

    @Test
    void chathistoryOfAChannelNotJoinedFailsWithInvalidTarget() {
        roomWithLines("study", 2);
        IrcTestClient client = ircWithCaps("철수", "batch");

        client.send("CHATHISTORY LATEST #study * 10");
        assertThat(client.nextLine()).startsWith(":openchat FAIL CHATHISTORY INVALID_TARGET ");
        client.send("CHATHISTORY LATEST #a*b * 10");
        assertThat(client.nextLine()).startsWith(":openchat FAIL CHATHISTORY INVALID_TARGET ");
    }

    @Test
    void chathistoryWithBadParametersFailsWithInvalidParams() {
        roomWithLines("study", 2);
        IrcTestClient client = ircWithCaps("철수", "batch");
        client.join("#study");
        client.sync();

        for (String bad : new String[] {
            "CHATHISTORY LATEST #study * many",
            "CHATHISTORY LATEST #study * -1",
            "CHATHISTORY FROB #study * 10",
            "CHATHISTORY FROB #nowhere * 10",
            "CHATHISTORY BEFORE #study yesterday 10",
            "CHATHISTORY BEFORE #study timestamp=yesterday 10",
            "CHATHISTORY TARGETS timestamp=x timestamp=y 10"
        }) {
            client.send(bad);
            assertThat(client.nextLine()).as(bad).startsWith(":openchat FAIL CHATHISTORY INVALID_PARAMS ");
        }
        client.send("CHATHISTORY LATEST #study * many");
        assertThat(client.nextLine())
                .as("in the server's language")
                .isEqualTo(":openchat FAIL CHATHISTORY INVALID_PARAMS LATEST :개수는 0 이상의 정수여야 합니다: many");
        client.send("CHATHISTORY BEFORE #study msgid=other:3 10");
        assertThat(client.nextLine()).startsWith(":openchat FAIL CHATHISTORY ");
        client.send("CHATHISTORY LATEST #study");
        assertThat(client.nextLine()).startsWith(":openchat ").contains("CHATHISTORY");
        assertThat(client.sync()).isEmpty();
    }

    @Test
    void aLabelledChathistoryNestsItsBatchInTheLabeledResponseBatch() {
        roomWithLines("study", 3);
        IrcTestClient client = ircWithCaps("철수", "batch labeled-response");
        client.join("#study");
        client.sync();

        client.send("@label=h1 CHATHISTORY LATEST #study * 2");

        List<IrcMessage> lines = parse(client.linesUntil("^:openchat BATCH -r"));
        assertThat(lines).hasSize(6);
        IrcMessage outer = lines.get(0);
        assertThat(outer.tags()).containsEntry("label", "h1");
        String outerId = outer.params().get(0).substring(1);
        assertThat(outer.params()).containsExactly("+" + outerId, "labeled-response");
        IrcMessage inner = lines.get(1);
        String innerId = inner.params().get(0).substring(1);
        assertThat(inner.params()).containsExactly("+" + innerId, "chathistory", "#study");
        assertThat(inner.tags()).containsEntry("batch", outerId);
        assertThat(lines.subList(2, 4)).allMatch(m -> innerId.equals(m.tags().get("batch")));
        assertThat(texts(lines)).containsExactly("line 2", "line 3");
        assertThat(lines.get(4).params()).containsExactly("-" + innerId);
        assertThat(lines.get(4).tags()).containsEntry("batch", outerId);
        assertThat(lines.get(5).params()).containsExactly("-" + outerId);
    }

    @Test
    void privateMessagesHaveNoHistory() {
        IrcTestClient client = ircWithCaps("철수", "batch");

        client.send("CHATHISTORY LATEST 영희 * 10");

        assertThat(historyBatch(client, "영희")).isEmpty();
    }

    @Test
    void historySurvivesARestart() throws Exception {
        IrcTestClient speaker = irc("철수");
        speaker.join("#study");
        speaker.send("PRIVMSG #study :before the restart");
        server().console().awaitLineContaining("철수 : before the restart");
        speaker.close();

        server().restart();
        IrcTestClient client = ircWithCaps("영희", "batch");
        client.join("#study");

        assertThat(texts(historyBatch(client, "#study"))).containsExactly("before the restart");
    }
}
