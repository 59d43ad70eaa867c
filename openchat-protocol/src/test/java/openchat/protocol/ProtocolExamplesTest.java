package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md's example messages are what a client author copies: each {@code Content-Length} must be the
 * UTF-8 byte count of the body written under it, or a client built from the page reads one message into the next.
 */
class ProtocolExamplesTest {
    /** A {@code Content-Length} line in a code block, bare or after a direction arrow ({@code → }, {@code ← }). */
    private static final Pattern CONTENT_LENGTH = Pattern.compile("^([→←] )?Content-Length: (\\d+)$");

    private static final Pattern START_LINE = Pattern.compile("^([A-Z]+ /\\S* OCP/1\\.0|OCP/1\\.0 \\d{3} ).*");

    @Test
    void everyExamplesContentLengthIsItsBodysUtf8ByteCount() throws IOException {
        List<String> lines = Files.readString(
                        Path.of("..", "docs", "PROTOCOL.md").toAbsolutePath().normalize(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        boolean inBlock = false;
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            Matcher field = CONTENT_LENGTH.matcher(lines.get(i));
            if (!inBlock || !field.matches()) {
                continue;
            }
            String prefix = field.group(1) == null ? "" : field.group(1);
            assertThat(lines.get(i + 1))
                    .as("PROTOCOL.md line %d: the empty line after Content-Length", i + 2)
                    .isEqualTo(prefix.strip());
            String body = body(lines, i + 2, prefix, isTable(lines, i, prefix));
            assertThat(body.getBytes(StandardCharsets.UTF_8).length)
                    .as("PROTOCOL.md line %d: Content-Length of the body %s", i + 1, body)
                    .isEqualTo(Integer.parseInt(field.group(2)));
            checked++;
        }
        assertThat(checked).as("examples with a body found in PROTOCOL.md").isGreaterThanOrEqualTo(20);
    }

    /**
     * The body written from line {@code from}: the lines with the message's prefix up to an empty line, the block's
     * end or the next start line, joined by LF; a table's rows each end with LF (PROTOCOL.md, LIST).
     */
    private static String body(List<String> lines, int from, String prefix, boolean table) {
        List<String> rows = new ArrayList<>();
        for (int j = from; j < lines.size(); j++) {
            String line = lines.get(j);
            if (line.startsWith("```") || !line.startsWith(prefix)) {
                break;
            }
            String content = line.substring(prefix.length());
            if (content.isEmpty() || START_LINE.matcher(content).matches()) {
                break;
            }
            rows.add(content);
        }
        return table ? rows.stream().map(row -> row + "\n").reduce("", String::concat) : String.join("\n", rows);
    }

    /** Whether the message whose header section holds line {@code at} is a tab-separated table. */
    private static boolean isTable(List<String> lines, int at, String prefix) {
        for (int j = at; j >= 0 && lines.get(j).startsWith(prefix); j--) {
            String line = lines.get(j).substring(prefix.length());
            if (line.startsWith("Content-Type: text/tab-separated-values")) {
                return true;
            }
            if (START_LINE.matcher(line).matches()) {
                return false;
            }
        }
        return false;
    }
}
