package openchat.server.irc;

import io.netty.channel.Channel;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import openchat.core.Member;

/**
 * What the server knows of the client at the other end of one IRC connection: how far its registration has come,
 * its capabilities, its member once registered, its user modes. The {@link IrcSession} owns it; the command
 * classes read and change it through the one reference. Used on the connection's event loop only, but for
 * {@link #realName}.
 */
final class IrcClientState {
    /**
     * The nick asked for (before registration: valid, and free when it was asked for) or held (after it); null until
     * a NICK is accepted.
     */
    String nick;

    /** USER was given (its user name is not kept: every member is nick!nick@openchat). */
    boolean userGiven;

    /**
     * USER's real name, which WHOIS (311) and WHO (352) show; null when it was blank. Set before registration and
     * never after, so the sessions that read it for WHOIS see it once the core has published the member; volatile
     * all the same, as they read it from their own event loops.
     */
    volatile String realName;

    /** PASS: the administrator's key, when the client gave one. */
    String password;

    /** CAP LS or REQ before registration holds registration until CAP END. */
    boolean capNegotiating;

    final Set<IrcCapability> capabilities = EnumSet.noneOf(IrcCapability.class);

    /** The member, from registration until the connection leaves the chat; null outside that. */
    Member<Channel> member;

    /**
     * The user modes a client set on itself: {@code B}, {@code i}, {@code w}, in order. Volatile: other sessions read
     * {@code B} for WHOIS and WHO ({@link #isBot}) from their own event loops.
     */
    volatile String userModes = "";

    /**
     * The user mode that marks a bot (IRCv3 bot mode, ISUPPORT's {@code BOT}): such a connection is replayed no
     * history on JOIN, and WHOIS (335) and WHO ({@code B}) say what it is.
     */
    static final char BOT_MODE = 'B';

    /** Whether the client set the bot mode on itself; read from any thread. */
    boolean isBot() {
        return userModes.indexOf(BOT_MODE) >= 0;
    }

    /** How many rooms left {@link #shownUpTo} remembers: past it, the one left longest ago is forgotten. */
    static final int ROOMS_LEFT_REMEMBERED = 100;

    /**
     * The rooms this connection left (PART, JOIN 0), by {@link openchat.core.RoomNames#key}: the last Seq of each
     * that the client was shown, so that a rejoin replays only what was said after it ({@link IrcChannels}). A room
     * it forgot is replayed as on a first join; one it was kicked from the member itself remembers
     * ({@link openchat.core.Member#shownWhenKicked}).
     */
    final Map<String, Long> shownUpTo = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ROOMS_LEFT_REMEMBERED;
        }
    };
}
