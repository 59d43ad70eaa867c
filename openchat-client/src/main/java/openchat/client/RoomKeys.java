package openchat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import openchat.core.RoomKey;
import openchat.core.RoomNames;

/**
 * The keys of registered rooms this client was given ({@code /방등록}) or shown ({@code /열쇠}), kept so that it shows
 * them by itself on CONNECT and JOIN, and an owner whose connection dropped is the owner again when it comes back
 * (docs/PROTOCOL.md, "Registered rooms"). One file for every server, {@code $HOME/.openchat/room-keys}, mode 600 as
 * the administrator key (its folder 700 when this client makes it): whoever reads a key may take the room. A line per
 * key, {@code SERVER TAB ROOM TAB KEY}: the server as {@code host:port} ({@code [::1]:3000}), the room by its key
 * ({@link RoomNames#key}, as the server compares rooms). The file is read at each use and written whole, so that two
 * clients of one person do not lose each other's keys. A file that cannot be read keeps no key; one that cannot be
 * written is said so by the caller.
 */
final class RoomKeys {
    /** The file's name in the user's openchat folder. */
    static final String FILE_NAME = "room-keys";

    private static final String HEADER =
            "# openchat: the keys of registered rooms (server, room, key). Whoever has a key may take its room.";

    /** A room key as {@link RoomKey#generate} writes it: base32's letters and digits, in lower case. */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z2-7]{" + RoomKey.LENGTH + "}");
    /** What {@link #meantAsKey} takes for a key, if perhaps mistyped. */
    private static final Pattern MEANT_AS_KEY = Pattern.compile("[A-Za-z0-9]{" + RoomKey.LENGTH / 2 + ",}");

    private final Path file;
    private final String server;
    /**
     * Keys the server refused that the file could not be made to forget (it cannot be written): not shown again while
     * this client runs. By room key.
     */
    private final Map<String, String> refused = new HashMap<>();

    RoomKeys(Path file, String host, int port) {
        this.file = file;
        String lower = host.toLowerCase(Locale.ROOT);
        this.server = (lower.indexOf(':') >= 0 && !lower.startsWith("[") ? "[" + lower + "]" : lower) + ":" + port;
    }

    Path file() {
        return file;
    }

    /**
     * {@code typed} as a room key, stripped and in lower case as the server reads it ({@link RoomKey#hash}); empty when
     * it cannot be one (cut short, mistyped, or something else pasted): no room's key, and not worth sending.
     */
    /**
     * Whether {@code typed}, after a room's name, was meant as its key, if perhaps mistyped: one word of Latin letters
     * and digits, at least half a key long. {@code 토론} in {@code /입장 사진 토론} was meant as part of the room's name.
     */
    static boolean meantAsKey(String typed) {
        return MEANT_AS_KEY.matcher(typed.strip()).matches();
    }

    static Optional<String> wellFormed(String typed) {
        String key = typed.strip().toLowerCase(Locale.ROOT);
        return WELL_FORMED.matcher(key).matches() ? Optional.of(key) : Optional.empty();
    }

    /** The key kept for {@code room} on this server, if any. */
    synchronized Optional<String> keyOf(String room) {
        String roomKey = RoomNames.key(room);
        for (String line : lines()) {
            String[] entry = entry(line);
            if (entry != null && entry[0].equals(server) && entry[1].equals(roomKey)) {
                return Optional.of(entry[2]).filter(key -> !key.equals(refused.get(roomKey)));
            }
        }
        return Optional.empty();
    }

    /**
     * The server, as another name of this one's port ({@code localhost:3000} for {@code 127.0.0.1:3000}), under which a
     * key is kept for {@code room} when none is kept under this server's: it may be this server, or another one, so the
     * key is not shown; the person may use it. The first such server in the file.
     */
    synchronized Optional<String> elsewhere(String room) {
        String roomKey = RoomNames.key(room);
        String port = server.substring(server.lastIndexOf(':'));
        for (String line : lines()) {
            String[] entry = entry(line);
            if (entry != null && !entry[0].equals(server) && entry[0].endsWith(port) && entry[1].equals(roomKey)) {
                return Optional.of(entry[0]);
            }
        }
        return Optional.empty();
    }

    /** The host of a server as {@link #elsewhere} gives it, as {@code --host} takes it ({@code ::1} for {@code [::1]:3000}). */
    static String host(String server) {
        String host = server.substring(0, server.lastIndexOf(':'));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Keeps {@code key} for {@code room} on this server, in place of any kept before. */
    synchronized void keep(String room, String key) throws IOException {
        String roomKey = RoomNames.key(room);
        refused.remove(roomKey);
        List<String> lines = without(roomKey);
        lines.add(server + "\t" + roomKey + "\t" + key.strip());
        write(lines);
    }

    /**
     * Forgets the key kept for {@code room} on this server: the server refused it (the room has a new key, or is no
     * longer registered), or its registration was dropped. A file that cannot be written forgets it while this client
     * runs. True when a key was kept.
     */
    synchronized boolean forget(String room) {
        Optional<String> kept = keyOf(room);
        if (kept.isEmpty()) {
            return false;
        }
        try {
            write(without(RoomNames.key(room)));
        } catch (IOException e) {
            refused.put(RoomNames.key(room), kept.get());
        }
        return true;
    }

    /** The file's lines but this server's entry for {@code roomKey}; the header first when the file had none. */
    private List<String> without(String roomKey) {
        List<String> kept = new ArrayList<>();
        for (String line : lines()) {
            String[] entry = entry(line);
            if (entry == null || !(entry[0].equals(server) && entry[1].equals(roomKey))) {
                kept.add(line);
            }
        }
        if (kept.isEmpty() || !kept.get(0).startsWith("#")) {
            kept.add(0, HEADER);
        }
        return kept;
    }

    /** A line's server, room and key; null for a comment, a blank line or one that is not an entry. */
    private static String[] entry(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        String[] parts = line.split("\t", -1);
        return parts.length == 3 && !parts[2].isBlank() ? parts : null;
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException | RuntimeException unreadable) {
            return List.of(); // a file that cannot be read keeps no key: the client joins without one
        }
    }

    /**
     * Writes the file whole, mode 600, under a name of its own first and then in place of the old in one step, so that
     * a client reading it meanwhile reads the old or the new one; makes its folder (700) when it is missing.
     */
    private void write(List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path written = posix
                ? Files.createTempFile(
                        dir,
                        "." + FILE_NAME,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
        try {
            Files.write(written, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
