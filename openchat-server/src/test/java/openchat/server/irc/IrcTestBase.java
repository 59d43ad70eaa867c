package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.Names;
import openchat.core.RoomKey;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.ServerConfig;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * What the IRC end-to-end tests share: one server per test (started on first use, or with a customised config),
 * IRC and OCP clients on it, all closed after the test.
 */
abstract class IrcTestBase {
    private TestServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** The test's server: started with the defaults on first use. */
    TestServer server() {
        if (server == null) {
            server = TestServer.start();
        }
        return server;
    }

    /** Starts the test's server with {@code customize}; call before any other use. */
    TestServer server(UnaryOperator<ServerConfig.Builder> customize) {
        assertThat(server).as("the server is started once per test").isNull();
        server = TestServer.start(customize);
        return server;
    }

    /** Starts the test's server with {@code customize}, its core reading the time from {@code clock}. */
    TestServer server(UnaryOperator<ServerConfig.Builder> customize, Clock clock) {
        assertThat(server).as("the server is started once per test").isNull();
        server = TestServer.start(customize, clock);
        return server;
    }

    /** The administrator over IRC: registered with PASS <key>, so user mode +o. */
    IrcTestClient operator() {
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.expectNumeric("381");
        return admin;
    }

    /** A connected, unregistered IRC client. */
    IrcTestClient irc() {
        IrcTestClient client = IrcTestClient.connect(server().ircPort());
        clients.add(client);
        return client;
    }

    /** An IRC client registered as {@code nick}. */
    IrcTestClient irc(String nick) {
        IrcTestClient client = irc();
        client.register(nick);
        return client;
    }

    /** An IRC client that enabled {@code caps} (CAP REQ before registration), registered as {@code nick}. */
    IrcTestClient ircWithCaps(String nick, String caps) {
        IrcTestClient client = irc();
        client.send("CAP LS 302");
        client.send("CAP REQ :" + caps);
        client.expect(" CAP \\* ACK :?" + java.util.regex.Pattern.quote(caps) + "$");
        client.send("CAP END");
        client.register(nick);
        return client;
    }

    /** A room's key in ChanServ's answer to REGISTER, which ends the line. */
    static final Pattern ROOM_KEY = Pattern.compile("방 열쇠: ([a-z2-7]{" + RoomKey.LENGTH + "})$");

    /**
     * {@code client}, in {@code channel}, registers it with ChanServ (it was not registered): waits for the whole answer,
     * whose last line is the room's {@code MODE +r}, and returns the key it gives.
     */
    static String registerWithChanServ(IrcTestClient client, String channel) {
        client.send("PRIVMSG ChanServ :REGISTER " + channel);
        String answer = client.expect("^:ChanServ!ChanServ@openchat NOTICE ");
        Matcher key = ROOM_KEY.matcher(answer);
        assertThat(key.find()).as("the key in %s", answer).isTrue();
        client.expect("/autojoin addraw ");
        client.expect("^:openchat MODE " + Pattern.quote(channel) + " \\+r$");
        return key.group(1);
    }

    /** An OCP PRIVATE to {@code name}, with a {@code Request-Id} so that the server answers it. */
    static OcpMessage privateTo(String name, String text) {
        return OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.TO, name)
                .header(HeaderNames.REQUEST_ID, "p1")
                .body(text)
                .build();
    }

    /** An OCP member in the lobby. */
    TestClient ocp(String name) {
        TestClient client = server().joined(name);
        clients.add(client);
        return client;
    }

    /** An OCP member that connected to {@code room} (and only it). */
    TestClient ocpIn(String room, String name) {
        TestClient client = server().client();
        clients.add(client);
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode())
                .as("%s connects to %s: %s", name, room, answer)
                .isEqualTo(200);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (RuntimeException alreadyClosed) {
                // the server may have closed it first
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
