package openchat.server.ocp;

import io.netty.channel.ChannelHandlerContext;
import openchat.protocol.OcpMessage;

/**
 * One request method the server serves, with the preconditions the session checks before the handler runs:
 * where it applies and whether the connection must have connected. Who may do what is the core's to say.
 */
record Command(String method, Scope scope, boolean membersOnly, Handler handler) {

    /** Where a method applies: a room ({@code /rooms/NAME}), the server ({@code /}), or either. */
    enum Scope {
        ROOM,
        SERVER,
        ANY
    }

    /** {@code room}: the room the target names, or null for {@code /}. */
    @FunctionalInterface
    interface Handler {
        void handle(OcpSession session, ChannelHandlerContext ctx, OcpMessage request, String room);
    }
}
