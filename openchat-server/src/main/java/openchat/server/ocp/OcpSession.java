package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import openchat.protocol.HeaderNames;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.Names;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.limits.TokenBucket;
import openchat.server.room.JoinResult;
import openchat.server.room.LeaveReason;
import openchat.server.room.Member;
import openchat.server.room.Role;
import openchat.server.room.RoomEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's side of the conversation: checks each request against the command table, runs it
 * against the room and answers. Runs on the connection's event loop only.
 *
 * <p>Every way out of the room (LEAVE, kick, reset, end of stream, heartbeat timeout, backlog over the cap,
 * malformed bytes) ends in {@link #channelInactive} or an explicit {@code leave}; the room counts only the
 * first, so a member is removed exactly once.
 */
final class SessionHandler extends SimpleChannelInboundHandler<Object> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    /** The methods clients may send, by name. */
    private static final Map<String, Command> COMMANDS = Map.of(
            // CONNECT /rooms/NAME, Name, [Admin-Key]: join the room.
            Methods.CONNECT, new Command(Methods.CONNECT, Command.Scope.ROOM, false, false, SessionHandler::connect),
            // KICK /rooms/NAME, Name, [reason]: remove a member.
            Methods.KICK, new Command(Methods.KICK, Command.Scope.ROOM, true, true, SessionHandler::kick),
            // LEAVE /rooms/NAME, [Quiet: true]: leave, announced unless quiet.
            Methods.LEAVE, new Command(Methods.LEAVE, Command.Scope.ROOM, true, false, SessionHandler::leave),
            // PING /: answered 200.
            Methods.PING, new Command(Methods.PING, Command.Scope.SERVER, false, false, SessionHandler::ping),
            // SEND /rooms/NAME, text: to every other member.
            Methods.SEND, new Command(Methods.SEND, Command.Scope.ROOM, true, false, SessionHandler::send),
            // SHUTDOWN /, [reason]: tell everyone and stop.
            Methods.SHUTDOWN, new Command(Methods.SHUTDOWN, Command.Scope.SERVER, true, true, SessionHandler::shutdown));

    /** Why another handler closed the connection, when it knows better than "closed without LEAVE". */
    static final AttributeKey<String> CLOSE_CAUSE = AttributeKey.valueOf("openchat.closeCause");

    private final ServerContext server;
    private Member<Channel> member;
    /** Why the connection is ending, for the console and the LEFT event, once known. */
    private String closeCause;
    /** Closes a connection that has not joined in time; cancelled by the join. */
    private ScheduledFuture<?> joinDeadline;
    /** The member's chat allowance; null for the administrator or with flood control off. */
    private TokenBucket allowance;
    /** SENDs refused for flooding since the last one accepted. */
    private int refusedInARow;

    SessionHandler(ServerContext server) {
        super(Object.class);
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long deadline = server.config().joinDeadline().toMillis();
        joinDeadline = ctx.executor().schedule(() -> {
            if (member == null && ctx.channel().isActive()) {
                refuseAndClose(ctx, OcpMessage.response(Status.REQUEST_TIMEOUT)
                        .body(text("answer.joinDeadline", deadline / 1000)));
            }
        }, deadline, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof MalformedMessage malformed) {
            refuseMalformed(ctx, malformed);
        } else if (message instanceof OcpMessage ocp && ocp.isRequest()) {
            dispatch(ctx, ocp);
        }
        // An answer from the client (to our PING) needs nothing more: reading it reset the idle timers.
    }

    private void dispatch(ChannelHandlerContext ctx, OcpMessage request) {
        Command command = COMMANDS.get(request.method());
        if (command == null) {
            answer(ctx, request, Status.METHOD_NOT_ALLOWED, text("answer.unknownMethod", request.method()));
        } else if (!inScope(command.scope(), request.target())) {
            answer(ctx, request, Status.NOT_FOUND, text("answer.noSuchRoom", request.target()));
        } else if (command.membersOnly() && member == null) {
            answer(ctx, request, Status.FORBIDDEN, text("answer.joinFirst"));
        } else if (command.adminOnly() && !member.isAdmin()) {
            answer(ctx, request, Status.FORBIDDEN, text("answer.adminOnly"));
        } else {
            command.handler().handle(this, ctx, request);
        }
    }

    private boolean inScope(Command.Scope scope, String target) {
        return switch (scope) {
            case SERVER -> target.equals("/");
            case ROOM -> target.equals(EventMessages.roomTarget(server.lobby().name()));
        };
    }

    private void connect(ChannelHandlerContext ctx, OcpMessage request) {
        if (member != null) {
            answer(ctx, request, Status.CONFLICT, text("answer.alreadyJoined"));
            return;
        }
        Optional<String> name = request.header(HeaderNames.NAME);
        if (name.isEmpty()) {
            refuseAndClose(ctx, request, Status.BAD_REQUEST, text("answer.missingField", HeaderNames.NAME));
            return;
        }
        Optional<String> problem = Names.problem(name.get(), server.config().maxNameLength());
        if (problem.isPresent()) {
            refuseAndClose(ctx, request, Status.BAD_REQUEST, text("answer.invalidName", problem.get()));
            return;
        }
        Role role = Role.MEMBER;
        if (Names.isAdministrator(name.get())) {
            InetAddress address = clientAddress(ctx.channel());
            long now = server.clock().millis();
            long lockedFor = server.adminAttempts().lockedFor(address, now);
            if (lockedFor > 0) {
                long seconds = (lockedFor + 999) / 1000;
                refuseAndClose(ctx, answerTo(request, Status.TOO_MANY_REQUESTS)
                        .header(HeaderNames.RETRY_AFTER, seconds).body(text("answer.adminLocked", seconds)));
                return;
            }
            if (!server.adminKey().matches(request.header(HeaderNames.ADMIN_KEY).orElse(null))) {
                log.info("refused the administrator's name from {}: wrong or missing key", address);
                server.adminAttempts().failed(address, now);
                refuseAndClose(ctx, request, Status.FORBIDDEN, text("answer.adminKeyRequired"));
                return;
            }
            role = Role.ADMIN;
        }
        JoinResult<Channel> result = server.lobby().join(name.get(), role, ctx.channel());
        switch (result.outcome()) {
            case NAME_TAKEN -> refuseAndClose(ctx, request, Status.CONFLICT, text("answer.nameTaken"));
            case FULL -> refuseAndClose(ctx, answerTo(request, Status.SERVICE_UNAVAILABLE)
                    .header(HeaderNames.MEMBERS, result.members())
                    .header(HeaderNames.CAPACITY, result.capacity())
                    .body(text("answer.full", result.members(), result.capacity())));
            case JOINED -> {
                member = result.member();
                joinDeadline.cancel(false);
                if (server.config().floodControl().enabled() && !member.isAdmin()) {
                    allowance = new TokenBucket(server.config().floodControl().burst(),
                            server.config().floodControl().perSecond(), server.clock().millis());
                }
                ctx.writeAndFlush(answerTo(request, Status.OK)
                        .header(HeaderNames.NAME, member.name())
                        .header(HeaderNames.ROLE, member.role().wireName())
                        .header(HeaderNames.MEMBERS, result.members())
                        .header(HeaderNames.CAPACITY, result.capacity())
                        .body(text("answer.joined", member.name()))
                        .build());
            }
        }
    }

    private void send(ChannelHandlerContext ctx, OcpMessage request) {
        if (allowance != null && !allowance.tryTake(server.clock().millis())) {
            refuseFlood(ctx, request);
            return;
        }
        refusedInARow = 0;
        if (request.bodyLength() == 0) {
            refuseAndClose(ctx, request, Status.BAD_REQUEST, text("answer.emptyMessage"));
            return;
        }
        Optional<String> body = request.header(HeaderNames.CONTENT_TYPE).map(SessionHandler::isPlainUtf8Text)
                .orElse(true) ? decodeUtf8(request.body()) : Optional.empty();
        if (body.isEmpty()) {
            refuseAndClose(ctx, request, Status.BAD_REQUEST, text("answer.notText"));
            return;
        }
        Optional<RoomEvent.Message> posted = server.lobby().post(member, body.get());
        if (posted.isPresent() && request.header(HeaderNames.REQUEST_ID).isPresent()) {
            ctx.writeAndFlush(answerTo(request, Status.OK)
                    .header(HeaderNames.SEQ, posted.get().seq())
                    .header(HeaderNames.DATE, EventMessages.date(posted.get().at()))
                    .build());
        }
    }

    /** Answers 429 with Retry-After; past a burst's worth of refusals in a row, disconnects. */
    private void refuseFlood(ChannelHandlerContext ctx, OcpMessage request) {
        refusedInARow++;
        if (refusedInARow > server.config().floodControl().burst()) {
            closeWith(ctx, "flooding: " + refusedInARow + " messages refused in a row");
            return;
        }
        long seconds = Math.max(1, (allowance.millisUntilNext(server.clock().millis()) + 999) / 1000);
        ctx.writeAndFlush(answerTo(request, Status.TOO_MANY_REQUESTS)
                .header(HeaderNames.RETRY_AFTER, seconds)
                .body(text("answer.tooFast", seconds))
                .build());
    }

    private void leave(ChannelHandlerContext ctx, OcpMessage request) {
        boolean quiet = request.header(HeaderNames.QUIET).map(v -> v.equalsIgnoreCase("true")).orElse(false);
        server.lobby().leave(member, LeaveReason.LEFT, "", quiet);
        member = null;
        answer(ctx, request, Status.OK, text("answer.left")).addListener(ChannelFutureListener.CLOSE);
    }

    private void kick(ChannelHandlerContext ctx, OcpMessage request) {
        Optional<String> target = request.header(HeaderNames.NAME);
        if (target.isEmpty()) {
            refuseAndClose(ctx, request, Status.BAD_REQUEST, text("answer.missingField", HeaderNames.NAME));
            return;
        }
        Optional<Member<Channel>> kicked = server.lobby().kick(member, target.get(), request.bodyText().strip());
        if (kicked.isEmpty()) {
            answer(ctx, request, Status.NOT_FOUND, text("answer.noSuchMember", target.get()));
        } else {
            answer(ctx, request, Status.OK, text("answer.kicked", kicked.get().name()));
        }
    }

    private void shutdown(ChannelHandlerContext ctx, OcpMessage request) {
        answer(ctx, request, Status.OK, text("answer.shuttingDown"));
        String reason = request.bodyText().strip();
        server.shutdown().shutdown(reason.isEmpty() ? member.name() : member.name() + ": " + reason);
    }

    private void ping(ChannelHandlerContext ctx, OcpMessage request) {
        answer(ctx, request, Status.OK, "");
    }

    private void refuseMalformed(ChannelHandlerContext ctx, MalformedMessage malformed) {
        OcpMessage.Builder answer = OcpMessage.response(malformed.status())
                .body(text("answer.malformed", malformed.detail()));
        if (malformed.requestId() != null) {
            answer.header(HeaderNames.REQUEST_ID, malformed.requestId());
        }
        log.debug("{}: {} {}", ctx.channel().remoteAddress(), malformed.status().code(), malformed.detail());
        if (malformed.recoverable()) {
            ctx.writeAndFlush(answer.build());
        } else {
            closeCause = "malformed message: " + malformed.detail();
            refuseAndClose(ctx, answer);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(OcpMessage.request(Methods.PING, "/").build());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            closeWith(ctx, "more than " + server.config().maxBacklog() + " bytes waiting to be sent");
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            closeWith(ctx, "no answer to PING within " + server.config().idleTimeout().toSeconds() + " s");
        } else if (cause instanceof javax.net.ssl.SSLException
                || cause instanceof io.netty.handler.codec.DecoderException
                        && cause.getCause() instanceof javax.net.ssl.SSLException) {
            // A client that does not trust our certificate, or speaks plain text to TLS: its problem, not ours.
            log.debug("{}: TLS failed: {}", ctx.channel().remoteAddress(), cause.toString());
            closeWith(ctx, "TLS failed");
        } else if (cause instanceof IOException) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
            closeWith(ctx, describe(cause));
        } else {
            log.warn("unexpected error on {}", ctx.channel().remoteAddress(), cause);
            closeWith(ctx, "internal error");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (joinDeadline != null) {
            joinDeadline.cancel(false);
        }
        if (member != null) {
            String cause = closeCause != null ? closeCause
                    : ctx.channel().hasAttr(CLOSE_CAUSE) ? ctx.channel().attr(CLOSE_CAUSE).get()
                    : "closed without LEAVE";
            server.lobby().leave(member, LeaveReason.DISCONNECTED, cause, false);
            member = null;
        }
        ctx.fireChannelInactive();
    }

    private void closeWith(ChannelHandlerContext ctx, String cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        ctx.close();
    }

    private ChannelFuture answer(ChannelHandlerContext ctx, OcpMessage request, Status status, String body) {
        return ctx.writeAndFlush(answerTo(request, status).body(body).build());
    }

    private void refuseAndClose(ChannelHandlerContext ctx, OcpMessage request, Status status, String body) {
        refuseAndClose(ctx, answerTo(request, status).body(body));
    }

    private void refuseAndClose(ChannelHandlerContext ctx, OcpMessage.Builder answer) {
        if (closeCause == null) {
            closeCause = "refused";
        }
        ctx.writeAndFlush(answer.build()).addListener(ChannelFutureListener.CLOSE);
    }

    private static OcpMessage.Builder answerTo(OcpMessage request, Status status) {
        OcpMessage.Builder answer = OcpMessage.response(status);
        request.header(HeaderNames.REQUEST_ID).ifPresent(id -> answer.header(HeaderNames.REQUEST_ID, id));
        return answer;
    }

    private String text(String key, Object... args) {
        return server.text().get(key, args);
    }

    /** {@code text/plain}, with no charset or {@code charset=utf-8} (any case, optionally quoted). */
    static boolean isPlainUtf8Text(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("text/plain")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].strip().split("=", 2);
            if (param.length == 2 && param[0].strip().equalsIgnoreCase("charset")) {
                String charset = param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<String> decodeUtf8(byte[] body) {
        if (isAscii(body)) {
            return Optional.of(new String(body, StandardCharsets.ISO_8859_1)); // most chat: no decoder needed
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The peer's IP address; loopback for transports without one (an EmbeddedChannel in tests). */
    static InetAddress clientAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("reset")) {
            return "connection reset";
        }
        if (lower.contains("broken pipe")) {
            return "broken pipe";
        }
        return message;
    }
}
