package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "유저1", "Alice", "a", "채팅 손님", "😀", "ㅋㅋ", "Kim Min", "kim.min", "Dr. Kim", "채팅", "나나", "나는", "me2",
                "Mei", "अतः", // a visarga after its letter is part of the word
                "दुःख"
            })
    void ordinaryNamesAreValid(String name) {
        assertThat(Names.check(name, 32)).isEmpty();
    }

    /**
     * A member holds its name, its key and its skeleton for as long as it is connected: when they read the same, they
     * are one string (tens of bytes less per connection), and when they do not, each is its own.
     */
    @Test
    void aNameThatIsItsOwnKeyAndSkeletonIsHeldAsOneString() {
        String name = new String("yuna".toCharArray());
        assertThat(Names.key(name)).isSameAs(name);
        assertThat(Names.skeleton(name)).isSameAs(name);
        String capital = new String("Alice".toCharArray());
        assertThat(Names.key(capital)).isEqualTo("alice");
        assertThat(Names.skeleton(capital)).isEqualTo("alice");
        assertThat(Names.skeleton("minsu")).as("m looks like rn").isEqualTo("rninsu");
    }

    @Test
    void lengthCountsCodePointsNotCharsOrBytes() {
        assertThat(Names.isValid("😀".repeat(32), 32)).as("32 emoji, 64 chars").isTrue();
        assertThat(Names.isValid("😀".repeat(33), 32)).isFalse();
        assertThat(Names.isValid("가".repeat(32), 32)).isTrue();
        assertThat(Names.isValid("가".repeat(33), 32)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " padded",
                "padded ",
                "tab\there",
                "new\nline",
                "bell\u0007",
                "zero\u200Bwidth",
                "bidi\u202Eoverride",
                "\uE000private",
                "채팅관리자\u3164",
                "\u115F유저",
                "유저\u1160",
                "유저\uFFA0",
                "유저\u034F",
                "유저\uFE0F",
                "유저\u2800"
            })
    void namesWithSpacesAtTheEndsOrInvisibleCharactersAreInvalid(String name) {
        assertThat(Names.check(name, 32)).as("%s", name).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openchat", "OpenChat", "OPENCHAT", "oPeNcHaT"})
    void theServersNameInAnyCaseIsNoMembersName(String name) {
        assertThat(Names.check(name, 32))
                .as("%s would look like the server where IRC shows its notices", name)
                .contains(TextProblem.of(TextProblem.Kind.RESERVED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NickServ", "nickserv", "CHANSERV", "ＮｉｃｋＳｅｒｖ", "MemoServ", "OperServ", "SaslServ"})
    void anIrcServicesNameInAnySpellingIsNoMembersName(String name) {
        assertThat(Names.check(name, 32))
                .as("%s: IRC clients send passwords to it", name)
                .contains(TextProblem.of(TextProblem.Kind.SERVICE));
        assertThat(Names.isService(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NickServ2", "Nick", "serv", "nick_serv", "services"})
    void namesThatOnlyResembleAServicesAreValid(String name) {
        assertThat(Names.check(name, 32)).as("%s", name).isEmpty();
        assertThat(Names.isService(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openchat1", "open chat", "open_chat", "myopenchat"})
    void namesThatOnlyResembleTheServersAreValid(String name) {
        assertThat(Names.check(name, 32)).as("%s", name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "채팅관리자 : 서버를 곧 종료합니다.",
                "채팅관리자:",
                "Alice : hi",
                "a:b",
                "유저：1", // full width
                "유저﹕1", // small
                "유저︓1", // vertical
                "유저∶1", // ratio
                "유저꞉1", // modifier letter colon
                "유저ː1", // modifier letter triangular colon
                "유저˸1", // modifier letter raised colon
                "유저׃1", // Hebrew sof pasuq
                "유저܃1", // Syriac supralinear colon
                "유저܄1", // Syriac sublinear colon
                "유저᛬1", // runic multiple punctuation
                "유저։1", // Armenian full stop
                "유저⁚1", // two dot punctuation
                "유저︰1", // vertical two dot leader, whose NFKC is ".."
                "유저᠃1", // Mongolian full stop
                "유저ꓽ1", // Lisu tone mya jeu
                "유저፡1", // Ethiopic wordspace
                "유저 ः 1", // a Devanagari visarga standing alone
                "유저ઃ1" // a Gujarati visarga after no Gujarati letter
            })
    void aNameHoldsNoColonNorAnythingThatLooksLikeOneForTheColonEndsTheSenderInEveryChatLine(String name) {
        assertThat(Names.check(name, 32)).as("%s", name).contains(TextProblem.of(TextProblem.Kind.COLON));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "채팅관리자님",
                "채팅관리자2",
                "채팅 관리자2",
                "채팅관리자봇",
                "채팅_관리자 봇",
                "채팅관리자 공지",
                "~채팅관리자님",
                "채팅관리자ｂｏｔ", // full width
                "채팅관리자　공지" // an ideographic space
            })
    void aNameThatBeginsWithTheAdministratorsAndGoesOnIsRefused(String name) {
        assertThat(Names.check(name, 32))
                .as("%s reads as the administrator saying something", name)
                .contains(TextProblem.of(TextProblem.Kind.ADMINISTRATOR_NAME));
        assertThat(Names.isAdministrator(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"진짜 채팅관리자", "관리자 채팅관리자", "공지 채팅관리자", "the채팅관리자", "봇_채팅관리자_봇"})
    void aNameHoldingTheAdministratorsAnywhereIsRefused(String name) {
        assertThat(Names.check(name, 32))
                .as("'%s : ...' beside the administrator's '채팅관리자 : ...' passes for it", name)
                .contains(TextProblem.of(TextProblem.Kind.ADMINISTRATOR_NAME));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[공지] 운영팀",
                "[announcement] bob",
                "[알림]",
                "［알림］", // full width
                "(귓속말) bob",
                "서버",
                "관리자",
                "Admin",
                "ＡＤＭＩＮ",
                "server",
                "System",
                "notice"
            })
    void aNameThatLooksLikeTheChatsOwnLinesIsRefused(String name) {
        assertThat(Names.check(name, 32))
                .as("'%s' beside the clients' [알림] and [공지] lines passes for them", name)
                .contains(TextProblem.of(TextProblem.Kind.SYSTEM_LOOKALIKE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob[m]", "server2", "adminbob", "알림이", "공지봇", "유저(1)"})
    void aNameOnlyHoldingABracketOrASystemWordIsStillValid(String name) {
        assertThat(Names.check(name, 32)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"채팅관리자", "채팅 관리자", "채팅_관리자", "채팅.관리자", "채팅관리자!", "~채팅관리자", "채팅＿관리자"})
    void theAdministratorsOwnNameInEverySpellingIsStillAValidName(String spelling) {
        assertThat(Names.check(spelling, 32))
                .as("%s: it takes the key, at connect", spelling)
                .isEmpty();
        assertThat(Names.isAdministrator(spelling)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"나", "me", "Me", "ME", "ｍｅ"})
    void theWordsTheClientsShowForOneselfAreNoMembersName(String name) {
        assertThat(Names.check(name, 32))
                .as("%s: a private message from it would read '%s → 나'", name, name)
                .contains(TextProblem.of(TextProblem.Kind.SELF_WORD));
    }

    @Test
    void everySelfWordIsRefused() {
        assertThat(Names.SELF_WORDS).containsExactly("나", "me");
        for (String word : Names.SELF_WORDS) {
            assertThat(Names.isValid(word, 32)).as(word).isFalse();
        }
    }

    @Test
    void everyNewProblemIsWordedInEnglishAndHasItsOwnTextKey() {
        assertThat(TextProblem.of(TextProblem.Kind.COLON).english()).contains("colon");
        assertThat(TextProblem.of(TextProblem.Kind.ADMINISTRATOR_NAME).english())
                .isEqualTo("it holds the administrator's name");
        assertThat(TextProblem.of(TextProblem.Kind.SELF_WORD).english()).contains("'나', 'me'");
        assertThat(java.util.Arrays.stream(TextProblem.Kind.values())
                        .map(kind -> TextProblem.of(kind).textKey())
                        .distinct()
                        .count())
                .isEqualTo(TextProblem.Kind.values().length);
    }

    @Test
    void sameNameAfterCaseFoldingAndNormalisation() {
        assertThat(Names.key("Alice")).isEqualTo(Names.key("ALICE"));
        assertThat(Names.key("straße")).isEqualTo(Names.key("STRASSE"));
        String composed = "유저";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(Names.key(decomposed)).isEqualTo(Names.key(composed));
        assertThat(Names.key("유저1")).isNotEqualTo(Names.key("유저2"));
    }

    @Test
    void fullWidthAndOtherCompatibilityFormsAreTheNameTheyLookLike() {
        assertThat(Names.key("유저１")).isEqualTo(Names.key("유저1"));
        assertThat(Names.key("ｕｓｅｒ")).isEqualTo(Names.key("user"));
        assertThat(Names.key("ＡＬＩＣＥ")).isEqualTo(Names.key("alice"));
        assertThat(Names.key("ﬁsh")).as("a ligature").isEqualTo(Names.key("fish"));
        assertThat(Names.key("유저①")).isEqualTo(Names.key("유저1"));
    }

    @Test
    void aNameMixingLatinGreekOrCyrillicLettersIsRefusedForTheyLookAlike() {
        String cyrillicA = "\u0410lice"; // А (Cyrillic) then Latin "lice": shows as Alice
        assertThat(Names.check(cyrillicA, 32)).map(TextProblem::kind).contains(TextProblem.Kind.MIXED_ALPHABETS);
        assertThat(Names.check("Ρaul", 32)).as("a Greek capital rho").isPresent();
        assertThat(Names.check("Алиса", 32)).as("Cyrillic alone").isEmpty();
        assertThat(Names.check("Ελένη", 32)).as("Greek alone").isEmpty();
        assertThat(Names.check("유저A", 32)).as("Hangul mixes with any").isEmpty();
        assertThat(Names.check("Алиса유저", 32)).isEmpty();
        assertThat(Names.check("user_42", 32)).isEmpty();
    }

    @Test
    void namesThatDifferOnlyInSeparatorsAreOneName() {
        assertThat(Names.key("Kim Min"))
                .isEqualTo(Names.key("kim_min"))
                .isEqualTo(Names.key("Kim.Min"))
                .isEqualTo(Names.key("KIM@MIN"))
                .isEqualTo(Names.key("Kim\u3000Min"));
        assertThat(Names.key("+alice")).isEqualTo(Names.key("_alice")).isEqualTo(Names.key("#alice"));
        assertThat(Names.key("a+b")).as("only first is + a separator").isNotEqualTo(Names.key("a_b"));
        assertThat(Names.key("a-b")).isNotEqualTo(Names.key("a_b"));
    }

    @Test
    void thePlainFormWritesEachSeparatorAsAnUnderscore() {
        assertThat(Names.plainForm("Kim Min")).isEqualTo("Kim_Min");
        assertThat(Names.plainForm("a,b*c?d!e@f.g")).isEqualTo("a_b_c_d_e_f_g");
        assertThat(Names.plainForm("~유저 1")).isEqualTo("_유저_1");
        assertThat(Names.plainForm("＃chan"))
                .as("a full-width # first would read as a channel in an IRC client")
                .isEqualTo("_chan");
        assertThat(Names.plainForm("﹟chan")).isEqualTo("_chan");
        assertThat(Names.plainForm("a＃b")).as("only first").isEqualTo("a＃b");
        String plain = "유저1";
        assertThat(Names.plainForm(plain)).isSameAs(plain);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "채팅관리자",
                "채팅 관리자",
                "채팅  관리자",
                "채팅\u3000관리자",
                " 채팅관리자",
                "채팅_관리자",
                "채팅.관리자",
                "채팅관리자!",
                "채팅＿관리자",
                "~채팅관리자",
                "&채팅관리자",
                ":채팅관리자",
                "#채팅관리자",
                "$채팅관리자",
                "+채팅관리자",
                "%채팅관리자",
                "~&채팅관리자",
                "_~채팅관리자"
            })
    void everySpellingOfTheAdministratorIsReservedAndSharesOneKey(String spelling) {
        assertThat(Names.isAdministrator(spelling)).isTrue();
        assertThat(Names.key(spelling)).isEqualTo(Names.key(Names.ADMINISTRATOR));
    }

    @Test
    void decomposedHangulAdministratorIsStillTheAdministrator() {
        assertThat(Names.isAdministrator(Normalizer.normalize("채팅관리자", Normalizer.Form.NFD)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"채팅관리자2", "관리자", "채팅", "admin", "채팅~관리자"})
    void similarNamesAreNotTheAdministrator(String name) {
        assertThat(Names.isAdministrator(name)).isFalse();
    }

    /** {@code аӏісе}: every letter Cyrillic, U+0430 U+04CF U+0456 U+0441 U+0435. */
    static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    @ParameterizedTest
    @ValueSource(
            strings = {
                CYRILLIC_ALICE, // a whole other script: not mixed, so the alphabets' rule lets it by
                "Alice", // another spelling of the name itself
                "ａｌｉｃｅ", // full width: NFKC makes it alice before the skeleton
                "a1ice", // UTS #39: the digit one looks like a small L
                "AIice", // a capital I: the skeleton is taken before the case is folded
                "al\u0131ce" // a dotless i
            })
    void namesThatPassForAliceHaveAlicesSkeleton(String name) {
        assertThat(Names.skeleton(name)).as(name).isEqualTo(Names.skeleton("alice"));
    }

    @Test
    void theSkeletonMapsWholeScriptLookAlikesSmallCapitalsAndDigits() {
        assertThat(Names.skeleton("\u1D21ebcarol")).as("a small capital W").isEqualTo(Names.skeleton("webcarol"));
        assertThat(Names.skeleton("\u039A\u0391\u03A4\u0395"))
                .as("Greek capitals alone")
                .isEqualTo(Names.skeleton("Kate"));
        assertThat(Names.skeleton("\u0412\u041E\u0412"))
                .as("Cyrillic capitals alone")
                .isEqualTo(Names.skeleton("BOB"));
        assertThat(Names.skeleton("b0b")).as("a zero for an O").isEqualTo(Names.skeleton("bob"));
        assertThat(Names.skeleton("Ian")).as("a capital I for a small L").isEqualTo(Names.skeleton("lan"));
        assertThat(Names.skeleton("ALICE"))
                .as("in capitals, alice's I is a capital I, which looks like a small L")
                .isEqualTo(Names.skeleton("ALlCE"))
                .isNotEqualTo(Names.skeleton("alice"));
        assertThat(Names.skeleton("rnary")).as("rn for m").isEqualTo(Names.skeleton("mary"));
        assertThat(Names.skeleton("kim.min"))
                .as("separators as the key reads them")
                .isEqualTo(Names.skeleton("kim min"));
    }

    @Test
    void namesThatLookDifferentHaveDifferentSkeletons() {
        assertThat(Names.skeleton("\u0432\u043E\u0432"))
                .as("small Cyrillic ве looks like no small b")
                .isNotEqualTo(Names.skeleton("bob"));
        assertThat(Names.skeleton("aiice")).isNotEqualTo(Names.skeleton("alice"));
        assertThat(Names.skeleton("alice2")).isNotEqualTo(Names.skeleton("alice"));
        assertThat(Names.skeleton("Алиса")).isNotEqualTo(Names.skeleton("alice"));
    }

    @Test
    void koreanNamesKeepTheirSyllablesAndOnlyTheDigitsAndLettersBesideThemAreMapped() {
        // UTS #39 alone decomposes syllables and maps a final ㄱ and a doubled ㄲ alike: 각가 would be 가까.
        assertThat(Names.skeleton("각가")).isEqualTo("각가").isNotEqualTo(Names.skeleton("가까"));
        assertThat(Names.skeleton("민수")).isNotEqualTo(Names.skeleton("민우"));
        assertThat(Names.skeleton("유저1")).isNotEqualTo(Names.skeleton("유저2"));
        assertThat(Names.skeleton("유저1")).as("a digit one beside Hangul").isEqualTo(Names.skeleton("유저l"));
        assertThat(Names.skeleton("채팅 손님")).isEqualTo("채팅_손님");
        assertThat(Names.check("각가", 32)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"채팅관리자", "채팅 관리자", "채팅_관리자", "ＣＨＡＴ"})
    void everySpellingOfTheAdministratorHasItsKeyAsItsSkeleton(String spelling) {
        if (Names.isAdministrator(spelling)) {
            assertThat(Names.skeleton(spelling)).isEqualTo(Names.key(Names.ADMINISTRATOR));
        } else {
            assertThat(Names.skeleton(spelling)).isNotEqualTo(Names.key(Names.ADMINISTRATOR));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0455\u0443\u0455\u043E\u0440 sysop", // all Cyrillic: not mixed
                "\u0251dmin admin", // a Latin alpha
                "\u0430dm\u0456n admin", // mixed too, but the look says more
                "r00t root",
                "rne me", // rn for m
                "m\u0435 me",
                "\u0455\u0435\u0433\u0475\u0435\u0433 server",
                "\u039Fpen\u0421hat openchat",
                "\u039DickServ NickServ",
                "\u0405ervice\u0405 -" // a Cyrillic S: not a reserved name, only mixed
            })
    void aNameThatLooksLikeAReservedOneIsRefusedSayingWhich(String nameAndReserved) {
        String name = nameAndReserved.substring(0, nameAndReserved.indexOf(' '));
        String reserved = nameAndReserved.substring(nameAndReserved.indexOf(' ') + 1);
        if (reserved.equals("-")) {
            assertThat(Names.check(name, 32)).map(TextProblem::kind).contains(TextProblem.Kind.MIXED_ALPHABETS);
            return;
        }
        assertThat(Names.check(name, 32))
                .as("%s looks like %s", name, reserved)
                .contains(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, reserved));
        assertThat(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, reserved).english())
                .contains("'" + reserved + "'");
        assertThat(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, reserved).argument())
                .isEqualTo(reserved);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "채팅관ᄅ丨자 채팅관리자", // a lone ㄹ, and a Han 丨 for the vowel ㅣ
                "채팅관ᄅl자 채팅관리자", // a Latin l
                "채팅관ᄅ|자 채팅관리자",
                "채팅관ᄅ1자 채팅관리자",
                "차丨팅관리자 채팅관리자", // 채 written as 차 and a stroke
                "차|팅관리자 채팅관리자", // an ASCII stroke, which a member's look takes as written
                "차1팅관리자 채팅관리자",
                "채팅 관ᄅ丨자 채팅관리자",
                "관ᄅI자 관리자", // a capital I
                "ᄉ丨ᄉ一템 시스템", // 시 as ᄉ and a stroke, 스 as ᄉ and a Han 一
                "ᄉ丨ᄉ-템 시스템"
            })
    void aNameDrawingAReservedKoreanNameWithOtherScriptsStrokesIsRefusedSayingWhich(String nameAndReserved) {
        String name = nameAndReserved.substring(0, nameAndReserved.lastIndexOf(' '));
        String reserved = nameAndReserved.substring(nameAndReserved.lastIndexOf(' ') + 1);
        assertThat(Names.check(name, 32))
                .as("%s draws as %s", name, reserved)
                .contains(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, reserved));
        assertThat(Names.isAdministrator(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"진짜 채팅관ᄅ丨자", "채팅관ᄅl자님", "the차丨팅관리자"})
    void aNameHoldingADrawingOfTheAdministratorsIsRefused(String name) {
        assertThat(Names.check(name, 32))
                .as("'%s : ...' passes for the administrator's '채팅관리자 : ...'", name)
                .contains(TextProblem.of(TextProblem.Kind.ADMINISTRATOR_NAME));
    }

    /**
     * The administrator's name a stroke apart, one jamo changed, added or left out, reads as it at a glance (trial 13:
     * {@code 채팅관리쟈} spoke and whispered beside the administrator), and is refused as looking like it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"채팅관리쟈", "채팅관라자", "채팅괸리자", "채팅과리자", "채팅관릭자", "채탕관리자", "채팅관리쟈2", "진짜채팅관리저", "채팅~관리자"})
    void aNameOneJamoFromTheAdministratorsIsRefusedAsLookingLikeIt(String name) {
        assertThat(Names.check(name, 32))
                .as(name)
                .contains(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, Names.ADMINISTRATOR));
    }

    /** A name holding a Korean word for the chat's staff passes for staff in every line it says (trial 13). */
    @ParameterizedTest
    @ValueSource(strings = {"채팅운영자", "서버관리자", "운영진", "운영진2", "부관리자", "관리자님봇"})
    void aNameHoldingAWordForTheStaffIsRefusedAsTheChatsOwnWords(String name) {
        assertThat(Names.check(name, 32)).as(name).map(TextProblem::kind).contains(TextProblem.Kind.SYSTEM_LOOKALIKE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"채팅방", "관리", "운영", "채팅친구", "리자", "채팅관", "김관리", "운영팀장님"})
    void koreanNamesFarFromTheAdministratorsAndWithoutAStaffWordAreValid(String name) {
        assertThat(Names.check(name, 32)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"각가", "가까", "유저1", "유저l", "리자", "채팅관", "관ᄅ丨", "시스", "ᄉ丨스터", "알리미"})
    void aKoreanNameThatOnlyDrawsPartOfAReservedOneIsStillValid(String name) {
        assertThat(Names.check(name, 32)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "rooty", "server2", "mee", "open chat", "서버2"})
    void aNameThatOnlyResemblesAReservedOneIsStillValid(String name) {
        assertThat(Names.check(name, 32)).as(name).isEmpty();
    }
}
