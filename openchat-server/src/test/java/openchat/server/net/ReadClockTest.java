package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import openchat.server.testing.SteppedClock;
import org.junit.jupiter.api.Test;

/** The core's clock: one reading per read on an event loop's thread, the given clock's time everywhere else. */
class ReadClockTest {
    private final SteppedClock base = new SteppedClock();
    private final ReadClock clock = new ReadClock(base);

    /** What each message's handling read from the clock: before and after the given clock moved meanwhile. */
    private final class Reader extends ChannelInboundHandlerAdapter {
        final List<long[]> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            long first = clock.millis();
            base.advance(Duration.ofMillis(7));
            seen.add(new long[] {first, clock.millis(), clock.instant().toEpochMilli()});
        }
    }

    /** Runs {@code test} on a thread of the kind Netty's event loops run on. */
    private static void onAnEventLoopThread(Runnable test) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new FastThreadLocalThread(() -> {
            try {
                test.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        thread.start();
        done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theLinesOfOneReadShareOneReadingAndTheNextReadTakesANewOne() throws Exception {
        onAnEventLoopThread(() -> {
            Reader reader = new Reader();
            EmbeddedChannel channel = new EmbeddedChannel(ReadClock.READS, reader);
            long start = base.millis();

            channel.writeInbound("first read");
            channel.writeInbound("second read");

            assertThat(reader.seen).hasSize(2);
            long[] first = reader.seen.get(0);
            long[] second = reader.seen.get(1);
            assertThat(first[0]).isEqualTo(start);
            assertThat(first[1]).as("later in the same read").isEqualTo(start);
            assertThat(first[2]).as("instant() is the given clock's").isEqualTo(start + 7);
            assertThat(second[0]).as("a new read").isEqualTo(start + 7);
            assertThat(second[1]).isEqualTo(start + 7);
            assertThat(clock.millis()).as("outside any read").isEqualTo(start + 14);
            channel.finishAndReleaseAll();
        });
    }

    @Test
    void outsideAReadOrOffTheEventLoopsEveryCallReadsTheGivenClock() throws Exception {
        long start = base.millis();
        Reader reader = new Reader();
        EmbeddedChannel onThisThread = new EmbeddedChannel(ReadClock.READS, reader);

        onThisThread.writeInbound("a read on a thread that is not an event loop's");

        assertThat(reader.seen.get(0)).containsExactly(start, start + 7, start + 7);
        onAnEventLoopThread(() -> {
            assertThat(clock.millis()).isEqualTo(start + 7);
            base.advance(Duration.ofMillis(1));
            assertThat(clock.millis()).isEqualTo(start + 8);
        });
        onThisThread.finishAndReleaseAll();
    }

    @Test
    void twoClocksInOneReadEachTakeTheirOwnReading() throws Exception {
        SteppedClock otherBase = new SteppedClock();
        otherBase.advance(Duration.ofHours(1));
        ReadClock other = new ReadClock(otherBase);
        onAnEventLoopThread(() -> {
            List<Long> seen = new ArrayList<>();
            EmbeddedChannel channel = new EmbeddedChannel(ReadClock.READS, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object message) {
                    seen.add(clock.millis());
                    seen.add(other.millis());
                }
            });

            channel.writeInbound("one read");

            assertThat(seen).containsExactly(base.millis(), otherBase.millis());
            channel.finishAndReleaseAll();
        });
    }
}
