package openchat.server.irc;

import java.util.Map;

/**
 * One IRC command the server serves, with the preconditions {@link IrcSession} checks, in this order, before the
 * handler runs: where registration must stand ({@code 451} before it, {@code 462} after it), whether only the
 * operator may send it (the core's {@code ADMIN_ONLY}: {@code 481}), and how many parameters it needs at least
 * ({@code 461}). What depends on a parameter's value or on a subcommand is the handler's to check. The table of
 * every command ({@link #named}) says which class handles it.
 */
record IrcCommand(String name, Registration registration, boolean operatorOnly, int minParams, Handler handler) {

    /** When a client may send a command. */
    enum Registration {
        /** Only before registration (PASS, USER): {@code 462} after it. */
        BEFORE,
        /** Only once registered: {@code 451} before it. */
        AFTER,
        /** Either (CAP, NICK, PING, PONG, QUIT). */
        EITHER
    }

    /** Runs the command for the connection's session, once the preconditions hold. */
    @FunctionalInterface
    interface Handler {
        void handle(IrcSession session, IrcMessage message);
    }

    /** The commands clients may send, by name; each with its syntax and the class that handles it. */
    private static final Map<String, IrcCommand> COMMANDS = Map.ofEntries(
            // Registration (IrcRegistration).
            // CAP LS [302] | LIST | REQ :<capabilities> | END: LS or REQ before registration holds it until END.
            command("CAP", Registration.EITHER, 1, (s, m) -> s.registration.cap(m)),
            // PASS <administrator key>
            command("PASS", Registration.BEFORE, 1, (s, m) -> s.registration.pass(m)),
            // NICK <nick>: the nick to register with, or a rename (431 without one).
            command("NICK", Registration.EITHER, 0, (s, m) -> s.registration.nick(m)),
            // USER <user> <mode> <unused> :<real name>: neither is shown.
            command("USER", Registration.BEFORE, 4, (s, m) -> s.registration.user(m)),
            // The connection (IrcSession).
            // PING <token>: PONG (409 without a token).
            command("PING", Registration.EITHER, 0, (s, m) -> s.ping(m)),
            // PONG: reading it reset the idle timers.
            command("PONG", Registration.EITHER, 0, (s, m) -> {}),
            // QUIT [:<reason>]
            command("QUIT", Registration.EITHER, 0, (s, m) -> s.quit(m)),
            // Channels (IrcChannels).
            // JOIN <channel>{,<channel>} | 0 (part them all)
            command("JOIN", Registration.AFTER, 1, (s, m) -> s.channels.join(m)),
            // PART <channel>{,<channel>} [:<reason>]
            command("PART", Registration.AFTER, 1, (s, m) -> s.channels.part(m)),
            // NAMES [<channel>{,<channel>}]
            command("NAMES", Registration.AFTER, 0, (s, m) -> s.channels.names(m)),
            // TOPIC <channel> [:<topic>]: read or set.
            command("TOPIC", Registration.AFTER, 1, (s, m) -> s.channels.topic(m)),
            // KICK <channel> <nick>{,<nick>} [:<reason>]
            command("KICK", Registration.AFTER, 2, (s, m) -> s.channels.kick(m)),
            // INVITE <nick> <channel>: 341, and the member is sent INVITE (rooms are open: it grants nothing).
            command("INVITE", Registration.AFTER, 2, (s, m) -> s.channels.invite(m)),
            // MODE <channel> [<modes>] | MODE <own nick> [<modes>]
            command("MODE", Registration.AFTER, 1, (s, m) -> s.channels.mode(m)),
            // Messages (IrcMessaging).
            // PRIVMSG <target>{,<target>} :<text>
            command("PRIVMSG", Registration.AFTER, 0, (s, m) -> s.messaging.privmsg(m, false)),
            // NOTICE <target>{,<target>} :<text>
            command("NOTICE", Registration.AFTER, 0, (s, m) -> s.messaging.privmsg(m, true)),
            // REDACT <channel> <msgid> [:<reason>]: delete a message from the room's history (IrcRedaction).
            command("REDACT", Registration.AFTER, 2, (s, m) -> s.redaction.redact(m)),
            // AWAY [:<message>]: away with it, or back without.
            command("AWAY", Registration.AFTER, 0, (s, m) -> s.messaging.away(m)),
            // TAGMSG: client-only tags (typing...): CLIENTTAGDENY=* says none are relayed.
            command("TAGMSG", Registration.AFTER, 0, (s, m) -> {}),
            // Room registration (IrcChanServ).
            // CHANSERV <command> [<params>], and CS (ergo's; irssi's /quote CS): as PRIVMSG ChanServ :<the words>.
            command("CHANSERV", Registration.AFTER, 0, (s, m) -> s.chanServ.command(m)),
            command("CS", Registration.AFTER, 0, (s, m) -> s.chanServ.command(m)),
            // Who is here (IrcQueries).
            // WHO [<channel> | <nick>]
            command("WHO", Registration.AFTER, 0, (s, m) -> s.queries.who(m)),
            // WHOIS [<server>] <nick>
            command("WHOIS", Registration.AFTER, 1, (s, m) -> s.queries.whois(m)),
            // WHOWAS <nick> [<count>]
            command("WHOWAS", Registration.AFTER, 1, (s, m) -> s.queries.whowas(m)),
            // LIST [<channel>{,<channel>}]
            command("LIST", Registration.AFTER, 0, (s, m) -> s.queries.list(m)),
            // ISON <nick>{ <nick>}
            command("ISON", Registration.AFTER, 1, (s, m) -> s.queries.ison(m)),
            // MONITOR + <nick>{,<nick>} | - <nick>{,<nick>} | C | L | S (IrcMonitor: IRCv3 monitor).
            command("MONITOR", Registration.AFTER, 1, (s, m) -> s.monitor.command(m)),
            // USERHOST <nick>{ <nick>}: five at most.
            command("USERHOST", Registration.AFTER, 1, (s, m) -> s.queries.userhost(m)),
            // The server (IrcServerInfo).
            command("LUSERS", Registration.AFTER, 0, (s, m) -> s.serverInfo.lusers()),
            command("MOTD", Registration.AFTER, 0, (s, m) -> s.serverInfo.motd()),
            command("VERSION", Registration.AFTER, 0, (s, m) -> s.serverInfo.version()),
            command("TIME", Registration.AFTER, 0, (s, m) -> s.serverInfo.time()),
            command("ADMIN", Registration.AFTER, 0, (s, m) -> s.serverInfo.admin()),
            command("INFO", Registration.AFTER, 0, (s, m) -> s.serverInfo.info()),
            command("LINKS", Registration.AFTER, 0, (s, m) -> s.serverInfo.links()),
            // The operator (IrcOperator).
            // OPER <name> <administrator key>
            command("OPER", Registration.AFTER, 2, (s, m) -> s.operator.oper(m)),
            // STATS [u | k | K]: the uptime, or the bans (the operator).
            command("STATS", Registration.AFTER, 0, (s, m) -> s.operator.stats(m)),
            // DIE [:<reason>]: the server stops.
            operatorCommand("DIE", 0, (s, m) -> s.operator.die(m)),
            operatorCommand("REHASH", 0, (s, m) -> s.operator.rehash()),
            // KILL <nick> [:<reason>]: disconnect a member, banning nothing.
            operatorCommand("KILL", 1, (s, m) -> s.operator.kill(m)),
            // KLINE <mask> [<duration>] [:<reason>], and its aliases.
            operatorCommand("KLINE", 1, (s, m) -> s.operator.kline(m)),
            operatorCommand("GLINE", 1, (s, m) -> s.operator.kline(m)),
            operatorCommand("ZLINE", 1, (s, m) -> s.operator.kline(m)),
            operatorCommand("DLINE", 1, (s, m) -> s.operator.kline(m)),
            // UNKLINE <mask>, and its aliases.
            operatorCommand("UNKLINE", 1, (s, m) -> s.operator.unkline(m)),
            operatorCommand("UNGLINE", 1, (s, m) -> s.operator.unkline(m)),
            operatorCommand("UNZLINE", 1, (s, m) -> s.operator.unkline(m)),
            operatorCommand("UNDLINE", 1, (s, m) -> s.operator.unkline(m)),
            // CHATHISTORY <subcommand> <target> ...: history (IrcHistory).
            command("CHATHISTORY", Registration.AFTER, 1, (s, m) -> s.chatHistory(m)));

    /** The command of that name (upper case, as {@link IrcMessage} reads it), or null when there is none. */
    static IrcCommand named(String name) {
        return COMMANDS.get(name);
    }

    private static Map.Entry<String, IrcCommand> command(
            String name, Registration registration, int minParams, Handler handler) {
        return Map.entry(name, new IrcCommand(name, registration, false, minParams, handler));
    }

    /** A command for the operator alone: the core refuses anyone else ({@code 481}) before parameters count. */
    private static Map.Entry<String, IrcCommand> operatorCommand(String name, int minParams, Handler handler) {
        return Map.entry(name, new IrcCommand(name, Registration.AFTER, true, minParams, handler));
    }
}
