package openchat.server.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Secrets the server makes for itself (the administrator key, a self-signed TLS key): its owner's alone. */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /** Makes {@code dir} and its missing parents, the new ones {@code rwx------} where the file system has modes. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Writes {@code bytes} as the new file {@code file}, {@code rw-------}: written whole under a name of its own,
     * then given {@code file}'s name in one step that fails if the name is taken, so that a server starting at the
     * same moment reads either no file or a whole one, never half of one. {@link FileAlreadyExistsException} when
     * {@code file} exists.
     */
    public static void createWhole(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path written = isPosix(dir)
                ? Files.createTempFile(
                        dir,
                        "." + file.getFileName(),
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(written, bytes);
            try {
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException raced) {
                throw raced;
            } catch (IOException | UnsupportedOperationException noHardLinks) {
                Files.move(written, file); // without hard links: still whole when it appears, not replacing one
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /**
     * {@code path}'s permissions, as {@code ls -l} shows them ({@code rwxr-xr-x}), when its group or others have any:
     * they may read the secret, or enter the directory. Empty when only the owner has, or the file system keeps no
     * POSIX permissions, or {@code path} cannot be read.
     */
    public static Optional<String> openPermissions(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            boolean open = permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
            return open ? Optional.of(PosixFilePermissions.toString(permissions)) : Optional.empty();
        } catch (UnsupportedOperationException | IOException notPosix) {
            return Optional.empty();
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
