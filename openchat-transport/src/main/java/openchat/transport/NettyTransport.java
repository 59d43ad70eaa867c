package openchat.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
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
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * The socket transport this machine offers: Linux's native epoll, the JDK's NIO where it does not load.
 * {@code -Dopenchat.transport=io_uring|epoll|nio} forces one, to compare them or to step around a native problem (a
 * transport that is not available falls back to the default). The server, the bare relay and the load generator all
 * take their event loops and channel classes from {@link #best}.
 *
 * <p>epoll, not io_uring, is the default. io_uring costs the server less per delivery (a sixth at closed-5 to nearly
 * half at closed-500, docs/BENCHMARKS.md, "io_uring against epoll, again"), but when thousands of connections drop at
 * once it stalls everyone else on the loop half as long again and spends more CPU doing it: Netty's io_uring handler
 * removes each closed channel's registration from a map whose removals cost more the more are removed together, and
 * the kernel cancels each one's poll ("A mass disconnect on io_uring"). Nor is it there in many containers (Docker's
 * default seccomp profile refuses it). {@code -Dopenchat.transport=io_uring} is for a server that wants the cheaper
 * deliveries and can take that.
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
     * The transport in use: the one forced by {@link #PROPERTY} if available; otherwise epoll where it loads, else
     * NIO.
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

    /**
     * Listening sockets of one address family, for a listener that binds IPv4 and IPv6 addresses on one port
     * ({@code --host 0.0.0.0,::}): an IPv4 socket, or an IPv6 socket that takes IPv6 alone ({@code IPV6_V6ONLY}), so
     * that the two bind side by side. The default socket is IPv6 and takes both families: bound to {@code 0.0.0.0}
     * it listens on every IPv6 address too, and {@code ::} on it takes IPv4 too. epoll makes both kinds; NIO makes
     * IPv4 sockets but no IPv6-only one, and io_uring neither: there the default socket is made, and {@code ::}
     * beside an IPv4 address on the same port is refused as in use.
     */
    public ChannelFactory<ServerChannel> serverChannelOfFamily(boolean ipv6) {
        switch (this) {
            case EPOLL:
                return ipv6
                        ? () -> {
                            EpollServerSocketChannel channel = new EpollServerSocketChannel(SocketProtocolFamily.INET6);
                            channel.config().setOption(IPV6_ONLY, 1);
                            return channel;
                        }
                        : () -> new EpollServerSocketChannel(SocketProtocolFamily.INET);
            case NIO:
                if (!ipv6) {
                    return () -> new NioServerSocketChannel(SelectorProvider.provider(), SocketProtocolFamily.INET);
                }
                return NioServerSocketChannel::new;
            default:
                return IoUringServerSocketChannel::new;
        }
    }

    /** Linux's {@code IPV6_V6ONLY}: {@code IPPROTO_IPV6} (41), option 26. */
    private static final ChannelOption<Integer> IPV6_ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
