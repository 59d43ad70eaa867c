package openchat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the administrator's key is kept and how it is read. The key itself is never printed or logged; only
 * the file is named.
 */
final class AdminKeyFile {
    private AdminKeyFile() {
    }

    /**
     * {@code $HOME/.openchat/admin.key}, HOME taken from {@code environment} (as the shell sees it), and
     * {@code userHome} (the JVM's {@code user.home}) only when HOME is unset.
     */
    static Path defaultPath(Map<String, String> environment, String userHome) {
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            home = userHome;
        }
        return Path.of(home, ".openchat", "admin.key");
    }

    /** The key in {@code file}, white space around it trimmed. */
    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /**
     * True when {@code key} can be sent as a header value: not empty, one word of visible characters. The
     * server decides whether it is the right key.
     */
    static boolean isPlausible(String key) {
        return !key.isEmpty() && key.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }
}
