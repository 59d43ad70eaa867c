package openchat.core;

import java.nio.file.Path;

/**
 * Where openchat keeps its files unless told otherwise: {@code $HOME/.openchat}, holding the administrator's
 * key (read by the server and by the administrator's client on the same machine) and the server's history.
 */
public final class OpenchatHome {
    private OpenchatHome() {}

    /**
     * {@code $HOME/.openchat}. HOME is read from the environment as every Unix tool does (Java's
     * {@code user.home} ignores it); {@code user.home} is only the fallback when HOME is unset.
     */
    public static Path directory() {
        return home().resolve(".openchat");
    }

    /** The user's home: {@code $HOME}, or {@code user.home} when HOME is unset (what {@code ~} stands for). */
    public static Path home() {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home);
    }

    /** {@code $HOME/.openchat/admin.key}. */
    public static Path adminKeyFile() {
        return directory().resolve("admin.key");
    }
}
