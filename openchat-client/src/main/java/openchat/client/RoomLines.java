package openchat.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints lines that belong to a room: prefixed with {@code [room] } unless the room is the current one (so a
 * person in one room sees exactly what the one-room chat showed), and replayed history marked and dimmed.
 */
final class RoomLines {
    private final TerminalUi ui;
    private final ClientText text;
    private final JoinedRooms rooms;

    RoomLines(TerminalUi ui, ClientText text, JoinedRooms rooms) {
        this.ui = ui;
        this.text = text;
        this.rooms = rooms;
    }

    void print(String room, String line) {
        ui.print(prefix(room) + line);
    }

    /**
     * A line about several rooms at once (a member leaving the chat, which each room it shared with this client is
     * told of): {@code [lobby, study] } in front, as for one room; nothing when it is the current room alone.
     */
    void print(List<String> rooms, String line) {
        if (rooms.isEmpty()) {
            ui.print(line);
        } else if (rooms.size() == 1) {
            print(rooms.get(0), line);
        } else {
            ui.print(rooms.stream().map(EventFormatter::clean).collect(Collectors.joining(", ", "[", "] ")) + line);
        }
    }

    /** A message from before: {@code (기록)} in front, faint on a terminal that can. */
    void printHistory(String room, String line) {
        ui.printFaint(prefix(room) + text.get("history.marker") + " " + line);
    }

    private String prefix(String room) {
        if (rooms.isCurrent(room)) {
            return "";
        }
        return tagged(rooms.find(room).map(RoomState::name).orElse(room), "");
    }

    /** {@code line} about {@code room}, tagged with it: {@code [study] line}. */
    static String tagged(String room, String line) {
        return "[" + EventFormatter.clean(room) + "] " + line;
    }
}
