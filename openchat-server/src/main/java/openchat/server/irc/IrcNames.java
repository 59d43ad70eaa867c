package openchat.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import openchat.core.Names;
import openchat.core.RoomNames;
import openchat.server.config.ServerConfig;

/**
 * How the chat's names look on IRC. A room {@code NAME} is the channel {@code #NAME}. A member's name is its
 * nickname when IRC can carry it; a name another protocol allowed but IRC cannot (a space, {@code !}, {@code @},
 * a comma...) is shown in its {@link Names#plainForm plain form}, each such character replaced by {@code _}. The
 * core holds a name and its plain form to be one name, so a message to that form reaches the member and no one
 * else can take it. Every member appears as {@code nick!nick@SERVER}: addresses are not shown to other members.
 *
 * <p>An instance holds one server's own names, as the operator gave them ({@code --server-name},
 * {@code --network-name}): the server's is the source of numerics and server notices and the host of every member's
 * address, the network's is the welcome's and ISUPPORT's. Made once per listener, with the bytes the hot path writes.
 */
final class IrcNames {
    static final String CHANNEL_PREFIX = "#";

    /** The names of a server started without {@code --server-name} and {@code --network-name}. */
    static final IrcNames DEFAULT = new IrcNames(ServerConfig.DEFAULT_SERVER_NAME, ServerConfig.DEFAULT_NETWORK_NAME);

    private final String server;
    private final String network;
    /** {@code @SERVER}, the host part of every member's address, as chat lines write it. */
    private final byte[] atServer;

    /** {@code server}, {@code network}: valid ({@link ServerConfig#serverNameProblem}, ...), as the config holds them. */
    IrcNames(String server, String network) {
        this.server = server;
        this.network = network;
        this.atServer = ("@" + server).getBytes(StandardCharsets.US_ASCII);
    }

    static IrcNames of(ServerConfig config) {
        return new IrcNames(config.serverName(), config.networkName());
    }

    /** The server's name: the source of its numerics and notices, the host of every address. */
    String server() {
        return server;
    }

    /** The network's name: 001's and ISUPPORT's {@code NETWORK}. */
    String network() {
        return network;
    }

    /** {@code @SERVER} in ASCII; the caller does not change it. */
    byte[] atServer() {
        return atServer;
    }

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
    String source(String name) {
        String nick = nick(name);
        return nick + "!" + nick + "@" + server;
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
