package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Why a handler in front of a chat session (a WebSocket's, the slow-header guard, the check for other clients on the
 * OCP port) is closing the connection, in the server's language: the session, OCP's or IRC's, gives it as the leave's
 * reason, for the console and the others, when it knows no better one than "closed without leaving".
 */
public final class CloseCause {
    private static final AttributeKey<String> KEY = AttributeKey.valueOf("openchat.closeCause");

    private CloseCause() {}

    /** Records the cause, unless one is recorded already. */
    public static void set(Channel channel, String cause) {
        channel.attr(KEY).setIfAbsent(cause);
    }

    /** The recorded cause, or {@code otherwise}. */
    public static String of(Channel channel, String otherwise) {
        String cause = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
        return cause != null ? cause : otherwise;
    }
}
