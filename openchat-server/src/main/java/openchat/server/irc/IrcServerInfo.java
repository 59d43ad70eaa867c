package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.Instant;
import java.util.List;
import openchat.core.Census;
import openchat.core.Chat;
import openchat.server.config.Motd;

/**
 * What the server tells of itself: LUSERS and MOTD (which end the welcome too), ADMIN, INFO, VERSION, TIME and
 * LINKS.
 */
final class IrcServerInfo {
    /**
     * A MOTD line's bytes in one 372: the 512 of a line less its framing ({@code :openchat 372 NICK :- }, CR LF, 20
     * bytes) and a nickname of up to {@code NICKLEN}, 32 code points of up to 4 bytes each.
     */
    static final int MOTD_LINE_BYTES = 360;

    private final IrcSession session;
    private final IrcContext server;
    private final Chat<Channel> core;

    IrcServerInfo(IrcSession session, IrcContext server) {
        this.session = session;
        this.server = server;
        this.core = server.core();
    }

    /**
     * LUSERS, as ergo answers it: 251 the whole chat's members (every node, every protocol) and its servers (a
     * cluster's live nodes), 252 the IRC operators online (the administrator, connected anywhere: 0 or 1), 254 the
     * rooms, 255 this server's (node's) members, 265 and 266 this server's and the whole chat's, each now and the most
     * at once since the server started. On a cluster the other nodes are counted as this node's last heartbeat read
     * them ({@link Census}): no line waits for the store.
     */
    void lusers() {
        Census census = core.census();
        session.numeric("251", session.text("irc.lusers", census.allMembers(), census.servers()));
        int operators = census.administrator() ? 1 : 0;
        session.numeric("252", String.valueOf(operators), session.text("irc.operatorsOnline", operators));
        // 254 left out while the rooms cannot be counted (a node that has not yet read them), as RFC 2812 allows.
        census.rooms()
                .ifPresent(rooms ->
                        session.numeric("254", String.valueOf(rooms), session.text("irc.channelsFormed", rooms)));
        session.numeric("255", session.text("irc.lusersMe", census.members()));
        session.numeric(
                "265",
                String.valueOf(census.members()),
                String.valueOf(census.mostMembers()),
                session.text("irc.localUsers", census.members(), census.mostMembers()));
        session.numeric(
                "266",
                String.valueOf(census.allMembers()),
                String.valueOf(census.mostAllMembers()),
                session.text("irc.globalUsers", census.allMembers(), census.mostAllMembers()));
    }

    /**
     * The operator's message of the day ({@code --motd}), or without one the server's own few lines on how to begin;
     * 422 when the operator's file is empty. A line longer than a reply holds goes on in the next 372, as ergo and
     * InspIRCd wrap a long MOTD line.
     */
    void motd() {
        Motd motd = server.motd().get();
        if (motd.configured() && motd.lines().isEmpty()) {
            session.numeric("422", session.text("irc.noMotd"));
            return;
        }
        session.numeric("375", session.text("irc.motdStart", session.serverName()));
        List<String> lines = motd.configured()
                ? motd.lines()
                : List.of(session.text("irc.motd").split("\n"));
        for (String line : lines) {
            for (String piece : IrcEvents.cut(line, MOTD_LINE_BYTES)) {
                session.numeric("372", "- " + piece);
            }
        }
        session.numeric("376", session.text("irc.motdEnd"));
    }

    /** ADMIN: who runs this server, as far as the server knows it: the administrator's name and whether it is here. */
    void admin() {
        session.numeric("256", session.serverName(), session.text("irc.adminMe"));
        session.numeric("257", session.text("irc.adminName", openchat.core.Names.ADMINISTRATOR));
        session.numeric(
                "258",
                core.member(openchat.core.Names.ADMINISTRATOR).isPresent()
                        ? session.text("irc.adminConnected")
                        : session.text("irc.adminNotConnected"));
        session.numeric("259", session.text("irc.adminHow"));
    }

    void info() {
        session.numeric("371", "openchat " + server.version());
        session.numeric(
                "371", session.text("irc.created", IrcDates.of(server.started().toInstant())));
        for (String line : session.text("irc.info").split("\n")) {
            session.numeric("371", line);
        }
        session.numeric("374", session.text("irc.endOfInfo"));
    }

    void version() {
        session.numeric("351", server.version(), session.serverName(), session.text("irc.versionComment"));
    }

    void time() {
        session.numeric("391", session.serverName(), IrcDates.of(Instant.now()));
    }

    /** LINKS: this server alone. */
    void links() {
        session.numeric("364", "*", session.serverName(), "0 " + session.text("irc.versionComment"));
        session.numeric("365", "*", session.text("irc.endOfLinks"));
    }
}
