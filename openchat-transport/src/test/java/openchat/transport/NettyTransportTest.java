package openchat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which transport -Dopenchat.transport picks, and that each one's event loops run. */
class NettyTransportTest {

    @Test
    void epollIsTheDefaultThenNioAndIoUringOnlyWhenAsked() {
        NettyTransport epollOrNio = Epoll.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO;
        assertThat(NettyTransport.choose("")).isEqualTo(epollOrNio);
        assertThat(NettyTransport.choose("epoll")).as("forced").isEqualTo(epollOrNio);
        assertThat(NettyTransport.choose("io_uring"))
                .as("asked for")
                .isEqualTo(IoUring.isAvailable() ? NettyTransport.IO_URING : epollOrNio);
    }

    @Test
    void nioAndIoUringAreChosenByName() {
        assertThat(NettyTransport.choose("NIO")).isEqualTo(NettyTransport.NIO);
        assertThat(NettyTransport.choose("io_uring"))
                .isEqualTo(IoUring.isAvailable() ? NettyTransport.IO_URING : NettyTransport.choose(""));
        assertThat(NettyTransport.choose("quantum"))
                .as("an unknown name: the default")
                .isEqualTo(NettyTransport.choose(""));
    }

    @Test
    void everyAvailableTransportRunsATaskOnItsEventLoop() throws Exception {
        for (String name : new String[] {"nio", "epoll", "io_uring"}) {
            NettyTransport transport = NettyTransport.choose(name);
            EventLoopGroup group = transport.eventLoopGroup(1, "test-" + name);
            try {
                assertThat(group.submit(() -> "ran").get(5, TimeUnit.SECONDS))
                        .as(name)
                        .isEqualTo("ran");
                assertThat(transport.socketChannel().getSimpleName()).as(name).endsWith("SocketChannel");
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }
}
