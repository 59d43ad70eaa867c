package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import openchat.core.CoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCommandTest {

    @ParameterizedTest
    @CsvSource({
        "/종료, /종료",
        "/quit, /종료",
        "/QUIT, /종료",
        "/조용히나가기, /조용히나가기",
        "/quiet-quit, /조용히나가기",
        "/서버종료, /서버종료",
        "/shutdown, /서버종료",
        "/공지 점검 10분 전, /공지",
        "/announce maintenance soon, /공지",
        "/ANNOUNCE maintenance soon, /공지",
        "/도움말, /도움말",
        "/help, /도움말",
        "/재접속, /재접속",
        "/reconnect, /재접속",
        "/kick 유저2, /kick",
        "/강퇴 유저2, /kick",
        "/join study, /join",
        "/입장 study, /join",
        "/part, /part",
        "/퇴장, /part",
        "/rooms, /rooms",
        "/방목록, /rooms",
        "/who, /who",
        "/참여자 study, /who",
        "/w 유저2 안녕, /w",
        "/귓속말 유저2 안녕, /w",
        "/msg 유저2 안녕, /w",
        "/me 손을 흔듭니다, /me",
        "/행동 손을 흔듭니다, /me",
        "/away 점심, /away",
        "/자리비움, /away",
        "/nick 새이름, /nick",
        "/이름변경 새이름, /nick",
        "/topic, /topic",
        "/주제 공부, /topic",
        "/history 5, /history",
        "/기록, /history",
        "/삭제 트롤, /삭제",
        "/delete 트롤 2h 도배, /삭제",
        "/DELETE 트롤, /삭제"
    })
    void everyNameAndAliasFindsItsCommand(String line, String command) {
        assertThat(ChatCommand.parse(line))
                .get()
                .extracting(i -> i.command().name())
                .isEqualTo(command);
    }

    @Test
    void aFullWidthSpaceAsAKoreanInputMethodTypesItSeparatesTheCommandAndItsWordsAsASpaceDoes() {
        ChatCommand.Invocation join = ChatCommand.parse("/입장\u3000study").orElseThrow();
        assertThat(join.command().name()).isEqualTo("/join");
        assertThat(join.argument()).isEqualTo("study");
        ChatCommand.Invocation whisper =
                ChatCommand.parse("/귓속말\u3000Mike\u3000안녕").orElseThrow();
        assertThat(ChatCommand.nameAndText(whisper.argument()).orElseThrow().name())
                .isEqualTo("Mike");
        assertThat(ChatCommand.nameAndText(whisper.argument()).orElseThrow().text())
                .isEqualTo("안녕");
    }

    @Test
    void argumentIsTheRestOfTheLineTrimmed() {
        assertThat(ChatCommand.parse("/kick   채팅 손님  ").orElseThrow().argument())
                .isEqualTo("채팅 손님");
        assertThat(ChatCommand.parse("/kick").orElseThrow().argument()).isEmpty();
    }

    @Test
    void privateMessageNameIsTheFirstWordOrQuoted() {
        assertThat(ChatCommand.nameAndText("유저2  안녕 하세요 ")).contains(new ChatCommand.NameAndText("유저2", "안녕 하세요"));
        assertThat(ChatCommand.nameAndText("\"채팅 손님\" 안녕")).contains(new ChatCommand.NameAndText("채팅 손님", "안녕"));
        assertThat(ChatCommand.nameAndText("'채팅 손님' 안녕")).contains(new ChatCommand.NameAndText("채팅 손님", "안녕"));
        assertThat(ChatCommand.nameAndText("유저2")).isEmpty();
        assertThat(ChatCommand.nameAndText("\"채팅 손님 안녕")).isEmpty();
        assertThat(ChatCommand.nameAndText("\"채팅 손님\"")).isEmpty();
    }

    @Test
    void banTakesANameOrAQuotedOneAndAnOptionalReason() {
        assertThat(ChatCommand.nameAndRest("트롤  도배 그만 ")).contains(new ChatCommand.NameAndText("트롤", "도배 그만"));
        assertThat(ChatCommand.nameAndRest("\"채팅 손님\"")).contains(new ChatCommand.NameAndText("채팅 손님", ""));
        assertThat(ChatCommand.nameAndRest("203.0.113.0/24"))
                .contains(new ChatCommand.NameAndText("203.0.113.0/24", ""));
        assertThat(ChatCommand.nameAndRest("\"채팅 손님 도배")).isEmpty();
        assertThat(ChatCommand.parse("/ban \"\" 도배")
                        .orElseThrow()
                        .command()
                        .argument()
                        .accepts()
                        .test("\"\" 도배"))
                .isFalse();
    }

    @Test
    void kickTakesTheWholeRestAsTheNameQuotedOrNot() {
        assertThat(ChatCommand.unquote("채팅 손님")).isEqualTo("채팅 손님");
        assertThat(ChatCommand.unquote("\"채팅 손님\"")).isEqualTo("채팅 손님");
        assertThat(ChatCommand.unquote("'채팅 손님'")).isEqualTo("채팅 손님");
    }

    @Test
    void kickTakesTheWholeArgumentWhenItNamesAMemberElseANameAndAReason() {
        Predicate<String> members = Set.of("채팅 손님", "\"빛")::contains;

        assertThat(ChatCommand.nameAndReason("채팅 손님", members)).isEqualTo(new ChatCommand.NameAndText("채팅 손님", ""));
        assertThat(ChatCommand.nameAndReason("'채팅 손님'", members)).isEqualTo(new ChatCommand.NameAndText("채팅 손님", ""));
        assertThat(ChatCommand.nameAndReason("wuser 시끄러워요", members))
                .isEqualTo(new ChatCommand.NameAndText("wuser", "시끄러워요"));
        assertThat(ChatCommand.nameAndReason("\"채팅 손님\" 도배 그만", members))
                .isEqualTo(new ChatCommand.NameAndText("채팅 손님", "도배 그만"));
        assertThat(ChatCommand.nameAndReason("채팅 손님 도배", members))
                .as("a spaced name before a reason is quoted")
                .isEqualTo(new ChatCommand.NameAndText("채팅", "손님 도배"));
        assertThat(ChatCommand.nameAndReason("\"빛", members)).isEqualTo(new ChatCommand.NameAndText("\"빛", ""));
    }

    @Test
    void nickTakesTheWholeRestAsTheNewName() {
        ChatCommand.Invocation invocation =
                ChatCommand.parse("/이름변경  \"채팅 손님\" ").orElseThrow();

        assertThat(invocation.command().name()).isEqualTo("/nick");
        assertThat(ChatCommand.unquote(invocation.argument())).isEqualTo("채팅 손님");
        assertThat(invocation.command().synopsis(Locale.KOREAN)).isEqualTo("/이름변경 이름 (/nick)");
    }

    @ParameterizedTest
    @CsvSource({
        "/join, false",
        "/join study, true",
        "/part, true",
        "/w 유저2, false",
        "/w 유저2 안녕, true",
        "/nick, false",
        "/nick 새 이름, true",
        "/history, true",
        "/history 500, true",
        "/history 0, true",
        "/history 501, true",
        "/history many, true",
        "/rooms, true",
        "/rooms extra, false",
        "/종료 지금, false",
        "/서버종료, true",
        "/shutdown 점검 중, true",
        "/help, true",
        "/help kick, true",
        "/도움말 /강퇴, true",
        "/help dance, true",
        "/삭제, false",
        "/delete \"\", false",
        "/삭제 트롤, true",
        "/delete \"채팅 손님\" 1h 도배, true"
    })
    void argumentIsCheckedBeforeTheCommandRuns(String line, boolean accepted) {
        ChatCommand.Invocation invocation = ChatCommand.parse(line).orElseThrow();
        assertThat(invocation.command().argument().accepts().test(invocation.argument()))
                .isEqualTo(accepted);
    }

    @Test
    void historyCountIsOneToTheServersPageLimit() {
        assertThat(ChatCommand.historyCount("1")).contains(1);
        assertThat(ChatCommand.historyCount(Integer.toString(CoreConfig.MAX_HISTORY_PAGE)))
                .contains(CoreConfig.MAX_HISTORY_PAGE);
        for (String bad : List.of("0", "-1", Integer.toString(CoreConfig.MAX_HISTORY_PAGE + 1), "abc", "1.5")) {
            assertThat(ChatCommand.historyCount(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void synopsisShowsOptionalArgumentsInBrackets() {
        assertThat(ChatCommand.named("/part").orElseThrow().synopsis(Locale.KOREAN))
                .isEqualTo("/퇴장 [방] (/part)");
        assertThat(ChatCommand.named("/history").orElseThrow().synopsis(Locale.ENGLISH))
                .isEqualTo("/history [N] (/기록)");
    }

    /** Korean help and usage lines lead with the Korean name, every one of them, the English ones in parentheses. */
    @Test
    void inKoreanTheKoreanNameLeads() {
        assertThat(ChatCommand.named("/w").orElseThrow().synopsis(Locale.KOREAN))
                .isEqualTo("/귓속말 이름 내용 (/w, /msg)");
        assertThat(ChatCommand.named("/quit").orElseThrow().synopsis(Locale.KOREAN))
                .isEqualTo("/종료 (/quit)");
        assertThat(ChatCommand.named("/kick").orElseThrow().synopsis(Locale.KOREAN))
                .isEqualTo("/강퇴 이름 [이유] (/kick)");
        assertThat(ChatCommand.ALL).allSatisfy(command -> assertThat(command.synopsis(Locale.KOREAN))
                .matches("/[가-힣]+( .*)? \\((/[a-z-]+)(, /[a-z-]+)*\\)"));
    }

    @Test
    void inEnglishTheEnglishNameLeads() {
        assertThat(ChatCommand.named("/도움말").orElseThrow().synopsis(Locale.ENGLISH))
                .isEqualTo("/help [COMMAND] (/도움말)");
        assertThat(ChatCommand.named("/quit").orElseThrow().synopsis(Locale.ENGLISH))
                .isEqualTo("/quit (/종료)");
        assertThat(ChatCommand.named("/귓속말").orElseThrow().synopsis(Locale.ENGLISH))
                .isEqualTo("/w NAME TEXT (/msg, /귓속말)");
        assertThat(ChatCommand.ALL).allSatisfy(command -> assertThat(command.synopsis(Locale.ENGLISH))
                .matches("/[a-z-]+.*"));
    }

    @Test
    void deleteLeadsWithItsKoreanNameInKoreanAndItsEnglishOneInEnglish() {
        assertThat(ChatCommand.named("/delete").orElseThrow().synopsis(Locale.KOREAN))
                .isEqualTo("/삭제 [#방] 이름 [기간] [이유] (/delete)");
        assertThat(ChatCommand.named("/삭제").orElseThrow().synopsis(Locale.ENGLISH))
                .isEqualTo("/delete [#ROOM] NAME [DURATION] [REASON] (/삭제)");
        assertThat(ChatCommand.named("/삭제").orElseThrow().argument().completion())
                .isEqualTo(ChatCommand.Completion.NAMED_ROOM_MEMBER);
    }

    @Test
    void unknownCommandsAreNotFound() {
        assertThat(ChatCommand.parse("/dance")).isEmpty();
        assertThat(ChatCommand.parse("/종료하기")).isEmpty();
        assertThat(ChatCommand.parse("/")).isEmpty();
    }

    @Test
    void namesAndAliasesAreUnique() {
        assertThat(ChatCommand.allNames())
                .doesNotHaveDuplicates()
                .hasSize(ChatCommand.ALL.stream()
                        .mapToInt(c -> 1 + c.aliases().size())
                        .sum());
    }
}
