package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A member over its backlog is dropped only if it is still over it after the grace. */
class BacklogWatchTest {
    private static final int HIGH_WATER = 1024;

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512, HIGH_WATER));
        // The loop's clock moves only by advanceTimeBy: on a loaded machine a millisecond of real time between
        // scheduling and running would otherwise fire the drop "within the grace".
        channel.freezeTime();
        return channel;
    }

    @Test
    void memberStillOverItsBacklogAfterTheGraceIsDropped() {
        EmbeddedChannel channel = channel();
        AtomicInteger drops = new AtomicInteger();
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH_WATER + 1])); // queued, not flushed: unsent
        assertThat(channel.isWritable()).isFalse();

        BacklogWatch.unwritable(channel, drops::incrementAndGet);
        channel.advanceTimeBy(BacklogWatch.GRACE_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(drops).as("within the grace").hasValue(0);
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(drops).as("after it").hasValue(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void memberThatReadsItsBurstWithinTheGraceStays() {
        EmbeddedChannel channel = channel();
        AtomicInteger drops = new AtomicInteger();
        channel.write(Unpooled.wrappedBuffer(new byte[HIGH_WATER + 1]));
        BacklogWatch.unwritable(channel, drops::incrementAndGet);

        channel.flush(); // the kernel took it: nothing unsent
        assertThat(channel.isWritable()).isTrue();
        channel.advanceTimeBy(BacklogWatch.GRACE_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(drops).hasValue(0);
        channel.finishAndReleaseAll();
    }
}
