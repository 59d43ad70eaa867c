package openchat.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members join a room while others post to it without pause: each joiner must get its replay, then every message
 * said after its join, each once, in order; no gap between the two and no duplicate.
 */
class JoinWhileTalkingTest {
    private static final String ROOM = "busy";
    private static final int TALKERS = 4;
    private static final int LINES_EACH = 5_000;
    private static final int TOTAL = TALKERS * LINES_EACH;
    private static final int HISTORY_ON_JOIN = 50;

    /** A join as it happened: who, the seq it caught up from (-1: none), and what the core answered. */
    private record Join(String link, long after, JoinResult result) {}

    @Test
    @Timeout(120)
    void joinersGetTheReplayThenEveryLaterMessageOnceInOrder() throws Exception {
        InMemoryHistory store = new InMemoryHistory(TOTAL);
        CoreHarness h = new CoreHarness(
                CONFIG.toBuilder()
                        .roomCapacity(16)
                        .historyOnJoin(HISTORY_ON_JOIN)
                        .build(),
                store);
        ChatCore<String> core = h.core;
        List<Member<String>> talkers = new ArrayList<>();
        for (int i = 0; i < TALKERS; i++) {
            talkers.add(h.connect("talker" + i, ROOM));
        }
        Member<String> second = h.connect("second");
        Member<String> third = h.connect("third");

        // The joins start once this many lines were said, while the talkers go on.
        int[] joinAfterLines = {TOTAL / 20, TOTAL / 3, TOTAL * 2 / 3};
        List<CountDownLatch> reached = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        AtomicInteger said = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(TALKERS + joinAfterLines.length);
        ExecutorService pool = Executors.newFixedThreadPool(TALKERS + joinAfterLines.length);
        List<Join> joins = new ArrayList<>();
        try {
            List<Future<?>> talking = new ArrayList<>();
            for (Member<String> talker : talkers) {
                talking.add(pool.submit((Callable<Void>) () -> {
                    start.await(30, SECONDS);
                    for (int i = 0; i < LINES_EACH; i++) {
                        core.post(talker, ROOM, talker.name() + " line " + i);
                        int count = said.incrementAndGet();
                        for (int k = 0; k < joinAfterLines.length; k++) {
                            if (count == joinAfterLines[k]) {
                                reached.get(k).countDown();
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<Join>> joining = List.of(
                    pool.submit(() -> {
                        awaitTurn(start, reached.get(0));
                        return new Join(
                                "first",
                                -1,
                                core.connect("first", null, ORIGIN, "first", ROOM, -1)
                                        .joined());
                    }),
                    pool.submit(() -> {
                        awaitTurn(start, reached.get(1));
                        return new Join("second", -1, core.join(second, ROOM, -1));
                    }),
                    pool.submit(() -> {
                        awaitTurn(start, reached.get(2));
                        // Catching up from further back than a page holds.
                        long after = store.lastSeq(ROOM) - CoreConfig.MAX_HISTORY_PAGE - 200;
                        return new Join("third", after, core.join(third, ROOM, after));
                    }));
            for (Future<?> f : talking) {
                f.get(90, SECONDS);
            }
            for (Future<Join> f : joining) {
                joins.add(f.get(90, SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> stored = store.after(ROOM, 0, Integer.MAX_VALUE).stream()
                .map(StoredMessage::seq)
                .toList();
        assertThat(stored).hasSize(TOTAL).isSorted().doesNotHaveDuplicates();
        for (Join join : joins) {
            assertReplayThenLive(h.fanout, stored, join);
        }
        assertThat(joins)
                .as("the first join came while the talk went on")
                .first()
                .matches(join -> join.result().room().lastSeq() < stored.get(stored.size() - 1));
        for (String link : List.of("talker0", "talker1", "talker2", "talker3", "first", "second", "third")) {
            List<Long> seqs = h.fanout.to(link, ChatEvent.Numbered.class).stream()
                    .filter(e -> e.room().equals(ROOM))
                    .map(ChatEvent.Numbered::seq)
                    .toList();
            assertThat(seqs).as("%s hears the room in order", link).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * The joiner's messages are the stored ones from its replay on: the newest of those said before its join
     * (after the seq it caught up from; at most a page), replayed, then every one said after, live.
     */
    private static void assertReplayThenLive(RecordingFanout fanout, List<Long> stored, Join join) {
        long joinedAt = join.result().room().lastSeq(); // its own JOINED
        int cap = join.after() < 0 ? HISTORY_ON_JOIN : CoreConfig.MAX_HISTORY_PAGE;
        List<Long> before = stored.stream()
                .filter(seq -> seq < joinedAt && seq > join.after())
                .toList();
        List<Long> replay = before.subList(Math.max(0, before.size() - cap), before.size());
        List<Long> live = stored.stream().filter(seq -> seq > joinedAt).toList();
        List<Long> expected = new ArrayList<>(replay);
        expected.addAll(live);
        List<Boolean> replayFlags = new ArrayList<>(Collections.nCopies(replay.size(), true));
        replayFlags.addAll(Collections.nCopies(live.size(), false));

        List<ChatEvent.Message> received = fanout.to(join.link(), ChatEvent.Message.class).stream()
                .filter(m -> m.room().equals(ROOM))
                .toList();

        assertThat(replay).as("%s joined with messages before it", join.link()).isNotEmpty();
        assertThat(join.result().replayed()).as("%s replayed", join.link()).isEqualTo(replay.size());
        assertThat(received)
                .extracting(ChatEvent.Message::seq)
                .as("%s's messages", join.link())
                .containsExactlyElementsOf(expected);
        assertThat(received)
                .extracting(ChatEvent.Message::replay)
                .as("%s: replay, then live", join.link())
                .containsExactlyElementsOf(replayFlags);
    }

    private static void awaitTurn(CyclicBarrier start, CountDownLatch turn) throws Exception {
        start.await(30, SECONDS);
        if (!turn.await(60, SECONDS)) {
            throw new AssertionError("the talkers never said enough");
        }
    }
}
