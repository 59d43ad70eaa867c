package openchat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import openchat.core.RoomNames;
import openchat.protocol.HeaderNames;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpDecoderConfig;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * A scripted OCP client over a real connection: it sends what the test says and queues everything the
 * server sends, for the test to take in order with a timeout. It answers the server's PING unless told not to.
 */
public final class TestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
            2, new DefaultThreadFactory("test-client", true), NioIoHandler.newFactory());

    /** Server events (requests from the server), in arrival order. */
    private final BlockingQueue<OcpMessage> inbox = new LinkedBlockingQueue<>();
    /** Answers (status lines), in arrival order. */
    private final BlockingQueue<OcpMessage> answers = new LinkedBlockingQueue<>();

    private final List<MalformedMessage> malformed = new ArrayList<>();
    private final AtomicInteger pingsAnswered = new AtomicInteger();
    private volatile boolean answerPings = true;
    private Channel channel;

    private TestClient() {}

    public static TestClient connect(String host, int port) {
        return connect(host, port, null);
    }

    /** Connects over TLS when {@code tls} is not null. */
    public static TestClient connect(String host, int port, io.netty.handler.ssl.SslContext tls) {
        return connect(host, port, tls, null);
    }

    /**
     * Connects from the local address {@code from} (another loopback address, {@code 127.0.0.2}: a member the server
     * sees at an address of its own), or from any when null.
     */
    public static TestClient connectFrom(String from, String host, int port) {
        return connect(host, port, null, new java.net.InetSocketAddress(from, 0));
    }

    private static TestClient connect(
            String host, int port, io.netty.handler.ssl.SslContext tls, java.net.SocketAddress from) {
        TestClient client = new TestClient();
        Bootstrap bootstrap = new Bootstrap();
        if (from != null) {
            bootstrap.localAddress(from);
        }
        client.channel = bootstrap
                .group(GROUP)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline()
                                .addLast(new OcpDecoder(new OcpDecoderConfig(8192, 1 << 20)))
                                .addLast(new OcpEncoder())
                                .addLast(client.new Inbound());
                    }
                })
                .connect(host, port)
                .syncUninterruptibly()
                .channel();
        return client;
    }

    public Channel channel() {
        return channel;
    }

    public TestClient answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    public int pingsAnswered() {
        return pingsAnswered.get();
    }

    /** Writes and waits for the write; a connection the server has closed meanwhile is not an error here. */
    public void send(OcpMessage message) {
        channel.writeAndFlush(message).awaitUninterruptibly();
    }

    /** CONNECT to the lobby; returns the answer. */
    public OcpMessage join(String name, String adminKey) {
        return connect(RoomNames.LOBBY, name, adminKey);
    }

    /** CONNECT to {@code room}; returns the answer. */
    public OcpMessage connect(String room, String name, String adminKey) {
        OcpMessage.Builder connect =
                OcpMessage.request(Methods.CONNECT, Targets.room(room)).header(HeaderNames.NAME, name);
        if (adminKey != null) {
            connect.header(HeaderNames.ADMIN_KEY, adminKey);
        }
        send(connect.build());
        return nextAnswer();
    }

    /** JOIN another room; returns the answer. */
    public OcpMessage joinRoom(String room) {
        return request(OcpMessage.request(Methods.JOIN, Targets.room(room)).build());
    }

    /** RENAME to {@code name}; returns the answer. */
    public OcpMessage rename(String name) {
        return request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                .header(HeaderNames.NAME, name)
                .build());
    }

    /** BAN of {@code target} for {@code seconds} (a string, to send what a test likes), with {@code reason}. */
    public OcpMessage ban(String target, String seconds, String reason) {
        return request(OcpMessage.request(Methods.BAN, Targets.SERVER)
                .header(HeaderNames.TARGET, target)
                .header(HeaderNames.DURATION, seconds)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason)
                .build());
    }

    /** SEND to the lobby without Request-Id: the server answers nothing on success. */
    public void say(String text) {
        sayIn(RoomNames.LOBBY, text);
    }

    /** SEND to {@code room} without Request-Id. */
    public void sayIn(String room, String text) {
        send(OcpMessage.request(Methods.SEND, Targets.room(room))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
    }

    public OcpMessage request(OcpMessage message) {
        send(message);
        return nextAnswer();
    }

    /** The next event the server sent, waiting up to the timeout. */
    public OcpMessage next() {
        return take(inbox, "event");
    }

    /** The next answer (a status line) the server sent, waiting up to the timeout. */
    public OcpMessage nextAnswer() {
        return take(answers, "answer");
    }

    private OcpMessage take(BlockingQueue<OcpMessage> queue, String what) {
        try {
            OcpMessage message = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("no " + what + " within " + TIMEOUT + (malformed.isEmpty() ? "" : "; malformed: " + malformed));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be a server event with {@code method}. */
    public OcpMessage nextEvent(String method) {
        OcpMessage message = next();
        assertThat(message.method())
                .as("expected a %s event, got %s", method, message)
                .isEqualTo(method);
        return message;
    }

    /** Skips messages until one matches, waiting up to the timeout for each. */
    public OcpMessage nextMatching(Predicate<OcpMessage> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                OcpMessage message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message != null && wanted.test(message)) {
                    return message;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no matching message within " + TIMEOUT);
    }

    /**
     * The next answer, or empty once the connection is closed with no answer left: for a client that may be
     * kicked while it waits.
     */
    public java.util.Optional<OcpMessage> answerOrClosed() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                OcpMessage answer = answers.poll(20, TimeUnit.MILLISECONDS);
                if (answer != null) {
                    return java.util.Optional.of(answer);
                }
                if (!channel.isActive() && channel.closeFuture().isDone()) {
                    return java.util.Optional.ofNullable(answers.poll());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("neither an answer nor a close within " + TIMEOUT);
    }

    /** Every event received so far, in order, without taking them. */
    public List<OcpMessage> events() {
        return List.copyOf(inbox);
    }

    public List<OcpMessage> drain() {
        List<OcpMessage> all = new ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    /** Waits for the server to close the connection. */
    public void awaitClosed() {
        assertThat(channel.closeFuture().awaitUninterruptibly(TIMEOUT.toMillis()))
                .as("connection closed by the server")
                .isTrue();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    public static int status(OcpMessage answer) {
        return answer.statusCode();
    }

    public static boolean isStatus(OcpMessage message, Status status) {
        return !message.isRequest() && message.statusCode() == status.code();
    }

    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (message instanceof MalformedMessage bad) {
                synchronized (malformed) {
                    malformed.add(bad);
                }
                return;
            }
            OcpMessage ocp = (OcpMessage) message;
            if (answerPings && ocp.isRequest() && ocp.method().equals(Methods.PING)) {
                pingsAnswered.incrementAndGet();
                ctx.writeAndFlush(OcpMessage.response(Status.OK).build());
                return;
            }
            (ocp.isRequest() ? inbox : answers).add(ocp);
        }
    }
}
