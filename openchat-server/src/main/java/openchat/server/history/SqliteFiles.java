package openchat.server.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/** Opens a connection to one of the data directory's SQLite files, as every store here wants it. */
final class SqliteFiles {
    private SqliteFiles() {}

    /**
     * A connection to {@code file} that waits up to {@code busyTimeout} for another connection's lock. The driver's
     * generated keys are off: with them on, every {@code INSERT} is followed by a {@code SELECT last_insert_rowid()}
     * prepared anew, which no store here reads (6 % of the history writer's time at closed-5).
     */
    static Connection connect(Path file, Duration busyTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return connection;
    }
}
