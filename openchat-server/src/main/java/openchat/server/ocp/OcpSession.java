package openchat.server.ocp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import openchat.core.Ban;
import openchat.core.BanDuration;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.Deletion;
import openchat.core.HistoryQuery;
import openchat.core.JoinResult;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.MemberView;
import openchat.core.NewRoomKey;
import openchat.core.Refusal;
import openchat.core.RegisteredRoom;
import openchat.core.RoomBan;
import openchat.core.RoomKey;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;
import openchat.protocol.HeaderNames;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;
import openchat.server.config.Motd;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.BacklogWatch;
import openchat.server.net.BanAnswer;
import openchat.server.net.ChannelFanout;
import openchat.server.net.CloseCause;
import openchat.server.net.ConnectionFailure;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.GhostCheck;
import openchat.server.net.HeldRequests;
import openchat.server.net.LingeringClose;
import openchat.server.net.RequestPace;
import openchat.server.net.ServerClose;
import openchat.server.net.UnexpectedErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCP connection's side of the conversation: the adapter between OCP requests and the chat core. It
 * checks each request against the command table, calls the core, and answers: a result, or the core's
 * {@link Refusal} mapped once by {@link OcpRefusals}. Runs on the connection's event loop only.
 *
 * <p>Every request, whatever it asks, takes its turn from the connection's {@link RequestPace}: one that finds it
 * spent waits, with the ones after it, and the connection stops reading meanwhile; past {@code maxHeldRequests}
 * waiting, the connection is answered 429 {@code flooding} and closed.
 *
 * <p>Every way out (LEAVE, reset, end of stream, heartbeat timeout, backlog over the cap, malformed bytes, a
 * flood) ends in {@link #channelInactive} or an explicit LEAVE; the core counts only the first, so a member
 * leaves exactly once.
 */
final class OcpSession extends SimpleChannelInboundHandler<Object> {
    private static final Logger log = LoggerFactory.getLogger(OcpSession.class);
    /** A HISTORY page without {@code Limit}. */
    private static final int DEFAULT_HISTORY_PAGE = 50;
    /**
     * The request fields PROTOCOL.md defines that hold one value: given twice, the request is refused (400), as HTTP
     * treats a repeated singleton field, rather than one of the two silently used. ({@code Content-Length} twice is
     * malformed in the decoder; {@code Accept-Language} is a list, which HTTP lets a sender split.)
     */
    private static final List<String> SINGLE_FIELDS = List.of(
            HeaderNames.ADMIN_KEY,
            HeaderNames.AFTER,
            HeaderNames.BEFORE,
            HeaderNames.CLEAR,
            HeaderNames.CONTENT_TYPE,
            HeaderNames.DURATION,
            HeaderNames.HISTORY_AFTER,
            HeaderNames.LIMIT,
            HeaderNames.NAME,
            HeaderNames.QUIET,
            HeaderNames.REQUEST_ID,
            HeaderNames.ROOM_KEY,
            HeaderNames.SEQ,
            HeaderNames.TARGET,
            HeaderNames.TO,
            HeaderNames.WITHIN);
    /** {@link #SINGLE_FIELDS} by their names in lower case. */
    private static final Map<String, String> SINGLE_FIELDS_BY_KEY = SINGLE_FIELDS.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name.toLowerCase(Locale.ROOT), name -> name));
    /** Past this many fields, {@link #requireSingleFields} compares through a set rather than pair by pair. */
    private static final int MANY_FIELDS = 12;
    /** The target {@code /rooms/}: a room's, with an empty name. */
    private static final String EMPTY_ROOM = Targets.room("");

    /** The methods clients may send, by name; each with its syntax. */
    private static final Map<String, Command> COMMANDS = Map.ofEntries(
            // ANNOUNCE /, text: to every member connected, as a NOTICE from the administrator (administrator).
            command(Methods.ANNOUNCE, Command.Scope.SERVER, true, OcpSession::announce),
            // AWAY /, [text]: away with that message, or back when there is none.
            command(Methods.AWAY, Command.Scope.SERVER, true, OcpSession::away),
            // BAN /, Target, [Duration], [reason]: keep a name or address out; members who have it are disconnected.
            // BAN /rooms/NAME, Target, [Duration], [reason]: keep a name out of the room (owner, administrator).
            command(Methods.BAN, Command.Scope.ANY, true, OcpSession::ban),
            // BANS /: the bans (administrator). BANS /rooms/NAME: the room's bans.
            command(Methods.BANS, Command.Scope.ANY, true, OcpSession::bans),
            // CLAIM /rooms/NAME, Room-Key: show the room's key from inside it, and own it.
            command(Methods.CLAIM, Command.Scope.ROOM, true, OcpSession::claim),
            // CONNECT /rooms/NAME, Name, [Admin-Key], [History-After], [Room-Key]: take the name, join the room.
            command(Methods.CONNECT, Command.Scope.ROOM, false, OcpSession::connect),
            // DELETE /rooms/NAME, Seq | Name [Within], [reason]: take messages out of the room's history (owner,
            // admin).
            command(Methods.DELETE, Command.Scope.ROOM, true, OcpSession::delete),
            // HISTORY /rooms/NAME, [Before | After], [Limit]: a page of messages, then 200 with Count.
            command(Methods.HISTORY, Command.Scope.ROOM, true, OcpSession::history),
            // INVITE /rooms/NAME, Name: tell a member it is invited into a room the sender is in.
            command(Methods.INVITE, Command.Scope.ROOM, true, OcpSession::invite),
            // JOIN /rooms/NAME, [History-After], [Room-Key]: join another room.
            command(Methods.JOIN, Command.Scope.ROOM, true, OcpSession::join),
            // KICK /rooms/NAME, Name, [reason]: remove a member from the room (owner, administrator).
            command(Methods.KICK, Command.Scope.ROOM, true, OcpSession::kick),
            // KILL /, Name, [reason]: disconnect a member from the server, banning nothing (administrator).
            command(Methods.KILL, Command.Scope.SERVER, true, OcpSession::kill),
            // LIMIT /rooms/NAME, Limit | Clear: true: set the room's member limit, or give it the server's (owner,
            // admin).
            command(Methods.LIMIT, Command.Scope.ROOM, true, OcpSession::limit),
            // LEAVE / or /rooms/NAME, [Quiet: true]: leave the chat, announced in every room unless quiet.
            command(Methods.LEAVE, Command.Scope.ANY, true, OcpSession::leave),
            // LIST /: the rooms.
            command(Methods.LIST, Command.Scope.SERVER, true, OcpSession::list),
            // PART /rooms/NAME: leave one room.
            command(Methods.PART, Command.Scope.ROOM, true, OcpSession::part),
            // PING /: answered 200.
            command(Methods.PING, Command.Scope.SERVER, false, OcpSession::ping),
            // PRIVATE /, To, text: to one member.
            command(Methods.PRIVATE, Command.Scope.SERVER, true, OcpSession::privateMessage),
            // REGISTER /rooms/NAME: give the room a key that makes whoever shows it its owner; answered with it (owner
            // who holds the key, administrator).
            command(Methods.REGISTER, Command.Scope.ROOM, true, OcpSession::register),
            // REGISTRATIONS /: the registered rooms, who registered each and when (administrator).
            command(Methods.REGISTRATIONS, Command.Scope.SERVER, true, OcpSession::registrations),
            // RENAME /, Name: take a new name; those sharing a room are told.
            command(Methods.RENAME, Command.Scope.SERVER, true, OcpSession::rename),
            // SEND /rooms/NAME, text: to every other member of the room.
            command(Methods.SEND, Command.Scope.ROOM, true, OcpSession::send),
            // SHUTDOWN /, [reason]: tell everyone and stop (administrator).
            command(Methods.SHUTDOWN, Command.Scope.SERVER, true, OcpSession::shutdown),
            // UNBAN /, Target: lift a ban (administrator). UNBAN /rooms/NAME, Target: lift a room's ban.
            command(Methods.UNBAN, Command.Scope.ANY, true, OcpSession::unban),
            // UNREGISTER /rooms/NAME: drop the room's key (owner who holds it, administrator).
            command(Methods.UNREGISTER, Command.Scope.ROOM, true, OcpSession::unregister),
            // TOPIC /rooms/NAME, [text | Clear: true]: read or set the topic.
            command(Methods.TOPIC, Command.Scope.ROOM, true, OcpSession::topic),
            // WHO /rooms/NAME: the members and their roles.
            command(Methods.WHO, Command.Scope.ROOM, true, OcpSession::who));

    private final ServerContext server;
    private final Chat<Channel> core;
    /**
     * The sentences of this connection's answers: in the language its CONNECT asked for ({@code Accept-Language}),
     * when the server speaks it, else the server's. Events and the console keep the server's language.
     */
    private ServerText text;

    private Member<Channel> member;
    /** Why the connection is ending, for the console and the LEFT event, once known: in the server's language. */
    private String closeCause;
    /** True once the server has ended the session ({@link #endSession}): what still comes is not acted on. */
    private boolean ended;
    /**
     * Places this connection took in its stream of writes ({@link ChannelFanout#reserve}) and not yet written: while
     * a join's history replay is queued, answers take their turn behind it. Touched on the connection's loop only.
     */
    private int placesPending;
    /** Requests (and malformed messages) waiting their turn ({@link RequestPace}); while any wait, nothing is read. */
    private final HeldRequests held;
    /** Closes a connection that has not connected in time; cancelled by CONNECT. */
    private ScheduledFuture<?> joinDeadline;
    /**
     * A CONNECT waits for its name's {@link GhostCheck}: requests after it are held, and the join deadline does not
     * end the connection meanwhile.
     */
    private boolean checkingName;

    OcpSession(ServerContext server) {
        super(Object.class);
        this.text = server.text();
        this.server = server;
        this.core = server.core();
        this.held = new HeldRequests(
                server.config().core().floodControl(), server.config().maxHeldRequests(), turns());
    }

    private static Map.Entry<String, Command> command(
            String method, Command.Scope scope, boolean membersOnly, Command.Handler handler) {
        return Map.entry(method, new Command(method, scope, membersOnly, handler));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armJoinDeadline(ctx, server.config().joinDeadline().toMillis());
        ctx.fireChannelActive();
    }

    /**
     * Closes the connection {@code millis} from now unless it has connected by then; while its CONNECT waits for a
     * {@link GhostCheck}, which ends within twice the probe time, it looks again a probe time later.
     */
    private void armJoinDeadline(ChannelHandlerContext ctx, long millis) {
        joinDeadline = ctx.executor()
                .schedule(
                        () -> {
                            if (checkingName) {
                                armJoinDeadline(
                                        ctx, server.config().ghostProbe().toMillis());
                            } else if (member == null && ctx.channel().isActive()) {
                                long deadline = server.config().joinDeadline().toMillis();
                                ServerClose.JOIN_TIMEOUT.mark(ctx.channel());
                                refuseAndClose(
                                        ctx,
                                        OcpMessage.response(Status.REQUEST_TIMEOUT)
                                                .body(text("answer.joinDeadline", deadline / 1000)));
                            }
                        },
                        millis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (ended) {
            return; // requests decoded from the read that ended the session: nobody is left to act for
        }
        held.offer(ctx, message);
    }

    private void handle(ChannelHandlerContext ctx, Object message) {
        if (message instanceof MalformedMessage malformed) {
            refuseMalformed(ctx, malformed);
        } else if (message instanceof OcpMessage ocp && ocp.isRequest()) {
            dispatch(ctx, ocp);
        }
        // An answer from the client (to our PING) needs nothing more: reading it reset the idle timers.
    }

    // ---- fakelag ----

    /** What {@link #held} asks of this session. */
    private HeldRequests.Session turns() {
        return new HeldRequests.Session() {
            @Override
            public void handle(ChannelHandlerContext ctx, Object request) {
                OcpSession.this.handle(ctx, request);
            }

            @Override
            public boolean exempt() {
                return member != null && member.isAdmin();
            }

            @Override
            public boolean ended() {
                return ended;
            }

            @Override
            public void tooMany(ChannelHandlerContext ctx, Object last, int most) {
                server.refusals().accept(Refusal.Reason.FLOODING);
                closeCause = serverSentence("close.heldRequests", most);
                ServerClose.FLOOD.mark(ctx.channel());
                OcpMessage.Builder answer = last instanceof OcpMessage request && request.isRequest()
                        ? answerTo(request, Status.TOO_MANY_REQUESTS)
                        : OcpMessage.response(Status.TOO_MANY_REQUESTS);
                refuseAndClose(
                        ctx,
                        answer.header(HeaderNames.ERROR_CODE, OcpRefusals.code(Refusal.Reason.FLOODING))
                                .body(text("answer.heldRequests", most)));
            }
        };
    }

    private void dispatch(ChannelHandlerContext ctx, OcpMessage request) {
        Command command = COMMANDS.get(request.method());
        if (command == null) {
            answer(ctx, request, Status.METHOD_NOT_ALLOWED, text("answer.unknownMethod", request.method()));
            return;
        }
        if (isFirstConnect(request)) {
            // Every answer from here on is in the language this CONNECT asks for, its own refusal included.
            // A list field: several lines of it are one list, as in HTTP.
            List<String> languages = request.headers().fields().stream()
                    .filter(field -> field.getKey().equalsIgnoreCase(HeaderNames.ACCEPT_LANGUAGE))
                    .map(Map.Entry::getValue)
                    .toList();
            text = languages.isEmpty() ? server.text() : server.text().forAcceptLanguage(String.join(", ", languages));
        }
        // "/rooms/" names a room, with an empty name: refused as invalid, not as a target of the wrong kind.
        Optional<String> room =
                request.target().equals(EMPTY_ROOM) ? Optional.of("") : Targets.roomName(request.target());
        boolean server = request.target().equals(Targets.SERVER);
        boolean inScope =
                switch (command.scope()) {
                    case ROOM -> room.isPresent();
                    case SERVER -> server;
                    case ANY -> server || room.isPresent();
                };
        if (!inScope) {
            refuse(
                    ctx,
                    request,
                    Status.NOT_FOUND,
                    command.scope() == Command.Scope.SERVER
                            ? text("answer.serverTarget", request.method(), request.target())
                            : text("answer.roomTarget", request.method(), request.target()));
        } else if (command.membersOnly() && member == null) {
            answer(ctx, request, Status.FORBIDDEN, text("answer.joinFirst"));
        } else {
            try {
                requireSingleFields(request);
                room.ifPresent(OcpSession::requireValidRoom);
                command.handler().handle(this, ctx, request, room.orElse(null));
            } catch (Refusal refusal) {
                refuse(ctx, request, refusal);
            } catch (BadField bad) {
                refuse(ctx, request, Status.BAD_REQUEST, bad.getMessage());
            }
        }
    }

    /**
     * A room target names a room as the rules allow, or the request is refused 400 {@code invalid-room} with what is
     * wrong, whatever the method: CONNECT and JOIN learnt so from the core, but SEND, TOPIC or WHO to
     * {@code /rooms/edge?x=1} were told 403 "not in the room", as though one could be.
     */
    private static void requireValidRoom(String room) {
        RoomNames.check(room).ifPresent(problem -> {
            throw Refusal.invalid(Refusal.Reason.INVALID_ROOM, problem);
        });
    }

    /**
     * Refuses a request holding one of {@link #SINGLE_FIELDS} twice. Every request passes here, SEND included, so the
     * usual two or three fields cost a comparison or three and nothing is allocated; a request of many fields (a
     * header section may hold hundreds) is checked through a set instead, in time linear in their number.
     */
    private void requireSingleFields(OcpMessage request) {
        List<Map.Entry<String, String>> fields = request.headers().fields();
        int count = fields.size();
        if (count > MANY_FIELDS) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> field : fields) {
                String single = SINGLE_FIELDS_BY_KEY.get(field.getKey().toLowerCase(Locale.ROOT));
                if (single != null && !seen.add(single)) {
                    throw new BadField(text("answer.repeatedField", single));
                }
            }
            return;
        }
        for (int i = 1; i < count; i++) {
            String name = fields.get(i).getKey();
            for (int j = 0; j < i; j++) {
                if (fields.get(j).getKey().equalsIgnoreCase(name)) {
                    String single = SINGLE_FIELDS_BY_KEY.get(name.toLowerCase(Locale.ROOT));
                    if (single != null) {
                        throw new BadField(text("answer.repeatedField", single));
                    }
                }
            }
        }
    }

    /** Tells a refusal: after a refused CONNECT, or when the refusal ends the session, the connection closes. */
    private void refuse(ChannelHandlerContext ctx, OcpMessage request, Refusal refusal) {
        server.refusals().accept(refusal.reason());
        if (refusal.reason() == Refusal.Reason.FLOODING) {
            closeCause = serverSentence("close.flooding");
            ServerClose.FLOOD.mark(ctx.channel());
            endSession(ctx);
        } else if (refusal.reason().endsSession() || isFirstConnect(request)) {
            if (refusal.reason() == Refusal.Reason.BANNED) {
                ServerClose.BAN.mark(ctx.channel());
            }
            refuseAndClose(ctx, OcpRefusals.answer(request, refusal, text));
        } else {
            send(ctx, OcpRefusals.answer(request, refusal, text).build());
        }
    }

    /** Tells a request it is wrong; after a refused CONNECT the connection closes. */
    private void refuse(ChannelHandlerContext ctx, OcpMessage request, Status status, String body) {
        if (isFirstConnect(request)) {
            refuseAndClose(ctx, request, status, body);
        } else {
            answer(ctx, request, status, body);
        }
    }

    /**
     * A CONNECT on a connection that has not connected: refused for any reason, it closes the connection, which has
     * nothing to keep (PROTOCOL.md); a second CONNECT is answered 409 and the member stays.
     */
    private boolean isFirstConnect(OcpMessage request) {
        return member == null && request.method().equals(Methods.CONNECT);
    }

    private void connect(ChannelHandlerContext ctx, OcpMessage request, String room) {
        if (member != null) {
            answer(ctx, request, Status.CONFLICT, text("answer.alreadyJoined"));
            return;
        }
        String name = required(request, HeaderNames.NAME);
        try {
            admit(ctx, request, room, name);
        } catch (Refusal refusal) {
            Optional<Member<Channel>> holder =
                    refusal.reason() == Refusal.Reason.NAME_TAKEN ? core.member(name) : Optional.empty();
            if (holder.isEmpty()) {
                throw refusal; // free after all, or held on another cluster node: answered as ever
            }
            askHolder(ctx, request, room, name, holder.get().link(), refusal);
        }
    }

    /** The core connects the member and the CONNECT is answered 200; or it refuses. */
    private void admit(ChannelHandlerContext ctx, OcpMessage request, String room, String name) {
        Chat.Connected<Channel> connected = core.connect(
                name,
                request.header(HeaderNames.ADMIN_KEY).orElse(null),
                ConnectionLimiter.address(ctx.channel()),
                ctx.channel(),
                room,
                historyAfter(request),
                request.header(HeaderNames.ROOM_KEY).orElse(null));
        member = connected.member();
        if (joinDeadline != null) {
            joinDeadline.cancel(false);
            joinDeadline = null; // the cancelled task would stay as long as the connection: 88 bytes
        }
        ctx.write(joinAnswer(request, connected.joined())
                .body(text("answer.joined", member.name()))
                .build());
        Motd motd = server.motd().get();
        if (!motd.lines().isEmpty()) { // before the room's history, as IRC's MOTD comes before a JOIN
            ctx.write(EventMessages.motd(motd.text(), OffsetDateTime.now()));
        }
        ctx.flush();
        afterReplay(ctx, connected.joined());
    }

    /**
     * The name is held by a member connected here, maybe a ghost (its network broke without a word): the CONNECT waits
     * for the {@link GhostCheck}, and the requests after it are held, then it is admitted if the holder was gone, or
     * refused as {@code taken} (409) if it is there. The administrator's key was proven before the name was looked
     * at, so a CONNECT without it never gets here.
     */
    private void askHolder(
            ChannelHandlerContext ctx, OcpMessage request, String room, String name, Channel holder, Refusal taken) {
        checkingName = true;
        held.hold(ctx);
        GhostCheck.ask(holder, ctx.channel(), server.config().ghostProbe(), outcome -> {
            checkingName = false;
            if (ended || !ctx.channel().isActive()) {
                return;
            }
            try {
                if (outcome != GhostCheck.Outcome.FREED) {
                    throw taken;
                }
                admit(ctx, request, room, name); // taken again meanwhile: 409, without asking again
            } catch (Refusal refusal) {
                refuse(ctx, request, refusal);
            } catch (BadField bad) {
                refuse(ctx, request, Status.BAD_REQUEST, bad.getMessage());
            }
            held.release();
        });
    }

    private void join(ChannelHandlerContext ctx, OcpMessage request, String room) {
        // Behind a replay still queued, this answer must wait its turn: its place is taken before the join queues
        // this room's replay, which must follow it.
        ChannelFanout.InOrder place = placesPending > 0 ? takePlace(ctx) : null;
        JoinResult joined;
        try {
            joined = core.join(
                    member,
                    room,
                    historyAfter(request),
                    request.header(HeaderNames.ROOM_KEY).orElse(null));
        } catch (RuntimeException refused) {
            if (place != null) {
                fill(ctx, place, () -> {}); // the refusal takes a place of its own, behind this one
            }
            throw refused;
        }
        OcpMessage answer = joinAnswer(request, joined)
                .body(text("answer.joinedRoom", joined.room().name()))
                .build();
        if (place != null) {
            fill(ctx, place, () -> ctx.writeAndFlush(answer));
        } else {
            ctx.writeAndFlush(answer);
        }
        afterReplay(ctx, joined);
    }

    /**
     * A join's history replay is queued in this connection's stream of writes, behind the join's answer: until it is
     * written, answers to the requests that follow take their turn behind it ({@link #send}), so that a PING sent after
     * a JOIN is answered after the JOIN's replay, as PROTOCOL promises ("right after the answer the server sends the
     * room's last messages").
     */
    private void afterReplay(ChannelHandlerContext ctx, JoinResult joined) {
        if (joined.replayed() > 0) {
            fill(ctx, takePlace(ctx), () -> {});
        }
    }

    /**
     * Writes and flushes {@code message}: at once, or, while a replay is queued for this connection, in its turn
     * behind it.
     */
    private void send(ChannelHandlerContext ctx, Object message) {
        if (placesPending == 0) {
            ctx.writeAndFlush(message); // the usual case, without a task to make
        } else {
            fill(ctx, takePlace(ctx), () -> ctx.writeAndFlush(message));
        }
    }

    /** Runs {@code write} (writes to this connection) at once, or in its turn behind a replay still queued. */
    private void inTurn(ChannelHandlerContext ctx, Runnable write) {
        if (placesPending == 0) {
            write.run();
        } else {
            fill(ctx, takePlace(ctx), write);
        }
    }

    private ChannelFanout.InOrder takePlace(ChannelHandlerContext ctx) {
        placesPending++;
        return server.fanout().reserve(ctx.channel());
    }

    private void fill(ChannelHandlerContext ctx, ChannelFanout.InOrder place, Runnable write) {
        place.then(() -> {
            placesPending--;
            if (ctx.channel().isActive()) {
                write.run();
            }
        });
    }

    /**
     * The answer to a join, but for its sentence (CONNECT's says who connected, JOIN's which room). Written from the
     * member's event loop at once (or in its turn behind an earlier join's replay), so that it precedes this join's
     * history replay and the live events, which the core queued in the loop's outbox.
     */
    private OcpMessage.Builder joinAnswer(OcpMessage request, JoinResult joined) {
        RoomView room = joined.room();
        OcpMessage.Builder answer = answerTo(request, Status.OK)
                .header(HeaderNames.NAME, member.name())
                .header(HeaderNames.ROLE, member.role().wireName())
                .header(HeaderNames.ROOM, room.name())
                .header(HeaderNames.ROOM_ROLE, joined.role().wireName())
                .header(HeaderNames.MEMBERS, room.members())
                .header(HeaderNames.CAPACITY, room.capacity())
                .header(HeaderNames.SEQ, room.lastSeq())
                .header(HeaderNames.HISTORY, joined.replayed());
        if (room.owner() != null) {
            answer.header(HeaderNames.OWNER, room.owner());
        }
        if (!room.topic().isEmpty()) {
            answer.header(HeaderNames.TOPIC, room.topic());
        }
        if (room.registered()) {
            answer.header(HeaderNames.REGISTERED, "true");
        }
        return answer;
    }

    private void part(ChannelHandlerContext ctx, OcpMessage request, String room) {
        core.part(member, room);
        answer(ctx, request, Status.OK, text("answer.partedRoom", room));
    }

    private void send(ChannelHandlerContext ctx, OcpMessage request, String room) {
        if (core.postsLater()) {
            // A cluster node: the loop goes on reading while the store numbers the line; the answer follows.
            core.postLater(member, room, textBody(request))
                    .whenComplete((posted, failure) -> ctx.executor().execute(() -> {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof Refusal refusal) {
                            refuse(ctx, request, refusal);
                        } else if (cause != null) {
                            exceptionCaught(ctx, cause);
                        } else {
                            sent(ctx, request, posted, null);
                        }
                    }));
            return;
        }
        // The answer's place in this connection's stream is taken as the line is delivered, under the room's lock
        // (ChannelFanout#wantPlaceForAnswer): behind the lines numbered before it, whoever sent them.
        boolean placed =
                placesPending == 0 && request.header(HeaderNames.REQUEST_ID).isPresent();
        if (placed) {
            server.fanout().wantPlaceForAnswer(ctx.channel());
        }
        ChatEvent.Message posted;
        ChannelFanout.InOrder place = null;
        try {
            posted = core.post(member, room, textBody(request));
        } finally {
            if (placed) {
                place = server.fanout().placeForAnswer(ctx.channel()); // a refused line took none: passed over
            }
        }
        sent(ctx, request, posted, place);
    }

    /** Answers a line the core took: in {@code place} when one was taken for the answer, else as {@link #send}. */
    private void sent(
            ChannelHandlerContext ctx, OcpMessage request, ChatEvent.Message posted, ChannelFanout.InOrder place) {
        if (place != null) {
            placesPending++;
        }
        if (request.header(HeaderNames.REQUEST_ID).isPresent()) {
            OcpMessage answer = answerTo(request, Status.OK)
                    .header(HeaderNames.SEQ, posted.seq())
                    .header(HeaderNames.DATE, EventMessages.date(posted.at()))
                    .build();
            if (place != null) {
                fill(ctx, place, () -> ctx.writeAndFlush(answer));
            } else {
                send(ctx, answer);
            }
        } else if (place != null) {
            fill(ctx, place, () -> {});
        }
    }

    private void privateMessage(ChannelHandlerContext ctx, OcpMessage request, String room) {
        String to = required(request, HeaderNames.TO);
        ChatEvent.Private sent;
        try {
            sent = core.whisper(member, to, textBody(request));
        } catch (Refusal refusal) {
            refuseSayingNewName(ctx, request, refusal, to);
            return;
        }
        if (request.header(HeaderNames.REQUEST_ID).isPresent()) {
            OcpMessage.Builder answer = answerTo(request, Status.OK)
                    .header(HeaderNames.TO, sent.to())
                    .header(HeaderNames.DATE, EventMessages.date(sent.at()));
            String away = core.awayOf(sent.to());
            if (!away.isEmpty()) {
                answer.header(HeaderNames.AWAY, away);
            }
            send(ctx, answer.build());
        }
    }

    private void away(ChannelHandlerContext ctx, OcpMessage request, String room) {
        ChatEvent.Away set = core.setAway(member, textBody(request));
        answer(ctx, request, Status.OK, text(set.message().isEmpty() ? "answer.back" : "answer.awaySet"));
    }

    private void rename(ChannelHandlerContext ctx, OcpMessage request, String room) {
        ChatEvent.Renamed renamed;
        try {
            renamed = core.rename(member, required(request, HeaderNames.NAME));
        } catch (Refusal refusal) {
            tooFast(ctx, request, refusal, "answer.renameTooFast"); // the chat allowance's, told as a rename's
            return;
        }
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.NAME, renamed.to())
                        .body(text("answer.renamed", renamed.to()))
                        .build());
    }

    /**
     * Answers 429 with {@code sentenceKey}'s sentence (a rename's, a read's) for {@code refusal} when it is
     * {@code TOO_FAST}; throws it on otherwise, to be told as any refusal is.
     */
    private void tooFast(ChannelHandlerContext ctx, OcpMessage request, Refusal refusal, String sentenceKey) {
        if (refusal.reason() != Refusal.Reason.TOO_FAST) {
            throw refusal;
        }
        long seconds = Math.max(1, refusal.retryAfterSeconds());
        server.refusals().accept(refusal.reason());
        send(
                ctx,
                answerTo(request, Status.TOO_MANY_REQUESTS)
                        .header(HeaderNames.ERROR_CODE, OcpRefusals.code(refusal.reason()))
                        .header(HeaderNames.RETRY_AFTER, seconds)
                        .body(text(sentenceKey, seconds))
                        .build());
    }

    private void list(ChannelHandlerContext ctx, OcpMessage request, String room) {
        List<RoomView> rooms;
        try {
            rooms = core.list(member);
        } catch (Refusal refusal) {
            tooFast(ctx, request, refusal, "answer.readTooFast");
            return;
        }
        answerTable(
                ctx,
                request,
                HeaderNames.ROOMS,
                List.of("room", "members", "capacity", "owner", "topic", "registered"),
                rooms,
                view -> List.of(
                        view.name(),
                        String.valueOf(view.members()),
                        String.valueOf(view.capacity()),
                        view.owner() == null ? "" : view.owner(),
                        view.topic(),
                        String.valueOf(view.registered())));
    }

    /**
     * REGISTRATIONS: the registered rooms, also emptied ones, with who registered each, when, the network it counts
     * against, and when its key was last used (its lapse counts from then): all of them for the administrator; for
     * anyone else those of its own network, named in {@code Network}, with the most one network registers in {@code
     * Capacity}.
     */
    private void registrations(ChannelHandlerContext ctx, OcpMessage request, String room) {
        List<RegisteredRoom> registered;
        try {
            registered = core.registeredRooms(member);
        } catch (Refusal refusal) {
            tooFast(ctx, request, refusal, "answer.readTooFast");
            return;
        }
        String network = RoomKey.networkOf(member);
        answerTable(
                ctx,
                request,
                member.isAdmin()
                        ? UnaryOperator.identity()
                        : answer -> answer.header(HeaderNames.NETWORK, network == null ? "" : network)
                                .header(HeaderNames.CAPACITY, CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK),
                HeaderNames.ROOMS,
                List.of("room", "by", "date", "network", "used"),
                registered,
                kept -> List.of(
                        kept.name(),
                        kept.by(),
                        dateOf(kept.at()),
                        kept.network() == null ? "" : kept.network(),
                        dateOf(kept.used())));
    }

    /** An instant as the tables write dates, in UTC; empty for none. */
    private static String dateOf(java.time.Instant at) {
        return at == null ? "" : EventMessages.date(at.atOffset(ZoneOffset.UTC));
    }

    private void who(ChannelHandlerContext ctx, OcpMessage request, String room) {
        List<MemberView> members;
        try {
            members = core.who(member, room);
        } catch (Refusal refusal) {
            tooFast(ctx, request, refusal, "answer.readTooFast");
            return;
        }
        if (!member.isAdmin()) {
            answerTable(
                    ctx,
                    request,
                    HeaderNames.MEMBERS,
                    List.of("name", "role", "away"),
                    members,
                    view -> List.of(view.name(), view.role().wireName(), view.away()));
            return;
        }
        // The administrator also sees where each member connected from (to ban an address); others never do.
        answerTable(
                ctx,
                request,
                HeaderNames.MEMBERS,
                List.of("name", "role", "away", "address"),
                members,
                view -> List.of(view.name(), view.role().wireName(), view.away(), addressOf(view.name())));
    }

    /** The address a member of this server connected from, or "" (a member of another cluster node, or unknown). */
    private String addressOf(String name) {
        return core.member(name)
                .map(Member::origin)
                .map(java.net.InetAddress::getHostAddress)
                .orElse("");
    }

    /**
     * A 200 with a table (LIST, WHO, BANS): {@code countField} holds the number of rows, the body a header row of
     * {@code columns} and one row per item, TAB between fields, LF after each row. No field holds a TAB or a line
     * break: the core refuses control characters in every name, topic, away message and ban reason.
     */
    private <T> void answerTable(
            ChannelHandlerContext ctx,
            OcpMessage request,
            String countField,
            List<String> columns,
            List<T> items,
            java.util.function.Function<T, List<String>> row) {
        answerTable(ctx, request, UnaryOperator.identity(), countField, columns, items, row);
    }

    /** {@link #answerTable}, with the header fields {@code more} adds. */
    private <T> void answerTable(
            ChannelHandlerContext ctx,
            OcpMessage request,
            UnaryOperator<OcpMessage.Builder> more,
            String countField,
            List<String> columns,
            List<T> items,
            java.util.function.Function<T, List<String>> row) {
        StringBuilder table = new StringBuilder(String.join("\t", columns)).append('\n');
        for (T item : items) {
            table.append(String.join("\t", row.apply(item))).append('\n');
        }
        send(
                ctx,
                more.apply(answerTo(request, Status.OK))
                        .header(countField, items.size())
                        .header(HeaderNames.CONTENT_TYPE, HeaderNames.TSV_UTF8)
                        .body(table.toString())
                        .build());
    }

    private void topic(ChannelHandlerContext ctx, OcpMessage request, String room) {
        boolean clear = flag(request, HeaderNames.CLEAR);
        if (clear && request.bodyLength() > 0) {
            throw new BadField(text("answer.clearWithBody")); // which was meant, the clearing or the topic?
        }
        if (request.bodyLength() == 0 && !clear) {
            RoomView view = core.room(room);
            OcpMessage.Builder answer = answerTo(request, Status.OK);
            if (view.topicBy() != null && view.topicAt() != null) {
                answer.header(HeaderNames.NAME, view.topicBy())
                        .header(HeaderNames.DATE, EventMessages.date(view.topicAt()));
            }
            send(
                    ctx,
                    answer.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                            .body(view.topic())
                            .build());
            return;
        }
        ChatEvent.Topic set = core.setTopic(member, room, clear ? "" : textBody(request));
        // The setter gets no TOPIC event: as SEND's, its answer carries the number the others' event has.
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.SEQ, set.seq())
                        .header(HeaderNames.DATE, EventMessages.date(set.at()))
                        .body(text("answer.topicSet"))
                        .build());
    }

    /**
     * LIMIT: {@code Limit} sets the room's member limit (1 to the server's room capacity), {@code Clear: true} gives it
     * back the server's; one of the two. Answered with the room's limit now ({@code Capacity}); the room's other members
     * get a LIMIT event.
     */
    private void limit(ChannelHandlerContext ctx, OcpMessage request, String room) {
        boolean clear = flag(request, HeaderNames.CLEAR);
        Optional<Long> asked = number(request, HeaderNames.LIMIT);
        if (clear == asked.isPresent()) {
            throw new BadField(text("answer.limitOrClear"));
        }
        int capacity = core.config().roomCapacity();
        if (asked.isPresent() && (asked.get() < 1 || asked.get() > capacity)) {
            // Checked here too: 0 would read as Chat.SERVER_LIMIT, and a long does not fit an int.
            throw Refusal.invalidLimit((int) Math.min(asked.get(), Integer.MAX_VALUE), capacity);
        }
        ChatEvent.RoomLimit set =
                core.setRoomLimit(member, room, asked.map(Long::intValue).orElse(Chat.SERVER_LIMIT));
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.CAPACITY, set.limit())
                        .header(HeaderNames.DATE, EventMessages.date(set.at()))
                        .body(
                                set.reset()
                                        ? text("answer.limitReset", set.limit())
                                        : text("answer.limitSet", set.limit()))
                        .build());
    }

    /**
     * REGISTER: the room gets a new key, answered once in {@code Room-Key} (the server keeps only its hash) with a
     * sentence that says it and how it is used: to keep, or for the administrator, which keeps no key and owns no
     * room, to hand to the room's owner.
     */
    private void register(ChannelHandlerContext ctx, OcpMessage request, String room) {
        NewRoomKey made = core.registerRoom(member, room);
        OcpMessage.Builder answer = answerTo(request, Status.OK).header(HeaderNames.ROOM_KEY, made.key());
        if (made.replaced()) {
            answer.header(HeaderNames.REPLACED, "true");
        }
        String sentence = made.replaced() ? "answer.reregistered" : "answer.registered";
        send(
                ctx,
                answer.body(text(
                                member.isAdmin() ? sentence + "ByAdministrator" : sentence, roomName(room), made.key()))
                        .build());
    }

    /** UNREGISTER: the room's key opens nothing more; ownership rests on presence alone again. */
    private void unregister(ChannelHandlerContext ctx, OcpMessage request, String room) {
        core.unregisterRoom(member, room);
        answer(ctx, request, Status.OK, text("answer.unregistered", roomName(room)));
    }

    /**
     * CLAIM: the member, in the room, shows its key ({@code Room-Key}) and owns it; answered with its role there
     * ({@code Room-Role}, as a join's answer says it: {@code owner}, or {@code admin} for the administrator, which owns
     * no room).
     */
    private void claim(ChannelHandlerContext ctx, OcpMessage request, String room) {
        RoomRole role = core.claimRoom(member, room, required(request, HeaderNames.ROOM_KEY));
        String named = roomName(room);
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.ROOM_ROLE, role.wireName())
                        .body(
                                role == RoomRole.OWNER
                                        ? text("answer.claimed", named)
                                        : text("answer.claimedAsAdmin", named))
                        .build());
    }

    /** The room as its creator wrote it, when it exists; else as the request wrote it. */
    private String roomName(String room) {
        try {
            return core.room(room).name();
        } catch (Refusal gone) {
            return room;
        }
    }

    /** The page's messages as replayed MESSAGE events, then the answer with their count. */
    private void history(ChannelHandlerContext ctx, OcpMessage request, String room) {
        Optional<Long> before = number(request, HeaderNames.BEFORE);
        Optional<Long> after = number(request, HeaderNames.AFTER);
        if (before.isPresent() && after.isPresent()) {
            throw new BadField(text("answer.beforeAndAfter"));
        }
        long asked = number(request, HeaderNames.LIMIT).orElse((long) DEFAULT_HISTORY_PAGE);
        if (asked < 1 || asked > CoreConfig.MAX_HISTORY_PAGE) {
            throw new BadField(text(
                    "answer.fieldRange", HeaderNames.LIMIT, 1, CoreConfig.MAX_HISTORY_PAGE, String.valueOf(asked)));
        }
        int limit = (int) asked;
        HistoryQuery query = before.map(seq -> new HistoryQuery(HistoryQuery.Direction.BEFORE, seq, limit))
                .or(() -> after.map(seq -> new HistoryQuery(HistoryQuery.Direction.AFTER, seq, limit)))
                .orElse(HistoryQuery.latest(limit));
        List<ChatEvent.Message> page;
        try {
            page = core.history(member, room, query);
        } catch (Refusal refusal) {
            tooFast(ctx, request, refusal, "answer.readTooFast");
            return;
        }
        OcpMessage answer = answerTo(request, Status.OK)
                .header(HeaderNames.COUNT, page.size())
                .build();
        inTurn(ctx, () -> {
            for (ChatEvent.Message message : page) {
                ctx.write(EventMessages.encode(ctx.alloc(), message));
            }
            ctx.writeAndFlush(answer);
        });
    }

    private void leave(ChannelHandlerContext ctx, OcpMessage request, String room) {
        boolean quiet = flag(request, HeaderNames.QUIET);
        core.disconnect(member, LeaveReason.LEFT, "", quiet);
        member = null;
        OcpMessage answer =
                answerTo(request, Status.OK).body(text("answer.left")).build();
        inTurn(ctx, () -> ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE));
    }

    private void kick(ChannelHandlerContext ctx, OcpMessage request, String room) {
        String target = required(request, HeaderNames.NAME);
        String kicked;
        try {
            kicked = core.kick(member, room, target, request.bodyText().strip());
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.NO_SUCH_MEMBER
                    && !core.presenceOf(List.of(target)).isEmpty()) {
                // Connected, in other rooms: "no such user" would tell the moderator it is not on the server.
                server.refusals().accept(refusal.reason());
                send(
                        ctx,
                        OcpRefusals.answer(request, refusal, text)
                                .body(text("answer.kickNotInRoom", target))
                                .build());
                return;
            }
            throw refusal;
        }
        answer(ctx, request, Status.OK, text("answer.kicked", kicked));
    }

    /**
     * DELETE: {@code Seq} takes one message out of the room's history, {@code Name} that name's messages of the last
     * {@code Within} seconds (an hour by default); one of the two. Answered with whose they were ({@code Name}) and
     * their numbers ({@code Seqs}); the room's other members get a DELETED event.
     */
    private void delete(ChannelHandlerContext ctx, OcpMessage request, String room) {
        Optional<Long> seq = number(request, HeaderNames.SEQ);
        Optional<String> name = request.header(HeaderNames.NAME);
        Optional<Long> within = number(request, HeaderNames.WITHIN);
        if (seq.isPresent() == name.isPresent()) {
            throw new BadField(text("answer.seqOrName"));
        }
        if (within.isPresent() && seq.isPresent()) {
            throw new BadField(text("answer.withinWithSeq"));
        }
        if (seq.isPresent() && seq.get() < 1) {
            throw new BadField(text("answer.invalidField", HeaderNames.SEQ, "0"));
        }
        if (within.isPresent() && within.get() < 1) {
            throw new BadField(text("answer.invalidField", HeaderNames.WITHIN, "0"));
        }
        Deletion what = seq.map(Deletion::message)
                .orElseGet(() -> Deletion.from(
                        name.orElseThrow(), within.map(Duration::ofSeconds).orElse(CoreConfig.DELETE_WITHIN)));
        ChatEvent.Deleted deleted =
                core.delete(member, room, what, request.bodyText().strip());
        OcpMessage.Builder answer = answerTo(request, Status.OK)
                .header(HeaderNames.NAME, deleted.from())
                .header(HeaderNames.SEQS, EventMessages.seqs(deleted.seqs()))
                .header(HeaderNames.DATE, EventMessages.date(deleted.at()));
        if (deleted.passedOver() > 0) {
            // Older ones fitted but were said before this owner by presence came: the room is not as clean as it looks.
            answer.header(HeaderNames.PASSED_OVER, deleted.passedOver())
                    .body(text(
                            "answer.deletedPassedOver", deleted.seqs().size(), deleted.from(), deleted.passedOver()));
        } else {
            answer.body(text("answer.deleted", deleted.seqs().size(), deleted.from()));
        }
        send(ctx, answer.build());
    }

    private void kill(ChannelHandlerContext ctx, OcpMessage request, String room) {
        String killed = core.kill(
                member, required(request, HeaderNames.NAME), request.bodyText().strip());
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.NAME, killed)
                        .body(text("answer.killed", killed))
                        .build());
    }

    private void invite(ChannelHandlerContext ctx, OcpMessage request, String room) {
        String name = required(request, HeaderNames.NAME);
        ChatEvent.Invited sent;
        try {
            sent = core.invite(member, room, name);
        } catch (Refusal refusal) {
            refuseSayingNewName(ctx, request, refusal, name);
            return;
        }
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.NAME, sent.to())
                        .header(HeaderNames.DATE, EventMessages.date(sent.at()))
                        .body(text("answer.invited", sent.to(), sent.room()))
                        .build());
    }

    /**
     * Answers a PRIVATE's or an INVITE's 404 for {@code name}, nobody's now, with {@code New-Name} when its last holder
     * took another name and is still connected ({@link openchat.core.Chat#nowNamed}), so that the client can say whom
     * to write to (trial 12: {@code /w tom} after tom became tommy said only that nobody is called tom); throws any
     * other refusal on, to be told as any is.
     */
    private void refuseSayingNewName(ChannelHandlerContext ctx, OcpMessage request, Refusal refusal, String name) {
        Optional<String> now =
                refusal.reason() == Refusal.Reason.NO_SUCH_MEMBER ? core.nowNamed(name) : Optional.empty();
        if (now.isEmpty()) {
            throw refusal;
        }
        server.refusals().accept(refusal.reason());
        send(
                ctx,
                OcpRefusals.answer(request, refusal, text)
                        .header(HeaderNames.NEW_NAME, now.get())
                        .body(text("answer.noSuchMemberNowNamed", name, now.get()))
                        .build());
    }

    private void ban(ChannelHandlerContext ctx, OcpMessage request, String room) {
        Duration lasting =
                request.header(HeaderNames.DURATION).map(this::banDuration).orElse(null);
        if (room != null) {
            roomBan(ctx, request, room, lasting);
            return;
        }
        Chat.BanResult result = core.ban(member, required(request, HeaderNames.TARGET), lasting, request.bodyText());
        Ban ban = result.ban();
        OcpMessage.Builder answer = answerTo(request, Status.OK)
                .header(HeaderNames.TARGET, ban.target())
                .header(HeaderNames.KIND, ban.kind().wireName())
                .header(HeaderNames.DISCONNECTED, result.disconnected().size());
        if (!ban.isPermanent()) {
            answer.header(HeaderNames.EXPIRES, EventMessages.date(ban.expires()));
        }
        if (result.address() != null) {
            answer.header(HeaderNames.ADDRESS, result.address());
        }
        String sentence = BanAnswer.of(result, text, "answer.bannedAddressHint").toString();
        send(ctx, answer.body(sentence).build());
    }

    /** BAN's {@code Duration}: whole seconds, from 1 to {@link BanDuration#LONGEST}; else the request is refused. */
    private Duration banDuration(String seconds) {
        if (seconds.matches("\\d{1,10}") && BanDuration.isAllowed(Duration.ofSeconds(Long.parseLong(seconds)))) {
            return Duration.ofSeconds(Long.parseLong(seconds));
        }
        throw new BadField(text("answer.badBanDuration", seconds, BanDuration.LONGEST.toSeconds()));
    }

    /**
     * BAN of a room: answered with the ban as kept ({@code Target}, {@code Kind}, {@code Expires}), and for the
     * administrator the address kept with it ({@code Address}); the room's other members get a BAN event.
     */
    private void roomBan(ChannelHandlerContext ctx, OcpMessage request, String room, Duration lasting) {
        RoomBan made = core.roomBan(member, room, required(request, HeaderNames.TARGET), lasting, request.bodyText());
        Ban ban = made.ban();
        OcpMessage.Builder answer = answerTo(request, Status.OK)
                .header(HeaderNames.TARGET, ban.target())
                .header(HeaderNames.KIND, ban.kind().wireName());
        if (!ban.isPermanent()) {
            answer.header(HeaderNames.EXPIRES, EventMessages.date(ban.expires()));
        }
        if (made.address() != null) { // the core shows it to the administrator only
            answer.header(HeaderNames.ADDRESS, made.address().toString());
        }
        send(ctx, answer.body(BanAnswer.ofRoom(made, text)).build());
    }

    private void unban(ChannelHandlerContext ctx, OcpMessage request, String room) {
        if (room != null) {
            RoomBan lifted = core.roomUnban(member, room, required(request, HeaderNames.TARGET));
            send(
                    ctx,
                    answerTo(request, Status.OK)
                            .header(HeaderNames.TARGET, lifted.ban().target())
                            .header(HeaderNames.KIND, lifted.ban().kind().wireName())
                            .body(text("answer.roomUnbanned", lifted.ban().target()))
                            .build());
            return;
        }
        Ban lifted = core.unban(member, required(request, HeaderNames.TARGET));
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.TARGET, lifted.target())
                        .header(HeaderNames.KIND, lifted.kind().wireName())
                        .body(text("answer.unbanned", lifted.target()))
                        .build());
    }

    private void bans(ChannelHandlerContext ctx, OcpMessage request, String room) {
        if (room != null) {
            List<RoomBan> held;
            try {
                held = core.roomBans(member, room);
            } catch (Refusal refusal) {
                tooFast(ctx, request, refusal, "answer.readTooFast");
                return;
            }
            // The address column is the administrator's: for anyone else it is always empty.
            answerTable(
                    ctx,
                    request,
                    HeaderNames.BANS,
                    List.of("target", "kind", "by", "date", "reason", "expires", "address"),
                    held,
                    roomBan -> {
                        Ban ban = roomBan.ban();
                        return List.of(
                                ban.target(),
                                ban.kind().wireName(),
                                ban.by(),
                                EventMessages.date(ban.at()),
                                ban.reason(),
                                ban.isPermanent() ? "" : EventMessages.date(ban.expires()),
                                roomBan.address() == null
                                        ? ""
                                        : roomBan.address().toString());
                    });
            return;
        }
        answerTable(
                ctx,
                request,
                HeaderNames.BANS,
                List.of("target", "kind", "by", "date", "reason", "expires"),
                core.bans(member),
                ban -> List.of(
                        ban.target(),
                        ban.kind().wireName(),
                        ban.by(),
                        EventMessages.date(ban.at()),
                        ban.reason(),
                        ban.isPermanent() ? "" : EventMessages.date(ban.expires())));
    }

    private void announce(ChannelHandlerContext ctx, OcpMessage request, String room) {
        ChatEvent.Notice announced = core.announce(member, textBody(request));
        send(
                ctx,
                answerTo(request, Status.OK)
                        .header(HeaderNames.DATE, EventMessages.date(announced.at()))
                        .body(text("answer.announced"))
                        .build());
    }

    private void shutdown(ChannelHandlerContext ctx, OcpMessage request, String room) {
        core.requireAdmin(member);
        answer(ctx, request, Status.OK, text("answer.shuttingDown"));
        String reason = request.bodyText().strip();
        server.shutdown().shutdown(reason.isEmpty() ? member.name() : member.name() + ": " + reason);
    }

    private void ping(ChannelHandlerContext ctx, OcpMessage request, String room) {
        answer(ctx, request, Status.OK, "");
    }

    /** The field's value; refuses the request (400) when it is missing. */
    private String required(OcpMessage request, String field) {
        return request.header(field).orElseThrow(() -> new BadField(text("answer.missingField", field)));
    }

    /** A field holding a whole number of 0 or more, if present; refuses the request (400) otherwise. */
    private Optional<Long> number(OcpMessage request, String field) {
        Optional<String> value = request.header(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String digits = value.get();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadField(text("answer.invalidField", field, digits));
        }
        return Optional.of(Long.parseLong(digits));
    }

    /**
     * A true-or-false field ({@code Clear}, {@code Quiet}): {@code true} or {@code false}, in any case, absent reading as
     * false; anything else refuses the request (400), where reading {@code yes} as false would do what was not asked.
     */
    private boolean flag(OcpMessage request, String field) {
        Optional<String> value = request.header(field);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadField(text("answer.notFlag", field));
    }

    private long historyAfter(OcpMessage request) {
        return number(request, HeaderNames.HISTORY_AFTER).orElse(-1L);
    }

    /** The body as chat text: UTF-8, {@code text/plain} if a type is given; refuses (400) anything else. */
    private String textBody(OcpMessage request) {
        boolean plain = request.header(HeaderNames.CONTENT_TYPE)
                .map(OcpSession::isPlainUtf8Text)
                .orElse(true);
        Optional<String> body = plain ? request.bodyUtf8() : Optional.empty();
        return body.orElseThrow(() -> new BadField(text("answer.notText")));
    }

    /** A request field that is missing or malformed: answered 400 (and closed, for CONNECT). */
    private static final class BadField extends RuntimeException {
        BadField(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** What was wrong with the bytes, in the server's language. */
    private String fault(MalformedMessage malformed) {
        return text(malformed.fault().textKey(), malformed.argument());
    }

    private void refuseMalformed(ChannelHandlerContext ctx, MalformedMessage malformed) {
        // A body over the limit is framed correctly: the message is too long, not malformed.
        boolean tooLong = malformed.fault() == MalformedMessage.Fault.BODY_TOO_LONG
                || malformed.fault() == MalformedMessage.Fault.BODY_TOO_LONG_TO_SKIP;
        OcpMessage.Builder answer = OcpMessage.response(malformed.status())
                .body(text(tooLong ? "answer.tooLong" : "answer.malformed", fault(malformed)));
        if (malformed.requestId() != null) {
            answer.header(HeaderNames.REQUEST_ID, malformed.requestId());
        }
        log.debug("{}: {} {}", ctx.channel().remoteAddress(), malformed.status().code(), malformed.detail());
        if (malformed.recoverable()) {
            send(ctx, answer.build());
        } else {
            closeCause = serverSentence(
                    "close.malformed", server.text().get(malformed.fault().textKey(), malformed.argument()));
            ServerClose.PROTOCOL_ERROR.mark(ctx.channel());
            refuseAndClose(ctx, answer);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(OcpMessage.request(Methods.PING, "/").build());
        } else if (event == GhostCheck.Signal.UNANSWERED) {
            // If the holder was only stopped (a laptop's lid), it reads this when it wakes, before the close: it
            // can say why its name is gone. A dead network drops it, as it drops everything else.
            ctx.writeAndFlush(
                    EventMessages.of(new ChatEvent.Notice(text("close.ghost.toHolder"), OffsetDateTime.now())));
            closeWith(ctx, ServerClose.GHOST, serverSentence("close.ghost"));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            BacklogWatch.unwritable(
                    ctx.channel(),
                    () -> closeWith(
                            ctx,
                            ServerClose.BACKLOG,
                            serverSentence("close.backlog", server.config().maxBacklog())));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            closeWith(
                    ctx,
                    ServerClose.PING_TIMEOUT,
                    serverSentence(
                            "close.pingTimeout", server.config().idleTimeout().toSeconds()));
        } else if (cause instanceof javax.net.ssl.SSLException
                || cause instanceof io.netty.handler.codec.DecoderException
                        && cause.getCause() instanceof javax.net.ssl.SSLException) {
            // A client that does not trust our certificate, or speaks plain text to TLS: its problem, not ours.
            log.debug("{}: TLS failed: {}", ctx.channel().remoteAddress(), cause.toString());
            closeWith(ctx, ServerClose.TLS_FAILED, serverSentence("close.tlsFailed"));
        } else if (UnexpectedErrors.peerWentAway(cause)) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
            closeWith(ctx, null, describe(cause));
        } else {
            UnexpectedErrors.SHARED.log(log, ctx, cause);
            closeWith(ctx, ServerClose.INTERNAL_ERROR, serverSentence("close.internalError"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (joinDeadline != null) {
            joinDeadline.cancel(false);
        }
        held.clear();
        leaveNow(ctx);
        ctx.fireChannelInactive();
    }

    /** Closes for {@code cause}; {@code reason}: why the server ends it, null when the connection failed. */
    private void closeWith(ChannelHandlerContext ctx, ServerClose reason, String cause) {
        if (reason != null) {
            reason.mark(ctx.channel());
        }
        if (closeCause == null) {
            closeCause = cause;
        }
        ctx.close();
    }

    private void answer(ChannelHandlerContext ctx, OcpMessage request, Status status, String body) {
        send(ctx, answerTo(request, status).body(body).build());
    }

    private void refuseAndClose(ChannelHandlerContext ctx, OcpMessage request, Status status, String body) {
        refuseAndClose(ctx, answerTo(request, status).body(body));
    }

    private void refuseAndClose(ChannelHandlerContext ctx, OcpMessage.Builder answer) {
        if (closeCause == null) {
            closeCause = serverSentence("close.refused");
        }
        ServerClose.REFUSED.mark(ctx.channel()); // unless a reason was given before
        send(ctx, answer.build());
        endSession(ctx);
    }

    /**
     * Ends the session on the server's word: the member leaves the chat now, and the connection closes once what
     * was written to it has reached the client ({@link LingeringClose}), answers still waiting their turn behind a
     * replay included.
     */
    private void endSession(ChannelHandlerContext ctx) {
        ended = true;
        leaveNow(ctx);
        inTurn(ctx, () -> LingeringClose.close(ctx.channel(), ServerConfig.CLOSE_LINGER));
    }

    /** The member, if any, leaves the chat as disconnected, for the reason known by now. */
    private void leaveNow(ChannelHandlerContext ctx) {
        if (member != null) {
            String cause =
                    closeCause != null ? closeCause : CloseCause.of(ctx.channel(), serverSentence("close.noLeave"));
            core.disconnect(member, LeaveReason.DISCONNECTED, cause, false);
            member = null;
        }
    }

    static OcpMessage.Builder answerTo(OcpMessage request, Status status) {
        OcpMessage.Builder answer = OcpMessage.response(status);
        request.header(HeaderNames.REQUEST_ID).ifPresent(id -> answer.header(HeaderNames.REQUEST_ID, id));
        return answer;
    }

    private String text(String key, Object... args) {
        return text.get(key, args);
    }

    /** A sentence for the console and the rooms (why this connection closed): in the server's language. */
    private String serverSentence(String key, Object... args) {
        return server.text().get(key, args);
    }

    /** {@code text/plain}, with no charset or {@code charset=utf-8} (any case, optionally quoted). */
    static boolean isPlainUtf8Text(String contentType) {
        if (contentType.equals(HeaderNames.TEXT_UTF8)) {
            return true; // what openchat's clients send with every line: no split, strip or lower-casing
        }
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

    /** An I/O failure of the connection, in the server's language. */
    private String describe(Throwable cause) {
        return ConnectionFailure.describe(server.text(), cause); // for the console and the room: the server's
    }
}
