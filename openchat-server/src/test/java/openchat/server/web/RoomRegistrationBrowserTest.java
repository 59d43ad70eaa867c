package openchat.server.web;

import static openchat.server.web.Chromium.Language.ENGLISH;
import static openchat.server.web.Chromium.Language.KOREAN;
import static openchat.server.web.Chromium.Window.DESKTOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import openchat.core.MemberView;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.PausingProxy;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registered room on the web page (docs/PROTOCOL.md, REGISTER, CLAIM and Room-Key): its owner registers it and is
 * shown the key once, the browser keeps the key and shows it whenever the page enters the room, so that the owner owns
 * the room again after a reload or a reconnect; a key the room no longer takes is forgotten and the room entered
 * without it; a key typed in takes the room, and every page says from whom. Headless Chromium, as {@link
 * WebClientBrowserTest}.
 */
class RoomRegistrationBrowserTest {
    @BeforeEach
    void chromiumIsInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void quitTheBrowsers() {
        Chromium.quitAll();
    }

    /** The page joins as 유저1, makes the room study and registers it: the key it is shown. */
    private static String registersStudy(ChatPage page) {
        page.join("유저1");
        page.joinRoom("study");
        page.say("/방등록");
        return page.shownRoomKey();
    }

    @Test
    void anOwnerWhoRegistersItsRoomIsShownItsKeyOnceWithACopyButtonAndTheBrowserKeepsIt() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            String key = registersStudy(page);

            page.awaitText("[study] 방을 등록했습니다. 방 열쇠:");
            assertThat(key).matches("[a-z2-7]{26}");
            assertThat(page.keptRoomKey("study")).as("kept in the browser").isEqualTo(key);
            page.awaitText(page.text("register.kept"));
            page.allowClipboard();
            page.copyRoomKey();
            page.awaitCopyButton(text -> text.equals("복사했습니다"));
            assertThat(page.clipboard()).isEqualTo(key);
            page.screenshot("room-registered");

