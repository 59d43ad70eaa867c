package openchat.server.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import openchat.core.BanStore;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.HistoryAge;
import openchat.core.HistoryStore;
import openchat.core.RoomKeyStore;
import openchat.core.StoredMessage;

/**
 * History in a SQLite database, {@code DATADIR/history.db}, in WAL mode.
 *
 * <p><b>Durability.</b> {@link #append} only queues. One writer thread, {@code openchat-history}, commits the queue
 * in batches: a transaction as soon as 500 messages wait or the oldest has waited 50 ms, whichever comes first
 * ({@link WriteSettings}). A committed batch survives the process being killed: {@code kill -9} loses what was not
 * yet committed, normally at most the last 50 ms of messages and never more than 500 (more only while the writer is
 * behind or failing). A commit costs the writer about 0.35 ms of CPU whatever it holds, so at a few hundred messages a
 * second a longer wait would cost it less (200 ms: a third, docs/BENCHMARKS.md, "What each optimisation changed"),
 * for up to four times the messages a crash loses; at 20 commits a second the writer is under 1 % of a core.
 * With {@code synchronous=NORMAL} a power cut may also lose the last commits, never the database. {@link #flush}
 * and {@link #close} return once everything appended before them is committed. Appends wait for the disk in one
 * case only: the writer is working but {@link WriteSettings#maxBehind} messages behind (chat faster than the disk
 * takes it, or an event loop that keeps the writer's core): then an append waits until it is halfway back, so that
 * a saturated server slows down rather than drop history. When writing fails (disk full...)
 * the writer logs it and tries again while appends keep queueing, up to {@link WriteSettings#maxQueued} messages;
 * past that the oldest unwritten ones are dropped, and logged.
 *
 * <p><b>Threads.</b> Appends and reads come from any thread; appends to one room arrive in seq order (the core
 * appends under the room's lock). The writer thread alone uses the writing connection; reads share a second
 * connection under a lock, which WAL lets read while the writer commits. The writer is a daemon thread: a process
 * that ends without {@link #close} loses what a {@code kill -9} would, rather than hanging on it.
 *
 * <p><b>Read your writes.</b> Each room keeps in memory its last seq and its <em>pending tail</em>: the messages
 * appended but not yet committed. The writer removes a message from the tail only after its batch is committed, so
 * a message is always in the tail or in the database, and sometimes in both. How a read combines the two, and why
 * that is correct, is explained on the private {@code read} method.
 *
 * <p><b>Age.</b> With a maximum age ({@link HistoryAge}), reads leave out older messages at once, and a sweep every
 * {@link HistoryAge#sweepInterval} (and one at open) queues an {@link Expiry} for every room: the writer deletes the
 * chunks whose every message expired, in its next transaction.
 *
 * <p><b>Numbers after a crash.</b> A room's numbers (its seq) are seen by clients before their events are committed.
 * Each commit records the last number each room it touches has given out, and a store that was not closed (a
 * {@code kill -9}, a crash, a power cut) leaves {@value #UNCLOSED_FILE} in the data directory; the next open finds it
 * and moves every room's numbering past the last one recorded ({@link #numbersSkippedAfterACrash}), so that no
 * number a client saw is given to another event, and a client catching up with {@code History-After} gets every line
 * said since the restart.
 *
 * <p>Only one store may use a data directory: {@link #open} locks {@code DATADIR/openchat.lock} and refuses a
 * directory locked by another server, in this process or another.
 */
