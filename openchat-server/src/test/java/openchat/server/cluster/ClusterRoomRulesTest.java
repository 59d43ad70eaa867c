package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.cluster.RedisServer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one real {@code redis-server}: a room's member limit and its bans, set on one node, hold on every node
 * as they do on a single server (the same answers, events and refusals), because Redis keeps them beside the room and
 * its scripts check every join and line.
 */
class ClusterRoomRulesTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final List<TestServer> nodes = new ArrayList<>();

    @BeforeEach
    void emptyStore() throws Exception {
        redis.flushAll();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (TestServer node : nodes) {
            if (!node.server().terminated().isDone()) {
                node.close();
            }
        }
    }

    private TestServer node(String id) {
        return node(id, Clock.systemDefaultZone());
    }

    private TestServer node(String id, Clock clock) {
        TestServer node = TestServer.start(
                c -> c.cluster(redis.url())
                        .nodeId(id)
                        .maxUsers(20)
                        .maxConnectionsPerAddress(200)
                        .floodControl(FloodControl.OFF),
                clock);
        nodes.add(node);
        return node;
    }

    /** {@code name} connected to {@code node} from the loopback address {@code from}, into {@code room}. */
    private static TestClient in(TestServer node, String from, String name, String room) {
        TestClient client = TestClient.connectFrom(from, "127.0.0.1", node.port());
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    private static OcpMessage limit(TestClient by, String limit) {
        return by.request(OcpMessage.request(Methods.LIMIT, Targets.room("study"))
                .header(HeaderNames.LIMIT, limit)
                .build());
    }

    private static OcpMessage roomBan(TestClient by, String target, String seconds, String reason) {
        OcpMessage.Builder ban = OcpMessage.request(Methods.BAN, Targets.room("study"))
                .header(HeaderNames.TARGET, target)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason);
        if (seconds != null) {
            ban.header(HeaderNames.DURATION, seconds);
        }
        return by.request(ban.build());
    }

    private static OcpMessage roomUnban(TestClient by, String target) {
        return by.request(OcpMessage.request(Methods.UNBAN, Targets.room("study"))
                .header(HeaderNames.TARGET, target)
                .build());
    }

    private static OcpMessage roomBans(TestClient by) {
        return by.request(
                OcpMessage.request(Methods.BANS, Targets.room("study")).build());
    }

    private static String list(TestClient by) {
        return by.request(OcpMessage.request(Methods.LIST, Targets.SERVER).build())
                .bodyText();
    }

    @Test
    void aLimitSetOnOneNodeIsToldOnEveryNodeRefusesAJoinOnAnotherAndClearReopens() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient member = in(b, "127.0.0.2", "영희", "study");

        OcpMessage answer = limit(owner, "2");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(answer.bodyText()).isEqualTo("방 인원 제한을 2명으로 정했습니다");
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.LIMIT));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(told.header(HeaderNames.CLEAR)).isEmpty();
        a.console().awaitLineContaining("[LIMIT] study: 최대 2명 (철수)");

        OcpMessage refused = b.joined("민수").joinRoom("study");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-full");
        assertThat(refused.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(refused.bodyText()).isEqualTo("방이 가득 찼습니다 (2/2)");
        assertThat(list(member)).contains("study\t2\t2\t철수\t\tfalse\n");

        OcpMessage cleared = owner.request(OcpMessage.request(Methods.LIMIT, Targets.room("study"))
                .header(HeaderNames.CLEAR, "true")
                .build());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.header(HeaderNames.CAPACITY)).contains("20");
        OcpMessage reset = member.nextMatching(m -> m.method().equals(Methods.LIMIT));
        assertThat(reset.header(HeaderNames.CLEAR)).contains("true");
        assertThat(reset.header(HeaderNames.CAPACITY)).contains("20");
        assertThat(b.joined("수진").joinRoom("study").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerOrTheAdministratorSetsALimitWithinTheCapacityMembersInStayAndAnEmptiedRoomForgetsIt() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient member = in(b, "127.0.0.2", "영희", "study");

        OcpMessage notOwner = limit(member, "1");
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(notOwner.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        OcpMessage tooMany = limit(owner, "21");
        assertThat(tooMany.header(HeaderNames.ERROR_CODE)).contains("invalid-limit");
        assertThat(tooMany.header(HeaderNames.CAPACITY)).contains("20");

        TestClient admin = b.joined(Names.ADMINISTRATOR);
        assertThat(limit(admin, "1").statusCode())
                .as("from outside the room, on another node")
                .isEqualTo(200);
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.LIMIT)).header(HeaderNames.BY))
                .contains(Names.ADMINISTRATOR);
        assertThat(list(owner)).as("both stay").contains("study\t2\t1\t철수\t\tfalse\n");

        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        member.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        TestClient first = in(b, "127.0.0.3", "민수", "study");
        in(a, "127.0.0.4", "수진", "study");
        assertThat(list(first)).contains("study\t2\t20\t민수\t\tfalse\n");
    }

    @Test
    void aBanSetOnOneNodeKeepsTheNameOutOnAnotherIsListedThereAndLiftedThereLetsItIn() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient witness = in(b, "127.0.0.3", "영희", "study");
        TestClient troll = in(b, "127.0.0.2", "트롤", "lobby");

        OcpMessage answer = roomBan(owner, "트롤", null, "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.TARGET)).contains("트롤");
        assertThat(answer.header(HeaderNames.KIND)).contains("name");
        assertThat(answer.header(HeaderNames.ADDRESS))
                .as("not in the room: no address kept")
                .isEmpty();
        assertThat(answer.bodyText()).isEqualTo("트롤 이름을 이 방에서 차단했습니다 (풀 때까지)");
        a.console().awaitLine("[BAN] 트롤 → study 방 (철수) 도배");
        OcpMessage told = witness.nextMatching(m -> m.method().equals(Methods.BAN));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.TARGET)).contains("트롤");
        assertThat(told.bodyText()).as("the reason, on the other node too").isEqualTo("도배");
        assertThat(told.header(HeaderNames.EXPIRES))
                .as("a ban until lifted has no end")
                .isEmpty();

        OcpMessage refused = troll.joinRoom("study");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(refused.header(HeaderNames.RETRY_AFTER)).as("permanent").isEmpty();
        assertThat(refused.bodyText()).isEqualTo("study 방에서 차단되어 들어갈 수 없습니다");
        OcpMessage listed = roomBans(witness);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.header(HeaderNames.BANS)).contains("1");
        assertThat(listed.bodyText()).contains("트롤");

        TestClient admin = b.joined(Names.ADMINISTRATOR);
        OcpMessage lifted = roomUnban(admin, "트롤");
        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.UNBAN)).header(HeaderNames.TARGET))
                .contains("트롤");
        assertThat(in(a, "127.0.0.2", "트롤2", "lobby").joinRoom("study").statusCode())
                .isEqualTo(200);
        assertThat(troll.joinRoom("study").statusCode()).as("on node b too").isEqualTo(200);
        assertThat(roomUnban(owner, "트롤").header(HeaderNames.ERROR_CODE)).contains("not-banned");
    }

    @Test
    void aBannedMemberPresentOnAnotherNodeCannotSpeakAndItsAddressIsKeptForTheAdministratorsEyesOnly() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient troll = in(b, "127.0.0.2", "트롤", "study");
        TestClient admin = a.joined(Names.ADMINISTRATOR);

        OcpMessage answer = roomBan(owner, "트롤", null, "");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.ADDRESS))
                .as("the owner is never shown it")
                .isEmpty();
        troll.nextMatching(m -> m.method().equals(Methods.BAN));
        OcpMessage silenced = troll.request(OcpMessage.request(Methods.SEND, Targets.room("study"))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("아직 여기")
                .build());
        assertThat(silenced.statusCode()).isEqualTo(403);
        assertThat(silenced.header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(silenced.bodyText()).isEqualTo("study 방에서 차단되어 말할 수 없습니다");
        assertThat(roomBans(owner).bodyText().split("\n")[1]).endsWith("\t");
        assertThat(roomBans(admin).bodyText().split("\n")[1]).endsWith("\t127.0.0.2");

        assertThat(troll.request(OcpMessage.request(Methods.RENAME, "/")
                                .header(HeaderNames.NAME, "착한사람")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        troll.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        assertThat(troll.joinRoom("study").header(HeaderNames.ERROR_CODE)).contains("room-banned");
        assertThat(in(a, "127.0.0.2", "새얼굴", "lobby").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .as("the same address on the other node")
                .contains("room-banned");
        assertThat(in(a, "127.0.0.4", "다른사람", "lobby").joinRoom("study").statusCode())
                .isEqualTo(200);
    }

    @Test
    void othersBehindTheBannedMembersAddressKeepSpeakingOnEveryNodeWhileTheBannedOneRenamedDoesNot() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient troll = in(b, "127.0.0.2", "트롤", "study");
        TestClient classmate = in(a, "127.0.0.2", "영희", "study"); // the same school's address, on the other node

        assertThat(roomBan(owner, "트롤", null, "").statusCode()).isEqualTo(200);
        troll.nextMatching(m -> m.method().equals(Methods.BAN));

        classmate.sayIn("study", "수업 끝나고 봐요");
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .as("a line from the banned member's address, by another name present, reaches the room")
                .isEqualTo("수업 끝나고 봐요");
        assertThat(troll.request(OcpMessage.request(Methods.RENAME, "/")
                                .header(HeaderNames.NAME, "착한사람")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        OcpMessage renamed = troll.request(OcpMessage.request(Methods.SEND, Targets.room("study"))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("이름을 바꿨어요")
                .build());
        assertThat(renamed.statusCode()).isEqualTo(403);
        assertThat(renamed.header(HeaderNames.ERROR_CODE)).contains("room-banned");
    }

    @Test
    void aTimedBanTellsWhenItEndsOnEveryNodeAndLapsesByItself() throws Exception {
        SteppedClock clock = new SteppedClock(); // both nodes' time
        TestServer a = node("a", clock);
        TestServer b = node("b", clock);
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        TestClient witness = in(b, "127.0.0.3", "영희", "study");
        OcpMessage answer = roomBan(owner, "트롤", "1800", "");
        assertThat(answer.bodyText()).isEqualTo("트롤 이름을 이 방에서 차단했습니다 (기간 30분)");
        OcpMessage told = witness.nextMatching(m -> m.method().equals(Methods.BAN));
        assertThat(told.header(HeaderNames.EXPIRES))
                .as("the end, read on the other node from the stream")
                .contains(answer.header(HeaderNames.EXPIRES).orElseThrow());
        TestClient troll = in(b, "127.0.0.2", "트롤", "lobby");

        clock.advance(Duration.ofMinutes(10));
        OcpMessage refused = troll.joinRoom("study");
        assertThat(refused.header(HeaderNames.RETRY_AFTER)).contains("1200");
        assertThat(refused.bodyText()).isEqualTo("study 방에서 차단되어 들어갈 수 없습니다 (20분 뒤에 풀립니다)");

        clock.advance(Duration.ofMinutes(20));
        assertThat(roomBans(owner).header(HeaderNames.BANS)).contains("0");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(redis.integer("HLEN", "oc:room:study:bans"))
                .as("dropped from Redis")
                .isZero();
    }

    @Test
    void aRoomsBansOutliveTheRoomAndItsNodesAndAreBoundedPerRoom() throws Exception {
        TestServer a = node("a");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        for (int i = 0; i < CoreConfig.MAX_ROOM_BANS; i++) {
            assertThat(roomBan(owner, "봇" + i, null, "").statusCode()).isEqualTo(200);
        }
        OcpMessage refused = roomBan(owner, "하나더", null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-many-room-bans");
        assertThat(refused.header(HeaderNames.CAPACITY)).contains(String.valueOf(CoreConfig.MAX_ROOM_BANS));
        assertThat(refused.bodyText()).isEqualTo("이 방의 차단 목록이 가득 찼습니다 (최대 100개): 먼저 하나를 푸십시오");
        assertThat(roomBan(owner, "봇0", "60", "다시").statusCode())
                .as("a ban made again is no new one")
                .isEqualTo(200);

        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        a.close();
        TestServer b = node("b");
        assertThat(in(b, "127.0.0.2", "봇7", "lobby").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .as("the room emptied and its node stopped; the ban is in Redis")
                .contains("room-banned");
    }

    @Test
    void pastTheBansOfAllRoomsAnEmptiedRoomsOldestMakesWayAndWithNoneLeftANewBanIsRefused() throws Exception {
        TestServer a = node("a");
        TestClient owner = in(a, "127.0.0.1", "철수", "study");
        // Every ban the cluster holds but one is of a room that exists; the oldest is of one that emptied.
        redis.integer(
                "EVAL",
                """
                redis.call('SADD', 'oc:rooms', 'busy')
                for i = 1, tonumber(ARGV[1]) do
                  local room = i == 1 and 'gone' or 'busy'
                  local ban = 'name\\tbot' .. i .. '\\tbot' .. i .. '\\tadmin\\t2020-01-01T00:00Z\\t\\t'
                  redis.call('HSET', 'oc:room:' .. room .. ':bans', 'name:bot' .. i, '\\t\\t' .. ban)
                  redis.call('ZADD', 'oc:room-bans', i, room .. '\\n' .. 'name:bot' .. i)
                end
                return redis.call('ZCARD', 'oc:room-bans')
                """,
                "0",
                String.valueOf(CoreConfig.MAX_ROOM_BANS_IN_ALL));

        assertThat(roomBan(owner, "트롤", null, "").statusCode()).isEqualTo(200);
        assertThat(redis.integer("HLEN", "oc:room:gone:bans")).as("pushed out").isZero();
        assertThat(redis.integer("ZCARD", "oc:room-bans")).isEqualTo(CoreConfig.MAX_ROOM_BANS_IN_ALL);

        OcpMessage refused = roomBan(owner, "하나더", null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-many-room-bans");
        assertThat(refused.header(HeaderNames.CAPACITY)).contains(String.valueOf(CoreConfig.MAX_ROOM_BANS_IN_ALL));
    }
}
