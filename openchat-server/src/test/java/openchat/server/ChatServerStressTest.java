package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.config.ServerConfig;
import openchat.server.testing.Deliveries;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 50 clients at once, spread over three rooms: members present throughout chat while others join, chat, leave
 * (loudly and quietly) and are kicked. Every member present throughout must get every message accepted in its
 * room exactly once, in the order each sender sent it, nothing from the other rooms, and the rooms must be
 * empty at the end.
 */
class ChatServerStressTest {
    private static final int STAYING = 30;
    private static final int CHURNING = 19;
    private static final int MESSAGES_EACH = 20;
    private static final int ROUNDS = 3;
    private static final List<String> ROOMS = List.of("lobby", "study", "games");

    private static String roomOf(int i) {
        return ROOMS.get(i % ROOMS.size());
    }

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static ServerConfig.Builder stressed(ServerConfig.Builder config) {
        return config.maxUsers(60).maxConnectionsPerAddress(100).floodControl(FloodControl.OFF);
    }

    @Test
    void fiftyClientsJoiningChattingLeavingAndBeingKickedAtOnceLoseNothing() throws Exception {
        try (TestServer server = TestServer.start(ChatServerStressTest::stressed)) {
            stress(List.of(server));
        }
    }

    /** The same fifty clients spread over three cluster nodes: every room's order and exactly-once delivery hold. */
    @Test
    void fiftyClientsOnThreeClusterNodesLoseNothing() throws Exception {
        try (TestServer a = TestServer.start(
                        config -> stressed(config).cluster(redis.url()).nodeId("a"));
                TestServer b = TestServer.start(
                        config -> stressed(config).cluster(redis.url()).nodeId("b"));
                TestServer c = TestServer.start(
                        config -> stressed(config).cluster(redis.url()).nodeId("c"))) {
            stress(List.of(a, b, c));
        }
    }

    /** Member {@code i} connects to node {@code i mod n}; the administrator to the first. */
    private static void stress(List<TestServer> nodes) throws Exception {
        TestServer server = nodes.get(0);
        Map<String, Map<String, List<Integer>>> accepted = new ConcurrentHashMap<>();
        ROOMS.forEach(room -> accepted.put(room, new ConcurrentHashMap<>()));
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        List<TestClient> staying = new ArrayList<>();
        for (int i = 0; i < STAYING; i++) {
            TestClient client = nodes.get(i % nodes.size()).client();
            assertThat(client.connect(roomOf(i), String.format("s%02d", i), null)
                            .statusCode())
                    .isEqualTo(200);
            staying.add(client);
        }
        ExecutorService pool = Executors.newFixedThreadPool(STAYING + CHURNING + 1);
        List<Future<?>> work = new ArrayList<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        for (int i = 0; i < STAYING; i++) {
            TestClient client = staying.get(i);
            String name = String.format("s%02d", i);
            String room = roomOf(i);
            work.add(pool.submit(() -> chat(client, room, name, MESSAGES_EACH, accepted.get(room))));
        }
        List<Future<?>> churners = new ArrayList<>();
        for (int i = 0; i < CHURNING; i++) {
            String name = String.format("c%02d", i);
            int seed = i;
            String room = roomOf(i);
            TestServer node = nodes.get((i + 1) % nodes.size());
            churners.add(pool.submit(() -> churn(node, room, name, seed, accepted.get(room))));
        }
        Future<Integer> kicks = pool.submit(() -> kickAtRandom(admin, churning));
        for (Future<?> churner : churners) {
            churner.get(60, TimeUnit.SECONDS);
        }
        churning.set(false);
        for (Future<?> task : work) {
            task.get(60, TimeUnit.SECONDS);
        }
        assertThat(kicks.get(10, TimeUnit.SECONDS))
                .as("members kicked during the run")
                .isPositive();
        pool.shutdown();

        for (int i = 0; i < STAYING; i++) {
            String me = String.format("s%02d", i);
            TestClient client = staying.get(i);
            String myRoom = Targets.room(roomOf(i));
            Map<String, List<Integer>> inMyRoom = accepted.get(roomOf(i));
            int expected = inMyRoom.entrySet().stream()
                    .filter(e -> !e.getKey().equals(me))
                    .mapToInt(e -> e.getValue().size())
                    .sum();
            await(me + " receives " + expected + " messages")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Deliveries.messages(client.events()) >= expected);
            assertThat(client.events()).as("%s hears only its room", me).allMatch(e -> e.target()
                    .equals(myRoom));
            Deliveries.assertEachAcceptedOnceInOrder(me, client.events(), inMyRoom);
        }

        admin.send(OcpMessage.request(Methods.LEAVE, "/").build());
        for (TestClient client : staying) {
            client.send(OcpMessage.request(Methods.LEAVE, "/").build());
            client.awaitClosed();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.server().core().list().stream().allMatch(room -> room.members() == 0));
    }

    private static void chat(
            TestClient client, String room, String name, int count, Map<String, List<Integer>> accepted) {
        for (int n = 0; n < count; n++) {
            client.send(OcpMessage.request(Methods.SEND, Targets.room(room))
                    .header(HeaderNames.REQUEST_ID, name + "-" + n)
                    .body(name + ":" + n)
                    .build());
            Optional<OcpMessage> answer = client.answerOrClosed();
            if (answer.isEmpty()) {
                return;
            }
            assertThat(answer.get().statusCode()).as("answer to %s:%d", name, n).isEqualTo(200);
            accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(n);
        }
    }

    /** Joins, chats, and leaves (announced or quiet) or is kicked, several times; counters go on across rounds. */
    private static void churn(
            TestServer server, String room, String name, int seed, Map<String, List<Integer>> accepted) {
        Random random = new Random(seed);
        int counter = 0;
        for (int round = 0; round < ROUNDS; round++) {
            TestClient client = server.client();
            OcpMessage answer = client.connect(room, name, null);
            assertThat(answer.statusCode()).as("%s joins", name).isEqualTo(200);
            for (int n = 0; n < 5 && client.isOpen(); n++, counter++) {
                client.send(OcpMessage.request(Methods.SEND, Targets.room(room))
                        .header(HeaderNames.REQUEST_ID, name + "-" + counter)
                        .body(name + ":" + counter)
                        .build());
                Optional<OcpMessage> sent = client.answerOrClosed();
                if (sent.isEmpty() || sent.get().statusCode() != 200) {
                    break; // kicked from the room: the line was refused (403)
                }
                accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                        .add(counter);
            }
            if (client.isOpen()) {
                OcpMessage.Builder leave = OcpMessage.request(Methods.LEAVE, Targets.room(room));
                if (random.nextBoolean()) {
                    leave.header(HeaderNames.QUIET, "true");
                }
                client.send(leave.build());
            }
            client.awaitClosed();
            counter += 1000; // counters stay increasing per name across rounds
        }
    }

    private static int kickAtRandom(TestClient admin, AtomicBoolean churning) {
        Random random = new Random(42);
        int kicked = 0;
        while (churning.get()) {
            int churner = random.nextInt(CHURNING);
            String target = String.format("c%02d", churner);
            OcpMessage answer = admin.request(OcpMessage.request(Methods.KICK, Targets.room(roomOf(churner)))
                    .header(HeaderNames.NAME, target)
                    .build());
            assertThat(answer.statusCode()).isIn(200, 404);
            kicked += answer.statusCode() == 200 ? 1 : 0;
        }
        return kicked;
    }
}
