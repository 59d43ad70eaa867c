package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue between the appending threads and the history writer: when an append waits for the writer, and when it
 * does not. The writer is played by the test (taking batches and settling them), so each step is explicit.
 */
class WriteQueueTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(60);

    /** Batches of 2, at most 10 waiting, appends held past 4 waiting. */
    private static WriteQueue<Integer> queue(long stallNanos) {
        return new WriteQueue<>(2, 0, 10, 4, stallNanos);
    }

    private static CompletableFuture<List<Integer>> appendElsewhere(WriteQueue<Integer> queue, int message) {
        return CompletableFuture.supplyAsync(() -> queue.add(message));
    }

    private static void fill(WriteQueue<Integer> queue, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(queue.add(i)).isEmpty();
        }
    }

    @Test
    void appendsDoNotWaitWhileTheWriterIsLessThanMaxBehindBehind() {
        WriteQueue<Integer> queue = queue(LONG);

        fill(queue, 4);

        assertThat(queue.size()).isEqualTo(4);
        assertThat(queue.appendsHeld()).isZero();
    }

    @Test
    void anAppendPastMaxBehindWaitsUntilTheWriterIsHalfwayBack() throws Exception {
        WriteQueue<Integer> queue = queue(LONG);
        fill(queue, 4);

        CompletableFuture<List<Integer>> fifth = appendElsewhere(queue, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.appendsHeld() == 1);
        assertThat(queue.nextBatch()).hasSize(2);
        queue.settle(2);
        assertThat(fifth).as("3 still waiting, over half of 4").isNotDone();

        assertThat(queue.nextBatch()).hasSize(2);
        queue.settle(2);

        assertThat(fifth.get(10, TimeUnit.SECONDS)).as("nothing dropped").isEmpty();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.takeDropped()).isZero();
    }

    @Test
    void aWriterThatFailsIsNotWaitedForAndPastCapacityTheOldestAreDropped() throws Exception {
        WriteQueue<Integer> queue = queue(LONG);
        fill(queue, 4);
        CompletableFuture<List<Integer>> fifth = appendElsewhere(queue, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.appendsHeld() == 1);

        queue.writerFailing(true);

        assertThat(fifth.get(10, TimeUnit.SECONDS)).isEmpty();
        fill(queue, 5);
        assertThat(queue.add(11)).as("the oldest, past 10 waiting").containsExactly(0);
        assertThat(queue.appendsHeld()).isEqualTo(1);
        assertThat(queue.takeDropped()).isEqualTo(1);
    }

    @Test
    void aWriterThatRecoversIsWaitedForAgain() throws Exception {
        WriteQueue<Integer> queue = queue(LONG);
        queue.writerFailing(true);
        fill(queue, 6);

        queue.writerFailing(false);
        CompletableFuture<List<Integer>> seventh = appendElsewhere(queue, 7);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.appendsHeld() == 1);
        assertThat(seventh).isNotDone();
        queue.nextBatch();
        queue.nextBatch();
        queue.nextBatch();
        queue.settle(6);
        assertThat(seventh.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aWriterThatSettlesNothingForTheStallTimeIsNoLongerWaitedForUntilItDoes() throws Exception {
        WriteQueue<Integer> queue = queue(TimeUnit.MILLISECONDS.toNanos(50));
        fill(queue, 4);

        assertThat(appendElsewhere(queue, 5).get(10, TimeUnit.SECONDS))
                .as("given up on after the stall time")
                .isEmpty();
        fill(queue, 3);
        assertThat(queue.appendsHeld()).as("no wait while it is stalled").isEqualTo(1);

        queue.nextBatch();
        queue.settle(2);
        CompletableFuture<List<Integer>> next = appendElsewhere(queue, 9);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.appendsHeld() == 2);
        queue.nextBatch();
        queue.nextBatch();
        queue.nextBatch();
        queue.settle(6);
        assertThat(next.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void closingReleasesAWaitingAppend() throws Exception {
        WriteQueue<Integer> queue = queue(LONG);
        fill(queue, 4);
        CompletableFuture<List<Integer>> fifth = appendElsewhere(queue, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.appendsHeld() == 1);

        queue.close();

        assertThat(fifth.get(10, TimeUnit.SECONDS)).isEmpty();
    }
}
