package openchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import openchat.core.TextProblem;
import openchat.protocol.MalformedMessage.Fault;
import org.junit.jupiter.api.Test;

/**
 * The server's sentences: each in both languages, one for every problem a name can have, and one for every way
 * bytes can break the protocol.
 */
class ServerTextTest {

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ServerTextTest.class.getResourceAsStream("/openchat/server/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everySentenceExistsInBothLanguages() throws IOException {
        assertThat(bundle("messages_en.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages.properties").keySet());
    }

    @Test
    void aQuoteWrittenDoubledReadsAsOneWithOrWithoutArguments() {
        ServerText text = new ServerText(Locale.ENGLISH);

        assertThat(text.get("answer.sentBeforeJoined")).contains("room's key").doesNotContain("''");
        assertThat(text.get("answer.limitOrClear")).contains("(the server's)");
        assertThat(text.get("cluster.writable")).contains("The cluster's store is back");
    }

    @Test
    void everyTextProblemIsWordedInBothLanguagesWithItsArgument() {
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ServerText text = new ServerText(locale);
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

    @Test
    void everyMalformedMessageFaultIsWordedInBothLanguagesWithItsArgument() {
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ServerText text = new ServerText(locale);
            for (Fault fault : Fault.values()) {
                String sentence = text.get(fault.textKey(), fault.takesArgument() ? "ARG" : null);
                assertThat(sentence).as("%s %s", locale, fault).isNotBlank().doesNotContain("{0}");
                if (fault.takesArgument()) {
                    assertThat(sentence).as("%s %s", locale, fault).contains("ARG");
                } else {
                    assertThat(sentence).as("%s %s", locale, fault).doesNotContain("null");
                }
            }
        }
    }

    @Test
    void koreanSentencesSpellMethodAndMessageOneWayAndNeverGuessTheParticleAfterWhatFillsThem() throws IOException {
        Properties korean = bundle("messages.properties");
        for (String key : korean.stringPropertyNames()) {
            String sentence = korean.getProperty(key);
            assertThat(sentence).as(key).doesNotContain("메소드");
            // 메세지, as the one-room chat wrote it ("메세지를 보낼수 없습니다"), in every sentence the product says.
            assertThat(sentence).as(key).doesNotContain("메시지");
            // A name or a method may end in a consonant or not: 은(는), 이(가), 을(를), (으)로, never one of a pair.
            assertThat(sentence).as(key).doesNotContainPattern("\\{\\d+} ?(은|는|이|가|을|를|과|와|로|으로)(\\s|$)");
        }
    }

    /**
     * Every Korean sentence the server says (answers, IRC notices, console lines, HTTP pages) speaks in 하십시오체, as
     * the original chat did ({@code 다시 연결해주십시오}), and never calls its reader 당신: no -세요 or -요 ending, no
     * 해요체 question.
     */
    @Test
    void koreanSentencesSpeakInTheFormalStyleAndNeverCallTheReader당신() throws IOException {
        Properties korean = bundle("messages.properties");
        for (String key : korean.stringPropertyNames()) {
            String sentence = korean.getProperty(key);
            assertThat(sentence).as(key).doesNotContain("당신");
            assertThat(sentence).as(key).doesNotContainPattern("세요|주세요|나요\\?|가요\\?|[가-힣]요(\\s|$|[.,:;)])");
        }
    }

    /**
     * Someone in a room, and a member who is not its owner, is 참여자 in Korean, as the clients' {@code /참여자} lists
     * roles ({@code 방장}, {@code 참여자}) and the web page heads its list ({@code 참여자 4명}); never 멤버 or another
     * word. In English, a member and its owner; never a participant.
     */
    @Test
    void someoneInARoomIsOneWordInEachLanguage() throws IOException {
        bundle("messages.properties")
                .forEach((key, sentence) ->
                        assertThat((String) sentence).as("%s", key).doesNotContain("멤버", "회원", "구성원", "일반 참여자"));
        bundle("messages_en.properties").forEach((key, sentence) -> assertThat((String) sentence)
                .as("%s", key)
                .doesNotContainIgnoringCase("participant")
                .doesNotContainIgnoringCase("occupant"));
        assertThat(new ServerText(Locale.KOREAN).get("answer.wrongRoomKey", "study"))
                .endsWith("열쇠 없이 들어가면 방장이 아닌 참여자로 들어갑니다 (방이 비어 있으면 방장이 됩니다)");
    }

    @Test
    void englishCountsAreSingularForOne() {
        ServerText english = new ServerText(Locale.ENGLISH);
        assertThat(english.get("irc.historyStart", 1)).isEqualTo("--- 1 earlier message ---");
        assertThat(english.get("irc.historyStart", 3)).isEqualTo("--- 3 earlier messages ---");
        assertThat(english.get("irc.lusers", 1, 1)).isEqualTo("There is 1 user on 1 server");
        assertThat(english.get("irc.lusers", 4, 2)).isEqualTo("There are 4 users on 2 servers");
        assertThat(english.get("irc.operatorsOnline", 0)).isEqualTo("operators online");
        assertThat(english.get("irc.operatorsOnline", 1)).isEqualTo("operator online");
        assertThat(english.get("irc.channelsFormed", 1)).isEqualTo("room formed");
        assertThat(english.get("irc.channelsFormed", 2)).isEqualTo("rooms formed");
        assertThat(english.get("irc.lusers", 1000, 1)).isEqualTo("There are 1,000 users on 1 server");
        assertThat(english.get("irc.lusersMe", 0)).isEqualTo("I have no users");
        assertThat(english.get("irc.localUsers", 2, 5)).isEqualTo("Current local users 2, max 5");
        assertThat(english.get("irc.globalUsers", 4, 6)).isEqualTo("Current global users 4, max 6");
        assertThat(english.get("irc.serverNoticesSkipped", 1, 10))
                .isEqualTo("(1 server notice left out: at most 10 a second)");
        assertThat(english.get("irc.serverNoticesSkipped", 25, 10))
                .isEqualTo("(25 server notices left out: at most 10 a second)");
    }
}
