package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Headers;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end over OCP: a room's owner registers it (REGISTER) and gets a key; whoever shows the key on CONNECT or
 * JOIN ({@code Room-Key}), or once in (CLAIM), owns the room, taking it from its heir by presence, who is told with
 * everyone else (OWNER with {@code Previous}); a wrong key joins nothing; an heir may neither re-key nor drop it.
 */
class RoomRegistrationTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage request(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    private static OcpMessage withKey(String method, String room, String key) {
        return OcpMessage.request(method, Targets.room(room))
                .header(HeaderNames.ROOM_KEY, key)
                .build();
    }

    /** CONNECT to {@code room} as {@code name}, showing {@code key}; returns the answer. */
    private static OcpMessage connectWithKey(TestClient client, String room, String name, String key) {
        client.send(OcpMessage.request(Methods.CONNECT, Targets.room(room))
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.ROOM_KEY, key)
                .build());
        return client.nextAnswer();
    }

    /** {@code 유저1} (the owner), {@code 유저2} (its heir), {@code 유저3} in {@code study}, in that order. */
    private TestClient[] roomOfThree() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient heir = server.client();
        heir.connect("study", "유저2", null);
        TestClient third = server.client();
        third.connect("study", "유저3", null);
        heir.nextEvent(Methods.JOINED);
        owner.nextEvent(Methods.JOINED);
        owner.nextEvent(Methods.JOINED);
        return new TestClient[] {owner, heir, third};
    }

    /** REGISTER of {@code study} by {@code owner}, which must succeed; returns the key. */
    private static String register(TestClient owner) {
        OcpMessage answer = owner.request(request(Methods.REGISTER, "study"));
        assertThat(answer.statusCode()).as("%s %s", answer, answer.bodyText()).isEqualTo(200);
        return answer.header(HeaderNames.ROOM_KEY).orElseThrow();
    }

    /**
     * REGISTER of {@code study} by {@code room[0]}; the others present are told by a REGISTER event that names it and
     * never the key. Returns the key.
     */
    private static String registered(TestClient[] room) {
        String key = register(room[0]);
        for (int i = 1; i < room.length; i++) {
            OcpMessage told = room[i].nextEvent(Methods.REGISTER);
            assertThat(told.header(HeaderNames.BY)).contains("유저1");
            assertThat(told.toString()).doesNotContain(key);
        }
        return key;
    }

    private static OcpMessage nextOwner(TestClient client) {
        return client.nextMatching(
                m -> m.method().equals(Methods.OWNER) && m.target().equals(Targets.room("study")));
    }

    @Test
    void anOwnerRegistersItsRoomAndIsAnsweredItsKeyOnce() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);

        OcpMessage answer = owner.request(request(Methods.REGISTER, "study"));

        assertThat(answer.statusCode()).isEqualTo(200);
        String key = answer.header(HeaderNames.ROOM_KEY).orElseThrow();
        assertThat(key).matches("[a-z2-7]{26}");
        assertThat(answer.bodyText()).contains("study 방을 등록했습니다").contains(key);
        server.console().awaitLine("[REGISTER] study: 유저1님이 방을 등록했습니다");
        assertThat(answer.header(HeaderNames.REPLACED))
                .as("a first key replaces none")
                .isEmpty();
        assertThat(server.console().lines()).noneMatch(line -> line.contains(key));
    }

    @Test
    void theOwnerWhoDroppedIsOwnerAgainOnConnectingWithTheKeyAndTheOthersAreToldWhoItTookTheRoomFrom() {
        TestClient[] room = roomOfThree();
        String key = registered(room);

        room[0].close();
        assertThat(room[1].nextEvent(Methods.LEFT).header(HeaderNames.OWNER))
                .as("the heir by presence owns the room meanwhile")
                .contains("유저2");
        room[2].nextEvent(Methods.LEFT);
        TestClient back = server.client();
        OcpMessage answer = connectWithKey(back, "study", "유저1", key);

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(answer.header(HeaderNames.OWNER)).contains("유저1");
        for (TestClient other : new TestClient[] {room[1], room[2]}) {
            OcpMessage owner = nextOwner(other);
            assertThat(owner.header(HeaderNames.NAME)).contains("유저1");
            assertThat(owner.header(HeaderNames.PREVIOUS)).contains("유저2");
            assertThat(owner.header(HeaderNames.SEQ)).isPresent();
        }
        assertThat(room[2].request(request(Methods.WHO, "study")).bodyText())
                .as("the heir stays, a member")
                .isEqualTo("name\trole\taway\n유저2\tmember\t\n유저3\tmember\t\n유저1\towner\t\n");
        server.console().awaitLine("[OWNER] study: 유저1님이 방 열쇠로 방장이 되었습니다 (이전 방장: 유저2)");
    }

    @Test
    void aJoinWithTheKeyTakesTheRoomFromItsHeir() {
        TestClient[] room = roomOfThree();
        String key = registered(room);
        room[0].request(request(Methods.PART, "study"));
        room[1].nextEvent(Methods.LEFT);

        OcpMessage answer = room[0].request(withKey(Methods.JOIN, "study", key));

        assertThat(answer.header(HeaderNames.ROOM_ROLE)).contains("owner");
        OcpMessage owner = nextOwner(room[1]);
        assertThat(owner.header(HeaderNames.NAME)).contains("유저1");
        assertThat(owner.header(HeaderNames.PREVIOUS)).contains("유저2");
    }

    @Test
    void anOwnerEventWithoutAKeyHasNoPrevious() {
        TestClient[] room = roomOfThree();

        room[0].request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "true")
                .build());

        OcpMessage owner = nextOwner(room[2]);
        assertThat(owner.header(HeaderNames.NAME)).contains("유저2");
        assertThat(owner.header(HeaderNames.PREVIOUS)).isEmpty();
    }

    /**
     * A client that kept a key the room no longer takes is refused, and enters again at once without it (the terminal
     * client and the web page do): the console says the wrong key after the member's entry, not about a member it has
     * not shown yet, and in words true of a key the client sent by itself.
     */
    @Test
    void aConnectWithAWrongKeyIsRefusedLeavesTheNameFreeAndIsARoomKeyLineAfterTheMembersConnectLine() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        register(owner);

        TestClient wrong = server.client();
        OcpMessage refused = connectWithKey(wrong, "study", "유저2", "aaaaaaaaaaaaaaaaaaaaaaaaaa");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("wrong-room-key");
        assertThat(refused.bodyText()).contains("study 방의 열쇠가 아니어서 들어가지 않았습니다");
        wrong.awaitClosed();
        assertThat(server.server().core().who("study")).as("nobody joined").hasSize(1);
        TestClient again = server.client();
        assertThat(again.connect("study", "유저2", null).header(HeaderNames.ROOM_ROLE))
                .as("the name is free, and without a key it joins as a member")
                .contains("member");
        wrongKeyLineAfter("[CONNECT] 유저2 → study");
    }

    @Test
    void aStaleKeyShownOnJoiningIsARoomKeyLineAfterThatMembersJoinLine() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        register(owner);
        TestClient member = server.joined("유저2");

        assertThat(member.request(withKey(Methods.JOIN, "study", "aaaaaaaaaaaaaaaaaaaaaaaaaa"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(member.joinRoom("study").statusCode()).isEqualTo(200);

        wrongKeyLineAfter("[JOIN] 유저2 → study");
    }

    /** 유저2's wrong key for study is said on the console, after {@code entry}: the member's entry it came with. */
    private void wrongKeyLineAfter(String entry) {
        String wrongKey = "[ROOMKEY] study: 유저2님이 맞지 않는 방 열쇠로 방장이 되려 했습니다";
        server.console().awaitLine(wrongKey);
        List<String> lines = server.console().lines();
        assertThat(lines.indexOf(entry))
                .as("%s before the wrong key it came with, in %s", entry, lines)
                .isNotNegative()
                .isLessThan(lines.indexOf(wrongKey));
    }

    @Test
    void aJoinWithAWrongKeyJoinsNothingAndMakesNoRoom() {
        TestClient[] room = roomOfThree();
        registered(room);
        TestClient other = server.joined("유저4");

        OcpMessage refused = other.request(withKey(Methods.JOIN, "study", "bbbbbbbbbbbbbbbbbbbbbbbbbb"));
        OcpMessage unregistered = other.request(withKey(Methods.JOIN, "nowhere", "bbbbbbbbbbbbbbbbbbbbbbbbbb"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("wrong-room-key");
        assertThat(refused.header(HeaderNames.REGISTERED))
                .as("the room has a key, another")
                .contains("true");
        assertThat(unregistered.header(HeaderNames.ERROR_CODE))
                .as("a key for a room that is not registered")
                .contains("wrong-room-key");
        assertThat(unregistered.header(HeaderNames.REGISTERED)).contains("false");
        assertThat(unregistered.bodyText())
                .as("not told the room may have a new key: it has none")
                .isEqualTo(
                        "nowhere 방은 등록된 방이 아니어서 열쇠로 들어가지 않았습니다 (다른 방의 열쇠이거나, 등록이 지워졌을 수 있습니다)." + " 열쇠 없이 다시 들어가십시오");
        server.console().awaitLine("[ROOMKEY] study: 유저4님이 맞지 않는 방 열쇠로 방장이 되려 했습니다");
        assertThat(server.console().lines())
                .as("a room with no key has none to guess")
                .noneMatch(line -> line.startsWith("[ROOMKEY] nowhere"));
        assertThat(other.isOpen()).as("a JOIN's refusal keeps the connection").isTrue();
        assertThat(server.server().core().who("study")).hasSize(3);
        assertThat(other.request(
                                OcpMessage.request(Methods.LIST, Targets.SERVER).build())
                        .bodyText())
                .doesNotContain("nowhere");
        assertThat(other.joinRoom("study").header(HeaderNames.ROOM_ROLE))
                .as("without the key it may join")
                .contains("member");
    }

    @Test
    void anHeirByPresenceMayNeitherRegisterNorUnregister() {
        TestClient[] room = roomOfThree();
        registered(room);
        room[0].request(request(Methods.PART, "study"));
        room[1].nextEvent(Methods.LEFT);

        OcpMessage reRegister = room[1].request(request(Methods.REGISTER, "study"));
        OcpMessage drop = room[1].request(request(Methods.UNREGISTER, "study"));

        assertThat(reRegister.statusCode()).isEqualTo(403);
        assertThat(reRegister.header(HeaderNames.ERROR_CODE)).contains("not-key-holder");
        assertThat(reRegister.header(HeaderNames.ROOM_KEY)).isEmpty();
        assertThat(drop.statusCode()).isEqualTo(403);
        assertThat(drop.header(HeaderNames.ERROR_CODE)).contains("not-key-holder");
        assertThat(drop.bodyText()).contains("study 방은 등록된 방입니다");
    }

    @Test
    void aMemberInTheRoomClaimsItWithTheKey() {
        TestClient[] room = roomOfThree();
        String key = registered(room);
        room[0].request(request(Methods.PART, "study"));
        room[1].nextEvent(Methods.LEFT);
        room[0].joinRoom("study");
        room[1].nextEvent(Methods.JOINED);

        OcpMessage claimed = room[0].request(withKey(Methods.CLAIM, "study", key.toUpperCase(java.util.Locale.ROOT)));

        assertThat(claimed.statusCode()).as(claimed.bodyText()).isEqualTo(200);
        assertThat(claimed.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(claimed.bodyText()).isEqualTo("방 열쇠가 맞습니다: 이제 study 방의 방장입니다");
        OcpMessage owner = nextOwner(room[1]);
        assertThat(owner.header(HeaderNames.NAME)).contains("유저1");
        assertThat(owner.header(HeaderNames.PREVIOUS)).contains("유저2");
        assertThat(register(room[0]))
                .as("who showed the key may give the room a new one")
                .isNotEqualTo(key);
    }

    @Test
    void aClaimWithAWrongKeyOrNoneIsRefusedAndChangesNothing() {
        TestClient[] room = roomOfThree();
        registered(room);

        OcpMessage wrong = room[1].request(withKey(Methods.CLAIM, "study", "cccccccccccccccccccccccccc"));
        OcpMessage none = room[1].request(request(Methods.CLAIM, "study"));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.header(HeaderNames.ERROR_CODE)).contains("wrong-room-key");
        assertThat(wrong.bodyText())
                .isEqualTo("study 방의 열쇠가 아니어서 방장이 되지 않았습니다 (다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나 등록이 지워졌을 수 있습니다)");
        assertThat(none.statusCode()).as("Room-Key is CLAIM's").isEqualTo(400);
        assertThat(server.server().core().room("study").owner()).isEqualTo("유저1");
    }

    @Test
    void theLobbyCannotBeRegisteredNorUnregisteredAndTheRefusalSaysBoth() {
        TestClient member = server.joined("유저1");

        for (String method : List.of(Methods.REGISTER, Methods.UNREGISTER)) {
            OcpMessage answer = member.request(request(method, "lobby"));

            assertThat(answer.statusCode()).as(method).isEqualTo(403);
            assertThat(answer.header(HeaderNames.ERROR_CODE)).as(method).contains("lobby-unowned");
            assertThat(answer.bodyText()).as(method).isEqualTo("로비는 누구의 방도 아니어서 등록하거나 등록을 지울 수 없습니다");
        }
    }

    @Test
    void onlyTheOwnerInTheRoomMayRegisterIt() {
        TestClient[] room = roomOfThree();
        TestClient outside = server.joined("유저4");

        OcpMessage member = room[1].request(request(Methods.REGISTER, "study"));
        OcpMessage absent = outside.request(request(Methods.REGISTER, "study"));

        assertThat(member.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        assertThat(absent.header(HeaderNames.ERROR_CODE)).contains("not-in-room");
    }

    @Test
    void anUnregisteredRoomsKeyOpensNothing() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        String key = register(owner);

        OcpMessage dropped = owner.request(request(Methods.UNREGISTER, "study"));
        OcpMessage again = owner.request(request(Methods.UNREGISTER, "study"));

        assertThat(dropped.statusCode()).isEqualTo(200);
        assertThat(dropped.bodyText()).startsWith("study 방의 등록을 지웠습니다");
        server.console().awaitLine("[REGISTER] study: 유저1님이 방 등록을 지웠습니다");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.header(HeaderNames.ERROR_CODE)).contains("not-registered");
        TestClient other = server.client();
        assertThat(connectWithKey(other, "study", "유저2", key).header(HeaderNames.ERROR_CODE))
                .contains("wrong-room-key");
    }

    @Test
    void aNewKeyReplacesTheOld() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        String old = register(owner);
        String made = register(owner);
        owner.request(request(Methods.PART, "study"));

        TestClient withOld = server.client();
        assertThat(connectWithKey(withOld, "study", "유저2", old).header(HeaderNames.ERROR_CODE))
                .contains("wrong-room-key");
        TestClient withNew = server.client();
        assertThat(connectWithKey(withNew, "study", "유저3", made).header(HeaderNames.ROOM_ROLE))
                .contains("owner");
    }

    @Test
    void theAdministratorShowingTheKeyIsAnsweredItsRoleAndOwnsNothing() {
        TestClient[] room = roomOfThree();
        String key = registered(room);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        admin.joinRoom("study");

        OcpMessage claimed = admin.request(withKey(Methods.CLAIM, "study", key));

        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(claimed.header(HeaderNames.ROOM_ROLE)).contains("admin");
        assertThat(server.server().core().room("study").owner()).isEqualTo("유저1");
    }

    @Test
    void theAdministratorsRegistrationAnswersSayToHandTheKeyToTheOwnerNotToKeepItAnywhere() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        register(owner);
        assertThat(owner.request(request(Methods.REGISTER, "study")).bodyText())
                .as("an owner's own new key is to keep, and to replace wherever it was saved")
                .contains("잘 보관하십시오", "다른 컴퓨터에 저장해 둔 열쇠도");
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage rekeyed = admin.request(request(Methods.REGISTER, "study"));
        String key = rekeyed.header(HeaderNames.ROOM_KEY).orElseThrow();

        assertThat(rekeyed.header(HeaderNames.REPLACED)).contains("true");
        assertThat(rekeyed.bodyText())
                .as("the administrator keeps no key and owns no room: nothing about its saved keys or other computers")
                .isEqualTo("study 방에 새 열쇠를 주었습니다: " + key + " (서버는 이 열쇠를 다시 보여 주지 않습니다). 전의 열쇠는 이제 열리지"
                        + " 않으니, 새 열쇠를 이 방의 방장에게 전해 주십시오");

        TestClient other = server.client();
        other.connect("algebra", "유저2", null);
        OcpMessage registered = admin.request(request(Methods.REGISTER, "algebra"));
        assertThat(registered.bodyText())
                .isEqualTo("algebra 방을 등록했습니다. 방 열쇠: "
                        + registered.header(HeaderNames.ROOM_KEY).orElseThrow()
                        + " (서버는 이 열쇠를 다시 보여 주지 않습니다). 관리자는 열쇠를 두지 않고 방장도 되지 않으니, 이 열쇠를 방장이 될"
                        + " 사람에게 전해 주십시오: 그 사람이 열쇠를 입력하면 방장이 됩니다");
    }

    @Test
    void theAdministratorDropsTheRegistrationOfARoomThatEmptied() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        String key = register(owner);
        owner.request(request(Methods.PART, "study"));
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage dropped = admin.request(request(Methods.UNREGISTER, "study"));

        assertThat(dropped.statusCode()).as(dropped.bodyText()).isEqualTo(200);
        TestClient other = server.client();
        assertThat(connectWithKey(other, "study", "유저2", key).header(HeaderNames.ERROR_CODE))
                .contains("wrong-room-key");
    }

    @Test
    void anAnswerIsInTheLanguageTheConnectionAskedFor() {
        TestClient owner = server.client();
        owner.send(OcpMessage.request(Methods.CONNECT, Targets.room("study"))
                .header(HeaderNames.NAME, "alice")
                .header(HeaderNames.ACCEPT_LANGUAGE, "en")
                .build());
        owner.nextAnswer();

        OcpMessage answer = owner.request(request(Methods.REGISTER, "study"));

        assertThat(answer.bodyText()).startsWith("Registered study. Its key: ");
    }

    @Test
    void aRoomKeyGivenTwiceIsRefused() {
        TestClient member = server.joined("유저1");

        OcpMessage answer = member.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                .headers(Headers.builder()
                        .add(HeaderNames.ROOM_KEY, "a")
                        .add("room-key", "b")
                        .build())
                .build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyText()).isEqualTo("Room-Key 필드가 두 번 이상 있습니다");
    }

    @Test
    void aNetworkThatRegisteredItsMostRoomsIsRefusedOneMoreAndToldWhyAndTheConsoleSaysWhichNetwork() throws Exception {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        register(owner);
        server.registeredFromNetwork(openchat.core.CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK - 1, "127.0.0.0/24");
        TestClient other = server.client();
        other.connect("dev", "유저2", null);

        OcpMessage refused = other.request(request(Methods.REGISTER, "dev"));
        OcpMessage again = owner.request(request(Methods.REGISTER, "study"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-many-registered-rooms-from-address");
        assertThat(refused.header(HeaderNames.CAPACITY)).contains("50");
        assertThat(refused.bodyText())
                .isEqualTo("이 주소와 같은 네트워크에서 등록한 방이 이미 최대인 50개입니다. 쓰지 않는 방의 등록을 지우거나 관리자에게 문의하십시오");
        assertThat(again.statusCode())
                .as("a new key for a room of the network's own")
                .isEqualTo(200);
        server.console().awaitLine("[REGISTER] dev: 유저2님의 등록을 거절했습니다: 127.0.0.0/24 네트워크에서 등록한 방이 이미 최대인 50개입니다");
    }

    @Test
    void theRegistrationOutlivesARestart() throws Exception {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        String key = register(owner);

        server.restart();

        server.console().awaitLine("등록된 방: 1개 (방 열쇠를 입력한 사람이 방장이 됩니다)");
        TestClient heir = server.client();
        assertThat(heir.connect("study", "유저2", null).header(HeaderNames.ROOM_ROLE))
                .as("the first back owns the room by presence")
                .contains("owner");
        TestClient back = server.client();
        OcpMessage answer = connectWithKey(back, "study", "유저1", key);
        assertThat(answer.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(nextOwner(heir).header(HeaderNames.PREVIOUS)).contains("유저2");
    }

    @Test
    void theRoomsOtherMembersAreToldOfItsRegistrationItsNewKeyAndItsDropAtOnce() {
        TestClient[] room = roomOfThree();
        registered(room);
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage again = room[0].request(request(Methods.REGISTER, "study"));
        assertThat(again.header(HeaderNames.REPLACED)).contains("true");
        assertThat(again.bodyText()).contains("study 방에 새 열쇠를 주었습니다").contains("전의 열쇠는 이제 열리지 않으니");
        for (TestClient other : new TestClient[] {room[1], room[2]}) {
            OcpMessage rekeyed = other.nextEvent(Methods.REGISTER);
            assertThat(rekeyed.header(HeaderNames.BY)).contains("유저1");
            assertThat(rekeyed.header(HeaderNames.REPLACED)).contains("true");
        }
        assertThat(admin.request(request(Methods.UNREGISTER, "study")).statusCode())
                .isEqualTo(200);

        for (TestClient present : room) {
            OcpMessage dropped = present.nextEvent(Methods.UNREGISTER);
            assertThat(dropped.target()).isEqualTo(Targets.room("study"));
            assertThat(dropped.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        }
        server.console().awaitLine("[REGISTER] study: 유저1님이 방에 새 열쇠를 주었습니다 (전의 열쇠는 이제 열리지 않습니다)");
        server.console().awaitLine("[REGISTER] study: 채팅관리자님이 방 등록을 지웠습니다");
    }

    @Test
    void aRegisteredRoomIsMarkedInListAndInTheJoinAnswer() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient other = server.joined("유저2");
        assertThat(other.joinRoom("study").header(HeaderNames.REGISTERED)).isEmpty();
        register(owner);
        other.request(request(Methods.PART, "study"));

        OcpMessage joined = other.joinRoom("study");
        String list = other.request(
                        OcpMessage.request(Methods.LIST, Targets.SERVER).build())
                .bodyText();

        assertThat(joined.header(HeaderNames.REGISTERED)).contains("true");
        assertThat(list)
                .startsWith("room\tmembers\tcapacity\towner\ttopic\tregistered\n")
                .contains("\nlobby\t1\t5\t\t\tfalse\n")
                .contains("\nstudy\t2\t5\t유저1\t\ttrue\n");
    }

    @Test
    void theAdministratorListsTheRegisteredRoomsAlsoEmptiedOnesWithTheirNetworksAndAMemberThoseOfItsNetwork() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        register(owner);
        owner.joinRoom("algebra");
        assertThat(owner.request(request(Methods.REGISTER, "algebra")).statusCode())
                .isEqualTo(200);
        owner.request(request(Methods.PART, "algebra"));
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage listed = admin.request(
                OcpMessage.request(Methods.REGISTRATIONS, Targets.SERVER).build());
        OcpMessage ownNetwork = owner.request(
                OcpMessage.request(Methods.REGISTRATIONS, Targets.SERVER).build());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.header(HeaderNames.ROOMS)).contains("2");
        assertThat(listed.bodyText().lines().toList()).hasSize(3).first().isEqualTo("room\tby\tdate\tnetwork\tused");
        assertThat(listed.bodyText().lines().skip(1).map(line -> {
                    String[] cells = line.split("\t");
                    return cells[0] + " " + cells[1] + " " + cells[3];
                }))
                .containsExactly("algebra 유저1 127.0.0.0/24", "study 유저1 127.0.0.0/24");
        assertThat(listed.header(HeaderNames.NETWORK))
                .as("the administrator's: every network's")
                .isEmpty();
        assertThat(ownNetwork.statusCode()).isEqualTo(200);
        assertThat(ownNetwork.header(HeaderNames.NETWORK)).contains("127.0.0.0/24");
        assertThat(ownNetwork.header(HeaderNames.CAPACITY)).contains("50");
        assertThat(ownNetwork.header(HeaderNames.ROOMS)).contains("2");
        assertThat(ownNetwork.bodyText()).isEqualTo(listed.bodyText());
        assertThat(admin.request(request(Methods.REGISTER, "study")).statusCode())
                .as("the administrator's new key: study counts against no network")
                .isEqualTo(200);
        assertThat(owner.request(OcpMessage.request(Methods.REGISTRATIONS, Targets.SERVER)
                                .build())
                        .bodyText()
                        .lines()
                        .skip(1)
                        .map(line -> line.split("\t")[0]))
                .containsExactly("algebra");
    }

    @Test
    void aWrongKeyShownIsAConsoleLineThatNeverHoldsTheKey() {
        TestClient[] room = roomOfThree();
        registered(room);

        room[1].request(withKey(Methods.CLAIM, "study", "dddddddddddddddddddddddddd"));

        server.console().awaitLine("[ROOMKEY] study: 유저2님이 맞지 않는 방 열쇠로 방장이 되려 했습니다");
        assertThat(server.console().lines()).noneMatch(line -> line.contains("dddddddddd"));
    }
}
