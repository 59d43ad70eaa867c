package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.irc.IrcTestClient;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A cluster node as a real process: killed with SIGKILL mid-traffic, and refused at start without its Redis. */
class ClusterProcessTest {
    private static final Pattern LISTENING = Pattern.compile(".*127\\.0\\.0\\.1:(\\d+) .*");

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @TempDir
    Path home;

    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** {@code openchat server --cluster ...} as a process; returns its OCP port once it listens. */
    private int startNode(String node) throws Exception {
        process = run(
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--irc-port",
                "0",
                "--http-port",
                "0",
                "--no-flood-control",
                "--cluster",
                redis.url(),
                "--node-id",
                node);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.matches()) {
                        return Integer.parseInt(listening.group(1));
                    }
                }
                throw new IllegalStateException("the node exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        int listening = port.get(30, TimeUnit.SECONDS);
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return listening;
    }

    /** An in-process node "alive" on an emptied Redis, beside the process under test. */
    private static TestServer aliveNode() throws IOException {
        redis.flushAll();
        return TestServer.start(c -> c.cluster(redis.url())
                .nodeId("alive")
                .maxConnectionsPerAddress(100)
                .floodControl(FloodControl.OFF));
    }

    private Process run(String... args) throws IOException {
        return OpenchatProcess.start(home, args);
    }

    @Test
    void aNodeKilledMidTrafficIsAnnouncedGoneWithin30SecondsAndTheOthersLoseNothing() throws Exception {
        try (TestServer alive = aliveNode()) {
            int doomedPort = startNode("doomed");
            TestClient victim = TestClient.connect("127.0.0.1", doomedPort);
            assertThat(victim.join("victim", null).statusCode()).isEqualTo(200);
            TestClient talker = alive.joined("talker");
            TestClient listener = alive.joined("listener");

            AtomicBoolean killed = new AtomicBoolean();
            List<Integer> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch hundredAccepted = new CountDownLatch(100); // the kill falls mid-traffic
            CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2000 && (i < 200 || !killed.get() || accepted.size() < 400); i++) {
                    OcpMessage answer = talker.request(OcpMessage.request(Methods.SEND, Targets.room("lobby"))
                            .header(HeaderNames.REQUEST_ID, String.valueOf(i))
                            .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                            .body("line " + i)
                            .build());
                    assertThat(answer.statusCode()).isEqualTo(200);
                    accepted.add(i);
                    hundredAccepted.countDown();
                }
            });
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    victim.say("victim " + i);
                }
            });
            assertThat(hundredAccepted.await(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            killed.set(true);
            talking.get(60, TimeUnit.SECONDS);

            List<Integer> heard = new ArrayList<>();
            OcpMessage gone = null;
            long deadline = killedAt + TimeUnit.SECONDS.toNanos(30);
            while ((heard.size() < accepted.size() || gone == null) && System.nanoTime() < deadline) {
                OcpMessage event;
                try {
                    event = listener.next();
                } catch (AssertionError quiet) {
                    continue; // nothing for 5 s: the announcement may take up to 30
                }
                if (event.method().equals(Methods.MESSAGE) && event.bodyText().startsWith("line ")) {
                    heard.add(Integer.parseInt(event.bodyText().substring(5)));
                } else if (event.method().equals(Methods.LEFT)
                        && event.header(HeaderNames.NAME).orElse("").equals("victim")) {
                    gone = event;
                }
            }
            assertThat(gone)
                    .as("the killed node's member announced gone within 30 s")
                    .isNotNull();
            assertThat(gone.header(HeaderNames.REASON)).contains("disconnected");
            assertThat(gone.bodyText()).as("says why").isEqualTo("접속해 있던 서버 노드가 응답하지 않습니다");
            assertThat(heard).as("every accepted line once, in order").isEqualTo(accepted);
            assertThat(alive.client().join("victim", null).statusCode())
                    .as("the dead node's name is free")
                    .isEqualTo(200);

            OcpMessage history = listener.request(OcpMessage.request(Methods.HISTORY, Targets.room("lobby"))
                    .header(HeaderNames.LIMIT, "500")
                    .build());
            assertThat(history.statusCode()).isEqualTo(200);
            int count = Integer.parseInt(history.header(HeaderNames.COUNT).orElseThrow());
            List<Integer> stored = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                OcpMessage line =
                        listener.nextMatching(m -> m.header(HeaderNames.HISTORY).isPresent());
                if (line.bodyText().startsWith("line ")) {
                    stored.add(Integer.parseInt(line.bodyText().substring(5)));
                }
            }
            assertThat(stored).as("history keeps the accepted lines, in order").isNotEmpty();
            assertThat(stored).isEqualTo(accepted.subList(accepted.size() - stored.size(), accepted.size()));
        }
    }

    @Test
    void aPrivateMessageToAMemberOfANodeThatStoppedAnsweringIsRefusedNotLostAndGoesThroughOnceItIsBack()
            throws Exception {
        try (TestServer alive = aliveNode()) {
            int sleepyPort = startNode("sleepy");
            TestClient bob = TestClient.connect("127.0.0.1", sleepyPort);
            assertThat(bob.join("bob", null).statusCode()).isEqualTo(200);
            TestClient alice = alive.joined("alice");
            assertThat(alice.request(whisper("bob", "1", "before")).statusCode())
                    .isEqualTo(200);
            assertThat(bob.nextMatching(event -> event.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .isEqualTo("before");

            signal("STOP"); // hung: the process stops answering, its connections stay open
            try {
                // The alive key (docs/CLUSTER.md, "Keys") not renewed for three heartbeats: 7 s of its 10 left.
                await().atMost(Duration.ofSeconds(10)).until(() -> redis.integer("PTTL", SLEEPY_ALIVE) < 7_000);
                OcpMessage refused = alice.request(whisper("bob", "2", "while hung"));
                assertThat(refused.statusCode()).as("%s", refused).isEqualTo(503);
                assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("unreachable");
                assertThat(refused.bodyText())
                        .isEqualTo("bob님이 접속한 서버 노드가 응답하지 않아 보내지 못했습니다. 그 노드가 돌아오면 다시 보내거나, 잠시 뒤"
                                + " bob님이 다시 접속하면 보내 주십시오");
                try (IrcTestClient irc = IrcTestClient.registered(alive.ircPort(), "carol")) {
                    irc.send("PRIVMSG bob :while hung");
                    assertThat(irc.await(line -> line.contains(" FAIL ")))
                            .startsWith(":openchat FAIL PRIVMSG TEMPORARILY_UNAVAILABLE bob :bob님이 접속한 서버 노드가");
                }
            } finally {
                signal("CONT");
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> redis.integer("PTTL", SLEEPY_ALIVE) > 8_000);
            assertThat(alice.request(whisper("bob", "3", "after")).statusCode()).isEqualTo(200);
            assertThat(bob.nextMatching(event -> event.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .as("the refused message was never handed over: the next is the one sent after")
                    .isEqualTo("after");
        }
    }

    @Test
    void aPrivateMessageADeadNodeNeverReadIsToldToItsSenderAsMaybeLostAndOneItReadIsNot() throws Exception {
        try (TestServer alive = aliveNode()) {
            int port = startNode("fated");
            TestClient bob = TestClient.connect("127.0.0.1", port);
            assertThat(bob.join("bob", null).statusCode()).isEqualTo(200);
            TestClient alice = alive.joined("alice");
            assertThat(alice.request(whisper("bob", "1", "read")).statusCode()).isEqualTo(200);
            assertThat(bob.nextMatching(event -> event.method().equals(Methods.PRIVATE))
                            .bodyText())
                    .isEqualTo("read");
            // Its heartbeat has recorded that it read it: nothing in its inbox after the entry it marks.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.integer(
                                    "EVAL",
                                    "local r = redis.call('GET', KEYS[2]) if not r then return -1 end"
                                            + " return #redis.call('XRANGE', KEYS[1], '(' .. r, '+')",
                                    "2",
                                    "oc:node:fated:inbox",
                                    "oc:node:fated:read")
                            == 0);

            signal("STOP"); // its last heartbeat was under a second ago: the next message is taken
            assertThat(alice.request(whisper("bob", "2", "never read")).statusCode())
                    .isEqualTo(200);
            process.destroyForcibly(); // SIGKILL, stopped
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            List<String> notices = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // the sweep: within 14 s
            while (notices.stream().noneMatch(notice -> notice.contains("never read"))
                    && System.nanoTime() < deadline) {
                try {
                    OcpMessage event = alice.next();
                    if (event.method().equals(Methods.NOTICE)) {
                        notices.add(event.bodyText());
                    }
                } catch (AssertionError quiet) {
                    // nothing for 5 s: the sweep may take up to 14
                }
            }
            assertThat(notices)
                    .as("the message the dead node never read, and only that one")
                    .singleElement()
                    .satisfies(notice -> assertThat(notice)
                            .matches("bob님에게 \\d\\d:\\d\\d:\\d\\d에 보낸 귓속말이 전달되지 않았을 수 있습니다: bob님이 접속해 있던"
                                    + " 서버 노드가 멈추거나 종료되었습니다. 보낸 말: never read"));
        }
    }

    private static final String SLEEPY_ALIVE = "oc:node:sleepy:alive";

    private static OcpMessage whisper(String to, String requestId, String text) {
        return OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                .header(HeaderNames.TO, to)
                .header(HeaderNames.REQUEST_ID, requestId)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build();
    }

    /** Sends the node process SIGSTOP or SIGCONT (bash's own {@code kill}: no other program needed). */
    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("bash", "-c", "kill -" + name + " " + process.pid())
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s", name)
                .isTrue();
    }

    @Test
    void aNodeWhoseRedisCannotBeReachedExitsWithAClearMessage() throws Exception {
        process = run(
                "server",
                "--lang",
                "en",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--irc-port",
                "0",
                "--http-port",
                "0",
                "--cluster",
                "redis://127.0.0.1:1");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("cannot reach the cluster's Redis at redis://127.0.0.1:1");
    }

    @Test
    void aClusterAddressThatIsNotRedisIsAUsageError() throws Exception {
        process = run("server", "--lang", "en", "--port", "0", "--cluster", "http://127.0.0.1:6379");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--cluster").contains("redis://HOST:PORT");
    }
}