public final class SqliteHistoryStore implements HistoryStore {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SqliteHistoryStore.class);
    /** In the data directory while a store has it open: found at open, the store before was not closed. */
    static final String UNCLOSED_FILE = "history.unclosed";
    /**
     * How far past the last recorded number a room's numbering goes on after a run that ended without closing the
     * store, at most: a tenth of the messages kept per room ({@link #numbersSkippedAfterACrash}). What can be lost is
     * what a room gave out during one commit (the writer commits every 500 messages or 50 ms): more than this only in
     * a room taking over five thousand numbers a second, which only joins and leaves do (a batch holds 500 messages). Retention counts numbers (joins and leaves take them too), so
     * a crash costs a room as many of its oldest kept messages as it skips.
     */
    static final long NUMBERS_SKIPPED_AFTER_A_CRASH = 1_000;
    /**
     * How the writer groups messages: one transaction per {@code batchSize} messages or per {@code batchDelay} that
     * the oldest one waited, whichever comes first; at most {@code maxQueued} messages wait in memory; a write waits
     * up to {@code busyTimeout} for a lock another program holds on the database before it counts as failed. When
     * {@code maxBehind} messages wait for a writer that is working, an append waits until half as many do: on a
     * server whose event loop shares its core with the writer, chat faster than the disk takes slows down instead of
     * losing history (docs/BENCHMARKS.md, "History kept under saturation"). An append that waited {@code stall}
     * without the writer committing anything stops waiting, and appends do not wait again until it commits: a
     * writer held up that long is treated as failing. Once the writer has committed nothing for {@code walQuiet},
     * the WAL is copied into the database and its file emptied ({@link Checkpointer}).
     */
    public record WriteSettings(
            int batchSize,
            Duration batchDelay,
            int maxQueued,
            int maxBehind,
            Duration stall,
            Duration busyTimeout,
            Duration walQuiet) {
        public static final WriteSettings DEFAULT = new WriteSettings(
                500,
                Duration.ofMillis(50),
                100_000,
                10_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        public WriteSettings {
            if (batchSize < 1 || maxQueued < 1 || maxBehind < 1) {
                throw new IllegalArgumentException("batchSize, maxQueued and maxBehind must be at least 1: " + batchSize
                        + ", " + maxQueued + ", " + maxBehind);
            }
            if (batchDelay.isNegative() || stall.isNegative() || busyTimeout.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + batchDelay + ", " + stall + ", " + busyTimeout);
            }
            if (walQuiet.isNegative() || walQuiet.isZero()) {
                throw new IllegalArgumentException("walQuiet must be positive: " + walQuiet);
            }
        }
    }

    private final Path dataDir;
    /** Set once by {@link #open}, before the store is handed out. */
    private SqliteBanStore bans;
    /** Set once by {@link #open}, before the store is handed out. */
    private SqliteTopics topics;
    /** Set once by {@link #open}, before the store is handed out. */
    private SqliteRoomKeys roomKeys;

    private final int maxPerRoom;
    private final HistoryAge age;
    /** Queues the age sweeps; null when any age is kept. */
    private final ScheduledExecutorService sweeper;

    private final DataDirLock lock;
    private final HistoryDatabase database;
    private final ConcurrentMap<String, RoomTail> rooms = new ConcurrentHashMap<>();
    private final WriteQueue<Object> queue;
    private final HistoryWriter writer;
    /** Copies the WAL into the database off the writer's thread. */
    private final Checkpointer checkpointer;

    private final Thread writerThread;
    private volatile boolean closed;

    /**
     * How far each room's numbers were moved on at open because the store before was not closed (killed, crashed):
     * 0 after a clean stop. The server says so on its console, with what it means (its last lines may be lost).
     */
    private long numbersSkipped;

    /** {@link #numbersSkipped}: 0 when the history was closed cleanly before this open. */
    public long numbersSkippedAtOpen() {
        return numbersSkipped;
    }

    private SqliteHistoryStore(
            Path dataDir,
            int maxPerRoom,
            HistoryAge age,
            WriteSettings settings,
            DataDirLock lock,
            HistoryDatabase database,
            Map<String, Long> lastSeqs,
            Map<String, Long> lastMessageSeqs) {
        this.dataDir = dataDir;
        this.maxPerRoom = maxPerRoom;
        this.age = age;
        this.lock = lock;
        this.database = database;
        lastSeqs.forEach((roomKey, lastSeq) ->
                rooms.put(roomKey, new RoomTail(lastSeq, lastMessageSeqs.getOrDefault(roomKey, 0L))));
        this.queue = new WriteQueue<>(
                settings.batchSize(),
                settings.batchDelay().toNanos(),
                settings.maxQueued(),
                settings.maxBehind(),
                settings.stall().toNanos());
        this.checkpointer = new Checkpointer(database, settings.walQuiet());
        this.writer = new HistoryWriter(queue, database, this::givenOut, this::committed);
        this.writerThread = new Thread(writer, "openchat-history");
        writerThread.setDaemon(true);
        writerThread.start();
        this.sweeper = age.max().isPresent() ? startSweeping() : null;
    }

    /**
     * One sweep at once, before the store is handed out (what expired while the server was down: a flush after open
     * waits for it), then one every sweep interval.
     */
    private ScheduledExecutorService startSweeping() {
        sweep();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "openchat-history-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = age.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void sweep() {
        if (!closed && !rooms.isEmpty()) {
            settled(queue.add(new Expiry(List.copyOf(rooms.keySet()), age.oldestKept())));
        }
    }

    /** Opens the history in {@code dataDir} with the default {@link WriteSettings}, keeping messages of any age. */
    public static SqliteHistoryStore open(Path dataDir, int maxPerRoom) {
        return open(dataDir, maxPerRoom, HistoryAge.forever(), WriteSettings.DEFAULT);
    }

    /** Opens the history in {@code dataDir} with the default {@link WriteSettings}. */
    public static SqliteHistoryStore open(Path dataDir, int maxPerRoom, HistoryAge age) {
        return open(dataDir, maxPerRoom, age, WriteSettings.DEFAULT);
    }

    /** Opens the history in {@code dataDir}, keeping messages of any age. */
    public static SqliteHistoryStore open(Path dataDir, int maxPerRoom, WriteSettings settings) {
        return open(dataDir, maxPerRoom, HistoryAge.forever(), settings);
    }

    /**
     * Opens the history in {@code dataDir}, creating the directory (readable by its owner only) and the database
     * when missing, and keeps {@code maxPerRoom} messages per room, none older than {@code age}.
     *
     * @throws HistoryUnavailableException when the directory cannot be written, another server uses it, or the
     *     database is damaged or not openchat's (the file is then left as it is)
     */
    public static SqliteHistoryStore open(Path dataDir, int maxPerRoom, HistoryAge age, WriteSettings settings) {
        return open(dataDir, maxPerRoom, age, settings, HistoryDatabase.WriterSetup.NONE);
    }

    /** As above, with {@code writerSetup} run on each writer connection (tests: a database that fills up). */
    static SqliteHistoryStore open(
            Path dataDir,
            int maxPerRoom,
            HistoryAge age,
            WriteSettings settings,
            HistoryDatabase.WriterSetup writerSetup) {
        if (maxPerRoom < 1) {
            throw new IllegalArgumentException("maxPerRoom must be at least 1: " + maxPerRoom);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            HistoryDatabase database = HistoryDatabase.open(dir, maxPerRoom, settings.busyTimeout(), writerSetup);
            SqliteBanStore bans = null;
            SqliteTopics topics = null;
            SqliteRoomKeys roomKeys = null;
            try {
                bans = SqliteBanStore.open(dir.resolve(HistoryDatabase.FILE_NAME), settings.busyTimeout());
                topics = SqliteTopics.open(
                        dir.resolve(HistoryDatabase.FILE_NAME), settings.busyTimeout(), CoreConfig.EMPTIED_ROOM_TOPICS);
                roomKeys = SqliteRoomKeys.open(dir.resolve(HistoryDatabase.FILE_NAME), settings.busyTimeout());
                boolean unclosed = Files.exists(dir.resolve(UNCLOSED_FILE));
                Map<String, Long> lastSeqs = numbersToGoOnFrom(dir, database, maxPerRoom);
                SqliteHistoryStore store = new SqliteHistoryStore(
                        dir, maxPerRoom, age, settings, lock, database, lastSeqs, database.lastMessageSeqs());
                store.numbersSkipped = unclosed && !lastSeqs.isEmpty() ? numbersSkippedAfterACrash(maxPerRoom) : 0;
                store.bans = bans;
                store.topics = topics;
                store.roomKeys = roomKeys;
                return store;
            } catch (java.sql.SQLException | RuntimeException e) {
                if (bans != null) {
                    bans.close();
                }
                if (topics != null) {
                    topics.close();
                }
                if (roomKeys != null) {
                    roomKeys.close();
                }
                database.close();
                throw e instanceof RuntimeException unchecked
                        ? unchecked
                        : new HistoryUnavailableException(
                                "cannot keep bans, topics and room keys in " + dir.resolve(HistoryDatabase.FILE_NAME)
                                        + ": " + e.getMessage(),
                                e);
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Each room's last number: as recorded, or {@link #numbersSkippedAfterACrash} past it (recorded at once, so a
     * second crash cannot give the same numbers out again) when the store before was not closed; then marks the
     * directory as held by an unclosed store until {@link #close}.
     */
    private static Map<String, Long> numbersToGoOnFrom(Path dir, HistoryDatabase database, int maxPerRoom)
            throws java.sql.SQLException {
        Path unclosed = dir.resolve(UNCLOSED_FILE);
        Map<String, Long> lastSeqs = database.lastSeqs();
        long skipped = numbersSkippedAfterACrash(maxPerRoom);
        if (Files.exists(unclosed) && !lastSeqs.isEmpty()) {
            lastSeqs.replaceAll((room, seq) -> seq + skipped);
            database.raiseLastSeqs(lastSeqs);
        }
        try (FileChannel marker = FileChannel.open(
                unclosed, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            marker.force(true);
        } catch (IOException e) {
            throw new HistoryUnavailableException(
                    "cannot write to the data directory " + dir + ": " + e.getMessage(), e);
        }
        return lastSeqs;
    }

    /** {@link #NUMBERS_SKIPPED_AFTER_A_CRASH}, or a tenth of {@code maxPerRoom} when that is less (at least 1). */
    static long numbersSkippedAfterACrash(int maxPerRoom) {
        return Math.max(1, Math.min(NUMBERS_SKIPPED_AFTER_A_CRASH, maxPerRoom / 10));
    }

    /**
     * Puts {@code message} in its room's pending tail, then in the writer's queue; never touches the disk.
     *
     * @throws IllegalStateException after {@link #close}: nothing would write the message
     */
    @Override
    public void append(StoredMessage message) {
        ensureOpen();
        rooms.computeIfAbsent(message.roomKey(), key -> new RoomTail(0, 0)).add(message);
        settled(queue.add(message));
    }

    /** On the writer's thread: a batch is committed. Asks for a checkpoint once the WAL has grown enough. */
    private void committed(List<Object> batch) {
        settled(batch);
        if (database.checkpointDue()) {
            checkpointer.ask();
        }
    }

    /**
     * Entries are committed, or dropped by the full queue: reads no longer need these messages from memory. A busy
     * room's messages come in runs, so the room is looked up only when it changes.
     */
    private void settled(List<Object> entries) {
        if (entries.isEmpty()) {
            return; // what every append gets back: no iterator for it
        }
        String roomKey = null;
        RoomTail room = null;
        for (Object entry : entries) {
            if (entry instanceof StoredMessage message) {
                if (!message.roomKey().equals(roomKey)) {
                    roomKey = message.roomKey();
                    room = rooms.get(roomKey);
                }
                room.forget(message);
            } else if (entry instanceof DeletedSeqs deleted) {
                rooms.get(deleted.roomKey()).unhide(deleted.seqs());
            }
        }
    }

    /**
     * Hides the messages from reads at once, then queues their deletion: the writer takes them out of their chunks
     * after everything appended before (the messages themselves among it), and once that is committed they are no
     * longer hidden, being gone.
     */
    @Override
    public void delete(String roomKey, Collection<Long> seqs) {
        ensureOpen();
        RoomTail room = rooms.get(roomKey);
        if (room == null || seqs.isEmpty()) {
            return; // this store never had a message of the room
        }
        DeletedSeqs deleted =
                new DeletedSeqs(roomKey, seqs.stream().sorted().distinct().toList());
        room.hide(deleted.seqs());
        settled(queue.add(deleted));
    }

    /**
     * Raises the room's last seq in memory and queues the mark: it is committed with the next batch, so it is as
     * durable as a message appended at the same moment.
     */
    @Override
    public void mark(String roomKey, long seq) {
        ensureOpen();
        rooms.computeIfAbsent(roomKey, key -> new RoomTail(0, 0)).raise(seq);
        settled(queue.add(new SeqMark(roomKey, seq)));
    }

    @Override
    public long lastSeq(String roomKey) {
        ensureOpen();
        return givenOut(roomKey);
    }

    /** The room's last number given out, queued events included: {@link #lastSeq}, for the writer as it closes too. */
    private long givenOut(String roomKey) {
        RoomTail room = rooms.get(roomKey);
        return room == null ? 0 : room.lastSeq();
    }

    @Override
    public List<StoredMessage> before(String roomKey, long before, int limit) {
        return before < 1 ? List.of() : read(roomKey, 0, before - 1, limit, true);
    }

    @Override
    public List<StoredMessage> after(String roomKey, long after, int limit) {
        return read(roomKey, after, Long.MAX_VALUE, limit, false);
    }

    /**
     * The newest (or the oldest) {@code limit} messages of a room with {@code lowExclusive < seq <= highInclusive}.
     *
     * <p>Why this sees every message appended before it, each once, and none that retention dropped:
     * <ol>
     *   <li>It reads the room's last seq {@code last} first. An append puts its message in the tail before it raises
     *       the last seq, so every message up to {@code last} is by then in the tail or committed. It reads nothing
     *       above {@code last}, so messages appended while it runs cannot leave holes in what it returns.</li>
     *   <li>It copies the tail's messages in range. A message it misses was removed during the copy, and the writer
     *       removes a message only after committing it.</li>
     *   <li>Then it queries the database, in one read transaction started after the copy, which therefore sees
     *       every commit of a message the copy missed. The transaction also gives the room's committed last seq:
     *       retention has deleted exactly the rows up to that minus {@code maxPerRoom}.</li>
     *   <li>It merges by seq, which removes the messages that moved from the tail to the database between the two
     *       steps, and drops tail messages at or below {@code max(last, committed last) - maxPerRoom}: that is every
     *       message the database may no longer hold, so the result has no hole where retention struck between the
     *       steps, and it never holds more than {@code maxPerRoom} messages older than the newest.</li>
     *   <li>Both steps leave out messages older than the maximum age at the start of the read, whether or not a sweep
     *       has deleted them yet.</li>
     *   <li>It leaves out the messages a deletion hides, as they were hidden before the copy: a deletion committed
     *       later is still hidden then, and one committed earlier took its messages out of the tail (they were
     *       appended, hence committed, before it) and out of the database before the query.</li>
     * </ol>
     */
    private List<StoredMessage> read(String roomKey, long lowExclusive, long highInclusive, int limit, boolean newest) {
        ensureOpen();
        RoomTail room = rooms.get(roomKey);
        if (room == null || limit <= 0) {
            return List.of();
        }
        long last = room.lastSeq();
        long high = Math.min(highInclusive, last);
        long low = Math.max(lowExclusive, last - maxPerRoom);
        if (low >= high || room.lastMessageSeq() <= low) {
            // Nothing to read: no message above low was ever appended (a room where joins and leaves alone took
            // numbers, as in a room nobody has spoken in yet). Every join asks, so this spares the database.
            return List.of();
        }
        Instant oldestKept = age.oldestKept();
        Set<Long> hidden = room.hidden();
        List<StoredMessage> pending = room.pending(low, high);
        // As many more as are hidden: the database still holds them until their deletion is committed.
        HistoryDatabase.Committed committed = database.read(
                roomKey,
                low,
                high,
                (int) Math.min(Integer.MAX_VALUE, (long) limit + hidden.size()),
                newest,
                oldestKept);

        long dropped = Math.max(last, committed.lastSeq()) - maxPerRoom;
        NavigableMap<Long, StoredMessage> merged = new TreeMap<>();
        committed.messages().forEach(message -> merged.put(message.seq(), message));
        for (StoredMessage message : pending) {
            if (message.seq() > dropped && HistoryAge.keeps(message, oldestKept)) {
                merged.putIfAbsent(message.seq(), message);
            }
        }
        merged.keySet().removeAll(hidden);
        List<StoredMessage> all = new ArrayList<>(merged.values());
        int from = newest ? Math.max(0, all.size() - limit) : 0;
        return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
    }

    /**
     * Blocks until everything appended before the call is committed, or dropped by the full queue (which the writer
     * logs). While writes fail this waits for the writer's retries to succeed; an interrupt ends the wait early.
     */
    @Override
    public void flush() {
        queue.awaitSettled();
    }

    @Override
    public int maxPerRoom() {
        return maxPerRoom;
    }

    @Override
    public HistoryAge age() {
        return age;
    }

    @Override
    public ChatEvent.Topic topic(String roomKey) {
        return topics.topic(roomKey);
    }

    @Override
    public void keepTopic(String roomKey, ChatEvent.Topic topic) {
        topics.keep(roomKey, topic);
    }

    @Override
    public void roomEmptied(String roomKey) {
        topics.roomEmptied(roomKey);
    }

    /** The registered rooms' keys, hashed, kept in the same database (a table of their own). */
    public RoomKeyStore roomKeys() {
        return roomKeys;
    }

    /** The bans, kept in the same database (a table of their own). */
    public BanStore bans() {
        return bans;
    }

    /** Commits what is queued, stops the writer, closes the database and unlocks the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        queue.close();
        boolean interrupted = false;
        while (writerThread.isAlive()) {
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        checkpointer.close();
        if (writeOutLastSeqs()) {
            try {
                Files.deleteIfExists(dataDir.resolve(UNCLOSED_FILE));
            } catch (IOException e) {
                log.error("could not remove {}: the next start will skip numbers: {}", UNCLOSED_FILE, e.getMessage());
            }
        }
        if (bans != null) {
            bans.close();
        }
        if (topics != null) {
            topics.close();
        }
        if (roomKeys != null) {
            roomKeys.close();
        }
        database.close();
        lock.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every room's last seq, marks included, so numbers continue after a restart without reuse; false if not. */
    private boolean writeOutLastSeqs() {
        Map<String, Long> lastSeqs = new TreeMap<>();
        rooms.forEach((roomKey, room) -> lastSeqs.put(roomKey, room.lastSeq()));
        try {
            database.raiseLastSeqs(lastSeqs);
            return true;
        } catch (java.sql.SQLException e) {
            log.error("could not write the rooms' last sequence numbers to {}: {}", dataDir, e.getMessage());
            return false;
        }
    }

    /** False while writes fail (a full disk...) or once the writer thread has stopped: the server's health. */
    @Override
    public boolean writable() {
        return !closed && writerThread.isAlive() && !writer.failing();
    }

    /** {@code nanos} hears how long each commit takes (a batch of messages in one transaction): the metrics. */
    public void onCommit(java.util.function.LongConsumer nanos) {
        writer.onCommit(nanos);
    }

    /** Transactions the writer committed, for tests of group commit. */
    long commits() {
        return writer.commits();
    }

    /** Write attempts that failed, for tests of the writer's retries. */
    /** Messages dropped unwritten since the start: the oldest waiting ones, past the queue's limit while writes fail. */
    public long droppedMessages() {
        return writer.dropped();
    }

    /** Appends that waited for the writer to catch up since the start: chat came faster than the disk took it. */
    public long appendsHeld() {
        return queue.appendsHeld();
    }

    /** After {@link #close}: how many messages could not be written before it and are lost (0 normally). */
    public long lostAtClose() {
        return writer.lostAtStop();
    }

    /**
     * When this open converted the database from an older schema: the copy of the file as it was, kept beside it
     * ({@code history.db.schema1-2026-12-06T010203}).
     */
    public java.util.Optional<Path> convertedBackup() {
        return java.util.Optional.ofNullable(database.convertedFrom());
    }

    /** Failed write attempts since the start. */
    public long failedWrites() {
        return writer.failedAttempts();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the history store in " + dataDir + " is closed");
        }
    }

    /**
     * One room in memory: the highest seq appended, and the messages appended but not yet committed, oldest first.
     * Appends add at the tail (the core appends a room's messages in seq order, under the room's lock) and the
     * writer removes from the head (it commits in append order), so both ends stay O(1) on the chat's hot path.
     * A read iterates weakly consistently: it sees every message that stays in the queue during the copy, and may
     * miss only messages the writer removed meanwhile, which are committed (see read).
     */
    private static final class RoomTail {
        private final AtomicLong lastSeq;
        /** The seq of the newest message stored or appended (not of marks): reads above it find nothing. */
        private final AtomicLong lastMessageSeq;

        private final ConcurrentLinkedQueue<StoredMessage> pending = new ConcurrentLinkedQueue<>();

        RoomTail(long lastSeq, long lastMessageSeq) {
            this.lastSeq = new AtomicLong(lastSeq);
            this.lastMessageSeq = new AtomicLong(lastMessageSeq);
        }

        /**
         * Tail first, last seqs second: a reader that sees the new last seq finds the message and its last message
         * seq (see read; the update of the last seq orders the release store before it). Appends to one room come
         * one at a time in seq order, so a plain store keeps the maximum.
         */
        void add(StoredMessage message) {
            pending.add(message);
            lastMessageSeq.setRelease(message.seq());
            lastSeq.accumulateAndGet(message.seq(), Math::max);
        }

        long lastMessageSeq() {
            return lastMessageSeq.get();
        }

        /** The message is committed, or dropped: reads no longer need it from memory. Usually the head. */
        @SuppressWarnings("ReferenceEquality") // this very message, not an equal one
        void forget(StoredMessage message) {
            if (pending.peek() == message) {
                pending.poll();
            } else {
                pending.remove(message);
            }
        }

        /**
         * Messages deleted but not yet committed as deleted: reads leave them out. Copy on write: deletions are rare,
         * reads of the room frequent.
         */
        private volatile Set<Long> hidden = Set.of();

        synchronized void hide(List<Long> seqs) {
            Set<Long> more = new HashSet<>(hidden);
            more.addAll(seqs);
            hidden = Set.copyOf(more);
        }

        synchronized void unhide(List<Long> seqs) {
            Set<Long> fewer = new HashSet<>(hidden);
            seqs.forEach(fewer::remove);
            hidden = Set.copyOf(fewer);
        }

        Set<Long> hidden() {
            return hidden;
        }

        void raise(long seq) {
            lastSeq.accumulateAndGet(seq, Math::max);
        }

        long lastSeq() {
            return lastSeq.get();
        }

        List<StoredMessage> pending(long lowExclusive, long highInclusive) {
            List<StoredMessage> inRange = new ArrayList<>();
            for (StoredMessage message : pending) {
                if (message.seq() > lowExclusive && message.seq() <= highInclusive) {
                    inRange.add(message);
                }
            }
            return inRange;
        }
    }
}
