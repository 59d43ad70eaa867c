package openchat.server.web;

import static openchat.server.web.Chromium.Language.ENGLISH;
import static openchat.server.web.Chromium.Language.KOREAN;
import static openchat.server.web.Chromium.Window.DESKTOP;
import static openchat.server.web.Chromium.Window.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * Chatting on the web page: lines, history, private messages and invitations, ignoring, what a line shows (links,
 * markup, line breaks) and the message box with the terminal's commands. End to end in a headless Chromium
 * ({@link BrowserTest}).
 */
class WebChatBrowserTest extends BrowserTest {
    @Test
    void aReadRefusedForComingTooFastIsToldAsOneNotAsALineSentTooFast() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            Map<String, String> waitThree = Map.of("Retry-After", "3", "Error-Code", "too-fast");

            String read = page.refusalText(429, waitThree, "read");

            assertThat(read).isEqualTo(page.text("read.tooFast", "3")).contains("3초");
            assertThat(page.refusalText(429, waitThree, "send"))
                    .isEqualTo(page.text("send.tooFast", "3"))
                    .isNotEqualTo(read);
        }
    }

    @Test
    void thePageIsTitledAfterTheNetworksName() throws Exception {
        try (TestServer server = TestServer.start(c -> c.networkName("ExampleNet"));
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            assertThat(page.driver().getTitle()).isEqualTo("ExampleNet");
            assertThat(page.driver()
                            .findElement(By.cssSelector("#login .brand"))
                            .getText())
                    .isEqualTo("ExampleNet");

            page.join("유저1");

            assertThat(page.driver().getTitle()).isEqualTo("ExampleNet");
            assertThat(page.driver().findElement(By.cssSelector("#chat .brand")).getText())
                    .isEqualTo("ExampleNet");
        }
    }

    @Test
    void twoBrowserUsersAndATerminalUserChatInARoom() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage first = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage second = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            assertThat(first.element("login-submit").getText()).isEqualTo("입장");
            // Without its script the form would post to the page itself: a key never goes into an address.
            assertThat(first.element("login-form").getDomAttribute("method")).isEqualTo("post");
            assertThat(first.element("login-form").getDomAttribute("action")).isNull();
            first.join("유저1");
            second.join("유저2");
            assertThat(first.status()).isEqualTo("연결됨");
            first.awaitText("유저2님이 입장하였습니다.");

            first.joinRoom("study");
            assertThat(second.otherRoomText("study")).contains("study").contains("1/5명");
            second.joinOtherRoom("study");
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);
            first.awaitText("터미널님이 입장하였습니다.");
            first.awaitMembers(members -> members.equals(java.util.List.of("유저1 owner", "유저2 member", "터미널 member")));

            first.say("안녕하세요 여러분");
            Line seen = second.awaitMessage("유저1", "안녕하세요 여러분");
            assertThat(seen.history()).isFalse();
            assertThat(seen.time()).matches(TIME);
            OcpMessage heard = terminal.nextMatching(m -> m.method().equals(Methods.MESSAGE));
            assertThat(heard.target()).isEqualTo(Targets.room("study"));
            assertThat(heard.header(HeaderNames.FROM)).contains("유저1");
            assertThat(heard.bodyText()).isEqualTo("안녕하세요 여러분");

            terminal.sayIn("study", "터미널에서 왔어요 👋");
            first.awaitMessage("터미널", "터미널에서 왔어요 👋");
            second.awaitMessage("터미널", "터미널에서 왔어요 👋");
            terminal.sayIn("study", "\u0001ACTION waves\u0001");
            second.awaitText("* 터미널 waves");

            second.say("반가워요");
            first.awaitMessage("유저2", "반가워요");
            assertThat(terminal.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                            .bodyText())
                    .isEqualTo("반가워요");

            terminal.say("로비에도 한마디");
            first.awaitUnread("room-list", "lobby", 1);
            assertThat(first.composerHasFocus())
                    .as("the message box keeps the focus")
                    .isTrue();
            first.screenshot("chat-desktop-ko-유저1");
            second.screenshot("chat-desktop-ko-유저2");

            first.openRoom("lobby");
            first.awaitMessage("터미널", "로비에도 한마디");
            first.awaitUnread("room-list", "lobby", 0);
        }
    }

    @Test
    void historyOnJoinIsMarkedAsHistoryAndEarlierPagesLoadAbove() throws Exception {
        try (TestServer server = TestServer.start(config -> config.historyOnJoin(2));
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            terminal.say("첫 번째");
            terminal.say("두 번째");
            terminal.say("세 번째");
            terminal.request(OcpMessage.request(Methods.PING, "/").build()); // answered after the lines

            page.join("유저1");
            Line second = page.awaitMessage("터미널", "두 번째");
            Line third = page.awaitMessage("터미널", "세 번째");
            assertThat(second.history()).isTrue();
            assertThat(second.mark()).isEqualTo("(기록)");
            assertThat(third.history()).isTrue();
            assertThat(chatTexts(page)).containsExactly("두 번째", "세 번째");
            assertThat(page.lines(null))
                    .as("what was said before joining, then the line saying so")
                    .map(Line::text)
                    .containsExactly("두 번째", "세 번째", "[lobby] 방에 들어왔습니다 (2/5명)");

            terminal.say("지금 하는 말");
            Line live = page.awaitMessage("터미널", "지금 하는 말");
            assertThat(live.history()).isFalse();
            assertThat(live.mark()).isEmpty();

            page.element("logs").findElement(By.cssSelector(".older button")).click();
            assertThat(page.awaitMessage("터미널", "첫 번째").history()).isTrue();
            assertThat(chatTexts(page)).containsExactly("첫 번째", "두 번째", "세 번째", "지금 하는 말");
            assertThat(page.lines(null))
                    .as("an earlier page above everything")
                    .map(Line::text)
                    .containsExactly("첫 번째", "두 번째", "세 번째", "[lobby] 방에 들어왔습니다 (2/5명)", "지금 하는 말");
            page.screenshot("history-on-join");
        }
    }

    @Test
    void loadingEarlierMessagesKeepsTheLineBeingReadInPlace() throws Exception {
        try (TestServer server =
                        TestServer.start(config -> config.historyOnJoin(30).floodControl(FloodControl.OFF));
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            for (int i = 1; i < 100; i++) {
                terminal.say("줄 " + i);
            }
            // Answered once every line before it is stored.
            assertThat(terminal.request(OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                                    .header(HeaderNames.REQUEST_ID, "1")
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("줄 100")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.join("유저1");
            page.awaitMessage("터미널", "줄 71");
            page.awaitMessage("터미널", "줄 100");
            // At the top, where the button is, reading the first line shown.
            page.driver().executeScript("document.getElementById('logs').scrollTop = 0;");
            double before = lineTop(page, "줄 71");

            page.element("logs").findElement(By.cssSelector(".older button")).click();
            page.awaitMessage("터미널", "줄 21");

            assertThat(chatTexts(page)).startsWith("줄 21", "줄 22").contains("줄 70", "줄 71");
            assertThat(lineTop(page, "줄 71"))
                    .as("the line being read stays where it was on screen")
                    .isCloseTo(before, org.assertj.core.data.Offset.offset(1.0));
            assertThat(lineTop(page, "줄 70"))
                    .as("the earlier lines are above it, to scroll up to")
                    .isLessThan(before);
            page.screenshot("earlier-page-loaded");
        }
    }

    @Test
    void theMessageBoxTakesHistoryAndHelpForOneCommandAsTheTerminalDoes() throws Exception {
        try (TestServer server =
                        TestServer.start(config -> config.historyOnJoin(2).floodControl(FloodControl.OFF));
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            for (int i = 1; i < 30; i++) {
                terminal.say("줄 " + i);
            }
            assertThat(terminal.request(OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                                    .header(HeaderNames.REQUEST_ID, "1")
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("줄 30")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.join("유저1");
            page.awaitMessage("터미널", "줄 30");
            assertThat(chatTexts(page)).containsExactly("줄 29", "줄 30");

            page.say("/history 3");
            assertThat(page.awaitMessage("터미널", "줄 26").history()).isTrue();
            assertThat(chatTexts(page)).containsExactly("줄 26", "줄 27", "줄 28", "줄 29", "줄 30");
            page.say("/기록");
            page.awaitMessage("터미널", "줄 6");
            assertThat(chatTexts(page)).hasSize(25).startsWith("줄 6", "줄 7");
            assertThat(lineTop(page, "줄 6"))
                    .as("the lines loaded are shown, the first at the top")
                    .isBetween(-1.0, 40.0);
            page.say("/history 500");
            page.awaitMessage("터미널", "줄 1");
            page.driver().executeScript("const logs = document.getElementById('logs'); logs.scrollTop = 0;");
            page.say("/history");
            page.awaitText("더 이전의 메세지가 없습니다.");
            assertThat(chatTexts(page)).hasSize(30);
            page.say("/history 501");
            page.awaitText("메세지 수 N은 1에서 500 사이의 정수여야 합니다: 501");
            page.say("/기록 열");
            page.awaitText("메세지 수 N은 1에서 500 사이의 정수여야 합니다: 열");

            page.say("/help history"); // typed while reading the lines loaded: its answer is shown at the end
            assertThat(lineTop(
                            page,
                            page.awaitText("사용법: /기록 [N] (/history; N은 1에서 500까지, 없으면 20)")
                                    .text()))
                    .as("in view")
                    .isBetween(0.0, logsHeight(page));
            page.awaitText("/기록 [N] (/history): 지금 방에서 보이는 것보다 이전의 메세지 N개를 불러옵니다 (기본 20, 최대 500)");
            page.awaitText("사용법: /기록 [N] (/history; N은 1에서 500까지, 없으면 20)");
            page.say("/도움말 강퇴");
            page.awaitText("/강퇴 이름 [이유] (/kick): 지금 방에서 내보냅니다 (방장, 관리자)");
            page.say("/help /w");
            page.awaitText("/귓속말 이름 내용 (/w, /msg): 한 사람에게만 귓속말을 보냅니다");
            assertThat(page.lines(null))
                    .as("one command's help, not the list")
                    .map(Line::text)
                    .doesNotContain(page.text("help.join"));
            page.say("/help 춤추기");
            page.awaitText("알 수 없는 명령어입니다: 춤추기 (명령어 목록은 /도움말)");
            page.say("/help");
            page.awaitText("/입장 방 [방열쇠] (/join): 방에 들어갑니다. 없는 방이면 새로 만듭니다. 다른 곳에서 받은 방 열쇠를 붙이면 방장으로"
                    + " 들어가고, 열쇠를 이 브라우저에 저장합니다");
            page.awaitText("/기록 [N] (/history): 지금 방에서 보이는 것보다 이전의 메세지 N개를 불러옵니다 (기본 20, 최대 500)");
            page.awaitText("관리자만 쓰는 명령어: /차단 /차단해제 /차단목록 /접속끊기 /공지 /서버종료 (설명은 /도움말 명령어)");
            assertThat(page.lines(null))
                    .as("the administrator's commands named, not described, to a member")
                    .map(Line::text)
                    .noneMatch(text -> text.startsWith("/서버종료 "));
            page.screenshot("history-and-help");

            page.whisperTo("터미널");
            page.say("/history");
            page.awaitText("귓속말은 서버에 남지 않아 이전 메세지를 불러올 수 없습니다.");
        }
    }

    @Test
    void privateMessagesOnAPhoneSizedWindow() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage phone = ChatPage.open(server, PHONE, KOREAN);
                ChatPage desktop = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            phone.join("유저1");
            desktop.join("유저2");
            assertThat(phone.element("sidebar").isDisplayed())
                    .as("on a phone the room list is a panel, closed at first")
                    .isFalse();
            assertThat(desktop.element("sidebar").isDisplayed()).isTrue();

            phone.togglePanel("toggle-members");
            phone.awaitMembers(members -> members.stream().anyMatch(m -> m.startsWith("유저2")));
            Number badgeEms = (Number) phone.driver()
                    .executeScript("const badge = document.querySelector('#member-list .role.me');return"
                            + " badge.getBoundingClientRect().width /"
                            + " parseFloat(getComputedStyle(badge).fontSize);");
            assertThat(badgeEms.doubleValue())
                    .as("the \"나\" badge is as wide as its word, not stretched over the row (in em)")
                    .isLessThan(3);
            phone.screenshot("members-phone");
            phone.whisperTo("유저2");
            phone.say("비밀이야");
            desktop.awaitUnread("dm-list", "유저1", 1);
            desktop.openPrivate("유저1");
            Line secret = desktop.awaitMessage("유저1", "비밀이야");
            assertThat(secret.classes()).contains("private");

            sendPrivate(terminal, "유저1", "터미널의 귓속말");
            phone.awaitUnread("dm-list", "터미널", 1);
            assertThat(phone.element("toggle-rooms").getText()).contains("1");
            phone.togglePanel("toggle-rooms");
            phone.openPrivate("터미널");
            phone.awaitMessage("터미널", "터미널의 귓속말");

            desktop.say("/w 터미널 답장합니다");
            OcpMessage reply = terminal.nextMatching(m -> m.method().equals(Methods.PRIVATE));
            assertThat(reply.header(HeaderNames.FROM)).contains("유저2");
            assertThat(reply.bodyText()).isEqualTo("답장합니다");
            assertThat(terminal.drain())
                    .as("the private message between the two browsers never reached the terminal")
                    .noneMatch(m ->
                            m.method().equals(Methods.PRIVATE) || m.bodyText().equals("비밀이야"));
            phone.screenshot("private-phone");
            desktop.screenshot("private-desktop");

            // A message of one long unbroken string breaks itself, never the sender's name (here "유저1", whose last
            // letter would otherwise join the string as one word).
            String unbroken = "x".repeat(300);
            phone.togglePanel("toggle-rooms");
            phone.openRoom("lobby");
            phone.say(unbroken);
            phone.awaitMessage("유저1", unbroken);
            assertThat((Number) phone.driver()
                            .executeScript(
                                    "const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')]"
                                            + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]);"
                                            + "return li.querySelector('.from').getClientRects().length;",
                                    unbroken))
                    .as("the sender's name on one line")
                    .isEqualTo(1L);
            phone.screenshot("unbroken-phone");

            // The header stays one row, even with the long status and the button of a dropped connection.
            assertThat(phone.headerOnOneRow()).isTrue();
            server.stop();
            phone.awaitStatus(status -> status.startsWith("연결이 끊어졌습니다."));
            assertThat(phone.headerOnOneRow()).as("offline: %s", phone.status()).isTrue();
            phone.screenshot("offline-phone");
        }
    }

    @Test
    void aPrivateActionAndAnInvitationAreShownInThePrivateConversation() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            page.join("alice");

            terminal.send(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                    .header(HeaderNames.TO, "alice")
                    .body("\u0001ACTION waves\u0001")
                    .build());
            page.awaitUnread("dm-list", "터미널", 1);
            page.openPrivate("터미널");
            Line received = page.awaitText("* 터미널 waves");
            assertThat(received.classes()).contains("private").contains("action");

            page.say("/me waves back");
            OcpMessage reply = terminal.nextMatching(m -> m.method().equals(Methods.PRIVATE));
            assertThat(reply.bodyText()).isEqualTo("\u0001ACTION waves back\u0001");
            assertThat(page.awaitText("* alice waves back").classes())
                    .as("one's own action names oneself, as in a room, not \"me\"")
                    .contains("own");

            assertThat(terminal.joinRoom("games").statusCode()).isEqualTo(200);
            terminal.send(OcpMessage.request(Methods.INVITE, Targets.room("games"))
                    .header(HeaderNames.NAME, "alice")
                    .build());
            page.awaitText("터미널 invites you to [games].");
            page.say("/join games");
            page.awaitText("Joined [games] (2/5)");
            page.say("/invite 터미널");
            page.awaitText("터미널 is in this room already.");

            // In the page's language, whatever the server's.
            page.say("/away lunch");
            page.awaitText("You are marked as away");
            page.say("/away");
            page.awaitText("You are no longer marked as away");
            // What the page does not check itself is said as the server words it, in the page's language.
            page.say("/away " + "가".repeat(301));
            page.awaitText("That away message cannot be used: it is longer than 300 characters");
            page.say("/join l\u043Ebby"); // a Cyrillic o
            page.awaitText(
                    "That room name cannot be used: it mixes Latin, Greek or Cyrillic letters, which look alike");
        }
    }

    @Test
    void anIgnoredMembersLinesPrivateMessagesAndInvitationsAreNotShownUntilUnignoredAndOthersStillGetThem()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient pest = server.joined("도배꾼");
                TestClient other = server.joined("유저3")) {
            page.join("유저1");
            page.say("/help 무시");
            page.awaitText(
                    "/무시 [이름] (/ignore): 그 사람의 채팅, 귓속말, 초대를 이 창에서 보이지 않게 합니다 (다른 사람에게는 그대로 갑니다; 이름을 바꿔도 그대로). 이름 없이 쓰면 무시하는 사람을 보여 줍니다. 관리자는 무시할 수 없습니다");
            page.say("/ignore");
            page.awaitText("무시하는 사람이 없습니다.");

            page.say("/무시 도배꾼");
            page.awaitText("도배꾼님의 채팅, 귓속말, 초대를 이제 보이지 않습니다 (이 창에서 [나가기] 전까지; 다시 보려면 /무시해제 도배꾼).");
            // Each answered, so that the server has handed it on before the other's line below.
            assertThat(answeredRequest(pest, Methods.SEND, Targets.room("lobby"), Map.of(), "광고 1"))
                    .isEqualTo(200);
            assertThat(answeredRequest(pest, Methods.PRIVATE, Targets.SERVER, Map.of(HeaderNames.TO, "유저1"), "광고 귓속말"))
                    .isEqualTo(200);
            assertThat(pest.joinRoom("광고방").statusCode()).isEqualTo(200);
            assertThat(pest.request(OcpMessage.request(Methods.INVITE, Targets.room("광고방"))
                                    .header(HeaderNames.NAME, "유저1")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(chatLine(other).bodyText())
                    .as("the others still get them")
                    .isEqualTo("광고 1");
            other.say("다른 사람의 말");

            page.awaitMessage("유저3", "다른 사람의 말");
            assertThat(page.lines(null)).as("nothing from the ignored member").noneMatch(l -> l.text()
                    .contains("광고"));
            assertThat(page.element("dm-section").isDisplayed())
                    .as("no private conversation opened by its message or its invitation")
                    .isFalse();
            page.say("/ignore");
            page.awaitText("무시하는 사람: 도배꾼");
            page.screenshot("ignoring");

            page.say("/무시해제 도배꾼");
            page.awaitText("도배꾼님의 말을 다시 보여 줍니다.");
            sendPrivate(pest, "유저1", "광고 2");
            page.awaitUnread("dm-list", "도배꾼", 1);
        }
    }

    @Test
    void anIgnoredMemberStaysIgnoredUnderANewNameAndAfterAReloadAndTheAdministratorOrOneselfCannotBeIgnored()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient pest = server.joined("pest")) {
            page.join("alice");
            page.say("/ignore " + Names.ADMINISTRATOR);
            page.awaitText("The administrator cannot be ignored: its lines keep the chat in order.");
            page.say("/ignore ALICE");
            page.awaitText("You cannot ignore yourself.");
            page.say("/unignore bob");
            page.awaitText("You are not ignoring bob.");
            page.say("/unignore");
            page.awaitText("Usage: /unignore NAME");
            page.say("/ignore pest");
            page.awaitText("You no longer see pest's chat lines, private messages and invitations"
                    + " (until you leave the chat in this tab; /unignore pest shows them again).");

            assertThat(pest.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                                    .header(HeaderNames.NAME, "pest2")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.awaitText("pest is now known as pest2.");
            assertThat(answeredRequest(pest, Methods.SEND, Targets.room("lobby"), Map.of(), "spam under a new name"))
                    .isEqualTo(200);
            // The tab comes back in by itself, and the lobby's history with it: the line is there, not shown.
            page.reload();
            try (TestClient other = server.joined("bob")) {
                other.say("after the reload");
                page.awaitMessage("bob", "after the reload");
            }
            page.say("/ignore");
            page.awaitText("Ignored: pest2");
            assertThat(page.lines(null)).noneMatch(l -> l.text().contains("spam"));
        }
    }

    @Test
    void anInvitationHasAButtonThatJoinsTheRoomOrShowsItOnceJoined() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, PHONE, KOREAN)) {
            page.join("유저1");
            assertThat(terminal.joinRoom("games").statusCode()).isEqualTo(200);
            assertThat(terminal.request(OcpMessage.request(Methods.INVITE, Targets.room("games"))
                                    .header(HeaderNames.NAME, "유저1")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.togglePanel("toggle-rooms");
            page.awaitUnread("dm-list", "터미널", 1);
            page.openPrivate("터미널");
            page.awaitText("터미널님이 [games] 방으로 초대했습니다.");
            WebElement button = page.invitationButton();
            assertThat(button.getText()).isEqualTo("들어가기");
            assertThat(button.getDomAttribute("aria-label")).isEqualTo("[games] 방에 들어가기");
            page.screenshot("invitation-phone");

            button.click();

            page.awaitTitle("games");
            page.awaitText("[games] 방에 들어왔습니다 (2/5명)");
            assertThat(roomNames(page, names -> names.contains("games"))).containsExactly("lobby", "games");
            // Joined already: the button shows the room, and joins nothing again.
            page.togglePanel("toggle-rooms");
            page.openPrivate("터미널");
            page.invitationButton().click();
            page.awaitTitle("games");
            page.awaitTextTimes("[games] 방에 들어왔습니다 (2/5명)", 1);
            assertThat(page.lines(null)).noneMatch(line -> line.classes().contains("error"));
        }
    }

    @Test
    void anotherMembersAwayAndReturnAreSaidInTheRoomInTheTerminalsWords() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage english = ChatPage.open(server, PHONE, ENGLISH);
                TestClient terminal = server.joined("서연")) {
            page.join("민지");
            english.join("jimin");
            page.awaitMembers(members -> members.size() == 3);
            english.awaitMembers(members -> members.size() == 3);

            assertThat(answeredRequest(terminal, Methods.AWAY, Targets.SERVER, Map.of(), "점심 먹으러 갑니다 🍜"))
                    .isEqualTo(200);

            assertThat(page.awaitText("서연님이 자리를 비웠습니다: 점심 먹으러 갑니다 🍜").classes())
                    .contains("presence");
            english.awaitText("서연 is away: 점심 먹으러 갑니다 🍜");
            page.awaitMembers(members -> members.contains("서연 member away"));

            assertThat(answeredRequest(terminal, Methods.AWAY, Targets.SERVER, Map.of(), ""))
                    .isEqualTo(200);

            page.awaitText("서연님이 돌아왔습니다.");
            english.awaitText("서연 is back.");
            page.awaitMembers(members -> members.contains("서연 member"));
            // One's own away is said once, in one's own words, not also as someone else's.
            page.say("/away 회의 중");
            page.awaitText("자리 비움으로 표시했습니다");
            terminal.nextMatching(m -> m.method().equals(Methods.AWAY));
            assertThat(page.lines(null)).noneMatch(l -> l.text().startsWith("민지님이 자리를 비웠습니다"));
            page.screenshot("away-said");
        }
    }

    @Test
    void runsOfBlankLinesShowAsOneAndALongMessageShowsTheRestBehindShowMore() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient terminal = server.joined("터미널")) {
            page.join("reader");
            terminal.say("top" + "\n".repeat(4000) + "bottom");
            StringBuilder sixty = new StringBuilder("line 1");
            for (int i = 2; i <= 60; i++) {
                sixty.append("\n").append("line ").append(i);
            }
            terminal.say(sixty.toString()); // the last its allowance takes: it weighs 60 lines (FloodControl)
            page.awaitMessage("터미널", sixty.toString());

            assertThat(page.awaitMessage("터미널", "top\n\nbottom").text())
                    .as("4,000 line breaks shown as one blank line")
                    .isEqualTo("top\n\nbottom");
            double screen = lineHeight(page, "top\n\nbottom", "#logs");
            assertThat(lineHeight(page, "top\n\nbottom", "li")).isLessThan(100);

            String sixtyLines = sixty.toString();
            double clamped = lineHeight(page, sixtyLines, "li");
            assertThat(clamped)
                    .as("about 20 of its 60 lines, and less than the log's height")
                    .isBetween(200.0, 600.0)
                    .isLessThan(screen);
            WebElement more =
                    page.driver().findElement(By.cssSelector("#logs ol.log:not([hidden]) li.msg.long .show-more"));
            await().atMost(ChatPage.WAIT).until(more::isDisplayed);
            assertThat(more.getText()).isEqualTo("Show more");
            page.screenshot("long-message");
            more.click();
            await().atMost(ChatPage.WAIT).until(() -> lineHeight(page, sixtyLines, "li") > clamped * 2);
            assertThat(page.driver().findElements(By.cssSelector("#logs .show-more")))
                    .isEmpty();
        }
    }

    @Test
    void combiningMarksStackedOnACharacterDrawNothingOverTheLineAbove() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient terminal = server.joined("터미널")) {
            page.join("zalgo-reader");
            terminal.say("the same words");
            terminal.say("the same words");
            // Marks stacked on six characters: drawn over the line above, they would add about 90 dark pixels to it.
            String marks = "\u0301\u0346\u0352\u033F\u0310".repeat(8);
            terminal.say(
                    "Z" + marks + "A" + marks + "L" + marks + "G" + marks + "O" + marks + "!" + marks + " combining");
            terminal.say("Việt Nam, ภาษาไทย, 한국어");
            Line zalgo = page.awaitLine(null, l -> l.text().endsWith(" combining"), "the marks");
            page.awaitMessage("터미널", "Việt Nam, ภาษาไทย, 한국어");

            assertThat(zalgo.text()
                            .codePoints()
                            .filter(c -> Character.getType(c) == Character.NON_SPACING_MARK)
                            .count())
                    .as("at most five marks on each character")
                    .isEqualTo(6 * 5);
            // Two lines alike, the second just above the marks: as drawn, it has no more ink than the first.
            List<WebElement> same = page.driver()
                    .findElements(By.xpath("//ol[contains(@class,'log') and not(@hidden)]"
                            + "/li[span[@class='text' and text()='the same words']]"));
            assertThat(same).hasSize(2);
            page.screenshot("zalgo");
            // Within a few pixels: two lines alike, drawn at different heights, are antialiased a little differently
            // (699 against 702 once); unclipped, the marks added 89 (791 against 702, 2026-12-08).
            assertThat(ink(same.get(1)))
                    .as("the line just above the marks, as drawn, against the same line further up")
                    .isCloseTo(ink(same.get(0)), within(15L));
        }
    }

    @Test
    void aMultiLineTextIsWrittenWithShiftEnterSentAsOneMessageAndShownWithItsLineBreaks() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage sender = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage reader = ChatPage.open(server, PHONE, KOREAN)) {
            sender.join("유저1");
            reader.join("유저2");
            long oneLine = sender.composerHeight();

            sender.type("composer-input", "첫 줄" + Keys.chord(Keys.SHIFT, Keys.ENTER) + "둘째 줄");
            sender.paste("\nhttps://example.org/a 를 보세요\n넷째 줄");
            assertThat(sender.element("composer-input").getDomProperty("value"))
                    .as("Shift+Enter breaks the line, and a pasted text keeps its lines")
                    .isEqualTo("첫 줄\n둘째 줄\nhttps://example.org/a 를 보세요\n넷째 줄");
            assertThat(sender.composerHeight())
                    .as("the box grows with its lines")
                    .isGreaterThan(oneLine * 2);
            // The Enter that commits a Hangul syllable being composed sends nothing.
            List<?> composing = (List<?>) sender.driver()
                    .executeScript("const box = document.getElementById('composer-input');const enter = (init) => {"
                            + " const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true,"
                            + " cancelable: true, ...init }); box.dispatchEvent(e); return e; };const a ="
                            + " enter({ isComposing: true }); const b = enter({ keyCode: 229 });return"
                            + " [a.isComposing, b.keyCode, a.defaultPrevented || b.defaultPrevented,"
                            + " document.querySelectorAll('li.msg.own').length, box.value.length > 0];");
            assertThat(composing.toArray()).containsExactly(true, 229L, false, 0L, true);

            sender.type("composer-input", Keys.ENTER.toString());
            String text = "첫 줄\n둘째 줄\nhttps://example.org/a 를 보세요\n넷째 줄";
            assertThat(chatLine(terminal).bodyText())
                    .as("one message, its lines in it")
                    .isEqualTo(text);
            sender.awaitMessage("유저1", text);
            assertThat(sender.element("composer-input").getDomProperty("value")).isEmpty();
            assertThat(sender.composerHeight()).as("one line again once sent").isEqualTo(oneLine);

            reader.awaitMessage("유저1", text);
            assertThat(reader.shownText(text)).as("shown on four lines").isEqualTo(text);
            assertThat(reader.linksInLine(text))
                    .extracting(ChatPage.Link::href)
                    .containsExactly("https://example.org/a");
            terminal.say("한 줄\n또 한 줄");
            assertThat(reader.shownText(reader.awaitMessage("터미널", "한 줄\n또 한 줄").text()))
                    .isEqualTo("한 줄\n또 한 줄");
            reader.screenshot("multi-line-phone");

            // The server's limit is bytes (4096), and a Hangul syllable is three: the box counts them near it.
            sender.paste("가".repeat(1365));
            assertThat(sender.element("composer-count").getText()).isEqualTo("4095/4096바이트");
            sender.paste("a");
            assertThat(sender.element("composer-count").getText()).isEqualTo("4096/4096바이트");
            sender.paste("b");
            assertThat(sender.element("composer-count").getText()).isEqualTo("4097/4096바이트");
            assertThat(sender.element("composer-count").getDomAttribute("class"))
                    .contains("over");
            assertThat(sender.composerHeight())
                    .as("no taller than six lines: then it scrolls")
                    .isLessThan(oneLine * 6);
            sender.type("composer-input", Keys.ENTER.toString());
            sender.awaitText("메세지가 너무 깁니다 (최대 4096바이트).");
            sender.screenshot("composer-over-the-limit");
            sender.element("composer-input").sendKeys(Keys.BACK_SPACE);
            sender.type("composer-input", Keys.ENTER.toString());
            assertThat(chatLine(terminal).bodyText()).hasSize(1366).endsWith("a");
            assertThat(sender.element("composer-count").isDisplayed()).isFalse();
        }
    }

    @Test
    void markupInANameOrAMessageShowsAsTextAndIrcFormattingAndControlCharactersAreNotShown() throws Exception {
        String name = "<img src=x onerror=alert(1)>";
        String message = "<script>document.title='pwned'</script><b>굵게?</b>";
        try (TestServer server = TestServer.start();
                ChatPage writer = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage reader = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient ircStyle = server.joined("irssiuser")) {
            writer.join(name);
            reader.join("유저2");
            writer.say(message);
            reader.awaitMessage(name, message);
            reader.awaitMembers(members -> members.contains(name + " member"));
            assertThat(reader.element("member-list").findElements(By.cssSelector("img")))
                    .isEmpty();

            // What IRC clients put in chat text: formatting codes, CTCP; and what nobody's page should obey.
            ircStyle.say("\u0002굵게\u0002 \u000304,01빨강\u0003 \u001b[2J \u202Eabc");
            reader.awaitMessage("irssiuser", "굵게 빨강 \uFFFD[2J \uFFFDabc");
            ircStyle.say("\u0001ACTION \u001D손을\u001D 흔듭니다\u0001");
            reader.awaitText("* irssiuser 손을 흔듭니다");
            // A query the server answers for a page is not shown; one nobody answers is.
            sendPrivate(ircStyle, "유저2", "\u0001VERSION\u0001");
            sendPrivate(ircStyle, "유저2", "\u0001FINGER\u0001");
            reader.awaitUnread("dm-list", "irssiuser", 1);
            reader.openPrivate("irssiuser");
            reader.awaitMessage("irssiuser", "CTCP FINGER");
            assertThat(reader.lines(null)).noneMatch(l -> l.text().contains("VERSION"));
            assertThat(reader.element("logs").findElements(By.cssSelector("img, script, b")))
                    .isEmpty();
            assertThat(reader.driver().getTitle()).isNotEqualTo("pwned");
            assertThatThrownBy(() -> reader.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            reader.screenshot("markup-as-text");
        }
    }

    @Test
    void anAddressInSomeonesTextIsALinkOpeningInANewTabWithoutTheSentencesEnd() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            ChatPage.Link example = new ChatPage.Link(
                    "https://example.org/x?y=1",
                    "https://example.org/x?y=1",
                    "_blank",
                    "noopener noreferrer nofollow",
                    null);

            terminal.say("자료는 https://example.org/x?y=1. 확인해 보세요");

            page.awaitMessage("터미널", "자료는 https://example.org/x?y=1. 확인해 보세요");
            assertThat(page.linksInLine("자료는 https://example.org/x?y=1. 확인해 보세요"))
                    .containsExactly(example);

            // A topic, in the conversation's head and in the line that says it was set.
            assertThat(terminal.joinRoom("news").statusCode()).isEqualTo(200);
            page.joinRoom("news");
            assertThat(textRequest(terminal, Methods.TOPIC, Targets.room("news"), "공지 (https://example.org/notice)"))
                    .isEqualTo(200);
            page.awaitText("터미널님이 주제를 바꿨습니다: 공지 (https://example.org/notice)");
            assertThat(page.linksInLine("터미널님이 주제를 바꿨습니다: 공지 (https://example.org/notice)"))
                    .extracting(ChatPage.Link::href)
                    .containsExactly("https://example.org/notice");
            assertThat(page.element("conv-topic").getText()).isEqualTo("주제: 공지 (https://example.org/notice)");
            assertThat(page.linksIn("conv-topic"))
                    .extracting(ChatPage.Link::text)
                    .containsExactly("https://example.org/notice");

            // A private message, and the away message its answer brings.
            sendPrivate(terminal, "유저1", "여기요: https://example.org/x?y=1");
            page.awaitUnread("dm-list", "터미널", 1);
            page.openPrivate("터미널");
            page.awaitMessage("터미널", "여기요: https://example.org/x?y=1");
            assertThat(page.linksInLine("여기요: https://example.org/x?y=1")).containsExactly(example);
            assertThat(textRequest(terminal, Methods.AWAY, Targets.SERVER, "점심, https://example.org/menu 참고"))
                    .isEqualTo(200);
            page.say("고마워요");
            page.awaitText("터미널님은 자리 비움 중입니다: 점심, https://example.org/menu 참고");
            assertThat(page.linksInLine("터미널님은 자리 비움 중입니다: 점심, https://example.org/menu 참고"))
                    .extracting(ChatPage.Link::href)
                    .containsExactly("https://example.org/menu");
            page.screenshot("links");
        }
    }

    @Test
    void javascriptAndMarkupStayPlainTextAndALineWithoutAnAddressIsUnchanged() throws Exception {
        List<String> said = List.of(
                "javascript:alert(1)",
                "<img src=x onerror=alert(1)><b>굵게</b>",
                "data:text/html,<script>alert(1)</script>",
                "주소가 없는 줄입니다. (그대로)");
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");

            for (String text : said) terminal.say(text);

            for (String text : said) {
                page.awaitMessage("터미널", text);
                assertThat(page.lineIsPlainText(text)).as(text).isTrue();
            }
            assertThat(page.element("logs").findElements(By.cssSelector("a, img, b, script")))
                    .isEmpty();
            assertThatThrownBy(() -> page.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    @Test
    void anAddressEndsBeforeTheSentencesPunctuationAndKoreanWordsAndOnlyHttpAndHttpsAreLinks() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
            cases.put(
                    "see https://example.org/a.",
                    List.of("see ", "[https://example.org/a](https://example.org/a)", "."));
            cases.put("https://example.org/a, b", List.of("[https://example.org/a](https://example.org/a)", ", b"));
            cases.put("(https://example.org/a)", List.of("(", "[https://example.org/a](https://example.org/a)", ")"));
            cases.put(
                    "https://en.wikipedia.org/wiki/Foo_(bar)",
                    List.of("[https://en.wikipedia.org/wiki/Foo_(bar)](https://en.wikipedia.org/wiki/Foo_(bar))"));
            cases.put("https://example.org/a!?", List.of("[https://example.org/a](https://example.org/a)", "!?"));
            cases.put("'https://example.org/a'", List.of("'", "[https://example.org/a](https://example.org/a)", "'"));
            cases.put(
                    "\"https://example.org/a\"", List.of("\"", "[https://example.org/a](https://example.org/a)", "\""));
            cases.put("https://example.org/a입니다.", List.of("[https://example.org/a](https://example.org/a)", "입니다."));
            cases.put("https://example.org에서 봐요", List.of("[https://example.org](https://example.org/)", "에서 봐요"));
            cases.put("https://example.org/a。", List.of("[https://example.org/a](https://example.org/a)", "。"));
            cases.put(
                    "https://ko.wikipedia.org/wiki/한국어",
                    List.of(
                            "[https://ko.wikipedia.org/wiki/한국어](https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%96%B4)"));
            cases.put(
                    "http://a.example/1 https://b.example/2",
                    List.of(
                            "[http://a.example/1](http://a.example/1)",
                            " ",
                            "[https://b.example/2](https://b.example/2)"));
            cases.put("javascript:alert(1)", List.of("javascript:alert(1)"));
            cases.put("ftp://example.org/a", List.of("ftp://example.org/a"));
            cases.put("https://.", List.of("https://."));
            cases.put("주소 없음", List.of("주소 없음"));

            for (Map.Entry<String, List<String>> each : cases.entrySet()) {
                assertThat(page.linkified(each.getKey())).as(each.getKey()).isEqualTo(each.getValue());
            }
        }
    }

    @Test
    void aLinkWhoseHostCouldPassForALatinOneShowsItsPunycodeAndOtherHostsTheirOwnLetters() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            String rel = "noopener noreferrer nofollow";

            // All Cyrillic, it reads as apple.com; Hangul; Latin and Cyrillic in one label; plain ASCII.
            terminal.say(
                    "로그인: https://аррӏе.com/login 한국: https://한국.kr 섞임: https://аpple.com 보통: https://example.org/x");

            String shown = "로그인: https://xn--80ak6aa92e.com/login 한국: https://한국.kr 섞임: https://xn--pple-43d.com"
                    + " 보통: https://example.org/x";
            page.awaitMessage("터미널", shown);
            assertThat(page.linksInLine(shown))
                    .containsExactly(
                            new ChatPage.Link(
                                    "https://xn--80ak6aa92e.com/login",
                                    "https://xn--80ak6aa92e.com/login",
                                    "_blank",
                                    rel,
                                    page.text("link.punycode", "https://xn--80ak6aa92e.com/login")),
                            new ChatPage.Link("https://한국.kr", "https://xn--3e0b707e.kr/", "_blank", rel, null),
                            new ChatPage.Link(
                                    "https://xn--pple-43d.com",
                                    "https://xn--pple-43d.com/",
                                    "_blank",
                                    rel,
                                    page.text("link.punycode", "https://xn--pple-43d.com/")),
                            new ChatPage.Link("https://example.org/x", "https://example.org/x", "_blank", rel, null));
            assertThat(page.text("link.punycode", "https://xn--pple-43d.com/"))
                    .startsWith("이 주소의 이름에")
                    .endsWith(": https://xn--pple-43d.com/");
            page.screenshot("lookalike-links");
        }
    }

    @Test
    void aHostIsShownInItsOwnLettersOnlyWhenEveryLabelIsOfOneWritingAndNoneIsALatinLookalike() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
            // Shown in their own letters: one script a label, or Latin with the scripts of Japanese or Korean.
            cases.put("https://пример.рф", List.of("[https://пример.рф](https://xn--e1afmkfd.xn--p1ai/)"));
            // Made only of Latin-looking Cyrillic letters, but under a Cyrillic top-level domain: a Russian word.
            cases.put("https://сахар.рф", List.of("[https://сахар.рф](https://xn--80aa2cbv.xn--p1ai/)"));
            cases.put("https://例え.jp", List.of("[https://例え.jp](https://xn--r8jz45g.jp/)"));
            cases.put("https://テストabc.jp", List.of("[https://テストabc.jp](https://xn--abc-4k4bocn.jp/)"));
            cases.put("https://bücher.de/a", List.of("[https://bücher.de/a](https://xn--bcher-kva.de/a)"));
            cases.put("https://ελληνικά.gr", List.of("[https://ελληνικά.gr](https://xn--hxargifdar.gr/)"));
            cases.put("https://ไทย.th", List.of("[https://ไทย.th](https://xn--o3cw4h.th/)"));
            cases.put("https://www.한국.kr", List.of("[https://www.한국.kr](https://www.xn--3e0b707e.kr/)"));
            // Written in punycode, shown as the browser's address bar shows it.
            cases.put("https://xn--3e0b707e.kr", List.of("[https://한국.kr](https://xn--3e0b707e.kr/)"));
            // In punycode: Cyrillic or Greek letters that all look Latin, a phonetic ɡ, a symbol, a mixed label.
            cases.put(
                    "see https://аррӏе.com.",
                    List.of("see ", "[https://xn--80ak6aa92e.com](https://xn--80ak6aa92e.com/)", "."));
            cases.put("https://ѕсоре.com", List.of("[https://xn--e1argc3h.com](https://xn--e1argc3h.com/)"));
            cases.put("https://аррӏе1.com", List.of("[https://xn--1-7sbp7ba27f.com](https://xn--1-7sbp7ba27f.com/)"));
            cases.put("https://και.gr", List.of("[https://xn--mxaqb.gr](https://xn--mxaqb.gr/)"));
            cases.put("https://ɡoogle.com", List.of("[https://xn--oogle-qmc.com](https://xn--oogle-qmc.com/)"));
            // (A symbol is no link's letter, but it can be written in punycode: ☺.)
            cases.put("https://xn--74h.com", List.of("[https://xn--74h.com](https://xn--74h.com/)"));
            cases.put("https://рaypal.com", List.of("[https://xn--aypal-uye.com](https://xn--aypal-uye.com/)"));
            // Latin letters with a mark, or a dotless ı, taken for a well-known site's name; other names keep theirs.
            cases.put("https://gıthub.com", List.of("[https://xn--gthub-n4a.com](https://xn--gthub-n4a.com/)"));
            cases.put("https://ápple.com/id", List.of("[https://xn--pple-4na.com/id](https://xn--pple-4na.com/id)"));
            cases.put("https://nâver.com", List.of("[https://xn--nver-boa.com](https://xn--nver-boa.com/)"));
            cases.put("https://café.fr", List.of("[https://café.fr](https://xn--caf-dma.fr/)"));
            // One label that fails shows the whole host in punycode; a name@, a :port and the path stay as written.
            cases.put(
                    "https://한국.аррӏе.com",
                    List.of("[https://xn--3e0b707e.xn--80ak6aa92e.com](https://xn--3e0b707e.xn--80ak6aa92e.com/)"));
            cases.put(
                    "https://me@аррӏе.com:8443/a?b#c",
                    List.of("[https://me@xn--80ak6aa92e.com:8443/a?b#c](https://me@xn--80ak6aa92e.com:8443/a?b#c)"));
            // ASCII hosts, and what maps to one, are as written.
            cases.put("https://Example.org/A", List.of("[https://Example.org/A](https://example.org/A)"));

            for (Map.Entry<String, List<String>> each : cases.entrySet()) {
                assertThat(page.linkified(each.getKey())).as(each.getKey()).isEqualTo(each.getValue());
            }
        }
    }

    @Test
    void aReasonForPartingOrLeavingIsShownAfterTheLine() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                java.net.Socket irc = new java.net.Socket("127.0.0.1", server.ircPort())) {
            page.join("유저1");
            irc.getOutputStream().write("NICK 위챗\r\nUSER u 0 * :u\r\nJOIN #lobby\r\n".getBytes(StandardCharsets.UTF_8));
            page.awaitText("위챗님이 입장하였습니다.");

            irc.getOutputStream().write("PART #lobby :잘 있어요\r\n".getBytes(StandardCharsets.UTF_8));

            page.awaitText("위챗님이 방을 나갔습니다. (잘 있어요)");
        }
    }

    @Test
    void aRefusedCommandStaysInTheMessageBoxSelectedSoThatWhatIsTypedNextReplacesIt() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");

            refusedAndSelected(page, "/bogus", "알 수 없는 명령어입니다: /bogus (명령어 목록은 /도움말)");

            page.say("/join bad room name!");
            page.awaitText("사용할 수 없는 방 이름입니다: bad room name! (32자까지, 글자와 숫자, 그리고 다음 문자만 쓸 수 있습니다: - _ . +)");
            assertThat(page.element("composer-input").getDomProperty("value"))
                    .as("typed over the selection, not appended to it; and a room name refused is kept as well")
                    .isEqualTo("/join bad room name!");
            assertThat(composerSelection(page)).isEqualTo("/join bad room name!");

            refusedAndSelected(page, "/입장", "사용법: /입장 방 [방열쇠] (/join)");

            page.say("/join study");
            page.awaitTitle("study");
            assertThat(page.element("composer-input").getDomProperty("value"))
                    .as("a command taken empties the box")
                    .isEmpty();
        }
    }

    @Test
    void aCommandTheServerRefusesComesBackSelectedSoThatTheNextLineTypedReplacesIt() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient tom = server.joined("tom");
                ChatPage page = ChatPage.open(server, DESKTOP, ENGLISH)) {
            page.join("webbob");
            page.awaitMembers(members -> members.contains("tom member"));

            // Trial 12: a private message to a name nobody has, refused by the server, then the next line typed.
            refusedAndSelected(
                    page, "/w nobody2 hello there", "Not sent to nobody2: Nobody connected is called nobody2.");
            page.say("this is my next chat line");
            assertThat(chatLine(tom).bodyText()).isEqualTo("this is my next chat line");
            assertThat(page.composerText()).isEmpty();

            // Every command the server refuses, alike: a name taken, a topic or an invitation that is not ours to give.
            refusedAndSelected(page, "/nick tom", "That name is taken. Please choose another.");
            assertThat(tom.joinRoom("ops").statusCode()).isEqualTo(200);
            page.joinRoom("ops");
            refusedAndSelected(page, "/topic release at 3", "Only the room's owner or the administrator can do that.");
            refusedAndSelected(page, "/invite tom", "tom is in this room already.");

            // Trial 12 again: refused in a private conversation, the next command typed over it goes out alone.
            page.whisperTo("tom");
            refusedAndSelected(page, "/w ghost web to offline", "Not sent to ghost: Nobody connected is called ghost.");
            assertThat(page.entry("dm-list", "ghost")).isEmpty();
            page.say("/away in a meeting");
            page.awaitText("You are marked as away");
            assertThat(tom.nextMatching(m -> m.method().equals(Methods.AWAY)).bodyText())
                    .isEqualTo("in a meeting");
            assertThat(page.composerText()).isEmpty();
        }
    }

    /**
     * Trial 12: after {@code /nick tommy}, {@code /w tom} said only that nobody is called tom. The server's 404 names
     * the name its holder goes by now ({@code New-Name}), and the page says it as the terminal does: a first message in
     * a private conversation opened before the rename (the page shares no room with tom any more, so was not told of
     * it), {@code /w} to the old name with no conversation open, and {@code /invite}, in either language.
     */
    @Test
    void aPrivateMessageOrInvitationToANameGivenUpByARenameSaysTheNameItsHolderGoesByNow() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient tom = server.joined("tom");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage english = ChatPage.open(server, DESKTOP, ENGLISH)) {
            page.join("웹유저");
            page.whisperTo("tom");
            assertThat(tom.joinRoom("elsewhere").statusCode()).isEqualTo(200);
            assertThat(tom.request(OcpMessage.request(Methods.PART, Targets.room("lobby"))
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(tom.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                                    .header(HeaderNames.NAME, "tommy")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);

            page.say("안녕하세요");
            page.awaitLine(
                    null,
                    l -> l.failure().equals("보내지 못했습니다: 접속한 사람 중에 tom님은 없습니다 (지금 이름: tommy)."),
                    "the first line to tom, not sent, saying tom's name now");
            page.joinRoom("study");
            refusedAndSelected(page, "/invite tom", "접속한 사람 중에 tom님은 없습니다 (지금 이름: tommy).");

            english.join("webbob");
            refusedAndSelected(
                    english,
                    "/w tom are you there?",
                    "Not sent to tom: Nobody connected is called tom (now named tommy).");
            assertThat(english.entry("dm-list", "tom"))
                    .as("no conversation opened")
                    .isEmpty();
            english.joinRoom("study");
            refusedAndSelected(english, "/invite tom", "Nobody connected is called tom (now named tommy).");
            // A name nobody had is told as before.
            refusedAndSelected(english, "/w ghost hi", "Not sent to ghost: Nobody connected is called ghost.");
        }
    }

    @Test
    void aRefusalThatComesAfterTheReaderTypedAgainLeavesTheMessageBoxAsTheReaderLeftIt() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                TestClient tom = server.joined("tom");
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, ENGLISH)) {
            page.join("webbob");
            page.awaitMembers(members -> members.contains("tom member"));

            proxy.holdAnswers(); // the refusal comes late, after the reader went on
            page.say("/nick tom");
            page.type("composer-input", "half a thought");
            proxy.resume();
            page.awaitText("That name is taken. Please choose another.");
            assertThat(page.composerText()).isEqualTo("half a thought");
            assertThat(composerSelection(page)).isEmpty();

            page.element("composer-input").clear();
            proxy.holdAnswers();
            page.say("/w ghost hello");
            page.type("composer-input", "x" + Keys.BACK_SPACE); // typed, then thought better of it: empty again
            proxy.resume();
            page.awaitText("Not sent to ghost: Nobody connected is called ghost.");
            assertThat(page.composerText()).as("typed in since: not given back").isEmpty();
        }
    }

    @Test
    void theMessageBoxTakesTheTerminalsCommandsAndExplainsAnIncompleteOne() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("유저1");
            page.say("/kick");
            page.awaitText("사용법: 방에서 /강퇴 이름 [이유] (/kick; 방장, 관리자; 이름에 공백이 있고 이유를 쓰려면 이름을 따옴표로 묶습니다: \"채팅 손님\")");
            page.element("composer-input").clear();
            page.say("/kick 터미널");
            page.awaitText("방장이나 관리자만 할 수 있습니다.");
            page.joinRoom("study");
            page.say("/kick 터미널"); // connected, in the lobby only
            page.awaitText("터미널님은 이 방에 없습니다.");
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);
            page.awaitText("터미널님이 입장하였습니다.");
            page.say("/who");
            page.awaitText("[study] 참여자 2명: 유저1 (방장), 터미널");
            page.say("/rooms");
            page.awaitLine(
                    null,
                    l -> l.text().startsWith("방 목록: ")
                            && l.text().contains("lobby (2/5명)")
                            && l.text().contains("study (2/5명)"),
                    "the rooms");
            page.say("/help");
            page.awaitText("/강퇴 이름 [이유] (/kick): 지금 방에서 내보냅니다 (방장, 관리자)");
            page.say("/shutdown");
            page.awaitText("관리자만 사용할 수 있습니다"); // the terminal's words (README)

            page.say("/행동 손을 흔듭니다");
            assertThat(chatLine(terminal).bodyText()).isEqualTo("\u0001ACTION 손을 흔듭니다\u0001");
            page.say("//usr/bin 에 있어요");
            assertThat(chatLine(terminal).bodyText()).isEqualTo("/usr/bin 에 있어요");

            page.say("/w 터미널");
            page.awaitText("사용법: /귓속말 이름 내용 (/w; 이름에 공백이 있으면 따옴표로 묶습니다: \"채팅 손님\")");
            page.element("composer-input").clear();
            page.say("/입장");
            page.awaitText("사용법: /입장 방 [방열쇠] (/join)");
            page.say("/행동");
            page.awaitText("사용법: /행동 내용 (/me)");
            page.element("composer-input").clear();
            // A first private message to a name nobody has: refused here, and no conversation is left behind.
            page.say("/w 없는사람 안녕");
            assertThat(page.awaitText("없는사람님에게 귓속말을 보내지 못했습니다: 접속한 사람 중에 없는사람님은 없습니다.")
                            .classes())
                    .contains("error");
            page.awaitTitle("study");
            assertThat(page.entry("dm-list", "없는사람")).isEmpty();
            assertThat(page.element("composer-input").getDomProperty("value")).isEqualTo("/w 없는사람 안녕");
            page.element("composer-input").clear();

            page.say("/강퇴 터미널 도배 그만");
            String kickLine = "터미널님이 유저1님에 의해 강제 퇴장되었습니다. (도배 그만)";
            page.awaitText(kickLine);
            OcpMessage kicked = terminal.nextMatching(m -> m.method().equals(Methods.LEFT));
            assertThat(kicked.target()).isEqualTo(Targets.room("study"));
            assertThat(kicked.header(HeaderNames.REASON)).contains("kicked");
            assertThat(kicked.bodyText()).isEqualTo("도배 그만");
            assertThat(page.element("composer-input").getDomProperty("value")).isEmpty();
            TestClient admin = server.joined(Names.ADMINISTRATOR);
            assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);
            page.awaitText(Names.ADMINISTRATOR + "님이 입장하였습니다.");
            page.say("/kick " + Names.ADMINISTRATOR);
            page.awaitText("관리자는 강제 퇴장시킬 수 없습니다.");
            assertThat(page.colorOf(kickLine))
                    .as("one's own kick is no error")
                    .isNotEqualTo(page.colorOf("관리자는 강제 퇴장시킬 수 없습니다."));

            page.openRoom("lobby");
            terminal.request(OcpMessage.request(Methods.AWAY, Targets.SERVER)
                    .body("회의 중")
                    .build());
            page.awaitMembers(members -> members.contains("터미널 member away"));
            page.say("/자리비움 점심");
            page.awaitText("자리 비움으로 표시했습니다");
            assertThat(terminal.nextMatching(m -> m.method().equals(Methods.AWAY))
                            .bodyText())
                    .isEqualTo("점심");
            page.say("/w 터미널 끝나면 알려주세요");
            page.awaitText("터미널님은 자리 비움 중입니다: 회의 중");
            // Joining while away: the JOINED event says so, and the list shows it at once.
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);
            page.openRoom("study");
            page.awaitMembers(members -> members.contains("터미널 member away"));

            // Kicked from a room not on screen: told in the conversation on screen too, as an error.
            assertThat(admin.request(OcpMessage.request(Methods.KICK, Targets.room("lobby"))
                                    .header(HeaderNames.NAME, "유저1")
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("자리 정리")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(page.awaitText("[lobby] 방에서 채팅관리자님에 의해 강제 퇴장되었습니다. (자리 정리)")
                            .classes())
                    .contains("error");
            page.awaitTitle("study");

            // Leaving a room moves on to one still joined, as the terminal does, with the message box usable.
            page.say("/입장 분임조");
            page.awaitTitle("분임조");
            page.say("/퇴장");
            page.awaitTitle("study");
            page.awaitText("[분임조] 방에서 나왔습니다.");
            assertThat(page.element("composer-input").isEnabled()).isTrue();

            page.say("/종료");
            page.awaitLoginForm();
        }
    }

    @Test
    void aMemberRenamesItselfAndTheOthersSeeTheNewNameInTheirListsAndLinesWithNoPeriodAfterIt() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient terminal = server.joined("터미널");
                ChatPage renamer = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage other = ChatPage.open(server, DESKTOP, KOREAN)) {
            renamer.join("유저1");
            other.join("유저2");
            renamer.awaitText("유저2님이 입장하였습니다.");
            other.say("/w 유저1 이름 바꿀 거예요?");
            renamer.awaitUnread("dm-list", "유저2", 1);
            other.openRoom("lobby");
            other.awaitMembers(members -> members.contains("유저1 member"));

            renamer.say("/nick");
            renamer.awaitText("사용법: /이름변경 새이름 (/nick; 공백이 있으면 따옴표로 묶습니다: \"채팅 손님\")");
            renamer.element("composer-input").clear();
            renamer.say("/nick 터미널");
            renamer.awaitText("이미 사용 중인 이름입니다. 다른 이름을 골라 주십시오.");
            assertThat(renamer.me()).as("refused: nothing changes").isEqualTo("유저1 (나)");

            renamer.say("/이름변경 새이름");
            renamer.awaitText("이름을 바꿨습니다: 새이름");
            assertThat(renamer.me()).isEqualTo("새이름 (나)");
            assertThat(renamer.savedName()).isEqualTo("새이름");
            renamer.awaitMembers(members -> members.equals(List.of("터미널 member", "새이름 member", "유저2 member")));
            assertThat(renamer.entry("member-list", "새이름")
                            .orElseThrow()
                            .findElement(By.cssSelector("button.member"))
                            .isEnabled())
                    .as("its own entry, which it cannot whisper to")
                    .isFalse();
            OcpMessage renamed = terminal.nextMatching(m -> m.method().equals(Methods.RENAMED));
            assertThat(renamed.header(HeaderNames.NAME)).contains("유저1");
            assertThat(renamed.header(HeaderNames.NEW_NAME)).contains("새이름");

            // The other page: a line, the member list, and the private conversation under the new name.
            other.awaitText("유저1님이 이름을 바꿨습니다: 새이름");
            other.awaitMembers(members -> members.equals(List.of("터미널 member", "새이름 member", "유저2 member")));
            assertThat(other.entry("dm-list", "유저1")).isEmpty();
            other.openPrivate("새이름");
            other.awaitTitle("새이름님과 귓속말");
            other.awaitMessage("나", "이름 바꿀 거예요?");
            other.awaitText("유저1님이 이름을 바꿨습니다: 새이름");
            other.say("새 이름 좋네요");
            renamer.awaitUnread("dm-list", "유저2", 2);

            renamer.say("새 이름으로 인사합니다");
            assertThat(renamer.awaitMessage("새이름", "새 이름으로 인사합니다").classes()).contains("own");
            OcpMessage heard = chatLine(terminal);
            assertThat(heard.header(HeaderNames.FROM)).contains("새이름");
            assertThat(heard.bodyText()).isEqualTo("새 이름으로 인사합니다");
            other.openRoom("lobby");
            other.awaitMessage("새이름", "새 이름으로 인사합니다");

            // A terminal user's new name, markup included, shows as text.
            assertThat(terminal.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                                    .header(HeaderNames.NAME, "<i>터미널</i>")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            renamer.awaitText("터미널님이 이름을 바꿨습니다: <i>터미널</i>");
            renamer.awaitMembers(members -> members.contains("<i>터미널</i> member"));
            assertThat(renamer.element("logs").findElements(By.tagName("i"))).isEmpty();
            assertThat(renamer.element("member-list").findElements(By.tagName("i")))
                    .isEmpty();
            renamer.screenshot("renamed");
            other.screenshot("renamed-other");

            // After a server restart the page comes back under the name it took.
            server.stop();
            renamer.awaitStatus(status -> status.startsWith("연결이 끊어졌습니다."));
            server.startAgain();
            renamer.reconnectNow();
            assertThat(server.lobbyNames()).contains("새이름").doesNotContain("유저1");
            assertThat(renamer.me()).isEqualTo("새이름 (나)");
        }
    }

    @Test
    void partWithARoomNameLeavesThatRoomNotTheOneOnScreenAndARoomNotJoinedIsSaid() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN)) {
            page.join("수진");
            page.say("/입장 vocab");
            page.awaitTitle("vocab");
            page.say("/입장 grammar");
            page.awaitTitle("grammar");

            // The terminal's habit: the room named is left, said where the person is, who stays in the room on screen.
            page.say("/퇴장 vocab");

            page.awaitText("[vocab] 방에서 나왔습니다.");
            page.awaitRoomList("room-list", rooms -> rooms.stream().noneMatch(room -> room.startsWith("vocab ")));
            page.awaitTitle("grammar");
            assertThat(page.roomList("room-list")).anyMatch(room -> room.startsWith("grammar "));
            page.say("/part #vocab");
            page.awaitText("[vocab] 방에 들어가 있지 않습니다.");
            page.say("/도움말 퇴장");
            page.awaitText("/퇴장 [방] (/part): 방에서 나옵니다. 방 없이 쓰면 지금 방에서 나옵니다. 접속은 유지됩니다");
            page.awaitText("사용법: /퇴장 [방] (/part; 방 없이 쓰면 지금 방)");

            // Alone, the room on screen.
            page.say("/퇴장");
            page.awaitRoomList("room-list", rooms -> rooms.stream().noneMatch(room -> room.startsWith("grammar ")));
            page.awaitText("[grammar] 방에서 나왔습니다.");
        }
    }
}
