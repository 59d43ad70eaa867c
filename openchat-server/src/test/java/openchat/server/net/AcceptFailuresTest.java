package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import openchat.server.metrics.ServerMetrics;
import openchat.server.testing.CapturedLog;
import openchat.transport.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accepts refused for want of file descriptors, fed to the listening socket's handler on an event loop whose time
 * only the test moves: said once in a plain line, then once a minute; counted in the metrics; accepting paused a
 * second; never passed on to the end of the pipeline, where Netty would log its stack trace.
 */
class AcceptFailuresTest {
    private final ServerMetrics metrics = new ServerMetrics(
            new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
            new ConnectionLimiter(10, 10, 10),
            new EmbeddedChannel().eventLoop(),
            reason -> 503,
            "test");
    private final EmbeddedChannel listener =
            new EmbeddedChannel(new AcceptFailures(10_000, OptionalLong.of(64), metrics::refusedForDescriptors));
    private final CapturedLog log = new CapturedLog(AcceptFailures.class.getName());

    @AfterEach
    void closeLog() {
        log.close();
    }

    private void pass(long seconds) {
        listener.advanceTimeBy(seconds, TimeUnit.SECONDS);
        listener.runScheduledPendingTasks();
    }

    private String metricsText() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void tooManyOpenFilesIsOnePlainWarningAMinuteCountedAndNotPassedOn() {
        listener.freezeTime();
        assertThat(metricsText()).contains("openchat_connections_refused_total{reason=\"fd_limit\"} 0.0");

        for (int i = 0; i < 3; i++) {
            listener.pipeline().fireExceptionCaught(new IOException("Too many open files"));
        }

        listener.checkException(); // nothing reached the tail
        assertThat(log.messages(Level.WARN))
                .containsExactly("cannot accept connections on embedded: Too many open files (this process may have"
                        + " 64 files open; --max-connections is 10000): raise the limit (ulimit -n in the shell that"
                        + " starts the server, LimitNOFILE= in its systemd unit) or lower --max-connections; trying"
                        + " again in 1 s");
        assertThat(log.events()).allMatch(event -> event.getThrowableProxy() == null, "no stack trace");
        assertThat(metricsText()).contains("openchat_connections_refused_total{reason=\"fd_limit\"} 3.0");

        pass(60);

        assertThat(log.messages(Level.WARN))
                .hasSize(2)
                .last()
                .isEqualTo("could not accept a connection 2 more times for want of file descriptors in the last"
                        + " minute, on embedded (2)");
    }

    @Test
    void aListenerOutOfDescriptorsRestsASecondBeforeAcceptingAgain() {
        listener.freezeTime();

        listener.pipeline().fireExceptionCaught(new IOException("Too many open files"));

        assertThat(listener.config().isAutoRead()).isFalse();
        pass(1);
        assertThat(listener.config().isAutoRead()).isTrue();
    }

    @Test
    void anyOtherFailureGoesOnDownThePipelineUncounted() {
        IOException other = new IOException("Connection reset by peer");

        listener.pipeline().fireExceptionCaught(other);

        assertThatThrownBy(listener::checkException).isSameAs(other);
        assertThat(log.events()).isEmpty();
        assertThat(listener.config().isAutoRead()).isTrue();
        assertThat(metricsText()).contains("openchat_connections_refused_total{reason=\"fd_limit\"} 0.0");
    }

    @Test
    void aRealListeningSocketSaysItsAddressAndKeepsListening() throws Exception {
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup loop = transport.eventLoopGroup(1, "accept-failures-test");
        try {
            Channel bound = new ServerBootstrap()
                    .group(loop)
                    .channel(transport.serverChannel())
                    .handler(new AcceptFailures(10_000, OptionalLong.empty(), metrics::refusedForDescriptors))
                    .childHandler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .sync()
                    .channel();
            int port = ((InetSocketAddress) bound.localAddress()).getPort();

            bound.pipeline().fireExceptionCaught(new IOException("Too many open files"));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !log.messages(Level.WARN).isEmpty());
            assertThat(log.messages(Level.WARN).get(0))
                    .startsWith("cannot accept connections on 127.0.0.1:" + port
                            + ": Too many open files (this process has as many files open as it may;");
            assertThat(metricsText()).contains("openchat_connections_refused_total{reason=\"fd_limit\"} 1.0");
            await().atMost(Duration.ofSeconds(5)).until(() -> bound.config().isAutoRead());
            try (Socket client = new Socket("127.0.0.1", port)) {
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(bound.isOpen()).isTrue();
            bound.close().sync();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
