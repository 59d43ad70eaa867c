package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.Deliveries;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Stopping while 50 members chat: everyone is told, and every message the server accepted before the
 * shutdown notice reached every member connected at that moment, before the notice.
 */
class ShutdownUnderLoadTest {
    private static final int MEMBERS = 50;

    @Test
    void everyAcceptedMessageReachesEveryoneBeforeTheShutdownNotice() throws Exception {
        TestServer server = TestServer.start(
                c -> c.maxUsers(MEMBERS).maxConnectionsPerAddress(100).floodControl(FloodControl.OFF));
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(server.joined("m" + i));
        }
        Map<String, List<Integer>> accepted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        List<Future<?>> chatting = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            TestClient member = members.get(i);
            String name = "m" + i;
            chatting.add(pool.submit(() -> {
                for (int n = 0; ; n++) {
                    member.send(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                            .header(HeaderNames.REQUEST_ID, name + "-" + n)
                            .body(name + ":" + n)
                            .build());
                    Optional<OcpMessage> answer = member.answerOrClosed();
                    if (answer.isEmpty() || answer.get().statusCode() != 200) {
                        return;
                    }
                    accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                            .add(n);
                }
            }));
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> accepted.values().stream().mapToInt(List::size).sum() > 500);

        server.server().shutdown("SIGTERM");

        for (Future<?> member : chatting) {
            member.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        server.awaitTerminated(Duration.ofSeconds(20));
        for (int i = 0; i < MEMBERS; i++) {
            TestClient member = members.get(i);
            member.awaitClosed();
            List<OcpMessage> events = member.events();
            assertThat(events)
                    .as("m%d is told", i)
                    .last()
                    .extracting(OcpMessage::method)
                    .isEqualTo(Methods.SHUTDOWN);
            Deliveries.assertEachAcceptedOnceInOrder("m" + i, events, accepted);
        }
        server.close();
    }
}
