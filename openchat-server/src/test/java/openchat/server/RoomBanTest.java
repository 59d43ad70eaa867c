package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room's bans over OCP, end to end: BAN, UNBAN and BANS of /rooms/NAME, a banned member's JOIN and SEND. */
class RoomBanTest {
    private final SteppedClock clock = new SteppedClock();
    private final TestServer server = TestServer.start(c -> c, clock);

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage roomBan(TestClient by, String room, String target, String seconds, String reason) {
        OcpMessage.Builder ban = OcpMessage.request(Methods.BAN, Targets.room(room))
                .header(HeaderNames.TARGET, target)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason);
        if (seconds != null) {
            ban.header(HeaderNames.DURATION, seconds);
        }
        return by.request(ban.build());
    }

    private static OcpMessage roomUnban(TestClient by, String room, String target) {
        return by.request(OcpMessage.request(Methods.UNBAN, Targets.room(room))
                .header(HeaderNames.TARGET, target)
                .build());
    }

    private static OcpMessage roomBans(TestClient by, String room) {
        return by.request(OcpMessage.request(Methods.BANS, Targets.room(room)).build());
    }

    /** {@code name} connected into {@code room} from the loopback address {@code from}. */
    private TestClient joinedFrom(String from, String name, String room) {
        TestClient client = TestClient.connectFrom(from, "127.0.0.1", server.port());
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    private static OcpMessage sendIn(TestClient client, String room, String text) {
        return client.request(OcpMessage.request(Methods.SEND, Targets.room(room))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
    }

    @Test
    void aBannedMemberCannotJoinTheRoomAndIsToldSoInItsLanguage() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        TestClient troll = joinedFrom("127.0.0.2", "트롤", "lobby");

        OcpMessage answer = roomBan(owner, "study", "트롤", null, "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.TARGET)).contains("트롤");
        assertThat(answer.header(HeaderNames.KIND)).contains("name");
        assertThat(answer.header(HeaderNames.ADDRESS))
                .as("not in the room: no address kept")
                .isEmpty();
        assertThat(answer.bodyText()).isEqualTo("트롤 이름을 이 방에서 차단했습니다 (풀 때까지)");
        server.console().awaitLine("[BAN] 트롤 → study 방 (철수) 도배");

        OcpMessage refused = troll.joinRoom("study");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(refused.header(HeaderNames.RETRY_AFTER)).as("permanent").isEmpty();
        assertThat(refused.bodyText()).isEqualTo("study 방에서 차단되어 들어갈 수 없습니다");

        TestClient english = TestClient.connectFrom("127.0.0.3", "127.0.0.1", server.port());
        english.send(OcpMessage.request(Methods.CONNECT, Targets.room("study"))
                .header(HeaderNames.NAME, "트롤2")
                .header("Accept-Language", "en")
                .build());
        english.nextAnswer();
        assertThat(roomBan(owner, "study", "트롤2", null, "").statusCode()).isEqualTo(200);
        english.nextMatching(m -> m.method().equals(Methods.BAN));
        assertThat(sendIn(english, "study", "hello").bodyText())
                .isEqualTo("You are banned from study and cannot speak there");
    }

    @Test
    void aBannedMemberPresentCannotSpeakTheRoomIsToldAndTheOwnersKickPutsItOut() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        TestClient troll = joinedFrom("127.0.0.2", "트롤", "study");
        TestClient witness = joinedFrom("127.0.0.3", "영희", "study");

        assertThat(roomBan(owner, "study", "트롤", null, "").statusCode()).isEqualTo(200);

        OcpMessage told = witness.nextMatching(m -> m.method().equals(Methods.BAN));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.TARGET)).contains("트롤");
        assertThat(told.header(HeaderNames.ADDRESS))
                .as("members never see addresses")
                .isEmpty();
        troll.nextMatching(m -> m.method().equals(Methods.BAN));
        OcpMessage silenced = sendIn(troll, "study", "아직 여기");
        assertThat(silenced.statusCode()).isEqualTo(403);
        assertThat(silenced.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(silenced.bodyText()).isEqualTo("study 방에서 차단되어 말할 수 없습니다");

        assertThat(owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                                .header(HeaderNames.NAME, "트롤")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(403);

        OcpMessage lifted = roomUnban(owner, "study", "트롤");
        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(lifted.bodyText()).isEqualTo("이 방에서 트롤 차단을 풀었습니다");
        OcpMessage unbanTold = witness.nextMatching(m -> m.method().equals(Methods.UNBAN));
        assertThat(unbanTold.header(HeaderNames.TARGET)).contains("트롤");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheRoomsOwnerOrTheAdministratorMayBanAndAnyoneMayListTheBans() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        TestClient member = joinedFrom("127.0.0.2", "영희", "study");
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage refused = roomBan(member, "study", "트롤", null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        assertThat(roomBan(admin, "study", "트롤", "3600", "from outside").statusCode())
                .isEqualTo(200);
        assertThat(roomUnban(member, "study", "트롤").header(HeaderNames.ERROR_CODE))
                .contains("not-moderator");

        OcpMessage list = roomBans(member, "study");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.header(HeaderNames.BANS)).contains("1");
        String[] rows = list.bodyText().split("\n");
        assertThat(rows[0]).isEqualTo("target\tkind\tby\tdate\treason\texpires\taddress");
        assertThat(rows[1]).startsWith("트롤\tname\t채팅관리자\t").contains("\tfrom outside\t");
        assertThat(roomUnban(owner, "study", "트롤").statusCode()).isEqualTo(200);
        assertThat(roomUnban(owner, "study", "트롤").header(HeaderNames.ERROR_CODE))
                .contains("not-banned");
    }

    @Test
    void theAdministratorCannotBeBannedFromARoomNorKeptOutByAMaskAndAMaskFittingTheSetterIsRefused() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");

        OcpMessage refused = roomBan(owner, "study", Names.ADMINISTRATOR, null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("admin-not-bannable");
        OcpMessage self = roomBan(owner, "study", "철*", null, "");
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.header(HeaderNames.ERROR_CODE)).contains("ban-fits-self");
        OcpMessage address = roomBan(owner, "study", "203.0.113.7", null, "");
        assertThat(address.header(HeaderNames.ERROR_CODE)).contains("invalid-ban");

        assertThat(roomBan(owner, "study", "채팅*", null, "").statusCode()).isEqualTo(200);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);
        admin.sayIn("study", "관리자는 막히지 않습니다");
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("관리자는 막히지 않습니다");
    }

    @Test
    void aRoomsBanListIsBoundedAndRefusedClearlyPastIt() throws Exception {
        // Each ban spends a line of the owner's allowance: without flood control, to reach the bound at once.
        try (TestServer unlimited = TestServer.start(c -> c.floodControl(FloodControl.OFF))) {
            TestClient owner = unlimited.client();
            assertThat(owner.connect("study", "철수", null).statusCode()).isEqualTo(200);
            for (int i = 0; i < CoreConfig.MAX_ROOM_BANS; i++) {
                assertThat(roomBan(owner, "study", "봇" + i, null, "").statusCode())
                        .isEqualTo(200);
            }

            OcpMessage refused = roomBan(owner, "study", "하나더", null, "");

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-many-room-bans");
            assertThat(refused.header(HeaderNames.CAPACITY)).contains(String.valueOf(CoreConfig.MAX_ROOM_BANS));
            assertThat(refused.bodyText()).isEqualTo("이 방의 차단 목록이 가득 찼습니다 (최대 100개): 먼저 하나를 푸십시오");
        }
    }

    @Test
    void aRoomBanSurvivesTheRoomEmptyingAndARestartWithItsSqliteFile() throws Exception {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        assertThat(roomBan(owner, "study", "트롤", null, "도배").statusCode()).isEqualTo(200);
        owner.close();

        server.restart();

        TestClient troll = joinedFrom("127.0.0.2", "트롤", "lobby");
        assertThat(troll.joinRoom("study").header(HeaderNames.ERROR_CODE)).contains("room-banned");
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        assertThat(roomBans(admin, "study").bodyText()).contains("트롤\tname\t철수\t");
    }

    @Test
    void withoutHistoryARoomBanStillOutlivesARestart() throws Exception {
        try (TestServer noHistory = TestServer.start(c -> c.history(false))) {
            TestClient owner = TestClient.connectFrom("127.0.0.1", "127.0.0.1", noHistory.port());
            assertThat(owner.connect("study", "철수", null).statusCode()).isEqualTo(200);
            assertThat(roomBan(owner, "study", "트롤", null, "").statusCode()).isEqualTo(200);

            noHistory.restart();

            TestClient troll = noHistory.joined("트롤");
            assertThat(troll.joinRoom("study").header(HeaderNames.ERROR_CODE))
                    .as("kept in the database, which holds the bans and topics without history")
                    .contains("room-banned");
        }
    }

    @Test
    void aTimedRoomBanTellsWhenItEndsAndLapsesByItself() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        OcpMessage answer = roomBan(owner, "study", "트롤", "1800", "");
        assertThat(answer.header(HeaderNames.EXPIRES)).isPresent();
        assertThat(answer.bodyText()).isEqualTo("트롤 이름을 이 방에서 차단했습니다 (기간 30분)");
        TestClient troll = joinedFrom("127.0.0.2", "트롤", "lobby");

        clock.advance(Duration.ofMinutes(10));
        OcpMessage refused = troll.joinRoom("study");
        assertThat(refused.header(HeaderNames.RETRY_AFTER)).contains("1200");
        assertThat(refused.bodyText()).isEqualTo("study 방에서 차단되어 들어갈 수 없습니다 (20분 뒤에 풀립니다)");

        clock.advance(Duration.ofMinutes(20));
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(roomBans(owner, "study").header(HeaderNames.BANS)).contains("0");
    }

    @Test
    void theAddressOfABannedMemberFollowsItUnderANewNameAndOnlyTheAdministratorSeesIt() {
        TestClient owner = joinedFrom("127.0.0.1", "철수", "study");
        TestClient troll = joinedFrom("127.0.0.2", "트롤", "study");
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage answer = roomBan(owner, "study", "트롤", null, "");
        assertThat(answer.header(HeaderNames.ADDRESS))
                .as("the owner is never shown it")
                .isEmpty();
        assertThat(roomBans(owner, "study").bodyText().split("\n")[1]).endsWith("\t");
        assertThat(roomBans(admin, "study").bodyText().split("\n")[1]).endsWith("\t127.0.0.2");

        assertThat(troll.request(OcpMessage.request(Methods.RENAME, "/")
                                .header(HeaderNames.NAME, "착한사람")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(sendIn(troll, "study", "저 아니에요").header(HeaderNames.ERROR_CODE))
                .contains("room-banned");
        troll.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        assertThat(troll.joinRoom("study").header(HeaderNames.ERROR_CODE)).contains("room-banned");
        TestClient sameAddress = joinedFrom("127.0.0.2", "새얼굴", "lobby");
        assertThat(sameAddress.joinRoom("study").header(HeaderNames.ERROR_CODE)).contains("room-banned");
        TestClient elsewhere = joinedFrom("127.0.0.4", "다른사람", "lobby");
        assertThat(elsewhere.joinRoom("study").statusCode()).isEqualTo(200);
    }
}
