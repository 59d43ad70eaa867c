package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's message of the day ({@code --motd}): over IRC as the MOTD at registration and on {@code MOTD}, over
 * OCP as a NOTICE ({@code Kind: motd}) right after the CONNECT's answer; read again by SIGHUP's reload.
 */
class MotdTest extends IrcTestBase {
    @TempDir
    Path dir;

    private Path motd(String content) throws Exception {
        Path file = dir.resolve("motd.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** The 372 lines' texts of a registration or a MOTD command, without their "- ". */
    private static List<String> motdLines(List<String> lines) {
        return lines.stream()
                .filter(line -> line.matches(":openchat 372 \\S+ :.*"))
                .map(line -> line.substring(line.indexOf(" :- ") + 4))
                .toList();
    }

    @Test
    void anIrcClientGetsTheOperatorsMessageOfTheDayAtRegistrationAndOnMotd() throws Exception {
        Path file = motd("\uFEFF스터디 서버에 오신 것을 환영합니다\r\n\r\n규칙:\t\u0002욕설 금지\u0002   \r\n\n\n");
        server(c -> c.motdFile(file));
        IrcTestClient irc = irc();

        List<String> welcome = irc.register("ircuser");

        assertThat(welcome).anyMatch(line -> line.startsWith(":openchat 375 ircuser :"));
        assertThat(motdLines(welcome))
                .as("a byte order mark, CR, trailing blanks and blank lines at the end dropped; a tab made a space;"
                        + " IRC formatting kept")
                .containsExactly("스터디 서버에 오신 것을 환영합니다", "", "규칙: \u0002욕설 금지\u0002");
        irc.send("MOTD");
        List<String> again = irc.linesUntil(" 376 ircuser ");
        assertThat(motdLines(again)).containsExactly("스터디 서버에 오신 것을 환영합니다", "", "규칙: \u0002욕설 금지\u0002");
    }

    @Test
    void aMotdLineLongerThanAnIrcReplyGoesOnInTheNextOneCutBetweenLetters() throws Exception {
        String longLine = "가".repeat(300); // 900 bytes
        server(c -> c.motdFile(motdUnchecked(longLine + "\n끝")));

        List<String> welcome = irc().register("ircuser");

        List<String> lines = motdLines(welcome);
        assertThat(String.join("", lines.subList(0, lines.size() - 1))).isEqualTo(longLine);
        assertThat(lines).hasSizeGreaterThan(2).last().isEqualTo("끝");
        assertThat(welcome).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2)
                .as("a line with its CR LF fits IRC's 512 bytes: %s", line)
                .isLessThanOrEqualTo(512));
    }

