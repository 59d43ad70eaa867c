package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrator's bans over OCP, end to end: BAN, the banned member's BANNED, BANS, UNBAN, a restart. */
class BanTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage ban(TestClient by, String target, String reason) {
        return by.request(OcpMessage.request(Methods.BAN, "/")
                .header(HeaderNames.TARGET, target)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason)
                .build());
    }

    private static OcpMessage unban(TestClient by, String target) {
        return by.request(OcpMessage.request(Methods.UNBAN, "/")
                .header(HeaderNames.TARGET, target)
                .build());
    }

    private OcpMessage connectAs(String name) {
        TestClient client = server.client();
        OcpMessage answer = client.join(name, null);
        if (answer.statusCode() != 200) {
            client.awaitClosed();
        }
        client.close();
        return answer;
    }

    @Test
    void aBannedNameIsToldAndClosedTheRoomIsToldAndItStaysOutAcrossARestartUntilLifted() throws Exception {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient troll = server.joined("트롤");
        TestClient witness = server.joined("유저1");

        OcpMessage answer = ban(admin, "트롤", "도배");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.KIND)).contains("name");
        assertThat(answer.header(HeaderNames.DISCONNECTED)).contains("1");
        assertThat(answer.header(HeaderNames.ADDRESS)).contains("127.0.0.1");
        assertThat(answer.bodyText()).startsWith("트롤 이름을 차단했습니다 (풀 때까지; 접속 중이던 1명을 내보냈습니다)");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.BANNED));
        assertThat(told.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("도배");
        troll.awaitClosed();
        OcpMessage left = witness.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(left.header(HeaderNames.NAME)).contains("트롤");
        assertThat(left.header(HeaderNames.REASON)).contains("banned");
        server.console().awaitLine("[BAN] 트롤 (관리자: 채팅관리자) 도배");
        server.console().awaitLine("[LEAVE] 트롤 (차단됨)");

        OcpMessage refused = connectAs("트롤");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("banned");
        assertThat(refused.bodyText()).isEqualTo("이 서버에서 차단되었습니다: 도배");
        OcpMessage renamed = witness.request(OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, "트롤")
                .build());
        assertThat(renamed.statusCode()).isEqualTo(403);
        assertThat(renamed.header(HeaderNames.ERROR_CODE))
                .as("one of a rename's 403s, told apart")
                .contains("banned");
        assertThat(renamed.bodyText()).isEqualTo("이 서버에서 차단된 이름입니다: 도배");

        server.restart();
        assertThat(connectAs("트롤").statusCode())
                .as("kept in the data directory")
                .isEqualTo(403);
        TestClient again = server.joined(Names.ADMINISTRATOR);
        OcpMessage list = again.request(OcpMessage.request(Methods.BANS, "/").build());
        assertThat(list.header(HeaderNames.BANS)).contains("1");
        assertThat(list.bodyText().split("\n"))
                .hasSize(2)
                .satisfies(rows -> assertThat(rows[0]).isEqualTo("target\tkind\tby\tdate\treason\texpires"))
                .satisfies(rows -> assertThat(rows[1])
                        .as("permanent: no end")
                        .startsWith("트롤\tname\t채팅관리자\t")
                        .endsWith("\t도배\t"));

        OcpMessage lifted = unban(again, "트롤");
        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(lifted.bodyText()).isEqualTo("트롤 차단을 풀었습니다");
        server.console().awaitLine("[UNBAN] 트롤 (관리자: 채팅관리자)");
        assertThat(connectAs("트롤").statusCode()).isEqualTo(200);
        OcpMessage notBanned = unban(again, "트롤");
        assertThat(notBanned.statusCode()).as("no longer banned").isEqualTo(404);
        assertThat(notBanned.header(HeaderNames.ERROR_CODE)).contains("not-banned");
    }

    @Test
    void withoutHistoryBansAndTopicsStillOutliveARestartWhileNoMessageIsKept() throws Exception {
        try (TestServer noHistory = TestServer.start(c -> c.history(false))) {
            TestClient admin = noHistory.joined(Names.ADMINISTRATOR);
            assertThat(ban(admin, "트롤", "도배").statusCode()).isEqualTo(200);
            assertThat(admin.request(OcpMessage.request(Methods.TOPIC, "/rooms/lobby")
                                    .body("공지")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            admin.say("남지 않는 말");

            noHistory.restart();

            assertThat(noHistory.client().join("트롤", null).statusCode())
                    .as("still banned")
                    .isEqualTo(403);
            TestClient member = noHistory.client();
            assertThat(member.connect("lobby", "유저1", null).header(HeaderNames.TOPIC))
                    .contains("공지");
            OcpMessage page = member.request(
                    OcpMessage.request(Methods.HISTORY, "/rooms/lobby").build());
            assertThat(page.header(HeaderNames.COUNT)).as("no message kept").contains("0");
        }
    }

    @Test
    void aTimedBanSaysWhenItEndsKeepsItsEndAcrossARestartAndLapsesByItself() throws Exception {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient troll = server.joined("트롤");

        OcpMessage answer = admin.ban("트롤", "3600", "잠깐 쉬세요");

        assertThat(answer.statusCode()).isEqualTo(200);
        OffsetDateTime expires =
                OffsetDateTime.parse(answer.header(HeaderNames.EXPIRES).orElseThrow());
        assertThat(Duration.between(OffsetDateTime.now(), expires))
                .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(answer.bodyText()).startsWith("트롤 이름을 차단했습니다 (기간 1시간; 접속 중이던 1명을 내보냈습니다)");
        OcpMessage told = troll.nextMatching(m -> m.method().equals(Methods.BANNED));
        assertThat(told.header(HeaderNames.EXPIRES))
                .contains(answer.header(HeaderNames.EXPIRES).orElseThrow());
        server.console().awaitLine("[BAN] 트롤 (관리자: 채팅관리자, 기간 1h) 잠깐 쉬세요");

        OcpMessage refused = connectAs("트롤");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Long.parseLong(refused.header(HeaderNames.RETRY_AFTER).orElseThrow()))
                .as("seconds until it is lifted")
                .isBetween(3500L, 3600L);
        assertThat(refused.bodyText()).matches("이 서버에서 차단되었습니다: 잠깐 쉬세요 \\((1시간|59분( \\d+초)?) 뒤에 풀립니다\\)");

        server.restart();
        TestClient again = server.joined(Names.ADMINISTRATOR);
        OcpMessage list = again.request(OcpMessage.request(Methods.BANS, "/").build());
        assertThat(list.bodyText().split("\n")[1])
                .as("its end kept in the data directory")
                .endsWith("\t잠깐 쉬세요\t" + answer.header(HeaderNames.EXPIRES).orElseThrow());
        assertThat(connectAs("트롤").statusCode()).isEqualTo(403);

        assertThat(again.ban("유저9", "1", "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> connectAs("유저9").statusCode() == 200);
        server.console().awaitLine("[UNBAN] 유저9 (기간 만료)");
        for (String bad : new String[] {"0", "-5", "soon", "1h", "315360001"}) {
            OcpMessage nonsense = again.ban("유저8", bad, "");
            assertThat(nonsense.statusCode()).as(bad).isEqualTo(400);
            assertThat(nonsense.bodyText()).startsWith("차단 기간으로 읽을 수 없습니다: " + bad + " (");
        }
    }

    @Test
    void anIpv6AddressIsShownShortInTheAnswerTheListAndTheConsole() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        OcpMessage answer = ban(admin, "2001:DB8:0::1", "스팸");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.TARGET)).contains("2001:db8::1");
        server.console().awaitLine("[BAN] 2001:db8::1 (관리자: 채팅관리자) 스팸");
        assertThat(admin.request(OcpMessage.request(Methods.BANS, "/").build())
                        .bodyText()
                        .split("\n")[1])
                .startsWith("2001:db8::1\taddress\t");
    }

    @Test
    void anIpv6BanStoredInItsLongFormIsListedShortAndLiftedForGood() throws Exception {
        server.stop();
        try (Connection db = DriverManager.getConnection(
                        "jdbc:sqlite:" + server.config().dataDir().resolve("history.db"));
                PreparedStatement insert = db.prepareStatement("INSERT INTO bans (kind, key, target, by_name, at,"
                        + " reason, expires) VALUES ('address', ?, ?, '채팅관리자', ?, '예전', NULL)")) {
            insert.setString(1, "2001:db8:0:0:0:0:0:1");
            insert.setString(2, "2001:db8:0:0:0:0:0:1");
            insert.setString(3, OffsetDateTime.now().toString());
            insert.executeUpdate();
        }
        server.startAgain();
        TestClient admin = server.joined(Names.ADMINISTRATOR);

        assertThat(admin.request(OcpMessage.request(Methods.BANS, "/").build())
                        .bodyText()
                        .split("\n")[1])
                .startsWith("2001:db8::1\taddress\t");
        OcpMessage lifted = unban(admin, "2001:db8::1");
        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(lifted.header(HeaderNames.TARGET)).contains("2001:db8::1");

        server.restart();
        assertThat(server.joined(Names.ADMINISTRATOR)
                        .request(OcpMessage.request(Methods.BANS, "/").build())
                        .header(HeaderNames.BANS))
                .as("the stored row is gone too")
                .contains("0");
    }

    @Test
    void unbanNamesABanAsBanReadsItAndAnAddressIsNeverTheNetworkAroundIt() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        String[][] liftedBy = { // what BAN was given, what UNBAN lifts it with, the ban as kept
            {"Kim Min", "kim_min", "Kim Min"},
            {"Bot*", "bOT*", "Bot*"},
            {"2001:db8::1", "2001:DB8:0::1", "2001:db8::1"},
            {"203.0.113.0/24", "203.0.113.77/24", "203.0.113.0/24"},
            {"203.0.113.0/24", "203.0.113.*", "203.0.113.0/24"},
        };
        for (String[] pair : liftedBy) {
            assertThat(ban(admin, pair[0], "").statusCode()).isEqualTo(200);

            OcpMessage lifted = unban(admin, pair[1]);

            assertThat(lifted.statusCode()).as("%s lifts %s", pair[1], pair[0]).isEqualTo(200);
            assertThat(lifted.header(HeaderNames.TARGET)).contains(pair[2]);
        }

        ban(admin, "203.0.113.0/24", "");
        ban(admin, "198.51.100.7", "");
        OcpMessage oneAddress = unban(admin, "203.0.113.77");
        OcpMessage aNetwork = unban(admin, "198.51.100.0/24");

        assertThat(oneAddress.statusCode())
                .as("an address is not the network it is in")
                .isEqualTo(404);
        assertThat(oneAddress.header(HeaderNames.ERROR_CODE)).contains("not-banned");
        assertThat(aNetwork.statusCode())
                .as("a network is not an address in it")
                .isEqualTo(404);
        assertThat(unban(admin, "203.0.113.0/24").statusCode()).isEqualTo(200);
        assertThat(unban(admin, "198.51.100.7").statusCode()).isEqualTo(200);
    }

    @Test
    void anAddressBanPutsOutEveryoneFromItButTheAdministratorAndOnlyTheAdministratorBans() {
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        TestClient member = server.joined("유저1");
        server.joined("유저2");

        OcpMessage notAdmin = ban(member, "유저2", "");
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(notAdmin.header(HeaderNames.ERROR_CODE)).contains("admin-only");
        assertThat(notAdmin.bodyText()).isEqualTo("관리자만 사용할 수 있습니다");
        assertThat(ban(admin, "채팅 관리자", "").statusCode()).isEqualTo(403);
        OcpMessage nonsense = ban(admin, "300.1.2.3", "");
        assertThat(nonsense.statusCode()).isEqualTo(400);
        assertThat(nonsense.bodyText()).startsWith("300.1.2.3 은(는) 차단할 수 있는 이름, 이름 패턴, 주소가 아닙니다");

        OcpMessage memberWho =
                member.request(OcpMessage.request(Methods.WHO, "/rooms/lobby").build());
        assertThat(memberWho.bodyText()).startsWith("name\trole\taway\n").doesNotContain("127.0.0.1");
        OcpMessage adminWho =
                admin.request(OcpMessage.request(Methods.WHO, "/rooms/lobby").build());
        assertThat(adminWho.bodyText().split("\n"))
                .as("the administrator sees each member's address, to ban it")
                .startsWith("name\trole\taway\taddress")
                .contains("유저1\tmember\t\t127.0.0.1");

        OcpMessage answer = ban(admin, "127.0.0.0/8", "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.KIND)).contains("address");
        assertThat(answer.header(HeaderNames.DISCONNECTED)).contains("2");
        assertThat(answer.header(HeaderNames.ADDRESS)).isEmpty();
        member.nextMatching(m -> m.method().equals(Methods.BANNED));
        member.awaitClosed();
        assertThat(connectAs("유저3").statusCode()).isEqualTo(403);
        assertThat(admin.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .as("the administrator stays")
                .isEqualTo(200);
        assertThat(unban(admin, "127.0.0.1/8").statusCode())
                .as("the same network")
                .isEqualTo(200);
        assertThat(connectAs("유저3").statusCode()).isEqualTo(200);
    }
}
