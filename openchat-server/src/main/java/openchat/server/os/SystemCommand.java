package openchat.server.os;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of util-linux's small commands ({@code chrt}, {@code renice}) for what Java has no call for, its output
 * discarded. Failing is never an error here: the caller carries on as it was, and a debug line says why.
 */
final class SystemCommand {
    private static final Logger log = LoggerFactory.getLogger(SystemCommand.class);
    private static final long TIMEOUT_SECONDS = 5;

    private SystemCommand() {}

    /** Runs {@code command}; true when it ran and exited 0. {@code unchanged} says what stays as it was otherwise. */
    static boolean run(List<String> command, String unchanged) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.debug("{}: {} did not finish", unchanged, command.get(0));
                return false;
            }
            if (process.exitValue() != 0) {
                log.debug("{}: {} exited with {}", unchanged, command.get(0), process.exitValue());
                return false;
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("{}: {}", unchanged, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
