package openchat.server.net;

import java.util.Locale;
import openchat.server.config.ServerText;

/** A connection's I/O failure in the server's language, for the console and the leave that others are told of. */
public final class ConnectionFailure {

    private ConnectionFailure() {}

    /**
     * A reset, a broken pipe and a connection closed in the middle of a message by name; anything else in the operating
     * system's own words.
     */
    public static String describe(ServerText text, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.PrematureChannelClosureException) {
            return text.get("close.midMessage"); // a WebSocket message of several frames, cut off
        }
        String message = cause.getMessage();
        if (message == null) {
            return text.get("close.ioError", cause.getClass().getSimpleName());
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("reset")) {
            return text.get("close.reset");
        }
        if (lower.contains("broken pipe")) {
            return text.get("close.brokenPipe");
        }
        return text.get("close.ioError", message);
    }
}
