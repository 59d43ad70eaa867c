package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tab completion as JLine asks for it: a parsed line in, candidates out. */
class ChatCompletionsTest {
    private final JoinedRooms rooms = new JoinedRooms(() -> {});
    private final ChatCompleter completer = new ChatCompleter();
    private String me = "유저1";

    @BeforeEach
    void twoRooms() {
        rooms.entered("lobby").membersAre(List.of("유저1", "유저2", "채팅 손님"));
        rooms.entered("study").membersAre(List.of("유저1", "유저3"));
        rooms.makeCurrent("study");
        rooms.listed(List.of("lobby", "music", "study"));
        completer.use(new ChatCompletions(rooms, () -> me));
    }

    private List<String> complete(String typed) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(
                null, new DefaultParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void commandNamesAndAliasesAtTheStartOfALine() {
        assertThat(complete("/jo"))
                .containsAll(List.of("/join", "/입장", "/quit", "/help"))
                .containsAll(ChatCommand.allNames());
    }

    @Test
    void kickCompletesMembersOfTheCurrentRoomButMe() {
        assertThat(complete("/kick ")).containsExactly("유저3");
        assertThat(complete("/강퇴 유")).containsExactly("유저3");
    }

    @Test
    void privateMessageCompletesMembersOfEveryRoomButMe() {
        assertThat(complete("/w ")).containsExactlyInAnyOrder("유저2", "채팅 손님", "유저3");
        assertThat(complete("/w 유저2 ")).as("only the name completes").isEmpty();
    }

    @Test
    void roomCommandsCompleteJoinedAndListedRooms() {
        assertThat(complete("/join ")).containsExactly("lobby", "study", "music");
        assertThat(complete("/part ")).containsExactly("lobby", "study", "music");
        assertThat(complete("/who m")).containsExactly("lobby", "study", "music");
    }

    @Test
    void banCompletesMembersOfEveryRoomButMe() {
        assertThat(complete("/ban ")).containsExactlyInAnyOrder("유저2", "채팅 손님", "유저3");
        assertThat(complete("/차단 유저3 ")).as("the reason does not complete").isEmpty();
        assertThat(complete("/ba")).contains("/ban", "/bans");
    }

    @Test
    void deleteCompletesMembersOfTheCurrentRoomOrARoomNamedFirst() {
        assertThat(complete("/삭제 ")).containsExactly("유저3", "#lobby", "#study");
        assertThat(complete("/삭제 #lobby ")).containsExactlyInAnyOrder("유저2", "채팅 손님");
        assertThat(complete("/delete #LOBBY 유")).as("the room by its key").containsExactlyInAnyOrder("유저2", "채팅 손님");
        assertThat(complete("/삭제 #music ")).as("a room this client is not in").isEmpty();
        assertThat(complete("/삭제 유저3 ")).as("the duration does not complete").isEmpty();
        assertThat(complete("/삭제 #lobby 유저2 ")).isEmpty();
    }

    @Test
    void commandsWithoutNamesOrRoomsCompleteNothing() {
        assertThat(complete("/topic ")).isEmpty();
        assertThat(complete("/unban ")).isEmpty();
        assertThat(complete("/unknown ")).isEmpty();
    }

    @Test
    void membersFollowARenameInEveryRoomTheyAreIn() {
        rooms.memberRenamed("유저3", "손님3");
        rooms.memberRenamed("유저2", "손님2");

        assertThat(complete("/kick ")).containsExactly("손님3");
        assertThat(complete("/w ")).containsExactlyInAnyOrder("손님2", "채팅 손님", "손님3");
        assertThat(rooms.find("lobby").orElseThrow().members())
                .as("a rename does not bring anyone into a room")
                .doesNotContain("손님3");
    }

    @Test
    void aRenameThatOnlyChangesCaseTakesTheNewSpelling() {
        rooms.update("study", room -> room.memberIn("alice"));

        rooms.memberRenamed("alice", "Alice");

        assertThat(complete("/kick ")).containsExactlyInAnyOrder("유저3", "Alice");
    }

    @Test
    void myOwnNewNameIsLeftOutAndMyOldOneIsGone() {
        rooms.memberRenamed("유저1", "나그네");
        me = "나그네";

        assertThat(complete("/kick ")).containsExactly("유저3");
        assertThat(complete("/w ")).containsExactlyInAnyOrder("유저2", "채팅 손님", "유저3");
    }

    @Test
    void membersFollowJoinsAndLeaves() {
        rooms.update("study", room -> room.memberIn("유저4"));
        rooms.update("study", room -> room.memberOut("유저3"));

        assertThat(complete("/kick ")).containsExactly("유저4");
    }
}
