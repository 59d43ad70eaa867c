package openchat.server.web;

import static openchat.server.web.Chromium.Language.ENGLISH;
import static openchat.server.web.Chromium.Language.KOREAN;
import static openchat.server.web.Chromium.Window.DESKTOP;
import static openchat.server.web.Chromium.Window.PHONE;
import static openchat.server.web.Chromium.Window.SMALL_PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.PausingProxy;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import openchat.server.web.ChatPage.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web page's connection: logging in and the refusals it can meet, lines the server answers late or never,
 * reconnecting after a restart or a lost connection, leaving with lines still waiting, flood control, a cluster node.
 * End to end in a headless Chromium ({@link BrowserTest}).
 */
class WebConnectionBrowserTest extends BrowserTest {
    /** For the one test of a cluster node. */
    /** For the one test of a cluster node. */
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void aLineTheServerAnswersLateIsSentNotFailedWhileTheStatusSaysTheServerDoesNotAnswer() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), PHONE, ENGLISH);
                TestClient terminal = server.joined("터미널")) {
            page.join("frozen-web");
            proxy.pause(); // as the server's process stopped (SIGSTOP): the line goes out, no answer comes back
            page.say("web during freeze");

            page.awaitStatus(status -> status.equals("The server does not answer"));
            assertThat(page.wholeAndOnScreen("conn-status"))
                    .as("said in full on a phone, where being connected is only a dot")
                    .isTrue();
            page.screenshot("server-not-answering");
            assertThat(page.awaitText("web during freeze").classes()).contains("pending");
            // Past the 15 s any other request may wait: a line is never given up for being answered late.
            await("the line still pending, not marked as not sent")
                    .during(Duration.ofSeconds(11))
                    .atMost(Duration.ofSeconds(13))
                    .until(() -> page.awaitText("web during freeze").classes().contains("pending"));

            proxy.resume();
            OcpMessage heard = chatLine(terminal);
            assertThat(heard.bodyText()).isEqualTo("web during freeze");
            page.awaitStatus(status -> status.equals("Connected"));
            page.awaitText("The server answers again");
            Line sent = page.awaitLine(
                    null,
                    l -> l.text().equals("web during freeze") && !l.classes().contains("pending"),
                    "sent");
            assertThat(sent.classes()).doesNotContain("failed");
            assertThat(sent.failure()).isEmpty();
            assertThat(Instant.parse(page.timeOf("web during freeze")))
                    .as("stamped with the server's time, as everyone else sees it, not the time it was typed")
                    .isEqualTo(dateOf(heard));
            page.screenshot("answered-late");
        }
    }

    @Test
    void onesOwnLineAnsweredAfterAStallIsPlacedInTheRoomsOrderBelowALineTheServerTookFirst() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, KOREAN);
                TestClient terminal = server.joined("현우")) {
            page.join("민지");
            proxy.pause(); // as the server stopped (SIGSTOP): the page's line waits on the way
            page.say("민지가 먼저 친 줄");
            assertThat(page.awaitText("민지가 먼저 친 줄").classes()).contains("pending");
            // The terminal's line, typed second, is the one the server takes (and numbers) first.
            assertThat(answeredRequest(terminal, Methods.SEND, Targets.room("lobby"), Map.of(), "현우가 나중에 친 줄"))
                    .isEqualTo(200);
            assertThat(page.awaitText("민지가 먼저 친 줄").classes())
                    .as("no answer yet: still pending")
                    .contains("pending");

            proxy.resume();

            page.awaitMessage("현우", "현우가 나중에 친 줄");
            page.awaitLine(
                    null, l -> l.text().equals("민지가 먼저 친 줄") && !l.classes().contains("pending"), "answered");
            assertThat(page.lines(null))
                    .as("in the room's order, as every other member reads it")
                    .filteredOn(l -> !l.notice())
                    .extracting(Line::text)
                    .containsSubsequence("현우가 나중에 친 줄", "민지가 먼저 친 줄");
            // What is typed next goes below both.
            page.say("그다음 줄");
            page.awaitLine(null, l -> l.text().equals("그다음 줄") && !l.classes().contains("pending"), "answered");
            assertThat(page.lines(null))
                    .filteredOn(l -> !l.notice())
                    .extracting(Line::text)
                    .endsWith("현우가 나중에 친 줄", "민지가 먼저 친 줄", "그다음 줄");
            page.screenshot("own-line-in-the-rooms-order");
        }
    }

    @Test
    void aLineWhoseConnectionClosesBeforeItsAnswerMayNotHaveBeenSentAndTheLinesBehindItWereNot() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, ENGLISH)) {
            page.join("cut-web");
            proxy.pause();
            page.say("on the wire");
            page.say("behind it");
            page.awaitText("behind it");

            proxy.cut();
            Line inDoubt = page.awaitLine(
                    null, l -> l.text().equals("on the wire") && l.classes().contains("failed"), "on the wire, marked");
            assertThat(inDoubt.failure())
                    .isEqualTo(page.text("message.unconfirmed"))
                    .startsWith("May not have been sent");
            Line notSent = page.awaitLine(
                    null, l -> l.text().equals("behind it") && l.classes().contains("failed"), "behind it, marked");
            assertThat(notSent.failure()).isEqualTo(page.text("message.failed", page.text("send.notConnected")));
            proxy.resume();
            page.screenshot("unconfirmed");
        }
    }

    @Test
    void aLineMarkedAsMaybeNotSentBecomesTheSentLineWhenHistoryShowsItArrivedAndStaysMarkedWhenNot() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("terminal");
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, ENGLISH)) {
            page.join("cut-web");
            proxy.holdAnswers(); // the server takes the line; its answer never reaches the page
            page.say("it did arrive");
            OcpMessage heard = chatLine(terminal);
            assertThat(heard.bodyText()).isEqualTo("it did arrive");
            proxy.cut(); // the answer is lost with the connection
            proxy.resume();

            // Reconnected by itself, the page reads the history after the last Seq it saw, where the line is.
            Line sent = page.awaitLine(
                    null,
                    l -> l.text().equals("it did arrive") && !l.classes().contains("failed"),
                    "it did arrive, no longer marked");
            assertThat(sent.failure()).isEmpty();
            assertThat(sent.classes()).contains("own").doesNotContain("unconfirmed", "pending");
            assertThat(sent.history()).as("the line typed here, not a replay").isFalse();
            assertThat(Instant.parse(page.timeOf("it did arrive")))
                    .as("stamped with the server's time, as everyone else sees it")
                    .isEqualTo(dateOf(heard));

            proxy.pause(); // now the line never reaches the server
            page.say("it did not arrive");
            // On the wire (WebSocket frames from a browser are masked: the proxy cannot read it), and held there.
            page.awaitLine(
                    null,
                    l -> l.text().equals("it did not arrive") && l.classes().contains("pending"),
                    "it did not arrive, pending");
            proxy.cut();
            proxy.resume();
            terminal.say("said after the cut"); // live, or in the history the page reads on reconnecting: after it
            page.awaitMessage("terminal", "said after the cut");

            assertThat(page.lines(null))
                    .as("each line once")
                    .filteredOn(l -> l.text().startsWith("it did"))
                    .extracting(Line::text)
                    .containsExactly("it did arrive", "it did not arrive");
            Line inDoubt = page.awaitText("it did not arrive");
            assertThat(inDoubt.classes()).contains("unconfirmed");
            assertThat(inDoubt.failure()).isEqualTo(page.text("message.unconfirmed"));
            page.screenshot("unconfirmed-then-confirmed");
        }
    }

    @Test
    void reconnectsAfterTheServerRestartsAndShowsWhatItMissed() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            page.joinRoom("study");
            page.say("/자리비움 점심");
            page.awaitText("자리 비움으로 표시했습니다");
            try (TestClient before = server.joined("터미널")) {
                before.say("재시작 전");
                page.awaitLine("lobby", l -> l.text().equals("재시작 전"), "재시작 전");

                server.stop(); // by its operator (a signal), as a restart does: no By, so the page comes back by itself
                page.awaitText("서버가 종료되었습니다.");
            }
            // Once the page waits seconds before its next try, what is said now is missed, and must come back.
            page.awaitStatus(status -> secondsUntilRetry(status) >= 4);
            assertThat(page.lines(null))
                    .as("the server's words said why: no second line that the connection was lost")
                    .noneMatch(l -> l.text().equals(page.text("error.gone")));
            server.startAgain();
            try (TestClient after = server.joined("터미널")) {
                after.say("없는 동안 한 말");
                assertThat(page.element("reconnect-now").isDisplayed()).isTrue();
                page.reconnectNow();
                page.awaitText("[study] 방에 다시 들어왔습니다.");
                await("away again after the reconnect, as before the drop")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> server.server()
                                .core()
                                .member("유저1")
                                .map(m -> m.away().equals("점심"))
                                .orElse(false));
                page.openRoom("lobby");
                Line missed = page.awaitMessage("터미널", "없는 동안 한 말");
                assertThat(missed.history())
                        .as("missed while away, so replayed")
                        .isTrue();
                assertThat(page.colorOf("없는 동안 한 말"))
                        .as("history: dimmer than live lines, yet 4.5:1 or more on the background")
                        .isEqualTo("rgb(100, 109, 118)");
                assertThat(page.lines(null))
                        .as("what was seen before the restart is not replayed again")
                        .filteredOn(l -> l.text().equals("재시작 전"))
                        .hasSize(1);

                after.say("다시 만나서 반가워요");
                assertThat(page.awaitMessage("터미널", "다시 만나서 반가워요").history()).isFalse();
                page.say("돌아왔어요");
                OcpMessage back = after.nextMatching(m -> m.method().equals(Methods.MESSAGE)
                        && m.header(HeaderNames.HISTORY).isEmpty());
                assertThat(back.header(HeaderNames.FROM)).contains("유저1");
                assertThat(back.bodyText()).isEqualTo("돌아왔어요");
                page.screenshot("reconnected");
            }
        }
    }

    @Test
    void afterTheServerShutsDownItsWordsStayTheLastAndThePageConnectsAgainOnlyWhenAsked() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, PHONE, ENGLISH);
                TestClient admin = server.joined(Names.ADMINISTRATOR)) {
            page.join("web-user");
            page.say("a line before the end");
            page.awaitText("a line before the end");

            admin.send(OcpMessage.request(Methods.SHUTDOWN, Targets.SERVER)
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body("maintenance")
                    .build());

            String said = "The server has shut down. (" + Names.ADMINISTRATOR + ": maintenance)";
            page.awaitText(said);
            page.awaitStatus(status -> status.equals("The server has shut down"));
            server.awaitTerminated(ChatPage.WAIT);
            // The status says so only once the close was taken as the end (serverStopped), which arms no retry: a page
            // that went on to reconnect would have left that status as it scheduled the try.
            assertThat(page.status()).isEqualTo("The server has shut down");
            assertThat(lastLine(page).text()).isEqualTo(said);
            assertThat(page.lines(null))
                    .as("the server stopped: not a lost connection")
                    .noneMatch(l -> l.text().equals(page.text("error.gone")));
            assertThat(page.element("reconnect-now").getText()).isEqualTo("Connect again");
            assertThat(page.wholeAndOnScreen("conn-status")).isTrue();
            assertThat(page.wholeAndOnScreen("reconnect-now")).isTrue();
            page.screenshot("server-shut-down-phone");

            // Asked, it connects again as after a drop: trying until the server is back.
            page.element("reconnect-now").click();
            page.awaitStatus(status -> status.startsWith("Disconnected. Reconnecting in"));
        }
    }

    @Test
    void aConnectionLostWithoutAShutdownIsConnectedAgainByItselfAndWhatWasMissedIsShown() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            page.join("유저1");

            proxy.down(); // as a server that crashed, or a network that broke: no SHUTDOWN came
            page.awaitText("서버와의 연결이 끊어졌습니다.");
            page.awaitStatus(status -> secondsUntilRetry(status) >= 1);
            terminal.say("끊긴 동안 한 말");
            proxy.up();

            page.awaitStatus(status -> status.equals("연결됨")); // by itself: nothing pressed
            assertThat(page.awaitMessage("터미널", "끊긴 동안 한 말").history()).isTrue();
        }
    }

    /** Trial 10: after a reload the member was back in its rooms but no longer away, and nothing said so. */
    @Test
    void aMemberAwayIsAwayAgainAfterAReloadAndIsToldSo() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            page.say("/away 점심 먹으러 갑니다 🍜");
            page.awaitTextTimes("자리 비움으로 표시했습니다", 1);

            page.reload();

            page.awaitTextTimes("자리 비움으로 표시했습니다", 1); // the page's lines are new after a reload
            await("away again on the server").atMost(Duration.ofSeconds(10)).until(() -> server.server()
                    .core()
                    .member("유저1")
                    .map(m -> m.away().equals("점심 먹으러 갑니다 🍜"))
                    .orElse(false));
            page.say("/away");
            page.awaitText("자리 비움을 해제했습니다");
            page.reload();
            page.awaitTitle("lobby");
            assertThat(page.savedSession()).doesNotContain("점심");
            assertThat(page.lines(null)).map(Line::text).doesNotContain("자리 비움으로 표시했습니다");
        }
    }

    @Test
    void reloadingThePageRejoinsTheRoomsItWasIn() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            page.joinRoom("study");
            page.joinRoom("좁은방");
            page.joinRoom("games");
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);
            terminal.sayIn("study", "새로 고침 전에 한 말");
            page.awaitLine("study", l -> l.text().equals("새로 고침 전에 한 말"), "the line before the reload");
            sendPrivate(terminal, "유저1", "귓속말 하나");
            page.awaitUnread("dm-list", "터미널", 1);
            page.openRoom("study");

            page.reload();

            assertThat(roomNames(page, names -> names.size() == 4))
                    .as("every room it was in, in the order joined")
                    .containsExactly("lobby", "study", "좁은방", "games");
            page.awaitTitle("study");
            Line before = page.awaitMessage("터미널", "새로 고침 전에 한 말");
            assertThat(before.history()).as("its history, as any join shows it").isTrue();
            page.awaitText("[study] 방에 들어왔습니다 (2/5명)");
            assertThat(page.entry("dm-list", "터미널"))
                    .as("the private conversation open again")
                    .isPresent();
            for (String room : List.of("lobby", "study", "좁은방", "games")) {
                assertThat(server.server().core().who(room).stream().map(m -> m.name()))
                        .as("in %s once", room)
                        .containsOnlyOnce("유저1");
            }

            // Away from the page while a room it was in fills up: that room is said once, and not tried again.
            page.goElsewhere();
            await("the page gone from the chat").atMost(Duration.ofSeconds(10)).until(() -> !server.lobbyNames()
                    .contains("유저1"));
            List<TestClient> crowd = new ArrayList<>();
            try {
                for (int i = 1; i <= 5; i++) {
                    TestClient one = server.client();
                    crowd.add(one);
                    assertThat(one.connect("좁은방", "채움" + i, null).statusCode()).isEqualTo(200);
                }
                page.comeBack();
                assertThat(roomNames(page, names -> names.size() == 3)).containsExactly("lobby", "study", "games");
                page.awaitTitle("study");
                String notRejoined = "[좁은방] 방에 다시 들어가지 못했습니다: 방이 가득 찼습니다 (5/5명). 잠시 후에 다시 시도하십시오.";
                page.awaitTextTimes(notRejoined, 1);
                page.screenshot("reload-room-full");

                page.reload();
                assertThat(roomNames(page, names -> names.size() == 3)).containsExactly("lobby", "study", "games");
                page.awaitTitle("study");
                assertThat(page.lines(null)).map(Line::text).doesNotContain(notRejoined);
            } finally {
                crowd.forEach(TestClient::close);
            }

            // Leaving the chat forgets the rooms: a reload shows the login form.
            page.leave();
            assertThat(page.savedSession()).isNull();
            page.driver().navigate().refresh();
            page.awaitLoginForm();
            assertThat(page.savedSession()).isNull();
            assertThat(page.element("chat").isDisplayed()).isFalse();
        }
    }

    @Test
    void aClusterNodeWhoseRedisLostItsMembersSaysSoAndThePageConnectsAgain() throws Exception {
        redis.flushAll();
        try (TestServer node = TestServer.start(c -> c.cluster(redis.url()).nodeId("a"));
                ChatPage page = ChatPage.open(node, DESKTOP, KOREAN)) {
            page.join("유저1");

            redis.flushAll(); // as a Redis restarted without its data

            page.awaitText("클러스터가 이 서버의 접속 정보를 잃었습니다. 다시 연결해 주십시오.");
            page.awaitText("서버와의 연결이 끊어졌습니다.");
            page.awaitStatus(status -> status.equals("연결됨"));
            assertThat(page.lines(null)).as("the node did not stop").noneMatch(l -> l.text()
                    .equals("서버가 종료되었습니다."));
            page.screenshot("cluster-lost-members");
        }
    }

    @Test
    void aPageOverTheAddressesChatConnectionsIsToldTheServerIsBusyNotThatTheConnectionWasLost() throws Exception {
        try (TestServer server = TestServer.start(config -> config.maxConnectionsPerAddress(1));
                TestClient seated = server.joined("유저1");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            assertThat(seated.isOpen()).isTrue();

            page.submitLogin("유저2", null);

            assertThat(page.awaitLoginError()).isEqualTo("서버가 지금 이 접속을 받지 않습니다: 한 주소에서 1개보다 많이 연결할 수 없습니다");
        }
    }

    @Test
    void aPageFromAnAddressThatConnectedTooOftenIsToldWhenToComeBack() throws Exception {
        openchat.server.testing.SteppedClock clock = new openchat.server.testing.SteppedClock();
        try (TestServer server =
                        TestServer.start(config -> config.connectThrottle(1, 6).connectExempt(List.of()), clock);
                TestClient first = server.joined("유저1");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            assertThat(first.isOpen()).isTrue();

            page.submitLogin("유저2", null);

            assertThat(page.awaitLoginError())
                    .isEqualTo("서버가 지금 이 접속을 받지 않습니다: 이 주소에서 새 연결이 너무 잦습니다. 10초 후에 다시 접속하십시오");
        }
    }

    @Test
    void aPageOpenedByANameOverPlainHttpIsToldWhyItCannotChatNotThatTheServerIsDown() throws Exception {
        // A plain-HTTP page under a DNS name the server does not list could be a DNS rebinding page: refused.
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, "chat.test", DESKTOP, ENGLISH)) {
            page.submitLogin("guest", null);

            assertThat(page.awaitLoginError())
                    .isEqualTo("The server answers but refused this page's chat connection (http://chat.test:"
                            + server.httpPort() + "). For a page opened by a name over http://, the server's operator"
                            + " must list that address in --allowed-origins (or open it over https or by IP address)."
                            + " Behind a proxy, the proxy must pass WebSocket upgrades on /ws.");
        }
    }

    @Test
    void anEnglishBrowserGetsEnglishAndRefusalsInPlainWords() throws Exception {
        try (TestServer server = TestServer.start(config -> config.maxUsers(2));
                TestClient taken = server.joined("taken");
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            assertThat(page.element("login-submit").getText()).isEqualTo("Join");

            page.submitLogin("taken", null);
            assertThat(page.awaitLoginError()).isEqualTo("That name is taken. Please choose another.");

            try (TestClient filler = server.joined("filler")) {
                assertThat(filler.isOpen()).isTrue();
                assertThat(server.lobbyNames()).containsExactly("taken", "filler");
                page.submitLogin("guest", null);
                assertThat(page.awaitLoginError())
                        .isEqualTo("The room [lobby] is full (2/2). Enter another room name to join that one instead.");
                // Another room takes a newcomer the full lobby cannot.
                page.chooseRoom("study");
                page.join("guest");
                page.awaitTitle("study");
                page.awaitText("Joined [study] (1/2)");
                page.leave();
                page.chooseRoom("lobby");
            }
            taken.nextMatching(m -> m.method().equals(Methods.LEFT));

            page.submitLogin("채팅관리자", "not the key");
            assertThat(page.awaitLoginError()).isEqualTo("Administrator authentication failed. Please check the key.");
            page.join("채팅관리자", server.adminKeyText());
            assertThat(page.status()).isEqualTo("Connected");
            page.awaitText("Joined [lobby] (2/2)");

            page.clickKick("taken");
            assertThat(page.kickButtonText("taken")).as("a first click asks").isEqualTo("Really kick?");
            page.awaitMembers(members -> members.contains("taken member"));
            page.clickKick("taken");
            page.awaitText("taken was kicked by 채팅관리자.");
            OcpMessage kicked = taken.nextMatching(m -> m.method().equals(Methods.LEFT));
            assertThat(kicked.header(HeaderNames.REASON)).contains("kicked");
            page.screenshot("english-admin");

            page.element("shutdown").click();
            assertThat(page.element("shutdown").getText()).isEqualTo("Really shut the server down?");
            page.element("shutdown").click();
            taken.nextMatching(m -> m.method().equals(Methods.SHUTDOWN));
            page.awaitText("The server has shut down.");
            server.awaitTerminated(ChatPage.WAIT);
        }
    }

    @Test
    void aNameThatLooksLikeAConnectedMembersIsRefusedNamingThatMember() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient alice = server.joined("alice");
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            page.submitLogin("\u0430\u04CF\u0456\u0441\u0435", null); // аӏісе: every letter Cyrillic

            assertThat(page.awaitLoginError())
                    .isEqualTo("That name looks too much like that of alice, who is connected. Please choose another.");
            assertThat(alice.isOpen()).isTrue();
        }
    }

    @Test
    void aNameRefusedForPassingForTheAdministratorOrForOneselfIsExplainedInTheReadersLanguage() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            // The page words these refusals itself (the server's sentence is in the server's language), reading the
            // name as the core does: the same verdict for every name.
            List<String> names = List.of(
                    "채팅관리자님",
                    "진짜 채팅관리자",
                    "[공지] 채팅관리자",
                    "채팅 관리자2",
                    "~채팅관리자님",
                    "채팅관리자 : 공지",
                    "채팅관리자:",
                    "유저：1",
                    "유저︰1",
                    "유저∶1",
                    "유저 ः 1",
                    "दुःख",
                    "나",
                    "ME",
                    "ｍｅ",
                    "Kim Min",
                    "채팅관리자",
                    "채팅 관리자",
                    "openchat",
                    "유저1");
            List<String> core = names.stream()
                    .map(name -> Names.check(name, Names.DEFAULT_MAX_LENGTH)
                            .map(problem -> switch (problem.kind()) {
                                case COLON -> "colon";
                                case ADMINISTRATOR_NAME -> "administratorName";
                                case SELF_WORD -> "selfWord";
                                default -> null;
                            })
                            .orElse(null))
                    .toList();
            assertThat(page.nameProblems(names)).isEqualTo(core);
            assertThat(page.selfWords()).isEqualTo(Names.SELF_WORDS);
            assertThat(Names.SELF_WORDS)
                    .as("what the page shows for one's own lines")
                    .contains(page.text("message.me"));

            page.submitLogin("채팅관리자님", null);
            assertThat(page.awaitLoginError())
                    .isEqualTo("That name cannot be used: it holds the administrator's name.");
            page.submitLogin("me", null);
            assertThat(page.awaitLoginError())
                    .isEqualTo("That name cannot be used: it is a word the chat shows in place of your own name"
                            + " ('나', 'me').");
            page.submitLogin("Аlice", null); // a Cyrillic А: the server's reason, in the page's language
            assertThat(page.awaitLoginError())
                    .isEqualTo("Invalid name: it mixes Latin, Greek or Cyrillic letters, which look alike");
            assertThat(server.lobbyNames()).isEmpty();

            page.join("Kim Min");
            page.say("/nick \"채팅관리자 : 공지\"");
            page.awaitText("That name cannot be used: it holds a colon or a character that looks like one, which"
                    + " separates the name from the text in every chat line.");
            assertThat(page.me()).isEqualTo("Kim Min (me)");
            assertThat(server.lobbyNames()).containsExactly("Kim Min");
            page.screenshot("name-refused");
        }
    }

    @Test
    void onASmallPhoneTheTopBarFitsAndTheStatusCanBeReadWhetherConnectedOrNotInEitherLanguage() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage korean = ChatPage.open("127.0.0.1", proxy.port(), SMALL_PHONE, KOREAN);
                ChatPage english = ChatPage.open("127.0.0.1", proxy.port(), SMALL_PHONE, ENGLISH)) {
            // The administrator has the most buttons; a long name must give way, not push them off.
            korean.join("채팅관리자", server.adminKeyText());
            english.join("a-rather-long-name-for-a-phone");
            for (ChatPage page : List.of(korean, english)) {
                assertThat(page.sidewaysOverflow())
                        .as("connected: overflow in px")
                        .isZero();
                assertThat(page.headerOnOneRow()).isTrue();
                assertThat(page.wholeAndOnScreen("toggle-members")).isTrue();
            }
            korean.screenshot("small-phone-connected-ko");

            proxy.down(); // the longest status: a lost connection, counting down to its next try

            korean.awaitStatus(status -> status.startsWith("연결이 끊어졌습니다."));
            english.awaitStatus(status -> status.startsWith("Disconnected."));
            for (ChatPage page : List.of(korean, english)) {
                assertThat(page.sidewaysOverflow())
                        .as("disconnected (%s): overflow in px", page.status())
                        .isZero();
                assertThat(page.headerOnOneRow())
                        .as("the buttons stay on one row")
                        .isTrue();
                assertThat(page.wholeAndOnScreen("toggle-members"))
                        .as("Members on screen")
                        .isTrue();
                assertThat(page.wholeAndOnScreen("conn-status"))
                        .as("the whole status can be read: %s", page.status())
                        .isTrue();
                assertThat(page.wholeAndOnScreen("reconnect-now")).isTrue();
            }
            korean.screenshot("small-phone-disconnected-ko");
            english.screenshot("small-phone-disconnected-en");
        }
    }

    @Test
    void linesFloodControlRefusesWaitAndGoOutInOrderWhenAllowedNoneLost() throws Exception {
        int lines = 12;
        // 3 at once, then 2 a second: the page types faster than that.
        try (TestServer server = TestServer.start(c -> c.floodControl(new FloodControl(true, 3, 2.0)));
                TestClient terminal = server.joined("수신자");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("도배왕");
            terminal.nextEvent(Methods.JOINED);

            for (int i = 1; i <= lines; i++) {
                page.say("빠른 메세지 " + i);
            }

            String waiting = page.awaitOutgoing(text -> text.startsWith("메세지를 너무 빨리 보내고 있습니다. 기다리는 "));
            assertThat(waiting).matches("메세지를 너무 빨리 보내고 있습니다\\. 기다리는 \\d+줄을 \\d+초 후에 이어서 보냅니다…");
            assertThat(page.lines(null)).as("the lines held back are marked so").anyMatch(line -> line.classes()
                    .contains("waiting"));
            assertThat(page.element("composer-input").getDomProperty("value")).isEmpty();
            page.screenshot("flood-waiting");
            List<String> heard = new ArrayList<>();
            for (int i = 1; i <= lines; i++) {
                heard.add(terminal.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                        .bodyText());
            }

            assertThat(heard)
                    .as("every line, once, in the order typed")
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, lines)
                            .mapToObj(i -> "빠른 메세지 " + i)
                            .toList());
            page.awaitOutgoing(String::isEmpty);
            assertThat(page.lines(null))
                    .filteredOn(line -> line.from().equals("도배왕"))
                    .hasSize(lines)
                    .allSatisfy(line -> assertThat(line.classes())
                            .doesNotContain("failed")
                            .doesNotContain("waiting")
                            .doesNotContain("pending"));
            assertThat(page.status()).as("never cut off for flooding").isEqualTo("연결됨");
        }
    }

    @Test
    void leavingWithLinesStillWaitingSendsThemFirst() throws Exception {
        // A line every 2 s past the first two: typing six lines on a loaded machine took over 2 s, at 2 a second
        // the allowance came back as fast and no line was left waiting (the bar never showed).
        try (TestServer server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.5)));
                TestClient terminal = server.joined("수신자");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("도배왕");
            terminal.nextEvent(Methods.JOINED);
            for (int i = 1; i <= 6; i++) {
                page.say("마지막 말 " + i);
            }
            page.awaitOutgoing(text -> !text.isEmpty());

            page.element("leave").click();

            page.awaitLine(
                    null,
                    line -> line.text().matches("나가기 전에 남은 \\d+줄을 보내는 중입니다\\. 지금 나가려면 .*"),
                    "saying the lines go first");
            List<String> heard = new ArrayList<>();
            OcpMessage next;
            while (!(next = terminal.nextMatching(m ->
                            m.method().equals(Methods.MESSAGE) || m.method().equals(Methods.LEFT)))
                    .method()
                    .equals(Methods.LEFT)) {
                heard.add(next.bodyText());
            }
            assertThat(heard)
                    .as("every line goes before the page leaves")
                    .containsExactly("마지막 말 1", "마지막 말 2", "마지막 말 3", "마지막 말 4", "마지막 말 5", "마지막 말 6");
            page.awaitLoginForm();
        }
    }

    @Test
    void partingWithLinesStillWaitingSendsThemFirstAndAPartTypedAfterThemGoesAfterThem() throws Exception {
        // A line every 2 s past the first two, as leavingWithLinesStillWaitingSendsThemFirst: lines still waiting.
        try (TestServer server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.5)));
                TestClient terminal = server.joined("수신자");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("도배왕");
            terminal.nextEvent(Methods.JOINED);
            for (int i = 1; i <= 6; i++) {
                page.say("방에 남길 말 " + i);
            }

            page.say("/퇴장");

            page.awaitLine(
                    null,
                    line -> line.text().matches("방을 나가기 전에 남은 \\d+줄을 보내는 중입니다\\. 지금 나가려면 .*"),
                    "saying the lines go first");
            assertThat(heardUntilLeft(terminal))
                    .as("every line goes before the page leaves the room")
                    .containsExactly("방에 남길 말 1", "방에 남길 말 2", "방에 남길 말 3", "방에 남길 말 4", "방에 남길 말 5", "방에 남길 말 6");
            page.awaitOutgoing(String::isEmpty);
            assertThat(page.lines(null))
                    .filteredOn(line -> line.from().equals("도배왕"))
                    .hasSize(6)
                    .allSatisfy(line -> assertThat(line.classes())
                            .doesNotContain("failed")
                            .doesNotContain("waiting")
                            .doesNotContain("pending"));
            page.screenshot("part-waiting-lines-sent");
        }
    }

    @Test
    void leaveRoomPressedAgainLeavesAtOnceAndMarksTheLinesNotSentWithNoBarLeft() throws Exception {
        try (TestServer server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 1.0)));
                TestClient terminal = server.joined("수신자");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("도배왕");
            terminal.nextEvent(Methods.JOINED);
            for (int i = 1; i <= 12; i++) {
                page.say("못 보낼 말 " + i);
            }
            page.awaitOutgoing(text -> !text.isEmpty());

            page.element("conv-action").click();
            page.awaitLine(null, line -> line.text().startsWith("방을 나가기 전에 남은 "), "saying the lines go first");
            page.element("conv-action").click();

            List<String> heard = heardUntilLeft(terminal);
            assertThat(heard).as("left before the lines it gave up").hasSizeLessThan(12);
            page.awaitLine(null, line -> line.classes().contains("failed"), "a line marked not sent");
            page.awaitOutgoing(String::isEmpty);
            List<Line> mine = page.lines(null).stream()
                    .filter(line -> line.from().equals("도배왕"))
                    .toList();
            assertThat(mine)
                    .as("each line sent or marked not sent, none left waiting")
                    .hasSize(12)
                    .allSatisfy(line ->
                            assertThat(line.classes()).doesNotContain("waiting").doesNotContain("pending"));
            assertThat(mine.stream().filter(line -> line.classes().contains("failed")))
                    .hasSize(12 - heard.size());
            assertThat((String) page.driver().executeScript("return document.getElementById('outgoing').textContent"))
                    .as("no stale bar left behind")
                    .isEmpty();
            page.screenshot("part-again-lines-not-sent");
        }
    }

    @Test
    void aReconnectRefusedBecauseTheNameWasTakenElsewhereStopsRetryingAndSaysSo() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, KOREAN)) {
            page.join("유저1");
            proxy.down();
            page.awaitText("서버와의 연결이 끊어졌습니다.");
            page.awaitStatus(status -> secondsUntilRetry(status) >= 1);
            await("the server saw the connection go").atMost(ChatPage.WAIT).until(() -> !server.lobbyNames()
                    .contains("유저1"));
            // Another tab (here a terminal) took the name while this page was away.
            try (TestClient elsewhere = server.joined("유저1")) {
                proxy.up();
                // Now, or on its own when the countdown ends first.
                page.driver()
                        .executeScript("const b = document.getElementById('reconnect-now'); if (!b.hidden) b.click();");

                assertThat(page.awaitLoginError()).isEqualTo("이 이름으로 다른 곳에서 접속해 이 창의 연결은 끝났습니다. 다시 들어오려면 [입장]을 누르십시오.");
                assertThat(page.element("login-name").getDomProperty("value")).isEqualTo("유저1");
                assertThat(page.element("chat").isDisplayed())
                        .as("no message box left to type into")
                        .isFalse();
                page.screenshot("name-taken-elsewhere");
                assertThat((Boolean)
                                page.driver().executeScript("return document.getElementById('reconnect-now').hidden"))
                        .as("no retry armed behind the form")
                        .isTrue();
                assertThat(server.lobbyNames()).containsOnlyOnce("유저1");
            }
            await("the other connection gone").atMost(Duration.ofSeconds(10)).until(() -> !server.lobbyNames()
                    .contains("유저1"));
            page.element("login-submit").click();
            page.awaitStatus(status -> status.equals("연결됨"));
        }
    }

    @Test
    void theServersMessageOfTheDayIsShownWithItsLinesAfterLoggingInAndNotAgainAfterAReconnect(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path motd = java.nio.file.Files.writeString(
                dir.resolve("motd.txt"), "스터디 서버입니다\n  \u0002규칙\u0002: 존댓말", StandardCharsets.UTF_8);
        try (TestServer server = TestServer.start(c -> c.motdFile(motd));
                ChatPage page = ChatPage.open(server, PHONE, KOREAN)) {
            page.join("유저1");

            String text = "[오늘의 메세지]\n스터디 서버입니다\n  규칙: 존댓말";
            Line shown = page.awaitText(text);
            assertThat(shown.notice()).isTrue();
            assertThat(shown.classes()).contains("motd");
            assertThat(page.shownText(text))
                    .as("on screen in its lines, the indent kept, the bold codes not shown")
                    .isEqualTo(text);
            page.screenshot("motd");

            server.stop();
            page.awaitStatus(status -> status.startsWith("연결이 끊어졌습니다."));
            server.startAgain();
            page.reconnectNow();
            try (TestClient after = server.joined("터미널")) {
                after.say("다시 왔습니다");
                page.awaitMessage("터미널", "다시 왔습니다"); // after the reconnect's NOTICE, on the same connection
            }
            assertThat(page.lines(null))
                    .as("the same message of the day is not shown again after a reconnect")
                    .filteredOn(l -> l.text().equals(text))
                    .hasSize(1);
        }
    }

    @Test
    void theLoginFormSwitchesThePagesLanguageAndTheChoiceOutlastsAReloadAndAnAnswerFollowsIt() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, PHONE, KOREAN)) {
            page.awaitLoginForm();
            assertThat(page.element("login-lang").getText()).isEqualTo("English");
            assertThat(page.element("login-lang").getAttribute("lang")).isEqualTo("en");

            page.element("login-lang").click();

            await("the page loaded again in English")
                    .atMost(TestClient.TIMEOUT)
                    .ignoreExceptions() // an element of the page being replaced
                    .until(() -> page.element("login-submit").getText().equals("Join"));
            assertThat(page.element("login-lang").getText()).isEqualTo("한국어");
            page.screenshot("login-english");
            page.submitLogin("유저1", null);
            page.awaitLine(null, l -> l.text().startsWith("Joined [lobby]"), "the English join line");
            page.driver().navigate().refresh();
            page.awaitLine(null, l -> l.text().startsWith("Joined [lobby]"), "English after a reload too");
            assertThat(page.element("leave").getText()).isEqualTo("Leave");

            page.element("leave").click();
            page.awaitLoginForm();
            page.element("login-lang").click();
            await("back in Korean")
                    .atMost(TestClient.TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> page.element("login-submit").getText().equals("입장"));
        }
    }

    @Test
    void aLoginErrorGoesOnceTheFieldItWasAboutChanges() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            page.element("login-name").clear();
            page.element("login-submit").click();
            assertThat(page.awaitLoginError()).isEqualTo("Please enter a name.");
            assertThat(page.element("login-error").getCssValue("color"))
                    .as("in the chat log's error red, not the grey of the text around it")
                    .isEqualTo("rgba(198, 40, 40, 1)");
            assertThat(page.element("login-error").getDomAttribute("role")).isEqualTo("alert");

            page.type("login-name", "채팅관리자");

            assertThat(page.loginErrorNow()).isEmpty();
            assertThat(page.element("login-key").isDisplayed()).isTrue();
            page.element("login-submit").click();
            assertThat(page.awaitLoginError()).isEqualTo("The administrator's name needs the administrator key.");
            page.type("login-key", "x");
            assertThat(page.loginErrorNow()).isEmpty();
        }
    }
}
