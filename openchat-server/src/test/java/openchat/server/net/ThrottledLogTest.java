package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The storm log's periods on an event loop whose time only the test moves. */
class ThrottledLogTest {
    private final List<String> lines = new ArrayList<>();
    private final ThrottledLog<String> log =
            new ThrottledLog<>((count, top) -> lines.add(count + " more, from " + top));
    private final EmbeddedChannel loop = new EmbeddedChannel();

    private void occurred(String key) {
        log.occurred(key, () -> lines.add("one from " + key), loop.eventLoop());
    }

    private void pass(long seconds) {
        loop.advanceTimeBy(seconds, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
    }

    @Test
    void aStormIsOneLineAtOnceThenOneAMinuteNamingTheKeysWithTheMost() {
        loop.freezeTime();
        occurred("10.0.0.1");
        for (int i = 0; i < 120; i++) {
            occurred("10.0.0.2");
        }
        for (int i = 0; i < 30; i++) {
            occurred("10.0.0.1");
        }
        pass(59);
        assertThat(lines).containsExactly("one from 10.0.0.1");

        pass(1);
        for (int i = 0; i < 7; i++) {
            occurred("10.0.0." + (10 + i));
        }
        pass(60);

        assertThat(lines)
                .containsExactly(
                        "one from 10.0.0.1",
                        "150 more, from 10.0.0.2 (120), 10.0.0.1 (30)",
                        "7 more, from 10.0.0.10 (1), 10.0.0.11 (1), 10.0.0.12 (1), 10.0.0.13 (1), 10.0.0.14 (1)"
                                + " and 2 more");
    }

    @Test
    void afterAQuietMinuteTheNextOneIsLoggedAtOnceAgain() {
        loop.freezeTime();
        occurred("a");
        pass(60);
        pass(60);
        occurred("b");

        assertThat(lines).containsExactly("one from a", "one from b");
    }
}
