package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.AdminKey;
import openchat.server.history.HistoryUnavailableException;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** History end to end: replay on join, HISTORY pages, a restart, catching up, and --no-history. */
class HistoryTest {
    private TestServer server = TestServer.start(b -> b.historyOnJoin(3));

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static long seq(OcpMessage message) {
        return Long.parseLong(message.header(HeaderNames.SEQ).orElseThrow());
    }

    private static boolean isReplay(OcpMessage message) {
        return message.header(HeaderNames.HISTORY).orElse("").equals("true");
    }

    @Test
    void joiningReplaysTheLastMessagesMarkedAsHistoryBeforeLiveOnes() {
        TestClient talker = server.joined("유저1");
        for (int i = 1; i <= 5; i++) {
            talker.say("줄 " + i);
        }
        // Answered after the lines before it: none of them can be overtaken by the join below.
        talker.request(OcpMessage.request(Methods.PING, "/").build());
        TestClient witness = server.joined("유저2");
        for (int i = 3; i <= 5; i++) {
            assertThat(witness.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("줄 " + i);
        }

        TestClient joiner = server.client();
        OcpMessage answer = joiner.join("유저3", null);
        talker.say("지금");

        assertThat(answer.header(HeaderNames.HISTORY)).contains("3");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OcpMessage message = joiner.nextEvent(Methods.MESSAGE);
            seen.add((isReplay(message) ? "history " : "live ") + message.bodyText());
        }
        assertThat(seen).containsExactly("history 줄 3", "history 줄 4", "history 줄 5", "live 지금");
    }

