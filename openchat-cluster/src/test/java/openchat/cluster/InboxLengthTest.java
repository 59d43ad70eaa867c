package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script that writes to a node's inbox trims it to {@link RedisKeys#INBOX_KEPT} entries, as the Java side does:
 * the number is written in each script (an argument more would shift the room keys two of them take after their own
 * arguments), and this keeps every copy equal to the one constant, in scripts added later too.
 */
class InboxLengthTest {
    private static final Pattern INBOX_TRIM = Pattern.compile("':inbox', 'MAXLEN', '~', '(\\d+)'");

    @Test
    void everyScriptThatWritesAnInboxTrimsItToTheOneConstant() throws Exception {
        Path scripts = Path.of(Script.class.getResource("whisper.lua").toURI()).getParent();
        List<String> writers = new ArrayList<>();
        try (Stream<Path> files = Files.list(scripts)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".lua")).sorted().toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                if (source.contains("':inbox'")) {
                    writers.add(file.getFileName().toString());
                    assertTrimmed(file.getFileName().toString(), source);
                }
            }
        }
        assertThat(writers).contains("whisper.lua", "invite.lua", "away.lua", "rename.lua");
    }

    private static void assertTrimmed(String name, String source) {
        List<Integer> lengths = new ArrayList<>();
        Matcher trim = INBOX_TRIM.matcher(source);
        while (trim.find()) {
            lengths.add(Integer.parseInt(trim.group(1)));
        }
        assertThat(lengths).as("%s", name).isNotEmpty().containsOnly(RedisKeys.INBOX_KEPT);
        assertThat(source.split("':inbox'", -1).length - 1)
                .as("%s: every inbox it writes is trimmed so", name)
                .isEqualTo(lengths.size());
    }
}
