package openchat.server.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import openchat.core.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite file behind the history: opening it safely, its schema, and the statements the writer and the readers
 * run. Two connections: one the writer thread alone uses, one the readers share under a lock. In WAL mode they do not
 * block each other, and a read transaction started after a commit sees it.
 *
 * <p>Opening never changes a file it cannot use: it reads the header and checks the pages before it switches the
 * journal mode or creates a table, so a damaged or foreign file is reported and left byte for byte as it was.
 */
final class HistoryDatabase implements AutoCloseable {
    static final String FILE_NAME = "history.db";
    /** {@code PRAGMA user_version} of the schema below; a newer file is refused rather than misread. */
    static final int SCHEMA_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(HistoryDatabase.class);

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE messages (
                room_key TEXT NOT NULL,     -- RoomNames.key: the room's identity
                room     TEXT NOT NULL,     -- the room's name as shown
                seq      INTEGER NOT NULL,  -- the message's number in its room
                sender   TEXT NOT NULL,
                sent_at  TEXT NOT NULL,     -- ISO-8601 with the offset it was sent with: 2024-05-17T21:04:05.123+09:00
                body     TEXT NOT NULL,
                PRIMARY KEY (room_key, seq)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE rooms (
                room_key TEXT NOT NULL PRIMARY KEY,
                last_seq INTEGER NOT NULL   -- the highest seq ever written: retention deletes messages, not this
            ) WITHOUT ROWID""",
            "PRAGMA user_version = " + SCHEMA_VERSION);

    /** A message whose (room, seq) is already stored is a retried write: the stored one stays. */
    private static final String INSERT_MESSAGE = "INSERT INTO messages (room_key, room, seq, sender, sent_at, body)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String RAISE_LAST_SEQ = "INSERT INTO rooms (room_key, last_seq) VALUES (?, ?)"
            + " ON CONFLICT (room_key) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)";
    private static final String ENFORCE_RETENTION = "DELETE FROM messages WHERE room_key = ?"
            + " AND seq <= (SELECT last_seq FROM rooms WHERE room_key = ?) - ?";
    private static final String SELECT_LAST_SEQ = "SELECT last_seq FROM rooms WHERE room_key = ?";
    private static final String SELECT_RANGE = "SELECT room, seq, sender, sent_at, body FROM messages"
            + " WHERE room_key = ? AND seq > ? AND seq <= ? ORDER BY seq %s LIMIT ?";

    private final Path file;
    private final int maxPerRoom;
    private final Connection writer;
    private final PreparedStatement insertMessage;
    private final PreparedStatement raiseLastSeq;
    private final PreparedStatement enforceRetention;
    /** Guarded by itself: a JDBC connection serves one thread at a time. */
    private final Connection reader;

    private HistoryDatabase(Path file, int maxPerRoom, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.maxPerRoom = maxPerRoom;
        this.writer = writer;
        this.reader = reader;
        this.insertMessage = writer.prepareStatement(INSERT_MESSAGE);
        this.raiseLastSeq = writer.prepareStatement(RAISE_LAST_SEQ);
        this.enforceRetention = writer.prepareStatement(ENFORCE_RETENTION);
    }

    /** Opens (creating it when missing) {@value #FILE_NAME} in {@code dataDir}, or says why it cannot. */
    static HistoryDatabase open(Path dataDir, int maxPerRoom, Duration busyTimeout) {
        Path file = dataDir.resolve(FILE_NAME);
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(file, busyTimeout, opened);
            int version = checkUsable(writer, file);
            prepareForWriting(writer, file, version);
            Connection reader = connect(file, busyTimeout, opened);
            execute(reader, "PRAGMA query_only = ON");
            reader.setAutoCommit(false);
            return new HistoryDatabase(file, maxPerRoom, writer, reader);
        } catch (SQLException e) {
            closeAll(opened, e);
            throw unavailable(file, e);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static Connection connect(Path file, Duration busyTimeout, List<Connection> opened) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        opened.add(connection);
        execute(connection, "PRAGMA busy_timeout = " + busyTimeout.toMillis());
        return connection;
    }

    /**
     * Refuses, without writing anything, a file that is not a database, is damaged or has another schema; returns
     * its schema version, 0 for a new file.
     */
    private static int checkUsable(Connection connection, Path file) throws SQLException {
        int version = queryInt(connection, "PRAGMA user_version");
        try (Statement statement = connection.createStatement();
                ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
            while (check.next()) {
                String finding = check.getString(1);
                if (!"ok".equals(finding) && !finding.startsWith("***")) {
                    throw damaged(file, "quick_check: " + finding);
                }
            }
        }
        if (version > SCHEMA_VERSION) {
            throw new HistoryUnavailableException("the history database " + file + " has schema version " + version
                    + ", newer than this openchat knows (" + SCHEMA_VERSION + "); it was left as it is: use a newer"
                    + " openchat, or move it away to start with empty history");
        }
        if (version == 0 && queryInt(connection, "SELECT count(*) FROM sqlite_schema") > 0) {
            throw new HistoryUnavailableException("the history database " + file + " holds tables that are not"
                    + " openchat's; it was left as it is: move it away to start with empty history");
        }
        return version;
    }

    /** WAL (readers and the writer do not block each other), commits that do not wait for fsync, the schema. */
    private static void prepareForWriting(Connection connection, Path file, int version) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            if (mode.next() && !"wal".equalsIgnoreCase(mode.getString(1))) {
                log.warn(
                        "the history database {} cannot use WAL mode here (journal mode is {}): reads and writes"
                                + " will wait for each other",
                        file,
                        mode.getString(1));
            }
        }
        execute(connection, "PRAGMA synchronous = NORMAL");
        connection.setAutoCommit(false);
        if (version == 0) {
            for (String sql : SCHEMA) {
                execute(connection, sql);
            }
            connection.commit();
        }
    }

    Path file() {
        return file;
    }

    /** The highest seq ever written per room: what {@code lastSeq} starts from. */
    Map<String, Long> lastSeqs() {
        synchronized (reader) {
            Map<String, Long> lastSeqs = new HashMap<>();
            try (Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT room_key, last_seq FROM rooms")) {
                while (rows.next()) {
                    lastSeqs.put(rows.getString(1), rows.getLong(2));
                }
                reader.commit();
                return lastSeqs;
            } catch (SQLException e) {
                throw unreadable(e);
            }
        }
    }

    /**
     * Inserts {@code batch} and enforces retention for the rooms it touches, in one transaction: when it fails
     * nothing of it is written, and the caller may try the same batch again.
     */
    /**
     * Raises the rooms' last seqs to at least the given ones (events that are not stored take numbers too);
     * called once the writer has stopped, on its connection.
     */
    void raiseLastSeqs(Map<String, Long> lastSeqs) throws SQLException {
        try {
            for (Map.Entry<String, Long> room : lastSeqs.entrySet()) {
                raiseLastSeq.setString(1, room.getKey());
                raiseLastSeq.setLong(2, room.getValue());
                raiseLastSeq.executeUpdate();
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    void write(List<StoredMessage> batch) throws SQLException {
        Map<String, Long> newest = new LinkedHashMap<>();
        try {
            for (StoredMessage message : batch) {
                insertMessage.setString(1, message.roomKey());
                insertMessage.setString(2, message.room());
                insertMessage.setLong(3, message.seq());
                insertMessage.setString(4, message.from());
                insertMessage.setString(5, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(message.at()));
                insertMessage.setString(6, message.text());
                insertMessage.addBatch();
                newest.merge(message.roomKey(), message.seq(), Math::max);
            }
            insertMessage.executeBatch();
            for (Map.Entry<String, Long> room : newest.entrySet()) {
                raiseLastSeq.setString(1, room.getKey());
                raiseLastSeq.setLong(2, room.getValue());
                raiseLastSeq.executeUpdate();
                enforceRetention.setString(1, room.getKey());
                enforceRetention.setString(2, room.getKey());
                enforceRetention.setLong(3, maxPerRoom);
                enforceRetention.executeUpdate();
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            insertMessage.clearBatch();
        }
    }

    private void rollback(Exception failure) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * One snapshot of a room: its committed last seq, and its committed messages with
     * {@code lowExclusive < seq <= highInclusive}, the newest (or the oldest) {@code limit} of them, ascending.
     */
    Committed read(String roomKey, long lowExclusive, long highInclusive, int limit, boolean newest) {
        synchronized (reader) {
            try {
                long lastSeq;
                try (PreparedStatement select = reader.prepareStatement(SELECT_LAST_SEQ)) {
                    select.setString(1, roomKey);
                    try (ResultSet row = select.executeQuery()) {
                        lastSeq = row.next() ? row.getLong(1) : 0;
                    }
                }
                List<StoredMessage> messages = new ArrayList<>();
                String order = newest ? "DESC" : "ASC";
                try (PreparedStatement select = reader.prepareStatement(SELECT_RANGE.formatted(order))) {
                    select.setString(1, roomKey);
                    select.setLong(2, lowExclusive);
                    select.setLong(3, highInclusive);
                    select.setInt(4, limit);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            messages.add(new StoredMessage(
                                    roomKey,
                                    rows.getString(1),
                                    rows.getLong(2),
                                    rows.getString(3),
                                    OffsetDateTime.parse(rows.getString(4)),
                                    rows.getString(5)));
                        }
                    }
                }
                reader.commit();
                if (newest) {
                    Collections.reverse(messages);
                }
                return new Committed(lastSeq, messages);
            } catch (SQLException | DateTimeParseException e) {
                throw unreadable(e);
            }
        }
    }

    /** What one read transaction saw of a room. */
    record Committed(long lastSeq, List<StoredMessage> messages) {}

    /** Closes both connections; the writer thread must have stopped. SQLite checkpoints the WAL on the last close. */
    @Override
    public void close() {
        List<AutoCloseable> resources = List.of(insertMessage, raiseLastSeq, enforceRetention, writer);
        for (AutoCloseable resource : resources) {
            closeLogging(resource);
        }
        synchronized (reader) {
            closeLogging(reader);
        }
    }

    private void closeLogging(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("closing the history database {}: {}", file, e.getMessage());
        }
    }

    private HistoryUnavailableException unreadable(Exception e) {
        return new HistoryUnavailableException("cannot read the history database " + file + ": " + e.getMessage(), e);
    }

    private static HistoryUnavailableException unavailable(Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return damaged(file, "file is not a database");
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return damaged(file, "database disk image is malformed");
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new HistoryUnavailableException(
                    "the history database " + file + " is locked by another program: " + e.getMessage(), e);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || code == SQLiteErrorCode.SQLITE_READONLY.code
                || code == SQLiteErrorCode.SQLITE_PERM.code) {
            return new HistoryUnavailableException(
                    "cannot write to the history database " + file + ": " + e.getMessage(), e);
        }
        return new HistoryUnavailableException("cannot open the history database " + file + ": " + e.getMessage(), e);
    }

    private static HistoryUnavailableException damaged(Path file, String problem) {
        return new HistoryUnavailableException("the history database " + file + " is damaged (" + problem
                + "); it was left as it is: move it away to start with empty history");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static void closeAll(List<Connection> connections, Exception failure) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
