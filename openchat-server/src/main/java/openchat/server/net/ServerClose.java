package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Locale;

/**
 * Why the server, not the client, closed a chat connection, as {@code openchat_connections_closed_total{reason}}
 * counts it: a session or a handler in front of it marks the connection when it decides to end it, and the
 * connection limiter counts the mark when the connection is gone, so each connection counts once, for the first
 * reason given. A connection the client closed (a leave, a QUIT, a reset) has no mark; one refused over a cap is
 * counted in {@code openchat_connections_refused_total} instead.
 */
public enum ServerClose {
    /**
     * It kept sending after being refused as too fast, had too many requests waiting their turn, or sent WebSocket
     * frames past its frame allowance.
     */
    FLOOD,
    /** No answer to the server's PING within the idle timeout. */
    PING_TIMEOUT,
    /**
     * Its name was asked for again (a newcomer's CONNECT or IRC registration) while it was silent, and it did not
     * answer the PING sent then within the probe time ({@link GhostCheck}): gone without a word, its name went to the
     * newcomer.
     */
    GHOST,
    /** It did not join (OCP CONNECT, IRC registration) within the join deadline. */
    JOIN_TIMEOUT,
    /**
     * A message not whole within the header deadline of its first byte (a slowloris): an OCP header section, an IRC
     * line, a WebSocket message.
     */
    SLOW_HEADER,
    /** A slow reader: more unsent bytes held for it than the backlog's limit. */
    BACKLOG,
    /** Bytes that break the protocol: a malformed OCP message, a WebSocket frame against RFC 6455 or the limit. */
    PROTOCOL_ERROR,
    /** Another client on the OCP port: an IRC client or a web browser. */
    WRONG_PORT,
    /** The administrator banned its name or address, or it tried to join while banned. */
    BAN,
    /** The administrator disconnected it (KILL), banning nothing. */
    KILL,
    /** Its join was refused (a name taken over OCP, a wrong administrator key, a lockout, ...): nothing to keep. */
    REFUSED,
    /**
     * A web connection waiting for its next request whose place a newcomer took: web connections were at their share
     * of the cap in all ({@link ConnectionLimiter}).
     */
    WEB_IDLE,
    /** Its TLS handshake failed. */
    TLS_FAILED,
    /** An error of the server's own. */
    INTERNAL_ERROR;

    private static final AttributeKey<ServerClose> KEY = AttributeKey.valueOf("openchat.serverClose");

    /** Marks {@code channel} as closed by the server for this reason, unless it is marked already. */
    public void mark(Channel channel) {
        channel.attr(KEY).setIfAbsent(this);
    }

    /** The reason {@code channel} was marked with, or null when the server did not end it. */
    public static ServerClose of(Channel channel) {
        return channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
    }

    /** The metric's label value: {@code ping_timeout}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
