package openchat.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import openchat.transport.NettyTransport;

/**
 * The physical-limit reference: an IRC-shaped relay that only frames lines and copies each PRIVMSG, prefixed
 * with its sender, to every other connection. No rooms, names, limits or checks: what is left is the cost of
 * reading, framing and writing each line to each member. It uses the techniques openchat's fanout used until
 * 2026-12-02 (recipients grouped by event loop once per membership, one task per loop per line, one flush per
 * channel per loop pass, plain duplicates of one buffer); it does not merge the lines of a loop pass into one
 * buffer per member as openchat's fanout now does, so at N=50 and N=500 openchat can pass it
 * (docs/BENCHMARKS.md, "Latest table").
 */
public final class BareRelay implements AutoCloseable {
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup acceptor = transport.eventLoopGroup(1, "relay-accept");
    private final EventLoopGroup workers = transport.eventLoopGroup(0, "relay");
    private final Channel listener;
    private final Map<EventLoop, Flusher> flushers = new ConcurrentHashMap<>();
    /** The joined channels, copied on every join and leave; grouped by loop once per copy. */
    private final List<Channel> joined = new ArrayList<>();

    private volatile Recipients recipients;

    private BareRelay(String host, int port) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Lines());
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
    }

    public static BareRelay start(String host, int port) throws InterruptedException {
        return new BareRelay(host, port);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        List<Channel> open;
        synchronized (joined) {
            open = new ArrayList<>(joined);
        }
        open.forEach(Channel::close);
        acceptor.shutdownGracefully();
        workers.shutdownGracefully().syncUninterruptibly();
    }

    private record Recipients(Map<EventLoop, Channel[]> byLoop) {}

    private void membership(Channel channel, boolean join) {
        synchronized (joined) {
            if (join) {
                joined.add(channel);
            } else {
                joined.remove(channel);
            }
            recipients = null; // grouped again on the next line relayed, not on every join
        }
    }

    private Recipients recipients() {
        Recipients current = recipients;
        if (current != null) {
            return current;
        }
        synchronized (joined) {
            if (recipients == null) {
                Map<EventLoop, List<Channel>> grouping = new IdentityHashMap<>();
                for (Channel member : joined) {
                    grouping.computeIfAbsent(member.eventLoop(), loop -> new ArrayList<>())
                            .add(member);
                }
                Map<EventLoop, Channel[]> byLoop = new IdentityHashMap<>();
                grouping.forEach((loop, channels) -> byLoop.put(loop, channels.toArray(new Channel[0])));
                recipients = new Recipients(byLoop);
            }
            return recipients;
        }
    }

    /** Copies {@code frame} to every joined channel but {@code from}; takes ownership of {@code frame}. */
    private void relay(ByteBuf frame, Channel from) {
        for (Map.Entry<EventLoop, Channel[]> loop : recipients().byLoop().entrySet()) {
            Channel[] channels = loop.getValue();
            if (channels.length == 1 && channels[0] == from) {
                continue;
            }
            ByteBuf copy = frame.retainedDuplicate();
            Flusher flusher = flushers.computeIfAbsent(loop.getKey(), Flusher::new);
            loop.getKey().execute(() -> {
                for (Channel channel : channels) {
                    if (channel != from) {
                        channel.write(copy.duplicate().retain(), channel.voidPromise());
                        flusher.dirty(channel);
                    }
                }
                copy.release();
            });
        }
        frame.release();
    }

    /** Channels one loop wrote to since its last flush; touched only on that loop. */
    private static final class Flusher implements Runnable {
        private final EventLoop loop;
        private final Set<Channel> dirty = new LinkedHashSet<>();
        private boolean scheduled;

        Flusher(EventLoop loop) {
            this.loop = loop;
        }

        void dirty(Channel channel) {
            dirty.add(channel);
            if (!scheduled) {
                scheduled = true;
                loop.execute(this);
            }
        }

        @Override
        public void run() {
            scheduled = false;
            dirty.forEach(Channel::flush);
            dirty.clear();
        }
    }

    /** Frames lines in place; PRIVMSG is relayed with the sender's prefix, NICK/JOIN/PING answered. */
    private final class Lines extends LineFramer {
        private byte[] prefix; // ":nick "

        /** One line, relayed with its CRLF. */
        @Override
        protected void line(ChannelHandlerContext ctx, ByteBuf in, int start, int lf) {
            int end = lf + 1;
            if (startsWith(in, start, end, "PRIVMSG ") && prefix != null) {
                ByteBuf frame = ctx.alloc().directBuffer(prefix.length + end - start);
                frame.writeBytes(prefix).writeBytes(in, start, end - start);
                relay(frame, ctx.channel());
            } else if (startsWith(in, start, end, "NICK ")) {
                String nick = in.toString(start + 5, end - start - 5, StandardCharsets.UTF_8)
                        .strip();
                prefix = (":" + nick + " ").getBytes(StandardCharsets.UTF_8);
                reply(ctx, ":relay 001 " + nick + " :relay");
            } else if (startsWith(in, start, end, "JOIN ") && prefix != null) {
                membership(ctx.channel(), true);
                String nick = new String(prefix, 1, prefix.length - 2, StandardCharsets.UTF_8);
                reply(ctx, ":relay 366 " + nick + " #bench :End of /NAMES list.");
            } else if (startsWith(in, start, end, "PING")) {
                reply(ctx, "PONG :relay");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            membership(ctx.channel(), false);
            super.channelInactive(ctx);
        }

        private void reply(ChannelHandlerContext ctx, String line) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        }

        private static boolean startsWith(ByteBuf in, int start, int end, String prefix) {
            if (end - start < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (in.getByte(start + i) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
