package openchat.server.irc;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import openchat.core.AddressKey;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.Member;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.TextProblem;
import openchat.server.net.BanAnswer;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.GhostCheck;
import openchat.server.net.ServerClose;

/**
 * Registration: CAP (capability negotiation, which holds registration until CAP END), PASS (the administrator's
 * key), NICK and USER; once all are in, the core connects the member and the client gets the welcome. NICK after
 * registration is a rename, with the same checks.
 */
final class IrcRegistration {
    private final IrcSession session;
    private final IrcContext server;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcServerInfo serverInfo;

    IrcRegistration(IrcSession session, IrcContext server, IrcClientState client, IrcServerInfo serverInfo) {
        this.session = session;
        this.server = server;
        this.core = server.core();
        this.client = client;
        this.serverInfo = serverInfo;
    }

    void cap(IrcMessage message) {
        String sub = message.params().get(0).toUpperCase(Locale.ROOT);
        String me = client.nick == null ? "*" : client.nick;
        switch (sub) {
            case "LS" -> {
                if (client.member == null) {
                    client.capNegotiating = true;
                }
                if (message.param(1)
                        .map(v -> v.compareTo("302") >= 0 && v.length() >= 3)
                        .orElse(false)) {
                    client.capabilities.add(IrcCapability.CAP_NOTIFY); // implied by CAP LS 302
                }
                String offered = Arrays.stream(IrcCapability.values())
                        .map(IrcCapability::wireName)
                        .collect(Collectors.joining(" "));
                session.reply(IrcMessage.of(session.serverName(), "CAP", me, "LS", offered));
            }
            case "LIST" -> session.reply(IrcMessage.of(
                    session.serverName(),
                    "CAP",
                    me,
                    "LIST",
                    client.capabilities.stream().map(IrcCapability::wireName).collect(Collectors.joining(" "))));
            case "REQ" -> {
                if (client.member == null) {
                    client.capNegotiating = true;
                }
                String wanted = IrcSession.required(message, 1).strip();
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
                    session.reply(IrcMessage.of(session.serverName(), "CAP", me, "NAK", wanted));
                    return;
                }
                client.capabilities.addAll(add);
                client.capabilities.removeAll(remove);
                session.capabilitiesChanged();
                session.reply(IrcMessage.of(session.serverName(), "CAP", me, "ACK", wanted));
            }
            case "END" -> {
                client.capNegotiating = false;
                tryRegister();
            }
            default -> session.numeric("410", sub, session.text("irc.invalidCap"));
        }
    }

    void pass(IrcMessage message) {
        OptionalInt tlsPort = session.tlsPortForTheKey();
        if (tlsPort.isPresent()) {
            session.keyRefusedInClear("PASS");
            String why = session.text("irc.keyNeedsTls", String.valueOf(tlsPort.getAsInt()));
            session.numeric("464", why);
            session.closeWithError(why, "administrator key over plain IRC", ServerClose.REFUSED);
            return;
        }
        client.password = message.params().get(0);
    }

    void nick(IrcMessage message) {
        String wanted = message.param(0).filter(n -> !n.isEmpty()).orElse(null);
        if (wanted == null) {
            session.numeric("431", session.text("irc.noNickGiven"));
            return;
        }
        if (client.member != null) {
            changeNick(wanted);
            return;
        }
        if (refusedAsErroneous(wanted) || refusedAsTaken(wanted)) {
            return;
        }
        client.nick = wanted;
        tryRegister();
    }

    /**
     * Answers 433 and returns true when {@code wanted} cannot be had now: a member holds it (any spelling of it, on
     * any cluster node) or a name that looks like it ({@code Names.skeleton}), or it is the administrator's and no PASS
     * came before it. RFC 2812 3.1.2 answers NICK itself;
     * the name may still be taken by someone else before USER, which registration checks again. A member connected
     * here may be a ghost (its network broke without a word): it is asked first ({@link GhostCheck}), and the NICK
     * answered when that is known, 433 or accepted; true then too. The administrator's name held here is left to
     * registration, which proves the key before the holder is asked.
     */
    private boolean refusedAsTaken(String wanted) {
        if (Names.isAdministrator(wanted) && client.password == null) {
            session.numeric("433", wanted, session.text("irc.nickReserved"));
            return true;
        }
        Optional<Member<Channel>> here = core.member(wanted);
        if (here.isPresent()) {
            if (Names.isAdministrator(wanted)) {
                return false;
            }
            session.awaitGhostCheck(here.get().link(), outcome -> {
                if (outcome == GhostCheck.Outcome.FREED) {
                    client.nick = wanted;
                    tryRegister(false);
                } else {
                    session.numeric("433", wanted, session.text("irc.nickInUse"));
                }
            });
            return true;
        }
        boolean held;
        Optional<String> alike;
        try {
            held = !core.presenceOf(List.of(wanted)).isEmpty(); // one read on a cluster, not its rooms too
            alike = held ? Optional.empty() : core.lookalikeOf(wanted);
        } catch (Refusal unknownNow) {
            return false; // a cluster node without its store: registration answers, as for any client now
        }
        if (held) {
            session.numeric("433", wanted, session.text("irc.nickInUse"));
        }
        alike.ifPresent(holder -> session.numeric("433", wanted, lookalikeText(holder)));
        return held || alike.isPresent();
    }

    /**
     * Why a nick that looks like {@code holder}'s is refused: 433, as ergo answers a nick whose skeleton is in use,
     * naming the member it looks like as IRC shows it.
     */
    private String lookalikeText(String holder) {
        return session.text("irc.nickLookalike", IrcNames.nick(holder));
    }

    /** Answers 432 and returns true when {@code wanted} breaks the rules of a name or of an IRC nick. */
    private boolean refusedAsErroneous(String wanted) {
        Optional<TextProblem> problem = Names.check(wanted, core.config().maxNameLength());
        if (problem.isEmpty() && IrcNames.fitsIrc(wanted)) {
            return false;
        }
        String why = problem.map(session::problemText).orElseGet(() -> session.text("problem.nickCharacters"));
        session.numeric("432", wanted, session.text("irc.erroneousNick", why));
        return true;
    }

    /**
     * NICK after registration: the core renames the member, the client gets its own NICK back and everyone sharing
     * a channel gets it once (from the core's fanout). The checks are those of registration.
     */
    private void changeNick(String wanted) {
        if (wanted.equals(IrcNames.nick(client.member.name()))) {
            return; // IRC servers ignore a NICK to the nick the client has
        }
        if (refusedAsErroneous(wanted)) {
            return;
        }
        String before = session.names().source(client.member.name());
        ChatEvent.Renamed renamed;
        try {
            renamed = core.rename(client.member, wanted);
        } catch (Refusal refusal) {
            switch (refusal.reason()) {
                case NAME_TAKEN -> session.numeric("433", wanted, session.text("irc.nickInUse"));
                case NAME_LOOKALIKE -> session.numeric("433", wanted, lookalikeText(refusal.subject()));
                case INVALID_NAME -> session.numeric(
                        "432", wanted, session.text("irc.erroneousNick", session.problemText(refusal)));
                case BANNED -> session.numeric("432", wanted, session.text("irc.erroneousNick", nickBanned(refusal)));
                case ADMIN_KEY_REQUIRED -> session.numeric("433", wanted, session.text("irc.nickReservedConnected"));
                case NAME_FIXED -> session.numeric("447", wanted, session.text("answer.nameFixed"));
                case TOO_FAST -> session.numeric(
                        "438", wanted, session.text("irc.nickTooFast", Math.max(1, refusal.retryAfterSeconds())));
                default -> throw refusal; // told (and counted) as any command's: FAIL NICK on a node without its store
            }
            server.refusals().accept(refusal.reason());
            return;
        }
        client.nick = wanted;
        session.replyAsEvent(IrcMessage.of(before, "NICK", IrcNames.nick(renamed.to())), renamed.at());
    }

    /** Why a nick is refused for a ban of its name: the ban's reason, when it has one. */
    private String nickBanned(Refusal refusal) {
        return refusal.subject().isEmpty()
                ? session.text("irc.nickBanned")
                : session.text("irc.nickBannedFor", refusal.subject());
    }

    /**
     * USER: the user name is not shown (every member is nick!nick@openchat); the real name is kept for the session,
     * for WHOIS and WHO, as clients set it from their settings (WeeChat's {@code realname}, irssi's
     * {@code real_name}).
     */
    void user(IrcMessage message) {
        client.userGiven = true;
        String realName = message.params().get(3).strip();
        client.realName = realName.isEmpty() ? null : realName;
        tryRegister();
    }

    private void tryRegister() {
        tryRegister(true);
    }

    /**
     * Registers once NICK, USER and the end of CAP negotiation are in. A name taken by a member connected here is
     * asked about first ({@link GhostCheck}) when {@code mayAskHolder}: not again right after such a check.
     */
    private void tryRegister(boolean mayAskHolder) {
        if (client.member != null || client.nick == null || !client.userGiven || client.capNegotiating) {
            return;
        }
        try {
            Channel channel = session.channel();
            Chat.Connected<Channel> connected =
                    core.connect(client.nick, client.password, ConnectionLimiter.address(channel), channel, null, -1);
            client.member = connected.member();
            // Back after a QUIT: a JOIN replays only what was said since (IrcReplayMarks).
            client.shownUpTo.putAll(
                    server.replayMarks().take(client.member.name(), AddressKey.of(ConnectionLimiter.address(channel))));
        } catch (Refusal refusal) {
            Optional<Member<Channel>> holder = mayAskHolder && refusal.reason() == Refusal.Reason.NAME_TAKEN
                    ? core.member(client.nick)
                    : Optional.empty();
            if (holder.isPresent()) {
                // The key, if the name is the administrator's, was proven before the name was looked at.
                session.awaitGhostCheck(holder.get().link(), outcome -> {
                    if (outcome == GhostCheck.Outcome.FREED) {
                        tryRegister(false);
                    } else {
                        server.refusals().accept(refusal.reason());
                        String wanted = client.nick;
                        client.nick = null;
                        session.numeric("433", wanted, session.text("irc.nickInUse"));
                    }
                });
                return;
            }
            server.refusals().accept(refusal.reason());
            if (refusal.reason() == Refusal.Reason.BANNED) {
                // As InspIRCd answers a K-lined client: 465 to the nick it asked for, then ERROR, and closed.
                String why = BanAnswer.refused(refusal, server.text());
                session.numeric("465", why);
                session.closeWithError(session.text("irc.closingLink", why), "banned", ServerClose.BAN);
                return;
            }
            String wanted = client.nick;
            client.nick = null;
            switch (refusal.reason()) {
                case NAME_TAKEN -> session.numeric("433", wanted, session.text("irc.nickInUse"));
                case NAME_LOOKALIKE -> session.numeric("433", wanted, lookalikeText(refusal.subject()));
                case INVALID_NAME -> session.numeric(
                        "432", wanted, session.text("irc.erroneousNick", session.problemText(refusal)));
                case ADMIN_KEY_REQUIRED -> {
                    if (client.password == null) {
                        session.numeric("433", wanted, session.text("irc.nickReserved"));
                    } else {
                        session.numeric("464", session.text("irc.passwordMismatch"));
                        session.closeWithError(
                                session.text("irc.passwordMismatch"), "wrong administrator key", ServerClose.REFUSED);
                    }
                }
                case ADMIN_LOCKED_OUT -> {
                    session.numeric("464", session.text("irc.lockedOut", refusal.retryAfterSeconds()));
                    session.closeWithError(
                            session.text("irc.lockedOut", refusal.retryAfterSeconds()),
                            "administrator locked out",
                            ServerClose.REFUSED);
                }
                case UNAVAILABLE -> session.closeWithError(
                        session.text(
                                "irc.closingLink",
                                session.text("irc.registrationUnavailable", Math.max(1, refusal.retryAfterSeconds()))),
                        "cluster store unavailable",
                        ServerClose.REFUSED);
                case SHUTTING_DOWN -> session.closeWithError(
                        session.text("irc.closingLink", session.text("answer.shuttingDownRefused")),
                        "shutting down",
                        ServerClose.REFUSED);
                default -> session.closeWithError(
                        session.text("irc.closingLink", session.text("close.refused")), "refused", ServerClose.REFUSED);
            }
            return;
        }
        session.registered();
        welcome();
    }

    /** 001 to 005 (ISUPPORT, twelve tokens a line), LUSERS and MOTD; to the administrator, its {@code +o}. */
    private void welcome() {
        String me = client.member.name();
        session.numeric(
                "001",
                session.text(
                        "irc.welcome",
                        me,
                        session.names().source(me),
                        session.names().network()));
        session.numeric("002", session.text("irc.yourHost", session.serverName(), server.version()));
        session.numeric(
                "003", session.text("irc.created", IrcDates.of(server.started().toInstant())));
        session.numeric(
                "004",
                session.serverName(),
                server.version(),
                IrcClientState.BOT_MODE + "io" + IrcServerNotices.MODE + "w",
                "blnrt",
                "bl");
        List<String> tokens = IrcSupport.tokens(server.config(), session.names());
        for (int i = 0; i < tokens.size(); i += 12) {
            List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 12)));
            params.add(session.text("irc.supported"));
            session.numeric("005", params.toArray(String[]::new));
        }
        serverInfo.lusers();
        serverInfo.motd();
        if (client.member.isAdmin()) {
            session.reply(IrcMessage.of(session.serverName(), "MODE", IrcNames.nick(me), "+o"));
            session.numeric("381", session.text("irc.youreOper"));
        }
    }
}
