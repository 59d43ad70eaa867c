package openchat.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The socket transport this machine offers: Linux's io_uring where the kernel allows it, Linux's native epoll
 * where it does not (io_uring turned off by {@code kernel.io_uring_disabled}, or refused by a container's seccomp
 * profile), the JDK's NIO where neither library loads. {@code -Dopenchat.transport=io_uring|epoll|nio} forces one,
 * to compare them or to step around a native problem (a transport that is not available falls back to the best one
 * that is). The server and the bare relay take their event loops and channel classes from {@link #best}; the load
 * generator from {@link #forLoadGenerator}.
 *
 * <p>io_uring is the default because it costs the server less per delivery than epoll at every load measured, a
 * sixth less at closed-5 to nearly half at closed-500 and a third at 1,000 messages a second to 50 members, with as
 * many deliveries or more (docs/BENCHMARKS.md, "io_uring against epoll, again"): the writes a loop pass flushes go to
 * the kernel in one system call, and while a member's write is in flight the lines that follow gather behind it.
 */
public enum NettyTransport {
    IO_URING,
    EPOLL,
    NIO;

    /** The property that forces a transport: {@code io_uring}, {@code epoll} or {@code nio}. */
    public static final String PROPERTY = "openchat.transport";

    private static final String FORCED = System.getProperty(PROPERTY, "");
    private static final NettyTransport BEST = choose(FORCED);

    static NettyTransport choose(String forced) {
        String wanted = forced.toLowerCase(Locale.ROOT);
        if (wanted.equals("nio")) {
            return NIO;
        }
        if (!wanted.equals("epoll") && IoUring.isAvailable()) {
            return IO_URING;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport in use: the one forced by {@link #PROPERTY} if available; otherwise io_uring where the kernel
     * allows it, else epoll where it loads, else NIO.
     */
    public static NettyTransport best() {
        return BEST;
    }

    /**
     * The load generator's transport: the one forced by {@link #PROPERTY}, otherwise epoll where it loads (NIO
     * elsewhere), as in every table measured before io_uring became the server's default, so that a change of the
     * server's transport is not also a change of the instrument that measures it.
     */
    public static NettyTransport forLoadGenerator() {
        return FORCED.isEmpty() ? choose("epoll") : BEST;
    }

    /**
     * An event loop group of {@code threads} threads; 0 means one per usable core (Netty's own default is two
     * per core, which on a server pinned to one core makes two loops take turns on it and hand work to each
     * other: 440k against 733k deliveries/s in the closed-5 bench).
     */
    public EventLoopGroup eventLoopGroup(int threads, String threadName) {
        if (threads == 0) {
            threads = NettyRuntime.availableProcessors();
        }
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName), ioHandlerFactory());
    }

    private IoHandlerFactory ioHandlerFactory() {
        switch (this) {
            case IO_URING:
                return IoUringIoHandler.newFactory();
            case EPOLL:
                return EpollIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    public Class<? extends SocketChannel> socketChannel() {
        switch (this) {
            case IO_URING:
                return IoUringSocketChannel.class;
            case EPOLL:
                return EpollSocketChannel.class;
            default:
                return NioSocketChannel.class;
        }
    }

    public Class<? extends ServerChannel> serverChannel() {
        switch (this) {
            case IO_URING:
                return IoUringServerSocketChannel.class;
            case EPOLL:
                return EpollServerSocketChannel.class;
            default:
                return NioServerSocketChannel.class;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
