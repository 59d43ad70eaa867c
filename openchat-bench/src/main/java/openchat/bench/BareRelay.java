package openchat.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import openchat.protocol.transport.NettyTransport;

/**
 * The physical-limit reference: an IRC-shaped relay that only frames lines and copies each PRIVMSG, prefixed
 * with its sender, to every other connection. No rooms, names, limits or checks: what is left is the cost of
 * reading, framing and writing, which no chat server can beat.
 */
public final class BareRelay implements AutoCloseable {
    private static final AttributeKey<String> NICK = AttributeKey.valueOf("nick");

    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup acceptor = transport.eventLoopGroup(1, "relay-accept");
    private final EventLoopGroup workers = transport.eventLoopGroup(0, "relay");
    private final ChannelGroup joined = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;

    private BareRelay(String host, int port) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192, false, false), new Lines());
                    }
                })
                .bind(host, port).sync().channel();
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
        joined.close().syncUninterruptibly();
        acceptor.shutdownGracefully();
        workers.shutdownGracefully().syncUninterruptibly();
    }

    /**
     * Copies {@code frame} to every joined channel but {@code from}: one task per event loop, writes without
     * flushing, and one flush per channel in a task behind them (the same technique as openchat's fanout, so
     * the reference is as efficient as the server it is compared with).
     */
    private void relay(ByteBuf frame, Channel from) {
        java.util.Map<io.netty.channel.EventLoop, java.util.List<Channel>> byLoop = new java.util.IdentityHashMap<>();
        for (Channel channel : joined) {
            if (channel != from) {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new java.util.ArrayList<>()).add(channel);
            }
        }
        for (java.util.Map.Entry<io.netty.channel.EventLoop, java.util.List<Channel>> loop : byLoop.entrySet()) {
            ByteBuf copy = frame.retainedDuplicate();
            Flusher flusher = flushers.computeIfAbsent(loop.getKey(), Flusher::new);
            loop.getKey().execute(() -> {
                for (Channel channel : loop.getValue()) {
                    channel.write(copy.retainedDuplicate(), channel.voidPromise());
                    flusher.dirty(channel);
                }
                copy.release();
            });
        }
        frame.release();
    }

    private final java.util.Map<io.netty.channel.EventLoop, Flusher> flushers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Channels one loop wrote to since its last flush; touched only on that loop. */
    private static final class Flusher implements Runnable {
        private final io.netty.channel.EventLoop loop;
        private final java.util.Set<Channel> dirty = new java.util.LinkedHashSet<>();
        private boolean scheduled;

        Flusher(io.netty.channel.EventLoop loop) {
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

    private final class Lines extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            if (startsWith(line, "PRIVMSG ")) {
                ByteBuf frame = ctx.alloc().buffer(line.readableBytes() + 24);
                frame.writeCharSequence(":" + ctx.channel().attr(NICK).get() + " ", StandardCharsets.UTF_8);
                frame.writeBytes(line, line.readerIndex(), line.readableBytes());
                relay(frame, ctx.channel());
            } else if (startsWith(line, "NICK ")) {
                String nick = line.toString(StandardCharsets.UTF_8).substring(5).strip();
                ctx.channel().attr(NICK).set(nick);
                ctx.writeAndFlush(Unpooled.copiedBuffer(":relay 001 " + nick + " :relay\r\n", StandardCharsets.UTF_8));
            } else if (startsWith(line, "JOIN ")) {
                String nick = ctx.channel().attr(NICK).get();
                joined.add(ctx.channel());
                ctx.writeAndFlush(Unpooled.copiedBuffer(":relay 366 " + nick + " #bench :End of /NAMES list.\r\n",
                        StandardCharsets.UTF_8));
            } else if (startsWith(line, "PING")) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("PONG :relay\r\n", StandardCharsets.UTF_8));
            }
        }

        private static boolean startsWith(ByteBuf line, String prefix) {
            if (line.readableBytes() < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (line.getByte(line.readerIndex() + i) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
