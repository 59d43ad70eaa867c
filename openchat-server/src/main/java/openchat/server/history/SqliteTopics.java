package openchat.server.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import openchat.core.ChatEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each room's topic as last set, in a table of the history database ({@value HistoryDatabase#FILE_NAME}) on a
 * connection of its own, as the bans are: a topic is rare (flood-controlled) and written at once, on the setter's
 * thread, and read when a room is made. A topic that cannot be written (a full disk) holds while the room does, and
 * the log says so.
 *
 * <p>Only the topics of the last {@code emptiedKept} rooms that emptied are kept ({@code HistoryStore.roomEmptied}):
 * each row's {@code emptied} is null while its room exists, else a number that grows with each room that empties,
 * and the rows with the lowest are deleted past that many. At open no room exists: every row is taken as emptied then.
 */
final class SqliteTopics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteTopics.class);

    /**
     * Kept beside the chunks; older servers, which do not know it, leave it alone (and write rows whose {@code
     * emptied} is null, taken as emptied at the next open).
     */
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS topics (room_key TEXT PRIMARY KEY,"
            + " room TEXT NOT NULL, topic TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL, emptied INTEGER)";

    private final Path file;
    /** Guarded by this: a JDBC connection serves one thread at a time. */
    private final Connection connection;

    private final int emptiedKept;

    private SqliteTopics(Path file, Connection connection, int emptiedKept) {
        this.file = file;
        this.connection = connection;
        this.emptiedKept = emptiedKept;
    }

    /**
     * Opens the table in the database {@code file}, creating it when missing (or adding {@code emptied} to one an
     * older server made), takes every room as emptied, and forgets the topics past the last {@code emptiedKept}.
     */
    static SqliteTopics open(Path file, Duration busyTimeout, int emptiedKept) throws SQLException {
        Connection connection = SqliteFiles.connect(file, busyTimeout);
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            if (!SqliteFiles.hasColumn(statement, "topics", "emptied")) {
                statement.execute("ALTER TABLE topics ADD COLUMN emptied INTEGER");
            }
            statement.execute("CREATE INDEX IF NOT EXISTS topics_by_emptied ON topics (emptied)");
            SqliteTopics topics = new SqliteTopics(file, connection, emptiedKept);
            statement.executeUpdate(
                    "UPDATE topics SET emptied = (SELECT COALESCE(MAX(emptied), 0) + 1 FROM topics) WHERE emptied IS NULL");
            topics.forgetPastTheKept();
            return topics;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The room's topic, or null when none is kept (or it cannot be read, which the log says). Read as the room is
     * made: the topic is the room's again, and not forgotten while it exists.
     */
    synchronized ChatEvent.Topic topic(String roomKey) {
        ChatEvent.Topic kept;
        boolean emptied;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT room, topic, by_name, at, emptied FROM topics WHERE room_key = ?")) {
            select.setString(1, roomKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                kept = new ChatEvent.Topic(
                        row.getString(1),
                        row.getString(3),
                        OffsetDateTime.parse(row.getString(4)),
                        0,
                        row.getString(2));
                row.getLong(5);
                emptied = !row.wasNull();
            }
        } catch (SQLException | RuntimeException e) {
            log.error(
                    "could not read the topic of {} from {}: {}; the room starts without one",
                    roomKey,
                    file,
                    e.getMessage());
            return null;
        }
        // Marked once the read is over. Written while the select's read transaction was open, the update had to turn it
        // into a write transaction, which SQLite refuses at once (SQLITE_BUSY, no busy timeout waited) when another
        // connection (the history writer) has committed since the read began: trial 10 saw it once at a restart, as the
        // members coming back made their rooms while the writer wrote their first lines.
        if (emptied) {
            markInUse(roomKey);
        }
        return kept;
    }

    /** Keeps {@code topic} as the room's; an empty text forgets it. */
    synchronized void keep(String roomKey, ChatEvent.Topic topic) {
        try {
            if (topic.topic().isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM topics WHERE room_key = ?")) {
                    delete.setString(1, roomKey);
                    delete.executeUpdate();
                }
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO topics (room_key, room, topic, by_name, at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, roomKey);
                insert.setString(2, topic.room());
                insert.setString(3, topic.topic());
                insert.setString(4, topic.by());
                insert.setString(5, topic.at().toString());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            log.error(
                    "could not write the topic of {} to {}: {}; it holds until the room empties or the server stops",
                    roomKey,
                    file,
                    e.getMessage());
        }
    }

    /** The room emptied: its topic, if one is kept, is the newest of the emptied rooms', and the oldest past them go. */
    synchronized void roomEmptied(String roomKey) {
        try {
            if (setEmptied(roomKey, true)) {
                forgetPastTheKept();
            }
        } catch (SQLException e) {
            log.error("could not note in {} that {} emptied: {}", file, roomKey, e.getMessage());
        }
    }

    /**
     * Marks the room's topic as its room's again, no longer an emptied one's. A mark that cannot be written (the
     * database busy past its timeout under load) loses nothing but the mark: the room still gets its topic, which at
     * worst may be forgotten among the emptied rooms' later, as if the room had emptied again.
     */
    private void markInUse(String roomKey) {
        try {
            setEmptied(roomKey, false);
        } catch (SQLException e) {
            log.warn("could not mark the topic of {} in {} as its room's again: {}", roomKey, file, e.getMessage());
        }
    }

    /** Marks the room's topic, if one is kept, as its room's (null) or as the last emptied; whether one is kept. */
    private boolean setEmptied(String roomKey, boolean emptied) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                emptied
                        ? "UPDATE topics SET emptied = (SELECT COALESCE(MAX(emptied), 0) + 1 FROM topics) WHERE room_key = ?"
                        : "UPDATE topics SET emptied = NULL WHERE room_key = ?")) {
            update.setString(1, roomKey);
            return update.executeUpdate() > 0;
        }
    }

    /** Deletes the topics of the rooms that emptied longest ago past the last {@link #emptiedKept}. */
    private void forgetPastTheKept() throws SQLException {
        long emptied;
        try (Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM topics WHERE emptied IS NOT NULL")) {
            emptied = row.next() ? row.getLong(1) : 0;
        }
        if (emptied <= emptiedKept) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM topics WHERE rowid IN (SELECT rowid"
                + " FROM topics WHERE emptied IS NOT NULL ORDER BY emptied, rowid LIMIT ?)")) {
            delete.setLong(1, emptied - emptiedKept);
            delete.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the topics' connection to {}: {}", file, e.getMessage());
        }
    }
}
