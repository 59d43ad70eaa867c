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
 * The socket transport this machine offers: Linux's native epoll when its library loads (fewer system calls
 * and copies than the JDK's selector), the JDK's NIO otherwise; io_uring when asked for and the kernel
 * allows it. {@code -Dopenchat.transport=io_uring|epoll|nio} forces one, to compare them or to step around a
 * native problem (a transport that is not available falls back to the best one that is). The server, the
 * bare relay and the load generator take their event loops and channel classes from here, so one switch
 * moves them together.
 */
public enum NettyTransport {
    IO_URING,
    EPOLL,
    NIO;

    /** The property that forces a transport: {@code io_uring}, {@code epoll} or {@code nio}. */
    public static final String PROPERTY = "openchat.transport";

    private static final NettyTransport BEST = choose(System.getProperty(PROPERTY, ""));

    static NettyTransport choose(String forced) {
        String wanted = forced.toLowerCase(Locale.ROOT);
        if (wanted.equals("nio")) {
            return NIO;
        }
        if (wanted.equals("io_uring") && IoUring.isAvailable()) {
            return IO_URING;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport in use: io_uring when asked for and available; otherwise epoll when available and not turned
     * off, else NIO. Epoll is the default because io_uring was slower here (docs/BENCHMARKS.md).
     */
    public static NettyTransport best() {
        return BEST;
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
