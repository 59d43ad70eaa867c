package openchat.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code openchat ARGS} as a real process on this JVM's classpath, for the tests that need one. */
final class OpenchatProcess {
    private OpenchatProcess() {}

    /** Starts it with HOME in {@code home} and its input closed; its stderr goes with its stdout. */
    static Process start(Path home, String... args) throws IOException {
        Process started = startWithInput(home, args);
        started.getOutputStream().close();
        return started;
    }

    /**
     * Starts it with HOME in {@code home} and its input a pipe the test holds open (a client reading lines, as from a
     * script); its stderr goes with its stdout.
     */
    static Process startWithInput(Path home, String... args) throws IOException {
        return start(List.of(), home, args);
    }

    /**
     * Starts it as {@link #start} does, held back by file permissions as an operator's own account is: as root (the
     * user the tests run as here), without the capabilities that let root read and enter any file and directory.
     */
    static Process startHeldBackByPermissions(Path home, String... args) throws IOException {
        List<String> prefix = "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search")
                : List.of();
        Process started = start(prefix, home, args);
        started.getOutputStream().close();
        return started;
    }

    private static Process start(List<String> prefix, Path home, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OpenchatCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        return builder.start();
    }
}
