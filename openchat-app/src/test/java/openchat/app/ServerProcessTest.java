package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestCertificates;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `openchat server` as a real process: where it keeps its key, and how it stops. */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile(".*127\\.0\\.0\\.1:(\\d+) .*");

    @TempDir
    Path home;

    private Process process;
    /** Lines not yet awaited. */
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    /** Every line the process printed. */
    private final List<String> transcript = new CopyOnWriteArrayList<>();

    private Thread reader;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private int startServer(String... extra) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(
                List.of("server", "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--http-port", "0"));
        args.addAll(List.of(extra));
        process = run(args.toArray(String[]::new));
        reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            transcript.add(line);
                            stdout.add(line);
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "server-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = awaitLine("127.0.0.1:");
        Matcher matcher = LISTENING.matcher(first);
        assertThat(matcher.matches()).as("listening line: %s", first).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** The server's first line, past logback's own status lines (which the test class path's config prints). */
    private String firstLine() {
        return transcript.stream()
                .filter(line -> !line.isBlank() && !line.matches("\\d\\d:\\d\\d:\\d\\d,\\d+ \\|-.*"))
                .findFirst()
                .orElseThrow();
    }

    private String awaitLine(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(part)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line containing '" + part + "' in:\n" + seen);
    }

    @Test
    void adminKeyIsCreatedUnderHomeFromTheEnvironmentAndNeverPrinted() throws Exception {
        startServer();

        Path key = home.resolve(".openchat/admin.key");
        String where = awaitLine("관리자 키를 새로 만들었습니다");
        assertThat(where).contains(key.toString());
        assertThat(Files.readString(key).strip()).matches("[0-9a-f]{64}");
        process.toHandle().destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(5000); // the whole output, to its end
        String secret = Files.readString(key).strip();
        assertThat(transcript)
                .as("everything the server printed")
                .isNotEmpty()
                .noneMatch(line -> line.contains(secret));
    }

    @Test
    void theFirstStartLineIsTheVersionWithoutAConfigFileToo() throws Exception {
        startServer();

        assertThat(firstLine()).isEqualTo(new OpenchatCommand.Version().getVersion()[0]);
        assertThat(firstLine()).matches("openchat \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void theStartLinesNameTheConfigFileInUseAndTheVersionWithAbsolutePaths() throws Exception {
        Path conf = Files.createDirectories(home.resolve("etc"));
        Path file = conf.resolve("openchat.yaml");
        Files.writeString(file, "data-dir: ~/chatdata\nadmin-key-file: keys/admin.key\n", StandardCharsets.UTF_8);

        startServer("--config", file.toString());

        String version = new OpenchatCommand.Version().getVersion()[0];
        assertThat(firstLine()).isEqualTo(version + ", 설정 파일: " + file.toAbsolutePath());
        assertThat(awaitLine("관리자 키를 새로 만들었습니다"))
                .startsWith("관리자 키를 새로 만들었습니다: " + conf.resolve("keys/admin.key") + " (");
        assertThat(awaitLine("대화 기록:")).startsWith("대화 기록: " + home.resolve("chatdata") + " ");
        assertThat(Files.isRegularFile(conf.resolve("keys/admin.key"))).isTrue();
    }

    @Test
    void sigtermTellsEveryMemberAndExitsZero() throws Exception {
        int port = startServer();
        TestClient member = TestClient.connect("127.0.0.1", port);
        assertThat(member.join("유저1", null).statusCode()).isEqualTo(200);

        // SIGTERM. (Process.destroy would also close our end of its output, losing the last lines.)
        process.toHandle().destroy();

        OcpMessage notice = member.nextEvent(Methods.SHUTDOWN);
        assertThat(notice.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(notice.header(HeaderNames.BY))
                .as("stopped by its operator, not the administrator: a client may come back after a restart")
                .isEmpty();
        member.awaitClosed();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        awaitLine("[SHUTDOWN]");
    }

    @Test
    void sighupReloadsTheAdministratorKeyAndTheServerCarriesOn() throws Exception {
        int port = startServer("--lang", "en");
        TestClient member = TestClient.connect("127.0.0.1", port);
        assertThat(member.join("유저1", null).statusCode()).isEqualTo(200);
        Path keyFile = home.resolve(".openchat/admin.key");
        String newKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        Files.writeString(keyFile, newKey + "\n");

        signal("HUP");

        awaitLine("[RELOAD] read again: the administrator key " + keyFile);
        assertThat(process.isAlive()).isTrue();
        TestClient admin = TestClient.connect("127.0.0.1", port);
        assertThat(admin.join(Names.ADMINISTRATOR, newKey).statusCode()).isEqualTo(200);
        assertThat(member.request(OcpMessage.request(Methods.PING, "/").build()).statusCode())
                .as("the member is still connected")
                .isEqualTo(200);

        process.toHandle().destroy();
        assertThat(member.nextMatching(m -> m.method().equals(Methods.SHUTDOWN)).bodyText())
                .isEqualTo("The server has stopped.");
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        awaitLine("[SHUTDOWN]");
    }

    @Test
    void anAdministratorKeyFileThatIsADirectoryIsRefusedNamingIt() throws Exception {
        Path directory = Files.createDirectories(home.resolve("keys"));
        Process refused = runInEnglish("--admin-key-file", directory.toString());
        String output = output(refused);

        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(output)
                .contains("openchat: cannot use the administrator key file: the administrator key file " + directory
                        + " is a directory, not a file\n");
    }

    /** Sends SIGNAL (HUP, TERM) to the server, as {@code kill -SIGNAL} does. */
    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void administratorShutdownStopsTheProcessWithExitZero() throws Exception {
        int port = startServer("--lang", "en");
        TestClient admin = TestClient.connect("127.0.0.1", port);
        String key = Files.readString(home.resolve(".openchat/admin.key")).strip();
        assertThat(admin.join(Names.ADMINISTRATOR, key).statusCode()).isEqualTo(200);

        assertThat(admin.request(OcpMessage.request(Methods.SHUTDOWN, "/").build())
                        .statusCode())
                .isEqualTo(200);

        assertThat(admin.nextEvent(Methods.SHUTDOWN).bodyText()).isEqualTo("The server has stopped.");
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void historySurvivesARestartOfTheProcess() throws Exception {
        int port = startServer();
        TestClient talker = TestClient.connect("127.0.0.1", port);
        talker.join("유저1", null);
        talker.say("다시 켜도 남아요");
        talker.request(OcpMessage.request(Methods.PING, "/").build());
        process.toHandle().destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        stdout.clear();

        int again = startServer();
        TestClient back = TestClient.connect("127.0.0.1", again);
        back.join("유저1", null);
        OcpMessage replay = back.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        assertThat(replay.bodyText()).isEqualTo("다시 켜도 남아요");
        assertThat(replay.header("History")).contains("true");
    }

    @Test
    void afterAKillMinus9AClientCatchingUpGetsEveryLineSaidSinceTheRestart() throws Exception {
        int port = startServer();
        TestClient watcher = TestClient.connect("127.0.0.1", port);
        watcher.join("관찰자", null);
        TestClient talker = TestClient.connect("127.0.0.1", port);
        talker.join("유저1", null);
        for (int i = 0; i < 4; i++) { // within the flood allowance's burst
            talker.say("죽기 전 " + i);
        }
        long seen = 0;
        for (int i = 0; i < 4; i++) {
            seen = Long.parseLong(watcher.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                    .header(HeaderNames.SEQ)
                    .orElseThrow());
        }
        process.destroyForcibly(); // SIGKILL, as the last lines' batch may still wait for its commit
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        stdout.clear();

        int again = startServer();
        TestClient talkerAgain = TestClient.connect("127.0.0.1", again);
        talkerAgain.join("유저1", null);
        talkerAgain.say("다시 켠 뒤 1");
        talkerAgain.say("다시 켠 뒤 2");
        talkerAgain.request(OcpMessage.request(Methods.PING, "/").build());
        TestClient back = TestClient.connect("127.0.0.1", again);
        back.send(OcpMessage.request(Methods.CONNECT, "/rooms/lobby")
                .header(HeaderNames.NAME, "관찰자")
                .header(HeaderNames.HISTORY_AFTER, seen)
                .build());
        assertThat(back.nextAnswer().statusCode()).isEqualTo(200);

        assertThat(back.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .as("no number the watcher saw was given out again")
                .isEqualTo("다시 켠 뒤 1");
        assertThat(back.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("다시 켠 뒤 2");
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedWithExit1() throws Exception {
        startServer();
        Process second = run(
                "server", "--lang", "en", "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--http-port", "0");
        String output = output(second);
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(output)
                .contains("another openchat server (process " + process.pid() + ") is using the data directory "
                        + home.resolve(".openchat"));
    }

    @Test
    void aDataDirThatCannotBeMadeIsRefusedWithExit1() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        Process server = runInEnglish("--data-dir", file.resolve("data").toString());
        String output = output(server);
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(output).contains(file.resolve("data").toString());
    }

    @Test
    void aDamagedHistoryDatabaseIsReportedAndLeftAsItIs() throws Exception {
        Path dataDir = Files.createDirectories(home.resolve("data"));
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Path database = Files.write(dataDir.resolve("history.db"), garbage);
        Process server = runInEnglish("--data-dir", dataDir.toString());
        String output = output(server);
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(output).contains(database.toString()).contains("damaged");
        assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(garbage);
    }

    @Test
    void aTlsKeyThatDoesNotMatchItsCertificateIsRefusedWithExit1() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate server = TestCertificates.selfSigned("localhost");
        io.netty.handler.ssl.util.SelfSignedCertificate other = TestCertificates.selfSigned("localhost");
        Path cert = Files.copy(server.certificate().toPath(), home.resolve("cert.pem"));
        Path otherKey = Files.copy(other.privateKey().toPath(), home.resolve("other.pem"));
        server.delete();
        other.delete();

        Process refused = run(
                "server",
                "--lang",
                "en",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--irc-port",
                "0",
                "--irc-tls-port",
                "0",
                "--http-port",
                "0",
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                otherKey.toString());
        String output = output(refused);

        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(output)
                .contains("openchat: the TLS key " + otherKey + " does not match the certificate " + cert + "\n")
                .as("nothing listens")
                .doesNotContain("127.0.0.1:");
    }

    /** {@code openchat server} in English on 127.0.0.1, every port picked by the system, and {@code extra}. */
    private Process runInEnglish(String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "server", "--lang", "en", "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--http-port", "0"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** {@code openchat ARGS} as a process of its own, with HOME in the test's folder. */
    private Process run(String... args) throws IOException {
        return OpenchatProcess.start(home, args);
    }

    /** Everything {@code started} prints until it exits (it must, within 20 s). */
    private static String output(Process started) throws Exception {
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(20, TimeUnit.SECONDS))
                .as("exited; printed %s", output)
                .isTrue();
        return output;
    }

    @Test
    void theJitsOptimisingCompilerRunsTenNiceStepsBelowTheServer() throws Exception {
        startServer("--data-dir", home.resolve("data").toString());
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tasks), "Linux's /proc");

        List<Integer> compilerNices = new java.util.ArrayList<>();
        List<Integer> otherNices = new java.util.ArrayList<>();
        try (var threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat = Files.readString(thread.resolve("stat"));
                int nice = Integer.parseInt(
                        stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
                String name = Files.readString(thread.resolve("comm")).strip();
                (name.startsWith("C2 CompilerThre") ? compilerNices : otherNices).add(nice);
            }
        }

        int server = java.util.Collections.min(otherNices);
        assertThat(compilerNices).as("C2's threads").isNotEmpty().containsOnly(Math.min(19, server + 10));
    }

    @Test
    void portInUseIsAClearErrorWithExit1() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            process = run(
                    "server",
                    "--lang",
                    "en",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--irc-port",
                    "0",
                    "--http-port",
                    "0");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("cannot listen on OCP 127.0.0.1:" + taken.getLocalPort() + ": Address already in use\n");
        }
    }

    @Test
    void httpPortInUseIsRefusedInTheServersLanguageNamingTheListener() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            process = run(
                    "server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--irc-port",
                    "0",
                    "--http-port",
                    String.valueOf(taken.getLocalPort()));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("openchat: HTTP 127.0.0.1:" + taken.getLocalPort()
                            + " 에서 대기할 수 없습니다: Address already in use\n");
        }
    }

    @Test
    void ircPortInUseIsAClearErrorWithExit1() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            process = run(
                    "server",
                    "--lang",
                    "en",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--irc-port",
                    String.valueOf(taken.getLocalPort()),
                    "--http-port",
                    "0");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("cannot listen on IRC 127.0.0.1:" + taken.getLocalPort() + ": Address already in use\n");
        }
    }
}
