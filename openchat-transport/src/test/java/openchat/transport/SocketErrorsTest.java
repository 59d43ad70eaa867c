package openchat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Real sockets on every transport this machine has: the reason a person reads is the system's, the same on each. */
class SocketErrorsTest {

    @Test
    void aPortInUseReadsAddressAlreadyInUseOnEveryTransport() throws Exception {
        for (String name : new String[] {"nio", "epoll", "io_uring"}) {
            NettyTransport transport = NettyTransport.choose(name);
            EventLoopGroup group = transport.eventLoopGroup(1, "errors-" + name);
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ChannelFuture bind = new ServerBootstrap()
                        .group(group)
                        .channel(transport.serverChannel())
                        .childHandler(new ChannelInboundHandlerAdapter())
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()));

                assertThat(bind.await(5, TimeUnit.SECONDS)).as(name).isTrue();
                assertThat(bind.isSuccess()).as(name).isFalse();
                assertThat(SocketErrors.reason(bind.cause())).as(name).isEqualTo("Address already in use");
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    @Test
    void aPortNobodyListensOnReadsConnectionRefusedWithoutTheAddressOnEveryTransport() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        for (String name : new String[] {"nio", "epoll", "io_uring"}) {
            NettyTransport transport = NettyTransport.choose(name);
            EventLoopGroup group = transport.eventLoopGroup(1, "errors-" + name);
            try {
                ChannelFuture connect = new Bootstrap()
                        .group(group)
                        .channel(transport.socketChannel())
                        .handler(new ChannelInboundHandlerAdapter())
                        .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), free));

                assertThat(connect.await(5, TimeUnit.SECONDS)).as(name).isTrue();
                assertThat(connect.isSuccess()).as(name).isFalse();
                assertThat(SocketErrors.reason(connect.cause())).as(name).isEqualTo("Connection refused");
                Channel channel = connect.channel();
                channel.close().await(5, TimeUnit.SECONDS);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    @Test
    void runningOutOfFileDescriptorsIsKnownOnEveryTransportAndNothingElseIs() {
        assertThat(SocketErrors.outOfDescriptors(new IOException("Too many open files")))
                .as("NIO's accept")
                .isTrue();
        assertThat(SocketErrors.outOfDescriptors(new IOException("Too many open files in system")))
                .as("NIO, the system's limit")
                .isTrue();
        assertThat(SocketErrors.outOfDescriptors(new IOException("Connection reset by peer")))
                .isFalse();
        assertThat(SocketErrors.outOfDescriptors(new IllegalStateException("Too many open files")))
                .as("not a system call's failure")
                .isFalse();
        Assumptions.assumeTrue(Epoll.isAvailable(), "the native transport's exception needs its library");
        Errors.NativeIoException emfile = new Errors.NativeIoException("accept", -24);
        assertThat(emfile.getMessage()).isEqualTo("accept(..) failed with error(-24): Too many open files");
        assertThat(SocketErrors.outOfDescriptors(emfile)).isTrue();
        assertThat(SocketErrors.outOfDescriptors(new Errors.NativeIoException("accept", -23)))
                .as("ENFILE")
                .isTrue();
        assertThat(SocketErrors.outOfDescriptors(new Errors.NativeIoException("accept", -104)))
                .as("ECONNRESET")
                .isFalse();
    }
}
