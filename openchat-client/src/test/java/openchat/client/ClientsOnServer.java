package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.server.testing.TestServer;

/** A real server on an ephemeral port and the terminal clients a test starts against it; closing ends them all. */
final class ClientsOnServer implements AutoCloseable {
    private final TestServer server = TestServer.start();
    private final List<ClientRun> clients = new ArrayList<>();

    /** A client started as {@code name} in {@code locale}'s language, the administrator's with the server's key. */
    ClientRun start(String name, Locale locale) {
        ClientRun client =
                ClientRun.start(new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), locale));
        clients.add(client);
        return client;
    }

    /** A Korean client, once it says it is connected as {@code name}. */
    ClientRun joinAs(String name) {
        ClientRun client = start(name, Locale.KOREAN);
        client.awaitLine(name + " 접속 완료");
        return client;
    }

    TestServer server() {
        return server;
    }

    /** Nothing says the connection was lost or asks to reconnect: what the server said was the end. */
    static void assertEndedWithoutConnectionLost(ClientRun client) {
        assertThat(client.lines())
                .noneMatch(line -> line.contains("연결이 끊어졌습니다")
                        || line.contains("다시 연결해주십시오")
                        || line.contains("connection to the server was lost")
                        || line.contains("Please reconnect"));
    }

    @Override
    public void close() throws Exception {
        clients.forEach(ClientRun::close);
        server.close();
    }
}
