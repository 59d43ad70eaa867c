package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a terminal shows of a chat line: IRC's formatting and CTCP, and nothing that could drive the terminal. */
class DisplayTextTest {
    @Test
    void plainTextIsShownAsItIsTheSameString() {
        String text = "안녕하세요 😀 hello … ‘quoted’";
        assertThat(DisplayText.isPlain(text)).isTrue();
        assertThat(DisplayText.line(text)).isSameAs(text);
        assertThat(DisplayText.lines(text)).containsExactly(text);
    }

    /**
     * The bytes' answer is the characters' for every character around and inside the special ranges, alone, at either
     * end, and between others of one, two, three and four UTF-8 bytes; then for random texts drawn from those.
     */
    @Test
    void aTextsUtf8BytesArePlainExactlyWhenItsCharactersAre() {
        List<Integer> interesting = new ArrayList<>();
        for (int c = 0; c <= 0xA0; c++) {
            interesting.add(c);
        }
        for (int c = 0x2020; c <= 0x2070; c++) {
            interesting.add(c);
        }
        interesting.addAll(List.of(0xC2, 0xE2, 0x7FF, 0x800, 0xAC00, 0xD7A3, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF));
        for (int c : interesting) {
            for (String text : List.of(
                    Character.toString(c),
                    "a" + Character.toString(c),
                    Character.toString(c) + "한",
                    "é" + Character.toString(c) + "😀")) {
                assertThat(DisplayText.isPlain(text.getBytes(StandardCharsets.UTF_8)))
                        .as("U+%04X in %s", c, text)
                        .isEqualTo(DisplayText.isPlain(text));
            }
        }
        for (int c : interesting) {
            for (int before = 0; before <= 20; before++) { // the character in every lane of an 8-byte word
                String text = "a".repeat(before) + Character.toString(c) + "b".repeat(20 - before);
                assertThat(DisplayText.isPlain(text.getBytes(StandardCharsets.UTF_8)))
                        .as("U+%04X after %d ASCII letters", c, before)
                        .isEqualTo(DisplayText.isPlain(text));
            }
        }
        Random random = new Random(12);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.appendCodePoint(interesting.get(random.nextInt(interesting.size())));
            }
            String t = text.toString();
            assertThat(DisplayText.isPlain(t.getBytes(StandardCharsets.UTF_8)))
                    .as("%s", t)
                    .isEqualTo(DisplayText.isPlain(t));
        }
    }

    @Test
    void escapeSequencesAndOtherControlCharactersCannotReachTheTerminal() {
        assertThat(DisplayText.line("a\u001b[31mb\u0007c")).isEqualTo("a\uFFFD[31mb\uFFFDc");
        assertThat(DisplayText.line("title \u001b]0;pwned\u0007")).isEqualTo("title \uFFFD]0;pwned\uFFFD");
        assertThat(DisplayText.line("c1 \u009b2J del \u007f")).isEqualTo("c1 \uFFFD2J del \uFFFD");
        assertThat(DisplayText.line("nul\u0000")).isEqualTo("nul\uFFFD");
    }

    @Test
    void bidirectionalOverridesAndIsolatesAreReplaced() {
        assertThat(DisplayText.line("abc\u202Edef")).isEqualTo("abc\uFFFDdef");
        assertThat(DisplayText.line("\u2066x\u2069")).isEqualTo("\uFFFDx\uFFFD");
    }

    @Test
    void lineBreaksAndTabsBecomeSpacesOnOneLine() {
        assertThat(DisplayText.line("line1\nline2\tx\r\ny")).isEqualTo("line1 line2 x  y");
    }

    @Test
    void theLineAndParagraphSeparatorsBecomeSpacesNotNothing() {
        // A terminal shows U+2028 and U+2029 as nothing: "line sep" and "para sep" would run together.
        assertThat(DisplayText.isPlain("a\u2028b")).isFalse();
        assertThat(DisplayText.line("line sep\u2028para sep\u2029end")).isEqualTo("line sep para sep end");
    }

    @Test
    void linesSplitAtEveryKindOfLineBreakAndCleanEachLine() {
        assertThat(DisplayText.lines("one\ntwo\r\nthree\rfour\u001b"))
                .containsExactly("one", "two", "three", "four\uFFFD");
        assertThat(DisplayText.lines("end\n")).containsExactly("end", "");
    }

    @Test
    void ircFormattingCodesAreDropped() {
        assertThat(DisplayText.line("\u0002bold\u0002 \u001Ditalic\u001D \u001Funder\u001F \u001Estrike\u001E"))
                .isEqualTo("bold italic under strike");
        assertThat(DisplayText.line("\u0011mono\u000F \u0016reverse\u0016")).isEqualTo("mono reverse");
    }

    @Test
    void colourCodesAreDroppedWithTheirDigitsButNotTheTextAfterThem() {
        assertThat(DisplayText.line("\u000304red\u0003 plain")).isEqualTo("red plain");
        assertThat(DisplayText.line("\u00034,12on blue\u0003")).isEqualTo("on blue");
        assertThat(DisplayText.line("\u0003123")).isEqualTo("3"); // two digits at most
        assertThat(DisplayText.line("\u000304,x")).isEqualTo(",x"); // a comma without a digit is text
        assertThat(DisplayText.line("\u0003,05")).isEqualTo(",05"); // no foreground, no background
        assertThat(DisplayText.line("\u0004FF00ffhex\u0004 \u0004ABCDEF,012345x"))
                .isEqualTo("hex x");
    }

    @Test
    void aCtcpQueryReadsAsCtcpAndItsCommand() {
        assertThat(DisplayText.line("\u0001VERSION\u0001")).isEqualTo("CTCP VERSION");
        assertThat(DisplayText.line("\u0001PING 1764756000\u0001")).isEqualTo("CTCP PING 1764756000");
        assertThat(DisplayText.line("\u0001TIME")).isEqualTo("CTCP TIME");
    }

    @Test
    void anActionIsItsTextWithOrWithoutTheClosingDelimiter() {
        assertThat(DisplayText.action("\u0001ACTION waves\u0001")).contains("waves");
        assertThat(DisplayText.action("\u0001ACTION waves")).contains("waves");
        assertThat(DisplayText.action("waves")).isEmpty();
        assertThat(DisplayText.action("\u0001ACTION ")).isEmpty();
        assertThat(DisplayText.action("\u0001VERSION\u0001")).isEmpty();
    }

    @Test
    void withoutFormattingDropsTheCodesAndTheirDigitsAndKeepsEverythingElse() {
        assertThat(DisplayText.withoutFormatting("\u000304,12점심\u0003 \u0002먹는 중\u0002"))
                .isEqualTo("점심 먹는 중");
        assertThat(DisplayText.withoutFormatting("tab\there \u001b[1m")).isEqualTo("tab\there \u001b[1m");
        String plain = "회의 중";
        assertThat(DisplayText.withoutFormatting(plain)).isSameAs(plain);
    }
}
