package openchat.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret that proves the administrator. Created on first start (256 random bits as 64 hex digits,
 * file mode 600, folder mode 700); compared in constant time; never printed or logged ({@link #toString}
 * names only the file). A running server reads the file again on SIGHUP ({@link #load}): that is how the key is
 * rotated.
 */
public final class AdminKey {
    private static final int KEY_BYTES = 32;
    private static final int MIN_KEY_LENGTH = 32;

    private final Path file;
    private final byte[] digest;
    /** The file's POSIX permissions when group or others have any, as {@code ls} shows them; else null. */
    private final String openPermissions;
    /** Whether this load made the file: a new key, which the start says apart from one that was there. */
    private final boolean created;

    /** {@code read}, as the file it was read from was made just now. */
    private AdminKey(AdminKey read, boolean created) {
        this.file = read.file;
        this.digest = read.digest;
        this.openPermissions = read.openPermissions;
        this.created = created;
    }

    private AdminKey(Path file, String key, String openPermissions, boolean created) {
        this.file = file;
        this.digest = sha256(key);
        this.openPermissions = openPermissions;
        this.created = created;
    }

    /**
     * Reads the key in {@code file}, creating the file (and its missing directories) with a new random key when it
     * does not exist; {@link #created} says which, so that a mistyped path is not taken silently for the key.
     */
    public static AdminKey loadOrCreate(Path file) throws IOException {
        boolean created = false;
        if (!Files.exists(file)) {
            try {
                create(file);
                created = true;
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first; read theirs.
            } catch (java.nio.file.AccessDeniedException e) {
                throw new StartRefusal(Sentence.of("start.adminKeyCreate.denied", file), e);
            } catch (java.nio.file.NoSuchFileException e) {
                Path dir = file.toAbsolutePath().getParent();
                throw new StartRefusal(
                        Files.isDirectory(dir)
                                ? Sentence.of("start.adminKeyCreate.notHere", file, dir) // /proc, a read-only mount
                                : Sentence.of("start.adminKeyCreate.noDirectory", file, dir),
                        e);
            } catch (IOException e) { // the temporary file's name in the message would mislead: say the key file's
                throw new StartRefusal(
                        Sentence.of(
                                "start.adminKeyCreate.other", file, e.getClass().getSimpleName()),
                        e);
            }
        }
        AdminKey key = load(file);
        return created ? new AdminKey(key, true) : key;
    }

    /**
     * Reads the key in {@code file}, which must exist: how SIGHUP reads a replaced key. The StartRefusal names the
     * file and what is wrong with it (missing, a directory, unreadable, not one key).
     */
    public static AdminKey load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new StartRefusal(Sentence.of("start.adminKey.directory", file));
        }
        String key;
        try {
            key = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StartRefusal(Sentence.of("start.adminKey.missing", file), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StartRefusal(Sentence.of("start.adminKey.denied", file), e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new StartRefusal(Sentence.of("start.adminKeyShort", file, MIN_KEY_LENGTH), e);
        } catch (IOException e) { // the JDK's words ("Is a directory") would not say which file
            throw new StartRefusal(Sentence.of("start.adminKey.other", file, e.getMessage()), e);
        }
        if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
            throw new StartRefusal(Sentence.of("start.adminKeyShort", file, MIN_KEY_LENGTH));
        }
        return new AdminKey(file, key, OwnerOnlyFiles.openPermissions(file).orElse(null), false);
    }

    private static void create(Path file) throws IOException {
        OwnerOnlyFiles.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        OwnerOnlyFiles.createWhole(file, (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code presented} is the key; time does not depend on where the two differ. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    public Path file() {
        return file;
    }

    /**
     * Whether {@link #loadOrCreate} made the file just now, with a new key: on a first start, or for a path that
     * names no file (a typo), which the start line says so that it is not taken for the key that was meant.
     */
    public boolean created() {
        return created;
    }

    /**
     * The file's permissions ({@code rw-r--r--}) when its group or others have any: anyone they let read it can
     * be the administrator. Empty when only the owner has, or the file system keeps no POSIX permissions.
     */
    public Optional<String> openPermissions() {
        return Optional.ofNullable(openPermissions);
    }

    @Override
    public String toString() {
        return "AdminKey[" + file + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
