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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import openchat.transport.NettyTransport;

/**
 * The physical-limit reference: an IRC-shaped relay that only frames lines and copies each PRIVMSG, prefixed
 * with its sender, to every other connection. No rooms, names, limits or checks: what is left is the cost of
 * reading, framing and writing each line to each member. It writes the way openchat's fanout does (recipients
 * grouped by event loop once per membership; per loop, one task per burst of lines, which copies consecutive lines
 * into one buffer, writes each member a slice of it, its own lines left out, and flushes each member once), so
 * that it stays the most a server can get from the generator with that technique (docs/BENCHMARKS.md, "Method").
 */
public final class BareRelay implements AutoCloseable {
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup acceptor = transport.eventLoopGroup(1, "relay-accept");
    private final EventLoopGroup workers = transport.eventLoopGroup(0, "relay");
    private final Channel listener;
    private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();
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
            outboxes.computeIfAbsent(loop.getKey(), Outbox::new).add(new Line(frame.retain(), from, channels));
        }
        frame.release();
    }

    /** A line for one loop's channels ({@code channels}, one membership's grouping), less its sender's. */
    private record Line(ByteBuf frame, Channel from, Channel[] channels) {}

    /**
     * The lines handed to one loop, written by one task per burst: consecutive lines to the same channels are copied
     * into one buffer, each channel is written a slice of it (its sender's slices around its own lines), and each
     * channel is flushed once.
     */
    private static final class Outbox implements Runnable {
        private final EventLoop loop;
        private final Queue<Line> handedOver = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** Touched only on the loop. */
        private final List<Line> taken = new ArrayList<>();

        private final Set<Channel> written = new LinkedHashSet<>();

        Outbox(EventLoop loop) {
            this.loop = loop;
        }

        /** Any thread. */
        void add(Line line) {
            handedOver.add(line);
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                loop.execute(this);
            }
        }

        @Override
        public void run() {
            do {
                for (Line line; (line = handedOver.poll()) != null; ) {
                    taken.add(line);
                }
                for (int i = 0; i < taken.size(); ) {
                    Channel[] channels = taken.get(i).channels();
                    int end = i + 1;
                    while (end < taken.size() && taken.get(end).channels() == channels) {
                        end++;
                    }
                    write(taken.subList(i, end), channels);
                    i = end;
                }
                taken.clear();
                written.forEach(Channel::flush);
                written.clear();
                scheduled.set(false);
            } while (!handedOver.isEmpty() && scheduled.compareAndSet(false, true));
        }

        private void write(List<Line> run, Channel[] channels) {
            int[] ends = new int[run.size()];
            ByteBuf pass;
            if (run.size() == 1) {
                pass = run.get(0).frame();
                ends[0] = pass.writerIndex();
            } else {
                int total = 0;
                for (Line line : run) {
                    total += line.frame().readableBytes();
                }
                pass = channels[0].alloc().directBuffer(total);
                for (int k = 0; k < ends.length; k++) {
                    ByteBuf frame = run.get(k).frame();
                    pass.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
                    frame.release();
                    ends[k] = pass.writerIndex();
                }
            }
            int start = pass.readerIndex();
            for (Channel channel : channels) {
                int from = start;
                for (int k = 0; k < ends.length; k++) {
                    if (run.get(k).from() == channel) { // its own line: what came before it, then on after it
                        int to = k == 0 ? start : ends[k - 1];
                        write(channel, pass, from, to);
                        from = ends[k];
                    }
                }
                write(channel, pass, from, pass.writerIndex());
            }
            pass.release();
        }

        private void write(Channel channel, ByteBuf pass, int from, int to) {
            if (to > from) {
                channel.write(pass.retainedSlice(from, to - from), channel.voidPromise());
                written.add(channel);
            }
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
