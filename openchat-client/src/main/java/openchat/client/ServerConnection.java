package openchat.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import openchat.protocol.HeaderNames;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpDecoderConfig;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to an openchat server: sends requests, matches answers to them by {@code Request-Id},
 * answers the server's PING, and hands everything else to a {@link Listener} on the connection's thread.
 */
final class ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    /** The client reads what the server writes; its events are bounded by the server's limits. */
    private static final OcpDecoderConfig DECODER = new OcpDecoderConfig(64 * 1024, 64 * 1024);
    /**
     * How long the server may take to answer TLS's first message. A TLS server answers in one round trip; a server
     * without TLS (openchat's plain port) waits in silence for a line that never ends, which must not pass, ten
     * seconds later, for a server nobody reached. Well under the time {@code open} is given, so that this comes first.
     */
    static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(4);

    /**
     * The server closed the connection before the TLS handshake was done: a port without TLS (openchat's closes at
     * once when a TLS handshake comes to it) or a server that refused to talk.
     */
    static final class ClosedDuringHandshake extends java.io.IOException {
        ClosedDuringHandshake() {
            super("the server closed the connection during the TLS handshake");
        }
    }

    /** What arrives from the server that is not the answer to a request of ours. */
    interface Listener {
        /** Something came from the server (an answer, an event, a PING), before it is handled: the server is alive. */
        void heard();

        void event(OcpMessage event);

        /** An answer nobody waits for: one to a message the server could not read its Request-Id from. */
        void unsolicitedAnswer(OcpMessage answer);

        /**
         * The connection is closed. Called before the requests still waiting for an answer fail, so that the listener
         * can count what went out unanswered as such, rather than as requests that could not be sent.
         */
        void closed();
    }

    private final Channel channel;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * A request waiting for its answer: the future the caller holds, and what must run on the connection's thread
     * before the next message is handled. Not a dependent of the future: a thread waiting in {@code get()} may run
     * the dependents itself once the answer is in, and then the room's history, handled meanwhile on the
     * connection's thread, was printed before the line saying the client had connected.
     */
    private record Pending(CompletableFuture<OcpMessage> answer, Consumer<OcpMessage> onAnswer) {}

    private final AtomicLong nextId = new AtomicLong(1);
    /** True once an answer came; touched only on the connection's thread. */
    private boolean answeredOnce;
    /**
     * The server's first word when it came before any request was made (a connection cap's 503, written as the
     * connection opens, can arrive before the CONNECT is sent): the answer to the request made next.
     */
    private volatile OcpMessage firstWord;

    private ServerConnection(Channel channel) {
        this.channel = channel;
    }

    /** Connects; the future fails with the cause when the server cannot be reached. */
    static CompletableFuture<ServerConnection> open(
            EventLoopGroup group, String host, int port, SslContext tls, Listener listener) {
        CompletableFuture<ServerConnection> result = new CompletableFuture<>();
        ServerConnection[] self = new ServerConnection[1];
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            SslHandler handler = tls.newHandler(ch.alloc(), host, port);
                            handler.setHandshakeTimeoutMillis(TLS_HANDSHAKE_TIMEOUT.toMillis());
                            ch.pipeline().addLast("tls", handler);
                        }
                        ch.pipeline()
                                .addLast("first-line", new FirstLineCheck(() -> self[0]))
                                .addLast("decoder", new OcpDecoder(DECODER))
                                .addLast("encoder", new OcpEncoder())
                                .addLast("inbound", new Inbound(() -> self[0], listener));
                    }
                })
                .connect(host, port);
        self[0] = new ServerConnection(connect.channel());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            } else if (tls == null) {
                result.complete(self[0]);
            } else {
                // Connected only once the server's certificate has been checked.
                connect.channel()
                        .closeFuture()
                        .addListener(c -> result.completeExceptionally(new ClosedDuringHandshake()));
                connect.channel()
                        .pipeline()
                        .get(SslHandler.class)
                        .handshakeFuture()
                        .addListener(h -> {
                            if (h.isSuccess()) {
                                result.complete(self[0]);
                            } else {
                                result.completeExceptionally(h.cause());
                            }
                        });
            }
        });
        return result;
    }

    /**
     * Sends {@code request} with a fresh Request-Id; the future completes with its answer, and {@code onAnswer}
     * runs on the connection's thread as the answer arrives, before any message that follows it is handled.
     */
    CompletableFuture<OcpMessage> request(OcpMessage.Builder request, Consumer<OcpMessage> onAnswer) {
        String id = Long.toString(nextId.getAndIncrement());
        CompletableFuture<OcpMessage> answer = new CompletableFuture<>();
        pending.put(id, new Pending(answer, onAnswer));
        OcpMessage early = firstWord;
        if (early != null) {
            Pending refused = pending.remove(id);
            if (refused != null) {
                refused.answer().complete(early);
            }
            return answer;
        }
        channel.writeAndFlush(request.header(HeaderNames.REQUEST_ID, id).build())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(id, f.cause());
                    }
                });
        if (!channel.isActive()) {
            fail(id, new ClosedChannelException());
        }
        return answer;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    void close() {
        channel.close().awaitUninterruptibly(2000);
    }

    private void fail(String id, Throwable cause) {
        Pending waiting = pending.remove(id);
        if (waiting != null) {
            waiting.answer().completeExceptionally(cause);
        }
    }

    private void answered(OcpMessage answer, Listener listener) {
        String id = answer.header(HeaderNames.REQUEST_ID).orElse(null);
        boolean first = !answeredOnce;
        answeredOnce = true;
        if (id == null && first) {
            // The server's first word, before it read any request (a connection cap's 503): the answer to every
            // request waiting, the CONNECT among them, not a stray line beside the answer that never comes; with
            // none waiting yet, the answer to the one made next (the connection closes right after).
            firstWord = answer;
            pending.keySet().forEach(waitingId -> {
                Pending refused = pending.remove(waitingId);
                if (refused != null) {
                    refused.answer().complete(answer);
                }
            });
            return;
        }
        Pending waiting = id == null ? null : pending.remove(id);
        if (waiting != null) {
            try {
                waiting.onAnswer().accept(answer);
            } catch (RuntimeException e) {
                log.warn("handling the answer to request {} failed", id, e);
            }
            waiting.answer().complete(answer);
        } else {
            listener.unsolicitedAnswer(answer);
        }
    }

    /** The server's first line is not OCP's: every request waiting fails with what it said instead. */
    private void notOcp(String firstLine) {
        NotOcpServer notOcp = new NotOcpServer(firstLine);
        pending.keySet().forEach(id -> fail(id, notOcp));
    }

    private void closed(Listener listener) {
        listener.closed();
        ClosedChannelException closed = new ClosedChannelException();
        pending.keySet().forEach(id -> fail(id, closed));
    }

    /** The server answered, but not in OCP: an IRC or HTTP server, or one that expects TLS. */
    static final class NotOcpServer extends IOException {
        private final String firstLine;

        NotOcpServer(String firstLine) {
            super(firstLine == null ? "a TLS server" : "not an OCP server: " + firstLine);
            this.firstLine = firstLine;
        }

        /** True when what came was a TLS record: the server expects TLS (connect with --tls). */
        boolean speaksTls() {
            return firstLine == null;
        }

        /** What the server sent first, decoded as UTF-8 up to its first line end (at most 200 bytes). */
        String firstLine() {
            return firstLine;
        }
    }

    /**
     * Reads the server's first line before the decoder does: OCP's is a status line ({@code OCP/1.0 200 OK}) or an
     * event's request line ({@code MESSAGE /rooms/lobby OCP/1.0}). Anything else (an IRC server's {@code :openchat
     * 421 ...}, {@code HTTP/1.1 400}, a TLS alert) fails the waiting requests at once, instead of leaving them to time
     * out on bytes that will never make an OCP message. Then it steps aside, passing on what it read.
     */
    private static final class FirstLineCheck extends ByteToMessageDecoder {
        private static final int MAX_LINE = 200;
        /** The first byte of a TLS record: an alert (21) or a handshake (22). */
        private static final int TLS_ALERT = 21;

        private static final int TLS_HANDSHAKE = 22;

        private final java.util.function.Supplier<ServerConnection> connection;

        FirstLineCheck(java.util.function.Supplier<ServerConnection> connection) {
            this.connection = connection;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int end = Math.min(in.writerIndex(), in.readerIndex() + MAX_LINE);
            int lf = in.indexOf(in.readerIndex(), end, (byte) '\n');
            if (lf < 0 && end < in.readerIndex() + MAX_LINE) {
                return; // the line goes on: wait for more
            }
            judge(ctx, in, lf < 0 ? end : lf);
        }

        /** The connection closed: what came is all there is of the first line. */
        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (in.isReadable()) {
                judge(ctx, in, Math.min(in.writerIndex(), in.readerIndex() + MAX_LINE));
            }
        }

        private void judge(ChannelHandlerContext ctx, ByteBuf in, int lineEnd) {
            int first = in.getUnsignedByte(in.readerIndex());
            String line = in.toString(in.readerIndex(), lineEnd - in.readerIndex(), StandardCharsets.UTF_8)
                    .strip();
            if (line.startsWith("OCP/") || line.contains(" OCP/")) {
                ctx.pipeline().remove(this); // what it holds goes on to the decoder
                return;
            }
            in.skipBytes(in.readableBytes());
            connection.get().notOcp(first == TLS_ALERT || first == TLS_HANDSHAKE ? null : line);
            ctx.close();
        }
    }

    private static final class Inbound extends SimpleChannelInboundHandler<Object> {
        private final java.util.function.Supplier<ServerConnection> connection;
        private final Listener listener;

        Inbound(java.util.function.Supplier<ServerConnection> connection, Listener listener) {
            this.connection = connection;
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (message instanceof MalformedMessage malformed) {
                log.warn("the server sent a malformed message ({}); closing", malformed.detail());
                ctx.close();
                return;
            }
            OcpMessage ocp = (OcpMessage) message;
            listener.heard();
            if (!ocp.isRequest()) {
                connection.get().answered(ocp, listener);
            } else if (ocp.method().equals(Methods.PING)) {
                OcpMessage.Builder pong = OcpMessage.response(Status.OK);
                ocp.header(HeaderNames.REQUEST_ID).ifPresent(id -> pong.header(HeaderNames.REQUEST_ID, id));
                ctx.writeAndFlush(pong.build());
            } else {
                listener.event(ocp);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connection.get().closed(listener);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
