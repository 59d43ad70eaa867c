package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicInteger;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.Deliveries;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A room of well-behaved members chatting at a steady rate while other connections misbehave at random:
 * vanish mid-header, reset mid-body, send garbage or oversized bodies, trickle headers, stop reading,
 * flood, get kicked and rejoin. Nothing accepted may be lost, duplicated or reordered; nothing may escape
 * unlogged; buffers (paranoid leak detection), heap and file descriptors return near their baseline.
 *
 * <p>About 8 s in the normal suite; {@code -Dopenchat.soak.seconds=600} runs it longer.
 */
class FaultSoakTest {
    private static final int WELL_BEHAVED = 6;
    private static final int CHAOS_THREADS = 4;
    private static final long SECONDS = Long.getLong("openchat.soak.seconds", 8);

    private final Map<String, List<Integer>> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> misbehaviours = new ConcurrentHashMap<>();

    @Test
    void misbehavingConnectionsCostTheWellBehavedNothing() throws Exception {
        ListAppender<ILoggingEvent> log = captureWarnings();
        long baselineFds = openFileDescriptors();
        long baselineHeap = usedHeapAfterGc();
        TestServer server = TestServer.start(c -> c.maxUsers(200)
                .maxConnectionsPerAddress(500)
                .joinDeadline(Duration.ofSeconds(2))
                .headerDeadline(Duration.ofSeconds(1))
                .heartbeat(Duration.ofMillis(500), Duration.ofSeconds(2))
                .maxBacklog(64 * 1024));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < WELL_BEHAVED; i++) {
            members.add(server.joined("good" + i));
        }
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        ExecutorService pool = Executors.newFixedThreadPool(WELL_BEHAVED + CHAOS_THREADS + 1);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < WELL_BEHAVED; i++) {
            TestClient member = members.get(i);
            String name = "good" + i;
            work.add(pool.submit(() -> chatSteadily(member, name, end)));
        }
        for (int t = 0; t < CHAOS_THREADS; t++) {
            int seed = t;
            work.add(pool.submit(() -> misbehave(server, admin, new Random(seed), "bad" + seed, end)));
        }
        for (Future<?> task : work) {
            task.get(SECONDS + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (int i = 0; i < WELL_BEHAVED; i++) {
            String me = "good" + i;
            TestClient member = members.get(i);
            assertThat(member.isOpen()).as("%s still connected", me).isTrue();
            int expected = accepted.entrySet().stream()
                    .filter(e -> !e.getKey().equals(me))
                    .mapToInt(e -> e.getValue().size())
                    .sum();
            await(me + " receives " + expected)
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> Deliveries.messages(member.events()) >= expected);
            Deliveries.assertEachAcceptedOnceInOrder(me, member.events(), accepted);
        }
        assertThat(misbehaviours).as("every kind of misbehaviour happened").hasSizeGreaterThanOrEqualTo(8);

        for (TestClient member : members) {
            member.send(OcpMessage.request(Methods.LEAVE, "/rooms/lobby").build());
            member.awaitClosed();
        }
        admin.close();
        server.close();
        assertThat(log.list).as("warnings or errors logged: %s", log.list).isEmpty();
        await("file descriptors back near " + baselineFds)
                .atMost(Duration.ofSeconds(20))
                .until(() -> openFileDescriptors() <= baselineFds + 40);
        assertThat(usedHeapAfterGc()).as("heap back near its baseline").isLessThan(baselineHeap + 64L * 1024 * 1024);
    }

    private void chatSteadily(TestClient member, String name, long end) {
        for (int n = 0; System.nanoTime() < end; n++) {
            member.send(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                    .header(HeaderNames.REQUEST_ID, name + "-" + n)
                    .body(name + ":" + n)
                    .build());
            OcpMessage answer = member.nextAnswer();
            assertThat(answer.statusCode()).as("%s:%d accepted", name, n).isEqualTo(200);
            accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(n);
            pause(250);
        }
    }

    private void misbehave(TestServer server, TestClient admin, Random random, String name, long end) {
        int round = 0;
        while (System.nanoTime() < end) {
            int kind = random.nextInt(9);
            try {
                switch (kind) {
                    case 0 -> vanishMidHeader(server);
                    case 1 -> resetMidBody(server, name + "r" + round);
                    case 2 -> sendGarbage(server, random);
                    case 3 -> sendOversizedBody(server, name + "o" + round);
                    case 4 -> trickleHeader(server);
                    case 5 -> stopReading(server, name + "s" + round);
                    case 6 -> flood(server, name + "f" + round);
                    case 7 -> kickAndRejoin(server, admin, name + "k" + round);
                    default -> connectAndNeverJoin(server);
                }
            } catch (IOException expected) {
                // the server cut the connection: that is the point
            }
            misbehaviours
                    .computeIfAbsent("kind" + kind, k -> new AtomicInteger())
                    .incrementAndGet();
            round++;
        }
    }

    private static Socket raw(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void vanishMidHeader(TestServer server) throws IOException {
        try (Socket socket = raw(server)) {
            write(socket, "CONNECT /rooms/lobby OCP/1.0\r\nNa");
        }
    }

    private static void resetMidBody(TestServer server, String name) throws IOException {
        Socket socket = raw(server);
        write(
                socket,
                "CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n\r\n"
                        + "SEND /rooms/lobby OCP/1.0\r\nContent-Length: 100\r\n\r\nonly part of it");
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void sendGarbage(TestServer server, Random random) throws IOException {
        try (Socket socket = raw(server)) {
            byte[] junk = new byte[1 + random.nextInt(2000)];
            random.nextBytes(junk);
            socket.getOutputStream().write(junk);
            socket.getInputStream().readAllBytes();
        }
    }

    private static void sendOversizedBody(TestServer server, String name) {
        try (TestClient client = server.client()) {
            if (client.join(name, null).statusCode() == 200) {
                OcpMessage answer = client.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                        .header(HeaderNames.REQUEST_ID, "big")
                        .body("x".repeat(5000))
                        .build());
                assertThat(answer.statusCode()).isEqualTo(413);
            }
        }
    }

    private static void trickleHeader(TestServer server) throws IOException {
        try (Socket socket = raw(server)) {
            String head = "PING / OCP/1.0\r\nX-Slow: ";
            for (int i = 0; i < 20; i++) {
                write(socket, head.substring(i % head.length(), i % head.length() + 1));
                pause(100);
            }
            socket.getInputStream().readAllBytes();
        }
    }

    private static void stopReading(TestServer server, String name) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        write(socket, "CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n\r\n");
        pause(1500); // never reads; the server drops it (backlog cap or idle timeout) or it goes
        socket.close();
    }

    /**
     * Floods with Request-Ids, so what the server accepted is known and must reach everyone once. All of a round go
     * out at once, as a flooder sends: waiting for each answer would let the rate refill a token between round trips
     * on a loaded machine, and the refusals would never come a burst's worth in a row. Even so, a loaded server may
     * take long enough over one round for a token to come back, and a line accepted among the refusals starts their
     * count again: then the flooder sends another round, as a flooder does, until it is ended.
     */
    private void flood(TestServer server, String name) {
        TestClient client = server.client();
        if (client.join(name, null).statusCode() != 200) {
            client.close();
            return;
        }
        // Past ten bursts' worth of refusals at once, which ends a flooder however quickly they came.
        int lines = openchat.core.FloodControl.DEFAULT_BURST * (openchat.core.FloodControl.REFUSALS_AT_ONCE + 2);
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < lines; i++, n++) {
                client.send(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                        .header(HeaderNames.REQUEST_ID, name + "-" + n)
                        .body(name + ":" + n)
                        .build());
            }
            // Answers come in the order of the requests, and end when the server closes the connection.
            for (int i = 0; i < lines; i++) {
                Optional<OcpMessage> answer = client.answerOrClosed();
                if (answer.isEmpty()) {
                    client.awaitClosed();
                    return;
                }
                if (answer.get().statusCode() == 200) {
                    String id = answer.get().header(HeaderNames.REQUEST_ID).orElseThrow();
                    accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                            .add(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
                }
            }
        }
        client.awaitClosed(); // five rounds of refusals and the flooder is still on: that fails here
    }

    private void kickAndRejoin(TestServer server, TestClient admin, String name) {
        for (int round = 0; round < 2; round++) {
            TestClient client = server.client();
            assertThat(client.join(name, null).statusCode()).isEqualTo(200);
            String id = name + "-" + round;
            client.send(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                    .header(HeaderNames.REQUEST_ID, id)
                    .body(name + ":" + round)
                    .build());
            if (client.answerOrClosed().filter(a -> a.statusCode() == 200).isPresent()) {
                accepted.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                        .add(round);
            }
            synchronized (admin) {
                admin.request(OcpMessage.request(Methods.KICK, "/rooms/lobby")
                        .header(HeaderNames.NAME, name)
                        .build());
            }
            // Kicked from its only room, it is still connected (as the terminal client would, it now leaves).
            client.nextMatching(m -> m.method().equals(Methods.LEFT)
                    && m.header(HeaderNames.NAME).orElse("").equals(name));
            client.send(OcpMessage.request(Methods.LEAVE, "/").build());
            client.awaitClosed();
        }
    }

    private static void connectAndNeverJoin(TestServer server) throws IOException {
        try (Socket socket = raw(server)) {
            socket.getInputStream().readAllBytes(); // 408 after the join deadline, then closed
        }
    }

    private static ListAppender<ILoggingEvent> captureWarnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                    super.append(event);
                }
            }
        };
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static long openFileDescriptors() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void pause(long millis) {
        // Pacing the load generator, not synchronising with the server: the assertions wait on events.
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