            // It is the room's key: shown on joining (in capitals: keys are compared case aside), it takes the room.
            OcpMessage joined = terminal.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                    .header(HeaderNames.ROOM_KEY, key.toUpperCase(Locale.ROOT))
                    .build());
            assertThat(joined.statusCode()).isEqualTo(200);
            assertThat(joined.header(HeaderNames.ROOM_ROLE)).contains("owner");
            page.awaitText("터미널님이 방 열쇠를 보여 이 방의 방장이 되었습니다. 당신은 이제 방장이 아닙니다.");
            page.awaitMembers(members -> members.equals(List.of("유저1 member", "터미널 owner")));
        }
    }

    @Test
    void anOwnerWhoComesBackOwnsTheRoomAgainByTheKeptKeyAfterAReloadAndAReconnect() throws Exception {
        try (TestServer server = TestServer.start();
                PausingProxy proxy = PausingProxy.to(server.httpPort());
                ChatPage page = ChatPage.open("127.0.0.1", proxy.port(), DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            registersStudy(page);
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);
            page.awaitMembers(members -> members.equals(List.of("유저1 owner", "터미널 member")));

            // Gone from the room for a moment (the terminal user owns it meanwhile), back in by the reload itself.
            page.reload();

            page.awaitTitle("study");
            String back = "방 열쇠를 보여 터미널님 대신 이 방의 방장이 되었습니다.";
            page.awaitText(back);
            page.awaitMembers(members -> members.equals(List.of("터미널 member", "유저1 owner")));
            OcpMessage told = terminal.nextMatching(m -> m.method().equals(Methods.OWNER)
                    && m.header(HeaderNames.NAME).equals(Optional.of("유저1")));
            assertThat(told.header(HeaderNames.PREVIOUS)).contains("터미널");

            // A dropped connection: the terminal user owns the room until the page is back, by itself.
            proxy.down();
            terminal.nextMatching(m -> m.header(HeaderNames.OWNER).equals(Optional.of("터미널"))
                    || m.method().equals(Methods.OWNER)
                            && m.header(HeaderNames.NAME).equals(Optional.of("터미널")));
            proxy.up();

            page.awaitStatus(status -> status.equals("연결됨"));
            page.awaitTextTimes(back, 2);
            page.awaitMembers(members -> members.equals(List.of("터미널 member", "유저1 owner")));
            assertThat(server.server().core().who("study").stream().map(MemberView::name))
                    .containsExactly("터미널", "유저1");
        }
    }

    @Test
    void aKeptKeyTheRoomNoLongerTakesIsForgottenSaidAndTheRoomIsEnteredWithoutIt() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            String old = registersStudy(page);
            // The terminal user shows the key, then gives the room a new one: the page's is stale.
            assertThat(terminal.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                                    .header(HeaderNames.ROOM_KEY, old)
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            OcpMessage registered = terminal.request(
                    OcpMessage.request(Methods.REGISTER, Targets.room("study")).build());
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.header(HeaderNames.ROOM_KEY)).isPresent().isNotEqualTo(Optional.of(old));
            page.say("/퇴장");
            page.awaitText("[study] 방에서 나왔습니다.");

            page.say("/입장 study");

            String forgotten = page.text("roomKey.forgotten", "study");
            assertThat(forgotten).startsWith("이 브라우저에 저장된 [study] 방의 열쇠가 맞지 않아 지웠습니다");
            page.awaitTitle("study");
            page.awaitText(forgotten);
            assertThat(page.keptRoomKey("study")).as("forgotten").isNull();
            page.awaitMembers(members -> members.equals(List.of("터미널 owner", "유저1 member")));

            // Logging in straight into a room with a stale key: the name is not held, the room entered all the same.
            page.leave();
            page.keepRoomKey("study", old);
            page.chooseRoom("study");
            page.join("유저1");
            page.awaitTitle("study");
            page.awaitText(forgotten);
            assertThat(page.keptRoomKey("study")).isNull();
            assertThat(server.server().core().who("study").stream().map(MemberView::name))
                    .containsExactly("터미널", "유저1");
            assertThat(page.lines(null))
                    .as("said once, where the room is")
                    .filteredOn(l -> l.text().equals(forgotten))
                    .hasSize(1);
        }
    }

    @Test
    void aKeyTypedInTakesTheRoomAndEveryPageSaysFromWhomInItsLanguage() throws Exception {
        try (TestServer server = TestServer.start();
                TestClient registrant = server.client();
                ChatPage previous = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage claimant = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage reader = ChatPage.open(server, DESKTOP, ENGLISH)) {
            assertThat(registrant.connect("study", "등록자", null).statusCode()).isEqualTo(200);
            OcpMessage registered = registrant.request(
                    OcpMessage.request(Methods.REGISTER, Targets.room("study")).build());
            String key = registered.header(HeaderNames.ROOM_KEY).orElseThrow();
            previous.join("유저1");
            previous.say("/join study");
            previous.awaitTitle("study");
            registrant.request(
                    OcpMessage.request(Methods.PART, Targets.room("study")).build());
            previous.awaitText("당신이 이 방의 방장이 되었습니다.");
            claimant.join("유저2");
            claimant.say("/join study");
            claimant.awaitTitle("study");
            reader.join("reader");
            reader.say("/join study");
            reader.awaitTitle("study");

            claimant.say("/열쇠 abcdefghijklmnopqrstuvwxyz");
            claimant.awaitText("[study] 방의 열쇠가 아닙니다.");
            assertThat(claimant.keptRoomKey("study"))
                    .as("a wrong key is kept nowhere")
                    .isNull();

            claimant.say("/claim " + key.toUpperCase(Locale.ROOT));

            claimant.awaitText(claimant.text("claim.done", "study"));
            claimant.awaitText("방 열쇠를 보여 유저1님 대신 이 방의 방장이 되었습니다.");
            assertThat(claimant.keptRoomKey("study")).isEqualTo(key);
            previous.awaitText("유저2님이 방 열쇠를 보여 이 방의 방장이 되었습니다. 당신은 이제 방장이 아닙니다.");
            reader.awaitText("유저2 showed the room's key and owns this room now, in place of 유저1.");
            reader.awaitMembers(members -> members.equals(List.of("유저1 member", "유저2 owner", "reader member")));
            previous.awaitMembers(members -> members.equals(List.of("유저1 member", "유저2 owner", "reader member")));
            previous.screenshot("room-claimed-previous-owner");
            reader.screenshot("room-claimed-en");
        }
    }

    @Test
    void registeringAndDroppingARegistrationAreRefusedInPlainWordsAndDroppingForgetsTheKey() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient owner = server.client()) {
            page.join("유저1");
            page.say("/방등록");
            page.awaitText("로비는 누구의 방도 아니어서 등록할 수 없습니다.");
            page.say("/열쇠");
            page.awaitText("사용법: 방에서 /열쇠 열쇠 (/claim; /방등록 으로 받은 방 열쇠)");
            page.say("/help register");
            page.awaitText(page.text("help.register"));
            page.awaitText("사용법: /방등록 [방] (/register; 방 없이 쓰면 지금 방)");

            assertThat(owner.connect("study", "방장", null).statusCode()).isEqualTo(200);
            page.say("/입장 study");
            page.awaitTitle("study");
            page.say("/방등록");
            page.awaitText("방장이나 관리자만 할 수 있습니다.");
            page.say("/방등록 games");
            page.awaitText("[games] 방에 들어가 있지 않습니다.");

            // Registered by its owner, who leaves: the page owns it by presence, which is not holding its key.
            assertThat(owner.request(OcpMessage.request(Methods.REGISTER, Targets.room("study"))
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            owner.request(
                    OcpMessage.request(Methods.PART, Targets.room("study")).build());
            page.awaitText("당신이 이 방의 방장이 되었습니다.");
            page.say("/방등록");
            page.awaitText(
                    "[study] 방은 이미 등록되어 있습니다. 열쇠를 보인 방장이나 관리자만 새 열쇠를 받거나 등록을 풀 수 있습니다:" + " 먼저 /열쇠 열쇠 로 보여 주세요.");

            page.joinRoom("mine");
            page.say("/register");
            String key = page.shownRoomKey();
            assertThat(page.keptRoomKey("mine")).isEqualTo(key);
            page.say("/방등록");
            page.awaitTextTimes("[mine] 방을 등록했습니다. 방 열쇠:", 2);
            assertThat(page.shownRoomKey()).as("a new key").isNotEqualTo(key);
            assertThat(page.keptRoomKey("mine")).as("in place of the old").isEqualTo(page.shownRoomKey());

            page.say("/등록해제");
            page.awaitText("[mine] 방의 등록을 풀었습니다. 그 방의 열쇠는 이제 쓸 수 없습니다.");
            assertThat(page.keptRoomKey("mine")).as("forgotten").isNull();
            page.say("/unregister");
            page.awaitText("[mine] 방은 등록되어 있지 않습니다.");

            assertThat(page.refusalText(
                            503, Map.of("Error-Code", "too-many-registered-rooms", "Capacity", "10000"), "register"))
                    .isEqualTo("이 서버에는 등록된 방이 이미 최대인 10000개 있습니다. 관리자에게 문의해 주세요.");
        }
    }
}
