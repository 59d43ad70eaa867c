package openchat.server.irc;

import java.util.Optional;
import openchat.core.Names;
import openchat.core.RoomNames;

/**
 * How the chat's names look on IRC. A room {@code NAME} is the channel {@code #NAME}. A member's name is its
 * nickname when IRC can carry it; a name another protocol allowed but IRC cannot (a space, {@code !}, {@code @},
 * a comma...) is shown with each such character replaced by {@code _}, and a message to that form reaches the
 * member. Every member appears as {@code nick!nick@openchat}: addresses are not shown to other members.
 */
final class IrcNames {
    /** The server's name in numerics and the host part of every member's address. */
    static final String SERVER = "openchat";

    static final String CHANNEL_PREFIX = "#";

    private IrcNames() {}

    /**
     * Whether a valid member name ({@link Names#check}) also works as a nickname: no spaces, {@code , * ? ! @ .},
     * and no {@code # & : $ + ~ %} first.
     */
    static boolean fitsIrc(String nick) {
        return nick.equals(ircForm(nick));
    }

    /** The nickname IRC shows for a member's {@code name}. */
    static String nick(String name) {
        return ircForm(name);
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

    /** ASCII characters a nickname may not hold anywhere; the rule is {@link #forbidden}, tabled for speed. */
    private static final boolean[] FORBIDDEN_ASCII = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            FORBIDDEN_ASCII[c] = forbidden(c);
        }
    }

    private static boolean forbidden(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || ",*?!@.".indexOf(c) >= 0;
    }

    private static String ircForm(String name) {
        StringBuilder out = null; // made at the first forbidden character: most names have none
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // Every chat line's sender goes through here: ASCII by the table, the rest by the rule itself.
            boolean forbidden = (c < 128 ? FORBIDDEN_ASCII[c] : forbidden(c)) || i == 0 && "#&:$+~%".indexOf(c) >= 0;
            if (forbidden && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(forbidden ? '_' : c);
            }
        }
        return out == null ? name : out.toString();
    }
}
