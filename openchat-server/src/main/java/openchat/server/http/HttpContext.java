package openchat.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import java.util.List;
import java.util.function.Supplier;
import openchat.core.AddressRange;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.irc.IrcListener;
import openchat.server.metrics.ServerMetrics;
import openchat.server.net.ConnectionLimiter;
import openchat.server.ocp.OcpListener;

/**
 * What every HTTP connection shares: the config, the server's sentences, the open connections, the connection caps'
 * guard, the web client's files, the metrics, the health check, the address ranges of {@code /metrics}, whom a
 * trusted reverse proxy's request is for, and the two protocol adapters a WebSocket may speak.
 */
record HttpContext(
        ServerConfig config,
        ServerText text,
        ChannelGroup connections,
        ChannelHandler limiter,
        ConnectionLimiter limits,
        RefusedOrigins refusedOrigins,
        StaticFiles files,
        ServerMetrics metrics,
        Supplier<List<String>> health,
        List<AddressRange> metricsAllow,
        ForwardedFor forwardedFor,
        List<String> allowedOrigins,
        OcpListener ocp,
        IrcListener irc) {}
