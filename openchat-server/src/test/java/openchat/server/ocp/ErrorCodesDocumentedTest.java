package openchat.server.ocp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import openchat.core.Refusal;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md's table of `Error-Code`s says what {@link OcpRefusals} answers: every code, under its status. */
class ErrorCodesDocumentedTest {

    @Test
    void everyRefusalsErrorCodeIsDocumentedUnderItsStatus() throws IOException {
        String protocol = Files.readString(
                Path.of("..", "docs", "PROTOCOL.md").toAbsolutePath().normalize(), StandardCharsets.UTF_8);
        String table = protocol.substring(protocol.indexOf("| status | `Error-Code` |"));
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            String code = OcpRefusals.code(reason);
            String row = Arrays.stream(table.split("\n"))
                    .filter(line ->
                            line.startsWith("| " + OcpRefusals.status(reason).code() + " |"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + OcpRefusals.status(reason)));
            assertThat(row)
                    .as("%s is documented under %s", code, OcpRefusals.status(reason))
                    .contains("`" + code + "`");
        }
    }
}
