package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Names;
import openchat.core.RoomView;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many rooms, end to end over real connections: JOIN, PART, LIST, WHO, TOPIC, KICK by owner and admin. */
class RoomsTest {
    private TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage request(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    @Test
    void connectingToANewRoomCreatesItAndMakesTheJoinerItsOwner() {
        TestClient first = server.client();

        OcpMessage answer = first.connect("Study.ko", "유저1", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.ROOM)).contains("Study.ko");
        assertThat(answer.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(answer.header(HeaderNames.OWNER)).contains("유저1");
        assertThat(answer.header(HeaderNames.MEMBERS)).contains("1");
        server.console().awaitLine("[CONNECT] 유저1 → Study.ko");
        OcpMessage second = server.client().connect("study.KO", "유저2", null);
        assertThat(second.header(HeaderNames.ROOM)).as("shown as first written").contains("Study.ko");
        assertThat(second.header(HeaderNames.ROOM_ROLE)).contains("member");
    }

    @Test
    void aJoinsAnswerCarriesTheJoinsOwnSeqWhichTheOthersJoinedEventCarries() {
        TestClient first = server.client();
        OcpMessage created = first.connect("study", "유저1", null);
        TestClient second = server.joined("유저2");

        OcpMessage joined = second.joinRoom("study");

        assertThat(created.header(HeaderNames.SEQ))
                .as("a new room's first join")
                .contains("1");
        assertThat(joined.header(HeaderNames.SEQ)).contains("2");
        assertThat(first.nextEvent(Methods.JOINED).header(HeaderNames.SEQ)).isEqualTo(joined.header(HeaderNames.SEQ));
    }

    @Test
    void aRoomNameTypedDecomposedJoinsTheRoomItsNfcNames() {
        TestClient creator = server.client();
        creator.connect("\u00C5ngstrom", "유저1", null);
        TestClient mac = server.joined("유저2");

        OcpMessage joined = mac.joinRoom("A\u030Angstrom");

        assertThat(joined.statusCode()).isEqualTo(200);
        assertThat(joined.header(HeaderNames.ROOM)).contains("\u00C5ngstrom");
        assertThat(joined.header(HeaderNames.MEMBERS)).contains("2");
    }

    @Test
    void aRoomNameOfDotsAloneOrEmptyIsRefusedAsAnInvalidRoom() {
        TestClient member = server.joined("유저1");

        OcpMessage dots = member.joinRoom("..");
        OcpMessage dot = member.request(request(Methods.WHO, "."));
        OcpMessage empty = member.joinRoom("");

        assertThat(dots.statusCode()).isEqualTo(400);
        assertThat(dots.header(HeaderNames.ERROR_CODE)).contains("invalid-room");
        assertThat(dots.bodyText()).isEqualTo("사용할 수 없는 방 이름입니다: 점(.)만으로 된 방 이름은 쓸 수 없습니다");
        assertThat(dot.statusCode()).isEqualTo(400);
        assertThat(empty.statusCode()).as("JOIN /rooms/").isEqualTo(400);
        assertThat(empty.header(HeaderNames.ERROR_CODE)).contains("invalid-room");
        assertThat(empty.bodyText()).isEqualTo("사용할 수 없는 방 이름입니다: 비어 있습니다");
    }

    @Test
    void twoRoomsAreIsolatedFromEachOther() {
        TestClient inLobby = server.joined("유저1");
        TestClient listener = server.joined("유저2");
        TestClient elsewhere = server.client();
        elsewhere.connect("other", "유저3", null);
        inLobby.nextEvent(Methods.JOINED);

        elsewhere.sayIn("other", "다른 방");
        inLobby.say("로비");

        assertThat(listener.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("로비");
        // Joining the lobby now replays its history: had the lobby line reached 유저3 live, it would come first.
        assertThat(elsewhere.joinRoom("lobby").statusCode()).isEqualTo(200);
        OcpMessage replay = elsewhere.nextEvent(Methods.MESSAGE);
        assertThat(replay.bodyText()).isEqualTo("로비");
        assertThat(replay.header(HeaderNames.HISTORY)).contains("true");
        // And 유저1 (in the lobby only) gets 유저3's JOINED next, not the other room's line.
        assertThat(inLobby.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("유저3");
    }

    @Test
    void joinAndPartAreAnnouncedAndPartKeepsTheConnection() {
        TestClient owner = server.client();
        owner.connect("games", "유저1", null);
        TestClient guest = server.joined("유저2");

        OcpMessage answer = guest.joinRoom("GAMES");
        assertThat(answer.header(HeaderNames.ROOM_ROLE)).contains("member");
        assertThat(answer.bodyText()).as("the room as its creator wrote it").isEqualTo("games 방에 들어왔습니다");
        OcpMessage joined = owner.nextEvent(Methods.JOINED);
        assertThat(joined.target()).isEqualTo("/rooms/games");
        assertThat(joined.header(HeaderNames.NAME)).contains("유저2");

        OcpMessage parted = guest.request(request(Methods.PART, "games"));
        assertThat(parted.statusCode()).isEqualTo(200);
        OcpMessage left = owner.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.REASON)).contains("parted");
        assertThat(left.header(HeaderNames.MEMBERS)).contains("1");
        assertThat(guest.isOpen()).isTrue();
        assertThat(guest.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .isEqualTo(200);
        server.console().awaitLine("[PART] 유저2 ← games");
    }

    @Test
    void joiningARoomTwiceGets409AndSendingToARoomNotJoinedGets403() {
        TestClient member = server.joined("유저1");

        OcpMessage again = member.joinRoom("LOBBY");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyText())
                .as("the room as it shows itself")
                .contains("lobby")
                .doesNotContain("LOBBY");
        OcpMessage notIn = member.request(OcpMessage.request(Methods.SEND, "/rooms/nowhere")
                .header(HeaderNames.REQUEST_ID, "1")
                .body("hi")
                .build());
        assertThat(notIn.statusCode()).isEqualTo(403);
        assertThat(member.isOpen()).isTrue();
    }

    @Test
    void invalidRoomNamesAreRefusedWith400() {
        TestClient member = server.joined("유저1");

        for (String bad : new String[] {"a%20b", "x".repeat(33), "semi;colon"}) {
            OcpMessage answer = member.joinRoom(bad);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
        }
        TestClient connecting = server.client();
        assertThat(connecting.connect("no:colons", "유저2", null).statusCode()).isEqualTo(400);
        connecting.awaitClosed();
    }

    @Test
    void aRoomNameThatLooksLikeLobbyIsRefusedWithTheReason() {
        TestClient member = server.joined("유저1");

        OcpMessage cyrillic = member.joinRoom("l\u043Ebby");
        OcpMessage fullWidth = member.joinRoom("\uFF4C\uFF4F\uFF42\uFF42\uFF59");

        assertThat(cyrillic.statusCode()).isEqualTo(400);
        assertThat(cyrillic.header(HeaderNames.ERROR_CODE)).contains("invalid-room");
        assertThat(cyrillic.bodyText()).contains("로마자, 그리스 문자, 키릴 문자는 서로 닮아서 한 이름에 섞어 쓸 수 없습니다");
        assertThat(fullWidth.statusCode()).isEqualTo(400);
        assertThat(fullWidth.bodyText()).contains("전각·반각 문자나 합자 같은 호환 문자는 쓸 수 없습니다");
        assertThat(server.server().core().list().stream().map(RoomView::name))
                .as("no look-alike of lobby was created")
                .containsExactly("lobby");
        TestClient connecting = server.client();
        assertThat(connecting.connect("l\u043Ebby", "유저2", null).statusCode()).isEqualTo(400);
        connecting.awaitClosed();
    }

    @Test
    void aNameIsUniqueOnTheWholeServer() {
        TestClient first = server.client();
        first.connect("room1", "Alice", null);

        TestClient second = server.client();
        OcpMessage answer = second.connect("room2", "alice", null);

        assertThat(answer.statusCode()).isEqualTo(409);
        second.awaitClosed();
    }

    @Test
    void aNameThatLooksLikeOneTakenIsTakenAndOneMixingAlphabetsIsRefused() {
        server.joined("유저1");
        server.joined("Alice");

        OcpMessage fullWidth = server.client().join("유저１", null);
        OcpMessage cyrillic = server.client().join("\u0410lice", null);

        assertThat(fullWidth.statusCode()).isEqualTo(409);
        assertThat(fullWidth.header(HeaderNames.ERROR_CODE)).contains("name-taken");
        assertThat(cyrillic.statusCode()).isEqualTo(400);
        assertThat(cyrillic.header(HeaderNames.ERROR_CODE)).contains("invalid-name");
        assertThat(cyrillic.bodyText()).contains("로마자, 그리스 문자, 키릴 문자는 서로 닮아서 한 이름에 섞어 쓸 수 없습니다");
    }

    @Test
    void listShowsEveryRoomWithCountsOwnersAndTopics() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        owner.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("시험 공부").build());
        server.joined("유저2");

