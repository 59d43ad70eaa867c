package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import openchat.core.ChatEvent;
import openchat.core.HistoryAge;
import openchat.core.HistoryStore;
import openchat.core.PersistentHistoryStoreContract;
import openchat.core.StoredMessage;
import openchat.server.history.SqliteHistoryStore.WriteSettings;
import openchat.server.testing.CapturedLog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryStoreTest extends PersistentHistoryStoreContract {
    /** A write waits this long for a lock another connection holds, so that lock tests fail writes quickly. */
    private static final Duration SHORT_BUSY_TIMEOUT = Duration.ofMillis(20);
    /** The default writer, but for {@link #SHORT_BUSY_TIMEOUT}. */
    private static final WriteSettings IMPATIENT = new WriteSettings(
            500,
            Duration.ofMillis(50),
            100_000,
            10_000,
            Duration.ofSeconds(1),
            SHORT_BUSY_TIMEOUT,
            WriteSettings.DEFAULT.walQuiet());

    @TempDir
    Path dataDir;

    @Override
    protected HistoryStore open(int maxPerRoom, HistoryAge age) {
        return SqliteHistoryStore.open(dataDir, maxPerRoom, age);
    }

    /**
     * The contract again with a commit every few messages and the WAL emptied after 20 ms without one: reads then race
     * the writer's commits and the WAL's emptying far more often.
     */
    @Nested
    class WithTinyBatches extends PersistentHistoryStoreContract {
        @Override
        protected HistoryStore open(int maxPerRoom, HistoryAge age) {
            return SqliteHistoryStore.open(
                    dataDir,
                    maxPerRoom,
                    age,
                    new WriteSettings(
                            8,
                            Duration.ofMillis(1),
                            100_000,
                            10_000,
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5),
                            Duration.ofMillis(20)));
        }
    }

    @Test
    void theDataDirectoryIsCreatedForItsOwnerWithAWalDatabaseOfTheCurrentSchema() throws Exception {
        Path nested = dataDir.resolve("var/openchat");

        SqliteHistoryStore.open(nested, 100).close();

        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                    .isEqualTo("rwx------");
        }
        try (Connection connection = connect(nested)) {
            assertThat(queryString(connection, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(queryString(connection, "PRAGMA user_version")).isEqualTo("2");
        }
    }

    @Test
    void theDatabaseAndItsWalAndShmAreTheOwnersAloneInADirectoryOthersMayRead() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView("posix"));
        Path shared = Files.createDirectory(dataDir.resolve("var-lib-openchat"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (SqliteHistoryStore store = SqliteHistoryStore.open(shared, 100)) {
            messages("lobby", 1, 50).forEach(store::append);
            store.flush();

            for (String name : List.of("history.db", "history.db-wal", "history.db-shm")) {
                Path file = shared.resolve(name);
                assertThat(file).as(name).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(name + ", whatever the umask")
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                .as("a directory that exists keeps its mode: the server warns of it instead")
                .isEqualTo("rwxr-xr-x");
    }

    /**
     * A copy of the data directory taken while the store runs is what a {@code kill -9} leaves behind: the database
     * and its write-ahead log as last committed, and a lock file nobody holds.
     */
    @Test
    void aCrashLosesOnlyWhatWasNotYetCommitted(@TempDir Path crashed) throws Exception {
        WriteSettings lingering = new WriteSettings(
                500,
                Duration.ofMinutes(10),
                100_000,
                10_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                WriteSettings.DEFAULT.walQuiet());
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, lingering)) {
            messages("lobby", 1, 100).forEach(store::append);
            store.flush();
            messages("lobby", 101, 110).forEach(store::append);
            assertThat(store.lastSeq("lobby")).isEqualTo(110);

            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path file : files.toList()) {
                    Files.copy(file, crashed.resolve(file.getFileName()));
                }
            }
        }

        try (SqliteHistoryStore recovered = SqliteHistoryStore.open(crashed, 1000)) {
            assertThat(recovered.latest("lobby", 1000)).containsExactlyElementsOf(messages("lobby", 1, 100));
            assertThat(recovered.lastSeq("lobby"))
                    .as("past 101-110, which clients saw before the crash lost them")
                    .isEqualTo(100 + SqliteHistoryStore.numbersSkippedAfterACrash(1000));
            assertThat(recovered.numbersSkippedAtOpen())
                    .as("what the console says the numbers skipped")
                    .isEqualTo(SqliteHistoryStore.numbersSkippedAfterACrash(1000));
        }
        try (SqliteHistoryStore closedCleanly = SqliteHistoryStore.open(dataDir, 1000)) {
            assertThat(closedCleanly.lastSeq("lobby"))
                    .as("after a close, numbers go on without a gap")
                    .isEqualTo(110);
            assertThat(closedCleanly.numbersSkippedAtOpen()).isZero();
        }
    }

    @Test
    void aMarkCommittedBeforeACrashIsKeptSoNoNumberIsGivenTwice(@TempDir Path crashed) throws Exception {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000)) {
            messages("lobby", 1, 10).forEach(store::append);
            store.mark("lobby", 12); // a join and a leave after the last message
            store.mark("quiet", 3); // a room where nobody spoke
            store.flush();

            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path file : files.toList()) {
                    Files.copy(file, crashed.resolve(file.getFileName()));
                }
            }
        }

        try (SqliteHistoryStore recovered = SqliteHistoryStore.open(crashed, 1000)) {
            assertThat(recovered.lastSeq("lobby")).isEqualTo(12 + SqliteHistoryStore.numbersSkippedAfterACrash(1000));
            assertThat(recovered.lastSeq("quiet")).isEqualTo(3 + SqliteHistoryStore.numbersSkippedAfterACrash(1000));
            assertThat(recovered.latest("lobby", 1000)).containsExactlyElementsOf(messages("lobby", 1, 10));
        }
    }

    @Test
    void numbersGoOnAfterACrashThatFollowsTheExpiryOfARoomsNewestMessages(@TempDir Path crashed) throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        HistoryAge tenSeconds = HistoryAge.of(Duration.ofSeconds(10), Clock.systemUTC());
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, tenSeconds)) {
            for (long seq = 1; seq <= 5; seq++) {
                store.append(messageAt("lobby", seq, longAgo));
            }
            store.flush();
            try (Connection connection = connect(dataDir)) {
                // A sweep (every second at this age) deletes the room's every chunk, its newest included.
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(queryString(connection, "SELECT count(*) FROM chunks"))
                                .isEqualTo("0"));
            }

            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path file : files.toList()) {
                    Files.copy(file, crashed.resolve(file.getFileName()));
                }
            }
        }
        try (Connection connection = connect(crashed)) {
            assertThat(queryString(connection, "SELECT count(*) FROM chunks")).isEqualTo("0");
        }

        try (SqliteHistoryStore recovered = SqliteHistoryStore.open(crashed, 1000, tenSeconds)) {
            assertThat(recovered.lastSeq("lobby"))
                    .as("not handed out again")
                    .isEqualTo(5 + SqliteHistoryStore.numbersSkippedAfterACrash(1000));
            assertThat(recovered.latest("lobby", 10)).isEmpty();
        }
    }

    @Test
    void aSecondStoreOnTheSameDataDirectoryIsRefusedUntilTheFirstCloses() {
        SqliteHistoryStore first = SqliteHistoryStore.open(dataDir, 100);

        assertThatThrownBy(() -> SqliteHistoryStore.open(dataDir, 100))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessage("another openchat server (process "
                        + ProcessHandle.current().pid() + ") is using the data directory " + dataDir
                        + " (openchat.lock is locked)");

        first.append(message("lobby", 1));
        first.close();
        try (SqliteHistoryStore second = SqliteHistoryStore.open(dataDir, 100)) {
            assertThat(second.lastSeq("lobby")).isEqualTo(1);
        }
    }

    @Test
    void aDataDirectoryLockedByAnotherProcessIsRefusedNamingThatProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo(LockHolder.LOCKED);

            assertThatThrownBy(() -> SqliteHistoryStore.open(dataDir, 100))
                    .isInstanceOf(HistoryUnavailableException.class)
                    .hasMessage("another openchat server (process " + holder.pid() + ") is using the data directory "
                            + dataDir + " (openchat.lock is locked)");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        SqliteHistoryStore.open(dataDir, 100).close();
    }

    /** Tests run as root, whom permissions do not stop: a regular file in the path stops everyone. */
    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        Path wanted = file.resolve("data");

        assertThatThrownBy(() -> SqliteHistoryStore.open(wanted, 100))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessage(
                        "cannot write to the data directory " + wanted + ": " + file + " is a file, not a directory");
    }

    /** Linux's /proc takes no new directory and says "no such file": that is not "does not exist" of the directory. */
    @Test
    void aDataDirectoryWhereNoneCanBeMadeIsRefusedAsOneThatCannotBeMade() {
        Path wanted = Path.of("/proc/openchat-no-such-dir");

        assertThatThrownBy(() -> SqliteHistoryStore.open(wanted, 100))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessage("cannot use the data directory " + wanted + ": " + wanted + " cannot be made or found");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> SqliteHistoryStore.open(file, 100))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessage("cannot write to the data directory " + file + ": it is a file, not a directory");
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndLeftAsItIs(@TempDir Path movedAway) throws IOException {
        Path database = dataDir.resolve("history.db");
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(database, garbage);

        assertThatThrownBy(() -> SqliteHistoryStore.open(dataDir, 100))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessage("the history database " + database + " is damaged (file is not a database); it was"
                        + " left as it is: restore a backup of it, or " + HistoryDatabase.MOVE_IT_AWAY);

        assertThat(Files.readAllBytes(database)).isEqualTo(garbage);
        Files.move(database, movedAway.resolve("history.db"));
        try (SqliteHistoryStore fresh = SqliteHistoryStore.open(dataDir, 100)) {
            assertThat(fresh.lastSeq("lobby")).isZero();
        }
    }

    @Test
    void aDamagedDatabaseIsReportedAndLeftAsItIs() throws IOException {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 10_000)) {
            messages("lobby", 1, 2_000).forEach(store::append);
        }
        Path database = dataDir.resolve("history.db");
        // The second page (the page size is in the header, big-endian, at offset 16) in garbage.
        int pageSize = ByteBuffer.wrap(Files.readAllBytes(database), 16, 2).getShort() & 0xffff;
        byte[] garbage = new byte[pageSize];
        new Random(42).nextBytes(garbage);
        try (FileChannel file = FileChannel.open(database, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(garbage), pageSize);
        }
        byte[] damaged = Files.readAllBytes(database);

        assertThatThrownBy(() -> SqliteHistoryStore.open(dataDir, 10_000))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageStartingWith("the history database " + database + " is damaged (")
                .hasMessageEndingWith(
                        "); it was left as it is: restore a backup of it, or " + HistoryDatabase.MOVE_IT_AWAY);

        assertThat(Files.readAllBytes(database)).isEqualTo(damaged);
    }

    /**
     * A database as openchat wrote it before schema 2 (chunks {@code WITHOUT ROWID}, in format 1) is converted when
     * opened: its history, its marks and its seqs stay, and new chunks join the old ones.
     */
    @Test
    void aDatabaseOfSchemaOneIsConvertedKeepingItsHistoryAndACopyOfTheFileAsItWas() throws Exception {
        try (Connection old = connect(dataDir)) {
            execute(old, "PRAGMA page_size = 16384");
            execute(old, "PRAGMA journal_mode = WAL");
            execute(
                    old,
                    """
                    CREATE TABLE chunks (
                        room_key  TEXT NOT NULL,
                        first_seq INTEGER NOT NULL,
                        last_seq  INTEGER NOT NULL,
                        room      TEXT NOT NULL,
                        messages  BLOB NOT NULL,
                        PRIMARY KEY (room_key, first_seq)
                    ) WITHOUT ROWID""");
            execute(
                    old,
                    """
                    CREATE TABLE rooms (
                        room_key TEXT NOT NULL PRIMARY KEY,
                        last_seq INTEGER NOT NULL
                    ) WITHOUT ROWID""");
            execute(old, "PRAGMA user_version = 1");
            try (PreparedStatement insert = old.prepareStatement("INSERT INTO chunks VALUES (?, ?, ?, ?, ?)")) {
                for (List<StoredMessage> chunk : List.of(messages("lobby", 1, 60), messages("lobby", 61, 100))) {
                    insert.setString(1, "lobby");
                    insert.setLong(2, chunk.get(0).seq());
                    insert.setLong(3, chunk.get(chunk.size() - 1).seq());
                    insert.setString(4, "lobby");
                    insert.setBytes(5, MessageChunkTest.formatOne(chunk));
                    insert.executeUpdate();
                }
            }
            execute(old, "INSERT INTO rooms VALUES ('quiet', 7)");
        }

        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000)) {
            assertThat(store.latest("lobby", 1000)).containsExactlyElementsOf(messages("lobby", 1, 100));
            assertThat(store.lastSeq("lobby")).isEqualTo(100);
            assertThat(store.lastSeq("quiet")).isEqualTo(7);
            Path backup = store.convertedBackup().orElseThrow();
            assertThat(backup.getFileName().toString()).startsWith("history.db.schema1-");
            assertThat(backup.getParent()).isEqualTo(dataDir.toAbsolutePath().normalize());
            try (Connection kept = DriverManager.getConnection("jdbc:sqlite:" + backup)) {
                assertThat(queryString(kept, "PRAGMA user_version"))
                        .as("the file as it was, before the conversion")
                        .isEqualTo("1");
                assertThat(queryString(kept, "SELECT count(*) FROM chunks")).isEqualTo("2");
            }
            if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                        .isEqualTo("rw-------");
            }

            messages("lobby", 101, 150).forEach(store::append);
            store.flush();
            assertThat(store.before("lobby", 121, 40)).containsExactlyElementsOf(messages("lobby", 81, 120));
        }

        try (Connection connection = connect(dataDir)) {
            assertThat(queryString(connection, "PRAGMA user_version")).isEqualTo("2");
            assertThat(queryString(connection, "SELECT sql FROM sqlite_schema WHERE name = 'chunks'"))
                    .doesNotContain("WITHOUT ROWID");
            assertThat(queryString(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'chunks_1'"))
                    .isEqualTo("0");
        }
        try (SqliteHistoryStore reopened = SqliteHistoryStore.open(dataDir, 1000)) {
            assertThat(reopened.latest("lobby", 1000)).containsExactlyElementsOf(messages("lobby", 1, 150));
            assertThat(reopened.lastSeq("quiet")).isEqualTo(7);
            assertThat(reopened.convertedBackup()).as("converted once").isEmpty();
        }
    }

    @Test
    void messagesFollowedByJoinsAreStillReadAfterARestartAndRoomsOfJoinsAloneReadNothing() {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000)) {
            messages("lobby", 1, 5).forEach(store::append);
            store.mark("lobby", 9); // four joins and leaves took numbers after the messages
            store.mark("quiet", 3); // a room nobody has spoken in
        }
        try (SqliteHistoryStore reopened = SqliteHistoryStore.open(dataDir, 1000)) {
            reopened.mark("lobby", 12);
            assertThat(reopened.latest("lobby", 50)).containsExactlyElementsOf(messages("lobby", 1, 5));
            assertThat(reopened.after("lobby", 3, 50)).containsExactlyElementsOf(messages("lobby", 4, 5));
            assertThat(reopened.after("lobby", 5, 50)).isEmpty();
            assertThat(reopened.latest("quiet", 50)).isEmpty();

            reopened.append(message("quiet", 4));
            assertThat(reopened.latest("quiet", 50)).containsExactly(message("quiet", 4));
            assertThat(reopened.lastSeq("lobby")).isEqualTo(12);
        }
    }

    @Test
    void retentionKeepsTheNewestHundredOfAThousandInTheDatabaseToo() throws SQLException {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100)) {
            messages("lobby", 1, 1_000).forEach(store::append);
            store.flush();

            assertThat(store.latest("lobby", 1_000)).containsExactlyElementsOf(messages("lobby", 901, 1_000));
            assertThat(store.lastSeq("lobby")).isEqualTo(1_000);
            try (Connection connection = connect(dataDir)) {
                // Whole chunks go: none is left that holds only messages older than the newest hundred.
                assertThat(queryString(connection, "SELECT count(*) FROM chunks WHERE last_seq <= 900"))
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void aRunningStoreDeletesExpiredMessagesFromTheDatabaseWithinASweepInterval() throws SQLException {
        HistoryAge tenSeconds = HistoryAge.of(Duration.ofSeconds(10), Clock.systemUTC());
        assertThat(tenSeconds.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100, tenSeconds)) {
            Instant now = Instant.now();
            store.append(messageAt("lobby", 1, now.minus(Duration.ofHours(2))));
            store.append(messageAt("lobby", 2, now.minus(Duration.ofHours(1))));
            store.append(messageAt("fresh", 1, now.plus(Duration.ofHours(1))));
            store.flush();
            assertThat(store.latest("lobby", 10)).isEmpty();

            try (Connection connection = connect(dataDir)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                                queryString(connection, "SELECT count(*) FROM chunks WHERE room_key = 'lobby'"))
                        .isEqualTo("0"));
                assertThat(queryString(connection, "SELECT count(*) FROM chunks WHERE room_key = 'fresh'"))
                        .isEqualTo("1");
            }
            assertThat(store.lastSeq("lobby")).isEqualTo(2);
        }
    }

    @Test
    void tenThousandAppendsTakeTheWriterFewTransactions() {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 10_000)) {
            messages("lobby", 1, 10_000).forEach(store::append);
            store.flush();

            assertThat(store.commits()).isBetween(1L, 199L);
            assertThat(store.latest("lobby", 10_000)).containsExactlyElementsOf(messages("lobby", 1, 10_000));
        }
    }

    /**
     * A room made again while the database is busy past its timeout (another program holding the write lock, or the
     * writer under load) still gets the topic it had: only the mark that the topic is its room's again is lost.
     */
    @Test
    void anEmptiedRoomsTopicComesBackWhileTheDatabaseIsBusy() throws SQLException {
        try (CapturedLog log = new CapturedLog("openchat.server.history");
                SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, IMPATIENT);
                Connection other = connect(dataDir)) {
            store.keepTopic(
                    "study",
                    new ChatEvent.Topic(
                            "study", "유저1", java.time.OffsetDateTime.parse("2026-12-06T08:00Z"), 0, "기말고사"));
            store.roomEmptied("study");
            execute(other, "BEGIN IMMEDIATE");

            ChatEvent.Topic kept = store.topic("study");

            assertThat(kept)
                    .as("the topic, read while another holds the write lock")
                    .isNotNull();
            assertThat(kept.topic()).isEqualTo("기말고사");
            assertThat(log.messages(Level.WARN))
                    .anyMatch(message -> message.contains("could not mark the topic of study"));
            execute(other, "ROLLBACK");
        }
    }

    /** Another program holding the database's write lock makes every write fail until it lets go. */
    @Test
    void aFailingWriteIsLoggedOnceAndRetriedUntilItSucceeds() throws SQLException {
        try (CapturedLog log = new CapturedLog("openchat.server.history");
                SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, IMPATIENT);
                Connection other = connect(dataDir)) {
            execute(other, "BEGIN IMMEDIATE");
            messages("lobby", 1, 10).forEach(store::append);

            assertThat(store.writable()).as("before any write fails").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.failedWrites() >= 3);
            assertThat(store.writable())
                    .as("while writes fail: /healthz says so")
                    .isFalse();
            assertThat(store.latest("lobby", 100)).containsExactlyElementsOf(messages("lobby", 1, 10));
            assertThat(log.messages(Level.ERROR))
                    .singleElement()
                    .asString()
                    .contains("cannot write 10 history messages to " + dataDir.resolve("history.db"))
                    .contains("SQLITE_BUSY");

            execute(other, "ROLLBACK");
            store.flush();
            assertThat(log.messages(Level.INFO)).anyMatch(message -> message.contains("work again"));
            assertThat(store.writable()).as("once a write succeeds again").isTrue();
        }
        try (SqliteHistoryStore reopened = SqliteHistoryStore.open(dataDir, 1000)) {
            assertThat(reopened.latest("lobby", 100)).containsExactlyElementsOf(messages("lobby", 1, 10));
        }
    }

    /**
     * A store whose database holds message 1 and may grow two pages more: SQLite's page limit, read by each writer
     * connection as it opens from {@code pages} (set here; raise it to give the disk room again). A write past it
     * fails with SQLITE_FULL, as on a full disk.
     */
    private SqliteHistoryStore onANearlyFullDisk(java.util.concurrent.atomic.AtomicLong pages) throws SQLException {
        try (SqliteHistoryStore first = SqliteHistoryStore.open(dataDir, 100_000)) {
            first.append(message("lobby", 1));
        }
        try (Connection connection = connect(dataDir)) {
            pages.set(Long.parseLong(queryString(connection, "PRAGMA page_count")) + 2);
        }
        WriteSettings quick = new WriteSettings(
                50,
                Duration.ofMillis(5),
                100_000,
                10_000,
                Duration.ofSeconds(1),
                SHORT_BUSY_TIMEOUT,
                WriteSettings.DEFAULT.walQuiet());
        return SqliteHistoryStore.open(dataDir, 100_000, HistoryAge.forever(), quick, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA max_page_count = " + pages.get());
            }
        });
    }

    /**
     * The disk fills up (SQLite's own SQLITE_FULL, made here by a limit on the database's pages that each writer
     * connection reads as it opens), then has room again: the writes that failed meanwhile are written, nothing is
     * lost, and the store says it is writable again. Before, one SQLITE_FULL left the writer's connection stuck for
     * good ("statement is not executing"), and everything said until the server stopped was lost.
     */
    @Test
    void afterTheDiskFilledUpAndHasRoomAgainTheWaitingMessagesAreWrittenAndNoneIsLost() throws SQLException {
        java.util.concurrent.atomic.AtomicLong pages = new java.util.concurrent.atomic.AtomicLong();
        try (CapturedLog log = new CapturedLog("openchat.server.history");
                SqliteHistoryStore store = onANearlyFullDisk(pages)) {
            messages("lobby", 2, 3_000).forEach(store::append); // two pages' worth, and far more
            await().atMost(Duration.ofSeconds(30)).until(() -> store.failedWrites() >= 2);
            assertThat(store.writable()).as("while the disk is full").isFalse();
            assertThat(log.messages(Level.ERROR)).anyMatch(message -> message.contains("SQLITE_FULL"));

            pages.set(1_000_000); // room again
            await().atMost(Duration.ofSeconds(30)).until(store::writable);
            store.flush();

            assertThat(log.messages(Level.INFO)).anyMatch(message -> message.contains("work again"));
            assertThat(store.droppedMessages()).isZero();
            assertThat(log.messages(Level.ERROR))
                    .as("no attempt stuck on the broken connection")
                    .noneMatch(message -> message.contains("statement is not executing"));
        }
        try (SqliteHistoryStore reopened = SqliteHistoryStore.open(dataDir, 100_000)) {
            assertThat(reopened.latest("lobby", 5_000)).containsExactlyElementsOf(messages("lobby", 1, 3_000));
        }
    }

    /** A store closed while its disk is still full says how many messages it could not write: lost, and counted. */
    @Test
    void messagesTheFullDiskStillCouldNotTakeAtTheCloseAreCountedAsLost() throws SQLException {
        SqliteHistoryStore store = onANearlyFullDisk(new java.util.concurrent.atomic.AtomicLong());
        try (CapturedLog log = new CapturedLog("openchat.server.history")) {
            messages("lobby", 2, 3_000).forEach(store::append);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.failedWrites() >= 1);

            store.close();

            assertThat(store.lostAtClose()).isPositive().isLessThanOrEqualTo(2_999);
            assertThat(log.messages(Level.ERROR))
                    .anyMatch(
                            message -> message.equals(store.lostAtClose() + " history messages could not be written to "
                                    + dataDir.toAbsolutePath().normalize().resolve("history.db") + " and are lost"));
        }
    }

    /**
     * The writer's commits do not checkpoint (past SQLite's own interval, 1,000 pages or 8 MiB, nothing is copied into
     * the database file yet); once the writer has written the store's interval (32 MiB), the checkpointer's thread
     * copies the WAL into the database file, while the store goes on.
     */
    @Test
    void theWalIsCopiedIntoTheDatabaseOnceTheWriterHasWrittenTheCheckpointInterval() throws Exception {
        Path database = dataDir.resolve(HistoryDatabase.FILE_NAME);
        Path wal = dataDir.resolve(HistoryDatabase.FILE_NAME + "-wal");
        String text = "x".repeat(400);
        OffsetDateTime sent = OffsetDateTime.parse("2026-12-07T12:00:00+09:00");
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1_000_000)) {
            for (long seq = 1; seq <= 30_000; seq++) {
                store.append(new StoredMessage("lobby", "lobby", seq, "alice", sent, text + seq));
            }
            store.flush();
            assertThat(Files.size(wal)).as("the WAL").isGreaterThan(10L << 20);
            assertThat(Files.size(database)).as("the database file").isLessThan(1L << 20);

            for (long seq = 30_001; seq <= 90_000; seq++) {
                store.append(new StoredMessage("lobby", "lobby", seq, "alice", sent, text + seq));
            }
            store.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(database) > (20L << 20));
            assertThat(store.latest("lobby", 1).get(0).seq()).isEqualTo(90_000);
        }
    }

    /**
     * Once the writer has committed nothing for {@code walQuiet}, the WAL is copied into the database and its file cut
     * to nothing, so that a burst of chat does not leave a WAL file of its largest size for the rest of the server's
     * life. Here a read holds it up first (another program's transaction, begun before the messages were written):
     * the WAL keeps them until that read ends, then it is emptied, and every message is read back from the database.
     */
    @Test
    void theWalFileIsEmptiedOnceTheWriterIsQuietAndAReadHoldingItUpHasEnded() throws Exception {
        Path wal = dataDir.resolve(HistoryDatabase.FILE_NAME + "-wal");
        WriteSettings quick = new WriteSettings(
                500,
                Duration.ofMillis(5),
                100_000,
                10_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofMillis(50));
        String text = "x".repeat(400);
        OffsetDateTime sent = OffsetDateTime.parse("2026-12-08T01:00:00+09:00");
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100_000, quick);
                Connection other = connect(dataDir)) {
            other.setAutoCommit(false);
            queryString(other, "SELECT count(*) FROM chunks"); // its snapshot: before the messages below
            for (long seq = 1; seq <= 5_000; seq++) {
                store.append(new StoredMessage("lobby", "lobby", seq, "alice", sent, text + seq));
            }
            store.flush();
            assertThat(Files.size(wal)).as("the WAL, while the read holds it").isGreaterThan(1L << 20);

            other.commit(); // the read ends
            await("the WAL file emptied").atMost(Duration.ofSeconds(20)).until(() -> Files.size(wal) == 0);
            assertThat(store.latest("lobby", 5_000))
                    .extracting(StoredMessage::seq)
                    .as("every message, now read from the database file")
                    .hasSize(5_000)
                    .startsWith(1L)
                    .endsWith(5_000L);

            store.append(new StoredMessage("lobby", "lobby", 5_001, "bob", sent, "after the WAL was emptied"));
            store.flush();
            assertThat(Files.size(wal)).as("written again").isGreaterThan(0);
            assertThat(store.latest("lobby", 1).get(0).text()).isEqualTo("after the WAL was emptied");
        }
    }

    /**
     * A writer that is working but behind (here its commit waits for another program's lock, well within the busy
     * timeout) is waited for once {@code maxBehind} messages wait: the appending thread is held back and every
     * message is stored, none dropped, though five times the queue's limit were appended meanwhile.
     */
    @Test
    void aWriterBehindButWorkingHoldsAppendsBackRatherThanDropHistory() throws Exception {
        WriteSettings tight = new WriteSettings(
                10,
                Duration.ofMillis(1),
                100,
                40,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                WriteSettings.DEFAULT.walQuiet());
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, tight);
                Connection other = connect(dataDir)) {
            execute(other, "BEGIN IMMEDIATE");
            Thread appender = new Thread(() -> messages("lobby", 1, 500).forEach(store::append), "appender");
            appender.start();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> store.appendsHeld() > 0);
            assertThat(appender.isAlive())
                    .as("held back while the writer is behind")
                    .isTrue();
            assertThat(store.droppedMessages()).isZero();

            execute(other, "ROLLBACK");
            appender.join(Duration.ofSeconds(30).toMillis());
            assertThat(appender.isAlive()).isFalse();
            store.flush();

            assertThat(seqs(store.latest("lobby", 1000))).isEqualTo(range(1, 500));
            assertThat(store.droppedMessages()).isZero();
        }
    }

    /**
     * While the writer cannot write, at most {@code maxQueued} messages wait besides the batch it holds; the oldest
     * waiting ones are dropped, counted in the log, and never show up in reads.
     */
    @Test
    void pastTheQueueLimitTheOldestUnwrittenMessagesAreDroppedAndCounted() throws SQLException {
        WriteSettings small = new WriteSettings(
                10,
                Duration.ofMillis(50),
                100,
                100,
                Duration.ofSeconds(1),
                SHORT_BUSY_TIMEOUT,
                WriteSettings.DEFAULT.walQuiet());
        List<Long> kept;
        try (CapturedLog log = new CapturedLog("openchat.server.history");
                SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 1000, small);
                Connection other = connect(dataDir)) {
            execute(other, "BEGIN IMMEDIATE");
            messages("lobby", 1, 300).forEach(store::append);
            List<Long> readWhileFailing = seqs(store.latest("lobby", 1000));

            execute(other, "ROLLBACK");
            store.flush();

            kept = seqs(store.latest("lobby", 1000));
            assertThat(kept).isEqualTo(readWhileFailing).containsAll(range(201, 300));
            List<Long> retried = kept.subList(0, kept.size() - 100);
            assertThat(retried).hasSizeLessThanOrEqualTo(10);
            if (!retried.isEmpty()) {
                assertThat(retried)
                        .isEqualTo(range(retried.get(0), retried.get(retried.size() - 1)))
                        .allMatch(seq -> seq <= 200);
            }
            assertThat(store.lastSeq("lobby")).isEqualTo(300);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(droppedCounts(log))
                    .as("dropped counts logged")
                    .isEqualTo(300L - kept.size()));
        }
        try (SqliteHistoryStore reopened = SqliteHistoryStore.open(dataDir, 1000)) {
            assertThat(seqs(reopened.latest("lobby", 1000))).isEqualTo(kept);
        }
    }

    @Test
    void appendingAfterCloseIsRefused() {
        SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100);
        store.close();

        assertThatThrownBy(() -> store.append(message("lobby", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theTopicsAnOlderServerKeptAreTakenAsEmptiedRoomsAndOnlyTheLastAreKept() throws Exception {
        SqliteHistoryStore.open(dataDir, 100).close(); // the database, then its topics as an older server kept them
        int kept = openchat.core.CoreConfig.EMPTIED_ROOM_TOPICS;
        try (Connection older = connect(dataDir)) {
            execute(older, "DROP TABLE topics");
            execute(
                    older,
                    "CREATE TABLE topics (room_key TEXT PRIMARY KEY, room TEXT NOT NULL, topic TEXT NOT NULL,"
                            + " by_name TEXT NOT NULL, at TEXT NOT NULL)");
            older.setAutoCommit(false);
            try (PreparedStatement insert = older.prepareStatement("INSERT INTO topics VALUES (?, ?, ?, '유저1', ?)")) {
                for (int i = 0; i <= kept + 9; i++) { // ten more than are kept, the oldest written first
                    insert.setString(1, "r" + i);
                    insert.setString(2, "r" + i);
                    insert.setString(3, "topic " + i);
                    insert.setString(4, "2026-01-01T12:00+09:00");
                    insert.executeUpdate();
                }
            }
            older.commit();
        }

        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100)) {
            assertThat(store.topic("r9")).as("past the last kept").isNull();
            assertThat(store.topic("r10").topic()).isEqualTo("topic 10");
            assertThat(store.topic("r" + (kept + 9)).topic()).isEqualTo("topic " + (kept + 9));
        }
        try (Connection after = connect(dataDir);
                Statement statement = after.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM topics")) {
            assertThat(count.next()).isTrue();
            assertThat(count.getInt(1))
                    .as("deleted from the file, not only left out")
                    .isEqualTo(kept);
        }
    }

    private static Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getString(1);
        }
    }

    /** The sum of the counts in the history writer's "dropped" errors. */
    private static long droppedCounts(CapturedLog log) {
        return log.events().stream()
                .filter(e -> e.getMessage().contains("dropped"))
                .mapToLong(e -> (Long) e.getArgumentArray()[1])
                .sum();
    }

    /** Run in another JVM: locks the data directory named by its argument, says so, and holds it until its input ends. */
    public static final class LockHolder {
        static final String LOCKED = "locked";

        public static void main(String[] args) throws IOException {
            try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
                System.out.println(LOCKED);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Holding the lock until the test closes our input.
                }
            }
        }
    }
}
