package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ghost check over OCP: a CONNECT asking for a name whose holder here has gone silent (its network broke without a
 * FIN) has the holder pinged, and takes the name when the holder does not answer within the probe time, instead of
 * being refused 409 until the idle timeout. Short times: a PING every 2 s (so that a holder's first PING proves it has
 * been silent longer than the probe), a probe of 1 s, a join deadline shorter than the probe, an idle timeout of 60 s
 * that no test waits for.
 */
class GhostCheckTest {
    private static final Duration PING = Duration.ofSeconds(2);
    private static final Duration PROBE = Duration.ofSeconds(1);
    private static final Duration JOIN_DEADLINE = Duration.ofMillis(800);

    private final List<TestClient> clients = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TestClient::close);
        if (server != null) {
            server.close();
        }
    }

    private static ServerConfig.Builder shortTimes(ServerConfig.Builder config) {
        return config.heartbeat(PING, Duration.ofSeconds(60)).ghostProbe(PROBE).joinDeadline(JOIN_DEADLINE);
    }

    private TestClient client() {
        TestClient client = server.client();
        clients.add(client);
        return client;
    }

    /** A member that has joined as {@code name} and then went silent: it answers no PING, and has had one by now. */
    private TestClient ghost(String name) {
        TestClient ghost = client().answerPings(false);
        assertThat(ghost.join(name, Names.isAdministrator(name) ? server.adminKeyText() : null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ghost.nextMatching(m -> m.method().equals(Methods.PING)).target())
                .as("the server's own PING, after a ping interval of silence: longer than the probe")
                .isEqualTo("/");
        return ghost;
    }

    private static OcpMessage connect(String name, String requestId) {
        return OcpMessage.request(Methods.CONNECT, Targets.room("lobby"))
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.REQUEST_ID, requestId)
                .build();
    }

    private static OcpMessage ping(String requestId) {
        return OcpMessage.request(Methods.PING, Targets.SERVER)
                .header(HeaderNames.REQUEST_ID, requestId)
                .build();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aSilentHolderThatDoesNotAnswerThePingLosesItsNameToTheNewcomerAndIsToldWhy(boolean tls) throws Exception {
        server = TestServer.start(c -> shortTimes(c).tls(tls ? TlsSettings.selfSignedCertificate() : TlsSettings.OFF));
        TestClient observer = client();
        assertThat(observer.join("관찰자", null).statusCode()).isEqualTo(200);
        observer.say("유저1이 없는 동안에");
        TestClient ghost = ghost("유저1");
        observer.nextEvent(Methods.JOINED);

        TestClient newcomer = client();
        long start = System.nanoTime();
        newcomer.send(connect("유저1", "c1"));
        newcomer.send(ping("p1")); // pipelined: answered after the CONNECT, once it is
        OcpMessage answer = newcomer.nextAnswer();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.statusCode())
                .as("admitted: %s %s", answer, answer.bodyText())
                .isEqualTo(200);
        assertThat(answer.header(HeaderNames.REQUEST_ID)).contains("c1");
        assertThat(answer.header(HeaderNames.NAME)).contains("유저1");
        assertThat(answer.header(HeaderNames.HISTORY)).as("its replay as usual").contains("1");
        assertThat(waited)
                .as("after the probe time (the holder was asked first; the join deadline did not end the wait), not"
                        + " after the idle timeout")
                .isGreaterThanOrEqualTo(PROBE)
                .isGreaterThan(JOIN_DEADLINE)
                .isLessThan(Duration.ofSeconds(10));
        assertThat(newcomer.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("유저1이 없는 동안에");
        assertThat(newcomer.nextAnswer().header(HeaderNames.REQUEST_ID))
                .as("the request sent after the CONNECT, answered after it")
                .contains("p1");

        assertThat(ghost.nextEvent(Methods.PING).target()).as("the probe").isEqualTo("/");
        assertThat(ghost.nextEvent(Methods.NOTICE).bodyText())
                .as("a holder that was only stopped reads why when it wakes")
                .startsWith("핑에 응답하지 않는 사이 같은 이름으로 새 접속이 들어와 이 연결을 닫습니다");
        ghost.awaitClosed();
        OcpMessage left = observer.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).isEqualTo("응답 없음: 같은 이름으로 새로 접속함");
        assertThat(observer.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("유저1");
        assertThat(server.lobbyNames()).containsExactly("관찰자", "유저1");
        server.console().awaitLineContaining("유저1 (응답 없음: 같은 이름으로 새로 접속함)");
        if (tls) {
            return; // the web port speaks HTTPS then
        }
        await().atMost(TestClient.TIMEOUT).untilAsserted(() -> assertThat(metrics())
                .contains("openchat_connections_closed_total{reason=\"ghost\"} 1.0"));
    }

    @Test
    void aSilentHolderIsAskedForItsOwnNameButNotForANameThatOnlyLooksLikeIt() {
        server = TestServer.start(GhostCheckTest::shortTimes);
        TestClient ghost = ghost("alice");

        OcpMessage lookalike = client().join("\u0430\u04CF\u0456\u0441\u0435", null); // аӏісе, Cyrillic

        assertThat(lookalike.statusCode()).isEqualTo(409);
        assertThat(lookalike.header(HeaderNames.ERROR_CODE)).contains("name-lookalike");
        assertThat(ghost.isOpen())
                .as("not asked: a look-alike is not the holder taking its name back")
                .isTrue();

        OcpMessage own = client().join("Alice", null);

        assertThat(own.statusCode())
                .as("its own name, asked for again: the ghost check")
                .isEqualTo(200);
        ghost.awaitClosed();
        assertThat(server.lobbyNames()).containsExactly("Alice");
    }

    @Test
    void aSilentHolderThatAnswersThePingKeepsItsName() {
        server = TestServer.start(GhostCheckTest::shortTimes);
        TestClient holder = ghost("유저1");
        holder.answerPings(true); // back: it answers the next PING

        TestClient newcomer = client();
        long start = System.nanoTime();
        OcpMessage answer = newcomer.join("유저1", null);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.header(HeaderNames.ERROR_CODE)).contains("name-taken");
        assertThat(answer.bodyText()).isEqualTo("이미 사용 중인 이름입니다");
        assertThat(holder.pingsAnswered())
                .as("the holder was sent a PING, and answered it, before the newcomer's 409")
                .isEqualTo(1);
        assertThat(waited).as("told as soon as the holder answered").isLessThan(PROBE);
        newcomer.awaitClosed();
        assertThat(holder.isOpen()).isTrue();
        assertThat(server.lobbyNames()).containsExactly("유저1");
    }

    @Test
    void aHolderThatSpokeLatelyKeepsItsNameAtOnceWithoutAPing() {
        server = TestServer.start(c -> c.ghostProbe(Duration.ofSeconds(3)));
        TestClient holder = client().answerPings(false);
        assertThat(holder.join("유저1", null).statusCode()).isEqualTo(200);

        TestClient newcomer = client();
        long start = System.nanoTime();
        OcpMessage answer = newcomer.join("유저1", null);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(waited).as("answered at once").isLessThan(Duration.ofSeconds(1));
        assertThat(holder.request(ping("barrier")).header(HeaderNames.REQUEST_ID))
                .contains("barrier");
        assertThat(holder.events()).as("no PING was sent to the holder").isEmpty();
    }

    @Test
    void newcomersAskingTogetherShareOneProbeAndOnlyOneTakesTheName() {
        server = TestServer.start(GhostCheckTest::shortTimes);
        TestClient ghost = ghost("유저1");
        List<TestClient> newcomers = List.of(client(), client(), client());

        for (int i = 0; i < newcomers.size(); i++) {
            newcomers.get(i).send(connect(i == 1 ? "유저１" : "유저1", "c" + i)); // a spelling of it too
        }

        List<Integer> statuses = newcomers.stream()
                .map(n -> n.nextAnswer().statusCode())
                .sorted()
                .toList();
        assertThat(statuses).containsExactly(200, 409, 409);
        ghost.awaitClosed();
        assertThat(ghost.drain().stream().filter(m -> m.method().equals(Methods.PING)))
                .as("one probe for all of them")
                .hasSize(1);
        assertThat(server.lobbyNames()).hasSize(1);
    }

    @Test
    void aConnectAsTheAdministratorWithoutItsKeyNeverHasTheAdministratorPinged() {
        server = TestServer.start(GhostCheckTest::shortTimes);
        TestClient administrator = ghost(Names.ADMINISTRATOR);

        TestClient noKey = client();
        assertThat(noKey.join(Names.ADMINISTRATOR, null).statusCode()).isEqualTo(403);
        TestClient wrongKey = client();
        assertThat(wrongKey.join(Names.ADMINISTRATOR, "not-the-key").statusCode())
                .isEqualTo(403);

        assertThat(administrator.request(ping("barrier")).header(HeaderNames.REQUEST_ID))
                .contains("barrier");
        assertThat(administrator.events()).as("no PING besides the one before").isEmpty();
        assertThat(administrator.isOpen()).isTrue();
    }

    @Test
    void aSilentAdministratorLosesItsNameToANewcomerWithTheKey() {
        server = TestServer.start(GhostCheckTest::shortTimes);
        TestClient ghost = ghost(Names.ADMINISTRATOR);

        OcpMessage answer = client().join(Names.ADMINISTRATOR, server.adminKeyText());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.ROLE)).contains("admin");
        ghost.awaitClosed();
    }

    private String metrics() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }
}
