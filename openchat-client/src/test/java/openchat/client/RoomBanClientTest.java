package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /roomban, /roomunban and /roombans (/방차단, /방차단해제, /방차단목록): a room's owner's bans, through the client. */
class RoomBanClientTest {
    private final TestServer server = TestServer.start();
    private final List<ClientRun> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ClientRun::close);
        server.close();
    }

    private ClientRun joinAs(String name, Locale locale) {
        ClientRun client =
                ClientRun.start(new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), locale));
        clients.add(client);
        client.awaitLine(locale.equals(Locale.KOREAN) ? name + " 접속 완료" : "Connected as " + name);
        return client;
    }

    /** An OCP member from the loopback address {@code from}, connected into {@code room}. */
    private TestClient inRoom(String from, String name, String room) {
        TestClient client = TestClient.connectFrom(from, "127.0.0.1", server.port());
        assertThat(client.connect(room, name, null).statusCode()).isEqualTo(200);
        return client;
    }

    @Test
    void anOwnersRoomBanKeepsTheMemberOutAndPutsItOutWithTheReason() {
        ClientRun owner = joinAs("철수", Locale.KOREAN);
        owner.type("/입장 study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        TestClient troll = inRoom("127.0.0.2", "트롤", "study");
        owner.awaitLineContaining("트롤님이 입장하였습니다");

        owner.type("/방차단 트롤 30m 도배");

        owner.awaitLine("트롤 이름을 이 방에서 차단했습니다 (기간 30분)");
        OcpMessage kicked = troll.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(kicked.header(HeaderNames.REASON)).contains("kicked");
        assertThat(kicked.bodyText()).isEqualTo("도배");
        OcpMessage refused = troll.joinRoom("study");
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("room-banned");

        owner.type("/방차단목록");
        owner.awaitLineContaining("차단한 사람");
        String row = await().until(
                        () -> owner.lines().stream()
                                .filter(line -> line.startsWith("트롤 ") && line.contains("철수"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(row).contains("이름", "도배").doesNotContain("127.0.0.2");

        owner.type("/방차단해제 트롤");
        owner.awaitLine("이 방에서 트롤 차단을 풀었습니다");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        owner.type("/방차단목록");
        owner.awaitLine("[study] 방에 차단된 이름이 없습니다");
    }

    @Test
    void aBannedMemberIsToldItCannotSpeakThereAndCannotComeBack() {
        TestClient owner = inRoom("127.0.0.1", "철수", "study");
        ClientRun member = joinAs("영희", Locale.KOREAN);
        member.type("/입장 study");
        member.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        assertThat(owner.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                                .header(HeaderNames.TARGET, "영희")
                                .build())
                        .statusCode())
                .isEqualTo(200);

        member.awaitLine("이 방에서 말할 수 없도록 철수님이 차단했습니다.");
        member.type("들리나요");
        member.awaitLine("[study] 방에서 차단되어 말할 수 없습니다");
        owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "영희")
                .build());
        member.awaitLine("[study] 방에서 철수님에 의해 강제 퇴장되었습니다.");
        member.type("/입장 study");
        member.awaitLine("[study] 방에서 차단되어 들어갈 수 없습니다");
    }

    @Test
    void aMemberBannedForAWhileIsToldHowLongAndWhy() {
        TestClient owner = inRoom("127.0.0.1", "철수", "study");
        ClientRun member = joinAs("영희", Locale.KOREAN);
        member.type("/입장 study");
        member.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        assertThat(owner.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                                .header(HeaderNames.TARGET, "영희")
                                .header(HeaderNames.DURATION, "5400")
                                .body("도배")
                                .build())
                        .statusCode())
                .isEqualTo(200);

        member.awaitLine("이 방에서 말할 수 없도록 철수님이 차단했습니다. (1시간 30분 뒤에 풀립니다)" + " 사유: 도배");
    }

    @Test
    void aReconnectRefusedByANewBanOfItsRoomGivesThatRoomUpAndConnectsIntoTheLobby() {
        TestClient owner = inRoom("127.0.0.1", "철수", "study");
        ClientRun member = joinAs("영희", Locale.KOREAN);
        member.type("/입장 study");
        member.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        member.type("/퇴장 lobby");
        member.awaitLine("[lobby] 방에서 나왔습니다");
        assertThat(owner.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                                .header(HeaderNames.TARGET, "영희")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        member.awaitLineContaining("이 방에서 말할 수 없도록 ");

        server.server().core().member("영희").orElseThrow().link().close();
        member.awaitLine("서버와의 연결이 끊어졌습니다");
        member.type("/재접속");

        member.awaitLine("[study] 방에 다시 들어가지 못했습니다: [study] 방에서 차단되어 들어갈 수 없습니다");
        member.awaitLine("영희 접속 완료");
        // Its first connection's "영희 접속 완료" is in the output too: wait for the server to hold the second one.
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        server.server().core().member("영희"))
                .hasValueSatisfying(again -> assertThat(again.roomNames()).containsExactly("lobby")));
    }

    @Test
    void inEnglishTheRoomBanCommandsAndRefusalsSpeakEnglishAndOnlyTheOwnerMayBan() {
        TestClient owner = inRoom("127.0.0.1", "철수", "study");
        ClientRun member = joinAs("Younghee", Locale.ENGLISH);
        member.type("/join study");
        member.awaitLineContaining("[study]");

        member.type("/roomban 철수");
        member.awaitLine("Only the room owner or the administrator can do that");
        owner.request(OcpMessage.request(Methods.BAN, Targets.room("study"))
                .header(HeaderNames.TARGET, "YOUNGHEE")
                .header(HeaderNames.DURATION, "3600")
                .build());
        member.awaitLine("철수 banned you from this room: you can no longer speak here. (lifted in 1 h)");
        owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "Younghee")
                .build());
        member.awaitLine("철수 removed you from [study].");
        member.type("/join study");
        member.awaitLineContaining("You are banned from [study] and cannot join it (lifted in ");
    }
}