    @Test
    void joiningWhileOthersTalkLeavesNoGapAndNoDuplicate() throws Exception {
        server.close();
        server = TestServer.start(b -> b.historyOnJoin(20).floodControl(FloodControl.OFF));
        TestClient first = server.joined("말1");
        TestClient second = server.joined("말2");
        int each = 1500;
        CountDownLatch talking = new CountDownLatch(2);
        List<Thread> talkers = new ArrayList<>();
        for (TestClient talker : List.of(first, second)) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    talker.say("m" + i);
                    if (i == 100) {
                        talking.countDown();
                    }
                }
            });
            thread.start();
            talkers.add(thread);
        }
        assertThat(talking.await(10, TimeUnit.SECONDS)).isTrue();

        TestClient joiner = server.joined("들어옴");
        for (Thread thread : talkers) {
            thread.join(20_000);
        }
        // The last line of each talker marks the end of what the joiner must receive.
        List<OcpMessage> received = new ArrayList<>();
        int lastSeen = 0;
        while (lastSeen < 2) {
            OcpMessage message = joiner.nextEvent(Methods.MESSAGE);
            received.add(message);
            if (message.bodyText().equals("m" + (each - 1))) {
                lastSeen++;
            }
        }

        TestClient reader = server.client();
        int replayedToReader = Integer.parseInt(
                reader.join("읽기", null).header(HeaderNames.HISTORY).orElseThrow());
        for (int i = 0; i < replayedToReader; i++) {
            reader.nextEvent(Methods.MESSAGE);
        }
        List<Long> stored = new ArrayList<>();
        OcpMessage page;
        long after = seq(received.get(0)) - 1;
        do {
            reader.send(OcpMessage.request(Methods.HISTORY, "/rooms/lobby")
                    .header(HeaderNames.AFTER, after)
                    .header(HeaderNames.LIMIT, 500)
                    .header(HeaderNames.REQUEST_ID, "h" + after)
                    .build());
            page = reader.nextAnswer();
            for (int i = 0; i < Integer.parseInt(page.header(HeaderNames.COUNT).orElseThrow()); i++) {
                OcpMessage message = reader.nextMatching(m -> m.method().equals(Methods.MESSAGE) && isReplay(m));
                stored.add(seq(message));
                after = seq(message);
            }
        } while (!page.header(HeaderNames.COUNT).orElseThrow().equals("0"));
        List<Long> got = received.stream().map(HistoryTest::seq).toList();
        assertThat(received.get(0).header(HeaderNames.HISTORY))
                .as("it starts with history")
                .contains("true");
        assertThat(got)
                .as("replay then live: every stored message from the first replayed one, once, in order")
                .containsExactlyElementsOf(stored);
    }

    @Test
    void historyPagesBackwardForwardAndLatest() {
        TestClient talker = server.joined("유저1");
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            OcpMessage answer = talker.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                    .header(HeaderNames.REQUEST_ID, "s" + i)
                    .body("줄 " + i)
                    .build());
            seqs.add(seq(answer));
        }

        assertThat(page(talker, null, null, 3)).containsExactly("줄 6", "줄 7", "줄 8");
        assertThat(page(talker, HeaderNames.BEFORE, seqs.get(5), 2)).containsExactly("줄 4", "줄 5");
        assertThat(page(talker, HeaderNames.AFTER, seqs.get(1), 2)).containsExactly("줄 3", "줄 4");
        assertThat(page(talker, HeaderNames.AFTER, seqs.get(7), 50)).isEmpty();
        OcpMessage tooMany = talker.request(OcpMessage.request(Methods.HISTORY, "/rooms/lobby")
                .header(HeaderNames.LIMIT, 501)
                .build());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        OcpMessage notIn = talker.request(
                OcpMessage.request(Methods.HISTORY, "/rooms/elsewhere").build());
        assertThat(notIn.statusCode()).isEqualTo(403);
    }

    @Test
    void aPageAskedWrongIsRefusedWhollyInTheServersLanguage() {
        TestClient reader = server.joined("유저1");
        java.util.function.Function<OcpMessage.Builder, OcpMessage> ask = request -> reader.request(request.build());

        OcpMessage both = ask.apply(OcpMessage.request(Methods.HISTORY, "/rooms/lobby")
                .header(HeaderNames.BEFORE, 5)
                .header(HeaderNames.AFTER, 1));
        OcpMessage tooMany =
                ask.apply(OcpMessage.request(Methods.HISTORY, "/rooms/lobby").header(HeaderNames.LIMIT, 1000));
        OcpMessage wrapping = ask.apply(OcpMessage.request(Methods.HISTORY, "/rooms/lobby")
                .header(HeaderNames.LIMIT, "4294967297")); // 2^32 + 1, which an int would read as 1

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.bodyText()).isEqualTo("Before 헤더와 After 헤더는 함께 쓸 수 없습니다");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.bodyText()).isEqualTo("Limit 필드는 1부터 500까지의 수입니다: 1000");
        assertThat(wrapping.statusCode()).isEqualTo(400);
        assertThat(wrapping.bodyText()).isEqualTo("Limit 필드는 1부터 500까지의 수입니다: 4294967297");
    }

    private static List<String> page(TestClient client, String field, Long seq, int limit) {
        OcpMessage.Builder request =
                OcpMessage.request(Methods.HISTORY, "/rooms/lobby").header(HeaderNames.LIMIT, limit);
        if (field != null) {
            request.header(field, seq);
        }
        OcpMessage answer = client.request(request.build());
        assertThat(answer.statusCode()).isEqualTo(200);
        int count = Integer.parseInt(answer.header(HeaderNames.COUNT).orElseThrow());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OcpMessage message = client.nextEvent(Methods.MESSAGE);
            assertThat(isReplay(message)).isTrue();
            texts.add(message.bodyText());
        }
        return texts;
    }

    @Test
    void historyAndSeqSurviveARestart() throws Exception {
        TestClient talker = server.client();
        talker.connect("study", "유저1", null);
        long lastBefore = 0;
        for (int i = 1; i <= 3; i++) {
            lastBefore = seq(talker.request(OcpMessage.request(Methods.SEND, "/rooms/study")
                    .header(HeaderNames.REQUEST_ID, "s" + i)
                    .body("재시작 전 " + i)
                    .build()));
        }

        server.restart();

        TestClient back = server.client();
        OcpMessage answer = back.connect("study", "유저1", null);
        assertThat(answer.header(HeaderNames.HISTORY)).contains("3");
        for (int i = 1; i <= 3; i++) {
            assertThat(back.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("재시작 전 " + i);
        }
        long after = seq(back.request(OcpMessage.request(Methods.SEND, "/rooms/study")
                .header(HeaderNames.REQUEST_ID, "s")
                .body("재시작 후")
                .build()));
        assertThat(after).as("the room's Seq continues").isGreaterThan(lastBefore);
    }

    @Test
    void historyAfterCatchesUpExactlyWhatWasMissed() {
        TestClient talker = server.joined("유저1");
        long seen = seq(talker.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, "s0")
                .body("본 것")
                .build()));
        for (int i = 1; i <= 5; i++) {
            talker.say("놓친 것 " + i);
        }
        talker.request(OcpMessage.request(Methods.PING, "/").build());

        TestClient returning = server.client();
        returning.send(OcpMessage.request(Methods.CONNECT, "/rooms/lobby")
                .header(HeaderNames.NAME, "유저2")
                .header(HeaderNames.HISTORY_AFTER, seen)
                .build());
        OcpMessage answer = returning.nextAnswer();

        assertThat(answer.header(HeaderNames.HISTORY))
                .as("more than --history-on-join (3)")
                .contains("5");
        for (int i = 1; i <= 5; i++) {
            assertThat(returning.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("놓친 것 " + i);
        }
    }

    @Test
    void aClientWhoseHistoryAfterIsAboveARoomNumberedAnewIsReplayedWhatTheRoomHasNow() throws Exception {
        TestClient talker = server.joined("유저1");
        long seen = 0;
        for (int i = 1; i <= 5; i++) {
            seen = seq(talker.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                    .header(HeaderNames.REQUEST_ID, "s" + i)
                    .body("잃어버린 것 " + i)
                    .build()));
        }
        server.stop();
        for (String file : new String[] {"history.db", "history.db-wal", "history.db-shm"}) {
            Files.deleteIfExists(server.config().dataDir().resolve(file)); // the history lost: numbers begin again
        }
        server.startAgain();
        TestClient talkerAgain = server.joined("유저1");
        talkerAgain.say("새로 1");
        talkerAgain.say("새로 2");
        talkerAgain.request(OcpMessage.request(Methods.PING, "/").build());

        TestClient returning = server.client();
        returning.send(OcpMessage.request(Methods.CONNECT, "/rooms/lobby")
                .header(HeaderNames.NAME, "유저2")
                .header(HeaderNames.HISTORY_AFTER, seen)
                .build());
        OcpMessage answer = returning.nextAnswer();

        assertThat(Long.parseLong(answer.header(HeaderNames.SEQ).orElseThrow()))
                .as("the room's numbers began again")
                .isLessThan(seen);
        assertThat(returning.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("새로 1");
        assertThat(returning.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("새로 2");
    }

    @Test
    void noHistoryStoresNothingAndReplaysNothing() throws Exception {
        server.close();
        server = TestServer.start(b -> b.history(false));
        TestClient talker = server.joined("유저1");
        talker.say("사라질 말");
        talker.request(OcpMessage.request(Methods.PING, "/").build());

        TestClient joiner = server.client();
        OcpMessage answer = joiner.join("유저2", null);
        assertThat(answer.header(HeaderNames.HISTORY)).contains("0");
        talker.say("지금");
        assertThat(joiner.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("지금");
        server.console().awaitLine("대화 기록을 저장하지 않습니다 (--no-history)");
    }

    /** Start lines and Request-Ids, in the order they arrive, from a raw socket: answers and events together. */
    private static List<String> startLines(java.io.InputStream in, int count) throws java.io.IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            String start = readLine(data);
            String id = "";
            int length = 0;
            for (String header = readLine(data); !header.isEmpty(); header = readLine(data)) {
                String[] field = header.split(":", 2);
                if (field[0].equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                    length = Integer.parseInt(field[1].strip());
                } else if (field[0].equalsIgnoreCase(HeaderNames.REQUEST_ID)) {
                    id = " #" + field[1].strip();
                }
            }
            data.readFully(new byte[length]);
            lines.add(start.startsWith("OCP/") ? "answer" + id : start.split(" ")[0] + " " + start.split(" ")[1]);
        }
        return lines;
    }

    private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException();
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void pipelinedRequestsAreAnsweredAfterTheHistoryAnEarlierJoinReplays() throws Exception {
        TestClient talker = server.joined("유저1");
        talker.say("로비 1");
        talker.joinRoom("study");
        talker.sayIn("study", "공부 1");
        talker.request(OcpMessage.request(Methods.PING, "/").build());

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            // One write, as a program that does not wait for each answer sends them.
            socket.getOutputStream()
                    .write(("CONNECT /rooms/lobby OCP/1.0\r\nName: 유저2\r\nRequest-Id: a\r\n\r\n"
                                    + "JOIN /rooms/study OCP/1.0\r\nRequest-Id: b\r\n\r\n"
                                    + "PING / OCP/1.0\r\nRequest-Id: c\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(startLines(socket.getInputStream(), 5))
                    .containsExactly(
                            "answer #a", "MESSAGE /rooms/lobby", "answer #b", "MESSAGE /rooms/study", "answer #c");
        }
    }

    @Test
    void messagesOlderThanTheMaximumAgeAreNoLongerReplayedOrPaged() throws Exception {
        server.close();
        SteppedClock clock = new SteppedClock(); // stands still between the steps, however slow the machine
        server = TestServer.start(b -> b.historyOnJoin(10).historyMaxAge(Duration.ofSeconds(2)), clock);
        server.console().awaitLine("대화 기록: " + server.config().dataDir() + " (방마다 최대 10,000개, 2초 지난 것은 지움)");
        TestClient talker = server.joined("유저1");
        talker.say("곧 지워질 말");
        talker.request(OcpMessage.request(Methods.PING, "/").build());
        TestClient witness = server.joined("유저2");
        assertThat(witness.nextEvent(Methods.MESSAGE).bodyText())
                .as("stored first")
                .isEqualTo("곧 지워질 말");

        clock.advance(Duration.ofSeconds(3));
        // The store's sweep (every second) deletes it: awaited by asking, not slept.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> page(witness, null, null, 10).isEmpty());
        talker.say("새 말");
        talker.request(OcpMessage.request(Methods.PING, "/").build());

        TestClient joiner = server.client();
        OcpMessage answer = joiner.join("유저3", null);
        assertThat(answer.header(HeaderNames.HISTORY)).contains("1");
        assertThat(joiner.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("새 말");
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedWithAClearMessage() {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> new ChatServer(
                        server.config().toBuilder().port(0).build(),
                        AdminKey.loadOrCreate(server.adminKeyFile()),
                        silent))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("another openchat server (process "
                        + ProcessHandle.current().pid() + ") is using the data directory")
                .hasMessageContaining(server.config().dataDir().toString());
    }
}
