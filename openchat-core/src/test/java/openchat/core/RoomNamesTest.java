package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Room names: what is valid, and each name's identity. */
class RoomNamesTest {
    private static final List<String> NAMES = List.of(
            "lobby",
            "Lobby",
            "LOBBY",
            "방1",
            "한글방",
            "team-a_b.c",
            "ß",
            "ǅ",
            "e\u0301",
            "é",
            "a b",
            "a/b",
            "",
            "#x",
            "x".repeat(32),
            "x".repeat(33),
            "가".repeat(32),
            "가".repeat(33),
            "😀",
            "a\u0000",
            "İstanbul",
            "ﬀ");

    @Test
    void isValidAgreesWithProblemForEveryName() {
        for (String name : NAMES) {
            assertThat(RoomNames.isValid(name))
                    .as(name)
                    .isEqualTo(RoomNames.check(name).isEmpty());
        }
        assertThat(RoomNames.isValid(null)).isFalse();
        assertThat(RoomNames.isValid("lobby")).isTrue();
        assertThat(RoomNames.isValid("a b")).isFalse();
        assertThat(RoomNames.isValid("x".repeat(33))).isFalse();
    }

    @Test
    void aNameComparesNfcAndCaseFoldedAndItsKeyIsTheSameOnTheFastPath() {
        for (String name : NAMES) {
            String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
            String general =
                    Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);

            assertThat(RoomNames.key(name)).as(name).isEqualTo(general);
        }
        assertThat(RoomNames.key("Lobby")).isEqualTo(RoomNames.key("LOBBY")).isEqualTo("lobby");
        assertThat(RoomNames.key("e\u0301")).isEqualTo(RoomNames.key("é"));
    }

    @Test
    void aNewRoomMayNotLookLikeAnotherByMixingAlphabetsOrWithCompatibilityForms() {
        assertThat(RoomNames.checkNew("l\u043Ebby")) // a Cyrillic o
                .contains(TextProblem.of(TextProblem.Kind.MIXED_ALPHABETS));
        assertThat(RoomNames.checkNew("\uFF4C\uFF4F\uFF42\uFF42\uFF59")) // full-width lobby
                .contains(TextProblem.of(TextProblem.Kind.COMPATIBILITY_FORM));
        assertThat(RoomNames.checkNew("\uFB01sh")).contains(TextProblem.of(TextProblem.Kind.COMPATIBILITY_FORM));
        assertThat(RoomNames.checkNew("\uFF76\uFF8C\uFF6A")) // half-width katakana
                .contains(TextProblem.of(TextProblem.Kind.COMPATIBILITY_FORM));
        for (String fine : List.of("lobby", "Lobby", "스터디", "Café", "москва", "αθήνα", "방-1.2_x", "東京", "c++", "+x")) {
            assertThat(RoomNames.checkNew(fine)).as(fine).isEmpty();
        }
        assertThat(RoomNames.isValid("l\u043Ebby"))
                .as("a room that exists keeps working: only entering or creating one checks for look-alikes")
                .isTrue();
    }

    @Test
    void aNameTypedDecomposedIsCheckedAsItsNfcAndIsTheSameRoom() {
        String decomposed = "A\u030Angstrom"; // macOS input: A and a combining ring
        assertThat(RoomNames.check(decomposed)).isEmpty();
        assertThat(RoomNames.checkNew(decomposed)).isEmpty();
        assertThat(RoomNames.key(decomposed)).isEqualTo(RoomNames.key("\u00C5ngstrom"));
        assertThat(RoomNames.check("\u1112\u1161\u11AB"))
                .as("decomposed Hangul 한")
                .isEmpty();
        assertThat(RoomNames.check("e\u0301".repeat(32)))
                .as("32 letters in NFC, 64 code points as typed")
                .isEmpty();
    }

    @Test
    void aNameOfDotsAloneIsInvalid() {
        for (String dots : List.of(".", "..", "...")) {
            assertThat(RoomNames.check(dots)).as(dots).contains(TextProblem.of(TextProblem.Kind.ONLY_DOTS));
        }
        for (String fine : List.of(".a", "a..", "v1.2")) {
            assertThat(RoomNames.check(fine)).as(fine).isEmpty();
        }
    }

    @Test
    void aRoomNameThatLooksLikeAnotherWithAnInvisibleLetterIsInvalid() {
        for (String name : List.of("lobby\u3164", "\u3164", "방\uFFA0", "lobby\uFE0F", "lobby\u2800")) {
            assertThat(RoomNames.check(name)).as("%s", name).contains(TextProblem.of(TextProblem.Kind.ROOM_CHARACTERS));
        }
    }
}
