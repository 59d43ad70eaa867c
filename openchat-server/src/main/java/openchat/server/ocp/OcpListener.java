package openchat.server.ocp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import openchat.core.Chat;
import openchat.core.Refusal;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.config.Motd;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.EventEncoder;
import openchat.server.net.ShutdownRequest;

/** The OCP adapter's public face for {@link openchat.server.ChatServer}: its pipeline and its event encoder. */
public final class OcpListener {
    private final ServerContext context;

    /**
     * The OCP adapter of one server. {@code limits}: the connection caps, shared with the other listeners;
     * {@code refusals} hears the reason of every refusal the core makes (the metrics); {@code motd} gives the message of
     * the day as it is now (SIGHUP may read it again).
     */
    public OcpListener(
            ServerConfig config,
            Chat<Channel> core,
            ChannelFanout fanout,
            ServerText text,
            ChannelGroup connections,
            ConnectionLimiter limits,
            ShutdownRequest shutdown,
            Consumer<Refusal.Reason> refusals,
            Supplier<Motd> motd) {
        ChannelHandler limiter =
                limits.guard((allocator, refused) -> OcpEncoder.encode(allocator, refusal(refused, text)));
        this.context =
                new ServerContext(config, core, fanout, text, connections, limiter, shutdown::shutdown, refusals, motd);
    }

    /**
     * A connection refused as it opens: 503 over a cap; 429 with {@code Retry-After} when its address opens new
     * connections too fast. Before any request, so with no {@code Request-Id} and in the server's language.
     */
    private static OcpMessage refusal(ConnectionLimiter.Refused refused, ServerText text) {
        boolean tooFast = refused.reason() == ConnectionLimiter.Reason.TOO_FAST_FROM_ADDRESS;
        OcpMessage.Builder answer = OcpMessage.response(tooFast ? Status.TOO_MANY_REQUESTS : Status.SERVICE_UNAVAILABLE)
                .header(HeaderNames.ERROR_CODE, refused.reason().errorCode());
        if (tooFast) {
            answer.header(HeaderNames.RETRY_AFTER, String.valueOf(refused.retryAfterSeconds()));
        }
        return answer.body(refused.text(text)).build();
    }

    /** The OCP status a core refusal is answered with (the same for every protocol's count in the metrics). */
    public static int status(Refusal.Reason reason) {
        return OcpRefusals.status(reason).code();
    }

    /** How OCP connections write the core's events: the fanout's fallback, and set on every OCP channel. */
    public static EventEncoder events() {
        return EventMessages.ENCODER;
    }

    /** The pipeline of every OCP connection of one port; {@code tls} null: plain TCP; else asked for the context as each connection comes. */
    public ChannelInitializer<Channel> initializer(Supplier<SslContext> tls) {
        return initializer(tls, () -> ServerConfig.OFF, () -> ServerConfig.OFF);
    }

    /**
     * Like {@link #initializer(Supplier)}; {@code ircPort} and {@code httpPort} give the IRC and HTTP listeners'
     * ports (or {@link ServerConfig#OFF}), to name to an IRC client or a web browser that reached this port.
     */
    public ChannelInitializer<Channel> initializer(
            Supplier<SslContext> tls, IntSupplier ircPort, IntSupplier httpPort) {
        return new OcpChannelInitializer(
                context,
                tls,
                new OtherClientOnOcpPort(ircPort, httpPort, tls == null ? "http" : "https", context.text()));
    }

    /**
     * Adds OCP's handlers (heartbeat, slow-header guard, codec, session) to a pipeline whose earlier handlers
     * already deliver the connection's bytes: a WebSocket carrying OCP. The caller fires channelActive to them.
     */
    public void addTo(ChannelPipeline pipeline) {
        OcpChannelInitializer.addProtocol(pipeline, context);
        EventEncoder.set(pipeline.channel(), EventMessages.WEBSOCKET_ENCODER);
    }
}
