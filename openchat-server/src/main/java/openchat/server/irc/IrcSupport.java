package openchat.server.irc;

import java.util.List;
import openchat.core.CoreConfig;
import openchat.core.RoomNames;
import openchat.server.config.ServerConfig;

/** The {@code RPL_ISUPPORT} (005) tokens: what this server's IRC looks like to a client. docs/IRC.md explains each. */
final class IrcSupport {
    private IrcSupport() {}

    static List<String> tokens(ServerConfig config, IrcNames names) {
        CoreConfig core = config.core();
        return List.of(
                "AWAYLEN=" + openchat.core.Chat.MAX_TOPIC_LENGTH,
                // IRCv3 bot mode: the user mode a bot sets on itself (bot frameworks do when they see it).
                "BOT=" + IrcClientState.BOT_MODE,
                // NFC and Unicode case folding, the nearest registered mapping being PRECIS's (RFC 8265).
                "CASEMAPPING=rfc8265",
                "CHANLIMIT=#:" + core.maxRoomsPerMember(),
                // b: a room's bans, set by its owner (a list mode); l: its capacity; n and t always on; r: registered,
                // set by ChanServ alone (UnrealIRCd's and InspIRCd's mode for a channel their services registered).
                "CHANMODES=b,,l,nrt",
                "CHANNELLEN=" + (RoomNames.MAX_LENGTH + 1),
                "CHANTYPES=#",
                "CHATHISTORY=" + CoreConfig.MAX_HISTORY_PAGE,
                // Client-only tags (typing notifications...) are accepted in TAGMSG and relayed to no one.
                "CLIENTTAGDENY=*",
                // LIST by masks (M), not-masks (N) and member counts (U): IrcListFilter.
                "ELIST=MNU",
                "KICKLEN=" + openchat.core.Chat.MAX_TOPIC_LENGTH,
                "MAXLIST=b:" + CoreConfig.MAX_ROOM_BANS,
                "MAXTARGETS=" + IrcMessaging.MAX_TARGETS,
                "MODES=1",
                // IRCv3 monitor: names one MONITOR list holds (IrcMonitor).
                "MONITOR=" + IrcListener.MAX_MONITOR,
                "MSGREFTYPES=msgid,timestamp",
                "NETWORK=" + names.network(),
                "NICKLEN=" + core.maxNameLength(),
                "PREFIX=(o)@",
                "TARGMAX=PRIVMSG:" + IrcMessaging.MAX_TARGETS + ",NOTICE:" + IrcMessaging.MAX_TARGETS
                        + ",JOIN:,PART:,KICK:,WHOIS:" + IrcMessaging.MAX_TARGETS,
                "TOPICLEN=" + openchat.core.Chat.MAX_TOPIC_LENGTH,
                "UTF8ONLY",
                // WHO <mask> [flags]%<fields>[,<token>] answered with 354 (IrcWhoQuery); WeeChat asks so once it sees
                // it.
                "WHOX");
    }
}
