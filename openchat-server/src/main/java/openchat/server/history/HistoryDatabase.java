package openchat.server.history;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import openchat.core.HistoryAge;
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
    /**
     * {@code PRAGMA user_version} of the schema below; a newer file is refused rather than misread. Version 2 (chunks
     * in a rowid table, {@link MessageChunk} format 2) reads version 1's chunks as they are and converts its table on
     * open (see {@link #MIGRATE_FROM_1}).
     */
    static final int SCHEMA_VERSION = 2;

    /**
     * The way out a refusal to open the database ends with: the file holds the bans and the rooms' topics too, which
     * an operator moving it away to start afresh loses with the messages.
     */
    static final String MOVE_IT_AWAY =
            "move it away (with its -wal file) to start afresh, without its messages, bans" + " and room topics";

    private static final Logger log = LoggerFactory.getLogger(HistoryDatabase.class);

    /**
     * An ordinary (rowid) table with its key as a separate index. Schema 1 made it {@code WITHOUT ROWID}, which stores
     * whole rows in the key's b-tree: SQLite recommends that only for rows under about a twentieth of a page, and with
     * chunks of tens of kilobytes it cost about 30 % more CPU per message than this (measured inserting the same 50 to
     * 80 KB blobs into both, retention deleting the oldest).
     */
    private static final String CREATE_CHUNKS =
            """
            CREATE TABLE chunks (
                room_key  TEXT NOT NULL,     -- RoomNames.key: the room's identity
                first_seq INTEGER NOT NULL,  -- the seq of its first message
                last_seq  INTEGER NOT NULL,  -- the seq of its last message
                room      TEXT NOT NULL,     -- the room's name as shown
                messages  BLOB NOT NULL,     -- one write batch of the room's messages (MessageChunk)
                PRIMARY KEY (room_key, first_seq)
            )""";

    private static final List<String> SCHEMA = List.of(
            CREATE_CHUNKS,
            """
            CREATE TABLE rooms (
                room_key TEXT NOT NULL PRIMARY KEY,
                last_seq INTEGER NOT NULL   -- the last seq at close, joins and leaves included (chunks: the rest)
            ) WITHOUT ROWID""",
            "PRAGMA user_version = " + SCHEMA_VERSION);

    /**
     * Schema 1 to 2, in one transaction with the version: the chunks move, blobs unchanged (format 1 stays readable),
     * into the rowid table. History is bounded by retention, so this copies at most a few megabytes per room.
     */
    private static final List<String> MIGRATE_FROM_1 = List.of(
            "ALTER TABLE chunks RENAME TO chunks_1",
            CREATE_CHUNKS,
            "INSERT INTO chunks (room_key, first_seq, last_seq, room, messages)"
                    + " SELECT room_key, first_seq, last_seq, room, messages FROM chunks_1",
            "DROP TABLE chunks_1",
            "PRAGMA user_version = " + SCHEMA_VERSION);

    /**
     * How much the writer writes to the WAL before {@link Checkpointer} copies it into the database, instead of
     * SQLite's 1000 pages (8 MiB at 8 KiB). A checkpoint copies every page changed since the last one once, however
     * often it changed; a busy room's history is a few megabytes whose pages retention keeps recycling, so a longer
     * interval copies them less often: 10 % fewer bytes written per message and 40 % fewer reads (counted with strace,
     * one room, 500-message chunks). Estimated by the writer from what it commits ({@link #write}).
     */
    private static final int CHECKPOINT_BYTES = 32 * 1024 * 1024;
    /**
     * Pages a commit writes besides its chunks' bytes, for the estimate of the WAL's growth: the table's leaf, the
     * rooms' row, the database header, a freelist page.
     */
    private static final int PAGES_PER_COMMIT = 4;
    /**
     * WAL frames past which the writer itself, after its next commit, copies what is left and starts the WAL over
     * (RESTART), two intervals' worth: a checkpoint that does not wait for the writer copies only what was committed
     * when it began, and under a steady stream of commits never catches up, so the WAL would grow for as long as the
     * stream lasts. The writer runs it between its own transactions, so it never waits for the write lock.
     */
    private static final int RESTART_AFTER_INTERVALS = 2;
    /** How long the writer waits for others' reads to let it start the WAL over before it leaves it for later. */
    private static final Duration RESTART_PATIENCE = Duration.ofMillis(100);

    /** A chunk whose (room, first seq) is already stored is a retried write: the stored one stays. */
    private static final String INSERT_CHUNK = "INSERT INTO chunks (room_key, first_seq, last_seq, room, messages)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String RAISE_LAST_SEQ = "INSERT INTO rooms (room_key, last_seq) VALUES (?, ?)"
            + " ON CONFLICT (room_key) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)";
    /**
     * Whole chunks go: one may keep a few messages past the cut, which reads leave out. Chunks do not overlap, so
     * the bound on first_seq (the key) keeps the search to the chunks that go and the one that straddles the cut.
     */
    private static final String ENFORCE_RETENTION =
            "DELETE FROM chunks WHERE room_key = ? AND first_seq <= ? AND last_seq <= ?";

    /**
     * A room's committed last seq: its newest chunk's (the writer does not touch rooms per batch, only marks at
     * close), or the marked one when higher.
     */
    private static final String SELECT_LAST_SEQ = "SELECT max("
            + "coalesce((SELECT last_seq FROM chunks WHERE room_key = ?1 ORDER BY first_seq DESC LIMIT 1), 0),"
            + " coalesce((SELECT last_seq FROM rooms WHERE room_key = ?1), 0))";

    private static final String SELECT_LAST_SEQS = "SELECT room_key, max(last_seq) FROM ("
            + "SELECT room_key, last_seq FROM rooms UNION ALL SELECT room_key, max(last_seq) FROM chunks GROUP BY room_key)"
            + " GROUP BY room_key";
    private static final String SELECT_LAST_MESSAGE_SEQS =
            "SELECT room_key, max(last_seq) FROM chunks GROUP BY room_key";
    private static final String SELECT_CHUNKS = "SELECT room, messages FROM chunks"
            + " WHERE room_key = ? AND last_seq > ? AND first_seq <= ? ORDER BY first_seq %s";

    /** A room's oldest chunk after a first seq: the age sweep walks a room's chunks one at a time, oldest first. */
    private static final String SELECT_OLDEST_CHUNK = "SELECT first_seq, last_seq, room, messages FROM chunks"
            + " WHERE room_key = ? AND first_seq > ? ORDER BY first_seq LIMIT 1";
    /** The chunks whose every message expired: those up to the newest chunk the sweep found expired. */
    private static final String DELETE_EXPIRED = "DELETE FROM chunks WHERE room_key = ? AND first_seq <= ?";

    /** The chunks holding any seq from the first to the last of a deletion's. */
    private static final String SELECT_CHUNKS_HOLDING = "SELECT first_seq, last_seq, room, messages FROM chunks"
            + " WHERE room_key = ? AND last_seq >= ? AND first_seq <= ? ORDER BY first_seq";

    private static final String DELETE_CHUNK = "DELETE FROM chunks WHERE room_key = ? AND first_seq = ?";

    private final Path file;
    private final int maxPerRoom;
    private final Duration busyTimeout;
    /** Run on every writer connection once it is set up: nothing, but in tests that make the database fill up. */
    private final WriterSetup writerSetup;
    /**
     * The writer thread's connection and statements; null after a failed write until the next one opens another
     * ({@link #write}). Only the writer thread touches it, and {@link #close} once that thread has stopped.
     */
    private Writing writing;

    private final MessageChunk.Encoder encoder = new MessageChunk.Encoder();
    /** Guarded by itself: a JDBC connection serves one thread at a time. */
    private final Connection reader;
    /** The checkpoints' own connection, guarded by itself: the {@link Checkpointer}'s thread, then {@link #close}. */
    private final Connection checkpointing;

    private final int pageSize;
    /** What the writer wrote to the WAL since it last asked for a checkpoint, estimated; the writer's thread only. */
    private long walBytesSinceCheckpoint;
    /** Set by a checkpoint that left the WAL over its limit: the writer starts it over after its next commit. */
    private volatile boolean walRestartWanted;
    /** The writer's commits so far: the {@link Checkpointer} tells from it that the writer has been quiet. */
    private final AtomicLong commits = new AtomicLong();
    /** {@link System#nanoTime} at the writer's last commit (at the open before one). */
    private volatile long lastCommitNanos = System.nanoTime();
    /**
     * The reads' statements, prepared once (guarded by {@link #reader}): every join reads its room's history, and
     * preparing the two queries anew took a third of the event loop's time per join.
     */
    private final PreparedStatement selectLastSeq;

    private final PreparedStatement selectChunksNewest;
    private final PreparedStatement selectChunksOldest;

    private HistoryDatabase(
            Path file,
            int maxPerRoom,
            Duration busyTimeout,
            WriterSetup writerSetup,
            Writing writing,
            Connection reader,
            Connection checkpointing,
            Path convertedFrom)
            throws SQLException {
        this.file = file;
        this.maxPerRoom = maxPerRoom;
        this.busyTimeout = busyTimeout;
        this.writerSetup = writerSetup;
        this.writing = writing;
        this.reader = reader;
        this.checkpointing = checkpointing;
        this.pageSize = queryInt(reader, "PRAGMA page_size");
        this.convertedFrom = convertedFrom;
        this.selectLastSeq = reader.prepareStatement(SELECT_LAST_SEQ);
        this.selectChunksNewest = reader.prepareStatement(SELECT_CHUNKS.formatted("DESC"));
        this.selectChunksOldest = reader.prepareStatement(SELECT_CHUNKS.formatted("ASC"));
    }

    /**
     * Opens (creating it when missing, {@code rw-------}) {@value #FILE_NAME} in {@code dataDir}, or says why it
     * cannot.
     */
    static HistoryDatabase open(Path dataDir, int maxPerRoom, Duration busyTimeout) {
        return open(dataDir, maxPerRoom, busyTimeout, WriterSetup.NONE);
    }

    /** {@link #open(Path, int, Duration)}, with {@code writerSetup} run on every writer connection. */
    static HistoryDatabase open(Path dataDir, int maxPerRoom, Duration busyTimeout, WriterSetup writerSetup) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            SqliteFiles.createForOwnerOnly(file); // and so its -wal and -shm: the rooms' history is no one else's
        } catch (IOException e) {
            throw DataDirLock.cannotWrite(dataDir, e);
        }
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(file, busyTimeout, opened);
            int version = checkUsable(writer, file);
            Path backup = prepareForWriting(writer, file, version);
            writerSetup.apply(writer);
            Writing writing = new Writing(writer);
            Connection reader = connect(file, busyTimeout, opened);
            execute(reader, "PRAGMA query_only = ON");
            reader.setAutoCommit(false);
            Connection checkpointing = connect(file, busyTimeout, opened);
            return new HistoryDatabase(
                    file, maxPerRoom, busyTimeout, writerSetup, writing, reader, checkpointing, backup);
        } catch (SQLException e) {
            closeAll(opened, e);
            throw unavailable(file, e);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static Connection connect(Path file, Duration busyTimeout, List<Connection> opened) throws SQLException {
        Connection connection = SqliteFiles.connect(file, busyTimeout);
        opened.add(connection);
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
                    + " openchat, or " + MOVE_IT_AWAY);
        }
        if (version == 0 && queryInt(connection, "SELECT count(*) FROM sqlite_schema") > 0) {
            throw new HistoryUnavailableException("the history database " + file + " holds tables that are not"
                    + " openchat's; it was left as it is: " + MOVE_IT_AWAY);
        }
        return version;
    }

    /**
     * WAL (readers and the writer do not block each other), commits that do not wait for fsync, the schema (created,
     * or converted from version 1). A new file gets 8 KiB pages. A commit writes whole pages to the WAL, and besides
     * the chunk's own pages it rewrites about five others (the file header, the freelist, the table's and the key's
     * b-tree pages, the leaf of the chunk that retention deleted), so smaller pages waste less; below 8 KiB the
     * larger number of pages costs more than that saves. With 500-message chunks of 100-byte texts a commit writes
     * about 100 KB at 8 KiB, 145 KB at 16 KiB (schema 1's size, which files created by then keep: the page size of a
     * file in WAL mode is fixed). Then the checkpoint interval, {@link #CHECKPOINT_BYTES}.
     */
    private static Path prepareForWriting(Connection connection, Path file, int version) throws SQLException {
        if (version == 0) {
            execute(connection, "PRAGMA page_size = 8192");
        }
        Path backup = null;
        if (version == 1) {
            // A copy of the file as it was, before it is converted (outside any transaction, as VACUUM INTO must be):
            // an operator who goes back to the openchat that wrote it has it, as ergo keeps one before it upgrades.
            backup = file.resolveSibling(file.getFileName() + ".schema1-"
                    + java.time.LocalDateTime.now().withNano(0).toString().replace(":", ""));
            try {
                SqliteFiles.createForOwnerOnly(backup); // empty, as VACUUM INTO takes it: the history is no one else's
            } catch (IOException e) {
                throw new SQLException("cannot make " + backup + ": " + e.getMessage(), e);
            }
            try (PreparedStatement copy = connection.prepareStatement("VACUUM INTO ?")) {
                copy.setString(1, backup.toString());
                copy.execute();
            }
        }
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
        configureWriter(connection);
        if (version == 0 || version == 1) {
            for (String sql : version == 0 ? SCHEMA : MIGRATE_FROM_1) {
                execute(connection, sql);
            }
            connection.commit();
            if (version == 1) {
                log.info(
                        "converted the history database {} from schema 1 to {}; the file as it was is kept as {}",
                        file,
                        SCHEMA_VERSION,
                        backup);
            }
        }
        return backup;
    }

    /**
     * What a writer connection needs besides the file's own settings (WAL, the schema), each time one is opened:
     * commits that do not wait for fsync, no checkpoints of its own ({@link Checkpointer} makes them), and
     * transactions the writer commits itself. While the writer is busy the WAL file keeps the largest size it reached
     * (twice the checkpoint interval and a little more, under a saturating load): cutting it back when it starts over
     * (SQLite's {@code journal_size_limit}) made the next commit take 80 ms instead of a fraction of one. It is cut
     * back once the writer has gone quiet ({@link #truncateWal}).
     */
    private static void configureWriter(Connection connection) throws SQLException {
        execute(connection, "PRAGMA synchronous = NORMAL");
        execute(connection, "PRAGMA wal_autocheckpoint = 0");
        connection.setAutoCommit(false);
    }

    /** A writer connection with its statements: one per database, replaced after a failed write. */
    private static final class Writing implements AutoCloseable {
        final Connection connection;
        final PreparedStatement insertChunk;
        final PreparedStatement raiseLastSeq;
        final PreparedStatement enforceRetention;
        final PreparedStatement selectOldestChunk;
        final PreparedStatement deleteExpired;
        final PreparedStatement selectChunksHolding;
        final PreparedStatement deleteChunk;

        /** Prepares the writer's statements on {@code connection}, which is set up for writing. */
        Writing(Connection connection) throws SQLException {
            this.connection = connection;
            this.insertChunk = connection.prepareStatement(INSERT_CHUNK);
            this.raiseLastSeq = connection.prepareStatement(RAISE_LAST_SEQ);
            this.enforceRetention = connection.prepareStatement(ENFORCE_RETENTION);
            this.selectOldestChunk = connection.prepareStatement(SELECT_OLDEST_CHUNK);
            this.deleteExpired = connection.prepareStatement(DELETE_EXPIRED);
            this.selectChunksHolding = connection.prepareStatement(SELECT_CHUNKS_HOLDING);
            this.deleteChunk = connection.prepareStatement(DELETE_CHUNK);
        }

        /** Closes the statements and the connection; what fails to close is only logged. */
        @Override
        public void close() {
            for (AutoCloseable resource : List.of(
                    insertChunk,
                    raiseLastSeq,
                    enforceRetention,
                    selectOldestChunk,
                    deleteExpired,
                    selectChunksHolding,
                    deleteChunk,
                    connection)) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("closing a history writer connection: {}", e.getMessage());
                }
            }
        }
    }

    /** Something run on every writer connection once it is set up (in tests: a limit on the database's pages). */
    @FunctionalInterface
    interface WriterSetup {
        WriterSetup NONE = connection -> {};

        void apply(Connection connection) throws SQLException;
    }

    /**
     * The writer's connection, opened anew when the last write failed. A failed commit can leave the connection in a
     * state it never leaves: after SQLITE_FULL (the disk full) SQLite has rolled the transaction back itself, the
     * driver's rollback then fails ("no transaction is active"), the driver's statements stop working ("statement is
     * not executing"), and what it runs next would be committed statement by statement. A new connection starts clean;
     * opening one needs no space.
     */
    private Writing writing() throws SQLException {
        if (writing == null) {
            Connection connection = SqliteFiles.connect(file, busyTimeout);
            try {
                configureWriter(connection);
                writerSetup.apply(connection);
                writing = new Writing(connection);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
        return writing;
    }

    /** After a failed write: rolls back what can be, and drops the connection so that the next write opens another. */
    private void abandonWriting(Exception failure) {
        Writing failed = writing;
        writing = null;
        if (failed == null) {
            return;
        }
        try {
            failed.connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        failed.close();
    }

    /** The copy of the file kept before it was converted from an older schema at this open; null when it was not. */
    private final Path convertedFrom;

    Path convertedFrom() {
        return convertedFrom;
    }

    Path file() {
        return file;
    }

    /** The highest seq ever written per room: what {@code lastSeq} starts from. */
    Map<String, Long> lastSeqs() {
        return seqsByRoom(SELECT_LAST_SEQS);
    }

    /** The seq of the newest stored message per room (rooms with none are left out). */
    Map<String, Long> lastMessageSeqs() {
        return seqsByRoom(SELECT_LAST_MESSAGE_SEQS);
    }

    private Map<String, Long> seqsByRoom(String query) {
        synchronized (reader) {
            Map<String, Long> seqs = new HashMap<>();
            try (Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    seqs.put(rows.getString(1), rows.getLong(2));
                }
                reader.commit();
                return seqs;
            } catch (SQLException e) {
                throw unreadable(e);
            }
        }
    }

    /**
     * Raises the rooms' last seqs to at least the given ones (events that are not stored take numbers too);
     * called once the writer has stopped, on its connection.
     */
    void raiseLastSeqs(Map<String, Long> lastSeqs) throws SQLException {
        try {
            Writing w = writing();
            for (Map.Entry<String, Long> room : lastSeqs.entrySet()) {
                w.raiseLastSeq.setString(1, room.getKey());
                w.raiseLastSeq.setLong(2, room.getValue());
                w.raiseLastSeq.executeUpdate();
            }
            w.connection.commit();
        } catch (SQLException | RuntimeException e) {
            abandonWriting(e);
            throw e;
        }
    }

    /**
     * Writes {@code batch} (messages, one chunk per room, {@link SeqMark}s, {@link Expiry}s and, after the messages,
     * {@link DeletedSeqs}) and enforces retention for the rooms it touches, in one transaction: when it fails nothing of it is written, and the caller may try the
     * same batch again. Each room it touches has its last seq raised to {@code handedOut}'s, the last number the room
     * has given out by now (queued events included), so that after a {@code kill -9} only the numbers given out
     * during the next commit can be lost and handed out again ({@link SqliteHistoryStore#numbersSkippedAfterACrash}).
     */
    void write(List<Object> batch, ToLongFunction<String> handedOut) throws SQLException {
        Map<String, List<StoredMessage>> byRoom = new LinkedHashMap<>();
        Map<String, Long> marks = new LinkedHashMap<>();
        List<Expiry> expiries = new ArrayList<>();
        List<DeletedSeqs> deletions = new ArrayList<>();
        String roomKey = null;
        List<StoredMessage> room = null;
        for (Object entry : batch) {
            if (entry instanceof StoredMessage message) {
                // A busy room's messages come in runs: look the room up only when it changes.
                if (!message.roomKey().equals(roomKey)) {
                    roomKey = message.roomKey();
                    room = byRoom.computeIfAbsent(roomKey, key -> new ArrayList<>());
                }
                room.add(message);
            } else if (entry instanceof SeqMark mark) {
                marks.merge(mark.roomKey(), mark.seq(), Math::max);
            } else if (entry instanceof Expiry expiry) {
                expiries.add(expiry);
            } else if (entry instanceof DeletedSeqs deleted) {
                deletions.add(deleted);
            }
        }
        long chunkBytes = 0;
        try {
            Writing w = writing();
            for (Expiry expiry : expiries) {
                for (String expiring : expiry.roomKeys()) {
                    deleteExpired(w, expiring, expiry.oldestKept());
                }
            }
            for (String touched : byRoom.keySet()) {
                marks.putIfAbsent(touched, 0L);
            }
            for (Map.Entry<String, Long> mark : marks.entrySet()) {
                w.raiseLastSeq.setString(1, mark.getKey());
                w.raiseLastSeq.setLong(2, Math.max(mark.getValue(), handedOut.applyAsLong(mark.getKey())));
                w.raiseLastSeq.executeUpdate();
            }
            for (Map.Entry<String, List<StoredMessage>> chunk : byRoom.entrySet()) {
                List<StoredMessage> messages = chunk.getValue();
                StoredMessage first = messages.get(0);
                StoredMessage last = messages.get(messages.size() - 1);
                w.insertChunk.setString(1, chunk.getKey());
                w.insertChunk.setLong(2, first.seq());
                w.insertChunk.setLong(3, last.seq());
                w.insertChunk.setString(4, first.room());
                byte[] encoded = encoder.encode(messages);
                w.insertChunk.setBytes(5, encoded);
                w.insertChunk.executeUpdate();
                chunkBytes += encoded.length;
                long cut = last.seq() - maxPerRoom;
                if (cut > 0) {
                    w.enforceRetention.setString(1, chunk.getKey());
                    w.enforceRetention.setLong(2, cut);
                    w.enforceRetention.setLong(3, cut);
                    w.enforceRetention.executeUpdate();
                }
            }
            for (DeletedSeqs deleted : deletions) {
                delete(w, deleted);
            }
            w.connection.commit();
        } catch (SQLException | RuntimeException e) {
            abandonWriting(e);
            throw e;
        }
        lastCommitNanos = System.nanoTime();
        commits.incrementAndGet();
        walBytesSinceCheckpoint += chunkBytes + (long) PAGES_PER_COMMIT * pageSize;
        if (walRestartWanted) {
            walRestartWanted = false;
            restartWal(writing.connection);
        }
    }

    /**
     * Copies what is left of the WAL and starts it over, waiting at most {@link #RESTART_PATIENCE} for another
     * connection's read (an {@code openchat history export}, say) rather than the writer's busy timeout: if one
     * holds it up, the next checkpoint asks again.
     */
    private void restartWal(Connection connection) {
        try {
            execute(connection, "PRAGMA busy_timeout = " + RESTART_PATIENCE.toMillis());
            try {
                checkpoint(connection, "RESTART");
            } finally {
                execute(connection, "PRAGMA busy_timeout = " + busyTimeout.toMillis());
            }
        } catch (SQLException e) {
            log.warn("could not start the history's WAL over in {} (tried again later): {}", file, e.getMessage());
        }
    }

    /**
     * Whether the writer has written a checkpoint interval's worth to the WAL since it last got true here (then it
     * asks the {@link Checkpointer}); the writer's thread only.
     */
    boolean checkpointDue() {
        if (walBytesSinceCheckpoint < CHECKPOINT_BYTES) {
            return false;
        }
        walBytesSinceCheckpoint = 0;
        return true;
    }

    /**
     * Copies what the WAL holds into the database file without waiting for the writer (PASSIVE): the writer goes on
     * committing meanwhile, and what it commits stays in the WAL for the next checkpoint. Once the WAL holds more than
     * {@link #RESTART_AFTER_INTERVALS} intervals (under a steady stream of commits, none of them caught up), the
     * writer is asked to copy the rest and start the WAL over after its next commit. The {@link Checkpointer}'s
     * thread only.
     *
     * @throws SQLException when SQLite could not (the writer retries its own failures; this is tried again next time)
     */
    void checkpoint() throws SQLException {
        synchronized (checkpointing) {
            int walFrames = checkpoint(checkpointing, "PASSIVE");
            if ((long) walFrames * pageSize > (long) RESTART_AFTER_INTERVALS * CHECKPOINT_BYTES) {
                walRestartWanted = true;
            }
        }
    }

    /** How many transactions the writer has committed since the database was opened; any thread. */
    long commits() {
        return commits.get();
    }

    /** {@link System#nanoTime} at the writer's last commit, or at the open before its first; any thread. */
    long lastCommitNanos() {
        return lastCommitNanos;
    }

    /**
     * Copies all the WAL holds into the database and cuts the WAL file to nothing (TRUNCATE), for a writer that has
     * gone quiet ({@link Checkpointer}): the file otherwise keeps the largest size it reached, about 90 MB after a
     * saturating load. Waits at most {@link #RESTART_PATIENCE} for the writer's commit or another connection's read
     * (the writer's commits wait as long for it); the {@link Checkpointer}'s thread only.
     *
     * @return true when the WAL was emptied, false when a read or a write held it up (then it is tried again later)
     * @throws SQLException when SQLite could not
     */
    boolean truncateWal() throws SQLException {
        synchronized (checkpointing) {
            execute(checkpointing, "PRAGMA busy_timeout = " + RESTART_PATIENCE.toMillis());
            try (Statement statement = checkpointing.createStatement();
                    ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return result.next() && result.getInt(1) == 0;
            } finally {
                execute(checkpointing, "PRAGMA busy_timeout = " + busyTimeout.toMillis());
            }
        }
    }

    /** Runs one checkpoint in {@code mode}; returns the frames the WAL holds (-1 when it is not in WAL mode). */
    private static int checkpoint(Connection connection, String mode) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return result.next() ? result.getInt(2) : -1;
        }
    }

    /**
     * Takes a deletion's messages out of the chunks that hold them: each such chunk is written again without them
     * (under its new first seq), or goes when none of its messages is left. The room's last seq is raised to the
     * chunks' first, so that deleting the newest message hands out no number twice (as {@link #deleteExpired} does).
     */
    private void delete(Writing w, DeletedSeqs deleted) throws SQLException {
        Set<Long> seqs = new HashSet<>(deleted.seqs());
        record Held(long firstSeq, long lastSeq, String room, List<StoredMessage> messages) {}
        List<Held> holding = new ArrayList<>();
        w.selectChunksHolding.setString(1, deleted.roomKey());
        w.selectChunksHolding.setLong(2, deleted.first());
        w.selectChunksHolding.setLong(3, deleted.last());
        try (ResultSet rows = w.selectChunksHolding.executeQuery()) {
            while (rows.next()) {
                String room = rows.getString(3);
                List<StoredMessage> messages =
                        MessageChunk.decode(deleted.roomKey(), room, rows.getBytes(4), Long.MIN_VALUE, Long.MAX_VALUE);
                holding.add(new Held(rows.getLong(1), rows.getLong(2), room, messages));
            }
        } catch (IOException e) {
            throw new SQLException(
                    "a stored chunk of room " + deleted.roomKey() + " cannot be read: " + e.getMessage(), e);
        }
        for (Held chunk : holding) {
            List<StoredMessage> kept = chunk.messages().stream()
                    .filter(message -> !seqs.contains(message.seq()))
                    .toList();
            if (kept.size() == chunk.messages().size()) {
                continue;
            }
            w.raiseLastSeq.setString(1, deleted.roomKey());
            w.raiseLastSeq.setLong(2, chunk.lastSeq());
            w.raiseLastSeq.executeUpdate();
            w.deleteChunk.setString(1, deleted.roomKey());
            w.deleteChunk.setLong(2, chunk.firstSeq());
            w.deleteChunk.executeUpdate();
            if (!kept.isEmpty()) {
                w.insertChunk.setString(1, deleted.roomKey());
                w.insertChunk.setLong(2, kept.get(0).seq());
                w.insertChunk.setLong(3, kept.get(kept.size() - 1).seq());
                w.insertChunk.setString(4, chunk.room());
                w.insertChunk.setBytes(5, encoder.encode(kept));
                w.insertChunk.executeUpdate();
            }
        }
    }

    /**
     * Deletes the room's chunks whose every message is older than {@code oldestKept}. Chunks hold consecutive seqs in
     * time order, so it walks them oldest first and stops at the first with a message still kept; that one may keep a
     * few expired messages, which reads leave out. A chunk is one write batch, so a sweep decodes the chunks it
     * deletes and one more per room.
     */
    private static void deleteExpired(Writing w, String roomKey, Instant oldestKept) throws SQLException {
        long newestExpired = Long.MIN_VALUE;
        long lastExpiredSeq = 0;
        for (long after = Long.MIN_VALUE; ; ) {
            w.selectOldestChunk.setString(1, roomKey);
            w.selectOldestChunk.setLong(2, after);
            try (ResultSet row = w.selectOldestChunk.executeQuery()) {
                if (!row.next()) {
                    break;
                }
                long firstSeq = row.getLong(1);
                List<StoredMessage> messages =
                        MessageChunk.decode(roomKey, row.getString(3), row.getBytes(4), Long.MIN_VALUE, Long.MAX_VALUE);
                if (!messages.isEmpty() && HistoryAge.keeps(messages.get(messages.size() - 1), oldestKept)) {
                    break;
                }
                newestExpired = firstSeq;
                lastExpiredSeq = row.getLong(2);
                after = firstSeq;
            } catch (IOException e) {
                throw new SQLException("a stored chunk of room " + roomKey + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (newestExpired != Long.MIN_VALUE) {
            // The room's newest chunk may go: its last seq goes to the rooms table first, or a restart after a
            // kill -9 (which skips the close that writes every room's last seq) would hand its numbers out again.
            w.raiseLastSeq.setString(1, roomKey);
            w.raiseLastSeq.setLong(2, lastExpiredSeq);
            w.raiseLastSeq.executeUpdate();
            w.deleteExpired.setString(1, roomKey);
            w.deleteExpired.setLong(2, newestExpired);
            w.deleteExpired.executeUpdate();
        }
    }

    /**
     * One snapshot of a room: its committed last seq, and its committed messages with
     * {@code lowExclusive < seq <= highInclusive} not older than {@code oldestKept}, the newest (or the oldest)
     * {@code limit} of them, ascending.
     */
    Committed read(
            String roomKey, long lowExclusive, long highInclusive, int limit, boolean newest, Instant oldestKept) {
        synchronized (reader) {
            try {
                long lastSeq;
                selectLastSeq.setString(1, roomKey);
                try (ResultSet row = selectLastSeq.executeQuery()) {
                    lastSeq = row.next() ? row.getLong(1) : 0;
                }
                List<StoredMessage> messages = new ArrayList<>();
                PreparedStatement select = newest ? selectChunksNewest : selectChunksOldest;
                select.setString(1, roomKey);
                select.setLong(2, lowExclusive);
                select.setLong(3, highInclusive);
                try (ResultSet rows = select.executeQuery()) {
                    // Chunks do not overlap and come in seq order (newest first when asked): stop at enough.
                    while (messages.size() < limit && rows.next()) {
                        List<StoredMessage> chunk = MessageChunk.decode(
                                roomKey, rows.getString(1), rows.getBytes(2), lowExclusive, highInclusive);
                        if (!chunk.isEmpty() && !HistoryAge.keeps(chunk.get(0), oldestKept)) {
                            chunk = chunk.stream()
                                    .filter(message -> HistoryAge.keeps(message, oldestKept))
                                    .toList();
                        }
                        if (newest) {
                            messages.addAll(0, chunk);
                        } else {
                            messages.addAll(chunk);
                        }
                    }
                }
                messages = newest
                        ? messages.subList(Math.max(0, messages.size() - limit), messages.size())
                        : messages.subList(0, Math.min(limit, messages.size()));
                reader.commit();
                return new Committed(lastSeq, List.copyOf(messages));
            } catch (SQLException | IOException e) {
                throw unreadable(e);
            }
        }
    }

    /** What one read transaction saw of a room. */
    record Committed(long lastSeq, List<StoredMessage> messages) {}

    /**
     * Closes the connections; the writer and the checkpointer must have stopped. SQLite checkpoints the WAL on the
     * last close.
     */
    @Override
    public void close() {
        if (writing != null) {
            writing.close();
            writing = null;
        }
        synchronized (checkpointing) {
            closeLogging(checkpointing);
        }
        synchronized (reader) {
            for (AutoCloseable resource : List.of(selectLastSeq, selectChunksNewest, selectChunksOldest, reader)) {
                closeLogging(resource);
            }
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
                + "); it was left as it is: restore a backup of it, or " + MOVE_IT_AWAY);
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