        OcpMessage list = owner.request(OcpMessage.request(Methods.LIST, "/").build());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.header(HeaderNames.CONTENT_TYPE)).contains(HeaderNames.TSV_UTF8);
        assertThat(list.header(HeaderNames.ROOMS)).contains("2");
        assertThat(list.bodyText())
                .isEqualTo("room\tmembers\tcapacity\towner\ttopic\tregistered\n" + "lobby\t1\t5\t\t\tfalse\n"
                        + "study\t1\t5\t유저1\t시험 공부\tfalse\n");
    }

    @Test
    void whoShowsMembersAndTheirRoles() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        admin.joinRoom("study");
        TestClient member = server.joined("유저2");
        member.joinRoom("study");

        OcpMessage who = member.request(request(Methods.WHO, "study"));

        assertThat(who.header(HeaderNames.MEMBERS)).contains("3");
        assertThat(who.bodyText()).isEqualTo("name\trole\taway\n유저1\towner\t\n채팅관리자\tadmin\t\n유저2\tmember\t\n");
        assertThat(member.request(request(Methods.WHO, "nowhere")).statusCode()).isEqualTo(404);
    }

    @Test
    void ownerMayKickAMemberWhoStaysConnectedInItsOtherRooms() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient target = server.joined("유저2");
        target.joinRoom("study");
        owner.nextEvent(Methods.JOINED);

        OcpMessage answer = owner.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, "유저2")
                .body("규칙 위반")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        OcpMessage told = target.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.REASON)).contains("kicked");
        assertThat(told.header(HeaderNames.BY)).contains("유저1");
        assertThat(told.bodyText()).isEqualTo("규칙 위반");
        assertThat(owner.nextEvent(Methods.LEFT).header(HeaderNames.NAME)).contains("유저2");
        assertThat(target.isOpen()).isTrue();
        OcpMessage stillInLobby = target.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                .header(HeaderNames.REQUEST_ID, "1")
                .body("여기 있어요")
                .build());
        assertThat(stillInLobby.statusCode()).isEqualTo(200);
        OcpMessage notInStudy = target.request(OcpMessage.request(Methods.SEND, "/rooms/study")
                .header(HeaderNames.REQUEST_ID, "2")
                .body("돌아왔어요")
                .build());
        assertThat(notInStudy.statusCode()).isEqualTo(403);
        server.console().awaitLine("[KICK] 유저2 ← study (유저1) 규칙 위반");
    }

    @Test
    void kickOfAMemberWhoIsConnectedButNotInTheRoomSaysSoRatherThanNoSuchUser() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        server.joined("유저2");

        OcpMessage elsewhere = owner.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, "유저2")
                .build());
        OcpMessage nobody = owner.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, "없는사람")
                .build());

        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.header(HeaderNames.ERROR_CODE)).contains("no-such-member");
        assertThat(elsewhere.bodyText()).isEqualTo("유저2님은 이 방에 없습니다");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.bodyText()).isEqualTo("그런 사용자가 없습니다: 없는사람");
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotKickOrSetTheTopic() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient member = server.joined("유저2");
        member.joinRoom("study");

        OcpMessage kick = member.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, "유저1")
                .build());
        OcpMessage topic = member.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("내 주제").build());

        assertThat(kick.statusCode()).isEqualTo(Status.FORBIDDEN.code());
        assertThat(kick.bodyText()).isEqualTo("방장이나 관리자만 할 수 있습니다");
        assertThat(topic.statusCode()).isEqualTo(Status.FORBIDDEN.code());
        assertThat(server.server().core().who("study")).hasSize(2);
    }

    @Test
    void theOwnerMayNotKickTheAdministratorButTheAdministratorMayKickAnywhere() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        admin.joinRoom("study");

        OcpMessage refused = owner.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, Names.ADMINISTRATOR)
                .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("admin-not-kickable");
        assertThat(refused.bodyText()).isEqualTo("관리자는 강제 퇴장시킬 수 없습니다");

        admin.request(request(Methods.PART, "study"));
        OcpMessage kicked = admin.request(OcpMessage.request(Methods.KICK, "/rooms/study")
                .header(HeaderNames.NAME, "유저1")
                .build());
        assertThat(kicked.statusCode())
                .as("the administrator kicks in a room it is not in")
                .isEqualTo(200);
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.LEFT)
                                && m.header(HeaderNames.NAME).orElse("").equals("유저1"))
                        .header(HeaderNames.BY))
                .contains(Names.ADMINISTRATOR);
    }

    @Test
    void theAdministratorSetsAndClearsATopicFromOutsideTheRoomWhileAMemberOutsideMayOnlyReadIt() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient outsider = server.joined("유저2");

        OcpMessage set = admin.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("공지").build());
        OcpMessage told = owner.nextEvent(Methods.TOPIC);
        OcpMessage read = outsider.request(request(Methods.TOPIC, "study"));
        OcpMessage refused = outsider.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("내 주제").build());
        OcpMessage cleared = admin.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.CLEAR, "true")
                .build());

        assertThat(set.statusCode()).as("the administrator may set any topic").isEqualTo(200);
        assertThat(told.header(HeaderNames.NAME)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("공지");
        assertThat(told.header(HeaderNames.SEQ)).isEqualTo(set.header(HeaderNames.SEQ));
        assertThat(read.statusCode()).as("reading is open to all").isEqualTo(200);
        assertThat(read.bodyText()).isEqualTo("공지");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("not-in-room");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(owner.nextEvent(Methods.TOPIC).bodyText()).isEmpty();
        assertThat(server.server().core().room("study").topic()).isEmpty();
    }

    @Test
    void aMemberInvitedIntoARoomIsToldWhoInvitesItAndWhere() {
        TestClient inviter = server.client();
        inviter.connect("study", "유저1", null);
        TestClient invited = server.joined("유저2");

        OcpMessage answer = inviter.request(OcpMessage.request(Methods.INVITE, "/rooms/study")
                .header(HeaderNames.NAME, "유저2")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("유저2");
        assertThat(answer.bodyText()).isEqualTo("유저2님을 study 방으로 초대했습니다");
        OcpMessage told = invited.nextEvent(Methods.INVITE);
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.FROM)).contains("유저1");
        assertThat(told.header(HeaderNames.DATE)).isPresent();
        assertThat(invited.joinRoom("study").statusCode())
                .as("the invitation points the way; rooms are open")
                .isEqualTo(200);
    }

    @Test
    void anInvitationIsRefusedIntoARoomNotJoinedToNobodyAndToAMemberAlreadyThere() {
        TestClient inviter = server.client();
        inviter.connect("study", "유저1", null);
        TestClient there = server.client();
        there.connect("study", "유저2", null);
        server.client().connect("games", "유저3", null);

        OcpMessage notJoined = inviter.request(OcpMessage.request(Methods.INVITE, "/rooms/games")
                .header(HeaderNames.NAME, "유저2")
                .build());
        OcpMessage nobody = inviter.request(OcpMessage.request(Methods.INVITE, "/rooms/study")
                .header(HeaderNames.NAME, "아무도")
                .build());
        OcpMessage already = inviter.request(OcpMessage.request(Methods.INVITE, "/rooms/study")
                .header(HeaderNames.NAME, "유저2")
                .build());

        assertThat(notJoined.statusCode()).isEqualTo(403);
        assertThat(notJoined.header(HeaderNames.ERROR_CODE)).contains("not-in-room");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.header(HeaderNames.ERROR_CODE)).contains("no-such-member");
        assertThat(already.statusCode()).isEqualTo(409);
        assertThat(already.header(HeaderNames.ERROR_CODE)).contains("invitee-in-room");
        assertThat(already.bodyText()).isEqualTo("유저2님은 이미 이 방에 있습니다");
    }

    @Test
    void aTopicTooLongOrWithAControlCharacterIsRefusedWithTheReasonInTheServersLanguage() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);

        OcpMessage tooLong = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .body("x".repeat(301))
                .build());
        OcpMessage control = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .body("기말\u0007고사")
                .build());

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyText()).isEqualTo("사용할 수 없는 주제입니다: 300자보다 깁니다");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(control.bodyText()).isEqualTo("사용할 수 없는 주제입니다: 제어 문자가 들어 있습니다");
    }

    @Test
    void topicIsSetByTheOwnerToldToTheRoomAndReadBack() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient member = server.joined("유저2");
        member.joinRoom("study");

        OcpMessage set = owner.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("기말고사").build());

        assertThat(set.statusCode()).isEqualTo(200);
        OcpMessage event = member.nextEvent(Methods.TOPIC);
        assertThat(event.header(HeaderNames.NAME)).contains("유저1");
        assertThat(event.bodyText()).isEqualTo("기말고사");
        OcpMessage read = member.request(request(Methods.TOPIC, "study"));
        assertThat(read.bodyText()).isEqualTo("기말고사");
        assertThat(read.header(HeaderNames.NAME)).contains("유저1");
        assertThat(read.header(HeaderNames.DATE)).isEqualTo(event.header(HeaderNames.DATE));
        OcpMessage joinAnswer = server.client().connect("study", "유저3", null);
        assertThat(joinAnswer.header(HeaderNames.TOPIC)).contains("기말고사");
        OcpMessage clear = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.CLEAR, "true")
                .build());
        assertThat(clear.statusCode()).isEqualTo(200);
        assertThat(member.nextMatching(m -> m.method().equals(Methods.TOPIC)).bodyText())
                .isEmpty();
        OcpMessage tooLong = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .body("가".repeat(301))
                .build());
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    @Test
    void theAnswerToSettingOrClearingATopicCarriesTheSeqAndDateOfTheOthersTopicEvent() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient member = server.joined("유저2");
        member.joinRoom("study");

        OcpMessage set = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.REQUEST_ID, "2")
                .body("기말고사")
                .build());
        OcpMessage told = member.nextEvent(Methods.TOPIC);
        OcpMessage clear = owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.CLEAR, "true")
                .build());
        OcpMessage toldCleared = member.nextEvent(Methods.TOPIC);

        assertThat(set.header(HeaderNames.REQUEST_ID)).contains("2");
        assertThat(set.header(HeaderNames.SEQ))
                .as("the setter's only word of its topic's number")
                .isPresent()
                .isEqualTo(told.header(HeaderNames.SEQ));
        assertThat(set.header(HeaderNames.DATE)).isEqualTo(told.header(HeaderNames.DATE));
        assertThat(clear.header(HeaderNames.SEQ)).isPresent().isEqualTo(toldCleared.header(HeaderNames.SEQ));
    }

    @Test
    void aRoomsTopicStaysWhenTheRoomEmptiesAndAcrossARestartButItsOwnershipDoesNot() throws Exception {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        assertThat(owner.request(OcpMessage.request(Methods.TOPIC, "/rooms/study")
                                .body("기말고사")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        assertThat(admin.request(OcpMessage.request(Methods.TOPIC, "/rooms/lobby")
                                .body("공지는 여기에")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(owner.request(
                                OcpMessage.request(Methods.PART, "/rooms/study").build())
                        .statusCode())
                .isEqualTo(200);

        OcpMessage emptiedAndMadeAgain = server.client().connect("study", "유저2", null);
        assertThat(emptiedAndMadeAgain.header(HeaderNames.TOPIC)).contains("기말고사");
        assertThat(emptiedAndMadeAgain.header(HeaderNames.OWNER)).contains("유저2");

        server.stop();
        server.startAgain();
        TestClient afterRestart = server.client();
        assertThat(afterRestart.connect("study", "유저3", null).header(HeaderNames.TOPIC))
                .contains("기말고사");
        OcpMessage read = afterRestart.request(request(Methods.TOPIC, "study"));
        assertThat(read.bodyText()).isEqualTo("기말고사");
        assertThat(read.header(HeaderNames.NAME)).as("who set it").contains("유저1");
        assertThat(afterRestart.joinRoom("lobby").header(HeaderNames.TOPIC)).contains("공지는 여기에");
    }

    @Test
    void onlyTheTopicsOfTheLastRoomsThatEmptiedAreKeptAndAForgottenOneStaysForgottenAfterARestart() throws Exception {
        int kept = openchat.core.CoreConfig.EMPTIED_ROOM_TOPICS;
        TestClient admin = server.joined(Names.ADMINISTRATOR); // no room allowance, no flood control
        for (int i = 0; i <= kept; i++) { // one room more than are kept
            String room = "r" + i;
            assertThat(admin.joinRoom(room).statusCode()).isEqualTo(200);
            assertThat(admin.request(OcpMessage.request(Methods.TOPIC, Targets.room(room))
                                    .body("topic " + i)
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(admin.request(request(Methods.PART, room)).statusCode()).isEqualTo(200);
        }

        TestClient member = server.joined("유저1");
        assertThat(member.joinRoom("r0").header(HeaderNames.TOPIC))
                .as("the room that emptied longest ago: its topic is forgotten")
                .isEmpty();
        assertThat(member.joinRoom("r" + kept).header(HeaderNames.TOPIC)).contains("topic " + kept);

        server.stop();
        server.startAgain();
        TestClient afterRestart = server.joined("유저2");
        assertThat(afterRestart.joinRoom("r0").header(HeaderNames.TOPIC))
                .as("not brought back by a restart")
                .isEmpty();
        assertThat(afterRestart.joinRoom("r2").header(HeaderNames.TOPIC)).contains("topic 2");
    }

    @Test
    void anEmptyRoomDisappearsButLobbyStays() {
        TestClient member = server.client();
        member.connect("temp", "유저1", null);
        member.joinRoom("lobby");

        member.request(request(Methods.PART, "temp"));
        member.request(request(Methods.PART, "lobby"));

        OcpMessage list = member.request(OcpMessage.request(Methods.LIST, "/").build());
        assertThat(list.bodyText())
                .isEqualTo("room\tmembers\tcapacity\towner\ttopic\tregistered\nlobby\t0\t5\t\t\tfalse\n");
    }

    @Test
    void roomLimitsAreRefusedClearly() throws Exception {
        server.close();
        server = TestServer.start(b -> b.maxRooms(3).maxRoomsPerMember(2));
        TestClient member = server.joined("유저1");
        assertThat(member.joinRoom("a").statusCode()).isEqualTo(200);

        OcpMessage perMember = member.joinRoom("b");
        assertThat(perMember.statusCode()).isEqualTo(403);
        assertThat(perMember.bodyText()).isEqualTo("한 사람이 들어갈 수 있는 방은 2개까지입니다");
        assertThat(perMember.header(HeaderNames.CAPACITY))
                .as("the limit for a client to word itself")
                .contains("2");

        TestClient other = server.joined("유저2");
        assertThat(other.joinRoom("b").statusCode()).isEqualTo(200);
        OcpMessage tooMany = server.client().connect("c", "유저3", null);
        assertThat(tooMany.statusCode()).isEqualTo(503);
        assertThat(tooMany.header(HeaderNames.CAPACITY)).contains("3");
        assertThat(tooMany.bodyText()).isEqualTo("서버에 방이 너무 많습니다 (최대 3개)");
    }

    @Test
    void roomsMadeFromOneAddressAreCappedAndTheRefusalSaysSoOverOcpAndIrc() throws Exception {
        server.close();
        server = TestServer.start(b ->
                b.core(openchat.core.CoreConfig.builder().maxRoomsPerAddress(2).build()));
        TestClient member = server.joined("유저1");
        assertThat(member.joinRoom("a").statusCode()).isEqualTo(200);
        assertThat(member.joinRoom("b").statusCode()).isEqualTo(200);

        OcpMessage third = member.joinRoom("c");
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.header(HeaderNames.ERROR_CODE)).contains("too-many-rooms-from-address");
        assertThat(third.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(third.bodyText())
                .isEqualTo("이 주소나 같은 네트워크에서 만든 방이 너무 많습니다 (최대 2개): 이미 있는 방에 들어가거나, 만든 방이 비면 다시 만드십시오");
        TestClient other = server.joined("유저2");
        assertThat(other.joinRoom("b").statusCode()).as("a room that exists").isEqualTo(200);

        openchat.server.irc.IrcTestClient irc =
                openchat.server.irc.IrcTestClient.registered(server.ircPort(), "ircuser");
        try {
            irc.send("JOIN #d");
            assertThat(irc.await(line -> line.contains(" 403 ")))
                    .startsWith(":openchat 403 ircuser #d :이 주소나 같은 네트워크에서 만든 방이 너무 많습니다 (최대 2개)");
        } finally {
            irc.close();
        }
    }

    @Test
    void eachRoomHasItsOwnCapacity() throws Exception {
        server.close();
        server = TestServer.start(b -> b.maxUsers(2));
        server.joined("유저1");
        server.joined("유저2");
        TestClient third = server.client();
        assertThat(third.connect("lobby", "유저3", null).statusCode()).isEqualTo(503);
        TestClient elsewhere = server.client();
        assertThat(elsewhere.connect("other", "유저3", null).statusCode()).isEqualTo(200);
        assertThat(elsewhere.joinRoom("lobby").statusCode()).isEqualTo(503);
        assertThat(elsewhere.isOpen()).as("a refused JOIN keeps the connection").isTrue();
    }

    @Test
    void leaveIsAnnouncedInEveryRoomTheMemberWasIn() {
        TestClient leaver = server.joined("유저1");
        leaver.joinRoom("study");
        TestClient inLobby = server.joined("유저2");
        TestClient inStudy = server.client();
        inStudy.connect("study", "유저3", null);

        leaver.request(OcpMessage.request(Methods.LEAVE, "/").build());

        assertThat(inLobby.nextEvent(Methods.LEFT).header(HeaderNames.REASON)).contains("left");
        OcpMessage left = inStudy.nextEvent(Methods.LEFT);
        assertThat(left.target()).isEqualTo("/rooms/study");
        assertThat(left.header(HeaderNames.REASON)).contains("left");
        leaver.awaitClosed();
    }
}
