package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import openchat.core.ChatCore;
import openchat.core.CoreListener;
import openchat.core.InMemoryHistory;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectionLimiter;
import openchat.server.ocp.OcpListener;
import org.junit.jupiter.api.Test;

/** A session's MONITOR list lives in the listener's index only as long as the session: memory dies with it. */
class IrcMonitorListLifetimeTest {

    @Test
    void aSessionsMonitorListDiesWithTheSession() {
        ServerConfig config = ServerConfig.builder().build();
        ChannelFanout fanout = new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events());
        ChatCore<Channel> core = new ChatCore<>(
                config.core(), fanout, CoreListener.NONE, new InMemoryHistory(100), Clock.systemUTC(), key -> false);
        IrcListener listener = new IrcListener(
                config,
                core,
                fanout,
                new ServerText(Locale.ENGLISH),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                new ConnectionLimiter(
                        config.maxConnections(),
                        config.maxConnectionsPerAddress(),
                        ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS),
                key -> false,
                () -> ServerConfig.OFF,
                "openchat-test",
                reason -> core.close(reason),
                refused -> {},
                () -> openchat.server.config.Motd.NONE,
                List::of,
                new IrcReplayMarks(),
                new openchat.server.net.ConsoleFeed());
        EmbeddedChannel watcher = new EmbeddedChannel(listener.initializer(null));
        watcher.writeInbound(Unpooled.wrappedBuffer(
                "NICK watcher\r\nUSER w 0 * :W\r\nMONITOR + alice,bob,carol\r\nMONITOR - carol\r\n"
                        .getBytes(StandardCharsets.UTF_8)));
        watcher.runPendingTasks();
        assertThat(output(watcher)).contains(" 731 watcher :alice,bob,carol");
        assertThat(listener.monitors().watchedNames()).isEqualTo(2);

        watcher.close();
        watcher.runPendingTasks();

        assertThat(listener.monitors().watchedNames()).isZero();
        watcher.finishAndReleaseAll();
    }

    private static String output(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            all.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return all.toString();
    }
}
