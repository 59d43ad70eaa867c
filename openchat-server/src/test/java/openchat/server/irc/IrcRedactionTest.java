package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Deleting messages from a room's history over IRC: IRCv3 {@code draft/message-redaction} ({@code REDACT}, and the
 * {@code REDACT} of a deletion made anywhere), the server notice a client without it gets instead, and ChanServ's
 * {@code DELETE #room nick [duration] [reason]} for a moderator whose client has no {@code REDACT}.
 */
class IrcRedactionTest extends IrcTestBase {
    private static final String REDACTION = "message-tags draft/message-redaction";
    private static final String CHANSERV = ":ChanServ!ChanServ@openchat NOTICE ";

    /** A room message's msgid, as {@code line} (a PRIVMSG with message-tags) carries it. */
    private static String msgid(String line) {
        return IrcMessage.parse(line).tags().get("msgid");
    }

    /** {@code line} with each time of day (HH:mm:ss) written {@code hh:mm:ss}, for a notice sent at a time not fixed. */
    private static String anyTime(String line) {
        return line.replaceAll("\\d\\d:\\d\\d:\\d\\d", "hh:mm:ss");
    }

    /** When {@code line} (with server-time) was sent, as a deletion's notice says it: HH:mm:ss in the server's zone. */
    private static String sentTime(String line) {
        return DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(Instant.parse(IrcMessage.parse(line).tags().get("time")).atZone(ZoneId.systemDefault()));
    }

    /** The texts of the PRIVMSGs among {@code lines}. */
    private static List<String> privmsgTexts(List<String> lines) {
        return lines.stream()
                .map(IrcMessage::parse)
                .filter(m -> m.command().equals("PRIVMSG"))
                .map(m -> m.params().get(1))
                .toList();
    }

    /** What a client that fetches {@code channel}'s history itself is given: the texts of its latest lines. */
    private List<String> chatHistory(String channel) {
        IrcTestClient reader = ircWithCaps("기록", "batch draft/chathistory");
        reader.join(channel);
        reader.send("CHATHISTORY LATEST " + channel + " * 50");
        return privmsgTexts(reader.linesUntil("^:openchat BATCH -"));
    }

    /** What a client joining {@code channel} (no capability) is replayed: the texts of the lines. */
    private List<String> replayOnJoin(String channel) {
        IrcTestClient joiner = irc("늦은이");
        List<String> lines = joiner.join(channel);
        lines.addAll(joiner.linesUntil(" :--- 이전 메세지 끝 ---$"));
        joiner.send("QUIT");
        joiner.awaitClosed(); // out of the room, which holds 5 on a test server
        return privmsgTexts(lines);
    }

    @Test
    void theRedactionCapabilityIsOfferedAndAcknowledged() {
        IrcTestClient client = irc();
        client.send("CAP LS 302");
        String ls = client.expect(" CAP \\* LS ");
        assertThat(ls.substring(ls.indexOf(" :") + 2).split(" ")).contains("draft/message-redaction");

        client.send("CAP REQ :message-tags draft/message-redaction");
        assertThat(client.nextLine()).isEqualTo(":openchat CAP * ACK :message-tags draft/message-redaction");
    }

    @Test
    void theOwnersRedactDeletesTheMessageACapableClientGetsRedactAndAPlainOneANotice() {
        IrcTestClient owner = ircWithCaps("철수", REDACTION + " echo-message");
        owner.join("#study");
        IrcTestClient troll = irc("트롤");
        troll.join("#study");
        IrcTestClient capable = ircWithCaps("영희", REDACTION);
        capable.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#study");
        troll.send("PRIVMSG #study :안녕");
        troll.send("PRIVMSG #study :싸게 팝니다 http://spam.example");
        String spam = msgid(owner.expect(" PRIVMSG #study :싸게 팝니다"));
        assertThat(spam).matches("study:\\d+");
        capable.expect(" PRIVMSG #study :싸게 팝니다");
        plain.expect(" PRIVMSG #study :싸게 팝니다");

        owner.send("REDACT #study " + spam + " :광고");

        String redact = ":철수!철수@openchat REDACT #study " + spam + " :광고";
        assertThat(owner.expect(" REDACT "))
                .as("the deleter's REDACT back, as ergo echoes it")
                .isEqualTo(redact);
        assertThat(capable.expect(" REDACT ")).isEqualTo(redact);
        String notice = ":openchat NOTICE #study :*** 철수님이 트롤님의 메세지 1개(hh:mm:ss에 보낸 것)를 대화 기록에서 지웠습니다"
                + " (나중에 들어오는 사람에게는 보이지 않습니다): 광고";
        assertThat(anyTime(plain.expect(" NOTICE #study "))).isEqualTo(notice);
        assertThat(anyTime(troll.expect(" NOTICE #study "))).isEqualTo(notice);
        assertThat(plain.sync()).as("one notice for the deletion, no REDACT").isEmpty();
        assertThat(replayOnJoin("#study")).containsExactly("안녕");
        assertThat(chatHistory("#study")).containsExactly("안녕");
    }

    @Test
    void aMemberWhoIsNotTheOwnerIsRefusedRedactForbiddenAndNothingIsDeleted() {
        IrcTestClient owner = ircWithCaps("철수", REDACTION);
        owner.join("#study");
        IrcTestClient member = ircWithCaps("영희", REDACTION + " echo-message");
        member.join("#study");
        member.send("PRIVMSG #study :내 줄");
        String line = msgid(member.expect(" PRIVMSG #study :내 줄"));
        owner.expect(" PRIVMSG #study :내 줄");

        member.send("REDACT #study " + line);

        assertThat(member.nextLine())
                .isEqualTo(":openchat FAIL REDACT REDACT_FORBIDDEN #study " + line + " :방장이나 채팅관리자만 메세지를 지울 수 있습니다");
        assertThat(owner.sync()).isEmpty();
        assertThat(chatHistory("#study")).containsExactly("내 줄");
    }

    @Test
    void aMsgidNotOfTheChannelIsUnknownMsgidAndANickOrAChannelNotJoinedAnInvalidTarget() {
        IrcTestClient owner = ircWithCaps("철수", REDACTION + " echo-message");
        owner.join("#study");
        owner.join("#dev");
        owner.send("PRIVMSG #dev :dev의 줄");
        String inDev = msgid(owner.expect(" PRIVMSG #dev :"));
        IrcTestClient stranger = ircWithCaps("영희", REDACTION);
        String unknown = " :이 방의 대화 기록에 그런 메세지가 없습니다 (이미 지워졌거나, 보관 기간이 지났거나, 다른 방의 메세지입니다)";

        owner.send("REDACT #study study:999");
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL REDACT UNKNOWN_MSGID #study study:999" + unknown);
        owner.send("REDACT #study " + inDev);
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL REDACT UNKNOWN_MSGID #study " + inDev + unknown);
        owner.send("REDACT #study nonexistent123");
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL REDACT UNKNOWN_MSGID #study nonexistent123" + unknown);
        owner.send("REDACT #study study:0");
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL REDACT UNKNOWN_MSGID #study study:0" + unknown);
        owner.send("REDACT 영희 x");
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL REDACT INVALID_TARGET 영희 :개인 메세지는 저장하지 않으니 지울 것이 없습니다");
        stranger.send("REDACT #dev " + inDev);
        assertThat(stranger.nextLine())
                .as("a channel the client is not in: the message is not looked for")
                .isEqualTo(":openchat FAIL REDACT INVALID_TARGET #dev :그 방에 들어가 있지 않습니다");
        stranger.send("REDACT #nosuch nosuch:1");
        assertThat(stranger.nextLine()).isEqualTo(":openchat FAIL REDACT INVALID_TARGET #nosuch :그런 방이 없습니다");
        stranger.send("REDACT #nosuch x:1");
        assertThat(stranger.nextLine())
                .as("a channel that does not exist, whatever the msgid")
                .isEqualTo(":openchat FAIL REDACT INVALID_TARGET #nosuch :그런 방이 없습니다");
        stranger.send("REDACT #dev garbage");
        assertThat(stranger.nextLine()).isEqualTo(":openchat FAIL REDACT INVALID_TARGET #dev :그 방에 들어가 있지 않습니다");
        stranger.send("REDACT #study");
        assertThat(stranger.expectNumeric("461")).startsWith(":openchat 461 영희 REDACT :");
        assertThat(chatHistory("#dev")).containsExactly("dev의 줄");
    }

    @Test
    void theAdministratorRedactsFromOutsideAndWithoutTheCapabilityIsToldByANoticeToItsNick() {
        IrcTestClient owner = ircWithCaps("철수", REDACTION + " echo-message");
        owner.join("#study");
        owner.send("PRIVMSG #study :지울 줄");
        String line = msgid(owner.expect(" PRIVMSG #study :"));
        IrcTestClient admin = operator();

        admin.send("REDACT #study " + line);

        assertThat(anyTime(admin.expect("님의 메세지 ")))
                .isEqualTo(":openchat NOTICE 채팅관리자 :*** 채팅관리자님이 철수님의 메세지 1개(hh:mm:ss에 보낸 것)를 대화 기록에서 지웠습니다"
                        + " (나중에 들어오는 사람에게는 보이지 않습니다)");
        assertThat(owner.expect(" REDACT ")).isEqualTo(":채팅관리자!채팅관리자@openchat REDACT #study " + line);
    }

    @Test
    void chanServDeleteTakesANamesRecentMessagesAndTheRoomSeesRedactsOrOneNotice() {
        IrcTestClient owner = irc("철수"); // irssi: no REDACT of its own
        owner.join("#study");
        IrcTestClient troll = irc("트롤");
        troll.join("#study");
        IrcTestClient capable = ircWithCaps("영희", REDACTION);
        capable.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#study");
        plain.send("PRIVMSG #study :어서 오십시오");
        for (int i = 1; i <= 3; i++) {
            troll.send("PRIVMSG #study :도배 " + i);
        }
        List<String> ids = List.of(
                msgid(capable.expect(" PRIVMSG #study :도배 1")),
                msgid(capable.expect(" PRIVMSG #study :도배 2")),
                msgid(capable.expect(" PRIVMSG #study :도배 3")));
        owner.expect(" PRIVMSG #study :도배 3");

        owner.send("PRIVMSG ChanServ :DELETE #study 트롤 30m 도배 그만");

        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :#study 방에서 트롤님의 메세지 3개를 대화 기록에서 지웠습니다 (지난 30분 동안 보낸 것)");
        assertThat(owner.sync())
                .as("ChanServ's answer says it: no notice to the channel too")
                .isEmpty();
        for (String id : ids) {
            assertThat(capable.nextLine()).isEqualTo(":철수!철수@openchat REDACT #study " + id + " :도배 그만");
        }
        assertThat(anyTime(plain.expect(" NOTICE #study ")).replace("hh:mm:ss~hh:mm:ss", "hh:mm:ss"))
                .isEqualTo(":openchat NOTICE #study :*** 철수님이 트롤님의 메세지 3개(hh:mm:ss에 보낸 것)를 대화 기록에서 지웠습니다"
                        + " (나중에 들어오는 사람에게는 보이지 않습니다): 도배 그만");
        assertThat(chatHistory("#study")).containsExactly("어서 오십시오");
    }

    @Test
    void chanServDeleteIsRefusedInItsWordsAndTellsHowToWriteIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        member.send("PRIVMSG #study :내 줄");
        owner.expect(" PRIVMSG #study :내 줄");

        member.send("CS DELETE #study 영희");
        assertThat(member.nextLine()).isEqualTo(CHANSERV + "영희 :#study 방에서는 방장이나 관리자만 할 수 있습니다");
        owner.send("CS DELETE #study 아무도");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :대화 기록에 그 기간 동안 아무도님이 보낸 메세지가 없습니다");
        owner.send("CS DELETE #study");
        assertThat(owner.nextLine())
                .isEqualTo(CHANSERV + "철수 :사용법: DELETE #방 닉 [기간] [이유] - 방장이나 관리자가 그 닉이 최근에 보낸 메세지를"
                        + " 대화 기록에서 지웁니다 (기간은 기본 1시간, 예: 30m, 2h, 1d; 한 번에 최대 200개)");
        assertThat(chatHistory("#study")).containsExactly("내 줄");

        owner.send("CS DELETE #study 영희 1시간 30분");
        assertThat(owner.expect("^:ChanServ"))
                .as("a duration in Korean words, as a K-line's")
                .isEqualTo(CHANSERV + "철수 :#study 방에서 영희님의 메세지 1개를 대화 기록에서 지웠습니다 (지난 1시간 30분 동안 보낸 것)");
    }

    /**
     * {@code #hz} made by 방장, where 스팸 posts {@code before} lines and leaves, 후계 (with {@code caps}) joins, 스팸
     * comes back and posts {@code after} more, and 방장 leaves: 후계, there longest, owns the room by presence (no key).
     * Returns the heir; {@code ids} gets the msgids of 스팸's lines, in order.
     */
    private IrcTestClient heirOfRoomWithSpam(int before, int after, String caps, List<String> ids) {
        IrcTestClient owner = ircWithCaps("방장", "message-tags");
        owner.join("#hz");
        IrcTestClient spam = irc("스팸");
        spam.join("#hz");
        for (int i = 1; i <= before; i++) {
            spam.send("PRIVMSG #hz :광고 " + i);
            ids.add(msgid(owner.expect(" PRIVMSG #hz :광고 " + i)));
        }
        spam.send("PART #hz");
        owner.expect(" PART #hz");
        IrcTestClient heir = ircWithCaps("후계", caps);
        heir.join("#hz");
        if (after > 0) {
            spam.join("#hz");
            for (int i = before + 1; i <= before + after; i++) {
                spam.send("PRIVMSG #hz :광고 " + i);
                ids.add(msgid(owner.expect(" PRIVMSG #hz :광고 " + i)));
            }
        }
        owner.send("PART #hz");
        heir.expect("^:openchat MODE #hz \\+o 후계$");
        return heir;
    }

    @Test
    void anHeirIsToldThatLinesSentBeforeItJoinedAreNotItsToDeleteByChanServAndByRedact() {
        List<String> ids = new ArrayList<>();
        IrcTestClient heir = heirOfRoomWithSpam(3, 0, REDACTION, ids);
        heir.sync();
        String sentence = "이 방에 들어오기 전에 보낸 메세지는 관리자나, 방 열쇠를 입력한 방장만 지울 수 있습니다";

        heir.send("PRIVMSG ChanServ :DELETE #hz 스팸 1h");
        assertThat(heir.nextLine()).isEqualTo(CHANSERV + "후계 :" + sentence);
        heir.send("REDACT #hz " + ids.get(2));
        assertThat(heir.nextLine())
                .isEqualTo(":openchat FAIL REDACT REDACT_FORBIDDEN #hz " + ids.get(2) + " :" + sentence);
        assertThat(chatHistory("#hz")).containsExactly("광고 1", "광고 2", "광고 3");
    }

    @Test
    void chanServDeleteByAnHeirSaysHowManyOlderOnesStayAndWhy() {
        IrcTestClient heir = heirOfRoomWithSpam(2, 1, "message-tags", new ArrayList<>());
        heir.sync();

        heir.send("CS DELETE #hz 스팸");

        assertThat(heir.nextLine()).isEqualTo(CHANSERV + "후계 :#hz 방에서 스팸님의 메세지 1개를 대화 기록에서 지웠습니다 (지난 1시간 동안 보낸 것)");
        assertThat(heir.nextLine())
                .isEqualTo(CHANSERV + "후계 :#hz 방에 내가 들어오기 전에 스팸님이 보낸 메세지 2개는 대화 기록에 남아 있습니다:"
                        + " 관리자나, 방 열쇠를 입력한 방장(OP #hz 열쇠)만 지울 수 있습니다");
        assertThat(chatHistory("#hz")).containsExactly("광고 1", "광고 2");
    }

    @Test
    void chanServDeleteReadsADurationAsTheTerminalDoesAndRefusesWhatItCannotReadWholly() {
        IrcTestClient owner = irc("철수");
        owner.join("#cs");
        IrcTestClient troll = irc("트롤");
        troll.join("#cs");
        troll.send("PRIVMSG #cs :도배");
        owner.expect(" PRIVMSG #cs :도배");
        String units = "30m, 2h, 1d, 1시간 30분처럼 단위(w, d, h, m, s 또는 주, 일, 시간, 분, 초)를 붙여 쓰십시오."
                + " 기간 없이 쓰면 지난 1시간 동안 보낸 메세지를 지웁니다";

        for (String written : List.of("30", "-5m", "5", "1.5h", "3번째")) {
            owner.send("CS DELETE #cs 트롤 " + written + " minutes");
            assertThat(owner.nextLine())
                    .as("%s: neither seconds nor a reason", written)
                    .isEqualTo(CHANSERV + "철수 :기간을 읽을 수 없습니다: '" + written + "'. " + units);
        }
        owner.send("CS DELETE #cs 트롤 100y");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :기간이 가장 긴 3650일보다 깁니다: '100y'");
        owner.send("CS DELETE #cs 트롤 99999d 도배");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :기간이 가장 긴 3650일보다 깁니다: '99999d'");
        owner.send("CS DELETE #cs 트롤 0m");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :기간이 0입니다: '0m'. 기간 없이 쓰면 지난 1시간 동안 보낸 메세지를 지웁니다");
        assertThat(troll.sync()).as("nothing deleted, no reason posted").isEmpty();
        assertThat(chatHistory("#cs")).containsExactly("도배");

        owner.send("CS DELETE #cs 트롤 1h 30m 3번째 도배");
        assertThat(owner.expect("^:ChanServ"))
                .isEqualTo(CHANSERV + "철수 :#cs 방에서 트롤님의 메세지 1개를 대화 기록에서 지웠습니다 (지난 1시간 30분 동안 보낸 것)");
        assertThat(anyTime(troll.expect(" NOTICE #cs ")))
                .as("the reason after the duration, a digit first")
                .endsWith("): 3번째 도배");
    }

    @Test
    void aDeletionsNoticeSaysWhenTheLinesWereSentAndCallsADeletersOwnLinesItsOwn() {
        IrcTestClient owner = ircWithCaps("철수", "server-time echo-message");
        owner.join("#study");
        IrcTestClient troll = ircWithCaps("트롤", "server-time echo-message");
        troll.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#study");
        troll.send("PRIVMSG #study :광고");
        String sent = sentTime(troll.expect(" PRIVMSG #study :광고"));
        owner.send("PRIVMSG #study :첫 줄");
        String first = sentTime(owner.expect(" PRIVMSG #study :첫 줄"));
        // The next second by the clock, so that the two lines' times differ.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(LocalTime.now())
                .equals(first));
        owner.send("PRIVMSG #study :둘째 줄");
        String last = sentTime(owner.expect(" PRIVMSG #study :둘째 줄"));
        plain.expect(" PRIVMSG #study :둘째 줄");

        owner.send("CS DELETE #study 트롤");
        assertThat(plain.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 철수님이 트롤님의 메세지 1개(" + sent + "에 보낸 것)를 대화 기록에서 지웠습니다"
                        + " (나중에 들어오는 사람에게는 보이지 않습니다)");
        owner.send("CS DELETE #study 철수 10m 정리");
        assertThat(plain.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** 철수님이 자기 메세지 2개(" + first + "~" + last
                        + "에 보낸 것)를 대화 기록에서 지웠습니다 (나중에 들어오는 사람에게는 보이지 않습니다): 정리");
    }

    @Test
    void anOcpDeleteReachesIrcClientsAsRedactOrNotice() {
        TestClient owner = ocpIn("study", "철수");
        IrcTestClient troll = ircWithCaps("트롤", "message-tags echo-message");
        troll.join("#study");
        IrcTestClient capable = ircWithCaps("영희", REDACTION);
        capable.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#study");
        troll.send("PRIVMSG #study :광고");
        String id = msgid(troll.expect(" PRIVMSG #study :광고"));
        capable.expect(" PRIVMSG #study :광고");
        long seq = IrcEvents.seqOf("study", id).orElseThrow();

        OcpMessage answer = owner.request(OcpMessage.request(Methods.DELETE, Targets.room("study"))
                .header(HeaderNames.SEQ, seq)
                .build());

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(capable.expect(" REDACT "))
                .as("without a reason, as the specification's example: the msgid last, no colon")
                .isEqualTo(":철수!철수@openchat REDACT #study " + id);
        String notice = ":openchat NOTICE #study :*** 철수님이 트롤님의 메세지 1개(hh:mm:ss에 보낸 것)를 대화 기록에서 지웠습니다"
                + " (나중에 들어오는 사람에게는 보이지 않습니다)";
        assertThat(anyTime(plain.expect(" NOTICE #study "))).isEqualTo(notice);
        assertThat(anyTime(troll.expect(" NOTICE #study "))).isEqualTo(notice);
    }
}
