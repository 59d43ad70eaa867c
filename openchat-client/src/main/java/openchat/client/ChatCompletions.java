package openchat.client;

import java.util.List;
import java.util.function.Supplier;

/**
 * What tab completion offers: command names and aliases at the start of a line, then for the first argument
 * what the command's table entry says it takes (members of the room, members anywhere, rooms).
 */
final class ChatCompletions implements Completions {
    private final JoinedRooms rooms;
    /** This client's name of the moment: it changes with {@code /nick}. */
    private final Supplier<String> me;

    ChatCompletions(JoinedRooms rooms, Supplier<String> me) {
        this.rooms = rooms;
        this.me = me;
    }

    @Override
    public List<String> candidates(List<String> wordsBefore) {
        if (wordsBefore.isEmpty()) {
            return ChatCommand.allNames();
        }
        if (wordsBefore.size() > 1) {
            return List.of();
        }
        return ChatCommand.named(wordsBefore.get(0))
                .map(command -> switch (command.argument().completion()) {
                    case ROOM_MEMBER -> rooms.currentMembers(me.get());
                    case ANY_MEMBER -> rooms.allMembers(me.get());
                    case ROOM -> rooms.roomNames();
                    case NONE -> List.<String>of();
                })
                .orElse(List.of());
    }
}
