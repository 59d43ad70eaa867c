package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** How the stores' connections to a real SQLite file are set up. */
class SqliteFilesTest {
    @TempDir
    Path dir;

    @Test
    void anInsertIsNotFollowedByAQueryForItsGeneratedKey() throws Exception {
        try (Connection connection = SqliteFiles.connect(dir.resolve("keys.db"), Duration.ofSeconds(1));
                Statement statement = connection.createStatement()) {
            assertThat(connection
                            .unwrap(SQLiteConnection.class)
                            .getConnectionConfig()
                            .isGetGeneratedKeys())
                    .as("the driver's SELECT last_insert_rowid() after every INSERT, which nothing here reads")
                    .isFalse();
            statement.execute("CREATE TABLE t (x INTEGER)");
            statement.executeUpdate("INSERT INTO t VALUES (1)");
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.next()).isFalse();
            }
        }
    }

    @Test
    void aConnectionWaitsTheBusyTimeoutForAnotherOnesLock() throws Exception {
        try (Connection connection = SqliteFiles.connect(dir.resolve("busy.db"), Duration.ofMillis(1234));
                Statement statement = connection.createStatement();
                ResultSet timeout = statement.executeQuery("PRAGMA busy_timeout")) {
            assertThat(timeout.next()).isTrue();
            assertThat(timeout.getInt(1)).isEqualTo(1234);
        }
    }
}
