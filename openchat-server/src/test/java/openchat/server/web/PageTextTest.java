package openchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.CoreConfig;
import openchat.core.Names;
import openchat.protocol.OcpDecoderConfig;
import org.junit.jupiter.api.Test;

/**
 * The page's words (i18n.js), read as text without a browser: both languages have every key, and the word the page
 * shows for the reader's own lines is one no member may take as a name.
 */
class PageTextTest {
    /** A key of i18n.js's tables, at the start of its line: {@code     "login.name": "이름",}. */
    private static final Pattern KEY =
            Pattern.compile("^ {4}\"([\\w.]+)\":\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\")?", Pattern.MULTILINE);

    private static String i18n() throws IOException {
        try (InputStream in = PageTextTest.class.getResourceAsStream("/openchat/web/i18n.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The table of one language: from {@code ko: {} to the next table or the end. */
    private static Map<String, String> table(String i18n, String language) {
        int start = i18n.indexOf("\n  " + language + ": {");
        assertThat(start).as("the %s table", language).isPositive();
        int end = i18n.indexOf("\n  },", start);
        Map<String, String> table = new LinkedHashMap<>();
        Matcher key = KEY.matcher(i18n.substring(start, end));
        while (key.find()) {
            table.put(key.group(1), key.group(2));
        }
        return table;
    }

    @Test
    void everyTextExistsInBothLanguages() throws IOException {
        String i18n = i18n();
        Map<String, String> korean = table(i18n, "ko");
        assertThat(korean).hasSizeGreaterThan(100);
        assertThat(table(i18n, "en").keySet()).containsExactlyInAnyOrderElementsOf(korean.keySet());
    }

    /**
     * A room's registration in the terms the terminal client and the server use (a trial found the page's own): a
     * registration is dropped (지웠습니다, 지워졌습니다), not undone (풀었습니다, 풀렸습니다), and a key is entered (입력),
     * not shown (보이다, 보여); a key is written {@code 방열쇠} in a usage line, not {@code 열쇠 열쇠}. As there, the
     * reader is not called 당신, the sentences are in 하십시오체 (입력하십시오, not 입력하세요), and no particle follows a room
     * name or a key put in ({@code {0} 으로} reads wrong after a name that ends in a consonant or not).
     */
    @Test
    void aRoomsRegistrationIsWordedAsTheTerminalAndTheServerWordIt() throws IOException {
        Map<String, String> korean = table(i18n(), "ko");
        Pattern registration = Pattern.compile(
                "help\\.(register|unregister|claim|join)|send\\.usage(Claim|Join)|(register|unregister|claim"
                        + "|roomKey|registrations)\\..*|event\\.(ownerMe|ownerBy|registered|rekeyed|unregistered|keyForgotten).*"
                        + "|room\\.registered.*");
        Map<String, String> texts = new LinkedHashMap<>();
        korean.forEach((key, text) -> {
            if (registration.matcher(key).matches()) {
                texts.put(key, text);
            }
        });
        assertThat(texts).containsKeys("unregister.done", "event.unregistered", "roomKey.wrong", "help.claim");
        assertThat(texts).allSatisfy((key, text) -> assertThat(text)
                .as(key)
                .doesNotContain("풀었", "풀렸", "풉니다", "등록을 풀", "열쇠를 보", "로 보여", "보인 방장", "보여 방장", "/열쇠 열쇠")
                .doesNotContain("방장을 되찾", "사람으로서", "열쇠를 입력한 {0}님에게")
                .doesNotContain("당신", "세요")
                .doesNotContainPattern("\\{\\d\\} ?(으로|로|을|를|은|는|이|가)[ .,)]"));
        assertThat(texts.get("unregister.done")).contains("등록을 지웠습니다");
        assertThat(texts.get("help.claim")).startsWith("/열쇠 방열쇠 (/claim)").contains("입력");
    }

    /**
     * Every Korean text of the page speaks as the terminal client and the server do (a trial found the page's own
     * speech level and 당신): in 하십시오체, with no 해요체 ending ({@code 입력하세요}, {@code 끌까요?}); never calling the
     * reader 당신; and no particle standing after something typed (a command, a key, a duration: {@code /열쇠 방열쇠 로},
     * {@code /도움말 강퇴 처럼}) nor guessed around a placeholder ({@code {0}(으)로}, {@code {0}을(를)}): the literal
     * comes last, after a colon, or in brackets.
     */
    @Test
    void theKoreanTextsAreInHasipsiocheNeverSayDangsinAndPutNoParticleAfterWhatIsTyped() throws IOException {
        Map<String, String> korean = table(i18n(), "ko");
        assertThat(korean).allSatisfy((key, text) -> assertThat(text)
                .as(key)
                .doesNotContain("당신")
                .doesNotContainPattern("요(?![가-힣])")
                .doesNotContainPattern("\\((으|을|를|은|는|이|가|과|와)\\)")
                // 와 of 먼저 와 있어서 is the verb (오다), not the particle.
                .doesNotContainPattern(" (?!와 있)(으로|로|을|를|은|는|가|처럼|에|의|와|과|도|이면|보다|에서)(?=[\\s.,)]|$)")
                .doesNotContainPattern("\\{\\d\\} ?(으로|로|을|를|은|는|이|가|과|와)(?![가-힣])"));
    }

    /**
     * A name, or anything else put in, is never followed by a period that could read as part of it ({@code 지연님이
     * 이름을 바꿨습니다: 지연이.}), as the terminal client writes such lines without one.
     */
    /**
     * Someone in a room, and a member who is not its owner, is 참여자, as the members panel heads its list ({@code 참여자
     * 4명}) and the terminal client's {@code /참여자} lists roles; never 멤버 or another word. In English, a member and
     * its owner; never a participant.
     */
    /**
     * What the page says where the terminal client says the same thing is the terminal's sentence, in either language
     * (a trial's web member read 관리자만 할 수 있습니다 where the terminal, and the README, say 관리자만 사용할 수 있습니다): the
     * terminal's bundles are read from the client's sources beside this module.
     */
    @Test
    void whatTheTerminalAlsoSaysIsSaidInTheTerminalsWords() throws IOException {
        Map<String, String> same =
                Map.of("send.adminOnly", "adminOnly", "event.away", "event.away", "event.back", "event.back");
        for (String language : List.of("ko", "en")) {
            Properties terminal = new Properties();
            Path bundle = Path.of(
                    "..",
                    "openchat-client",
                    "src",
                    "main",
                    "resources",
                    "openchat",
                    "client",
                    language.equals("ko") ? "messages.properties" : "messages_en.properties");
            try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
                terminal.load(in);
            }
            Map<String, String> page = table(i18n(), language);
            // The page's own sentences may end with a period where the terminal's does not.
            same.forEach((pageKey, terminalKey) -> assertThat(page.get(pageKey))
                    .as("%s %s", language, pageKey)
                    .isIn(terminal.getProperty(terminalKey), terminal.getProperty(terminalKey) + "."));
        }
    }

    @Test
    void someoneInARoomIsOneWordInEachLanguage() throws IOException {
        Map<String, String> korean = table(i18n(), "ko");
        assertThat(korean).containsEntry("role.member", "참여자").containsEntry("members.heading", "참여자 {0}명");
        assertThat(korean)
                .allSatisfy((key, text) -> assertThat(text).as(key).doesNotContain("멤버", "회원", "구성원", "일반 참여자"));
        Map<String, String> english = table(i18n(), "en");
        assertThat(english).containsEntry("role.member", "member");
        assertThat(english).allSatisfy((key, text) -> assertThat(text)
                .as(key)
                .doesNotContainIgnoringCase("participant")
                .doesNotContainIgnoringCase("occupant"));
    }

    @Test
    void noKoreanTextPutsAPeriodRightAfterANameOrAnythingPutIn() throws IOException {
        assertThat(table(i18n(), "ko"))
                .allSatisfy((key, text) -> assertThat(text).as(key).doesNotContainPattern("\\{\\d\\}\\."));
    }

    /**
     * A new owner is told the commands that are its own now, exactly those the page's help says are the owner's
     * ({@code (방장, 관리자)}, {@code (방장; …)}): an heir by presence of a registered room all but /방등록, which takes
     * the key; the holder of the key those and /등록해제 too, which the help says is the owner's who entered the key.
     */
    @Test
    void aNewOwnerIsToldExactlyTheCommandsTheHelpSaysAreTheOwners() throws IOException {
        Map<String, String> korean = table(i18n(), "ko");
        Set<String> owners = new TreeSet<>();
        Set<String> keyHolders = new TreeSet<>();
        korean.forEach((key, text) -> {
            if (!key.startsWith("help.")) {
                return;
            }
            String command = text.split(" ", 2)[0];
            if (text.matches(".*[(;] ?방장[,;)].*")) {
                owners.add(command);
            } else if (text.contains("(열쇠를 입력한 방장")) {
                keyHolders.add(command);
            }
        });
        assertThat(owners).contains("/강퇴", "/주제", "/방등록");
        assertThat(keyHolders).containsExactly("/등록해제");
        Set<String> byPresence = new TreeSet<>(owners);
        byPresence.remove("/방등록");
        Set<String> byKey = new TreeSet<>(owners);
        byKey.addAll(keyHolders);
        assertThat(listed(korean.get("event.ownerMe"))).isEqualTo(owners);
        assertThat(listed(korean.get("event.ownerMeRegistered"))).isEqualTo(byPresence);
        assertThat(listed(korean.get("event.ownerMeByKey"))).isEqualTo(byKey);
    }

    /** The commands a new owner's line lists after {@code 이제 다음 명령어를 쓸 수 있습니다: }, which ends it. */
    private static Set<String> listed(String text) {
        String list = "이제 다음 명령어를 쓸 수 있습니다: ";
        assertThat(text).contains(list);
        return new TreeSet<>(
                List.of(text.substring(text.indexOf(list) + list.length()).split(", ")));
    }

    @Test
    void theMessageBoxCountsTowardsTheServersOwnLimit() throws IOException {
        try (InputStream in = PageTextTest.class.getResourceAsStream("/openchat/web/refusals.js")) {
            String refusals = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher limit =
                    Pattern.compile("export const MAX_BODY_BYTES = (\\d+);").matcher(refusals);
            assertThat(limit.find()).isTrue();
            assertThat(Integer.parseInt(limit.group(1))).isEqualTo(OcpDecoderConfig.DEFAULT_MAX_BODY_SIZE);
        }
    }

    @Test
    void historyTakesAtMostTheServersPage() throws IOException {
        try (InputStream in = PageTextTest.class.getResourceAsStream("/openchat/web/app.js")) {
            String app = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher limit = Pattern.compile("const MAX_HISTORY_PAGE = (\\d+);").matcher(app);
            assertThat(limit.find()).isTrue();
            assertThat(Integer.parseInt(limit.group(1))).isEqualTo(CoreConfig.MAX_HISTORY_PAGE);
        }
    }

    @Test
    void theHelpAndTheLineAfterADeletionCountTheMostTheServerDeletesAtOnce() throws IOException {
        try (InputStream in = PageTextTest.class.getResourceAsStream("/openchat/web/app.js")) {
            String app = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher most = Pattern.compile("const MAX_DELETED = (\\d+);").matcher(app);
            assertThat(most.find()).isTrue();
            assertThat(Integer.parseInt(most.group(1))).isEqualTo(CoreConfig.MAX_DELETED);
        }
        assertThat(table(i18n(), "ko").get("help.delete")).contains(CoreConfig.MAX_DELETED + "개까지");
        assertThat(table(i18n(), "en").get("help.delete")).contains("at most " + CoreConfig.MAX_DELETED);
    }

    /**
     * Trial 14's heir owner: a DELETE of lines sent before it joined is refused, and a DELETE by name passes over such
     * lines (Passed-Over); the page says both as the server's own sentences say them (its bundles, on this module's
     * class path), in either language, not as a non-owner's refusal.
     */
    @Test
    void whatAnOwnerByPresenceMayNotDeleteIsSaidAsTheServerSaysIt() throws IOException {
        for (String language : List.of("ko", "en")) {
            Properties server = new Properties();
            String bundle = language.equals("ko") ? "messages.properties" : "messages_en.properties";
            try (Reader in = new java.io.InputStreamReader(
                    PageTextTest.class.getResourceAsStream("/openchat/server/" + bundle), StandardCharsets.UTF_8)) {
                server.load(in);
            }
            Map<String, String> page = table(i18n(), language);
            String refused =
                    new java.text.MessageFormat(server.getProperty("answer.sentBeforeJoined")).format(new Object[0]);
            assertThat(page.get("delete.sentBeforeJoined")).as(language).isEqualTo(refused + ".");
            String passedOver = new java.text.MessageFormat(server.getProperty("answer.deletedPassedOver"))
                    .format(new Object[] {2, "트롤", 3});
            assertThat(passedOver)
                    .as(language)
                    .endsWith(page.get("delete.passedOver").replace("{0}", "3").replaceAll("\\.$", ""));
        }
    }

    @Test
    void theWordThePageShowsForOnesOwnLinesIsNoMembersName() throws IOException {
        String i18n = i18n();
        for (String language : new String[] {"ko", "en"}) {
            String word = table(i18n, language).get("message.me");
            assertThat(Names.SELF_WORDS).as("%s: %s", language, word).contains(word);
            assertThat(Names.isValid(word, Names.DEFAULT_MAX_LENGTH)).as(word).isFalse();
        }
    }
}
