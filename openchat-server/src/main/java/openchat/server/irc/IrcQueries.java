package openchat.server.irc;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import openchat.core.Chat;
import openchat.core.Departed;
import openchat.core.Member;
import openchat.core.MemberInfo;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Presence;
import openchat.core.Refusal;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;

/**
 * Who is here and what there is: WHO, WHOIS, LIST, ISON and USERHOST. A refusal of WHO, WHOIS or LIST (a cluster node
 * that cannot reach its store) is told before the numeric that ends the answer, which clients wait for.
 */
final class IrcQueries {
    /** Members one WHO of a mask lists at most (RFC 2812 leaves the bound to the server). */
    static final int MAX_WHO_REPLIES = 100;

    /** WHOX's {@code i} of a member whose address is not shown. */
    static final String HIDDEN_ADDRESS = "255.255.255.255";

    private final IrcSession session;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcRefusals refusals;

    IrcQueries(IrcSession session, Chat<Channel> core, IrcClientState client, IrcRefusals refusals) {
        this.session = session;
        this.core = core;
        this.client = client;
        this.refusals = refusals;
    }

    /**
     * WHO: a channel's members; a nick's member, wherever it is connected; or, for a mask ({@code *}, {@code 0},
     * none, {@code kim*}), the members it fits among those the asker shares a room with ({@link #whoMatching}). The
     * second parameter may keep only the operator ({@code o}) and ask for WHOX's fields ({@link IrcWhoQuery}).
     */
    void who(IrcMessage message) {
        String mask = message.param(0).orElse("*");
        IrcWhoQuery query = IrcWhoQuery.of(message.param(1).orElse(null));
        // WHO <mask> o: the IRC operators among them only (RFC 2812 3.6.1), here the administrator.
        Predicate<String> listed = query.operatorsOnly() ? Names::isAdministrator : name -> true;
        Optional<String> room = IrcNames.room(mask);
        try {
            if (room.isPresent()) {
                whoIn(room.get(), listed, query);
            } else if (mask.equals("0") || mask.indexOf('*') >= 0 || mask.indexOf('?') >= 0) {
                whoMatching(mask, listed, query);
            } else {
                core.whois(mask).filter(found -> listed.test(found.name())).ifPresent(found -> whoOf(found, query));
            }
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                throw refusal; // over the read allowance, before any reply: the session holds the command (fakelag)
            }
            refusals.tell(message, refusal);
        }
        session.numeric("315", mask, session.text("irc.endOfWho"));
    }

    /**
     * WHO of a nick: its member with the first of the asker's channels it is in too, and its role there, as solanum
     * shows it (a mask's members are shown the same way); {@code *} when they share none.
     */
    private void whoOf(MemberInfo found, IrcWhoQuery query) {
        boolean away = !found.away().isEmpty();
        for (String room : client.member.roomNames()) {
            String key = RoomNames.key(room);
            // Its rooms by name on its own node, by key on another: keyed alike, both match.
            for (Map.Entry<String, RoomRole> in : found.rooms().entrySet()) {
                if (RoomNames.key(in.getKey()).equals(key)) {
                    whoReply(
                            query,
                            IrcNames.channel(room),
                            found.name(),
                            in.getValue().mayModerate(),
                            away);
                    return;
                }
            }
        }
        whoReply(query, "*", found.name(), false, away);
    }

    /**
     * A line ({@link #whoReply}) for each member of {@code room} it has announced whose name is {@code listed}; none
     * for a room that does not exist.
     */
    private void whoIn(String room, Predicate<String> listed, IrcWhoQuery query) {
        String channel;
        List<MemberView> members;
        try {
            channel = IrcNames.channel(core.room(room).name());
            members = core.who(client.member, room);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.NO_SUCH_ROOM) {
                return; // an empty list
            }
            throw refusal;
        }
        for (MemberView view : members) {
            if (view.announced() && listed.test(view.name())) {
                whoReply(
                        query,
                        channel,
                        view.name(),
                        view.role().mayModerate(),
                        !view.away().isEmpty());
            }
        }
    }

    /**
     * WHO of a mask: the members whose nick it fits (as names compare, {@code *} and {@code ?} as wildcards; of a
     * {@code nick!user@host} mask the nick, every member's host being the server) among those sharing a room with
     * the asker, and the asker itself, each once with the first channel they share; {@code 0} fits all. RFC 2812
     * 3.6.1 answers "all visible users": sharing a room is what makes a member visible to another here (WHO #room
     * shows as much), so a mask cannot list the whole server; and at most {@link #MAX_WHO_REPLIES} are listed.
     */
    private void whoMatching(String mask, Predicate<String> wanted, IrcWhoQuery query) {
        Pattern fits = nickPattern(mask);
        Set<String> listed = new HashSet<>();
        String me = client.member.name();
        // Every room read first: a read refused for coming too fast is held and made again whole, so nothing is
        // replied before all of them are made.
        Map<String, List<MemberView>> byRoom = new LinkedHashMap<>();
        for (String room : client.member.roomNames()) {
            try {
                byRoom.put(room, core.who(client.member, room));
            } catch (Refusal refusal) {
                if (refusal.reason() != Refusal.Reason.NO_SUCH_ROOM) {
                    throw refusal;
                } // left meanwhile
            }
        }
        for (Map.Entry<String, List<MemberView>> entry : byRoom.entrySet()) {
            String room = entry.getKey();
            for (MemberView view : entry.getValue()) {
                String key = Names.key(view.name());
                if ((view.announced() || view.name().equals(me))
                        && wanted.test(view.name())
                        && fits.matcher(key).matches()
                        && listed.size() < MAX_WHO_REPLIES
                        && listed.add(key)) {
                    whoReply(
                            query,
                            IrcNames.channel(room),
                            view.name(),
                            view.role().mayModerate(),
                            !view.away().isEmpty());
                }
            }
        }
        if (listed.size() < MAX_WHO_REPLIES
                && !listed.contains(client.member.key())
                && wanted.test(me)
                && fits.matcher(client.member.key()).matches()) {
            whoReply(query, "*", me, false, !client.member.away().isEmpty());
        }
    }

    /** The pattern a WHO mask's nick makes over names' keys: each run between wildcards keyed as a name is. */
    private static Pattern nickPattern(String mask) {
        if (mask.equals("0")) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@');
        String nick = bang >= 0 ? mask.substring(0, bang) : at >= 0 ? mask.substring(0, at) : mask;
        // A mark that only leads a name (#, ~...) is read so only at the mask's start.
        return IrcMasks.pattern(
                nick,
                (run, first) -> first ? Names.key(run) : Names.key("a" + run).substring(1));
    }

    /**
     * One member's line: 352, or for WHOX 354 with the fields asked. {@code operator}: it is {@code @} in {@code
     * channel}.
     */
    private void whoReply(IrcWhoQuery query, String channel, String name, boolean operator, boolean away) {
        String nickname = IrcNames.nick(name);
        boolean admin = Names.isAdministrator(name);
        String flags = (away ? "G" : "H")
                + (admin ? "*" : "")
                + (operator ? "@" : "")
                + (isBot(name) ? String.valueOf(IrcClientState.BOT_MODE) : "");
        if (!query.whox()) {
            session.numeric(
                    "352",
                    channel,
                    nickname,
                    session.serverName(),
                    session.serverName(),
                    nickname,
                    flags,
                    "0 " + realNameOf(name));
            return;
        }
        List<String> fields = new ArrayList<>();
        for (char field : query.fields().toCharArray()) {
            fields.add(
                    switch (field) {
                        case 't' -> query.token();
                        case 'c' -> channel;
                        case 'u', 'n' -> nickname; // every member's user is its nick, as 352 shows it
                        case 'i' -> addressShownOf(name);
                        case 'h', 's' -> session.serverName();
                        case 'f' -> flags;
                        case 'd' -> "0"; // hops: every member is this server's, as LINKS shows one server
                            // As WHOIS's 317: known for a member connected to this server (node) only.
                        case 'l' -> String.valueOf(
                                core.idle(name).map(Duration::toSeconds).orElse(0L));
                        case 'a' -> "0"; // the specification's "not logged in": there are no accounts
                        case 'o' -> "n/a"; // no op levels (ircu's), as solanum answers for a member without them
                        case 'r' -> realNameOf(name);
                        default -> throw new IllegalStateException("not a WHOX field: " + field);
                    });
        }
        session.numeric("354", fields.toArray(String[]::new));
    }

    /**
     * WHOX's {@code i}: a member's address is hidden ({@code 255.255.255.255}, as ergo and solanum show a hidden one),
     * but to the operator, which WHOIS's 338 shows it to, for a member connected to this server (node).
     */
    private String addressShownOf(String name) {
        if (client.member.isAdmin()) {
            Optional<InetAddress> origin = core.member(name).map(Member::origin);
            if (origin.isPresent()) {
                return origin.get().getHostAddress();
            }
        }
        return HIDDEN_ADDRESS;
    }

    /**
     * The real name WHOIS and WHO show for a member: the one its IRC client gave with USER, when it is connected to
     * this server (or node) and gave one; its name otherwise (OCP and web members give none, and another node's
     * sessions are out of reach).
     */
    private String realNameOf(String name) {
        return ircSessionOf(name).map(IrcSession::realName).orElse(name);
    }

    /** The IRC session of the member named, when it is an IRC client connected to this server (or node). */
    private Optional<IrcSession> ircSessionOf(String name) {
        return core.member(name).map(member -> member.link().pipeline().get(IrcSession.class));
    }

    /**
     * WHOIS: each nick of a comma-separated list (at most {@link IrcMessaging#MAX_TARGETS}, as ISUPPORT's TARGMAX
     * says) is answered in full, ending with its 318, as InspIRCd answers {@code WHOIS a,b}; 431 when no nick is
     * given. 311 to 301 name the member by its nick; 318 names it as the client wrote it.
     */
    void whois(IrcMessage message) {
        String targets = message.params().size() > 1
                ? message.params().get(1)
                : message.params().get(0);
        List<String> nicks = Arrays.stream(targets.split(","))
                .filter(nick -> !nick.isEmpty())
                .limit(IrcMessaging.MAX_TARGETS)
                .toList();
        if (nicks.isEmpty()) {
            session.numeric("431", session.text("irc.noNickGiven"));
            return;
        }
        for (String nick : nicks) {
            whois(message, nick);
        }
    }

    private void whois(IrcMessage message, String target) {
        Optional<MemberInfo> found;
        try {
            found = core.whois(target);
        } catch (Refusal refusal) {
            refusals.tell(message, refusal);
            session.numeric("318", target, session.text("irc.endOfWhois"));
            return;
        }
        if (found.isEmpty()) {
            session.numeric("401", target, session.text("irc.noSuchNick"));
            session.numeric("318", target, session.text("irc.endOfWhois"));
            return;
        }
        MemberInfo other = found.get();
        String nickname = IrcNames.nick(other.name());
        session.numeric("311", nickname, nickname, session.serverName(), "*", realNameOf(other.name()));
        List<String> channels = new ArrayList<>();
        other.rooms().forEach((room, role) -> channels.add((role.mayModerate() ? "@" : "") + IrcNames.channel(room)));
        if (!channels.isEmpty()) {
            session.numeric("319", nickname, String.join(" ", channels));
        }
        session.numeric("312", nickname, session.serverName(), session.text("irc.serverInfo"));
        if (other.isAdmin()) {
            session.numeric("313", nickname, session.text("irc.isOperator"));
        }
        if (isBot(other.name())) {
            session.numeric("335", nickname, session.text("irc.isBot"));
        }
        if (client.member.isAdmin() && other.origin() != null) {
            // To the operator only, as InspIRCd and ergo show it: the address to ZLINE.
            session.numeric("338", nickname, other.origin().getHostAddress(), session.text("irc.actualAddress"));
        }
        if (overTls(other.name())) {
            session.numeric("671", nickname, session.text("irc.secureConnection"));
        }
        if (!other.away().isEmpty()) {
            session.numeric("301", nickname, other.away());
        }
        if (other.idle() != null && other.signedOn() != null) {
            session.numeric(
                    "317",
                    nickname,
                    String.valueOf(other.idle().toSeconds()),
                    String.valueOf(other.signedOn().getEpochSecond()),
                    session.text("irc.idleAndSignOn"));
        }
        // The end names the nick as asked (Solanum and ergo do the same): a client that asked for another spelling
        // of it (유저１ for 유저1, irssi's /whois) waits for an end that matches what it sent.
        session.numeric("318", target, session.text("irc.endOfWhois"));
    }

    /**
     * Whether the member named is an IRC client connected to this server that set the bot mode on itself
     * ({@code MODE nick +B}): WHOIS's 335 and WHO's {@code B}. The mode is the connection's, as its real name is: a
     * member on another cluster node is not known here, and shows as no bot.
     */
    private boolean isBot(String name) {
        return ircSessionOf(name).map(IrcSession::isBot).orElse(false);
    }

    /**
     * Whether the member named is connected to this server over TLS (IRC's TLS port, OCP with TLS, the web page over
     * HTTPS): WHOIS's 671, as InspIRCd and ergo say it. A member on another cluster node is not known here: no 671.
     */
    private boolean overTls(String name) {
        return core.member(name)
                .map(member -> member.link().pipeline().get(io.netty.handler.ssl.SslHandler.class) != null)
                .orElse(false);
    }

    /**
     * Who had a nick lately (RFC 2812 3.6.3): for each time it was given up, newest first, 314 (the nick as WHOIS shows
     * one) and 312 with when and how (left, or renamed to whom); 406 when no one did; then 369. A count that is not
     * positive, or none, asks for every time kept.
     */
    void whowas(IrcMessage message) {
        String target = message.params().get(0);
        int count = message.param(1).map(IrcQueries::countOf).orElse(0);
        List<Departed> found = core.whowas(target, count > 0 ? count : Integer.MAX_VALUE);
        if (found.isEmpty()) {
            session.numeric("406", target, session.text("irc.wasNoSuchNick"));
        }
        for (Departed departed : found) {
            String nickname = IrcNames.nick(departed.name());
            String when = IrcDates.of(departed.at().toInstant());
            session.numeric("314", nickname, nickname, session.serverName(), "*", departed.name());
            session.numeric(
                    "312",
                    nickname,
                    session.serverName(),
                    departed.renamedTo() == null
                            ? session.text("irc.whowasLeft", when)
                            : session.text("irc.whowasRenamed", when, IrcNames.nick(departed.renamedTo())));
        }
        session.numeric("369", target, session.text("irc.endOfWhowas"));
    }

    private static int countOf(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void list(IrcMessage message) {
        IrcListFilter only = IrcListFilter.of(message.param(0).orElse(null));
        List<RoomView> rooms;
        try {
            rooms = core.list(client.member);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                throw refusal; // over the read allowance: the session holds the command (fakelag)
            }
            refusals.tell(message, refusal); // no list to start (321), but its end, which a client waits for
            session.numeric("323", session.text("irc.endOfList"));
            return;
        }
        session.numeric("321", "Channel", "Users  Name");
        for (RoomView room : rooms) {
            if (only.lists(room)) {
                // A registered room's topic begins with its mode, as UnrealIRCd's LIST shows a channel's modes.
                String topic =
                        room.registered() ? (room.topic().isEmpty() ? "[+r]" : "[+r] " + room.topic()) : room.topic();
                session.numeric("322", IrcNames.channel(room.name()), String.valueOf(room.members()), topic);
            }
        }
        session.numeric("323", session.text("irc.endOfList"));
    }

    /**
     * ISON (RFC 2812 3.8.5): the nicks among those asked that are connected, wherever in a cluster (irssi's notify
     * list asks this, not WHOIS). 461 without a nick, as RFC 2812 lists it.
     */
    void ison(IrcMessage message) {
        List<String> wanted = new ArrayList<>();
        for (String param : message.params()) {
            for (String name : param.split(" ")) {
                if (!name.isEmpty()) {
                    wanted.add(name);
                }
            }
        }
        if (wanted.isEmpty()) {
            throw new IrcSession.NeedMoreParams();
        }
        List<String> present = new ArrayList<>();
        for (Presence found : connected(wanted)) {
            present.add(IrcNames.nick(found.name()));
        }
        session.numeric("303", String.join(" ", present));
    }

    /** USERHOST (RFC 2812 3.8.4): five nicks at most, each found wherever in a cluster it is connected. */
    void userhost(IrcMessage message) {
        List<String> found = new ArrayList<>();
        for (Presence member : connected(
                message.params().subList(0, Math.min(5, message.params().size())))) {
            String nickname = IrcNames.nick(member.name());
            found.add(nickname + (member.isAdmin() ? "*" : "") + "=" + (member.isAway() ? "-" : "+") + nickname + "@"
                    + session.serverName());
        }
        session.numeric("302", String.join(" ", found));
    }

    /**
     * The members holding {@code names}, in the order asked (a name asked twice, twice), the names no one holds left
     * out: all found at once ({@link Chat#presenceOf}: on a cluster node one read of the store, not one per name).
     */
    private List<Presence> connected(List<String> names) {
        Map<String, Presence> online = core.presenceOf(names);
        List<Presence> found = new ArrayList<>();
        for (String name : names) {
            Presence member = online.get(Names.key(name));
            if (member != null) {
                found.add(member);
            }
        }
        return found;
    }
}
