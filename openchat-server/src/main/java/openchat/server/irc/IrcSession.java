package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import openchat.core.Ban;
import openchat.core.BanDuration;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.DisplayText;
import openchat.core.JoinResult;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.MemberInfo;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomView;
import openchat.core.TextProblem;
import openchat.server.config.ServerConfig;
import openchat.server.net.BanAnswer;
import openchat.server.net.ConnectionFailure;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.EventEncoder;
import openchat.server.net.LingeringClose;
import openchat.server.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection's side of the conversation: the adapter between IRC commands and the chat core, as
 * {@link openchat.server.ocp.OcpListener OCP}'s session is for OCP. It registers the client (CAP, PASS, NICK,
 * USER), then turns each command into core calls and the results into numerics; the core's events reach the
 * client through the fanout, encoded by {@link IrcEvents}. Runs on the connection's event loop only.
 *
 * <p>Flood: a line refused for coming too fast is held, with every line after it, and the connection stops
 * reading until the core's Retry-After has passed (fakelag); past {@code ircMaxHeldLines} held lines, the
 * client gets {@code ERROR} and is closed.
 */
final class IrcSession extends SimpleChannelInboundHandler<Object> {

    /** RPL_CREATED's time, for people: in the server's offset, to the second (2026-12-03 15:33:00 +09:00). */
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

    private static final Logger log = LoggerFactory.getLogger(IrcSession.class);

    /** Commands a client may send before it is registered. */
    private static final Set<String> BEFORE_REGISTRATION =
            Set.of("CAP", "PASS", "NICK", "USER", "PING", "PONG", "QUIT");
    /** Targets one PRIVMSG, NOTICE or KICK may name ({@code TARGMAX}). */
    static final int MAX_TARGETS = IrcListener.MAX_TARGETS;

    private final IrcContext server;
    private final Chat<Channel> core;
    private ChannelHandlerContext ctx;

    private String nick;
    private boolean userGiven;
    private String password;
    /** CAP LS or REQ before registration holds registration until CAP END. */
    private boolean capNegotiating;

    private final Set<IrcCapability> capabilities = EnumSet.noneOf(IrcCapability.class);
    private Member<Channel> member;
    /** The user modes a client set on itself: {@code i}, {@code w}, in order. */
    private String userModes = "";

    private String closeCause;
    /** The connection ends with an ERROR already queued: later lines are not read. */
    private boolean closing;
    /** A client's command is being handled (see closeWithError). */
    private boolean inCommand;

    private ScheduledFuture<?> registrationDeadline;

    /** The command being handled joined a room: its answer must precede what the join queued (see writeReplies). */
    private boolean answerAtOnce;

    /** The label of the command being handled, until an echo carries it (null: none, or carried). */
    private String echoLabel;

    /** Lines waiting out the flood control's Retry-After, oldest first. */
    private final ArrayDeque<IrcMessage> held = new ArrayDeque<>();

    private boolean holding;

    /** The answer to the command being handled. */
    private IrcReplies replies = new IrcReplies();
    /** The channel {@link #roomOf} last read, and its room. */
    private String lastChannel;

    private Optional<String> lastRoom = Optional.empty();

    IrcSession(IrcContext server) {
        super(Object.class);
        this.server = server;
        this.core = server.core();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        EventEncoder.set(ctx.channel(), encoders().plain());
        long deadline = server.config().joinDeadline().toMillis();
        registrationDeadline = ctx.executor()
                .schedule(
                        () -> {
                            if (member == null && ctx.channel().isActive()) {
                                closeWithError(
                                        text("irc.registrationTimeout", deadline / 1000), "not registered in time");
                            }
                        },
                        deadline,
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object line) {
        if (closing) {
            return; // lines after a QUIT (or another close) in the same read
        }
        if (line instanceof IrcLineDecoder.BadLine bad) {
            badLine(bad);
        } else if (line instanceof IrcMessage message) {
            if (holding) {
                hold(message);
            } else {
                handle(message);
            }
        }
    }

    // ---- the flow of one command ----

    private void handle(IrcMessage message) {
        inCommand = true;
        try {
            handleCommand(message);
        } finally {
            inCommand = false;
        }
    }

    private void handleCommand(IrcMessage message) {
        if (!replies.isEmpty()) {
            replies = new IrcReplies();
        }
        String label = capabilities.contains(IrcCapability.LABELED_RESPONSE)
                ? message.tags().get("label")
                : null;
        echoLabel = label;
        answerAtOnce = false;
        try {
            dispatch(message);
        } catch (HeldRest rest) {
            // Some targets have the line already: they keep it, the rest wait out the Retry-After.
            writeReplies(echoLabel == null ? null : label);
            echoLabel = null;
            startHolding(rest.message, rest.retryAfterSeconds);
            return;
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                replies = new IrcReplies();
                startHolding(message, refusal.retryAfterSeconds());
                return;
            }
            refused(message, refusal);
        } catch (NeedMoreParams missing) {
            numeric("461", message.command(), text("irc.needMoreParams"));
        }
        // An echo that carried the label was the answer; anything else said goes unlabelled.
        writeReplies(echoLabel == null && label != null ? null : label);
        echoLabel = null;
    }

    /**
     * This member's copy of its own room message (echo-message), which {@link openchat.server.net.ChannelFanout}
     * asks for on this loop while the room numbers the message, so that it reaches the member in the room's order.
     * The first echo of a labelled command carries the label.
     */
    private ByteBuf echo(ByteBufAllocator allocator, ChatEvent event) {
        if (!(event instanceof ChatEvent.Message message)) {
            return null;
        }
        List<IrcMessage> lines = new ArrayList<>(encoder().lines(message, Map.of()));
        if (echoLabel != null && !lines.isEmpty()) {
            lines.set(0, lines.get(0).withTags(Map.of("label", echoLabel)));
            echoLabel = null;
        }
        return IrcEvents.write(allocator, lines);
    }

