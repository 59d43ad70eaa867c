package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import openchat.protocol.HeaderNames;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;

/**
 * A fake OCP server for the client's tests, in the spirit of OkHttp's MockWebServer: it listens on
 * 127.0.0.1 port 0 and speaks real OCP/1.0 bytes through the protocol module's codec, but has no room and
 * no rules. The test reads what the client sent ({@link Peer#next}) and scripts every answer and event.
 */
final class ScriptedServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String LOBBY = "/rooms/lobby";

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Channel listener;

    private ScriptedServer() {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Peer peer = new Peer(ch);
                        connections.incrementAndGet();
                        ch.pipeline()
                                .addLast(new OcpDecoder())
                                .addLast(new OcpEncoder())
                                .addLast(peer.new Inbound());
                        accepted.add(peer);
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    static ScriptedServer start() {
        return new ScriptedServer();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** How many connections the client has opened so far. */
    int connections() {
        return connections.get();
    }

    /** The next connection the client opens. */
    Peer accept() {
        try {
            Peer peer = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (peer == null) {
                fail("the client did not connect within " + TIMEOUT);
            }
            return peer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Accepts the next connection, expects its CONNECT as {@code name} and lets it in. */
    Peer welcome(String name) {
        Peer peer = accept();
        OcpMessage connect = peer.next(Methods.CONNECT);
        assertThat(connect.header(HeaderNames.NAME)).as("CONNECT's Name").contains(name);
        peer.answer(connect, OcpMessage.response(Status.OK)
                .header(HeaderNames.NAME, name).header(HeaderNames.ROLE, "member")
                .header(HeaderNames.MEMBERS, "2").header(HeaderNames.CAPACITY, "5")
                .body(name + " 접속 완료"));
        return peer;
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection from the client. */
    static final class Peer {
        private final Channel channel;
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        private Peer(Channel channel) {
            this.channel = channel;
            channel.closeFuture().addListener(f -> closed.complete(null));
        }

        /** The next message the client sent, waiting up to {@link #TIMEOUT}. */
        OcpMessage next() {
            Object message;
            try {
                message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (message == null) {
                fail("the client sent nothing within " + TIMEOUT);
            }
            if (message instanceof MalformedMessage malformed) {
                fail("the client sent a malformed message: " + malformed);
            }
            return (OcpMessage) message;
        }

        /** The next message the client sent, which must be a {@code method} request. */
        OcpMessage next(String method) {
            OcpMessage message = next();
            assertThat(message.method()).as("method of %s", message).isEqualTo(method);
            return message;
        }

        /** Answers {@code request} with {@code answer}, echoing its Request-Id as the server does. */
        void answer(OcpMessage request, OcpMessage.Builder answer) {
            request.header(HeaderNames.REQUEST_ID).ifPresent(id -> answer.header(HeaderNames.REQUEST_ID, id));
            send(answer.build());
        }

        void answer(OcpMessage request, Status status) {
            answer(request, OcpMessage.response(status));
        }

        /** Writes {@code message} to the client and waits until it is written. */
        void send(OcpMessage message) {
            channel.writeAndFlush(message).syncUninterruptibly();
        }

        /** Closes the connection, as a server that went away. */
        void close() {
            channel.close().syncUninterruptibly();
        }

        /** Waits until the connection is closed (by the client or by {@link #close}). */
        void awaitClosed() {
            try {
                closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fail("the client did not close the connection within " + TIMEOUT);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        final class Inbound extends SimpleChannelInboundHandler<Object> {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, Object message) {
                received.add(message);
            }
        }
    }

    /** Server events as the real server sends them. */
    static final class Events {
        private static final AtomicInteger SEQ = new AtomicInteger();
        static final String DATE = "2026-11-25T10:15:30.123+09:00";

        private Events() {
        }

        static OcpMessage message(String from, String text) {
            return message(from, DATE, text);
        }

        static OcpMessage message(String from, String date, String text) {
            return OcpMessage.request(Methods.MESSAGE, LOBBY)
                    .header(HeaderNames.FROM, from).header(HeaderNames.DATE, date)
                    .header(HeaderNames.SEQ, SEQ.incrementAndGet())
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(text).build();
        }

        static OcpMessage joined(String name) {
            return OcpMessage.request(Methods.JOINED, LOBBY)
                    .header(HeaderNames.NAME, name).header(HeaderNames.DATE, DATE)
                    .header(HeaderNames.SEQ, SEQ.incrementAndGet()).header(HeaderNames.MEMBERS, "2").build();
        }

        static OcpMessage left(String name, String reason) {
            return OcpMessage.request(Methods.LEFT, LOBBY)
                    .header(HeaderNames.NAME, name).header(HeaderNames.REASON, reason)
                    .header(HeaderNames.DATE, DATE).header(HeaderNames.SEQ, SEQ.incrementAndGet())
                    .header(HeaderNames.MEMBERS, "1").build();
        }

        static OcpMessage shutdown() {
            return OcpMessage.request(Methods.SHUTDOWN, "/").header(HeaderNames.DATE, DATE)
                    .body("서버가 종료되었습니다.").build();
        }

        static OcpMessage ping(String requestId) {
            OcpMessage.Builder ping = OcpMessage.request(Methods.PING, "/");
            if (requestId != null) {
                ping.header(HeaderNames.REQUEST_ID, requestId);
            }
            return ping.build();
        }
    }
}
