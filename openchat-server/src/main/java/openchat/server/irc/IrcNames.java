package openchat.server.irc;

import java.util.Optional;
import openchat.core.Names;
import openchat.core.RoomNames;

/**
 * How the chat's names look on IRC. A room {@code NAME} is the channel {@code #NAME}. A member's name is its
 * nickname when IRC can carry it; a name another protocol allowed but IRC cannot (a space, {@code !}, {@code @},
 * a comma...) is shown in its {@link Names#plainForm plain form}, each such character replaced by {@code _}. The
 * core holds a name and its plain form to be one name, so a message to that form reaches the member and no one
 * else can take it. Every member appears as {@code nick!nick@openchat}: addresses are not shown to other members.
 */
final class IrcNames {
    /**
     * The server's name in numerics and the host part of every member's address: the core's, which no member may
     * take.
     */
    static final String SERVER = Names.SERVER;

    static final String CHANNEL_PREFIX = "#";

    private IrcNames() {}

    /**
     * Whether a valid member name ({@link Names#check}) also works as a nickname: no spaces, {@code , * ? ! @ .},
     * and no {@code # & : $ + ~ %} first.
     */
    static boolean fitsIrc(String nick) {
        return nick.equals(Names.plainForm(nick));
    }

    /** The nickname IRC shows for a member's {@code name}. */
    static String nick(String name) {
        return Names.plainForm(name);
    }

    /** The member's address as a message's source. */
    static String source(String name) {
        String nick = nick(name);
        return nick + "!" + nick + "@" + SERVER;
    }

    static String channel(String room) {
        return CHANNEL_PREFIX + room;
    }

    /** The room a channel name stands for, when it is {@code #} and a valid room name. */
    static Optional<String> room(String channel) {
        if (!channel.startsWith(CHANNEL_PREFIX)) {
            return Optional.empty();
        }
        String room = channel.substring(CHANNEL_PREFIX.length());
        return RoomNames.isValid(room) ? Optional.of(room) : Optional.empty();
    }
}
