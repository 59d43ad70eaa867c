package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input, flood control (fakelag and excess flood) and the connection caps shared with OCP. */
class IrcRobustnessTest extends IrcTestBase {

    /** Two IRC members in #study: the first is the one that misbehaves in each test. */
    private IrcTestClient[] twoInStudy() {
        IrcTestClient first = irc("철수");
        first.join("#study");
        IrcTestClient second = irc("영희");
        second.join("#study");
        first.expect(" JOIN #study$");
        return new IrcTestClient[] {first, second};
    }

    private static void stillChats(IrcTestClient from, IrcTestClient to, String text) {
        from.send("PRIVMSG #study :" + text);
        assertThat(to.expect(" PRIVMSG #study ")).endsWith(text);
    }

    // ---- bad input ----

    @Test
    void aLineOver512BytesGets417AndTheConnectionStaysUsable() {
        IrcTestClient[] clients = twoInStudy();

        clients[0].send("PRIVMSG #study :" + "x".repeat(600));

        assertThat(clients[0].nextLine()).isEqualTo(":openchat 417 철수 :줄이 너무 깁니다 (태그 빼고 512바이트까지)");
        stillChats(clients[0], clients[1], "after the long line");
        assertThat(clients[1].receivedLines()).noneMatch(l -> l.contains("xxxx"));
    }

    @Test
    void aLineWithMoreThan8191BytesOfTagsGets417SayingTheTagsAreTooLong() {
        IrcTestClient client = irc("철수");
        String tagsTooLong = ":openchat 417 철수 :줄의 태그가 너무 깁니다 (8191바이트까지)";

        client.send("@k=" + "v".repeat(8200) + " PING :x");
        assertThat(client.nextLine()).as("refused by the decoder").isEqualTo(tagsTooLong);
        client.send("@k=" + "v".repeat(20_000) + " PING :x");
        assertThat(client.nextLine()).as("refused by the framer").isEqualTo(tagsTooLong);
        client.send("@k=v PING :" + "x".repeat(20_000));
        assertThat(client.nextLine())
                .as("short tags, a long rest")
                .isEqualTo(":openchat 417 철수 :줄이 너무 깁니다 (태그 빼고 512바이트까지)");
        client.send("PING :still-here");
        assertThat(client.nextLine()).isEqualTo(":openchat PONG openchat :still-here");
    }

