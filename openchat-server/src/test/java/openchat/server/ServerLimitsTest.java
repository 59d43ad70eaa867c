package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Defences against clients that take more than their share. */
class ServerLimitsTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static OcpMessage send(String id, String text) {
        return OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, id)
                .body(text)
                .build();
    }

    @Test
    void roomPastThePresenceLimitAnnouncesAJoinWhenTheMemberFirstSpeaksAndNeverForASilentOne() {
        server = TestServer.start(c -> c.maxUsers(10).presenceLimit(2));
        TestClient first = server.joined("유저1");
        TestClient second = server.joined("유저2");
        assertThat(first.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("유저2");
        TestClient lurker = server.joined("눈팅");
        TestClient speaker = server.joined("유저4");

        speaker.say("처음 인사");
        // Each member's next event is 유저4's JOINED: none was sent for the silent 눈팅, which joined before.

        for (TestClient other : List.of(first, second, lurker)) {
            OcpMessage joined = other.next();
            assertThat(joined.method()).isEqualTo(Methods.JOINED);
            assertThat(joined.header(HeaderNames.NAME)).contains("유저4");
            assertThat(joined.header(HeaderNames.MEMBERS)).contains("4");
            assertThat(other.next().bodyText()).isEqualTo("처음 인사");
        }
        lurker.close();
        speaker.close();
        OcpMessage left = first.next();
        assertThat(left.method()).isEqualTo(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME))
                .as("only the member who was announced")
                .contains("유저4");
        await().atMost(TestClient.TIMEOUT).until(() -> !server.lobbyNames().contains("눈팅"));
        second.say("끝");
        assertThat(first.nextEvent(Methods.MESSAGE).bodyText())
                .as("no LEFT for the silent member")
                .isEqualTo("끝");
    }

    @Test
    void connectionThatDoesNotJoinInTimeGets408AndIsClosed() {
        server = TestServer.start(c -> c.joinDeadline(Duration.ofMillis(300)));
        TestClient idle = server.client();

        OcpMessage answer = idle.nextAnswer();

        assertThat(answer.statusCode()).isEqualTo(408);
        idle.awaitClosed();
        TestClient member = server.joined("유저1");
        TestClient later = server.client();
        assertThat(later.nextAnswer().statusCode())
                .as("a connection opened after the member's")
                .isEqualTo(408);
        // The member's deadline has passed too: it is still connected and served.
        assertThat(member.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        assertThat(member.isOpen()).isTrue();
    }

    @Test
    void memberOverItsBurstGets429WithRetryAfterAndNothingIsSent() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 3, 0.001)));
        TestClient flooder = server.joined("유저1");
        TestClient other = server.joined("유저2");

        for (int i = 0; i < 3; i++) {
            assertThat(flooder.request(send("m" + i, "ok " + i)).statusCode()).isEqualTo(200);
        }
        OcpMessage refused = flooder.request(send("m3", "too many"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header(HeaderNames.REQUEST_ID)).contains("m3");
        assertThat(Long.parseLong(refused.header(HeaderNames.RETRY_AFTER).orElseThrow()))
                .isPositive();
        for (int i = 0; i < 3; i++) {
            assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("ok " + i);
        }
        server.joined("유저3");
        assertThat(other.nextEvent(Methods.JOINED).header(HeaderNames.NAME))
                .as("the refused line was never sent")
                .contains("유저3");
    }

    @Test
    void aFlooderThatSendsEverythingAtOnceGetsItsAnswersAndAnOrderlyEndNotAReset() throws Exception {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.001)));
        TestClient other = server.joined("유저2");
        try (Socket flooder = new Socket("127.0.0.1", server.port())) {
            OutputStream out = flooder.getOutputStream();
            out.write("CONNECT /rooms/lobby OCP/1.0\r\nName: 유저1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            other.nextEvent(Methods.JOINED);
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 40; i++) { // 2 accepted, 20 refused, the 21st refusal (ten bursts at once) ends it
                burst.append("SEND /rooms/lobby OCP/1.0\r\nRequest-Id: ")
                        .append(i)
                        .append("\r\nContent-Length: 7\r\n\r\nspam ")
                        .append(i < 10 ? "0" + i : i);
            }
            out.write(burst.toString().getBytes(StandardCharsets.UTF_8));
            // The server has decided (the others are told) before the flooder reads a byte: had it simply closed a
            // socket with this much unread input, the kernel would have reset the connection.
            assertThat(other.nextMatching(m -> m.method().equals(Methods.LEFT)).bodyText())
                    .isEqualTo("도배: 너무 빨라 거부된 메세지가 계속 옴");

            flooder.setSoTimeout(10_000);
            String answers = new String(flooder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answers.split("OCP/1.0 200 OK", -1))
                    .as("the join and two messages accepted")
                    .hasSize(4);
            assertThat(answers.split("OCP/1.0 429 ", -1))
                    .as("twenty refused (ten bursts' worth at once) before the next ends it")
                    .hasSize(21);
            assertThat(answers)
                    .contains("Request-Id: 0\r\n", "Request-Id: 1\r\n", "Request-Id: 2\r\n", "Request-Id: 21\r\n")
                    .doesNotContain("Request-Id: 22\r\n");
        }
    }

    @Test
    void aClientThatPipelinesHistoryPagesIsReadTheBurstThenToldToWaitAndStays() throws Exception {
        server = TestServer.start();
        TestClient admin = server.client(); // exempt from flood control: fills a page quickly
        assertThat(admin.join(Names.ADMINISTRATOR, server.adminKeyText()).statusCode())
                .isEqualTo(200);
        for (int i = 0; i < CoreConfig.MAX_HISTORY_PAGE; i++) {
            admin.say("line " + i);
        }
        assertThat(admin.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        try (Socket reader = new Socket("127.0.0.1", server.port())) {
            OutputStream out = reader.getOutputStream();
            int asked = 140; // with CONNECT and PING, within the request pace's burst and what may wait their turn
            StringBuilder pipeline = new StringBuilder("CONNECT /rooms/lobby OCP/1.0\r\nName: 유저1\r\n\r\n");
            for (int i = 0; i < asked; i++) {
                pipeline.append("HISTORY /rooms/lobby OCP/1.0\r\nRequest-Id: ")
                        .append(i)
                        .append("\r\nLimit: ")
                        .append(CoreConfig.MAX_HISTORY_PAGE)
                        .append("\r\n\r\n");
            }
            pipeline.append("PING / OCP/1.0\r\nRequest-Id: last\r\n\r\n");

            long sent = System.nanoTime();
            out.write(pipeline.toString().getBytes(StandardCharsets.UTF_8));
            reader.setSoTimeout(10_000);
            String answers = readUntil(reader.getInputStream(), "Request-Id: last\r\n");
            double seconds = (System.nanoTime() - sent) / 1e9;

            // A page of 500 costs 6 of the 60 units: ten pages at once, then each request told how long to wait. The
            // allowance refills meanwhile (a page's worth every 0.3 s): on a loaded machine the answers take long
            // enough for one or two more pages.
            int unitsPerPage = 1 + CoreConfig.MAX_HISTORY_PAGE / FloodControl.READ_ROWS_PER_UNIT;
            int pages = FloodControl.READ_BURST / unitsPerPage;
            int refilled = (int) Math.ceil(seconds * FloodControl.READ_PER_SECOND / unitsPerPage);
            int read = answers.split("\r\nCount: " + CoreConfig.MAX_HISTORY_PAGE + "\r\n", -1).length - 1;
            assertThat(read).as("whole pages read in %.2f s", seconds).isBetween(pages, pages + refilled);
            assertThat(answers.split("OCP/1.0 429 ", -1))
                    .as("every other page refused, each with its wait")
                    .hasSize(asked - read + 1);
            assertThat(answers)
                    .contains("Retry-After: 1\r\n", "요청을 너무 빨리 보내고 있습니다 (대화 기록, 방 목록, 참여자). 1초 후에 다시 보내십시오")
                    .doesNotContain("LEFT ");
            TestClient other = server.joined("유저2");
            assertThat(other.request(OcpMessage.request(Methods.WHO, "/rooms/lobby")
                                    .build())
                            .bodyText())
                    .as("the reader stayed")
                    .contains("유저1\t");
        }
    }

    /** CONNECT, then {@code count} PINGs with Request-Ids 0, 1, ...: all in one write. */
    private static byte[] connectAndPings(String name, String adminKey, int count) {
        StringBuilder pipeline = new StringBuilder("CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n");
        if (adminKey != null) {
            pipeline.append("Admin-Key: ").append(adminKey).append("\r\n");
        }
        pipeline.append("\r\n");
        for (int i = 0; i < count; i++) {
            pipeline.append("PING / OCP/1.0\r\nRequest-Id: ").append(i).append("\r\n\r\n");
        }
        return pipeline.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertEveryPingAnsweredInOrder(String answers, int count) {
        int at = -1;
        for (int i = 0; i < count; i++) {
            int next = answers.indexOf("OCP/1.0 200 OK\r\nRequest-Id: " + i + "\r\n", at + 1);
            assertThat(next).as("PING " + i + " answered after PING " + (i - 1)).isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void requestsPipelinedPastTheRequestPaceWaitTheirTurnAreAllAnsweredAndOthersAreNotHeldUp() throws Exception {
        server = TestServer.start(); // flood control on, as by default
        int count = FloodControl.REQUEST_BURST + 40; // 41 with the CONNECT wait their turn, at 50 a second
        try (Socket piper = new Socket("127.0.0.1", server.port())) {
            long start = System.nanoTime();
            piper.getOutputStream().write(connectAndPings("유저1", null, count));
            TestClient other = server.joined("유저2");
            long otherAnswered = System.nanoTime();

            piper.setSoTimeout(10_000);
            String answers = readUntil(piper.getInputStream(), "Request-Id: " + (count - 1) + "\r\n");
            long lastAnswered = System.nanoTime();

            assertEveryPingAnsweredInOrder(answers, count);
            assertThat(answers).doesNotContain("OCP/1.0 429");
            long waitedMillis = (lastAnswered - start) / 1_000_000;
            assertThat(waitedMillis)
                    .as("the last 41 waited their turns, 20 ms each")
                    .isGreaterThanOrEqualTo(600);
            assertThat(otherAnswered)
                    .as("another client connected and was answered while the pipeline waited")
                    .isLessThan(lastAnswered);
            assertThat(other.request(OcpMessage.request(Methods.WHO, "/rooms/lobby")
                                    .build())
                            .bodyText())
                    .contains("유저1\t");
        }
    }

    @Test
    void aClientWithTooManyRequestsWaitingGets429FloodingAndIsClosedWhileOthersStay() throws Exception {
        server = TestServer.start(c -> c.maxHeldRequests(5));
        TestClient other = server.joined("유저2");
        try (Socket piper = new Socket("127.0.0.1", server.port())) {
            piper.getOutputStream().write(connectAndPings("유저1", null, FloodControl.REQUEST_BURST + 100));

            OcpMessage left = other.nextMatching(m -> m.method().equals(Methods.LEFT));
            assertThat(left.bodyText()).isEqualTo("도배: 차례를 기다리는 요청이 5개를 넘음");
            piper.setSoTimeout(10_000);
            String answers = new String(piper.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            // The burst less the CONNECT's turn, and the few turns that came while it was handled.
            int handled = answers.split("OCP/1.0 200 OK\r\nRequest-Id: ", -1).length - 1;
            assertThat(handled).isBetween(FloodControl.REQUEST_BURST - 1, FloodControl.REQUEST_BURST + 10);
            assertEveryPingAnsweredInOrder(answers, handled);
            assertThat(answers)
                    .as("the burst answered, then the flood told and closed")
                    .containsOnlyOnce("OCP/1.0 429 Too Many Requests\r\nRequest-Id: " + (handled + 5) + "\r\n")
                    .containsOnlyOnce("Error-Code: flooding\r\n")
                    .endsWith("\r\n\r\n요청을 한꺼번에 너무 많이 보냈습니다: 5개가 넘게 차례를 기다려 연결을 닫습니다");
            for (int waiting = handled; waiting < handled + 5; waiting++) {
                assertThat(answers)
                        .as("the requests waiting when the flood closed the connection are dropped unanswered")
                        .doesNotContain("Request-Id: " + waiting + "\r\n");
            }
        }
        server.console().awaitLineContaining("(도배: 차례를 기다리는 요청이 5개를 넘음)");
        assertThat(other.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAdministratorAndAServerWithoutFloodControlAreNotPaced() throws Exception {
        int count = FloodControl.REQUEST_BURST * 3;
        server = TestServer.start(c -> c.maxHeldRequests(5));
        try (Socket admin = new Socket("127.0.0.1", server.port())) {
            admin.getOutputStream().write(connectAndPings(Names.ADMINISTRATOR, server.adminKeyText(), count));
            admin.setSoTimeout(10_000);
            assertEveryPingAnsweredInOrder(
                    readUntil(admin.getInputStream(), "Request-Id: " + (count - 1) + "\r\n"), count);
        }
        server.close();
        server = TestServer.start(c -> c.floodControl(FloodControl.OFF).maxHeldRequests(5));
        try (Socket member = new Socket("127.0.0.1", server.port())) {
            member.getOutputStream().write(connectAndPings("유저1", null, count));
            member.setSoTimeout(10_000);
            assertEveryPingAnsweredInOrder(
                    readUntil(member.getInputStream(), "Request-Id: " + (count - 1) + "\r\n"), count);
        }
    }

    /** What {@code in} gives until {@code end} has come (ASCII and UTF-8 text), or fails after the socket's timeout. */
    private static String readUntil(java.io.InputStream in, String end) throws java.io.IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        while (!got.toString(StandardCharsets.UTF_8).contains(end)) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new AssertionError("closed before " + end.strip() + "; got " + got.size() + " bytes");
            }
            got.write(chunk, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void memberThatKeepsFloodingIsDisconnected() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.001)));
        TestClient flooder = server.joined("유저1");
        TestClient other = server.joined("유저2");

        for (int i = 0; i < 40 && flooder.isOpen(); i++) {
            flooder.say("spam " + i);
        }

        flooder.awaitClosed();
        OcpMessage left = other.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).isEqualTo("도배: 너무 빨라 거부된 메세지가 계속 옴");
    }

    @Test
    void administratorIsExemptFromFloodControl() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 1, 0.001)));
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        for (int i = 0; i < 5; i++) {
            assertThat(admin.request(send("a" + i, "notice " + i)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void floodControlCanBeSwitchedOff() {
        server = TestServer.start(c -> c.floodControl(FloodControl.OFF));
        TestClient member = server.joined("유저1");

        for (int i = 0; i < 50; i++) {
            assertThat(member.request(send("s" + i, "fast " + i)).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Waits until the server has taken the connection in: connections accepted at once are counted on
     * different threads, so without this the cap could fall on an earlier one.
     */
    private static TestClient pinged(TestClient client) {
        assertThat(client.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        return client;
    }

    @Test
    void connectionsOverThePerAddressCapGet503() {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(3));
        List<TestClient> allowed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            allowed.add(pinged(server.client()));
        }

        TestClient fourth = server.client();

        assertThat(fourth.nextAnswer().statusCode()).isEqualTo(503);
        fourth.awaitClosed();
        allowed.get(0).close();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> server.server().connections().size() == 2);
        assertThat(server.client().join("유저1", null).statusCode())
                .as("a closed connection frees its place")
                .isEqualTo(200);
    }

    @Test
    void aStormOfConnectionsOverThePerAddressCapIsLoggedOnceNotOncePerConnection() {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(1));
        pinged(server.client());
        try (openchat.server.testing.CapturedLog log =
                new openchat.server.testing.CapturedLog(openchat.server.net.ConnectionLimiter.class.getName())) {
            for (int i = 0; i < 50; i++) {
                TestClient refused = server.client();
                assertThat(refused.nextAnswer().statusCode()).isEqualTo(503);
                refused.awaitClosed();
            }

            assertThat(log.messages(ch.qos.logback.classic.Level.INFO))
                    .as("the first refusal at once; the 49 after it in one line when the minute is over")
                    .singleElement()
                    .asString()
                    .contains("refused a chat connection from 127.0.0.1");
        }
    }

    @Test
    void connectionsOverTheGlobalCapGet503() {
        server = TestServer.start(c -> c.maxConnections(2));
        pinged(server.client());
        pinged(server.client());

        TestClient third = server.client();

        OcpMessage answer = third.nextAnswer();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.bodyText()).isEqualTo("서버의 연결이 너무 많습니다");
    }

    @Test
    void fiveWrongAdminKeysLockTheAddressOutWith429ButTheRightKeyStillGetsIn() {
        server = TestServer.start();
        for (int i = 0; i < 5; i++) {
            assertThat(server.client().join(Names.ADMINISTRATOR, "f".repeat(64)).statusCode())
                    .isEqualTo(403);
        }

        OcpMessage locked = server.client().join(Names.ADMINISTRATOR, "e".repeat(64));

        assertThat(locked.statusCode())
                .as("a further wrong key waits out the lockout")
                .isEqualTo(429);
        assertThat(Long.parseLong(locked.header(HeaderNames.RETRY_AFTER).orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(server.client().join("유저1", null).statusCode())
                .as("other names are unaffected")
                .isEqualTo(200);
        assertThat(server.client()
                        .join(Names.ADMINISTRATOR, server.adminKeyText())
                        .statusCode())
                .as("whoever shares the administrator's address cannot keep it out")
                .isEqualTo(200);
    }

    @Test
    void refusedAdministratorAttemptsArePrintedOnTheConsoleWithTheAddressButNeverTheKey() {
        server = TestServer.start();
        String wrongKey = "f".repeat(64);
        assertThat(server.client().join(Names.ADMINISTRATOR, null).statusCode()).isEqualTo(403);
        for (int i = 0; i < 5; i++) {
            assertThat(server.client().join(Names.ADMINISTRATOR, wrongKey).statusCode())
                    .isEqualTo(403);
        }
        assertThat(server.client().join(Names.ADMINISTRATOR, wrongKey).statusCode())
                .as("locked out: refused without a word on the console")
                .isEqualTo(429);
        server.console()
                .awaitLine("[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다."
                        + " 너무 많이 틀려 60초 동안 그 주소의 틀린 키는 세지도 적지도 않고 거절합니다");

        assertThat(server.console().lines().stream().filter(line -> line.startsWith("[ADMIN]")))
                .containsExactly(
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 없어 거절했습니다",
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다",
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다",
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다",
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다",
                        "[ADMIN] 127.0.0.1 에서 관리자 이름으로 접속하려 했으나 키가 틀려 거절했습니다."
                                + " 너무 많이 틀려 60초 동안 그 주소의 틀린 키는 세지도 적지도 않고 거절합니다");
        assertThat(server.console().lines()).noneMatch(line -> line.contains(wrongKey));
    }

    @Test
    void headerThatTricklesInPastTheDeadlineGets408AndClose() throws Exception {
        server = TestServer.start(c -> c.headerDeadline(Duration.ofMillis(500)));
        TestClient other = server.joined("유저1");
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
            java.io.OutputStream out = raw.getOutputStream();
            out.write("CONNECT /rooms/lobby OCP/1.0\r\nName: 느림보\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write("SEND /rooms/lobby OCP/1.0\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            other.nextEvent(Methods.JOINED);

            raw.setSoTimeout(5000);
            String answers = new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(answers).startsWith("OCP/1.0 200 OK").contains("OCP/1.0 408 Request Timeout");
        }
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.bodyText()).startsWith("메세지 헤더를 ").endsWith("초 안에 다 보내지 않음");
    }

    @Test
    void aHeaderLeftPartWayWhileTheServerHoldsTheClientBackIsNotCutForTheWait() throws Exception {
        // Requests past the request pace wait their turn, the connection unread meanwhile: a header section that came
        // in the same read as them waits too, for twice the deadline here, through no fault of the client's.
        Duration deadline = Duration.ofMillis(400);
        server = TestServer.start(c -> c.headerDeadline(deadline)); // flood control on, as by default
        int count = FloodControl.REQUEST_BURST + 40; // 41 with the CONNECT wait their turn, at 50 a second: 0.8 s
        try (Socket piper = new Socket("127.0.0.1", server.port())) {
            byte[] pings = connectAndPings("유저1", null, count);
            byte[] part = "PING / OCP/1.0\r\nRequest-Id: tail".getBytes(StandardCharsets.UTF_8);
            byte[] both = Arrays.copyOf(pings, pings.length + part.length);
            System.arraycopy(part, 0, both, pings.length, part.length);
            long start = System.nanoTime();
            piper.getOutputStream().write(both);

            piper.setSoTimeout(10_000);
            readUntil(piper.getInputStream(), "Request-Id: " + (count - 1) + "\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("held past the deadline")
                    .isGreaterThan(deadline);
            piper.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.UTF_8));

            assertThat(readUntil(piper.getInputStream(), "Request-Id: tail\r\n"))
                    .doesNotContain("OCP/1.0 408");
        }
    }

    @Test
    void messagesArrivingSteadilyAreNotMistakenForASlowHeader() {
        server = TestServer.start(c -> c.headerDeadline(Duration.ofMillis(300)).floodControl(FloodControl.OFF));
        TestClient sender = server.joined("유저1");
        TestClient other = server.joined("유저2");

        long end = System.nanoTime() + Duration.ofMillis(900).toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            assertThat(sender.request(send("q" + sent, "steady " + sent)).statusCode())
                    .isEqualTo(200);
            sent++;
        }

        assertThat(sender.isOpen()).isTrue();
        for (int i = 0; i < sent; i++) {
            assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("steady " + i);
        }
    }
}
