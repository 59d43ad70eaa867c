package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;
import org.slf4j.Logger;

/**
 * What a session does with an exception it did not expect, and how it tells one from a peer that simply went away.
 *
 * <p>A peer that went away is no error of the server's: an I/O failure (a reset, a broken pipe), or a connection that
 * closed while a message was still being put together from its parts (a WebSocket message of several frames, Netty's
 * {@link PrematureChannelClosureException}): logged at DEBUG, and the leave says the connection broke.
 *
 * <p>Anything else is a bug worth a stack trace, but one a client may be able to cause at will: the first is logged at
 * WARN in full, those within the next minute are only counted by exception class and summed up in one line
 * ({@link ThrottledLog}), so that no client can fill the disk with the server's log.
 */
public final class UnexpectedErrors {
    /** The server's: every session's unexpected errors count together. */
    public static final UnexpectedErrors SHARED = new UnexpectedErrors();

    private static final Logger summaries = org.slf4j.LoggerFactory.getLogger(UnexpectedErrors.class);

    private final ThrottledLog<String> lines = new ThrottledLog<>((count, top) ->
            summaries.warn("{} more unexpected errors on connections in the last minute: {}", count, top));

    /** Whether {@code cause} only says that the peer went away (see above). */
    public static boolean peerWentAway(Throwable cause) {
        return cause instanceof IOException || cause instanceof PrematureChannelClosureException;
    }

    /** Logs {@code cause}, unexpected on {@code ctx}'s connection, on {@code log}: in full, or counted (see above). */
    public void log(Logger log, ChannelHandlerContext ctx, Throwable cause) {
        lines.occurred(
                cause.getClass().getName(),
                () -> log.warn("unexpected error on {}", ctx.channel().remoteAddress(), cause),
                ctx.executor());
    }
}
