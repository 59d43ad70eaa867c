package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

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

/** /limit [N] (/인원제한): a room's owner sets or resets its member limit, through the client's input and output. */
class RoomLimitClientTest {
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

    @Test
    void anOwnersLimitKeepsOutTheNextJoinerAndWithoutANumberGoesBackToTheServers() {
        ClientRun owner = joinAs("철수", Locale.KOREAN);
        owner.type("/입장 study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        TestClient member = server.joined("영희");
        assertThat(member.joinRoom("study").statusCode()).isEqualTo(200);
        owner.awaitLineContaining("영희님이 입장하였습니다");

        owner.type("/인원제한 2");

        owner.awaitLine("방 인원 제한을 2명으로 정했습니다");
        OcpMessage told = member.nextMatching(m -> m.method().equals(Methods.LIMIT));
        assertThat(told.header(HeaderNames.CAPACITY)).contains("2");
        assertThat(server.joined("민수").joinRoom("study").header(HeaderNames.ERROR_CODE))
                .contains("room-full");

        owner.type("/limit 9");
        owner.awaitLineContaining("방 인원 제한은 1에서 5 사이여야 합니다: 9");
        owner.type("/limit");
        owner.awaitLine("방 인원 제한을 서버의 5명으로 되돌렸습니다");
        assertThat(server.joined("지수").joinRoom("study").statusCode()).isEqualTo(200);
    }

    @Test
    void aMemberIsToldOfTheOwnersLimitInItsLanguageAndCannotSetOne() {
        TestClient owner = server.client();
        assertThat(owner.connect("study", "철수", null).statusCode()).isEqualTo(200);
        ClientRun member = joinAs("Younghee", Locale.ENGLISH);
        member.type("/join study");
        member.awaitLineContaining("study");

        assertThat(owner.request(OcpMessage.request(Methods.LIMIT, Targets.room("study"))
                                .header(HeaderNames.LIMIT, "3")
                                .build())
                        .statusCode())
                .isEqualTo(200);

        member.awaitLineContaining("철수 set this room's member limit to 3.");
        member.type("/limit 2");
        member.awaitLineContaining("owner");
        member.type("/limit two");
        member.awaitLineContaining("/limit [N]");
    }
}
