package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code openchat bench} as a person runs it, against a real server. */
class BenchCommandTest {

    @Test
    void benchAgainstAServerWithFloodControlStopsWithExit4AndSaysWhatToDo() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(20).consoleChat(false))) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = OpenchatCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            int code = commandLine.execute(
                    "bench", "--port", Integer.toString(server.port()), "--window", "40", "--seconds", "30");

            assertThat(code).isEqualTo(4);
            assertThat(err.toString())
                    .startsWith("bench: stopped at the first refusal: the server answered \"OCP/1.0 429")
                    .contains("flood control is on", "--no-flood-control");
        }
    }

    @Test
    void helpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        commandLine.execute("bench", "--help");

        assertThat(out.toString()).contains("Exit codes:", "4", "flood control");
    }
}
