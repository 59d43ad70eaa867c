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
 */
final class SqliteTopics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteTopics.class);

    /** Kept beside the chunks; older servers, which do not know it, leave it alone. */
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS topics (room_key TEXT PRIMARY KEY,"
            + " room TEXT NOT NULL, topic TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL)";

    private final Path file;
    /** Guarded by this: a JDBC connection serves one thread at a time. */
    private final Connection connection;

    private SqliteTopics(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the table in the database {@code file}, creating it when missing. */
    static SqliteTopics open(Path file, Duration busyTimeout) throws SQLException {
        Connection connection = SqliteFiles.connect(file, busyTimeout);
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new SqliteTopics(file, connection);
    }

    /** The room's topic, or null when none is kept (or it cannot be read, which the log says). */
    synchronized ChatEvent.Topic topic(String roomKey) {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT room, topic, by_name, at FROM topics WHERE room_key = ?")) {
            select.setString(1, roomKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new ChatEvent.Topic(
                        row.getString(1),
                        row.getString(3),
                        OffsetDateTime.parse(row.getString(4)),
                        0,
                        row.getString(2));
            }
        } catch (SQLException | RuntimeException e) {
            log.error(
                    "could not read the topic of {} from {}: {}; the room starts without one",
                    roomKey,
                    file,
                    e.getMessage());
            return null;
        }
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

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the topics' connection to {}: {}", file, e.getMessage());
        }
    }
}
