package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;
import openchat.core.CoreConfig;
import openchat.core.Names;
import openchat.core.RegisteredRoom;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registration whose key no one used for {@link CoreConfig#REGISTRATION_LAPSE}, of a room that emptied, lapses at the
 * server's next sweep: the console says so, the administrator's list no longer has it, and the room is an ordinary one.
 */
class RegistrationLapseTest {
    private final SteppedClock clock = new SteppedClock();
    private final TestServer server = TestServer.start(UnaryOperator.identity(), clock);

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage request(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    private static List<String> registrations(TestClient admin) {
        return admin.request(OcpMessage.request(Methods.REGISTRATIONS, Targets.SERVER)
                        .build())
                .bodyText()
                .lines()
                .toList();
    }

    @Test
    void aRegistrationUnusedForTheLapseOfARoomThatEmptiedLapsesAndTheConsoleSaysSo() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        OcpMessage registered = owner.request(request(Methods.REGISTER, "study"));
        assertThat(registered.statusCode()).isEqualTo(200);
        String registeredAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(clock.instant().atZone(ZoneId.systemDefault()));
        owner.request(request(Methods.PART, "study"));
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        List<String> before = registrations(admin);
        assertThat(before).hasSize(2);
        String[] cells = before.get(1).split("\t");
        assertThat(cells[4]).as("used: when it was registered").isEqualTo(cells[2]);

        clock.advance(CoreConfig.REGISTRATION_LAPSE.minus(Duration.ofMinutes(1)));
        assertThat(server.server().lapseRegistrations()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        List<RegisteredRoom> lapsed = server.server().lapseRegistrations();

        assertThat(lapsed).extracting(RegisteredRoom::name).containsExactly("study");
        server.console()
                .awaitLine("[REGISTER] study: 90일 동안 아무도 방 열쇠를 쓰지 않아 등록이 만료되었습니다 (등록한 사람: 유저1, 마지막 사용: " + registeredAt
                        + ")");
        assertThat(registrations(admin)).containsExactly("room\tby\tdate\tnetwork\tused");
        TestClient newcomer = server.joined("유저2");
        OcpMessage joined = newcomer.joinRoom("study");
        assertThat(joined.header(HeaderNames.REGISTERED)).isEmpty();
        assertThat(newcomer.request(request(Methods.REGISTER, "study")).statusCode())
                .as("anyone's to register again")
                .isEqualTo(200);
    }

    @Test
    void aKeyShownToJoinIsTheRegistrationsLastUseInTheAdministratorsList() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        String key = owner.request(request(Methods.REGISTER, "study"))
                .header(HeaderNames.ROOM_KEY)
                .orElseThrow();
        owner.request(request(Methods.PART, "study"));
        clock.advance(Duration.ofDays(30));

        OcpMessage back = owner.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                .header(HeaderNames.ROOM_KEY, key)
                .build());
        owner.request(request(Methods.PART, "study"));
        clock.advance(CoreConfig.REGISTRATION_LAPSE.minus(Duration.ofDays(1)));

        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(server.server().lapseRegistrations()).as("used 89 days ago").isEmpty();
        String[] cells =
                registrations(server.joined(Names.ADMINISTRATOR)).get(1).split("\t");
        assertThat(cells[4]).isNotEqualTo(cells[2]);
    }
}
