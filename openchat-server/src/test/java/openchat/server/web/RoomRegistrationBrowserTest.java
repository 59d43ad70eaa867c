package openchat.server.web;

import static openchat.server.web.Chromium.Language.ENGLISH;
import static openchat.server.web.Chromium.Language.KOREAN;
import static openchat.server.web.Chromium.Window.DESKTOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.PausingProxy;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A registered room on the web page (docs/PROTOCOL.md, REGISTER, CLAIM and Room-Key): its owner registers it and is
 * shown the key once, the browser keeps the key and shows it whenever the page enters the room, so that the owner owns
 * the room again after a reload or a reconnect; a key the room no longer takes is forgotten and the room entered
 * without it; a key typed in takes the room, and every page says from whom. Headless Chromium, as {@link
 * BrowserTest}.
 */
class RoomRegistrationBrowserTest extends BrowserTest {
    /**
     * What the heir of a registered room is told, as the terminal tells it: no 당신, the key takes the owner's place
     * (자리) back any time, and the commands that are its own now (not /방등록, which takes the key).
     */
    private static final String HEIR = "이 방의 방장이 되었습니다. 등록된 방이어서, 방 열쇠를 가진 사람이 열쇠를 입력하면 언제든 방장 자리를"
            + " 되찾습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제";

    /**
     * What a room's members are told when the administrator, who keeps no key, gives the room a new key: the facts
     * alone, where the key is, and no invitation to ask for it.
     */
    private static final String REKEYED_BY_ADMINISTRATOR =
            "채팅관리자님이 이 방에 새 열쇠를 주었습니다: 전의 열쇠는 이제 열리지 않습니다. 새" + " 열쇠는 관리자에게 있고, 그 열쇠를 입력하는 사람이 방장이 됩니다.";

    private static final String REKEYED_BY_ADMINISTRATOR_EN =
            "채팅관리자 gave this room a new key: the old key no longer works."
                    + " The key is with the administrator; whoever enters it owns the room.";

    /** The second line the present owner alone reads then: it owns the room until the key is entered, and how to stay. */
    private static final String OWNER_STAYS_BY_THE_KEY =
            "지금은 방장이지만, 방 열쇠를 입력하는 사람이 나타나면 방장 자리가 넘어갑니다." + " 방장으로 남으려면 관리자에게 열쇠를 받아 이렇게 입력하십시오: /열쇠 방열쇠";

    private static final String OWNER_STAYS_BY_THE_KEY_EN =
            "You own the room for now, but whoever enters its key takes it. To keep"
                    + " it, get the key from the administrator and enter: /claim KEY";

    /** What the holder of the key is told, taking the room from {@code previous}: the owner's commands, the key's too. */
    private static String ownerByKey(String previous) {
        return "방 열쇠로 이 방의 방장이 되었습니다 (이전 방장: " + previous + "). 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단,"
                + " /방차단해제, /인원제한, /삭제, /방등록, /등록해제";
    }

    /** What the owner the key displaced is told: the key's holder has it, typed or sent by its client by itself. */
    private static String ownerByKeyFromMe(String holder) {
        return "방 열쇠를 가진 " + holder + "님에게 이 방의 방장 자리가 넘어갔습니다.";
    }

