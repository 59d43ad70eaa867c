package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The console's status lines for their watchers: every line to each watcher while it watches, and a flood capped at
 * {@value ConsoleFeed#LINES_PER_WINDOW} a window, the rest told as a count when the window ends. The watchers' executor
 * here is the test's thread and their windows end when the test says: no time passes.
 */
class ConsoleFeedTest {
    private final ConsoleFeed feed = new ConsoleFeed();
    /** The windows' ends waiting, in the order asked for. */
    private final Queue<Runnable> windowEnds = new ArrayDeque<>();

    /** What one watcher was told: its lines, and {@code skipped N} for a count. */
    private final List<String> told = new ArrayList<>();

    private ConsoleFeed.Watch watch(List<String> into) {
        return feed.watch(
                Runnable::run,
                (delay, task) -> {
                    assertThat(delay).isEqualTo(Duration.ofSeconds(1));
                    windowEnds.add(task);
                },
                new ConsoleFeed.Watcher() {
                    @Override
                    public void line(String line) {
                        into.add(line);
                    }

                    @Override
                    public void skipped(int count) {
                        into.add("skipped " + count);
                    }
                });
    }

    private void publish(String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            feed.publish(prefix + i);
        }
    }

    private void endWindow() {
        assertThat(windowEnds).as("a window is open").isNotEmpty();
        windowEnds.remove().run();
    }

    @Test
    void aWatcherGetsEveryLineFromItsWatchUntilItCloses() {
        feed.publish("[CONNECT] 이전");
        ConsoleFeed.Watch watch = watch(told);
        assertThat(feed.watched()).isTrue();

        feed.publish("[CONNECT] 유저1");
        feed.publish("[KICK] 유저1 (관리자: 채팅관리자)");
        watch.close();
        feed.publish("[CONNECT] 유저2");

        assertThat(told).containsExactly("[CONNECT] 유저1", "[KICK] 유저1 (관리자: 채팅관리자)");
        assertThat(feed.watched()).isFalse();
    }

    @Test
    void aFloodIsCappedAtTenLinesAWindowAndTheRestToldAsOneCountWhenItEnds() {
        watch(told);

        publish("[CONNECT] bot", 25);

        assertThat(told).hasSize(ConsoleFeed.LINES_PER_WINDOW).last().isEqualTo("[CONNECT] bot10");
        endWindow();
        assertThat(told).hasSize(11).last().isEqualTo("skipped 15");

        publish("[CONNECT] more", 12); // the flood goes on: the next window opened with the count
        assertThat(told).hasSize(21).last().isEqualTo("[CONNECT] more10");
        endWindow();
        assertThat(told).last().isEqualTo("skipped 2");

        endWindow(); // a quiet window: nothing to tell, and no window after it
        assertThat(told).hasSize(22);
        assertThat(windowEnds).isEmpty();
        publish("[LEAVE] bot", 1);
        assertThat(told).last().isEqualTo("[LEAVE] bot1");
        assertThat(windowEnds)
                .as("a new window with the first line after the quiet")
                .hasSize(1);
    }

    @Test
    void eachWatcherHasItsOwnCapAndAClosedOneIsToldNoCount() {
        List<String> other = new ArrayList<>();
        ConsoleFeed.Watch first = watch(told);
        publish("a", 10);
        watch(other);
        publish("b", 5);

        assertThat(told).hasSize(10).last().isEqualTo("a10");
        assertThat(other).containsExactly("b1", "b2", "b3", "b4", "b5");
        first.close();
        endWindow();
        endWindow();
        assertThat(told).as("closed before its window ended").hasSize(10);
    }
}
