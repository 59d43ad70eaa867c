package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console printer itself: what a line that cannot be formatted does to the lines around it and its caller. */
class ConsoleWriterTest {
    @Test
    void aLineTheFormatFailsOnIsLeftOutAndTheLinesAroundItArePrintedWhole() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ConsoleWriter.Format format = (line, out) -> {
            out.writeCharSequence("half a line", StandardCharsets.UTF_8);
            if (line instanceof Integer number && number == 2) {
                throw new IllegalStateException("cannot format " + number);
            }
            out.writeCharSequence(" number " + line, StandardCharsets.UTF_8);
        };
        try (ConsoleWriter writer = new ConsoleWriter(new PrintStream(written, true, StandardCharsets.UTF_8), format)) {
            writer.println(1);
            writer.println(2); // must not throw into the room that reports it
            writer.println("[LEAVE] 유저1");
            writer.println(3);
        }
        assertThat(written.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("half a line number 1", "[LEAVE] 유저1", "half a line number 3");
    }
}
