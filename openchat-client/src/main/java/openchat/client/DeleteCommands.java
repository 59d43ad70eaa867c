package openchat.client;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.BanDuration;
import openchat.core.DeletionReach;
import openchat.core.RoomNames;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * {@code /삭제 [#ROOM] NAME [DURATION] [REASON]} ({@code /delete}): the room's owner, or the administrator, takes NAME's
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

    /** The room a {@code /delete} is about and the rest of what was typed: {@code #games troll 30m} or {@code troll}. */
    record Aimed(String room, String rest) {}

    /**
     * {@code /delete [#ROOM] NAME [DURATION] [REASON]}: a first word that begins with {@code #} names the room (the
     * administrator deletes from anywhere; the server refuses anyone else who is not that room's owner there), else it is
     * the current room. The name is read as {@code /kick} reads it (the whole argument when it names a member of the
     * room, else the first word or a quoted name); the duration as {@code /ban} reads one ({@code 30m}, {@code 2h},
     * {@code 1d}, {@code 1시간 30분}, {@code 5 minutes}), and without one the server's default, the last hour.
     */
    void delete(String argument) {
        Optional<Aimed> aimed = aimed(argument);
        if (aimed.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String room = aimed.get().room();
        Optional<Asked> asked = read(aimed.get().rest(), rooms.find(room));
        if (asked.isEmpty()) {
            return;
        }
        OcpMessage.Builder request = OcpMessage.request(Methods.DELETE, Targets.room(room))
                .header(HeaderNames.NAME, asked.get().name());
        if (asked.get().within() != null) {
            request.header(HeaderNames.WITHIN, asked.get().within().toSeconds());
        }
        String reason = asked.get().reason();
        if (!reason.isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(reason);
        }
        link.ask(request).ifPresent(answer -> ui.print(said(answer, room, reason)));
    }

    /**
     * The line that answers a {@code /delete} about {@code room}: the server's sentence, with the {@code reason} given
     * as the room reads it; in the lobby, which has no owner, a refusal for want of the right says the administrator's
     * alone, as {@code /kick} says; a refusal for finding nothing names the room searched when the server's sentence
     * does not. Tagged with the room, as its other lines are, when it is not the current one.
     */
    private String said(OcpMessage answer, String room, String reason) {
        boolean lobby = RoomNames.key(room).equals(RoomNames.key(RoomNames.LOBBY));
        String code = EventFormatter.errorCode(answer);
        if (lobby && code.equals(EventFormatter.NOT_MODERATOR)) {
            return text.get("adminOnly");
        }
        String line = formatter.sentence(answer);
        if (code.equals(EventFormatter.NO_SUCH_MESSAGE) && !line.contains(EventFormatter.clean(room))) {
            return RoomLines.tagged(room, line);
        }
        if (answer.statusCode() == Status.OK.code() && !reason.isBlank()) {
            line = text.get("event.saying", line, EventFormatter.clean(reason).strip());
        }
        return rooms.isCurrent(room) ? line : RoomLines.tagged(room, line);
    }

    /** The room {@code argument} is about, and the rest; empty when it names none and this client is in none. */
    private Optional<Aimed> aimed(String argument) {
        if (argument.startsWith("#")) {
            int space = ChatCommand.firstSpace(argument);
            String room = space < 0 ? argument.substring(1) : argument.substring(1, space);
            return Optional.of(new Aimed(
                    room, space < 0 ? "" : argument.substring(space + 1).strip()));
        }
        return rooms.current().map(current -> new Aimed(current.name(), argument));
    }

    /** Whether {@code argument} is one {@code /delete} takes: a name, after a {@code #ROOM} when there is one. */
    static boolean isDeleteArgument(String argument) {
        String rest = argument;
        if (argument.startsWith("#")) {
            int space = ChatCommand.firstSpace(argument);
            if (space <= 1) {
                return false;
            }
            rest = argument.substring(space + 1).strip();
        }
        return !ChatCommand.unquote(rest).isEmpty();
    }

    /**
     * The deletion {@code argument} asks for in {@code room} (whose members this client knows when it is in it); empty,
     * with why shown, when its duration cannot be read. A first word that begins with a digit, or with a sign before
     * one ({@code -5m}), is a duration: it must have units ({@code 30} or {@code 1h30} was meant as one, and taking it
     * as the reason would delete another stretch than meant), no sign, be more than nothing and at most
     * {@link BanDuration#LONGEST}; a number followed by English words for units reads as those ({@code 5 minutes},
     * {@code 1 hour 30 minutes}). Any other first word begins the reason; a reason that begins with a digit follows a
     * duration ({@code /delete 트롤 1h 3번째 도배}).
     */
    private Optional<Asked> read(String argument, Optional<RoomState> room) {
        ChatCommand.NameAndText named = ChatCommand.nameAndReason(
                argument, name -> room.map(r -> r.hasMember(name)).orElse(false));
        BanCommands.FirstWord words = BanCommands.FirstWord.of(inUnits(named.text()));
        String first = words.word();
        if (first.isEmpty() || !DeletionReach.isMeant(first)) {
            return Optional.of(new Asked(named.name(), null, named.text()));
        }
        DeletionReach.Read within = DeletionReach.read(first);
        switch (within.problem()) {
            case NO_UNITS -> ui.print(text.get("delete.durationUnits", first));
            case TOO_LONG -> ui.print(text.get("delete.durationTooLong", first, text.lasting(BanDuration.LONGEST)));
            case ZERO -> ui.print(text.get("delete.durationZero", first));
            case NONE -> {
                return Optional.of(new Asked(named.name(), within.within(), words.after()));
            }
        }
        return Optional.empty();
    }

    /** English words for units after numbers, as a person writes a length of time: {@code 5 minutes}, {@code 2 hrs}. */
    private static final Pattern ENGLISH_PART = Pattern.compile(
            "(\\d{1,10})\\s+(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)(?=\\s|$)",
            Pattern.CASE_INSENSITIVE);

    /**
     * {@code rest} with a duration written in English words at its start ({@code 5 minutes}, {@code 1 hour 30 minutes})
     * written in units ({@code 5m}, {@code 1h 30m}), as the rest of the command reads them; else as is.
     */
    static String inUnits(String rest) {
        StringBuilder units = new StringBuilder();
        String left = rest;
        Matcher part = ENGLISH_PART.matcher(left);
        while (part.lookingAt()) {
            units.append(units.isEmpty() ? "" : " ").append(part.group(1)).append(unit(part.group(2)));
            left = left.substring(part.end()).strip();
            part = ENGLISH_PART.matcher(left);
        }
        return units.isEmpty() ? rest : left.isEmpty() ? units.toString() : units + " " + left;
    }

    private static String unit(String word) {
        return switch (Character.toLowerCase(word.charAt(0))) {
            case 's' -> "s";
            case 'm' -> "m";
            case 'h' -> "h";
            case 'd' -> "d";
            default -> "w";
        };
    }
}