    /**
     * Writes the answer to the command just handled. It is queued behind what the fanout queued for this connection
     * meanwhile (the echo of a line this command or an earlier one sent), so a PING sent after a PRIVMSG is answered
     * after the PRIVMSG's echo. A JOIN's answer is the exception: it is written at once, ahead of the history replay
     * and the live lines the core queued for the new member, which must follow it.
     */
    private void writeReplies(String label) {
        if (label == null && replies.isEmpty()) {
            return;
        }
        List<IrcMessage> lines = replies.finish(label);
        replies = new IrcReplies();
        if (answerAtOnce) {
            answerAtOnce = false;
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), lines));
            }
            return;
        }
        ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), lines));
            }
        });
    }

    private void dispatch(IrcMessage message) {
        String command = message.command();
        if (member == null && !BEFORE_REGISTRATION.contains(command)) {
            if (!commandExists(command)) {
                numeric("421", command, text("irc.unknownCommand"));
            } else {
                numeric("451", text("irc.notRegistered"));
            }
            return;
        }
        switch (command) {
            case "CAP" -> cap(message);
            case "PASS" -> pass(message);
            case "NICK" -> nick(message);
            case "USER" -> user(message);
            case "PING" -> {
                if (message.params().isEmpty() || message.params().get(0).isEmpty()) {
                    numeric("409", text("irc.noOrigin"));
                } else {
                    reply(IrcMessage.of(
                            IrcNames.SERVER,
                            "PONG",
                            IrcNames.SERVER,
                            message.params().get(0)));
                }
            }
            case "PONG" -> {} // reading it reset the idle timers
            case "QUIT" -> quit(message);
            case "JOIN" -> join(message);
            case "PART" -> part(message);
            case "PRIVMSG" -> privmsg(message, false);
            case "NOTICE" -> privmsg(message, true);
            case "NAMES" -> names(message);
            case "WHO" -> who(message);
            case "WHOIS" -> whois(message);
            case "LIST" -> list(message);
            case "TOPIC" -> topic(message);
            case "KICK" -> kick(message);
            case "MODE" -> mode(message);
            case "AWAY" -> away(message);
            case "ISON" -> ison(message);
            case "USERHOST" -> userhost(message);
            case "OPER" -> oper(message);
            case "DIE" -> die(message);
            case "LUSERS" -> lusers();
            case "MOTD" -> motd();
            case "VERSION" -> numeric("351", server.version(), IrcNames.SERVER, text("irc.versionComment"));
            case "TIME" -> numeric(
                    "391",
                    IrcNames.SERVER,
                    STARTED.format(OffsetDateTime.now(server.started().getOffset())));
            case "ADMIN" -> admin();
            case "INFO" -> info();
            case "LINKS" -> {
                numeric("364", "*", IrcNames.SERVER, "0 " + text("irc.versionComment"));
                numeric("365", "*", text("irc.endOfLinks"));
            }
            case "STATS" -> stats(message);
            case "KLINE", "GLINE", "ZLINE", "DLINE" -> kline(message);
            case "UNKLINE", "UNGLINE", "UNZLINE", "UNDLINE" -> unkline(message);
            case "CHATHISTORY" -> new IrcHistory(this, core, member).handle(message);
            case "TAGMSG" -> {} // client-only tags (typing...): CLIENTTAGDENY=* says none are relayed
            default -> numeric("421", command, text("irc.unknownCommand"));
        }
    }

    private static boolean commandExists(String command) {
        return switch (command) {
            case "JOIN",
                    "PART",
                    "PRIVMSG",
                    "NOTICE",
                    "NAMES",
                    "WHO",
                    "WHOIS",
                    "LIST",
                    "TOPIC",
                    "KICK",
                    "MODE",
                    "AWAY",
                    "ISON",
                    "USERHOST",
                    "OPER",
                    "DIE",
                    "LUSERS",
                    "MOTD",
                    "VERSION",
                    "TIME",
                    "ADMIN",
                    "INFO",
                    "LINKS",
                    "STATS",
                    "KLINE",
                    "GLINE",
                    "ZLINE",
                    "DLINE",
                    "UNKLINE",
                    "UNGLINE",
                    "UNZLINE",
                    "UNDLINE",
                    "CHATHISTORY",
                    "TAGMSG" -> true;
            default -> false;
        };
    }

    /** What a core refusal looks like on IRC, for the command that caused it. */
    private void refused(IrcMessage message, Refusal refusal) {
        server.refusals().accept(refusal.reason());
        String subject = refusal.subject();
        String channel = subject.isEmpty() ? message.param(0).orElse("*") : IrcNames.channel(subject);
        switch (refusal.reason()) {
            case NO_SUCH_ROOM -> numeric("403", channel, text("irc.noSuchChannel"));
            case INVALID_ROOM -> numeric("479", message.param(0).orElse("*"), text("irc.badChannelName"));
            case NOT_IN_ROOM -> {
                if (message.command().equals("PRIVMSG") || message.command().equals("NOTICE")) {
                    numeric("404", channel, text("irc.cannotSend"));
                } else {
                    numeric("442", channel, text("irc.notOnChannel"));
                }
            }
            case ROOM_FULL -> numeric("471", channel, text("irc.channelFull", refusal.capacity()));
            case TOO_MANY_JOINED -> numeric(
                    "405", message.param(0).orElse("*"), text("irc.tooManyChannels", refusal.capacity()));
            case TOO_MANY_ROOMS -> numeric(
                    "403", message.param(0).orElse("*"), text("irc.tooManyRooms", refusal.capacity()));
            case ALREADY_IN_ROOM -> {} // IRC servers ignore a JOIN to a channel already joined
            case NOT_MODERATOR -> numeric("482", channel(message), text("irc.notOperator"));
            case ADMIN_ONLY -> numeric("481", text("irc.noPrivileges"));
            case ADMIN_NOT_BANNABLE -> serverNotice(text("answer.adminNotBannable"));
            case INVALID_BAN -> serverNotice(text("answer.invalidBan", subject));
            case INVALID_NAME -> serverNotice(text("answer.invalidName", problemText(refusal)));
            case NOT_BANNED -> serverNotice(text("answer.notBanned", subject));
            case NO_SUCH_MEMBER -> numeric("401", IrcNames.nick(subject), text("irc.noSuchNick"));
            case INVALID_TOPIC -> reply(IrcMessage.of(
                    IrcNames.SERVER, "FAIL", "TOPIC", "INVALID_TOPIC", channel(message), problemText(refusal)));
            case EMPTY_MESSAGE -> numeric("412", text("irc.noTextToSend"));
            case FLOODING -> closeWithError(text("irc.excessFlood"), text("close.flooding"));
            case GONE -> closeWithError(text("irc.closingLink", "-"), text("close.refused"));
            case SHUTTING_DOWN -> {} // the server closes every connection itself, after telling it
            case UNAVAILABLE -> reply(IrcMessage.of(
                    IrcNames.SERVER,
                    "FAIL",
                    message.command(),
                    "TEMPORARILY_UNAVAILABLE",
                    text("irc.unavailable", Math.max(1, refusal.retryAfterSeconds()))));
            default -> numeric(
                    "400",
                    message.command(),
                    subject.isEmpty() ? refusal.reason().name() : subject);
        }
    }

    private static String channel(IrcMessage message) {
        return message.param(0).orElse("*");
    }

    // ---- registration ----

    private void cap(IrcMessage message) {
        String sub = required(message, 0).toUpperCase(Locale.ROOT);
        String me = nick == null ? "*" : nick;
        switch (sub) {
            case "LS" -> {
                if (member == null) {
                    capNegotiating = true;
                }
                if (message.param(1)
                        .map(v -> v.compareTo("302") >= 0 && v.length() >= 3)
                        .orElse(false)) {
                    capabilities.add(IrcCapability.CAP_NOTIFY); // implied by CAP LS 302
                }
                String offered = Arrays.stream(IrcCapability.values())
                        .map(IrcCapability::wireName)
                        .collect(Collectors.joining(" "));
                reply(IrcMessage.of(IrcNames.SERVER, "CAP", me, "LS", offered));
            }
            case "LIST" -> reply(IrcMessage.of(
                    IrcNames.SERVER,
                    "CAP",
                    me,
                    "LIST",
                    capabilities.stream().map(IrcCapability::wireName).collect(Collectors.joining(" "))));
            case "REQ" -> {
                if (member == null) {
                    capNegotiating = true;
                }
                String wanted = required(message, 1).strip();
                Set<IrcCapability> add = EnumSet.noneOf(IrcCapability.class);
                Set<IrcCapability> remove = EnumSet.noneOf(IrcCapability.class);
                boolean known = !wanted.isEmpty();
                for (String name : wanted.split(" +")) {
                    boolean off = name.startsWith("-");
                    Optional<IrcCapability> capability = IrcCapability.named(off ? name.substring(1) : name);
                    if (capability.isEmpty()) {
                        known = false;
                    } else {
                        (off ? remove : add).add(capability.get());
                    }
                }
                if (!known) {
                    reply(IrcMessage.of(IrcNames.SERVER, "CAP", me, "NAK", wanted));
                    return;
                }
                capabilities.addAll(add);
                capabilities.removeAll(remove);
                EventEncoder.set(ctx.channel(), encoders().forCapabilities(capabilities));
                EventEncoder.setEcho(
                        ctx.channel(), capabilities.contains(IrcCapability.ECHO_MESSAGE) ? this::echo : null);
                reply(IrcMessage.of(IrcNames.SERVER, "CAP", me, "ACK", wanted));
            }
            case "END" -> {
                capNegotiating = false;
                tryRegister();
            }
            default -> numeric("410", sub, text("irc.invalidCap"));
        }
    }

    private void pass(IrcMessage message) {
        if (member != null) {
            numeric("462", text("irc.alreadyRegistered"));
            return;
        }
        password = required(message, 0);
    }

    private void nick(IrcMessage message) {
        String wanted = message.param(0).filter(n -> !n.isEmpty()).orElse(null);
        if (wanted == null) {
            numeric("431", text("irc.noNickGiven"));
            return;
        }
        if (member != null) {
            changeNick(wanted);
            return;
        }
        if (refusedAsErroneous(wanted)) {
            return;
        }
        nick = wanted;
        tryRegister();
    }

    /** Answers 432 and returns true when {@code wanted} breaks the rules of a name or of an IRC nick. */
    private boolean refusedAsErroneous(String wanted) {
        Optional<TextProblem> problem =
                openchat.core.Names.check(wanted, core.config().maxNameLength());
        if (problem.isEmpty() && IrcNames.fitsIrc(wanted)) {
            return false;
        }
        String why = problem.map(this::problemText).orElseGet(() -> text("problem.nickCharacters"));
        numeric("432", wanted, text("irc.erroneousNick", why));
        return true;
    }

    /**
     * NICK after registration: the core renames the member, the client gets its own NICK back and everyone sharing
     * a channel gets it once (from the core's fanout). The checks are those of registration.
     */
    private void changeNick(String wanted) {
        if (wanted.equals(IrcNames.nick(member.name()))) {
            return; // IRC servers ignore a NICK to the nick the client has
        }
        if (refusedAsErroneous(wanted)) {
            return;
        }
        String before = IrcNames.source(member.name());
        ChatEvent.Renamed renamed;
        try {
            renamed = core.rename(member, wanted);
        } catch (Refusal refusal) {
            if (refusal.reason().endsSession() || refusal.reason() == Refusal.Reason.SHUTTING_DOWN) {
                throw refusal; // told (and counted) as any command's refusal
            }
            server.refusals().accept(refusal.reason());
            switch (refusal.reason()) {
                case NAME_TAKEN -> numeric("433", wanted, text("irc.nickInUse"));
                case INVALID_NAME -> numeric("432", wanted, text("irc.erroneousNick", problemText(refusal)));
                case BANNED -> numeric("432", wanted, text("irc.erroneousNick", nickBanned(refusal)));
                case ADMIN_KEY_REQUIRED -> numeric("433", wanted, text("irc.nickReservedConnected"));
                case NAME_FIXED -> numeric("447", wanted, text("answer.nameFixed"));
                case TOO_FAST -> numeric(
                        "438", wanted, text("irc.nickTooFast", Math.max(1, refusal.retryAfterSeconds())));
                default -> numeric("400", "NICK", refusal.reason().name());
            }
            return;
        }
        nick = wanted;
        reply(IrcMessage.of(before, "NICK", IrcNames.nick(renamed.to())));
    }

    private void user(IrcMessage message) {
        if (member != null) {
            numeric("462", text("irc.alreadyRegistered"));
            return;
        }
        if (message.params().size() < 4) {
            throw new NeedMoreParams();
        }
        userGiven = true; // the user name and real name are not shown: every member is nick!nick@openchat
        tryRegister();
    }

    private void tryRegister() {
        if (member != null || nick == null || !userGiven || capNegotiating) {
            return;
        }
        try {
            Chat.Connected<Channel> connected =
                    core.connect(nick, password, ConnectionLimiter.address(ctx.channel()), ctx.channel(), null, -1);
            member = connected.member();
        } catch (Refusal refusal) {
            server.refusals().accept(refusal.reason());
            if (refusal.reason() == Refusal.Reason.BANNED) {
                // As InspIRCd answers a K-lined client: 465 to the nick it asked for, then ERROR, and closed.
                String why = BanAnswer.refused(refusal, server.text());
                numeric("465", why);
                closeWithError(text("irc.closingLink", why), "banned");
                return;
            }
            String wanted = nick;
            nick = null;
            switch (refusal.reason()) {
                case NAME_TAKEN -> numeric("433", wanted, text("irc.nickInUse"));
                case INVALID_NAME -> numeric("432", wanted, text("irc.erroneousNick", problemText(refusal)));
                case ADMIN_KEY_REQUIRED -> {
                    if (password == null) {
                        numeric("433", wanted, text("irc.nickReserved"));
                    } else {
                        numeric("464", text("irc.passwordMismatch"));
                        closeWithError(text("irc.passwordMismatch"), "wrong administrator key");
                    }
                }
                case ADMIN_LOCKED_OUT -> {
                    numeric("464", text("irc.lockedOut", refusal.retryAfterSeconds()));
                    closeWithError(text("irc.lockedOut", refusal.retryAfterSeconds()), "administrator locked out");
                }
                default -> closeWithError(
                        text("irc.closingLink", refusal.reason().name()), "refused");
            }
            return;
        }
        registrationDeadline.cancel(false);
        welcome();
    }

    private void welcome() {
        String me = member.name();
        numeric("001", text("irc.welcome", me, IrcNames.source(me)));
        numeric("002", text("irc.yourHost", IrcNames.SERVER, server.version()));
        numeric("003", text("irc.created", STARTED.format(server.started())));
        numeric("004", IrcNames.SERVER, server.version(), "iow", "lnt", "l");
        List<String> tokens = IrcSupport.tokens(server.config());
        for (int i = 0; i < tokens.size(); i += 12) {
            List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 12)));
            params.add(text("irc.supported"));
            numeric("005", params.toArray(String[]::new));
        }
        lusers();
        motd();
        if (member.isAdmin()) {
            reply(IrcMessage.of(IrcNames.SERVER, "MODE", IrcNames.nick(me), "+o"));
            numeric("381", text("irc.youreOper"));
        }
    }

    private void lusers() {
        int members = core.memberCount();
        numeric("251", text("irc.lusers", members));
        numeric("254", String.valueOf(core.list().size()), text("irc.channelsFormed"));
        numeric("255", text("irc.lusersMe", members));
    }

    /** ADMIN: who runs this server, as far as the server knows it: the administrator's name and whether it is here. */
    private void admin() {
        numeric("256", IrcNames.SERVER, text("irc.adminMe"));
        numeric("257", text("irc.adminName", openchat.core.Names.ADMINISTRATOR));
        numeric(
                "258",
                core.member(openchat.core.Names.ADMINISTRATOR).isPresent()
                        ? text("irc.adminConnected")
                        : text("irc.adminNotConnected"));
        numeric("259", text("irc.adminHow"));
    }

    private void info() {
        numeric("371", "openchat " + server.version());
        numeric("371", text("irc.created", STARTED.format(server.started())));
        for (String line : text("irc.info").split("\n")) {
            numeric("371", line);
        }
        numeric("374", text("irc.endOfInfo"));
    }

    /**
     * STATS: {@code u} is the uptime; {@code k} (or {@code K}) the bans, for the administrator, one 216 each as
     * InspIRCd lists K-lines: {@code <target> <set time> <duration, 0: permanent> <by> :<reason>}. No other query
     * has anything to show on one server.
     */
    private void stats(IrcMessage message) {
        String query = message.param(0)
                .filter(q -> !q.isEmpty())
                .map(q -> q.substring(0, 1))
                .orElse("*");
        if (query.equalsIgnoreCase("k")) {
            try {
                for (Ban ban : core.bans(member)) {
                    numeric(
                            "216",
                            ban.target(),
                            String.valueOf(ban.at().toEpochSecond()),
                            ban.isPermanent()
                                    ? "0"
                                    : String.valueOf(ban.lasting().toSeconds()),
                            IrcNames.nick(ban.by()),
                            ban.reason());
                }
            } catch (Refusal refusal) {
                refused(message, refusal); // 481 for anyone but the administrator; the list still ends
            }
        } else if (query.equals("u")) {
            Duration up = Duration.between(
                    server.started(), OffsetDateTime.now(server.started().getOffset()));
            numeric(
                    "242",
                    text(
                            "irc.uptime",
                            up.toDays(),
                            String.format(
                                    Locale.ROOT,
                                    "%02d:%02d:%02d",
                                    up.toHoursPart(),
                                    up.toMinutesPart(),
                                    up.toSecondsPart())));
        }
        numeric("219", query, text("irc.endOfStats"));
    }

    // ---- bans: the administrator is the IRC operator ----

    /** A K-line's duration as InspIRCd writes one: seconds, or {@code 1y2w3d4h5m6s} ({@link BanDuration}). */
    private static final Pattern DURATION = Pattern.compile("\\d+|(\\d+[ywdhms])+", Pattern.CASE_INSENSITIVE);

    /**
     * KLINE (and GLINE, InspIRCd's network-wide K-line, which a single server or a cluster's every node keeps alike;
     * ZLINE and DLINE, the address bans of InspIRCd and ircd-hybrid, handled alike): {@code KLINE <target>
     * [<duration>] [:<reason>]}, a ban in the core ({@link Chat#ban}) lasting the duration, or until UNKLINE when
     * it is 0 or not given. The answer is a server notice; refusals go through {@link #refused}, where what the
     * command names is refused with a server notice too, as InspIRCd answers a bad K-line.
     */
    private void kline(IrcMessage message) {
        core.requireAdmin(member);
        String target = banTarget(required(message, 0));
        String reason = message.param(1).orElse("");
        Duration lasting = null;
        if (message.params().size() > 2 || DURATION.matcher(reason).matches()) {
            String duration = reason;
            reason = message.param(2).orElse("");
            try {
                lasting = BanDuration.parse(duration).orElse(null);
            } catch (IllegalArgumentException notOne) {
                serverNotice(text("irc.banBadDuration", duration, BanDuration.text(BanDuration.LONGEST)));
                return;
            }
        }
        Chat.BanResult result;
        try {
            result = core.ban(member, target, lasting, reason);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.INVALID_BAN) {
                throw Refusal.of(Refusal.Reason.INVALID_BAN, required(message, 0)); // as the operator wrote it
            }
            throw refusal;
        }
        serverNotice(
                BanAnswer.of(result, server.text(), "irc.bannedAddressHint").toString());
    }

    /** UNKLINE (UNZLINE, UNDLINE) {@code <target>}: lifts the ban of the target as KLINE read it. */
    private void unkline(IrcMessage message) {
        core.requireAdmin(member);
        Ban lifted = core.unban(member, banTarget(required(message, 0)));
        serverNotice(text("answer.unbanned", lifted.target()));
    }

    /**
     * What a K-line mask names for the core: a nick is its member's name (so {@code Kim_Min} is {@code Kim Min}), a
     * nick with wildcards ({@code troll*}) a mask over names, and {@code user@host} or {@code *@host} the host: an
     * address, a network, or an IPv4 address ending in {@code *} parts ({@code *@203.0.113.*}). Every member's host
     * is {@code openchat}, so with that host, or {@code *}, the mask names the nick ({@code troll*!*@*},
     * {@code nick@openchat}). What the core cannot read ({@code *@openchat}: everyone) it refuses as invalid.
     */
    private String banTarget(String mask) {
        int at = mask.lastIndexOf('@');
        String name = mask;
        if (at >= 0) {
            String host = mask.substring(at + 1);
            if (!host.equalsIgnoreCase(IrcNames.SERVER) && !host.equals("*")) {
                return host; // an address, a network, or one written with wildcards
            }
            int bang = mask.indexOf('!');
            String user = mask.substring(mask.lastIndexOf('!', at) + 1, at);
            name = bang >= 0 && bang < at && !mask.substring(0, bang).equals("*") ? mask.substring(0, bang) : user;
        }
        if (name.isEmpty()) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, mask);
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            return name; // a mask over names: no one member's (troll_ is not troll*)
        }
        return core.member(name).map(Member::name).orElse(name);
    }

    /** Why a nick is refused for a ban of its name: the ban's reason, when it has one. */
    private String nickBanned(Refusal refusal) {
        return refusal.subject().isEmpty() ? text("irc.nickBanned") : text("irc.nickBannedFor", refusal.subject());
    }

    /** A notice from the server to this client, as operators' commands are answered: {@code *** text}. */
    private void serverNotice(String text) {
        reply(IrcMessage.of(
                IrcNames.SERVER, "NOTICE", member != null ? IrcNames.nick(member.name()) : "*", "*** " + text));
    }

    private void motd() {
        numeric("375", text("irc.motdStart", IrcNames.SERVER));
        for (String line : text("irc.motd").split("\n")) {
            numeric("372", "- " + line);
        }
        numeric("376", text("irc.motdEnd"));
    }

    // ---- rooms ----

    private void join(IrcMessage message) {
        String channels = required(message, 0);
        if (channels.equals("0")) {
            for (String room : member.roomNames()) {
                core.part(member, room);
                reply(IrcMessage.of(IrcNames.source(member.name()), "PART", IrcNames.channel(room)));
            }
            return;
        }
        for (String channel : channels.split(",")) {
            Optional<String> room = IrcNames.room(channel);
            if (room.isEmpty()) {
                numeric("403", channel, text("irc.badChannelName"));
                continue;
            }
            try {
                // A client that fetches history itself (draft/chathistory) gets no replay: it would see it twice.
                long replay = capabilities.contains(IrcCapability.CHATHISTORY) ? Chat.NO_REPLAY : -1;
                JoinResult joined = core.join(member, room.get(), replay);
                answerAtOnce = true;
                RoomView view = joined.room();
                reply(IrcMessage.of(IrcNames.source(member.name()), "JOIN", IrcNames.channel(view.name())));
                if (!view.topic().isEmpty()) {
                    numeric("332", IrcNames.channel(view.name()), view.topic());
                }
                names(view.name());
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.TOO_FAST
                        || refusal.reason().endsSession()) {
                    throw refusal;
                }
                refused(IrcMessage.of(null, "JOIN", channel), refusal);
            }
        }
    }

    private void part(IrcMessage message) {
        String reason = message.param(1).orElse("");
        for (String channel : required(message, 0).split(",")) {
            Optional<String> room = IrcNames.room(channel);
            try {
                if (room.isEmpty()) {
                    numeric("403", channel, text("irc.noSuchChannel"));
                    continue;
                }
                core.part(member, room.get(), reason);
                reply(
                        reason.isEmpty()
                                ? IrcMessage.of(IrcNames.source(member.name()), "PART", IrcNames.channel(room.get()))
                                : IrcMessage.of(
                                        IrcNames.source(member.name()), "PART", IrcNames.channel(room.get()), reason));
            } catch (Refusal refusal) {
                refused(IrcMessage.of(null, "PART", channel), refusal);
            }
        }
    }

    /**
     * {@link IrcNames#room}, remembered for the last channel asked about: a client talking in one channel names it
     * on every line.
     */
    private Optional<String> roomOf(String channel) {
        if (!channel.equals(lastChannel)) {
            lastRoom = IrcNames.room(channel);
            lastChannel = channel;
        }
        return lastRoom;
    }

    private void privmsg(IrcMessage message, boolean notice) {
        if (message.params().isEmpty()) {
            if (!notice) {
                numeric("411", text("irc.noRecipient", message.command()));
            }
            return;
        }
        String body = message.param(1).orElse("");
        if (body.isEmpty()) {
            if (!notice) {
                numeric("412", text("irc.noTextToSend"));
            }
            return;
        }
        String targetList = message.params().get(0);
        String[] targets = targetList.indexOf(',') < 0 ? new String[] {targetList} : targetList.split(",");
        if (targets.length > MAX_TARGETS) {
            if (!notice) {
                numeric("407", message.params().get(0), text("irc.tooManyTargets", MAX_TARGETS));
            }
            return;
        }
        boolean echo = capabilities.contains(IrcCapability.ECHO_MESSAGE);
        IrcEvents encoder = encoders().forCapabilities(capabilities);
        for (int i = 0; i < targets.length; i++) {
            String target = targets[i];
            try {
                if (target.startsWith(IrcNames.CHANNEL_PREFIX)) {
                    Optional<String> room = roomOf(target);
                    if (room.isEmpty()) {
                        throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, target.substring(1));
                    }
                    // With echo-message the fanout hands this session its copy (see echo), in the room's order.
                    core.post(member, room.get(), body, notice);
                } else {
                    // The core finds the member by its name or its nick (one name to the core; on a cluster,
                    // on every node) and refuses when no one has it.
                    ChatEvent.Private sent = core.whisper(member, target, body, notice);
                    if (echo) {
                        replies.addAll(encoder.lines(sent, Map.of()));
                    }
                    String away = notice ? "" : core.awayOf(sent.to());
                    if (!away.isEmpty()) {
                        numeric("301", IrcNames.nick(sent.to()), away);
                    }
                    if (!notice
                            && body.startsWith("\u0001")
                            && core.member(sent.to())
                                    .filter(here -> !isIrcClient(here.link()))
                                    .isPresent()) {
                        answerCtcpFor(sent.to(), body); // a member of this server that cannot answer itself
                    }
                }
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.TOO_FAST && i > 0) {
                    // Held whole, the line would reach the targets before this one again when it is retried.
                    Map<String, String> tags = new java.util.LinkedHashMap<>(message.tags());
                    tags.remove("label"); // the label's answer is what was done so far
                    String rest = String.join(",", Arrays.asList(targets).subList(i, targets.length));
                    throw new HeldRest(
                            new IrcMessage(tags, message.source(), message.command(), List.of(rest, body)),
                            refusal.retryAfterSeconds());
                }
                if (refusal.reason() == Refusal.Reason.TOO_FAST
                        || refusal.reason().endsSession()) {
                    throw refusal;
                }
                if (!notice) {
                    refused(IrcMessage.of(null, message.command(), target), refusal);
                }
            }
        }
    }

    /** Whether the member behind {@code link} speaks IRC (over TCP or WebSocket) and so answers CTCP itself. */
    private static boolean isIrcClient(Channel link) {
        return link.pipeline().get(IrcSession.class) != null;
    }

    /** A CTCP query to an OCP or web member, which cannot answer it: the server does, as that member. */
    private void answerCtcpFor(String name, String body) {
        CtcpAnswers.answer(
                        body,
                        server.version(),
                        OffsetDateTime.now(server.started().getOffset()))
                .ifPresent(answer ->
                        reply(IrcMessage.of(IrcNames.source(name), "NOTICE", IrcNames.nick(member.name()), answer)));
    }

    private void names(IrcMessage message) {
        if (message.params().isEmpty()) {
            numeric("366", "*", text("irc.endOfNames"));
            return;
        }
        for (String channel : message.params().get(0).split(",")) {
            Optional<String> room = IrcNames.room(channel);
            if (room.isPresent()) {
                try {
                    names(core.room(room.get()).name());
                    continue;
                } catch (Refusal gone) {
                    // emptied meanwhile: end of an empty list
                }
            }
            numeric("366", channel, text("irc.endOfNames"));
        }
    }

    /** 353 lines of a room's members (owner and administrator marked {@code @}), then 366. */
    private void names(String room) {
        String channel = IrcNames.channel(room);
        boolean full = capabilities.contains(IrcCapability.USERHOST_IN_NAMES);
        String me = IrcNames.nick(member.name());
        int budget = IrcLineDecoder.MAX_LINE_BYTES
                - (":" + IrcNames.SERVER + " 353 " + me + " = " + channel + " :")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        .length;
        StringBuilder line = new StringBuilder();
        int lineBytes = 0;
        for (MemberView view : core.who(room)) {
            if (!view.announced()) {
                continue; // past the presence limit: IRC clients learn of it when it first speaks
            }
            String entry = (view.role().mayModerate() ? "@" : "")
                    + (full ? IrcNames.source(view.name()) : IrcNames.nick(view.name()));
            int entryBytes = entry.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            if (lineBytes + entryBytes > budget && line.length() > 0) {
                numeric("353", "=", channel, line.toString());
                line.setLength(0);
                lineBytes = 0;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(entry);
            lineBytes += entryBytes;
        }
        if (line.length() > 0) {
            numeric("353", "=", channel, line.toString());
        }
        numeric("366", channel, text("irc.endOfNames"));
    }

    private void who(IrcMessage message) {
        String mask = message.param(0).orElse("*");
        Optional<String> room = IrcNames.room(mask);
        if (room.isPresent()) {
            try {
                for (MemberView view : core.who(room.get())) {
                    if (!view.announced()) {
                        continue;
                    }
                    whoReply(
                            IrcNames.channel(core.room(room.get()).name()),
                            view.name(),
                            view.role().mayModerate(),
                            !view.away().isEmpty());
                }
            } catch (Refusal noSuchRoom) {
                // an empty list
            }
        } else {
            core.whois(mask)
                    .ifPresent(found ->
                            whoReply("*", found.name(), false, !found.away().isEmpty()));
        }
        numeric("315", mask, text("irc.endOfWho"));
    }

    private void whoReply(String channel, String name, boolean operator, boolean away) {
        String nickname = IrcNames.nick(name);
        boolean admin = Names.isAdministrator(name);
        String flags = (away ? "G" : "H") + (admin ? "*" : "") + (operator ? "@" : "");
        numeric("352", channel, nickname, IrcNames.SERVER, IrcNames.SERVER, nickname, flags, "0 " + name);
    }

    private void whois(IrcMessage message) {
        String target = message.params().size() > 1 ? message.params().get(1) : required(message, 0);
        Optional<MemberInfo> found = core.whois(target);
        if (found.isEmpty()) {
            numeric("401", target, text("irc.noSuchNick"));
            numeric("318", target, text("irc.endOfWhois"));
            return;
        }
        MemberInfo other = found.get();
        String nickname = IrcNames.nick(other.name());
        numeric("311", nickname, nickname, IrcNames.SERVER, "*", other.name());
        List<String> channels = new ArrayList<>();
        other.rooms().forEach((room, role) -> channels.add((role.mayModerate() ? "@" : "") + IrcNames.channel(room)));
        if (!channels.isEmpty()) {
            numeric("319", nickname, String.join(" ", channels));
        }
        numeric("312", nickname, IrcNames.SERVER, text("irc.serverInfo"));
        if (other.isAdmin()) {
            numeric("313", nickname, text("irc.isOperator"));
        }
        if (member.isAdmin() && other.origin() != null) {
            // To the operator only, as InspIRCd and ergo show it: the address to ZLINE.
            numeric("338", nickname, other.origin().getHostAddress(), text("irc.actualAddress"));
        }
        if (!other.away().isEmpty()) {
            numeric("301", nickname, other.away());
        }
        numeric("318", nickname, text("irc.endOfWhois"));
    }

    private void list(IrcMessage message) {
        Optional<Set<String>> only = message.param(0)
                .filter(p -> p.startsWith(IrcNames.CHANNEL_PREFIX))
                .map(p -> Arrays.stream(p.split(","))
                        .map(c -> c.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()));
        numeric("321", "Channel", "Users  Name");
        for (RoomView room : core.list()) {
            String channel = IrcNames.channel(room.name());
            if (only.isEmpty() || only.get().contains(channel.toLowerCase(Locale.ROOT))) {
                numeric("322", channel, String.valueOf(room.members()), room.topic());
            }
        }
        numeric("323", text("irc.endOfList"));
    }

    private void topic(IrcMessage message) {
        String channel = required(message, 0);
        String room = IrcNames.room(channel).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, channel));
        if (message.params().size() < 2) {
            RoomView view = core.room(room);
            if (view.topic().isEmpty()) {
                numeric("331", IrcNames.channel(view.name()), text("irc.noTopic"));
            } else {
                numeric("332", IrcNames.channel(view.name()), view.topic());
            }
            return;
        }
        // IRC clients colour topics; the room's topic is one line of plain text for every protocol.
        ChatEvent.Topic set = core.setTopic(
                member, room, DisplayText.withoutFormatting(message.params().get(1)));
        reply(IrcMessage.of(IrcNames.source(member.name()), "TOPIC", IrcNames.channel(set.room()), set.topic()));
    }

    private void kick(IrcMessage message) {
        String channel = required(message, 0);
        String targets = required(message, 1);
        String reason = message.param(2).orElse("");
        String room = IrcNames.room(channel).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, channel));
        for (String target : targets.split(",")) {
            String name = core.member(target).map(Member::name).orElse(target);
            try {
                core.kick(member, room, name, reason);
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.NO_SUCH_MEMBER) {
                    numeric("441", target, channel, text("irc.userNotInChannel"));
                } else {
                    refused(message, refusal);
                }
            }
        }
    }

    private void mode(IrcMessage message) {
        String target = required(message, 0);
        if (target.startsWith(IrcNames.CHANNEL_PREFIX)) {
            String room = IrcNames.room(target).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, target));
            RoomView view = core.room(room);
            String channel = IrcNames.channel(view.name());
            if (message.params().size() < 2) {
                numeric("324", channel, "+lnt", String.valueOf(view.capacity()));
                return;
            }
            String modes = message.params().get(1);
            switch (modes) {
                case "b", "+b" -> numeric("368", channel, text("irc.endOfBanList"));
                case "e", "+e" -> numeric("349", channel, text("irc.endOfExceptList"));
                case "I", "+I" -> numeric("347", channel, text("irc.endOfInviteList"));
                default -> {
                    boolean moderator = core.who(room).stream()
                            .anyMatch(v ->
                                    v.name().equals(member.name()) && v.role().mayModerate());
                    if (!moderator) {
                        numeric("482", channel, text("irc.notOperator"));
                    } else {
                        numeric("472", modes.replaceAll("^[+-]", ""), text("irc.modeFixed"));
                    }
                }
            }
            return;
        }
        if (!openchat.core.Names.key(target).equals(member.key())) {
            numeric("502", text("irc.usersDontMatch"));
            return;
        }
        if (message.params().size() < 2) {
            numeric("221", "+" + userModes + (member.isAdmin() ? "o" : ""));
            return;
        }
        // i (invisible) and w (wallops) are kept as clients expect, and change nothing here: no one can list
        // members by mask, and there are no wallops. o is the administrator's, by name and key alone.
        StringBuilder changed = new StringBuilder();
        boolean adding = true;
        char lastSign = 0;
        for (char mode : message.params().get(1).toCharArray()) {
            if (mode == '+' || mode == '-') {
                adding = mode == '+';
            } else if (mode == 'i' || mode == 'w') {
                boolean has = userModes.indexOf(String.valueOf(mode)) >= 0;
                if (adding != has) {
                    userModes = adding ? sortedModes(userModes + mode) : userModes.replace(String.valueOf(mode), "");
                    char sign = adding ? '+' : '-';
                    if (sign != lastSign) {
                        changed.append(sign);
                        lastSign = sign;
                    }
                    changed.append(mode);
                }
            } else {
                numeric("501", text("irc.umodeUnknown"));
            }
        }
        if (changed.length() > 0) {
            String me = IrcNames.nick(member.name());
            reply(IrcMessage.of(IrcNames.source(member.name()), "MODE", me, changed.toString()));
        }
    }

    private static String sortedModes(String modes) {
        char[] chars = modes.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }

    /**
     * AWAY: the core keeps the message and tells the members sharing a room (over IRC, those with away-notify).
     * Longer than AWAYLEN is cut, as IRC servers do; formatting codes, which other protocols would show as
     * garbage, are dropped.
     */
    private void away(IrcMessage message) {
        String text = DisplayText.withoutFormatting(message.param(0).orElse(""))
                .codePoints()
                .filter(c -> Character.getType(c) != Character.CONTROL)
                .limit(Chat.MAX_TOPIC_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        core.setAway(member, text);
        numeric(text.isEmpty() ? "305" : "306", text(text.isEmpty() ? "answer.back" : "answer.awaySet"));
    }

    private void ison(IrcMessage message) {
        List<String> present = new ArrayList<>();
        for (String param : message.params()) {
            for (String name : param.split(" ")) {
                if (!name.isEmpty()) {
                    core.member(name).ifPresent(m -> present.add(IrcNames.nick(m.name())));
                }
            }
        }
        numeric("303", String.join(" ", present));
    }

    private void userhost(IrcMessage message) {
        List<String> found = new ArrayList<>();
        for (String name :
                message.params().subList(0, Math.min(5, message.params().size()))) {
            core.member(name).ifPresent(m -> {
                String nickname = IrcNames.nick(m.name());
                boolean away = !m.away().isEmpty();
                found.add(nickname + (m.isAdmin() ? "*" : "") + "=" + (away ? "-" : "+") + nickname + "@"
                        + IrcNames.SERVER);
            });
        }
        numeric("302", String.join(" ", found));
    }

    private void oper(IrcMessage message) {
        if (message.params().size() < 2) {
            throw new NeedMoreParams();
        }
        if (!member.isAdmin()
                || !openchat.core.Names.isAdministrator(message.params().get(0))) {
            numeric("491", text("irc.noOperHost"));
        } else if (!server.adminKey().test(message.params().get(1))) {
            numeric("464", text("irc.passwordMismatch"));
        } else {
            numeric("381", text("irc.youreOper"));
        }
    }

    private void die(IrcMessage message) {
        core.requireAdmin(member);
        String reason = message.param(0).orElse("").strip();
        server.shutdown().shutdown(reason.isEmpty() ? member.name() : member.name() + ": " + reason);
    }

    private void quit(IrcMessage message) {
        String reason = message.param(0).orElse("");
        if (member != null) {
            core.disconnect(member, LeaveReason.LEFT, reason, false);
            member = null;
        }
        closeWithError(text("irc.closingLink", reason.isEmpty() ? "Quit" : "Quit: " + reason), "quit");
    }

    // ---- fakelag ----

    private void startHolding(IrcMessage first, long retryAfterSeconds) {
        holding = true;
        held.addFirst(first);
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(this::resume, Math.max(1, retryAfterSeconds), TimeUnit.SECONDS);
    }

    private void hold(IrcMessage message) {
        held.addLast(message);
        if (held.size() > server.config().ircMaxHeldLines()) {
            held.clear();
            closeWithError(
                    text("irc.excessFlood"),
                    text("close.heldLines", server.config().ircMaxHeldLines()));
        }
    }

    /** The Retry-After passed: handles the held lines in order, until one is held again. */
    private void resume() {
        holding = false;
        while (!holding && !held.isEmpty() && ctx.channel().isActive()) {
            handle(held.removeFirst());
        }
        if (!holding && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- helpers ----

    /** The encoders for this connection's transport: TCP, or a WebSocket (counted apart by the metrics). */
    private IrcEvents.ByCapabilities encoders() {
        return Transport.of(ctx.channel()) == Transport.WEBSOCKET ? server.webSocketEncoders() : server.encoders();
    }

    /** Hands CHATHISTORY its answer lines. */
    void reply(IrcMessage line) {
        replies.add(line);
    }

    void replyAll(List<IrcMessage> lines) {
        replies.addAll(lines);
    }

    Set<IrcCapability> capabilities() {
        return capabilities;
    }

    IrcEvents encoder() {
        return encoders().forCapabilities(capabilities);
    }

    /** A numeric to this client: {@code :openchat NNN <nick> params...}. */
    void numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = member != null ? IrcNames.nick(member.name()) : nick != null ? nick : "*";
        System.arraycopy(params, 0, all, 1, params.length);
        replies.add(IrcMessage.of(IrcNames.SERVER, code, all));
    }

    String text(String key, Object... args) {
        return server.text().get(key, args);
    }

    /** What is wrong with a name, in the server's language. */
    private String problemText(TextProblem problem) {
        return text(problem.textKey(), problem.limit());
    }

    /** A refused name's or topic's problem in the server's language; its English subject if the refusal has none. */
    private String problemText(Refusal refusal) {
        return refusal.problem() == null ? refusal.subject() : problemText(refusal.problem());
    }

    static String required(IrcMessage message, int index) {
        return message.param(index).orElseThrow(NeedMoreParams::new);
    }

    /** A PRIVMSG or NOTICE refused for coming too fast after reaching some of its targets: the rest to hold. */
    private static final class HeldRest extends RuntimeException {
        private final transient IrcMessage message;
        private final long retryAfterSeconds;

        HeldRest(IrcMessage message, long retryAfterSeconds) {
            super("held rest", null, false, false);
            this.message = message;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** A command without the parameters it needs: 461. */
    static final class NeedMoreParams extends RuntimeException {
        NeedMoreParams() {
            super("need more params", null, false, false);
        }
    }

    private void badLine(IrcLineDecoder.BadLine bad) {
        switch (bad.problem()) {
            case TOO_LONG -> numeric("417", text("irc.inputTooLong"));
            case NOT_UTF8 -> reply(
                    IrcMessage.of(IrcNames.SERVER, "FAIL", "*", "INVALID_UTF8", text("irc.invalidUtf8")));
            case MALFORMED -> reply(
                    IrcMessage.of(IrcNames.SERVER, "FAIL", "*", "INVALID_MESSAGE", text("irc.malformed")));
        }
        writeReplies(null);
    }

    /** Sends {@code ERROR :text} (with what is gathered before it), then closes. */
    private void closeWithError(String error, String cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        replies.add(IrcMessage.of(null, "ERROR", error));
        List<IrcMessage> lines = replies.finish(null);
        replies = new IrcReplies();
        closing = true;
        ctx.channel().config().setAutoRead(false);
        if (member != null) {
            // Out of the chat now: the others are told at once, not when the connection has finished closing.
            core.disconnect(member, LeaveReason.DISCONNECTED, closeCause, false);
            member = null;
        }
        Runnable write = () -> {
            if (ctx.channel().isActive()) {
                LingeringClose.closeAfter(
                        ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), lines)), ServerConfig.CLOSE_LINGER);
            }
        };
        if (inCommand) {
            // Queued as writeReplies queues, behind the answers to earlier lines of the same read and what the fanout
            // queued for this connection: "PRIVMSG #nosuch :x" and QUIT in one packet get their 404 before the ERROR.
            ctx.executor().execute(write);
        } else {
            write.run(); // a timeout or a failure: its handler may close the channel as soon as this returns
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), List.of(IrcMessage.of(null, "PING", IrcNames.SERVER))));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            if (closeCause == null) {
                closeCause = text("close.backlog", server.config().maxBacklog());
            }
            ctx.close();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            numeric("417", text("irc.inputTooLong"));
            writeReplies(null);
        } else if (cause instanceof ReadTimeoutException) {
            closeWithError(
                    text("irc.pingTimeout"),
                    text("close.pingTimeout", server.config().idleTimeout().toSeconds()));
        } else if (cause instanceof javax.net.ssl.SSLException
                || cause instanceof io.netty.handler.codec.DecoderException
                        && cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("{}: TLS failed: {}", ctx.channel().remoteAddress(), cause.toString());
            closeCause = text("close.tlsFailed");
            ctx.close();
        } else if (cause instanceof IOException) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
            if (closeCause == null) {
                closeCause = ConnectionFailure.describe(server.text(), cause);
            }
            ctx.close();
        } else {
            log.warn("unexpected error on {}", ctx.channel().remoteAddress(), cause);
            closeWithError(text("irc.closingLink", text("close.internalError")), text("close.internalError"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (registrationDeadline != null) {
            registrationDeadline.cancel(false);
        }
        held.clear();
        if (member != null) {
            core.disconnect(
                    member, LeaveReason.DISCONNECTED, closeCause != null ? closeCause : text("close.noQuit"), false);
            member = null;
        }
        ctx.fireChannelInactive();
    }
}
