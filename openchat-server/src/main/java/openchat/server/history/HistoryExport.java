package openchat.server.history;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import openchat.core.RoomNames;
import openchat.core.StoredMessage;
import openchat.server.config.Sentence;

/**
 * A data directory's stored messages read from outside the server, for an operator ({@code openchat history export}):
 * what a member said last night, a room's log to keep. It opens {@value HistoryDatabase#FILE_NAME} read-only and
 * takes no lock, so it runs beside a running server (the file is in WAL mode: a reader sees the last commit and never
 * holds the writer up). With no server running it leaves no file behind, whoever runs it; beside a running server it
 * uses the server's {@code -wal} and {@code -shm} (SQLite makes the {@code -shm} if a crashed server left a
 * {@code -wal} without it). Messages come as the
 * server stores them: a room's in its order, each once; what expired or was cut by retention is not there.
 */
public final class HistoryExport implements AutoCloseable {
    private static final String SELECT_CHUNKS =
            "SELECT room_key, room, messages FROM chunks WHERE ?1 IS NULL OR room_key = ?1 ORDER BY room_key, first_seq";

    /** SQLite's open flags: read-only, and a file name that is a URI (for {@code mode=ro}, {@code immutable=1}). */
    private static final int SQLITE_OPEN_READONLY = 0x1;

    private static final int SQLITE_OPEN_URI = 0x40;

    private final Path file;
    private final Connection connection;

    private HistoryExport(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens the history in {@code dataDir} for reading, or says for a person why it cannot: no database there, one
     * this user may not read (the service's data directory is its user's alone, mode 700), one that is not openchat's
     * or is damaged, or of a schema this openchat does not read (an older one: start the server once, which converts
     * it).
     */
    public static HistoryExport open(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(HistoryDatabase.FILE_NAME);
        if (denied(file)) {
            throw new HistoryUnavailableException(Sentence.of("history.export.denied", file), null);
        }
        if (!Files.isRegularFile(file)) {
            throw new HistoryUnavailableException(Sentence.of("history.export.noDatabase", file), null);
        }
        // Without a WAL file beside it, no server has the file open (a server that stopped closed it cleanly): read it
        // as immutable, which makes no -wal and -shm files (a read-only connection would, owned by whoever runs the
        // export, and leave them). With one, the server runs, or crashed: read through the WAL it left, which holds
        // the last commits.
        boolean walBeside = Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
        Properties properties = new Properties();
        properties.setProperty("open_mode", String.valueOf(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI));
        String uri = "file:" + file.toUri().getRawPath() + (walBeside ? "?mode=ro" : "?immutable=1");
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + uri, properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                    int schema = version.next() ? version.getInt(1) : 0;
                    if (schema != HistoryDatabase.SCHEMA_VERSION) {
                        throw new HistoryUnavailableException(
                                Sentence.of(
                                        schema < HistoryDatabase.SCHEMA_VERSION
                                                ? "history.export.schemaOlder"
                                                : "history.export.schemaNewer",
                                        file,
                                        schema,
                                        HistoryDatabase.SCHEMA_VERSION),
                                null);
                    }
                }
            }
            connection.setAutoCommit(false); // one read transaction: one snapshot of every room
            return new HistoryExport(file, connection);
        } catch (SQLException e) {
            close(connection, e);
            throw unreadable(file, e);
        } catch (RuntimeException e) {
            close(connection, e);
            throw e;
        }
    }

    /**
     * Hands {@code out} the stored messages of {@code room} (any spelling of its name; null: every room), rooms in the
     * order of their keys and each room's messages oldest first, leaving out those said before {@code since} (null:
     * none left out).
     */
    public void each(String room, Instant since, Consumer<StoredMessage> out) {
        try (PreparedStatement select = connection.prepareStatement(SELECT_CHUNKS)) {
            select.setString(1, room == null ? null : RoomNames.key(room));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<StoredMessage> messages = MessageChunk.decode(
                            rows.getString(1), rows.getString(2), rows.getBytes(3), Long.MIN_VALUE, Long.MAX_VALUE);
                    for (StoredMessage message : messages) {
                        if (since == null || !message.at().toInstant().isBefore(since)) {
                            out.accept(message);
                        }
                    }
                }
            }
        } catch (SQLException | IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Whether this user may not read {@code file}: a directory on its way it may not enter (then the file looks absent
     * to {@link Files#isRegularFile}, which is no reason to say there is no database), or the file itself.
     */
    private static boolean denied(Path file) {
        try {
            Files.readAttributes(file, BasicFileAttributes.class);
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException e) {
            return false; // not there, or not to be told apart here: said as no database
        }
        return !Files.isReadable(file);
    }

    private static HistoryUnavailableException unreadable(Path file, Exception e) {
        return new HistoryUnavailableException(Sentence.of("history.export.unreadable", file, e.getMessage()), e);
    }

    @Override
    public void close() {
        close(connection, null);
    }

    private static void close(Connection connection, Exception failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
