package openchat.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The socket transport this machine offers: Linux's native epoll when its library loads (fewer system calls
 * and copies than the JDK's selector), the JDK's NIO otherwise. {@code -Dopenchat.transport=nio} forces NIO,
 * to compare the two or to step around a native problem. The server, the bare relay and the load generator take their event loops
 * and channel classes from here, so one switch moves them together.
 */
public enum NettyTransport {
    EPOLL,
    NIO;

    /** The property that forces a transport: {@code nio} or {@code epoll}. */
    public static final String PROPERTY = "openchat.transport";

    private static final NettyTransport BEST = choose(System.getProperty(PROPERTY, ""));

    static NettyTransport choose(String forced) {
        if (forced.equalsIgnoreCase("nio")) {
            return NIO;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport in use: epoll when available and not turned off, else NIO. */
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
        DefaultThreadFactory factory = new DefaultThreadFactory(threadName);
        return this == EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
