package openchat.client;

import java.util.Optional;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * A room's bans, for its owner (and the administrator): {@code /roomban} keeps a name out of the current room and
 * puts it out when it is there (a kick-ban, as an owner wants it), {@code /roomunban} lets it back,
 * {@code /roombans} lists them. The administrator's {@code /ban} (the whole server) is {@link BanCommands}'.
 */
final class RoomBanCommands {
    private final ServerLink link;
    private final JoinedRooms rooms;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;
    private final BanCommands bans;

    RoomBanCommands(
            ServerLink link,
            JoinedRooms rooms,
            TerminalUi ui,
            ClientText text,
            EventFormatter formatter,
            BanCommands bans) {
        this.link = link;
        this.rooms = rooms;
        this.ui = ui;
        this.text = text;
        this.formatter = formatter;
        this.bans = bans;
    }

    /**
     * {@code /roomban NAME [DURATION] [REASON]}: bans NAME (or every name a mask such as {@code 봇*} fits) from the
     * current room, read as {@code /ban} reads its argument; then, when NAME is in the room, kicks it with the reason.
     */
    void ban(String argument) {
        Optional<RoomState> current = currentRoom();
        if (current.isEmpty()) {
            return;
        }
        String room = current.get().name();
        bans.read(argument).ifPresent(ban -> link.ask(BanCommands.request(Targets.room(room), ban))
                .ifPresent(answer -> {
                    ui.print(formatter.sentence(answer));
                    if (answer.statusCode() == Status.OK.code() && current.get().hasMember(ban.target())) {
                        kick(room, ban.target(), ban.reason());
                    }
                }));
    }

    /** The kick of a ban: said only when refused (the room's LEFT says it was done). */
    private void kick(String room, String name, String reason) {
        OcpMessage.Builder kick =
                OcpMessage.request(Methods.KICK, Targets.room(room)).header(HeaderNames.NAME, name);
        if (!reason.isEmpty()) {
            kick.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(reason);
        }
        link.ask(kick)
                .filter(answer -> answer.statusCode() != Status.OK.code())
                .ifPresent(answer -> ui.print(formatter.refusal(answer)));
    }

    /** {@code /roomunban NAME}: lifts the current room's ban of NAME. */
    void unban(String argument) {
        currentRoom()
                .flatMap(room -> link.ask(OcpMessage.request(Methods.UNBAN, Targets.room(room.name()))
                        .header(HeaderNames.TARGET, ChatCommand.unquote(argument))))
                .ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /roombans}: the current room's bans, as {@code /bans} shows the server's. */
    void list(String argument) {
        currentRoom().ifPresent(room -> link.ask(OcpMessage.request(Methods.BANS, Targets.room(room.name())))
                .ifPresent(answer -> bans.printBans(answer, text.get("roomBans.none", room.name()))));
    }

    private Optional<RoomState> currentRoom() {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
        }
        return current;
    }
}
