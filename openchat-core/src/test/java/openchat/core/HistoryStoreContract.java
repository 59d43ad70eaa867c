package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link HistoryStore} contract, one test per clause of its javadoc, for every implementation: a store's test
 * extends this class, says how to open the store under test and whether it keeps messages across {@code close}.
 * Stores are opened through {@link #open} only, so that one test never holds two live stores on the same storage.
 */
public abstract class HistoryStoreContract {
    private static final OffsetDateTime NOON_IN_SEOUL =
            OffsetDateTime.of(2024, 5, 17, 12, 0, 0, 250_000_000, ZoneOffset.ofHours(9));
    /** Retention for the tests that do not test retention: far above anything they append. */
    protected static final int ROOMY = 10_000;

    private final List<HistoryStore> opened = new ArrayList<>();

    /**
     * Opens the store under test keeping {@code maxPerRoom} messages per room, none older than {@code age}. A test's
     * first call gets an empty store; for a {@link PersistentHistoryStoreContract persistent} store, a call after the
     * previous store was closed opens the same storage again.
     */
    protected abstract HistoryStore open(int maxPerRoom, HistoryAge age);

    @AfterEach
    void closeStores() {
        opened.forEach(HistoryStore::close);
    }

    @Test
    void aRoomNeverWrittenHasNoMessagesAndLastSeqZero() {
        HistoryStore store = store(ROOMY);

        assertThat(store.lastSeq("lobby")).isZero();
        assertThat(store.latest("lobby", 10)).isEmpty();
        assertThat(store.after("lobby", 0, 10)).isEmpty();
        assertThat(store.before("lobby", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void aRoomsTopicIsKeptWithWhoSetItAndWhenAndAnEmptyOneClearsIt() {
        HistoryStore store = store(ROOMY);
        assertThat(store.topic("study")).isNull();
        ChatEvent.Topic first = new ChatEvent.Topic("Study", "유저1", NOON_IN_SEOUL, 3, "기말고사 준비");
        ChatEvent.Topic second = new ChatEvent.Topic("Study", "채팅관리자", NOON_IN_SEOUL.plusMinutes(5), 9, "모레 시험");

        store.keepTopic("study", first);
        store.keepTopic("study", second);

        assertThat(store.topic("study"))
                .as("the last one, every field but the seq, which the room gives its events anew")
                .satisfies(kept -> {
                    assertThat(kept.topic()).isEqualTo("모레 시험");
                    assertThat(kept.by()).isEqualTo("채팅관리자");
                    assertThat(kept.at().toInstant()).isEqualTo(second.at().toInstant());
                });
        assertThat(store.topic("lobby")).isNull();
        store.keepTopic("study", new ChatEvent.Topic("Study", "유저1", NOON_IN_SEOUL.plusHours(1), 12, ""));
        assertThat(store.topic("study")).isNull();
    }

    @Test
    void theTopicsOfOnlyTheLastRoomsThatEmptiedAreKeptAndARoomThatExistsKeepsItsOwn() {
        HistoryStore store = store(ROOMY);
        int kept = CoreConfig.EMPTIED_ROOM_TOPICS;
        store.keepTopic("standing", topic("standing", "made before all the others, and never emptied"));
        store.keepTopic("remade", topic("remade", "emptied first, then made again"));
        store.roomEmptied("remade");
        assertThat(store.topic("remade")).as("read as the room is made again").isNotNull();

        for (int i = 0; i <= kept; i++) { // one more than are kept
            store.keepTopic("room" + i, topic("room" + i, "topic " + i));
            store.roomEmptied("room" + i);
        }
        store.roomEmptied("never-had-one");

        assertThat(store.topic("room0"))
                .as("the room that emptied longest ago: forgotten")
                .isNull();
        assertThat(store.topic("room1").topic()).isEqualTo("topic 1");
        assertThat(store.topic("room" + kept).topic()).isEqualTo("topic " + kept);
        assertThat(store.topic("standing").topic())
                .as("rooms that exist keep theirs")
                .isEqualTo("made before all the others, and never emptied");
        assertThat(store.topic("remade")).isNotNull();
        assertThat(store.topic("never-had-one")).isNull();
    }

    @Test
    void readsReturnEveryFieldAsAppendedInAscendingSeqOrder() {
        HistoryStore store = store(ROOMY);
        List<StoredMessage> appended = messages("lobby", 1, 5);

        appended.forEach(store::append);

        assertEverywhere(store, s -> {
            assertThat(s.latest("lobby", 10)).containsExactlyElementsOf(appended);
            assertThat(s.after("lobby", 0, 10)).containsExactlyElementsOf(appended);
        });
    }

    @Test
    void latestReturnsTheNewestLimitMessagesAscending() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 10).forEach(store::append);

        assertEverywhere(store, s -> {
            assertThat(seqs(s.latest("lobby", 3))).containsExactly(8L, 9L, 10L);
            assertThat(seqs(s.latest("lobby", 1))).containsExactly(10L);
            assertThat(seqs(s.latest("lobby", 100))).isEqualTo(range(1, 10));
        });
    }

    @Test
    void beforeReturnsTheNewestMessagesBelowTheBoundAscending() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 10).forEach(store::append);

        assertEverywhere(store, s -> {
            assertThat(seqs(s.before("lobby", 7, 3))).containsExactly(4L, 5L, 6L);
            assertThat(seqs(s.before("lobby", 3, 5))).containsExactly(1L, 2L);
            assertThat(s.before("lobby", 1, 5)).isEmpty();
            assertThat(seqs(s.before("lobby", 50, 2))).containsExactly(9L, 10L);
        });
    }

    @Test
    void afterReturnsTheOldestMessagesAboveTheBoundAscending() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 10).forEach(store::append);

        assertEverywhere(store, s -> {
            assertThat(seqs(s.after("lobby", 3, 2))).containsExactly(4L, 5L);
            assertThat(seqs(s.after("lobby", 8, 5))).containsExactly(9L, 10L);
            assertThat(s.after("lobby", 10, 5)).isEmpty();
            assertThat(seqs(s.after("lobby", 0, 1))).containsExactly(1L);
        });
    }

    @Test
    void aLimitOfZeroReturnsNothing() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 3).forEach(store::append);

        assertThat(store.latest("lobby", 0)).isEmpty();
        assertThat(store.before("lobby", 3, 0)).isEmpty();
        assertThat(store.after("lobby", 0, 0)).isEmpty();
    }

    @Test
    void pagingBackwardsWithBeforeVisitsEveryMessageOnce() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 23).forEach(store::append);

        assertEverywhere(store, s -> {
            List<Long> visited = new ArrayList<>();
            long bound = Long.MAX_VALUE;
            for (int page = 0; page < 10; page++) {
                List<StoredMessage> older = s.before("lobby", bound, 5);
                if (older.isEmpty()) {
                    break;
                }
                assertThat(older.size()).isLessThanOrEqualTo(5);
                visited.addAll(0, seqs(older));
                bound = older.get(0).seq();
            }
            assertThat(visited).isEqualTo(range(1, 23));
        });
    }

    @Test
    void pagingForwardsWithAfterVisitsEveryMessageOnce() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 23).forEach(store::append);

        assertEverywhere(store, s -> {
            List<Long> visited = new ArrayList<>();
            long bound = 0;
            for (int page = 0; page < 10; page++) {
                List<StoredMessage> newer = s.after("lobby", bound, 5);
                if (newer.isEmpty()) {
                    break;
                }
                assertThat(newer.size()).isLessThanOrEqualTo(5);
                visited.addAll(seqs(newer));
                bound = newer.get(newer.size() - 1).seq();
            }
            assertThat(visited).isEqualTo(range(1, 23));
        });
    }

    /** Reads straight after each append, with no flush: the store has had no time to write anything out. */
    @Test
    void readsSeeEachAppendStraightAwayBeforeAnyFlush() {
        HistoryStore store = store(ROOMY);

        for (StoredMessage message : messages("lobby", 1, 300)) {
            store.append(message);

            long seq = message.seq();
            assertThat(store.lastSeq("lobby")).isEqualTo(seq);
            assertThat(store.latest("lobby", 1)).containsExactly(message);
            assertThat(store.after("lobby", seq - 1, 10)).containsExactly(message);
            assertThat(seqs(store.before("lobby", seq + 1, 2))).isEqualTo(range(Math.max(1, seq - 1), seq));
        }
        assertThat(seqs(store.after("lobby", 0, 1000))).isEqualTo(range(1, 300));
    }

    @Test
    void deletedMessagesAreGoneFromEveryReadAndTheOthersStayInOrder() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 10).forEach(store::append);
        messages("study", 1, 3).forEach(store::append);

        store.delete("lobby", List.of(7L, 3L, 4L));

        assertEverywhere(store, s -> {
            assertThat(seqs(s.after("lobby", 0, 100))).containsExactly(1L, 2L, 5L, 6L, 8L, 9L, 10L);
            assertThat(seqs(s.before("lobby", 8, 2))).containsExactly(5L, 6L);
            assertThat(seqs(s.latest("lobby", 3))).containsExactly(8L, 9L, 10L);
            assertThat(seqs(s.after("study", 0, 100)))
                    .as("another room keeps its own 3")
                    .isEqualTo(range(1, 3));
            assertThat(s.lastSeq("lobby")).isEqualTo(10);
        });
    }

    @Test
    void deletionsAcrossSeveralWritesLeaveTheRestWhateverWasWrittenOutBefore() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 10).forEach(store::append);
        store.flush();
        messages("lobby", 11, 20).forEach(store::append);
        store.flush();
        messages("lobby", 21, 25).forEach(store::append);

        store.delete("lobby", List.of(1L, 9L, 10L, 11L, 12L, 20L, 21L));
        store.delete("lobby", range(13, 19));

        assertEverywhere(store, s -> {
            assertThat(seqs(s.after("lobby", 0, 100))).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 22L, 23L, 24L, 25L);
            assertThat(seqs(s.before("lobby", 22, 3))).containsExactly(6L, 7L, 8L);
        });
    }

    @Test
    void deletingTheNewestMessagesKeepsLastSeqAndLaterMessagesComeAfter() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 5).forEach(store::append);
        store.flush();

        store.delete("lobby", List.of(4L, 5L));
        store.flush();

        HistoryStore now = reopens() ? reopen(store) : store;
        assertThat(now.lastSeq("lobby")).isEqualTo(5);
        assertThat(seqs(now.latest("lobby", 10))).isEqualTo(range(1, 3));
        now.append(message("lobby", 6));
        assertThat(seqs(now.latest("lobby", 10))).containsExactly(1L, 2L, 3L, 6L);
    }

    @Test
    void deletingNumbersTheStoreDoesNotHoldChangesNothing() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 3).forEach(store::append);

        store.delete("lobby", List.of(9L, 0L));
        store.delete("nowhere", List.of(1L));
        store.delete("lobby", List.of());

        assertEverywhere(store, s -> {
            assertThat(seqs(s.after("lobby", 0, 100))).isEqualTo(range(1, 3));
            assertThat(s.lastSeq("nowhere")).isZero();
        });
    }

    @Test
    void lastSeqIsTheHighestSeqAppended() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 7).forEach(store::append);

        assertEverywhere(store, s -> assertThat(s.lastSeq("lobby")).isEqualTo(7));
    }

    @Test
    void retentionKeepsOnlyTheNewestMaxPerRoomMessages() {
        HistoryStore store = store(10);
        messages("lobby", 1, 35).forEach(store::append);

        assertThat(store.maxPerRoom()).isEqualTo(10);
        assertEverywhere(store, s -> {
            assertThat(seqs(s.latest("lobby", 100))).isEqualTo(range(26, 35));
            assertThat(seqs(s.after("lobby", 0, 100))).isEqualTo(range(26, 35));
            assertThat(seqs(s.before("lobby", 27, 100))).containsExactly(26L);
            assertThat(s.before("lobby", 26, 100)).isEmpty();
        });
    }

    @Test
    void lastSeqSurvivesRetentionDroppingMessages() {
        HistoryStore store = store(3);
        messages("lobby", 1, 10).forEach(store::append);

        assertEverywhere(store, s -> {
            assertThat(s.lastSeq("lobby")).isEqualTo(10);
            assertThat(seqs(s.latest("lobby", 10))).containsExactly(8L, 9L, 10L);
        });
    }

    @Test
    void roomsAreKeptApartByTheirKeys() {
        HistoryStore store = store(5);
        for (long seq = 1; seq <= 50; seq++) {
            store.append(message("busy", seq));
            if (seq <= 3) {
                store.append(message("quiet", seq));
            }
        }

        assertEverywhere(store, s -> {
            assertThat(s.latest("busy", 100)).extracting(StoredMessage::roomKey).containsOnly("busy");
            assertThat(seqs(s.latest("busy", 100))).isEqualTo(range(46, 50));
            assertThat(s.latest("quiet", 100))
                    .extracting(StoredMessage::roomKey)
                    .containsOnly("quiet");
            assertThat(seqs(s.latest("quiet", 100))).isEqualTo(range(1, 3));
            assertThat(s.lastSeq("busy")).isEqualTo(50);
            assertThat(s.lastSeq("quiet")).isEqualTo(3);
            assertThat(s.lastSeq("silent")).isZero();
        });
    }

    /** The room key is the identity ({@link RoomNames#key}); the room's name comes back as it was written. */
    @Test
    void theRoomKeyNotTheDisplayNameIdentifiesTheRoom() {
        HistoryStore store = store(ROOMY);
        StoredMessage accented = new StoredMessage(RoomNames.key("Café"), "Café", 1, "alice", NOON_IN_SEOUL, "hi");
        StoredMessage plain = new StoredMessage(RoomNames.key("Cafe"), "Cafe", 1, "bob", NOON_IN_SEOUL, "hey");

        store.append(accented);
        store.append(plain);

        assertEverywhere(store, s -> {
            assertThat(s.latest("café", 10)).containsExactly(accented);
            assertThat(s.latest("cafe", 10)).containsExactly(plain);
            assertThat(s.latest("Café", 10)).isEmpty();
        });
    }

    @Test
    void flushReturnsAndReadsStillSeeEverything() {
        HistoryStore store = store(ROOMY);
        store.flush();

        messages("lobby", 1, 50).forEach(store::append);
        store.flush();
        messages("lobby", 51, 60).forEach(store::append);
        store.flush();

        assertThat(seqs(store.latest("lobby", 100))).isEqualTo(range(1, 60));
        assertThat(store.lastSeq("lobby")).isEqualTo(60);
    }

    @Test
    void closeMayBeCalledTwice() {
        HistoryStore store = store(ROOMY);
        store.append(message("lobby", 1));

        store.close();

        assertThatCode(store::close).doesNotThrowAnyException();
    }

    @Test
    void koreanAndEmojiTextComesBackUnchanged() {
        HistoryStore store = store(ROOMY);
        String room = "한국어방";
        StoredMessage message = new StoredMessage(
                RoomNames.key(room), room, 1, "김철수", NOON_IN_SEOUL, "안녕하세요! 👋🏽 커피 ☕ 𝄞 e\u0301 🇰🇷");

        store.append(message);

        assertEverywhere(
                store, s -> assertThat(s.latest(RoomNames.key(room), 1)).containsExactly(message));
    }

    /** A notice comes back as a notice, and an ordinary line beside it as an ordinary one. */
    @Test
    void aNoticeComesBackAsANotice() {
        HistoryStore store = store(ROOMY);
        StoredMessage notice = new StoredMessage("lobby", "lobby", 1, "bot", NOON_IN_SEOUL, "built", true);
        StoredMessage line = message("lobby", 2);

        store.append(notice);
        store.append(line);

        assertEverywhere(store, s -> {
            List<StoredMessage> read = s.latest("lobby", 10);
            assertThat(read).containsExactly(notice, line);
            assertThat(read).extracting(StoredMessage::notice).containsExactly(true, false);
        });
    }

    /** {@link OffsetDateTime#equals} compares the offset too: a store may not turn +09:00 into UTC. */
    @Test
    void timesKeepTheirOffsetAndMilliseconds() {
        HistoryStore store = store(ROOMY);
        List<OffsetDateTime> times = List.of(
                OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_000_000, ZoneOffset.ofHours(9)),
                OffsetDateTime.of(1999, 12, 31, 20, 30, 0, 5_000_000, ZoneOffset.ofHoursMinutes(-3, -30)),
                OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2024, 6, 1, 8, 15, 30, 999_000_000, ZoneOffset.ofHoursMinutes(5, 45)));
        List<StoredMessage> appended = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            appended.add(new StoredMessage("lobby", "lobby", i + 1, "alice", times.get(i), "tick " + i));
        }

        appended.forEach(store::append);

        assertEverywhere(store, s -> {
            List<StoredMessage> read = s.latest("lobby", 10);
            assertThat(read).extracting(StoredMessage::at).containsExactlyElementsOf(times);
            assertThat(read.get(0).at().getOffset()).isEqualTo(ZoneOffset.ofHours(9));
            assertThat(read.get(0).at().getNano()).isEqualTo(123_000_000);
        });
    }

    @Test
    void aMarkRaisesLastSeqWithoutStoringAnything() {
        HistoryStore store = store(ROOMY);
        store.append(message("lobby", 1));

        store.mark("lobby", 3);
        store.mark("lobby", 2);

        assertThat(store.lastSeq("lobby")).isEqualTo(3);
        assertThat(seqs(store.latest("lobby", 100))).containsExactly(1L);
        store.mark("study", 7);
        assertThat(store.lastSeq("study")).isEqualTo(7);
        assertThat(store.latest("study", 100)).isEmpty();
    }

    /**
     * Several threads append to several rooms, each room's appends in seq order (under a per-room lock, as the core
     * does), while another thread reads. A read must be ascending without duplicates and must hold every message
     * appended before it started that retention could not yet have dropped when it ended. The appenders flush now
     * and then, so that a store that writes behind commits the newest messages while they are being read.
     */
    @Test
    void concurrentAppendsAreReadInOrderWithoutGapsOrDuplicates() throws Exception {
        int rooms = 5;
        int writers = 3;
        int appendsPerWriter = 2_000;
        int maxPerRoom = 150;
        HistoryStore store = store(maxPerRoom);
        AtomicLongArray appended = new AtomicLongArray(rooms);
        Object[] roomLocks = new Object[rooms];
        for (int room = 0; room < rooms; room++) {
            roomLocks[room] = new Object();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < appendsPerWriter; i++) {
                        int room = (i + writer) % rooms;
                        synchronized (roomLocks[room]) {
                            long seq = appended.get(room) + 1;
                            store.append(message("room" + room, seq));
                            appended.set(room, seq);
                        }
                        if (i % 25 == 0) {
                            store.flush();
                        }
                    }
                }));
            }
            Future<Integer> reads = pool.submit(() -> {
                int done = 0;
                for (int pass = 0; pass < 1_000_000 && (writing.get() || pass == 0); pass++) {
                    int room = pass % rooms;
                    long before = appended.get(room);
                    List<StoredMessage> latest = store.latest("room" + room, maxPerRoom);
                    List<StoredMessage> oldest = store.after("room" + room, 0, maxPerRoom);
                    // One append per room may be under way, not yet counted: the store may already hold it.
                    long atMostAfter = appended.get(room) + 1;
                    assertConsistentRead(latest, before, atMostAfter, maxPerRoom);
                    assertConsistentRead(oldest, before, atMostAfter, maxPerRoom);
                    done++;
                }
                return done;
            });
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(reads.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        for (int room = 0; room < rooms; room++) {
            long last = appended.get(room);
            assertThat(store.lastSeq("room" + room)).isEqualTo(last);
            assertThat(seqs(store.latest("room" + room, maxPerRoom))).isEqualTo(range(last - maxPerRoom + 1, last));
        }
    }

    /**
     * A read that started when the room's last seq was {@code appendedBefore} and ended when it was at most
     * {@code appendedAfter}: consecutive seqs, at most {@code maxPerRoom} of them, none above {@code appendedAfter},
     * holding every seq appended before it started and newer than what retention may have dropped by its end.
     */
    private static void assertConsistentRead(
            List<StoredMessage> read, long appendedBefore, long appendedAfter, int maxPerRoom) {
        List<Long> seqs = seqs(read);
        assertThat(seqs.size()).as("read %s", seqs).isLessThanOrEqualTo(maxPerRoom);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("read %s", seqs).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(seqs)
                .as("appended at most %d by the end of the read", appendedAfter)
                .allMatch(seq -> seq <= appendedAfter);
        long stillKept = Math.max(1, appendedAfter - maxPerRoom + 1);
        if (stillKept <= appendedBefore) {
            assertThat(seqs)
                    .as("appended %d before the read, at most %d after", appendedBefore, appendedAfter)
                    .contains(stillKept, appendedBefore);
        }
    }

    @Test
    void readsLeaveOutMessagesOlderThanTheMaximumAge() {
        TestClock clock = new TestClock();
        HistoryStore store = store(ROOMY, HistoryAge.of(Duration.ofHours(1), clock));
        Instant start = clock.instant();
        for (long seq = 1; seq <= 4; seq++) {
            store.append(messageAt("lobby", seq, start));
        }
        store.append(messageAt("lobby", 5, start.plus(Duration.ofMinutes(30))));
        store.append(messageAt("lobby", 6, start.plus(Duration.ofMinutes(40))));
        store.append(messageAt("other", 1, start));

        assertThat(seqs(store.latest("lobby", 10))).isEqualTo(range(1, 6));

        clock.advance(Duration.ofHours(1).plusMillis(1));
        assertEverywhere(store, s -> {
            assertThat(seqs(s.latest("lobby", 10))).containsExactly(5L, 6L);
            assertThat(seqs(s.before("lobby", Long.MAX_VALUE, 10))).containsExactly(5L, 6L);
            assertThat(seqs(s.after("lobby", 0, 1)))
                    .as("the limit counts kept messages")
                    .containsExactly(5L);
            assertThat(s.before("lobby", 5, 10)).isEmpty();
            assertThat(s.latest("other", 10)).isEmpty();
            assertThat(s.lastSeq("lobby"))
                    .as("numbers go on after messages expire")
                    .isEqualTo(6);
        });
    }

    @Test
    void aMessageGoesAtWhicheverOfCountAndAgeComesFirst() {
        TestClock clock = new TestClock();
        HistoryStore store = store(3, HistoryAge.of(Duration.ofMinutes(10), clock));
        Instant start = clock.instant();
        for (long seq = 1; seq <= 5; seq++) {
            store.append(messageAt("lobby", seq, start.plus(Duration.ofMinutes(seq))));
        }

        assertThat(seqs(store.latest("lobby", 10))).as("by count").containsExactly(3L, 4L, 5L);
        clock.advance(Duration.ofMinutes(14).plusSeconds(1));
        assertThat(seqs(store.latest("lobby", 10))).as("by age").containsExactly(5L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.latest("lobby", 10)).as("all expired").isEmpty();
        assertThat(store.lastSeq("lobby")).isEqualTo(5);
    }

    /** Whether {@link #assertEverywhere} also checks after closing and reopening the store. */
    protected boolean reopens() {
        return false;
    }

    /** Runs {@code check} now, after a flush, and (when persistent) after closing and reopening the store. */
    private void assertEverywhere(HistoryStore store, Consumer<HistoryStore> check) {
        check.accept(store);
        store.flush();
        check.accept(store);
        if (reopens()) {
            check.accept(reopen(store));
        }
    }

    protected HistoryStore store(int maxPerRoom) {
        return store(maxPerRoom, HistoryAge.forever());
    }

    protected HistoryStore store(int maxPerRoom, HistoryAge age) {
        HistoryStore store = open(maxPerRoom, age);
        opened.add(store);
        return store;
    }

    /** A topic set in {@code room} by 유저1. */
    protected static ChatEvent.Topic topic(String room, String text) {
        return new ChatEvent.Topic(room, "유저1", NOON_IN_SEOUL, 1, text);
    }

    protected HistoryStore reopen(HistoryStore store) {
        store.close();
        return store(store.maxPerRoom(), store.age());
    }

    protected static StoredMessage message(String room, long seq) {
        return new StoredMessage(
                RoomNames.key(room),
                room,
                seq,
                "alice",
                NOON_IN_SEOUL.plusSeconds(seq),
                "message " + seq + " in " + room);
    }

    /** Message {@code seq} of {@code room}, said at {@code at}. */
    protected static StoredMessage messageAt(String room, long seq, Instant at) {
        return new StoredMessage(
                RoomNames.key(room), room, seq, "alice", at.atOffset(ZoneOffset.ofHours(9)), "message " + seq);
    }

    protected static List<StoredMessage> messages(String room, long first, long last) {
        return LongStream.rangeClosed(first, last)
                .mapToObj(seq -> message(room, seq))
                .toList();
    }

    protected static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }

    protected static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
