package openchat.server.irc;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import openchat.core.Chat;
import openchat.core.Names;
import openchat.core.Presence;

/**
 * One session's MONITOR list (IRCv3 monitor): the names it watches, and the command that changes and reads it.
 * {@code MONITOR + a,b} adds names and answers which are online (730 {@code nick!user@host}) and which not (731); past
 * {@link IrcListener#MAX_MONITOR} names, 734 names the targets of the line that were not added. {@code -} removes,
 * {@code C} clears, {@code L} lists (732, 733), {@code S} tells each name's state again. Names compare as openchat names
 * do ({@link Names#key}: NFC, case folding, full-width forms); a target that can be no one's nick (empty, too long, a
 * character a nick cannot hold) is passed over without a word, as ergo does. The list lives on the session's event loop;
 * the shared index ({@link IrcMonitors}) tells it of names coming and going from any thread, and it dies with the session
 * ({@link #clear}).
 */
final class IrcMonitor {
    /** A numeric line's room for its last parameter: 512 bytes less CR LF, less {@code :server NNN nick :}. */
    private static final int LINE_BYTES = IrcListener.MAX_LINE_BYTES - 2;

    private final IrcSession session;
    private final IrcContext server;
    private final Chat<Channel> core;
    private final IrcClientState client;
    /** The names watched: key → the nick as the client wrote it, in the order added. On the session's loop only. */
    private final Map<String, String> watched = new LinkedHashMap<>();

    IrcMonitor(IrcSession session, IrcContext server, IrcClientState client) {
        this.session = session;
        this.server = server;
        this.core = server.core();
        this.client = client;
    }

    /** MONITOR {@code + targets}, {@code - targets}, {@code C}, {@code L} or {@code S}. */
    void command(IrcMessage message) {
        String what = message.params().get(0);
        switch (what) {
            case "+" -> add(IrcSession.required(message, 1));
            case "-" -> remove(IrcSession.required(message, 1));
            case "C", "c" -> clear();
            case "L", "l" -> list();
            case "S", "s" -> status(new ArrayList<>(watched.values()));
            default -> session.numeric("421", "MONITOR", session.text("irc.unknownCommand"));
        }
    }

    private void add(String targets) {
        String[] names = targets.split(",", -1);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String nick = names[i];
            if (!canBeNick(nick)) {
                continue;
            }
            String key = Names.key(nick);
            if (!watched.containsKey(key)) {
                if (watched.size() >= IrcListener.MAX_MONITOR) {
                    List<String> left = new ArrayList<>();
                    for (int j = i; j < names.length; j++) {
                        if (canBeNick(names[j])) {
                            left.add(names[j]);
                        }
                    }
                    status(added);
                    session.numeric(
                            "734",
                            String.valueOf(IrcListener.MAX_MONITOR),
                            String.join(",", left),
                            session.text("irc.monitorListFull"));
                    return;
                }
                watched.put(key, nick);
                server.monitors().watch(key, this);
            }
            added.add(nick);
        }
        status(added);
    }

    private void remove(String targets) {
        for (String nick : targets.split(",")) {
            String key = Names.key(nick);
            if (watched.remove(key) != null) {
                server.monitors().unwatch(key, this);
            }
        }
    }

    /** Forgets every name: {@code MONITOR C}, and the session's end. */
    void clear() {
        for (String key : watched.keySet()) {
            server.monitors().unwatch(key, this);
        }
        watched.clear();
    }

    private void list() {
        lines("732", new ArrayList<>(watched.values()));
        session.numeric("733", session.text("irc.endOfMonitorList"));
    }

    /**
     * 730 for the online among {@code nicks}, with each one's address as its member's nick; 731 for the rest. All found
     * at once ({@link Chat#presenceOf}: on a cluster node one read of the store, not one per name).
     */
    private void status(List<String> nicks) {
        Map<String, Presence> present = core.presenceOf(nicks);
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        for (String nick : nicks) {
            Presence member = present.get(Names.key(nick));
            if (member != null) {
                online.add(server.names().source(member.name()));
            } else {
                offline.add(nick);
            }
        }
        lines("730", online);
        lines("731", offline);
    }

    /** {@code code} with {@code items} joined by commas, in as many lines as IRC's 512 bytes need (none if none). */
    private void lines(String code, List<String> items) {
        int room = LINE_BYTES - prefixBytes(code);
        StringBuilder line = new StringBuilder();
        int bytes = 0;
        for (String item : items) {
            int size = item.getBytes(StandardCharsets.UTF_8).length;
            if (line.length() > 0 && bytes + 1 + size > room) {
                session.numeric(code, line.toString());
                line.setLength(0);
                bytes = 0;
            }
            if (line.length() > 0) {
                line.append(',');
                bytes++;
            }
            line.append(item);
            bytes += size;
        }
        if (line.length() > 0) {
            session.numeric(code, line.toString());
        }
    }

    private int prefixBytes(String code) {
        return (":" + server.names().server() + " " + code + " " + myNick() + " :")
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    private String myNick() {
        return client.member != null ? IrcNames.nick(client.member.name()) : "*";
    }

    /**
     * {@code name} (watched as {@code key}) came online or went offline: from any thread. Written on the session's loop
     * in its one stream of writes ({@link openchat.server.net.ChannelFanout#reserve}), unless the name stopped being
     * watched or the session left the chat meanwhile.
     */
    void tell(String name, String key, boolean online) {
        Channel channel = session.channel();
        channel.eventLoop().execute(() -> {
            String written = watched.get(key);
            if (written == null || client.member == null) {
                return;
            }
            // 730 gives the member's nick as it is; 731 the name as this client wrote it (docs/IRC.md, MONITOR).
            IrcMessage line = IrcMessage.of(
                    server.names().server(),
                    online ? "730" : "731",
                    myNick(),
                    online ? server.names().source(name) : IrcNames.nick(written));
            server.fanout().reserve(channel).then(() -> {
                if (channel.isActive()) {
                    channel.writeAndFlush(IrcEvents.write(channel.alloc(), List.of(line)));
                }
            });
        });
    }

    /** Whether {@code nick} could be a member's nick: a target that cannot is passed over. */
    private boolean canBeNick(String nick) {
        return !nick.isEmpty()
                && nick.codePointCount(0, nick.length()) <= core.config().maxNameLength()
                && IrcNames.fitsIrc(nick);
    }
}
