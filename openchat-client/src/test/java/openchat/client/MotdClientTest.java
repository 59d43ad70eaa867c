package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's message of the day ({@code --motd}) as the terminal client shows it: a heading, then each line. */
class MotdClientTest {
    @TempDir
    Path dir;

    private TestServer server;
    private ClientRun client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void theMessageOfTheDayIsShownLineByLineAfterConnectingWithItsFormattingAndEscapesNotShown() throws Exception {
        Path motd = dir.resolve("motd.txt");
        Files.writeString(motd, "스터디 서버입니다\n\n\u0002규칙\u0002: 존댓말\n질문은 #help", StandardCharsets.UTF_8);
        server = TestServer.start(c -> c.motdFile(motd));
        client = ClientRun.start(
                new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, ClientTls.OFF, "lobby"));

        client.awaitLine("유저1 접속 완료");
        client.awaitLine("  질문은 #help");

        List<String> lines = client.lines();
        int heading = lines.indexOf("[오늘의 메세지]");
        assertThat(heading).as("the heading, in %s", lines).isPositive();
        assertThat(lines.subList(heading, heading + 5))
                .containsExactly("[오늘의 메세지]", "  스터디 서버입니다", "", "  규칙: 존댓말", "  질문은 #help");
    }

    @Test
    void anEnglishClientShowsTheHeadingInEnglish() throws Exception {
        Path motd = dir.resolve("motd.txt");
        Files.writeString(motd, "welcome", StandardCharsets.UTF_8);
        server = TestServer.start(c -> c.motdFile(motd));
        client = ClientRun.start(
                new ClientConfig("bob", "127.0.0.1", server.port(), null, Locale.ENGLISH, ClientTls.OFF, "lobby"));

        client.awaitLine("[message of the day]");
        client.awaitLine("  welcome");
    }
}