    private Path motdUnchecked(String content) {
        try {
            return motd(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEmptyMotdFileIsNoMotdOverIrcAndNoNoticeOverOcp() throws Exception {
        Path file = motd("\n\n");
        server(c -> c.motdFile(file));

        List<String> welcome = irc().register("ircuser");
        assertThat(welcome).anyMatch(line -> line.startsWith(":openchat 422 ircuser :"));
        assertThat(welcome).noneMatch(line -> line.contains(" 375 ") || line.contains(" 372 "));

        TestClient first = ocp("유저1");
        ocp("유저2");
        assertThat(first.next().method())
                .as("the first event after connecting is the next member's join, no notice before it")
                .isEqualTo(Methods.JOINED);
    }

    @Test
    void withoutAMotdFileIrcClientsGetTheServersFewLinesAndOcpClientsNoNotice() {
        server(c -> c);

        List<String> welcome = irc().register("ircuser");
        assertThat(motdLines(welcome)).first().asString().contains("/join #lobby");

        TestClient first = ocp("유저1");
        ocp("유저2");
        assertThat(first.next().method()).isEqualTo(Methods.JOINED);
    }

    @Test
    void anOcpClientGetsTheMotdAsANoticeRightAfterItsConnectAnswerBeforeTheRoomsHistory() throws Exception {
        Path file = motd("환영합니다\n질문은 #help 에서");
        server(c -> c.motdFile(file));
        TestClient before = ocp("먼저온사람");
        before.say("기록에 남는 말");
        assertThat(before.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .as("answered after the SEND before it: the line is stored by now")
                .isEqualTo(200);
        assertThat(before.next().method()).as("its own MOTD").isEqualTo(Methods.NOTICE);

        TestClient client = server().client();
        OcpMessage answer = client.connect("lobby", "유저1", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.HISTORY)).contains("1");

        OcpMessage notice = client.next();
        assertThat(notice.method()).isEqualTo(Methods.NOTICE);
        assertThat(notice.target()).isEqualTo("/");
        assertThat(notice.header(HeaderNames.KIND)).contains("motd");
        assertThat(notice.header(HeaderNames.FROM))
                .as("the server's, not the administrator's")
                .isEmpty();
        assertThat(notice.header(HeaderNames.DATE)).isPresent();
        assertThat(notice.bodyText()).isEqualTo("환영합니다\n질문은 #help 에서");
        OcpMessage replayed = client.next();
        assertThat(replayed.method()).isEqualTo(Methods.MESSAGE);
        assertThat(replayed.bodyText()).isEqualTo("기록에 남는 말");
        client.close();
    }

    @Test
    void aReloadTakesTheNewMotdForNewConnectionsAndABrokenFileKeepsTheOldOne() throws Exception {
        Path file = motd("첫 안내");
        server(c -> c.motdFile(file));

        Files.writeString(file, "점검 안내: 오늘 밤 10시", StandardCharsets.UTF_8);
        server().server().reload();
        server().console().awaitLineContaining("[RELOAD] 다시 읽었습니다: ");
        assertThat(server().console().lines()).anyMatch(line -> line.contains("오늘의 메세지 " + file + " (1줄, 새 접속부터)"));
        assertThat(motdLines(irc().register("new1"))).containsExactly("점검 안내: 오늘 밤 10시");

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        server().server().reload();
        server().console()
                .awaitLine("[RELOAD] 오늘의 메세지를 다시 읽지 못해 이전 것을 그대로 씁니다: 오늘의 메세지 파일 " + file + " 이(가) UTF-8 텍스트가 아닙니다");
        assertThat(motdLines(irc().register("new2"))).containsExactly("점검 안내: 오늘 밤 10시");
        TestClient ocp = ocp("유저1");
        assertThat(ocp.next().bodyText()).isEqualTo("점검 안내: 오늘 밤 10시");
    }

    @Test
    void theOperatorsRehashReadsTheMotdAgainAndTellsWhatTheReloadSaidAndAMemberGets481() throws Exception {
        Path file = motd("첫 안내");
        server(c -> c.motdFile(file));
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(openchat.core.Names.ADMINISTRATOR);
        admin.expectNumeric("381");
        IrcTestClient member = irc("ircuser");

        member.send("REHASH");
        assertThat(member.await(line -> line.contains(" 481 "))).startsWith(":openchat 481 ircuser ");

        Files.writeString(file, "새 안내", StandardCharsets.UTF_8);
        admin.send("REHASH");
        admin.send("PING :after"); // held while the reload runs off the event loop, answered after its notices
        assertThat(admin.await(line -> line.contains(" 382 ")))
                .isEqualTo(":openchat 382 " + openchat.core.Names.ADMINISTRATOR + " openchat :설정을 다시 읽습니다");
        assertThat(admin.await(line -> line.contains("[RELOAD]")))
                .contains("NOTICE " + openchat.core.Names.ADMINISTRATOR + " :*** [RELOAD] 다시 읽었습니다: 관리자 키 ")
                .contains("오늘의 메세지 " + file + " (1줄, 새 접속부터)");
        assertThat(admin.await(line -> line.contains("PONG"))).endsWith(":after");
        server().console().awaitLineContaining("[RELOAD] 다시 읽었습니다: ");
        assertThat(motdLines(irc().register("new1"))).containsExactly("새 안내");
    }
}
