package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Silence on a connection: a PING cue each ping interval, then the idle timeout; any read starts over. */
class SilenceWatchTest {
    private final List<Object> seen = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    SilenceWatchTest() {
        channel.freezeTime();
        channel.pipeline()
                .addLast(new SilenceWatch(30, 90, TimeUnit.SECONDS))
                .addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        seen.add(event);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        seen.add(cause);
                    }
                });
    }

    private void pass(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void eachPingIntervalOfSilenceIsToldOnceThenTheIdleTimeoutCloses() {
        pass(29);
        assertThat(seen).isEmpty();
        pass(1);
        assertThat(seen).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        pass(30);
        assertThat(seen)
                .containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT, IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();
        pass(30);
        assertThat(seen).last().isSameAs(ReadTimeoutException.INSTANCE);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anyReadStartsTheSilenceOver() {
        pass(30);
        pass(30);
        pass(20);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'x'}));
        pass(29);
        assertThat(seen)
                .containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT, IdleStateEvent.READER_IDLE_STATE_EVENT);
        pass(1);
        assertThat(seen).hasSize(3).last().isEqualTo(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        pass(59);
        assertThat(channel.isOpen()).as("89 s after the read").isTrue();
        pass(1);
        assertThat(channel.isOpen()).isFalse();
        channel.releaseInbound();
    }
}
