package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import openchat.core.Chat;
import openchat.core.Refusal;

/**
 * What the server tells of itself: LUSERS and MOTD (which end the welcome too), ADMIN, INFO, VERSION, TIME and
 * LINKS.
 */
final class IrcServerInfo {
    /** RPL_CREATED's time, for people: in the server's offset, to the second (2026-12-03 15:33:00 +09:00). */
    static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

    private final IrcSession session;
    private final IrcContext server;
    private final Chat<Channel> core;

    IrcServerInfo(IrcSession session, IrcContext server) {
        this.session = session;
        this.server = server;
        this.core = server.core();
    }

    void lusers() {
        int members = core.memberCount();
        session.numeric("251", session.text("irc.lusers", members));
        try {
            int rooms = core.list().size();
            session.numeric("254", String.valueOf(rooms), session.text("irc.channelsFormed", rooms));
        } catch (Refusal unavailable) {
            // a cluster node without its store cannot count the rooms: 254 is left out, as RFC 2812 allows
        }
        session.numeric("255", session.text("irc.lusersMe", members));
    }

    void motd() {
        session.numeric("375", session.text("irc.motdStart", IrcNames.SERVER));
        for (String line : session.text("irc.motd").split("\n")) {
            session.numeric("372", "- " + line);
        }
        session.numeric("376", session.text("irc.motdEnd"));
    }

    /** ADMIN: who runs this server, as far as the server knows it: the administrator's name and whether it is here. */
    void admin() {
        session.numeric("256", IrcNames.SERVER, session.text("irc.adminMe"));
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
        session.numeric("371", session.text("irc.created", STARTED.format(server.started())));
        for (String line : session.text("irc.info").split("\n")) {
            session.numeric("371", line);
        }
        session.numeric("374", session.text("irc.endOfInfo"));
    }

    void version() {
        session.numeric("351", server.version(), IrcNames.SERVER, session.text("irc.versionComment"));
    }

    void time() {
        session.numeric(
                "391",
                IrcNames.SERVER,
                STARTED.format(OffsetDateTime.now(server.started().getOffset())));
    }

    /** LINKS: this server alone. */
    void links() {
        session.numeric("364", "*", IrcNames.SERVER, "0 " + session.text("irc.versionComment"));
        session.numeric("365", "*", session.text("irc.endOfLinks"));
    }
}
