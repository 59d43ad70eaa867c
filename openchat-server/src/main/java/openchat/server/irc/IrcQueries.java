package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import openchat.core.Chat;
import openchat.core.Departed;
import openchat.core.MemberInfo;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomView;

/**
 * Who is here and what there is: WHO, WHOIS, LIST, ISON and USERHOST. A refusal of WHO, WHOIS or LIST (a cluster node
 * that cannot reach its store) is told before the numeric that ends the answer, which clients wait for.
 */
final class IrcQueries {
    /** When a nick was given up, as WHOWAS says it: the server's local time, as the console writes it. */
    private static final DateTimeFormatter WHOWAS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

    void who(IrcMessage message) {
        String mask = message.param(0).orElse("*");
        Optional<String> room = IrcNames.room(mask);
        try {
            if (room.isPresent()) {
                whoIn(room.get());
            } else {
                core.whois(mask)
                        .ifPresent(found ->
                                whoReply("*", found.name(), false, !found.away().isEmpty()));
            }
        } catch (Refusal refusal) {
            refusals.tell(message, refusal);
        }
        session.numeric("315", mask, session.text("irc.endOfWho"));
    }

    /** 352 for each member of {@code room} it has announced; none for a room that does not exist. */
    private void whoIn(String room) {
        String channel;
        List<MemberView> members;
        try {
            channel = IrcNames.channel(core.room(room).name());
            members = core.who(room);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.NO_SUCH_ROOM) {
                return; // an empty list
            }
            throw refusal;
        }
        for (MemberView view : members) {
            if (view.announced()) {
                whoReply(
                        channel,
                        view.name(),
                        view.role().mayModerate(),
                        !view.away().isEmpty());
            }
        }
    }

    private void whoReply(String channel, String name, boolean operator, boolean away) {
        String nickname = IrcNames.nick(name);
        boolean admin = Names.isAdministrator(name);
        String flags = (away ? "G" : "H") + (admin ? "*" : "") + (operator ? "@" : "");
        session.numeric("352", channel, nickname, IrcNames.SERVER, IrcNames.SERVER, nickname, flags, "0 " + name);
    }

    void whois(IrcMessage message) {
        String target = message.params().size() > 1
                ? message.params().get(1)
                : message.params().get(0);
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
        session.numeric("311", nickname, nickname, IrcNames.SERVER, "*", other.name());
        List<String> channels = new ArrayList<>();
        other.rooms().forEach((room, role) -> channels.add((role.mayModerate() ? "@" : "") + IrcNames.channel(room)));
        if (!channels.isEmpty()) {
            session.numeric("319", nickname, String.join(" ", channels));
        }
        session.numeric("312", nickname, IrcNames.SERVER, session.text("irc.serverInfo"));
        if (other.isAdmin()) {
            session.numeric("313", nickname, session.text("irc.isOperator"));
        }
        if (client.member.isAdmin() && other.origin() != null) {
            // To the operator only, as InspIRCd and ergo show it: the address to ZLINE.
            session.numeric("338", nickname, other.origin().getHostAddress(), session.text("irc.actualAddress"));
        }
        if (!other.away().isEmpty()) {
            session.numeric("301", nickname, other.away());
        }
        session.numeric("318", nickname, session.text("irc.endOfWhois"));
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
            String when = WHOWAS_TIME.format(departed.at());
            session.numeric("314", nickname, nickname, IrcNames.SERVER, "*", departed.name());
            session.numeric(
                    "312",
                    nickname,
                    IrcNames.SERVER,
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
        Optional<Set<String>> only = message.param(0)
                .filter(p -> p.startsWith(IrcNames.CHANNEL_PREFIX))
                .map(p -> Arrays.stream(p.split(","))
                        .map(c -> c.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()));
        List<RoomView> rooms;
        try {
            rooms = core.list();
        } catch (Refusal refusal) {
            refusals.tell(message, refusal); // no list to start (321), but its end, which a client waits for
            session.numeric("323", session.text("irc.endOfList"));
            return;
        }
        session.numeric("321", "Channel", "Users  Name");
        for (RoomView room : rooms) {
            String channel = IrcNames.channel(room.name());
            if (only.isEmpty() || only.get().contains(channel.toLowerCase(Locale.ROOT))) {
                session.numeric("322", channel, String.valueOf(room.members()), room.topic());
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
        for (String name : wanted) {
            core.whois(name).ifPresent(m -> present.add(IrcNames.nick(m.name())));
        }
        session.numeric("303", String.join(" ", present));
    }

    /** USERHOST (RFC 2812 3.8.4): five nicks at most, each found wherever in a cluster it is connected. */
    void userhost(IrcMessage message) {
        List<String> found = new ArrayList<>();
        for (String name :
                message.params().subList(0, Math.min(5, message.params().size()))) {
            core.whois(name).ifPresent(m -> {
                String nickname = IrcNames.nick(m.name());
                boolean away = !m.away().isEmpty();
                found.add(nickname + (m.isAdmin() ? "*" : "") + "=" + (away ? "-" : "+") + nickname + "@"
                        + IrcNames.SERVER);
            });
        }
        session.numeric("302", String.join(" ", found));
    }
}
