package openchat.client;

import java.time.Duration;
import java.util.Optional;
import openchat.core.BanDuration;
import openchat.core.RoomNames;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;

/**
 * {@code /삭제 NAME [DURATION] [REASON]} ({@code /delete}): the current room's owner, or the administrator, takes NAME's
 * messages of the last while out of the room's history (OCP {@code DELETE} with {@code Name} and {@code Within};
 * docs/PROTOCOL.md, "Deleting messages"), so that whoever joins later is not replayed a troll's or a bot's flood. The
 * terminal shows no message numbers, so it deletes by name only. The server's sentence says how many went; the room's
 * others read a line saying so ({@link EventFormatter#deleted}), as a terminal cannot take back what it printed.
 */
final class DeleteCommands {
    private final ServerLink link;
    private final JoinedRooms rooms;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;

    DeleteCommands(ServerLink link, JoinedRooms rooms, TerminalUi ui, ClientText text, EventFormatter formatter) {
        this.link = link;
        this.rooms = rooms;
        this.ui = ui;
        this.text = text;
        this.formatter = formatter;
    }

    /** What a {@code /delete} asks for: whose messages, how far back (null: the server's hour), and why. */
    record Asked(String name, Duration within, String reason) {}

    /**
     * {@code /delete NAME [DURATION] [REASON]}: the name is read as {@code /kick} reads it (the whole argument when it
     * names a member of the room, else the first word or a quoted name); the duration as {@code /ban} reads one
     * ({@code 30m}, {@code 2h}, {@code 1d}, {@code 1시간 30분}), and without one the server's default, the last hour.
     */
    void delete(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String room = current.get().name();
        Optional<Asked> asked = read(argument, current.get());
        if (asked.isEmpty()) {
            return;
        }
        OcpMessage.Builder request = OcpMessage.request(Methods.DELETE, Targets.room(room))
                .header(HeaderNames.NAME, asked.get().name());
        if (asked.get().within() != null) {
            request.header(HeaderNames.WITHIN, asked.get().within().toSeconds());
        }
        if (!asked.get().reason().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(asked.get().reason());
        }
        link.ask(request).ifPresent(answer -> {
            // The lobby has no owner: there only the administrator may, as /kick says.
            boolean lobby = RoomNames.key(room).equals(RoomNames.key(RoomNames.LOBBY));
            ui.print(
                    lobby && EventFormatter.errorCode(answer).equals(EventFormatter.NOT_MODERATOR)
                            ? text.get("adminOnly")
                            : formatter.sentence(answer));
        });
    }

    /**
     * The deletion {@code argument} asks for in {@code room}; empty, with why shown, when its duration cannot be read.
     * A first word that begins with a digit is a duration: it must have units ({@code 30} or {@code 1h30} was meant as
     * one, and taking it as the reason would delete another stretch than meant), be more than nothing and at most
     * {@link BanDuration#LONGEST}. Any other first word begins the reason; a reason that begins with a digit follows a
     * duration ({@code /delete 트롤 1h 3번째 도배}).
     */
    private Optional<Asked> read(String argument, RoomState room) {
        ChatCommand.NameAndText named = ChatCommand.nameAndReason(argument, room::hasMember);
        BanCommands.FirstWord words = BanCommands.FirstWord.of(named.text());
        String first = words.word();
        if (first.isEmpty() || !Character.isDigit(first.codePointAt(0))) {
            return Optional.of(new Asked(named.name(), null, named.text()));
        }
        if (!BanDuration.hasUnits(first)) {
            ui.print(text.get("delete.durationUnits", first));
            return Optional.empty();
        }
        Optional<Duration> within;
        try {
            within = BanDuration.parse(first);
        } catch (IllegalArgumentException | ArithmeticException tooLong) {
            ui.print(text.get("delete.durationTooLong", first, text.lasting(BanDuration.LONGEST)));
            return Optional.empty();
        }
        if (within.isEmpty()) {
            ui.print(text.get("delete.durationZero", first));
            return Optional.empty();
        }
        return Optional.of(new Asked(named.name(), within.get(), words.after()));
    }
}
