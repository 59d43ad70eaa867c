package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.protocol.HeaderNames;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar users run ({@code target/openchat.jar}, after {@code package}), as a user runs it: {@code java -jar}. The
 * other process tests run the classes on the test class path; this one catches what only the packaged jar can get
 * wrong: a class or a resource the shade plugin left out (ICU4J's data is trimmed to what {@code Names.skeleton} reads,
 * a list that a newer ICU4J could outgrow). Run by failsafe in {@code mvn verify}, after the jar is built.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "openchat.jar");
    private static final Pattern LISTENING = Pattern.compile(".*127\\.0\\.0\\.1:(\\d+) .*");

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theServerFromTheJarRefusesANameThatLooksLikeAConnectedMembersAndTheClientAReservedOne() throws Exception {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        Process server = start("server", "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--http-port", "0");
        BlockingQueue<String> lines = linesOf(server);
        int port = port(awaitLine(lines, "127.0.0.1:"));

        TestClient alice = TestClient.connect("127.0.0.1", port);
        assertThat(alice.join("alice", null).statusCode()).isEqualTo(200);
        TestClient cyrillic = TestClient.connect("127.0.0.1", port);
        var refused = cyrillic.join("\u0430\u04CF\u0456\u0441\u0435", null); // аӏісе, all Cyrillic
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.header(HeaderNames.NAME)).contains("alice");

        Process client = start("client", "\u0455\u0443\u0455\u043E\u0440", "--host", "127.0.0.1", "--port", "" + port);
        String said = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("'sysop'"); // ѕуѕор, refused before connecting
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", Files.createDirectories(home).toString());
        Process process = builder.start();
        process.getOutputStream().close();
        started.add(process);
        return process;
    }

    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException ended) {
                        // the process ended
                    }
                },
                "jar-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(part)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line containing '" + part + "' in:\n" + seen);
    }

    private static int port(String listening) {
        Matcher matcher = LISTENING.matcher(listening);
        assertThat(matcher.matches()).as("listening line: %s", listening).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
