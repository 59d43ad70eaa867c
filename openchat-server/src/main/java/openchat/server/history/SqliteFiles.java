package openchat.server.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/** Opens a connection to one of the data directory's SQLite files, as every store here wants it. */
final class SqliteFiles {
    private SqliteFiles() {}

    /**
     * Makes {@code file} an empty file its owner alone may read and write ({@code rw-------}) when it does not exist,
     * before SQLite opens it: SQLite would create it with the process's umask (usually {@code rw-r--r--}), and gives
     * the {@code -wal} and {@code -shm} files it makes beside it the database file's mode. SQLite takes an empty file
     * as a new database. A file that exists keeps its mode.
     */
    static void createForOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)
                || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            // made between the check and here: SQLite opens it as it is
        }
    }

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

    /** Whether {@code table} has {@code column}: a table an older server made may lack one added since. */
    static boolean hasColumn(Statement statement, String table, String column) throws SQLException {
        try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (column.equals(columns.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
