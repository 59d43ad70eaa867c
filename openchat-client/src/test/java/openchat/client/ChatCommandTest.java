package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChatCommandTest {

    @ParameterizedTest
    @CsvSource({
            "/종료, /종료", "/quit, /종료", "/QUIT, /종료",
            "/조용히나가기, /조용히나가기", "/quiet-quit, /조용히나가기",
            "/서버종료, /서버종료", "/shutdown, /서버종료",
            "/도움말, /도움말", "/help, /도움말",
            "/재접속, /재접속", "/reconnect, /재접속",
            "/kick 유저2, /kick", "/강퇴 유저2, /kick"})
    void everyNameAndAliasFindsItsCommand(String line, String command) {
        assertThat(ChatCommand.parse(line)).get().extracting(i -> i.command().name()).isEqualTo(command);
    }

    @Test
    void argumentIsTheRestOfTheLineTrimmed() {
        assertThat(ChatCommand.parse("/kick   채팅 손님  ").orElseThrow().argument()).isEqualTo("채팅 손님");
        assertThat(ChatCommand.parse("/kick").orElseThrow().argument()).isEmpty();
    }

    @Test
    void unknownCommandsAreNotFound() {
        assertThat(ChatCommand.parse("/dance")).isEmpty();
        assertThat(ChatCommand.parse("/종료하기")).isEmpty();
        assertThat(ChatCommand.parse("/")).isEmpty();
    }

    @Test
    void namesAndAliasesAreUnique() {
        long distinct = ChatCommand.ALL.stream()
                .flatMap(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c.name()), c.aliases().stream()))
                .distinct().count();
        long all = ChatCommand.ALL.stream().mapToLong(c -> 1 + c.aliases().size()).sum();
        assertThat(distinct).isEqualTo(all);
    }
}