    /** {@code client}'s request {@code method} of {@code room} (REGISTER, UNREGISTER, PART): the answer. */
    private static OcpMessage ask(TestClient client, String method, String room) {
        return client.request(OcpMessage.request(method, Targets.room(room)).build());
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
            String kept = page.text("register.kept", "study", key);
            assertThat(kept)
                    .as("how to use the key elsewhere: entering the room with it, or in the room")
                    .contains("/입장 study " + key, "/열쇠 " + key);
            page.awaitText(kept);
            page.awaitText("방에 아무도 없고 열쇠도 쓰이지 않은 채 90일이 지나면 등록이 만료됩니다.");
            assertThat(page.lines(null))
                    .as("a first registration replaced no key")
                    .noneMatch(l -> l.text().equals(page.text("register.replaced")));
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
            page.awaitText(ownerByKeyFromMe("터미널"));
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
            String back = ownerByKey("터미널");
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
            page.say("/퇴장");
            page.awaitText("[study] 방에서 나왔습니다.");
            // While the page is out of the room, the terminal user shows the key, then gives the room a new one: the
            // page's is stale, and the page was not there to hear it (a page in the room is told: below).
            assertThat(terminal.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                                    .header(HeaderNames.ROOM_KEY, old)
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            OcpMessage registered = ask(terminal, Methods.REGISTER, "study");
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.header(HeaderNames.ROOM_KEY)).isPresent().isNotEqualTo(Optional.of(old));
            assertThat(page.keptRoomKey("study")).as("not told, still kept").isEqualTo(old);

            page.say("/입장 study");

            String forgotten = page.text("roomKey.forgotten", "study");
            assertThat(forgotten).startsWith("이 브라우저에 저장된 [study] 방의 열쇠가 맞지 않아 지웠습니다 (방이 새 열쇠를 받았거나 등록이 지워졌습니다)");
            page.awaitTitle("study");
            page.awaitText(forgotten);
            assertThat(page.keptRoomKey("study")).as("forgotten").isNull();
            page.awaitMembers(members -> members.equals(List.of("터미널 owner", "유저1 member")));

            // Logging in straight into a room with a stale key: the name is not held, the room entered all the same.
            page.leave();
            page.keepRoomKey("study", old, "유저1");
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

    /**
     * A key this browser keeps is shown only under the name that kept it (trial 10: on one browser, another member in
     * another tab, then a newcomer signing in, each took the room from its owner, 민지, by her kept key): nobody else's
     * /join nor login form's room sends it, nor asks. Under the name that kept it, the room is owned again; a key kept
     * with no name (by an older page) is sent for nobody, and stays kept.
     */
    @Test
    void aKeptKeyIsShownOnlyUnderTheNameThatKeptItNotForWhoeverSignsInNextOnTheSameBrowser() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient owner = server.joined("현우")) {
            assertThat(owner.joinRoom("사진토론").statusCode()).isEqualTo(200);
            String key = ask(owner, Methods.REGISTER, "사진토론")
                    .header(HeaderNames.ROOM_KEY)
                    .orElseThrow();
            // 민지 keeps the key in this browser (her tab): 서연, in another tab of it, joins the room with /join.
            page.keepRoomKey("사진토론", key, "민지");
            page.join("서연");
            page.say("/join 사진토론");

            page.awaitTitle("사진토론");
            page.awaitMembers(members -> members.equals(List.of("현우 owner", "서연 member")));
            assertThat(server.server().core().who("사진토론").stream().map(MemberView::name))
                    .containsExactly("현우", "서연");
            assertThat(page.keptRoomKey("사진토론")).as("민지's, kept").isEqualTo(key);

            // A newcomer signs in on this browser straight into the room: a member, 현우 still its owner.
            page.leave();
            page.chooseRoom("사진토론");
            page.join("하은");
            page.awaitTitle("사진토론");
            page.awaitMembers(members -> members.equals(List.of("현우 owner", "하은 member")));

            // 민지, under the name that kept it (spelled as the server tells names apart), owns the room again.
            page.leave();
            page.chooseRoom("사진토론");
            page.join("민지");
            page.awaitText(ownerByKey("현우"));
            page.awaitMembers(members -> members.equals(List.of("현우 member", "민지 owner")));
            // A rename does not take the key along (trial 11: one who took 민지's name, then renamed back to her own,
            // had the key under her own name and took the room from 민지 with it).
            page.say("/nick 서연");
            page.awaitMembers(members -> members.equals(List.of("현우 member", "서연 owner")));
            assertThat(page.roomKeyKeeper("사진토론")).isEqualTo("민지");
            page.say("/nick 민지");
            page.awaitMembers(members -> members.equals(List.of("현우 member", "민지 owner")));

            // A key kept by an older page, with no name beside it: whose it is is unknown, so it is shown for nobody.
            assertThat(owner.joinRoom("장비장터").statusCode()).isEqualTo(200);
            String older = ask(owner, Methods.REGISTER, "장비장터")
                    .header(HeaderNames.ROOM_KEY)
                    .orElseThrow();
            page.keepRoomKey("장비장터", older);
            page.say("/join 장비장터");
            page.awaitTitle("장비장터");
            page.awaitMembers(members -> members.equals(List.of("현우 owner", "민지 member")));
            assertThat(page.keptRoomKey("장비장터")).as("kept, not sent").isEqualTo(older);
            page.screenshot("kept-key-not-shown-for-another-name");
        }
    }

    @Test
    void aKeyTypedInTakesTheRoomAndEveryPageSaysFromWhomInItsLanguage() throws Exception {
        // The browsers first: a connection that has not joined within the join deadline is closed (408), and three
        // browsers may take longer than that to start on a busy machine.
        try (TestServer server = TestServer.start();
                ChatPage previous = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage claimant = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage reader = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient registrant = server.client()) {
            assertThat(registrant.connect("study", "등록자", null).statusCode()).isEqualTo(200);
            OcpMessage registered = ask(registrant, Methods.REGISTER, "study");
            String key = registered.header(HeaderNames.ROOM_KEY).orElseThrow();
            previous.join("유저1");
            previous.say("/join study");
            previous.awaitTitle("study");
            ask(registrant, Methods.PART, "study");
            // The room is registered (the join's answer said so): the heir is told the key takes it back.
            previous.awaitText(HEIR);
            claimant.join("유저2");
            claimant.say("/join study");
            claimant.awaitTitle("study");
            reader.join("reader");
            reader.say("/join study");
            reader.awaitTitle("study");

            // A wrong key names no role: the owner who types one is told the owner has not changed, not that she is a
            // member, and so is a member.
            String wrong = "[study] 방의 열쇠가 아니어서 방장이 되지 않았습니다: 다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나, 등록이"
                    + " 지워졌을 수 있습니다. 이 방의 방장은 바뀌지 않았습니다.";
            previous.say("/열쇠 aaaaaaaaaaaaaaaaaaaaaaaaaa");
            previous.awaitText(wrong);
            previous.awaitMembers(members -> members.equals(List.of("유저1 owner", "유저2 member", "reader member")));
            claimant.say("/열쇠 abcdefghijklmnopqrstuvwxyz");
            claimant.awaitText(wrong);
            assertThat(claimant.keptRoomKey("study"))
                    .as("a wrong key is kept nowhere")
                    .isNull();

            claimant.say("/claim " + key.toUpperCase(Locale.ROOT));

            claimant.awaitText(claimant.text("claim.done", "study"));
            claimant.awaitText(ownerByKey("유저1"));
            assertThat(claimant.keptRoomKey("study")).isEqualTo(key);
            previous.awaitText(ownerByKeyFromMe("유저2"));
            reader.awaitText("유저2 owns this room now by its key (previous owner: 유저1).");
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
            page.say("/등록해제");
            page.awaitText("로비는 누구의 방도 아니어서 등록되어 있지 않습니다.");
            page.say("/열쇠");
            page.awaitText("사용법: 방에서 /열쇠 방열쇠 (/claim; 방열쇠는 /방등록 명령어가 알려 준 26자; 방 밖에서는 /입장 방 방열쇠)");
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
            assertThat(ask(owner, Methods.REGISTER, "study").statusCode()).isEqualTo(200);
            page.awaitText("방장님이 이 방을 등록했습니다: 이제 방 열쇠를 입력하는 사람이 언제든 이 방의 방장이 됩니다.");
            ask(owner, Methods.PART, "study");
            page.awaitText(HEIR);
            page.say("/방등록");
            page.awaitText("[study] 방은 이미 등록되어 있습니다. 열쇠를 입력한 방장이나 관리자만 새 열쇠를 받거나 등록을 지울 수 있습니다."
                    + " 열쇠가 있다면 먼저 이렇게 입력하십시오: /열쇠 방열쇠");

            page.joinRoom("mine");
            page.say("/register");
            String key = page.shownRoomKey();
            assertThat(page.keptRoomKey("mine")).isEqualTo(key);
            page.say("/방등록");
            page.awaitText("[mine] 방에 새 열쇠를 주었습니다. 방 열쇠:");
            assertThat(page.shownRoomKey()).as("a new key").isNotEqualTo(key);
            assertThat(page.keptRoomKey("mine")).as("in place of the old").isEqualTo(page.shownRoomKey());

            page.say("/등록해제");
            page.awaitText("[mine] 방의 등록을 지웠습니다: 열쇠는 이제 열리지 않고, 방장은 전처럼 방에 있는 사람 가운데서 정해집니다.");
            assertThat(page.keptRoomKey("mine")).as("forgotten").isNull();
            page.say("/unregister");
            page.awaitText("[mine] 방은 등록되어 있지 않습니다.");
            // A key miscopied (a 0, which no key has, and a letter short): explained, not sent.
            page.say("/열쇠 0bcdefghijklmnopqrstuvwx");
            page.awaitText(page.text("roomKey.garbled"));
            assertThat(page.composerText()).isEqualTo("/열쇠 0bcdefghijklmnopqrstuvwx");

            assertThat(page.refusalText(
                            503, Map.of("Error-Code", "too-many-registered-rooms", "Capacity", "10000"), "register"))
                    .isEqualTo("이 서버에는 등록된 방이 이미 최대인 10000개 있습니다. 관리자에게 문의하십시오.");
        }
    }

    @Test
    void everyPageInTheRoomIsToldOfItsRegistrationNewKeyAndDropAndAKeyThatNoLongerOpensItIsForgottenAndSaid()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage owner = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage reader = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient admin = server.joined(Names.ADMINISTRATOR)) {
            registersStudy(owner);
            reader.join("reader");
            reader.say("/join study");
            reader.awaitTitle("study");
            owner.awaitText("reader님이 입장하였습니다.");

            // The administrator gives the room a new key from the lobby: everyone in it is told, its owner too, whose
            // browser forgets the key that opens nothing now.
            OcpMessage rekeyed = ask(admin, Methods.REGISTER, "study");
            assertThat(rekeyed.header(HeaderNames.REPLACED)).contains("true");
            String newKey = rekeyed.header(HeaderNames.ROOM_KEY).orElseThrow();
            ChatPage.Line told = owner.awaitText(REKEYED_BY_ADMINISTRATOR + " 이 브라우저에 저장해 둔 이 방의 열쇠는 이제 열리지 않아 지웠습니다.");
            assertThat(told.classes()).as("done to oneself").contains("error");
            owner.awaitText(OWNER_STAYS_BY_THE_KEY);
            assertThat(owner.keptRoomKey("study")).as("forgotten").isNull();
            reader.awaitText(REKEYED_BY_ADMINISTRATOR_EN);

            owner.say("/열쇠 " + newKey);
            owner.awaitText(owner.text("claim.done", "study"));
            assertThat(owner.keptRoomKey("study")).isEqualTo(newKey);

            // The administrator drops the registration: said with what it means, and the key forgotten again.
            assertThat(ask(admin, Methods.UNREGISTER, "study").statusCode()).isEqualTo(200);
            owner.awaitText("채팅관리자님이 이 방의 등록을 지웠습니다: 방 열쇠는 이제 열리지 않고, 방장은 방에 있는 사람 가운데서 정해집니다."
                    + " 이 브라우저에 저장해 둔 이 방의 열쇠는 이제 열리지 않아 지웠습니다.");
            assertThat(owner.keptRoomKey("study")).as("forgotten").isNull();
            reader.awaitText("채팅관리자 dropped this room's registration: its key no longer works, and its owner is chosen"
                    + " among those present again.");
            owner.awaitRoomHeadMark(String::isEmpty);
            reader.awaitRoomHeadMark(String::isEmpty);

            // Registered again by its owner: the others are told, and a browser that holds no key forgets nothing.
            owner.say("/방등록");
            String key = owner.shownRoomKey();
            String registered = "유저1 registered this room: whoever enters its key becomes its owner, at any time.";
            reader.awaitText(registered);
            reader.awaitRoomHeadMark(mark -> mark.equals("registered"));

            // A key this browser keeps under the name that gives the room its new key is that one's new key, kept by
            // another tab of the browser: it is not taken for the old one. Given by anyone else, it is forgotten.
            reader.keepRoomKey("study", key, "유저1");
            owner.say("/방등록");
            reader.awaitText(
                    "유저1 gave this room a new key: the old key no longer works, and whoever enters the new one becomes its owner.");
            assertThat(reader.keptRoomKey("study"))
                    .as("kept by the one who gave the new key")
                    .isEqualTo(key);
            ask(admin, Methods.REGISTER, "study");
            reader.awaitText(REKEYED_BY_ADMINISTRATOR_EN
                    + " The key this browser kept for it no longer works, and is forgotten.");
            assertThat(reader.keptRoomKey("study")).isNull();
            owner.screenshot("room-rekeyed-by-the-administrator");
        }
    }

    /**
     * The administrator registers a room from outside it, then gives it a new key: every member is told the facts
     * alone (the key is with the administrator, and whoever enters it owns the room), not invited to ask for it (a
     * trial's members read "방장이 되려면 관리자에게 열쇠를 받아…" as theirs to ask); the present owner, told nothing
     * else, would read that it is not the owner, so it alone reads, addressed to it, that it owns the room until
     * someone enters the key and how to stay its owner; and the key it gets from the administrator does take the room.
     */
    @Test
    void theAdministratorsRegistrationOrNewKeyTellsMembersOnlyTheFactsAndThePresentOwnerHowToStayTheOwner()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage owner = ChatPage.open(server, DESKTOP, ENGLISH);
                ChatPage member = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient admin = server.joined(Names.ADMINISTRATOR)) {
            owner.join("지연");
            owner.joinRoom("study");
            member.join("현우");
            member.say("/join study");
            member.awaitTitle("study");
            member.awaitMembers(members -> members.equals(List.of("지연 owner", "현우 member")));
            owner.awaitMembers(members -> members.equals(List.of("지연 owner", "현우 member")));

            assertThat(ask(admin, Methods.REGISTER, "study").statusCode()).isEqualTo(200);

            String registered = "채팅관리자님이 이 방을 등록했습니다: 방 열쇠는 관리자에게 있고, 그 열쇠를 입력하는 사람이 언제든 이 방의 방장이" + " 됩니다.";
            member.awaitText(registered);
            owner.awaitText(
                    "채팅관리자 registered this room. The key is with the administrator; whoever enters it owns the room.");
            owner.awaitText(OWNER_STAYS_BY_THE_KEY_EN);
            owner.screenshot("room-registered-by-the-administrator");

            OcpMessage rekeyed = ask(admin, Methods.REGISTER, "study");
            assertThat(rekeyed.header(HeaderNames.REPLACED)).contains("true");

            member.awaitText(REKEYED_BY_ADMINISTRATOR);
            owner.awaitText(REKEYED_BY_ADMINISTRATOR_EN);
            owner.awaitTextTimes(OWNER_STAYS_BY_THE_KEY_EN, 2);
            // The owner's line follows the facts at once, in the same event: a member has none by now.
            assertThat(member.lines(null))
                    .as("a member is not invited to ask for the key, nor told it owns the room")
                    .noneMatch(l -> l.text().contains("관리자에게 열쇠를 받아")
                            || l.text().contains("방장이 되려면")
                            || l.text().equals(OWNER_STAYS_BY_THE_KEY));
            member.screenshot("room-rekeyed-by-the-administrator-member");
            // As told: the key got from the administrator, entered with /claim, makes its owner by presence its holder.
            String key = rekeyed.header(HeaderNames.ROOM_KEY).orElseThrow();
            owner.say("/claim " + key);
            owner.awaitText(owner.text("claim.done", "study"));
            assertThat(owner.keptRoomKey("study")).isEqualTo(key);
        }
    }

    /**
     * The administrator, who owns no room and keeps no key, registers a room it is not in and gives it a new key: it is
     * shown the key each time to hand to the room's owner, and told that the owner's old key opens nothing; never to
     * enter the new key in its own other browsers or devices, as an owner is.
     */
    @Test
    void theAdministratorGivingARoomANewKeyIsToldToHandItToTheOwnerNotToEnterItOnItsOtherComputers() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage admin = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient owner = server.client()) {
            assertThat(owner.connect("study", "지연", null).statusCode()).isEqualTo(200);
            admin.join(Names.ADMINISTRATOR, server.adminKeyText());
            admin.say("/방등록 study");
            admin.awaitText("[study] 방을 등록했습니다. 방 열쇠:");
            String first = admin.shownRoomKey();

            admin.say("/방등록 study");

            admin.awaitText("[study] 방에 새 열쇠를 주었습니다. 방 열쇠:");
            String second = admin.shownRoomKey();
            assertThat(second).isNotEqualTo(first);
            admin.awaitText("전의 열쇠는 이제 열리지 않습니다: 방장이 어디에 저장해 두었든 (다른 브라우저나 기기, 터미널이나 IRC 클라이언트) 더는"
                    + " 통하지 않으니, 방장에게 새 열쇠를 전해야 합니다.");
            admin.awaitText("열쇠는 이번 한 번만 보여 줍니다. 관리자는 방장이 되지 않으므로 이 브라우저에 저장하지 않았습니다: 방장에게 전해"
                    + " 주십시오. 받은 사람은 이렇게 입력하면 방장이 됩니다: /입장 study " + second + " (방에 있을 때는 /열쇠 " + second
                    + "). IRC에서는 이렇게 입력합니다: /join #study " + second + " (방에 있을 때는 /msg ChanServ OP #study " + second
                    + ").");
            assertThat(admin.lines(null))
                    .as("no word of the administrator's own other computers, nor of keeping the key")
                    .noneMatch(l -> l.text().equals(admin.text("register.replaced"))
                            || l.text().contains("그곳에서도")
                            || l.text().contains("이 브라우저에 저장해 두어"));
            assertThat(admin.keptRoomKey("study")).isNull();
            admin.screenshot("room-rekeyed-by-the-administrator-itself");
        }
    }

    @Test
    void aRegisteredRoomIsMarkedInTheRoomListsAndItsHeadAndItsHeirIsToldThatWhoeverEntersTheKeyTakesIt()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient owner = server.client();
                TestClient admin = server.joined(Names.ADMINISTRATOR)) {
            assertThat(owner.connect("study", "방장", null).statusCode()).isEqualTo(200);
            assertThat(ask(owner, Methods.REGISTER, "study").statusCode()).isEqualTo(200);
            assertThat(owner.joinRoom("plain").statusCode()).isEqualTo(200);
            page.join("유저1");

            page.otherRoomText("study");
            page.awaitRoomList("other-rooms", rooms -> rooms.contains("plain 1/5명"));
            assertThat(page.registeredRooms("other-rooms")).containsExactly("study");
            page.say("/방목록");
            page.awaitLine(
                    null,
                    l -> l.text().contains("study (1/5명, 등록됨)") && l.text().contains("plain (1/5명)"),
                    "the rooms, study marked as registered");

            page.joinOtherRoom("study");
            page.awaitRoomHeadMark(mark -> mark.equals("등록된 방"));
            assertThat(page.registeredRooms("room-list")).containsExactly("study");
            assertThat(page.element("conv-registered").getDomAttribute("title"))
                    .isEqualTo("등록된 방입니다: 방 열쇠를 입력하는 사람이 방장이 됩니다.");
            page.say("/참여자");
            page.awaitText("[study] 참여자 2명 (등록된 방): 방장 (방장), 유저1");
            page.openRoom("lobby");
            page.awaitRoomHeadMark(String::isEmpty);
            page.openRoom("study");
            page.awaitRoomHeadMark(mark -> mark.equals("등록된 방"));
            page.screenshot("room-registered-marks");

            // Its owner leaves: the heir is told whoever enters the key takes the room.
            ask(owner, Methods.PART, "study");
            page.awaitText(HEIR);

            // Emptied, and entered again first: its owner by presence, told the same as it comes in.
            page.say("/퇴장");
            page.awaitText("[study] 방에서 나왔습니다.");
            page.say("/입장 study");
            page.awaitTitle("study");
            page.awaitText("[study] 방은 등록된 방입니다: 지금은 먼저 와 있어서 방장이지만, 방 열쇠를 가진 사람이 열쇠를 입력하면 언제든" + " 방장 자리를 되찾습니다.");
            page.awaitMembers(members -> members.equals(List.of("유저1 owner")));

            ask(admin, Methods.UNREGISTER, "study");
            page.awaitText("채팅관리자님이 이 방의 등록을 지웠습니다: 방 열쇠는 이제 열리지 않고, 방장은 방에 있는 사람 가운데서 정해집니다.");
            page.awaitRoomHeadMark(String::isEmpty);
            assertThat(page.registeredRooms("room-list")).isEmpty();
            page.say("/참여자");
            page.awaitText("[study] 참여자 1명: 유저1 (방장)");
        }
    }

    @Test
    void registeringAgainSaysThatThePreviousKeyOpensNothingWhereverItWasKept() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient terminal = server.joined("터미널")) {
            String first = registersStudy(page);
            assertThat(terminal.joinRoom("study").statusCode()).isEqualTo(200);

            page.say("/방등록");

            page.awaitText("[study] 방에 새 열쇠를 주었습니다. 방 열쇠:");
            String second = page.shownRoomKey();
            assertThat(second).isNotEqualTo(first);
            page.awaitText("전의 열쇠는 이제 열리지 않습니다: 다른 브라우저나 기기, 터미널이나 IRC 클라이언트 어디에 저장해 두었든 더는 통하지"
                    + " 않으니, 그곳에서도 새 열쇠로 들어가십시오.");
            page.awaitText(page.text("register.kept", "study", second));
            assertThat(page.keptRoomKey("study")).isEqualTo(second);
            OcpMessage told = terminal.nextMatching(m -> m.method().equals(Methods.REGISTER));
            assertThat(told.header(HeaderNames.REPLACED)).contains("true");
            OcpMessage claimed = terminal.request(OcpMessage.request(Methods.CLAIM, Targets.room("study"))
                    .header(HeaderNames.ROOM_KEY, first)
                    .build());
            assertThat(claimed.statusCode()).as("the first key opens nothing").isEqualTo(403);
        }
    }

    @Test
    void aKeyTypedWithJoinEntersTheRoomAsItsOwnerPastTheHeirsBanAndIsKeptAndABadKeyIsExplained() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient registrant = server.client();
                TestClient heir = server.client()) {
            assertThat(registrant.connect("study", "민수", null).statusCode()).isEqualTo(200);
            String key = ask(registrant, Methods.REGISTER, "study")
                    .header(HeaderNames.ROOM_KEY)
                    .orElseThrow();
            assertThat(heir.connect("study", "지연", null).statusCode()).isEqualTo(200);
            registrant.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());
            // The heir keeps the owner's name on another computer out of the room.
            assertThat(heir.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                                    .header(HeaderNames.TARGET, "민수노트북")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.join("민수노트북");
            page.say("/입장 study");
            page.awaitText("[study] 방에서 차단되어 들어갈 수 없습니다.");

            // Pasted in the lobby: no key is the lobby's; said, and kept in the box to be typed again.
            page.say("/열쇠 " + key);
            page.awaitText("로비는 누구의 방도 아니어서 열쇠가 없습니다. 다른 방의 열쇠는 그 방에 들어가면서 이렇게 입력하십시오: /입장 방 방열쇠");
            assertThat(page.composerText()).isEqualTo("/열쇠 " + key);
            page.element("composer-input").clear();
            // Miscopied: not a key at all, not sent.
            page.say("/입장 study " + key.substring(1));
            String garbled = "방 열쇠가 아니어서 보내지 않았습니다: 방 열쇠는 /방등록 명령어가 알려 준 영문자와 숫자 26자입니다 (숫자는 2에서 7까지;"
                    + " 띄어쓰기는 상관없습니다). 빠지거나 잘못 옮긴 글자가 없는지 확인하십시오.";
            page.awaitText(garbled);
            assertThat(page.composerText()).isEqualTo("/입장 study " + key.substring(1));
            page.element("composer-input").clear();
            // A key, but not this room's: said how that may be, and the room not entered.
            page.say("/입장 study abcdefghijklmnopqrstuvwxyz");
            page.awaitText("[study] 방의 열쇠가 아니어서 들어가지 않았습니다: 다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나, 등록이 지워졌을"
                    + " 수 있습니다. 열쇠 없이 다시 들어가십시오: /입장 study");
            assertThat(page.keptRoomKey("study")).isNull();
            page.awaitTitle("lobby");

            // Typed in capitals, in two pieces as a copy may break it: the room's key all the same.
            String typed = key.substring(0, 13).toUpperCase(Locale.ROOT) + " " + key.substring(13);
            page.say("/입장 study " + typed);

            page.awaitTitle("study");
            page.awaitText(ownerByKey("지연"));
            page.awaitText(page.text("claim.done", "study"));
            assertThat(page.keptRoomKey("study"))
                    .as("kept as the server reads it")
                    .isEqualTo(key);
            page.awaitMembers(members -> members.equals(List.of("지연 member", "민수노트북 owner")));
            OcpMessage told = heir.nextMatching(m -> m.method().equals(Methods.OWNER));
            assertThat(told.header(HeaderNames.NAME)).contains("민수노트북");

            // The English alias, in the room already: the key is entered there.
            page.say("/join study " + key);
            page.awaitText("이미 [study] 방에 있어, 열쇠를 이 방에서 입력했습니다 (/열쇠).");
            page.awaitTextTimes(page.text("claim.done", "study"), 2);
            page.say("/help join");
            page.awaitText("사용법: /입장 방 [방열쇠] (/join)");
        }
    }

    /**
     * A key for a room that has none is not said to be an old key of it (the room never had one), nor is joining
     * without it promised to make a member: a room that is not there is made by that join, and owned (a trial's page
     * promised "멤버로 들어갑니다" and made its reader the owner). A room that is there but not registered, one that is
     * not there at all, and a key typed in one's own unregistered room, each in its words.
     */
    @Test
    void aKeyForARoomThatIsNotRegisteredOrNotThereIsNotSaidToBeAnOldKeyNorPromisedToMakeAMember() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage page = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient other = server.client()) {
            assertThat(other.connect("plain", "민수", null).statusCode()).isEqualTo(200);
            page.join("수진");

            page.say("/입장 plain abcdefghijklmnopqrstuvwxyz");

            page.awaitText("[plain] 방은 등록된 방이 아니어서 열쇠로 들어가지 않았습니다: 다른 방의 열쇠이거나, 등록이 지워졌을 수 있습니다."
                    + " 열쇠 없이 다시 들어가십시오: /입장 plain");
            page.awaitTitle("lobby");

            page.say("/입장 nosuchroom abcdefghijklmnopqrstuvwxyz");

            page.awaitText("[nosuchroom] 방은 지금 없는 방이어서 열쇠로 들어가지 않았습니다: 다른 방의 열쇠이거나, 방 이름이 다르거나,"
                    + " 등록이 지워졌을 수 있습니다. 열쇠 없이 다시 들어가십시오: /입장 nosuchroom");
            page.awaitTitle("lobby");
            assertThat(page.lines(null))
                    .as("no room without a key is said to have had a new one, nor joining it to make a member")
                    .noneMatch(l -> l.text().contains("새 열쇠를 받았") || l.text().contains("멤버로"));

            // A registered room that emptied is not in the room list, yet has a key: said as a registered room's.
            assertThat(other.request(OcpMessage.request(Methods.JOIN, Targets.room("kept"))
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            ask(other, Methods.REGISTER, "kept");
            ask(other, Methods.PART, "kept");
            page.say("/입장 kept abcdefghijklmnopqrstuvwxyz");
            page.awaitText("[kept] 방의 열쇠가 아니어서 들어가지 않았습니다: 다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나, 등록이 지워졌을 수"
                    + " 있습니다. 열쇠 없이 다시 들어가십시오: /입장 kept");

            // In its own room, which has no key: a key typed there is not an old one either, and the owner stays.
            page.say("/입장 nosuchroom");
            page.awaitTitle("nosuchroom");
            page.awaitMembers(members -> members.equals(List.of("수진 owner")));
            page.say("/열쇠 abcdefghijklmnopqrstuvwxyz");
            page.awaitText("[nosuchroom] 방은 등록된 방이 아니어서 열쇠로 방장이 되지 않았습니다: 다른 방의 열쇠이거나, 등록이 지워졌을 수"
                    + " 있습니다. 이 방의 방장은 바뀌지 않았습니다.");
            page.screenshot("room-key-for-no-registered-room");
        }
    }

    /**
     * The registrations' dates read as the terminal client writes them and as ChanServ does (bar the zone): {@code
     * 2026-12-06 17:08:09}, in whichever language, in the reader's time, which the browser knows and the machine's
     * need not be: here Seoul's, nine hours from UTC.
     */
    @Test
    void theRegisteredRoomsListDatesEachToTheSecondInTheReadersTimeAsTheTerminalDoes() throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage admin = ChatPage.open(server, DESKTOP, ENGLISH);
                TestClient owner = server.client()) {
            ZoneId seoul = ZoneId.of("Asia/Seoul");
            admin.inTimeZone(seoul.getId());
            admin.join(Names.ADMINISTRATOR, server.adminKeyText());
            assertThat(owner.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(ask(owner, Methods.REGISTER, "study").statusCode()).isEqualTo(200);
            Instant after = Instant.now();

            admin.say("/registrations");

            admin.awaitText("Registered rooms (1):");
            String date = admin.lastTable().get(1).get(3);
            assertThat(date).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            Instant shown =
                    LocalDateTime.parse(date.replace(' ', 'T')).atZone(seoul).toInstant();
            assertThat(shown).as("in Seoul's time, to the second").isBetween(before, after);
        }
    }

    @Test
    void theAdministratorListsTheRegisteredRoomsInTheTerminalsColumnsEmptiedOnesTooAndAMemberThoseOfItsNetwork()
            throws Exception {
        try (TestServer server = TestServer.start();
                ChatPage admin = ChatPage.open(server, DESKTOP, KOREAN);
                ChatPage member = ChatPage.open(server, DESKTOP, KOREAN);
                TestClient owner = server.client()) {
            admin.join(Names.ADMINISTRATOR, server.adminKeyText());
            admin.say("/등록목록");
            admin.awaitText("등록된 방이 없습니다.");

            assertThat(owner.connect("study", "유저1", null).statusCode()).isEqualTo(200);
            ask(owner, Methods.REGISTER, "study");
            owner.joinRoom("algebra");
            ask(owner, Methods.REGISTER, "algebra");
            ask(owner, Methods.PART, "algebra");

            admin.say("/registrations");

            admin.awaitText("등록된 방 2개:");
            List<List<String>> table = admin.lastTable();
            assertThat(table.get(0))
                    .as("the terminal client's columns, in its order")
                    .containsExactly("방", "인원", "등록한 사람", "날짜", "네트워크", "마지막 사용");
            assertThat(table.subList(1, table.size()))
                    .as("by name, the emptied room too, each with the network it counts against")
                    .extracting(row -> row.get(0), row -> row.get(1), row -> row.get(2), row -> row.get(4))
                    .containsExactly(
                            tuple("algebra", "비어 있음", "유저1", "127.0.0.0/24"),
                            tuple("study", "1/5명", "유저1", "127.0.0.0/24"));
            assertThat(table.get(1).get(3))
                    .as("the date, as in every language")
                    .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(table.get(1).get(5))
                    .as("its key last used: when it was given")
                    .isEqualTo(table.get(1).get(3));
            admin.screenshot("registrations");
            admin.say("/help");
            admin.awaitText(admin.text("help.registrations"));

            member.join("유저2");
            member.say("/등록목록");
            member.awaitText("이 주소와 같은 네트워크에서 등록한 방 2개 (최대 50개, 네트워크 127.0.0.0/24):");
            assertThat(member.lastTable())
                    .as("its network's: both, by the same columns")
                    .extracting(row -> row.get(0))
                    .containsExactly("방", "algebra", "study");
            member.say("/help");
            member.awaitText("관리자만 쓰는 명령어: /차단 /차단해제 /차단목록 /접속끊기 /공지 /서버종료 (설명은 /도움말 명령어)");
            member.say("/help registrations");
            member.awaitText("/등록목록 (/registrations): 등록된 방을 표로 보여 줍니다: 지금 몇 명이 있는지, 등록한 사람, 날짜,"
                    + " 등록이 세어지는 네트워크, 마지막으로 쓰인 때 (빈 방도; 90일 동안 쓰이지 않은 등록은 만료됩니다). 관리자에게는 모든 방을, 다른 사람에게는 이 주소와 같은"
                    + " 네트워크에서 등록한 방을 보여 줍니다");
        }
    }
}
