package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The JLine front end on a terminal made of streams: what a person at a real terminal goes through. */
class JLineUiTest {

    /** Output that can be read while it is written. */
    private static final class Screen extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void typedLinesAreReadAndIncomingLinesArePrintedAboveThePrompt() throws Exception {
        try (TestServer server = TestServer.start();
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream keys = new PipedInputStream(keyboard)) {
            TestClient other = server.joined("유저2");
            Screen screen = new Screen();
            Terminal terminal = TerminalBuilder.builder().system(false).streams(keys, screen)
                    .type("xterm-256color").size(new org.jline.terminal.Size(80, 24)).build();
            ClientConfig config = new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> new ChatSession(config, new JLineUi(terminal), ZoneId.of("UTC")).run());
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.text().contains("유저1 접속 완료"));
            other.nextEvent(Methods.JOINED);

            keyboard.write("안녕 jline!\r".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("안녕 jline!");

            keyboard.write("타이핑 중".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            other.say("들어오는 줄");
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.text().contains("유저2 : 들어오는 줄"));
            String afterIncoming = screen.text().substring(screen.text().lastIndexOf("들어오는 줄"));
            assertThat(afterIncoming).as("the half-typed line is drawn again below").contains("타이핑 중");

            keyboard.write("\u0015/종료\r".getBytes(StandardCharsets.UTF_8)); // Ctrl-U clears the line
            keyboard.flush();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.NAME)).contains("유저1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
