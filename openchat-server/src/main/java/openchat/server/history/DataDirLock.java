package openchat.server.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import openchat.server.config.Sentence;

/**
 * The data directory, created when missing (for its owner only: it holds every room's history), and held
 * exclusively through an OS lock on {@value #LOCK_FILE} so that a second server cannot write into the same history.
 * The OS releases the lock when the process dies, so a crash never leaves the directory locked. The file holds the
 * holder's process id, so that a refused server can say which process holds the directory.
 */
final class DataDirLock implements AutoCloseable {
    static final String LOCK_FILE = "openchat.lock";

    /**
     * The lock files this JVM holds. Two stores in one JVM must be refused before the second opens the lock file at
     * all: on POSIX systems closing any channel to a file drops every lock the process holds on it (see
     * {@link FileLock}), so a refused second channel would silently unlock the first store's directory.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;

    private DataDirLock(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Creates {@code dataDir} if needed and locks it, or says in the exception why it cannot. */
    static DataDirLock acquire(Path dataDir) {
        createDirectory(dataDir);
        Path lockFile = realPath(dataDir).resolve(LOCK_FILE);
        if (!HELD.add(lockFile)) {
            throw inUse(dataDir, OptionalLong.of(ProcessHandle.current().pid()));
        }
        try {
            return lock(dataDir, lockFile);
        } catch (RuntimeException e) {
            HELD.remove(lockFile);
            throw e;
        }
    }

    private static DataDirLock lock(Path dataDir, Path lockFile) {
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(dataDir, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir, holder(channel)); // the channel is closed below, as on every failure
            }
            writePid(channel);
            return new DataDirLock(lockFile, channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel, e);
            throw inUse(dataDir, OptionalLong.empty());
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw cannotWrite(dataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static void createDirectory(Path dataDir) {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        if (Files.exists(dataDir)) {
            throw new HistoryUnavailableException(Sentence.of("start.dataDirIsFile", dataDir), null);
        }
        try {
            Path parent = dataDir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(
                        dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dataDir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dataDir)) {
                throw cannotWrite(dataDir, e);
            }
        } catch (IOException e) {
            throw cannotWrite(dataDir, e);
        }
    }

    private static Path realPath(Path dataDir) {
        try {
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw cannotWrite(dataDir, e);
        }
    }

    /** Writes this process's id over whatever the file held: the directory is this process's now. */
    private static void writePid(FileChannel channel) throws IOException {
        ByteBuffer pid = ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        channel.truncate(0);
        while (pid.hasRemaining()) {
            channel.write(pid, pid.position());
        }
        channel.force(false);
    }

    /**
     * The process id the holder wrote in the lock file, read through the refused channel itself (another channel's
     * closing would drop this process's locks on the file, were it holding any), or empty when the file holds none
     * (a holder that has not written it yet, or one that never does).
     */
    private static OptionalLong holder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(32);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static HistoryUnavailableException inUse(Path dataDir, OptionalLong holder) {
        Sentence why = holder.isPresent()
                ? Sentence.of("start.dataDirInUseBy", dataDir, LOCK_FILE, holder.getAsLong())
                : Sentence.of("start.dataDirInUse", dataDir, LOCK_FILE);
        return new HistoryUnavailableException(why, null);
    }

    /**
     * Why {@code dataDir} cannot be used, in words for a person and in the server's language: the JDK's messages
     * repeat the path and omit what it means. A directory that could not be made is said so: {@code mkdir} in
     * {@code /proc} fails with "no such file", which read as "does not exist" of a directory that was to be created.
     */
    static HistoryUnavailableException cannotWrite(Path dataDir, IOException e) {
        Sentence why;
        if (e instanceof AccessDeniedException) {
            why = Sentence.of("start.dataDirDenied", dataDir);
        } else if (e instanceof FileAlreadyExistsException exists) {
            why = Sentence.of("start.dataDirFileInTheWay", dataDir, exists.getFile());
        } else if (e instanceof NoSuchFileException missing) {
            why = Sentence.of("start.dataDirCannotMake", dataDir, missing.getFile());
        } else {
            why = Sentence.of(
                    "start.dataDirUnwritable",
                    dataDir,
                    e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage());
        }
        return new HistoryUnavailableException(why, e);
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Releases the lock; the file stays, so that the next server locks the same file rather than racing to make it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock even when it reports a failure, and the process ending would release it too.
        } finally {
            HELD.remove(lockFile);
        }
    }
}
