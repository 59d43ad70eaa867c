package openchat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What tab completion offers: command names and aliases at the start of a line, then for the first argument
 * what the command's table entry says it takes (members of the room, members anywhere, rooms); after a {@code #ROOM}
 * where the command takes one first, that room's members.
 */
final class ChatCompletions implements Completions {
    /** What marks a room named before a member ({@code /삭제 #study 유저2}). */
    private static final String ROOM_MARK = "#";

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
        Optional<ChatCommand.Completion> completion = ChatCommand.named(wordsBefore.get(0))
                .map(command -> command.argument().completion());
        if (wordsBefore.size() == 2
                && completion.orElse(null) == ChatCommand.Completion.NAMED_ROOM_MEMBER
                && wordsBefore.get(1).startsWith(ROOM_MARK)) {
            return rooms.membersOf(wordsBefore.get(1).substring(ROOM_MARK.length()), me.get());
        }
        if (wordsBefore.size() > 1) {
            return List.of();
        }
        return completion
                .map(kind -> switch (kind) {
                    case ROOM_MEMBER -> rooms.currentMembers(me.get());
                    case NAMED_ROOM_MEMBER -> withJoinedRooms(rooms.currentMembers(me.get()));
                    case ANY_MEMBER -> rooms.allMembers(me.get());
                    case ROOM -> rooms.roomNames();
                    case NONE -> List.<String>of();
                })
                .orElse(List.of());
    }

    /** {@code members}, then each room this client is in as {@code #ROOM}, to name before a member of it. */
    private List<String> withJoinedRooms(List<String> members) {
        List<String> candidates = new ArrayList<>(members);
        rooms.joinedNames().forEach(room -> candidates.add(ROOM_MARK + room));
        return candidates;
    }
}