    @Test
    void aLabelledLineTooLongGets417WithItsLabelUnlessItsTagsAreTooLong() {
        IrcTestClient client = ircWithCaps("철수", "labeled-response");
        String tooLong = ":openchat 417 철수 :줄이 너무 깁니다 (태그 빼고 512바이트까지)";

        client.send("@label=L1 PRIVMSG #study :" + "x".repeat(600));
        assertThat(client.nextLine()).as("refused by the decoder").isEqualTo("@label=L1 " + tooLong);
        client.send("@k=v;label=L2 PRIVMSG #study :" + "x".repeat(20_000));
        assertThat(client.nextLine()).as("refused by the framer").isEqualTo("@label=L2 " + tooLong);
        client.sendRaw(("@label=L3 PRIVMSG #study :" + "y".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        client.sendRaw("still the same line\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(client.nextLine()).as("refused by the framer, in pieces").isEqualTo("@label=L3 " + tooLong);
        client.send("@label=L4;k=" + "v".repeat(8200) + " PING :x");
        assertThat(client.nextLine())
                .as("a tag section over its limit is not read, its label neither")
                .isEqualTo(":openchat 417 철수 :줄의 태그가 너무 깁니다 (8191바이트까지)");
        client.send("@label=L5 PING :after");
        assertThat(client.nextLine()).isEqualTo("@label=L5 :openchat PONG openchat :after");
    }

    @Test
    void aLabelledLineTooLongFromAClientWithoutLabeledResponseGets417WithoutALabel() {
        IrcTestClient client = irc("철수");

        client.send("@label=L1 PRIVMSG #study :" + "x".repeat(600));

        assertThat(client.nextLine()).isEqualTo(":openchat 417 철수 :줄이 너무 깁니다 (태그 빼고 512바이트까지)");
    }

    @Test
    void aLineLongerThanTheFramerAllowsGets417OnceItsLfArrivesThenTheNextLineWorks() {
        IrcTestClient[] clients = twoInStudy();

        clients[0].sendRaw(("PRIVMSG #study :" + "y".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        clients[0].sendRaw("still the same line\r\nPING :next\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(clients[0].nextLine()).startsWith(":openchat 417 철수 :");
        assertThat(clients[0].nextLine()).isEqualTo(":openchat PONG openchat :next");
        stillChats(clients[0], clients[1], "after the huge line");
    }

    @Test
    void aHugeLineWithItsLfInOneWriteGets417AndTheLineAfterItInTheSameWriteIsHandled() {
        IrcTestClient client = irc("철수");

        client.sendRaw(("PRIVMSG #study :" + "z".repeat(20_000) + "\r\nPING :same-write\r\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(client.nextLine()).startsWith(":openchat 417 철수 :");
        assertThat(client.nextLine()).isEqualTo(":openchat PONG openchat :same-write");
    }

    // ---- a line that takes too long to arrive (slowloris) ----

    /** The line deadline of these tests (the header deadline's): short, so that a test waits a second, not ten. */
    private static final Duration LINE_DEADLINE = Duration.ofSeconds(1);

    private static final String SLOW_LINE_ERROR = "ERROR :연결을 닫습니다: 줄을 1초 안에 다 보내지 않음";

    /** Writes {@code pieces} from another thread, {@code gapMillis} apart, the first at once, as a slow client would. */
    private static ScheduledExecutorService trickle(IrcTestClient client, long gapMillis, String... pieces) {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        for (int i = 0; i < pieces.length; i++) {
            byte[] bytes = pieces[i].getBytes(StandardCharsets.UTF_8);
            writer.schedule(() -> client.sendRaw(bytes), i * gapMillis, TimeUnit.MILLISECONDS);
        }
        return writer;
    }

    @Test
    void aLineTrickledInPastTheDeadlineGetsErrorAndCloseWhileTheOthersChatOn() {
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient[] clients = twoInStudy();
        IrcTestClient slow = clients[0];
        IrcTestClient watcher = clients[1];
        IrcTestClient bystander = irc("민수");
        bystander.join("#study");
        watcher.expect(":민수!민수@openchat JOIN #study$");
        long start = System.nanoTime();
        slow.sendRaw("PRIVMSG #study :".getBytes(StandardCharsets.UTF_8));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> slow.sendRaw(new byte[] {'x'}), 100, 100, TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < 3; i++) {
                stillChats(bystander, watcher, "while it trickles " + i);
            }

            assertThat(slow.expect("^ERROR ")).isEqualTo(SLOW_LINE_ERROR);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("not before the deadline")
                    .isGreaterThanOrEqualTo(LINE_DEADLINE);
            slow.awaitClosed();
        } finally {
            writer.shutdownNow();
        }
        assertThat(watcher.expect(" QUIT ")).isEqualTo(":철수!철수@openchat QUIT :줄을 1초 안에 다 보내지 않음");
        stillChats(bystander, watcher, "after it was cut");
        server().console().awaitLineContaining("철수 (줄을 1초 안에 다 보내지 않음)");
    }

    @Test
    void aLineOverTheLimitThatNeverEndsIsCutAtTheDeadlineToo() {
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient client = irc("철수");

        client.sendRaw("PRIVMSG #study :".concat("y".repeat(20_000)).getBytes(StandardCharsets.UTF_8));

        assertThat(client.expect("^ERROR ")).isEqualTo(SLOW_LINE_ERROR);
        client.awaitClosed();
    }

    @Test
    void aLineSentInPiecesWithinTheDeadlineIsDelivered() {
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient[] clients = twoInStudy();

        ScheduledExecutorService writer = trickle(clients[0], 100, "PRIVMSG #st", "udy :in thr", "ee pieces\r\n");
        try {
            assertThat(clients[1].expect(" PRIVMSG #study "))
                    .isEqualTo(":철수!철수@openchat PRIVMSG #study :in three pieces");
        } finally {
            writer.shutdownNow();
        }
        stillChats(clients[0], clients[1], "and the next line too");
    }

    @Test
    void linesThatEachArriveWithinTheDeadlineAreFineThoughEveryReadEndsInTheMiddleOfOne() {
        // Each line's first byte comes in the read that ends the line before it: its time starts there, not with
        // the first part-way line of the connection.
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient client = irc("철수");

        ScheduledExecutorService writer = trickle(
                client, 300, "PING :a\r\nPI", "NG :b\r\nPI", "NG :c\r\nPI", "NG :d\r\nPI", "NG :e\r\nPI", "NG :f\r\n");
        try {
            for (String token : List.of("a", "b", "c", "d", "e", "f")) {
                assertThat(client.nextLine()).isEqualTo(":openchat PONG openchat :" + token);
            }
        } finally {
            writer.shutdownNow();
        }
        assertThat(client.sync()).isEmpty();
    }

    @Test
    void aLineLeftPartWayWhileTheServerHoldsTheClientBackIsNotCutForTheWait() {
        // Lines over the chat rate are held (fakelag) and the connection is not read meanwhile: the rest of the line
        // waits unread in the socket, for longer than the deadline, through no fault of the client's.
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient[] clients = twoInStudy();
        StringBuilder burst = new StringBuilder();
        int lines = 2 * FloodControl.DEFAULT_BURST;
        for (int i = 1; i <= lines; i++) {
            burst.append("PRIVMSG #study :held ").append(i).append("\r\n");
        }
        burst.append("PRIVMSG #study :the tail");

        clients[0].sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        clients[1].expect(" PRIVMSG #study :held " + (FloodControl.DEFAULT_BURST + 1) + "$");
        clients[0].sendRaw("\r\n".getBytes(StandardCharsets.UTF_8));

        clients[1].expect(" PRIVMSG #study :held " + lines + "$");
        assertThat(clients[1].nextLine()).isEqualTo(":철수!철수@openchat PRIVMSG #study :the tail");
        assertThat(clients[0].receivedLines()).noneMatch(line -> line.startsWith("ERROR "));
    }

    @Test
    void aRegisteredClientIdleWithNoLinePartWayIsNotCut() {
        server(b -> b.headerDeadline(LINE_DEADLINE));
        IrcTestClient[] clients = twoInStudy();
        IrcTestClient idle = clients[1];
        IrcTestClient slow = clients[0];

        // The idle one said its last line before this one begins its own: it has been idle longer when this is cut.
        slow.sendRaw("PRIVMSG #study :never ends".getBytes(StandardCharsets.UTF_8));
        assertThat(slow.expect("^ERROR ")).isEqualTo(SLOW_LINE_ERROR);

        assertThat(idle.expect(" QUIT ")).startsWith(":철수!철수@openchat QUIT ");
        assertThat(idle.sync()).as("what came before the PONG").noneMatch(line -> line.startsWith("ERROR "));
        assertThat(idle.isClosed()).isFalse();
    }

    @Test
    void invalidUtf8GetsAFailAndTheConnectionStays() {
        IrcTestClient[] clients = twoInStudy();

        clients[0].sendRaw("PRIVMSG #study :caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(clients[0].nextLine()).isEqualTo(":openchat FAIL * INVALID_UTF8 :UTF-8 텍스트가 아닌 줄은 받지 않습니다");
        stillChats(clients[0], clients[1], "valid again");
        assertThat(clients[1].receivedLines()).noneMatch(l -> l.contains("caf"));
    }

    @Test
    void malformedLinesGetAFailAndTheConnectionStays() {
        IrcTestClient[] clients = twoInStudy();

        for (String bad :
                new String[] {":", ":only-a-source", "@tags-only", "CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"}) {
            clients[0].send(bad);
            assertThat(clients[0].nextLine()).as(bad).isEqualTo(":openchat FAIL * INVALID_MESSAGE :IRC 메세지 형식이 아닙니다");
        }
        stillChats(clients[0], clients[1], "still here");
    }

    @Test
    void badInputBeforeRegistrationIsAnsweredTooAndRegistrationStillWorks() {
        IrcTestClient client = irc();

        client.sendRaw(new byte[] {(byte) 0xff, (byte) 0xfe, '\r', '\n'});
        assertThat(client.nextLine()).startsWith(":openchat FAIL * INVALID_UTF8 ");
        client.send(":");
        assertThat(client.nextLine()).startsWith(":openchat FAIL * INVALID_MESSAGE ");
        client.send("x".repeat(600));
        assertThat(client.nextLine()).startsWith(":openchat 417 * :");

        client.register("철수");
    }

    @Test
    void emptyLinesAreIgnored() {
        IrcTestClient client = irc("철수");

        client.sendRaw("\r\n\n\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(client.sync()).isEmpty();
    }

    @Test
    void aClientSendingGarbageDoesNotDisturbAnOcpMemberInTheSameRoom() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient bad = irc("철수");
        bad.join("#study");
        ocp.nextEvent(Methods.JOINED);

        bad.sendRaw(new byte[] {0, 1, 2, (byte) 0xc0, '\n', ':', '\n', '@', '\n'});
        bad.send("PRIVMSG #study :" + "q".repeat(700));
        bad.send("PRIVMSG #study :fine");

        OcpMessage message = ocp.nextEvent(Methods.MESSAGE);
        assertThat(message.bodyText()).isEqualTo("fine");
        assertThat(message.header(HeaderNames.FROM)).contains("철수");
    }

    // ---- flood control ----

    @Test
    void aBurstOverTheRateIsHeldBackAndDeliveredInOrderNotRefused() {
        server(b -> b.floodControl(new FloodControl(true, 5, 10.0)));
        IrcTestClient sender = ircWithCaps("철수", "echo-message");
        sender.join("#study");
        IrcTestClient watcher = irc("영희");
        watcher.join("#study");
        sender.expect(" JOIN #study$");
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            burst.append("PRIVMSG #study :burst ").append(i).append("\r\n");
        }
        burst.append("PING :after-the-burst\r\n");
        long start = System.nanoTime();

        sender.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));

        List<String> beforePong = sender.linesUntil(" PONG openchat :after-the-burst$");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(":철수!철수@openchat PRIVMSG #study :burst " + i);
        }
        assertThat(beforePong.subList(0, beforePong.size() - 1))
                .as("every line echoed, in order, before the PING sent after them is answered")
                .isEqualTo(expected);
        assertThat(elapsedMillis).as("held back (fakelag) for the Retry-After").isGreaterThanOrEqualTo(900);
        for (String line : expected) {
            assertThat(watcher.nextLine()).isEqualTo(line);
        }
        assertThat(sender.isClosed()).isFalse();
    }

    @Test
    void readsOverTheReadAllowanceAreHeldBackAndAnsweredInOrderNotRefused() {
        IrcTestClient reader = irc("철수"); // flood control on, as by default
        reader.join("#study");
        int lists = FloodControl.READ_BURST + 20; // a LIST of one channel costs a unit and a hundredth
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < lists; i++) {
            pipeline.append("LIST\r\n");
        }
        pipeline.append("PING :after-the-lists\r\n");

        long start = System.nanoTime();

        reader.sendRaw(pipeline.toString().getBytes(StandardCharsets.UTF_8));

        List<String> beforePong = reader.linesUntil(" PONG openchat :after-the-lists$");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(beforePong.stream().filter(l -> l.contains(" 323 ")))
                .as("every LIST answered, the ones over the allowance once it refilled")
                .hasSize(lists);
        assertThat(beforePong)
                .as("none refused")
                .allMatch(
                        l -> l.contains(" 321 ") || l.contains(" 322 ") || l.contains(" 323 ") || l.contains(" PONG "));
        assertThat(elapsedMillis).as("held back (fakelag) for the Retry-After").isGreaterThanOrEqualTo(900);
        assertThat(reader.isClosed()).isFalse();
    }

    @Test
    void tooManyHeldLinesGetErrorAndCloseWhileOthersAreUnharmed() {
        server(b -> b.maxHeldRequests(5));
        IrcTestClient[] clients = twoInStudy();
        IrcTestClient flooder = clients[0];
        IrcTestClient watcher = clients[1];
        StringBuilder flood = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            flood.append("PRIVMSG #study :f").append(i).append("\r\n");
        }

        flooder.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(flooder.expect("^ERROR ")).isEqualTo("ERROR :메세지를 너무 빨리 보내 연결을 끊습니다");
        flooder.awaitClosed();
        List<String> seen = watcher.linesUntil(" QUIT ");
        assertThat(seen.get(seen.size() - 1)).startsWith(":철수!철수@openchat QUIT ");
        assertThat(seen.subList(0, seen.size() - 1))
                .as("the lines within the burst arrived, in order")
                .allMatch(l -> l.startsWith(":철수!철수@openchat PRIVMSG #study :f"))
                .hasSizeLessThanOrEqualTo(15);
        IrcTestClient third = irc("민수");
        third.join("#study");
        stillChats(third, watcher, "the room is fine");
        server().console().awaitLineContaining("(도배: 차례를 기다리는 줄이 5개를 넘음)");
    }

    @Test
    void anExcessFloodEchoesEveryLineDeliveredToOthersBeforeItsError() {
        server(b -> b.maxHeldRequests(5));
        IrcTestClient flooder = ircWithCaps("철수", "echo-message");
        flooder.join("#study");
        IrcTestClient watcher = irc("영희");
        watcher.join("#study");
        flooder.expect(" JOIN #study$");
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            flood.append("PRIVMSG #study :f").append(i).append("\r\n");
        }
        flood.append("PING :after-the-flood\r\n");

        flooder.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));

        List<String> toFlooder = flooder.linesUntil("^ERROR ");
        flooder.awaitClosed();
        List<String> delivered = watcher.linesUntil(" QUIT ");
        delivered = delivered.subList(0, delivered.size() - 1);
        assertThat(delivered).as("a burst reached the others").isNotEmpty();
        assertThat(toFlooder)
                .as("each line the others got is echoed, in order, then the ERROR")
                .isEqualTo(concat(delivered, "ERROR :메세지를 너무 빨리 보내 연결을 끊습니다"));
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TOPIC #study :t%d", "AWAY :a%d", "PART #study\r\nJOIN #study"})
    void topicAwayJoinAndPartFloodsAreHeldAndEndInExcessFloodAsChatLinesDo(String line) {
        server(b -> b.maxHeldRequests(5));
        IrcTestClient[] clients = twoInStudy();
        IrcTestClient flooder = clients[0];
        IrcTestClient watcher = clients[1];
        watcher.send("CAP REQ away-notify");
        watcher.expect(" ACK ");
        StringBuilder flood = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            flood.append(line.formatted(i)).append("\r\n");
        }

        flooder.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(flooder.expect("^ERROR ")).isEqualTo("ERROR :메세지를 너무 빨리 보내 연결을 끊습니다");
        flooder.awaitClosed();
        assertThat(watcher.sync().stream().filter(l -> l.startsWith(":철수!")))
                .as("what the others were told before the flooder was closed: a burst, not the flood")
                .hasSizeLessThanOrEqualTo(25);
    }

    @Test
    void theAdministratorIsNotHeldBack() {
        server(b -> b.floodControl(new FloodControl(true, 2, 1.0)));
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(openchat.core.Names.ADMINISTRATOR);
        admin.join("#study");
        IrcTestClient watcher = irc("영희");
        watcher.join("#study");
        watcher.expect(" MODE #study \\+o 영희$"); // the administrator owns no room: the first other joiner does
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            burst.append("PRIVMSG #study :a").append(i).append("\r\n");
        }

        admin.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));

        for (int i = 1; i <= 10; i++) {
            assertThat(watcher.nextLine()).endsWith("PRIVMSG #study :a" + i);
        }
    }

    /** {@code count} PINGs with tokens p0, p1, ... in one write. */
    private static byte[] pings(int count) {
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < count; i++) {
            pipeline.append("PING :p").append(i).append("\r\n");
        }
        return pipeline.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> pongs(int count) {
        List<String> pongs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pongs.add(":openchat PONG openchat :p" + i);
        }
        return pongs;
    }

    @Test
    void linesPipelinedPastTheRequestPaceAreHeldAndAllAnsweredInOrderNotRefused() {
        IrcTestClient piper = irc("철수"); // flood control on, as by default
        int count = FloodControl.REQUEST_BURST + 40;
        long start = System.nanoTime();

        piper.sendRaw(pings(count));
        irc("영희");
        long otherRegistered = System.nanoTime();

        List<String> answers = piper.linesUntil(" PONG openchat :p" + (count - 1) + "$");
        long lastAnswered = System.nanoTime();
        assertThat(answers).as("every PING answered, in order").isEqualTo(pongs(count));
        assertThat((lastAnswered - start) / 1_000_000)
                .as("the lines past the burst waited their turns, 20 ms each")
                .isGreaterThanOrEqualTo(600);
        assertThat(otherRegistered)
                .as("another client registered while the pipeline waited")
                .isLessThan(lastAnswered);
        assertThat(piper.isClosed()).isFalse();
    }

    @Test
    void tooManyLinesWaitingTheirTurnGetExcessFloodAndCloseWhileOthersAreUnharmed() {
        server(b -> b.maxHeldRequests(5));
        IrcTestClient[] clients = twoInStudy();

        clients[0].sendRaw(pings(FloodControl.REQUEST_BURST + 100));

        assertThat(clients[0].expect("^ERROR ")).isEqualTo("ERROR :메세지를 너무 빨리 보내 연결을 끊습니다");
        clients[0].awaitClosed();
        assertThat(clients[1].expect(" QUIT ")).startsWith(":철수!철수@openchat QUIT ");
        server().console().awaitLineContaining("(도배: 차례를 기다리는 줄이 5개를 넘음)");
        IrcTestClient third = irc("민수");
        third.join("#study");
        stillChats(third, clients[1], "the room is fine");
    }

    @Test
    void theAdministratorsLinesAreNotPaced() {
        server(b -> b.maxHeldRequests(5));
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(openchat.core.Names.ADMINISTRATOR);
        int count = FloodControl.REQUEST_BURST * 3;

        admin.sendRaw(pings(count));

        assertThat(admin.linesUntil(" PONG openchat :p" + (count - 1) + "$").stream()
                        .filter(l -> l.contains(" PONG ")))
                .isEqualTo(pongs(count));
    }

    @Test
    void aHeldMessageToSeveralTargetsReachesEachTargetOnce() {
        server(b -> b.floodControl(new FloodControl(true, 2, 10.0)));
        IrcTestClient sender = irc("철수");
        sender.join("#a");
        sender.join("#b");
        IrcTestClient watcher = irc("영희");
        watcher.join("#a");
        watcher.join("#b");

        sender.send("PRIVMSG #a :one");
        sender.send("PRIVMSG #a,#b :two");
        sender.sync();
        sender.send("PRIVMSG #a :marker");

        List<String> seen = watcher.linesUntil("PRIVMSG #a :marker$");
        assertThat(seen.stream().filter(l -> l.endsWith("PRIVMSG #a :two")))
                .as("the part of a held line already delivered is not sent again: " + seen)
                .hasSize(1);
        assertThat(seen).contains(":철수!철수@openchat PRIVMSG #b :two");
    }

    // ---- limits ----

    @Test
    void theConnectionCapPerAddressIsSharedWithOcp() {
        server(b -> b.maxConnectionsPerAddress(2));
        // Joined, so the server has surely accepted both before the IRC connection comes.
        TestClient first = ocp("유저1");
        TestClient second = ocp("유저2");

        IrcTestClient third = irc();

        assertThat(third.nextLine()).isEqualTo("ERROR :한 주소에서 2개보다 많이 연결할 수 없습니다");
        third.awaitClosed();
        first.say("the OCP connections are unharmed");
        assertThat(second.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("the OCP connections are unharmed");
    }
}
