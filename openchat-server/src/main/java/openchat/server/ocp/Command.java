package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import openchat.protocol.OcpMessage;

/**
 * One request method the server serves, with the preconditions the session checks before the handler runs:
 * where it applies, whether the connection must have joined, whether only the administrator may use it.
 */
record Command(String method, Scope scope, boolean membersOnly, boolean adminOnly, Handler handler) {

    /** Where a method applies: a room ({@code /rooms/NAME}) or the server ({@code /}). */
    enum Scope { ROOM, SERVER }

    @FunctionalInterface
    interface Handler {
        void handle(SessionHandler session, ChannelHandlerContext ctx, OcpMessage request);
    }
}
