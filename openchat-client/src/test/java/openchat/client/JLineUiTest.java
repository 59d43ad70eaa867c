package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.PausingProxy;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The JLine front end on a terminal made of streams: what a person at a real terminal goes through. */
class JLineUiTest {

    /** Output that can be read while it is written. */
    private static final class Screen extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void typedLinesAreReadAndIncomingLinesArePrintedAboveThePrompt() throws Exception {
        try (TestServer server = TestServer.start();
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream keys = new PipedInputStream(keyboard)) {
            TestClient other = server.joined("유저2");
            Screen screen = new Screen();
            Terminal terminal = TerminalBuilder.builder()
                    .system(false)
                    .streams(keys, screen)
                    .type("xterm-256color")
                    .size(new org.jline.terminal.Size(80, 24))
                    .build();
            ClientConfig config = new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> new ChatSession(config, new JLineUi(terminal), ZoneId.of("UTC")).run());
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.text().contains("유저1 접속 완료"));
            other.nextEvent(Methods.JOINED);

            keyboard.write("안녕 jline!\r".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("안녕 jline!");

            keyboard.write("타이핑 중".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            // All of it read and echoed first: a line arriving between its keys redraws only what was read so far.
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.text().contains("타이핑 중"));
            other.say("들어오는 줄");
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.text().contains("유저2 : 들어오는 줄"));
            // The line is printed, then the prompt and the half-typed line drawn again: wait for the second write too.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                            screen.text().substring(screen.text().lastIndexOf("들어오는 줄")))
                    .as("the half-typed line is drawn again below")
                    .contains("타이핑 중"));

            keyboard.write("\u0015/종료\r".getBytes(StandardCharsets.UTF_8)); // Ctrl-U clears the line
            keyboard.flush();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.NAME)).contains("유저1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A session on a terminal made of streams: keys typed in, the screen read back. */
    private static final class TerminalSession implements AutoCloseable {
        static final int COLUMNS = 120;
        static final int ROWS = 24;
        final Screen screen = new Screen();
        final PipedOutputStream keyboard = new PipedOutputStream();
        final CompletableFuture<Integer> exit;
        private final Terminal terminal;

        TerminalSession(ClientConfig config) throws IOException {
            PipedInputStream keys = new PipedInputStream(keyboard);
            terminal = TerminalBuilder.builder()
                    .system(false)
                    .streams(keys, screen)
                    .type("xterm-256color")
                    .size(new org.jline.terminal.Size(COLUMNS, ROWS))
                    .build();
            exit = CompletableFuture.supplyAsync(
                    () -> new ChatSession(config, new JLineUi(terminal), ZoneId.of("UTC")).run());
        }

        void type(String keys) throws IOException {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** Types one key at a time, each after the screen showed something for the one before. */
        void typeKeyByKey(String keys) throws IOException {
            for (int i = 0; i < keys.length(); i++) {
                int before = screen.text().length();
                type(keys.substring(i, i + 1));
                await("the screen after typing " + keys.charAt(i))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> screen.text().length() > before);
            }
        }

        /**
         * Waits until the terminal has taken in the first key typed while nobody reads the keys, and looks at it without
         * reading it: a terminal that echoes has echoed it by then.
         */
        char awaitTypedAhead() throws IOException {
            int key = terminal.reader().peek(5000);
            assertThat(key).as("a key typed ahead").isPositive();
            return (char) key;
        }

        /** Waits for {@code text} on the screen after everything shown before this call. */
        void awaitScreen(String text) {
            await("screen showing " + text).atMost(Duration.ofSeconds(5)).until(() -> screen.text()
                    .contains(text));
        }

        /** The rows a terminal shows now, read through an emulator of one, without their trailing blanks. */
        List<String> rowsShown() {
            ScreenTerminal emulator = new ScreenTerminal(COLUMNS, ROWS);
            emulator.write(screen.text());
            return emulator.toString().lines().map(String::stripTrailing).toList();
        }

        /** The screen from the last time {@code text} was shown. */
        String after(String text) {
            String all = screen.text();
            return all.substring(all.lastIndexOf(text));
        }

        @Override
        public void close() throws Exception {
            type("\u0015/종료\r");
            exit.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A line of wide characters that fills the row exactly, then one more: JLine used to step back to the last column
     * and write the last wide character there again, which the terminal, finding one column left for two, wraps to the
     * next row. The screen then showed a character more than was typed, and every later redraw was off by one.
     */
    @Test
    void wideCharactersFillingARowAreNotWrittenAgainAtItsLastColumn() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            session.awaitScreen("[lobby]> ");
            // The 9-column prompt, "a", and 55 two-column characters: 120 columns, the whole row.
            session.typeKeyByKey("a" + "가".repeat(55));
            int filled = session.screen.text().length();

            session.typeKeyByKey("나");

            String after = session.screen.text().substring(filled);
            assertThat(after).as("output after the row filled").doesNotContain("\u001b[119C");
            assertThat(after.chars().filter(c -> c == '가').count())
                    .as("wide characters written again after the row filled: %s", after)
                    .isZero();
        }
    }

    private static ClientConfig config(TestServer server, String name) {
        return new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), Locale.KOREAN);
    }

    @Test
    void aLineTooLongToSendIsPutBackToBeShortenedNotLost() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            session.awaitScreen("[lobby]> ");

            session.type("가".repeat(1400) + "\r");
            session.awaitScreen("메세지가 너무 깁니다: 35자를 줄여 주십시오 (이 글은 1,365자까지 보낼 수 있습니다)");
            await("the refused line back on the prompt")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> session.after("1,365자까지 보낼 수 있습니다").contains("가가가가"));
            session.type("\u0008".repeat(100) + "\r"); // 100 backspaces: 1,300 syllables, 3,900 bytes

            assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                            .bodyText())
                    .isEqualTo("가".repeat(1300));
        }
    }

    @Test
    void promptShowsCurrentRoom() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient admin = server.joined(Names.ADMINISTRATOR);
            session.awaitScreen("[lobby]> ");

            session.type("/join study\r");
            session.awaitScreen("[study]> ");
            admin.request(
                    OcpMessage.request(Methods.JOIN, Targets.room("study")).build());
            admin.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                    .header(HeaderNames.NAME, "유저1")
                    .build());

            session.awaitScreen("[study] 방에서 관리자에 의해 강제 퇴장되었습니다.");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> session.after("강제 퇴장되었습니다.").contains("[lobby]> "));
        }
    }

    @Test
    void tabCompletesCommandsMembersAndRoomsAtTheTerminal() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            TestClient roomMaker = server.joined("유저3");
            roomMaker.request(
                    OcpMessage.request(Methods.JOIN, Targets.room("clubroom")).build());
            session.awaitScreen("유저1 접속 완료");
            session.type("/who\r");
            session.awaitScreen("[lobby] 참여자 3명");

            session.type("/w 유저2\t귓속말 완성\r");
            assertThat(other.nextMatching(m -> m.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .isEqualTo("귓속말 완성");

            session.type("/방목\t\r");
            session.awaitScreen("clubroom");
            session.type("/joi\tclu\t\r");
            session.awaitScreen("[clubroom] 방에 들어왔습니다 (2/5명)");
        }
    }

    @Test
    void tabCompletesANameByItsBeginningOnlyAndNeverCorrectsItToAnother() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("영희");
            session.awaitScreen("유저1 접속 완료");
            session.type("/who\r");
            session.awaitScreen("[lobby] 참여자 2명");

            session.type("/w 영휘\t 엉뚱한 사람에게\r");

            session.awaitScreen("접속한 사람 중에 영휘님은 없습니다");
            session.type("/w 영\t 제대로\r");
            assertThat(other.nextMatching(m -> m.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .as("the first whisper, had it been corrected to 영희, would be here")
                    .isEqualTo("제대로");
        }
    }

    @Test
    void tabCompletesARoomThatExistedBeforeConnectingWithoutRoomsFirst() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.joined("철수")
                    .request(OcpMessage.request(Methods.JOIN, Targets.room("clubroom"))
                            .build());
            try (TerminalSession session = new TerminalSession(config(server, "유저1"))) {
                pastTheRoomListOfConnecting(session);

                session.type("/join clu\t\r");
                session.awaitScreen("[clubroom] 방에 들어왔습니다 (2/5명)");
            }
        }
    }

    /**
     * Connected, and past the room list asked for when connecting: the server answers a connection's requests in
     * order, so {@code /who}'s answer comes after the list's. A room made from now on is one that list did not hold.
     */
    private static void pastTheRoomListOfConnecting(TerminalSession session) throws IOException {
        session.awaitScreen("유저1 접속 완료");
        session.type("/who\r");
        session.awaitScreen("[lobby] 참여자 "); // how many: the tests differ
    }

    /** 철수 makes clubroom, its owner, and this client joins it. */
    private static TestClient joinClubroomMadeBy철수(TestServer server, TerminalSession session) throws IOException {
        TestClient owner = server.joined("철수");
        owner.request(OcpMessage.request(Methods.JOIN, Targets.room("clubroom")).build());
        session.type("/join clubroom\r");
        session.awaitScreen("[clubroom] 방에 들어왔습니다 (2/5명)");
        return owner;
    }

    /** {@code /join clu} and Tab, after {@code shownLast}: clubroom is offered, and joined again. */
    private static void joinClubroomAgainByTab(TerminalSession session, String shownLast) throws IOException {
        session.type("/join clu\t\r");
        await("clubroom joined again").atMost(Duration.ofSeconds(5)).until(() -> session.after(shownLast)
                .contains("[clubroom] 방에 들어왔습니다 (2/5명)"));
    }

    @Test
    void tabCompletesARoomThisClientWasInvitedToThatWasMadeAfterItConnected() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            pastTheRoomListOfConnecting(session);
            TestClient host = server.joined("철수");
            host.request(
                    OcpMessage.request(Methods.JOIN, Targets.room("clubroom")).build());
            host.request(OcpMessage.request(Methods.INVITE, Targets.room("clubroom"))
                    .header(HeaderNames.NAME, "유저1")
                    .build());
            session.awaitScreen("방으로 초대했습니다");

            session.type("/join clu\t\r");

            session.awaitScreen("[clubroom] 방에 들어왔습니다 (2/5명)");
        }
    }

    @Test
    void tabStillCompletesARoomLeftWhileOthersStayInIt() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            pastTheRoomListOfConnecting(session);
            joinClubroomMadeBy철수(server, session);
            session.type("/who\r");
            session.awaitScreen("[clubroom] 참여자 2명");
            session.type("/part\r");
            session.awaitScreen("[clubroom] 방에서 나왔습니다");

            joinClubroomAgainByTab(session, "[clubroom] 방에서 나왔습니다");
        }
    }

    @Test
    void tabStillCompletesARoomThisClientWasKickedFrom() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            pastTheRoomListOfConnecting(session);
            TestClient owner = joinClubroomMadeBy철수(server, session);
            owner.request(OcpMessage.request(Methods.KICK, Targets.room("clubroom"))
                    .header(HeaderNames.NAME, "유저1")
                    .build());
            session.awaitScreen("강제 퇴장되었습니다");

            joinClubroomAgainByTab(session, "강제 퇴장되었습니다");
        }
    }

    /** The room emptied as this client left it, and with that it is gone: Tab offers the one that is still there. */
    @Test
    void tabNoLongerOffersARoomThatEmptiedWhenThisClientLeftIt() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            session.awaitScreen("유저1 접속 완료");
            session.type("/join study\r");
            session.awaitScreen("[study] 방에 들어왔습니다 (1/5명)");
            session.type("/rooms\r");
            session.awaitScreen("study ");
            server.joined("철수")
                    .request(OcpMessage.request(Methods.JOIN, Targets.room("study2"))
                            .build());
            session.type("/part study\r");
            session.awaitScreen("[study] 방에서 나왔습니다");
            session.type("/who study2\r");
            session.awaitScreen("[study2] 참여자 1명");

            session.type("/join stu\t\r");

            session.awaitScreen("[study2] 방에 들어왔습니다 (2/5명)");
        }
    }

    @Test
    void tabCompletionFollowsRenamesMineAndOthers() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            TestClient third = server.joined("유저3");
            session.awaitScreen("유저1 접속 완료");
            session.type("/who\r");
            session.awaitScreen("[lobby] 참여자 3명");

            session.type("/nick 나그네\r");
            session.awaitScreen("이름을 바꿨습니다: 나그네");
            other.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                    .header(HeaderNames.NAME, "길동")
                    .build());
            session.awaitScreen("유저2님이 이름을 바꿨습니다: 길동");

            session.type("/w 길\t새 이름으로\r");
            OcpMessage toRenamed = other.nextMatching(m -> m.method().equals(Methods.PRIVATE));
            assertThat(toRenamed.bodyText()).isEqualTo("새 이름으로");
            assertThat(toRenamed.header(HeaderNames.FROM)).contains("나그네");
            // Only 유저3 starts with 유 now: my old name is not offered, or 유 would complete no further than 유저.
            session.type("/w 유\t나도 새 이름\r");
            assertThat(third.nextMatching(m -> m.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .isEqualTo("나도 새 이름");
        }
    }

    @Test
    void historyIsDimmedOnATerminal() throws Exception {
        try (TestServer server = TestServer.start()) {
            TestClient other = server.joined("유저2");
            other.request(OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                    .header(HeaderNames.REQUEST_ID, "1")
                    .body("지난 이야기")
                    .build());
            try (TerminalSession session = new TerminalSession(config(server, "유저1"))) {
                session.awaitScreen("(기록) [");
                String shown = session.screen.text();
                String beforeHistory = shown.substring(0, shown.indexOf("(기록) ["));
                assertThat(beforeHistory)
                        .as("faint (SGR 2) just before the marker")
                        .endsWith("\u001b[2m");
                assertThat(shown).contains("유저2 : 지난 이야기");
            }
        }
    }

    /**
     * Lines pasted at the prompt, past the server's flood control (10 at once; refilled so slowly here that the count
     * cannot drift): the notice counts the 10 that wait, though the server's first "wait" came while the paste was still
     * being read. It counted 7.
     */
    /**
     * Hangul decomposed into jamo (NFD: a file name copied on macOS, some input methods) and Latin with a combining
     * accent: the input line showed only the leading consonants ({@code ᄒᄀ ᄑᄋᄋᄅ}) and {@code cafe}, as JLine draws
     * a combining code point as nothing. Typed or pasted, they are drawn as the syllables they spell, and sent so.
     */
    @Test
    void decomposedHangulTypedIsShownAndSentAsItsSyllables() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            session.awaitScreen("[lobby]> ");

            session.type(Normalizer.normalize("한글 파일이름 café", Normalizer.Form.NFD));

            session.type("\u000c"); // Ctrl-L: the screen cleared and the line drawn again, whole

            session.awaitScreen("[lobby]> 한글 파일이름 café");
            session.type("\r");
            assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                            .bodyText())
                    .isEqualTo("한글 파일이름 café");
        }
    }

    @Test
    void decomposedHangulPastedIsShownAndSentAsItsSyllables() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            session.awaitScreen("[lobby]> ");
            session.type("앞 뒤");
            session.awaitScreen("앞 뒤");
            session.type("\u0002\u0002"); // Ctrl-B twice: the cursor back before the space

            session.type("\u001b[200~" + Normalizer.normalize(" 사진", Normalizer.Form.NFD) + "\u001b[201~");

            session.type("\u000c"); // Ctrl-L

            session.awaitScreen("[lobby]> 앞 사진 뒤");
            session.type("\r");
            assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                            .bodyText())
                    .isEqualTo("앞 사진 뒤");
        }
    }

    @Test
    void floodWaitNoticeCountsEveryPastedLineThatWaits() throws Exception {
        try (TestServer server = TestServer.start(c -> c.floodControl(new FloodControl(true, 10, 0.01)));
                TerminalSession session = new TerminalSession(config(server, "유저1"))) {
            TestClient other = server.joined("유저2");
            session.awaitScreen("[lobby]> ");
            StringBuilder pasted = new StringBuilder();
            for (int i = 1; i <= 20; i++) {
                pasted.append("붙여넣은 줄 ").append(i).append('\r');
            }

            session.type(pasted.toString());

            for (int i = 1; i <= 10; i++) {
                assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                                .bodyText())
                        .isEqualTo("붙여넣은 줄 " + i);
            }
            session.awaitScreen("메세지를 너무 빨리 보내고 있습니다. 기다리는 10줄을 100초 후에 이어서 보냅니다…");
            session.type("/종료\r"); // the close's /종료 is the second: it leaves without the lines
        }
    }

    /**
     * Keys typed while a command's output is on its way (here /who waiting for its answer; /help printing) are not
     * echoed in the middle of it: they show on the input line below it, and are kept there.
     */
    @Test
    void keysTypedWhileACommandRunsStayOnTheInputLineBelowItsOutput() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.port());
                TerminalSession session =
                        new TerminalSession(new ClientConfig("유저1", "127.0.0.1", proxy.port(), null, Locale.KOREAN))) {
            TestClient other = server.joined("유저2");
            session.awaitScreen("[lobby]> ");
            proxy.pause();
            session.type("/who\r");
            await("WHO sent").atMost(Duration.ofSeconds(5)).until(() -> proxy.holdsFromClients("WHO"));

            session.type("미리 친 글");
            assertThat(session.awaitTypedAhead()).isEqualTo('미');
            proxy.resume();

            session.awaitScreen("[lobby]> 미리 친 글");
            String shown = session.after("/who");
            assertThat(shown.indexOf("미리"))
                    .as("the typed-ahead keys after the whole table: %s", shown)
                    .isGreaterThan(shown.indexOf("유저2"));
            session.type("\r");
            assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                            .bodyText())
                    .isEqualTo("미리 친 글");
        }
    }

    /**
     * On the screen, a chat line, an action and a pasted multi-line message read once each, stamped as the others see
     * them: Enter takes their echo off (prompt and all, every row of it), and a command's echo stays above what it
     * printed. Read through a terminal emulator, as a person would see it.
     */
    @Test
    void ownLinesTakeThePlaceOfTheirEchoOnTheScreen() throws Exception {
        try (TestServer server = TestServer.start();
                TerminalSession session = new TerminalSession(
                        new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH))) {
            TestClient other = server.joined("bob");
            session.awaitScreen("[lobby]> ");

            session.type("hello there\r");
            session.awaitScreen("] alice : hello there");
            session.type("/me waves\r");
            session.awaitScreen("] * alice waves");
            session.type("/who\r");
            session.awaitScreen("[lobby]: 2 members");
            session.type("\u001b[200~first line\nsecond line\u001b[201~\r"); // a bracketed paste of two lines
            session.awaitScreen("] alice : first line second line");

            assertThat(other.nextMatching(m -> m.method().equals(Methods.MESSAGE)
                                    && m.bodyText().contains("first"))
                            .bodyText())
                    .as("the paste went as one message")
                    .isEqualTo("first line\nsecond line");
            List<String> rows = session.rowsShown();
            assertThat(rows)
                    .filteredOn(row -> row.contains("hello there") || row.contains("waves") || row.contains("line"))
                    .allMatch(row -> row.matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] .*"))
                    .map(row -> row.substring(row.indexOf("] ") + 2))
                    .containsExactly("alice : hello there", "* alice waves", "alice : first line second line");
            assertThat(rows).as("a command stays as typed").contains("[lobby]> /who");
        }
    }
}
