package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A message left part-way by a read must be whole a deadline after the read that began it; the server's own pauses
 * in reading do not count against it. Time moves only when the test moves it.
 */
class MessageDeadlineTest {
    private final AtomicInteger expired = new AtomicInteger();
    private final MessageDeadline deadline = new MessageDeadline(Duration.ofSeconds(10), expired::incrementAndGet);
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();

    MessageDeadlineTest() {
        channel.freezeTime();
    }

    private void pass(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aMessageLeftPartWayExpiresAtItsDeadlineNotBeforeAndOnce() {
        deadline.afterRead(ctx, true, false);
        pass(4_000);
        deadline.afterRead(ctx, true, false); // more of the same message
        pass(5_999);
        assertThat(expired).hasValue(0);
        pass(1);
        assertThat(expired).hasValue(1);
        pass(60_000);
        assertThat(expired).hasValue(1);
    }

    @Test
    void aReadThatEndsTheMessageStartsTheNextOnesTime() {
        deadline.afterRead(ctx, true, false);
        pass(8_000);
        deadline.afterRead(ctx, true, true); // the first ended, a second began
        pass(8_000);
        deadline.afterRead(ctx, false, true); // the second ended
        pass(60_000);
        assertThat(expired).hasValue(0);
    }

    @Test
    void theTimeTheServerDoesNotReadTheConnectionDoesNotCount() {
        deadline.afterRead(ctx, true, false);
        channel.config().setAutoRead(false); // fakelag: the rest of the message may wait unread
        pass(35_000);
        assertThat(expired).hasValue(0);

        channel.config().setAutoRead(true);
        pass(10_000);
        assertThat(expired).as("read again, perhaps not yet what waited").hasValue(0);
        pass(9_999);
        assertThat(expired).hasValue(0);
        pass(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void aConnectionWithNothingPartWayHasNoDeadlineAndStopEndsOne() {
        deadline.afterRead(ctx, false, true);
        pass(60_000);
        deadline.afterRead(ctx, true, false);
        deadline.stop();
        pass(60_000);
        assertThat(expired).hasValue(0);
    }
}
