package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The IRCv3 bot mode ({@code BOT=B}, user mode {@code +B}): a bot is replayed no history on JOIN, which it would take
 * for live lines, and WHOIS (335) and WHO ({@code B}) say what it is.
 */
class IrcBotModeTest extends IrcTestBase {

    /** An IRC owner of {@code #study} who set its topic and said {@code count} lines "line 1".., and is still there. */
    private IrcTestClient roomWithLines(int count) {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        owner.send("TOPIC #study :주제");
        owner.expect(" TOPIC #study ");
        for (int i = 1; i <= count; i++) {
            owner.send("PRIVMSG #study :line " + i);
        }
        if (count > 0) {
            server().console().awaitLineContaining("철수 : line " + count);
        }
        return owner;
    }

    /** A client registered as {@code nick} that set the bot mode on itself. */
    private IrcTestClient bot(IrcTestClient client) {
        client.send("MODE " + client.nick() + " +B");
        assertThat(client.nextLine()).isEqualTo(":" + source(client.nick()) + " MODE " + client.nick() + " +B");
        return client;
    }

    private static String source(String nick) {
        return nick + "!" + nick + "@openchat";
    }

    private static List<String> privmsgTexts(List<String> lines) {
        return lines.stream()
                .map(IrcMessage::parse)
                .filter(m -> m.command().equals("PRIVMSG"))
                .map(m -> m.params().get(1))
                .toList();
    }

    @Test
    void isupportAdvertisesBotModeAndTheUserModesIn004ListB() {
        List<String> lines = irc().register("유저1");

        assertThat(lines.get(3)).endsWith(" Biosw blnrt bl");
        List<String> tokens = lines.stream()
                .filter(l -> IrcTestClient.numeric(l, "005"))
                .flatMap(l -> Arrays.stream(l.substring(0, l.indexOf(" :")).split(" "))
                        .skip(3))
                .toList();
        assertThat(tokens).contains("BOT=B");
    }

    @Test
    void aClientSetsAndClearsTheBotModeOnItselfAndSeesItIn221() {
        IrcTestClient client = irc("봇");

        client.send("MODE 봇 +Bi");
        assertThat(client.nextLine()).isEqualTo(":봇!봇@openchat MODE 봇 +Bi");
        client.send("MODE 봇");
        assertThat(client.nextLine()).isEqualTo(":openchat 221 봇 +Bi");
        client.send("MODE 봇 +B");
        assertThat(client.sync()).as("no change, no line").isEmpty();
        client.send("MODE 봇 -B");
        assertThat(client.nextLine()).isEqualTo(":봇!봇@openchat MODE 봇 -B");
        client.send("MODE 봇");
        assertThat(client.nextLine()).isEqualTo(":openchat 221 봇 +i");
        client.send("MODE 봇 +x");
        assertThat(client.nextLine())
                .isEqualTo(":openchat 501 봇 :사용자 모드는 세 가지뿐입니다: B, i, w (채팅관리자에게는 서버 알림인 s 도 있습니다)");
    }

    @Test
    void aBotJoiningARoomWithHistoryGetsJoinTopicAndNamesButNoReplayedLinesWhileAPlainClientGetsThem() {
        IrcTestClient owner = roomWithLines(2);
        IrcTestClient bot = bot(irc("봇"));
        IrcTestClient timedBot = bot(ircWithCaps("배치봇", "batch server-time"));
        IrcTestClient person = irc("영희");

        List<String> joined = bot.join("#study");
        assertThat(joined)
                .extracting(line -> IrcMessage.parse(line).command())
                .containsExactly("JOIN", "332", "333", "353", "366");
        assertThat(bot.sync()).as("no replay, no notices").isEmpty();
        timedBot.join("#study");
        assertThat(timedBot.sync()).as("no history batch either").isEmpty();
        person.join("#study");
        assertThat(privmsgTexts(person.sync())).containsExactly("line 1", "line 2");

        owner.send("PRIVMSG #study :live line");
        assertThat(bot.expect(" PRIVMSG ")).isEqualTo(":철수!철수@openchat PRIVMSG #study :live line");
    }

    @Test
    void aBotThatLeftAndRejoinsWithoutTheModeIsReplayedOnlyWhatWasSaidSinceItLeft() {
        IrcTestClient owner = roomWithLines(2);
        IrcTestClient bot = bot(irc("봇"));
        bot.join("#study");
        owner.send("PRIVMSG #study :seen live");
        bot.expect(" PRIVMSG #study :seen live");
        bot.send("PART #study");
        owner.expect(" PART #study");
        owner.send("PRIVMSG #study :said since");
        server().console().awaitLineContaining("철수 : said since");

        bot.send("MODE 봇 -B");
        bot.expect(" MODE 봇 -B");
        bot.join("#study");

        assertThat(privmsgTexts(bot.sync())).containsExactly("said since");
    }

    @Test
    void aBotWithChathistoryStillFetchesHistory() {
        roomWithLines(2);
        IrcTestClient bot = bot(ircWithCaps("봇", "batch draft/chathistory"));
        bot.join("#study");
        assertThat(bot.sync()).isEmpty();

        bot.send("CHATHISTORY LATEST #study * 10");

        assertThat(privmsgTexts(bot.linesUntil("^:openchat BATCH -"))).containsExactly("line 1", "line 2");
    }

    @Test
    void whoisOfABotSays335AndWhoFlagsItBButNotAMemberThatIsNone() {
        IrcTestClient owner = roomWithLines(0);
        bot(irc("봇")).join("#study");
        IrcTestClient person = irc("영희");
        person.join("#study");
        owner.sync();

        owner.send("WHOIS 봇");
        assertThat(owner.linesUntil(" 318 ")).contains(":openchat 335 철수 봇 :봇입니다");
        owner.send("WHOIS 영희");
        assertThat(owner.linesUntil(" 318 ")).noneMatch(line -> IrcTestClient.numeric(line, "335"));
        owner.send("WHO #study");
        assertThat(owner.linesUntil(" 315 "))
                .containsExactlyInAnyOrder(
                        ":openchat 352 철수 #study 철수 openchat openchat 철수 H@ :0 Real Name",
                        ":openchat 352 철수 #study 봇 openchat openchat 봇 HB :0 Real Name",
                        ":openchat 352 철수 #study 영희 openchat openchat 영희 H :0 Real Name",
                        ":openchat 315 철수 #study :WHO 목록 끝");
        owner.send("WHO 봇");
        assertThat(owner.nextLine()).isEqualTo(":openchat 352 철수 #study 봇 openchat openchat 봇 HB :0 Real Name");
    }

    @Test
    void inEnglishWhoisSaysIsABotAndTheUnknownModeNamesB() {
        server(config -> config.locale(Locale.ENGLISH));
        bot(irc("robot"));
        IrcTestClient asker = irc("alice");

        asker.send("WHOIS robot");
        assertThat(asker.linesUntil(" 318 ")).contains(":openchat 335 alice robot :is a bot");
        asker.send("MODE alice +x");
        assertThat(asker.nextLine())
                .isEqualTo(
                        ":openchat 501 alice :Unknown user mode: only B, i and w exist (and s, server notices, for the administrator)");
    }
}
