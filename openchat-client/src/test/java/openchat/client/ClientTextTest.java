package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import openchat.core.Names;
import openchat.core.TextProblem;
import org.junit.jupiter.api.Test;

class ClientTextTest {

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ClientTextTest.class.getResourceAsStream("/openchat/client/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyTextExistsInBothLanguages() throws IOException {
        assertThat(bundle("messages_en.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages.properties").keySet());
    }

    /**
     * Every Korean sentence speaks in 하십시오체, as the one-room chat's {@code 메세지를 보낼수 없습니다. 다시 연결해주십시오}
     * does: an instruction ends in -십시오, never -세요 (해요체); and the reader is not called 당신, which Korean UIs
     * avoid: a sentence names who did what without it ({@code 이 서버에 대한 접속을 차단했습니다}).
     */
    @Test
    void koreanSentencesAskInTheFormalStyleAndNeverCallTheReaderDangsin() throws IOException {
        Properties korean = bundle("messages.properties");
        assertThat(korean.getProperty("cannotSend")).isEqualTo("메세지를 보낼수 없습니다. 다시 연결해주십시오");
        for (String key : korean.stringPropertyNames()) {
            assertThat(korean.getProperty(key)).as(key).doesNotContain("세요", "당신");
        }
    }

    /**
     * No particle follows what fills a sentence (a name, a room, a key: {@code {0}(으)로} guesses whether it ends in a
     * consonant) nor a command or an option to type ({@code /재접속 을}, {@code --room 방이름 을}): what to type comes
     * last, after a colon ({@code 이렇게 입력하십시오: /재접속}), and a name after 님 ({@code {0}님이}).
     */
    @Test
    void koreanSentencesPutNoParticleAfterWhatFillsThemOrAfterACommandToType() throws IOException {
        Properties korean = bundle("messages.properties");
        String particle = "(은|는|이|가|을|를|과|와|로|으로|처럼)(?=[\\s.,):]|$)";
        for (String key : korean.stringPropertyNames()) {
            assertThat(korean.getProperty(key))
                    .as(key)
                    .doesNotContain("(으)로", "을(를)", "은(는)", "이(가)", "와(과)")
                    .doesNotContainPattern("\\{\\d+}'*\\s?" + particle)
                    .doesNotContainPattern("(^|[\\s(])(/[^\\s/]+|--[a-z-]+)( [^\\s.,:]+){0,2} (을|를|은|는|과|와|로|으로|처럼)"
                            + "(?=[\\s.,):]|$)");
        }
    }

    /**
     * Someone in a room, and a member who is not its owner, is 참여자 in Korean, the role {@code /참여자} lists beside
     * 방장 and 관리자 (the server's answers and the web page say it so too); never 멤버 or another word. In English, a
     * member and its owner; never a participant.
     */
    @Test
    void someoneInARoomIsOneWordInEachLanguage() throws IOException {
        assertThat(bundle("messages.properties").getProperty("role.member")).isEqualTo("참여자");
        bundle("messages.properties")
                .forEach((key, sentence) ->
                        assertThat((String) sentence).as("%s", key).doesNotContain("멤버", "회원", "구성원", "일반 참여자"));
        assertThat(bundle("messages_en.properties").getProperty("role.member")).isEqualTo("member");
        bundle("messages_en.properties").forEach((key, sentence) -> assertThat((String) sentence)
                .as("%s", key)
                .doesNotContainIgnoringCase("participant")
                .doesNotContainIgnoringCase("occupant"));
    }

    @Test
    void everyCommandHasAHelpLineInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ClientText text = new ClientText(locale);
            ChatCommand.ALL.forEach(
                    command -> assertThat(text.get(command.helpKey())).isNotBlank());
        }
    }

    @Test
    void everyTextProblemIsWordedInBothLanguagesWithItsArgument() {
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ClientText text = new ClientText(locale);
            for (TextProblem.Kind kind : TextProblem.Kind.values()) {
                TextProblem problem = new TextProblem(kind, 32, "sysop");
                String sentence = text.get(problem.textKey(), problem.argument());
                assertThat(sentence).as("%s %s", locale, kind).isNotBlank().doesNotContain("{0}");
                if (kind == TextProblem.Kind.TOO_LONG) {
                    assertThat(sentence).as("%s", locale).contains("32");
                }
                if (kind == TextProblem.Kind.RESERVED_LOOKALIKE) {
                    assertThat(sentence)
                            .as("%s: the name it looks like", locale)
                            .contains("'sysop'");
                }
            }
        }
    }

    /**
     * A private line shows the reader as a word, not its name ({@code 유저1 → 나}); a member named that word would
     * make another's whisper read {@code 나 → 나}. The words are the ones the core keeps anyone from taking.
     */
    @Test
    void theWordsPrivateLinesShowForTheReaderAreNamesNoOneMayTake() {
        Set<String> words = new HashSet<>();
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ClientText text = new ClientText(locale);
            String received = text.get("event.privateReceived", "TIME", "FROM", "TEXT");
            String sent = text.get("privateSent", "TIME", "TO", "TEXT");
            String toMe = received.substring(received.indexOf("FROM → ") + "FROM → ".length(), received.indexOf(" : "));
            String fromMe = sent.substring(sent.indexOf(") ") + 2, sent.indexOf(" → TO"));
            assertThat(fromMe).as("%s: %s and %s", locale, received, sent).isEqualTo(toMe);
            assertThat(Names.check(toMe, Names.DEFAULT_MAX_LENGTH))
                    .as("%s", toMe)
                    .map(TextProblem::kind)
                    .contains(TextProblem.Kind.SELF_WORD);
            words.add(toMe);
        }
        assertThat(Names.SELF_WORDS)
                .as("the words reserved are the ones the clients use (this one's, and the web page's)")
                .containsAll(words);
    }

    @Test
    void countsReadNaturallyInEnglish() {
        ClientText english = new ClientText(Locale.ENGLISH);

        assertThat(english.get("outgoing.holding", 1, 2L))
                .isEqualTo("Sending too fast; sending 1 waiting line in 2 s…");
        assertThat(english.get("outgoing.holding", 20, 1L))
                .isEqualTo("Sending too fast; sending 20 waiting lines in 1 s…");
        assertThat(new ClientText(Locale.KOREAN).get("outgoing.holding", 20, 1L))
                .isEqualTo("메세지를 너무 빨리 보내고 있습니다. 기다리는 20줄을 1초 후에 이어서 보냅니다…");
        assertThat(english.get("outgoing.unconfirmed", 1))
                .isEqualTo("1 line may not have been sent: the server did not confirm it");
        assertThat(english.get("outgoing.unconfirmed", 3))
                .isEqualTo("3 lines may not have been sent: the server did not confirm them");
    }
}
