package openchat.client;

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

    /** A message from before: {@code (기록)} in front, faint on a terminal that can. */
    void printHistory(String room, String line) {
        ui.printFaint(prefix(room) + text.get("history.marker") + " " + line);
    }

    private String prefix(String room) {
        if (rooms.isCurrent(room)) {
            return "";
        }
        return "[" + rooms.find(room).map(RoomState::name).orElse(EventFormatter.clean(room)) + "] ";
    }
}
