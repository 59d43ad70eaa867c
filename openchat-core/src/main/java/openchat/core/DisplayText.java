package openchat.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chat text as a person should see it on a terminal, shared by the server's console and the terminal client (the
 * web page's lines.js keeps the same rule); the IRC listener drops formatting from topics and away messages with it.
 *
 * <p>A chat line holds what its sender's client put in it, and IRC clients put in more than words: formatting codes
 * (bold, colours, italics; the Modern IRC formatting document), and CTCP's {@code \u0001} frames around a
 * {@code /me} action or a query to another client ({@code \u0001VERSION\u0001}). Any client could send escape
 * sequences too, which would drive the terminal of whoever prints them: change its title, colours, or what earlier
 * lines seem to say. So for display, formatting codes are dropped, a CTCP query reads {@code CTCP VERSION}, line
 * breaks and tabs become spaces, and every other control character and bidirectional override becomes U+FFFD.
 * Other IRC clients still get the line as it was sent; only what is printed changes.
 */
public final class DisplayText {
    /** How an action's text starts in a chat line: IRC's CTCP ACTION, what {@code /me} sends. */
    public static final String ACTION_START = "\u0001ACTION ";
    /** How an action's text ends. */
    public static final String ACTION_END = "\u0001";

    private static final char CTCP = '\u0001';
    private static final char BOLD = '\u0002';
    private static final char COLOUR = '\u0003';
    private static final char HEX_COLOUR = '\u0004';
    private static final char RESET = '\u000F';
    private static final char MONOSPACE = '\u0011';
    private static final char REVERSE = '\u0016';
    private static final char ITALIC = '\u001D';
    private static final char STRIKETHROUGH = '\u001E';
    private static final char UNDERLINE = '\u001F';
    private static final char REPLACEMENT = '\uFFFD';
    /** U+2028 and U+2029: a terminal shows them as nothing, which would join the words on either side. */
    private static final char LINE_SEPARATOR = '\u2028';

    private static final char PARAGRAPH_SEPARATOR = '\u2029';
    private static final int COLOUR_DIGITS = 2;
    /** Eight bytes of a byte array as one {@code long} (the order does not matter to {@link #isPlain(byte[])}). */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long EACH_0X01 = 0x0101010101010101L;
    private static final long EACH_0X20 = 0x2020202020202020L;
    private static final long EACH_0X7F = 0x7F7F7F7F7F7F7F7FL;
    private static final long EACH_HIGH_BIT = 0x8080808080808080L;
    private static final int HEX_COLOUR_DIGITS = 6;

    private DisplayText() {}

    /**
     * The action in a chat line that is one ({@code \u0001ACTION waves\u0001} gives {@code waves}, shown as
     * {@code * name waves}); empty for any other line. The closing {@code \u0001} may be missing, as some clients
     * send it.
     */
    public static Optional<String> action(String text) {
        if (text.startsWith(ACTION_START) && text.length() > ACTION_START.length()) {
            int end = text.endsWith(ACTION_END) ? text.length() - 1 : text.length();
            return Optional.of(text.substring(ACTION_START.length(), Math.max(ACTION_START.length(), end)));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code text} is a CTCP query ({@code \u0001VERSION\u0001}, {@code \u0001PING 123\u0001}): a request to
     * the IRC clients present, which answer it, rather than something said. An action ({@code /me}) is not one.
     */
    public static boolean isCtcpQuery(String text) {
        return text.length() > 1 && text.charAt(0) == CTCP && !text.startsWith(ACTION_START.strip());
    }

    /** Whether {@code text} is shown exactly as it is: nothing in it that {@link #line} would change. */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isSpecial(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isPlain(String)} read from the text's UTF-8 bytes (as {@link String#getBytes} makes them), for a printer
     * that writes those bytes anyway: the same answer for every text, one pass over an array instead of the text's
     * characters. In UTF-8 the characters that are not plain are the ASCII controls and DEL, the C1 controls
     * ({@code C2 80}–{@code C2 9F}), the line and paragraph separators and the bidirectional overrides and isolates
     * ({@code E2 80 A8}–{@code E2 80 AE}, {@code E2 81 A6}–{@code E2 81 A9}).
     */
    public static boolean isPlain(byte[] utf8) {
        int i = 0;
        // Eight bytes at a time while they are all printable ASCII (no byte under 0x20, none 0x7F, none over 0x7F):
        // the common chat line. A word with anything else goes to the byte-by-byte check below, from its start.
        for (; i + Long.BYTES <= utf8.length; i += Long.BYTES) {
            long word = (long) WORDS.get(utf8, i);
            long notPrintable = (word - EACH_0X20) & ~word // a byte under 0x20 (or over 0x7F, checked anyway)
                    | ((word ^ EACH_0X7F) - EACH_0X01) & ~(word ^ EACH_0X7F) // a byte 0x7F
                    | word; // a byte over 0x7F
            if ((notPrintable & EACH_HIGH_BIT) != 0) {
                break;
            }
        }
        for (; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b >= 0x20 && b != 0x7F) {
                continue; // printable ASCII, the common case
            }
            if (b >= 0) {
                return false; // an ASCII control or DEL
            }
            if (b == (byte) 0xC2 && i + 1 < utf8.length && utf8[i + 1] <= (byte) 0x9F) {
                return false; // U+0080..U+009F (a continuation byte is 0x80..0xBF: negative, so signed <= works)
            }
            if (b == (byte) 0xE2 && i + 2 < utf8.length) {
                int second = utf8[i + 1] & 0xFF;
                int third = utf8[i + 2] & 0xFF;
                if (second == 0x80 && third >= 0xA8 && third <= 0xAE
                        || second == 0x81 && third >= 0xA6 && third <= 0xA9) {
                    return false; // U+2028..U+202E, U+2066..U+2069
                }
            }
        }
        return true;
    }

    /**
     * {@code text} without IRC's formatting codes (a colour code with its digits), nothing else changed: for text
     * that must hold no control character at all, such as an away message, before the rest are dropped.
     */
    public static String withoutFormatting(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isFormatting(c)) {
                i = pastFormatting(text, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * A reason (a kick's, a part's, a quit's, a ban's) as every protocol carries it, on one line: without formatting
     * codes, every other control character (a line break, a NUL) a space, stripped, and at most {@code max} code points.
     * An IRC line ends at a line break and a NUL; a reason holding one would end the line it is sent in.
     */
    public static String oneLine(String text, int max) {
        StringBuilder line = new StringBuilder(text.length());
        withoutFormatting(text).strip().codePoints().limit(max).forEach(c -> {
            line.appendCodePoint(Character.getType(c) == Character.CONTROL ? ' ' : c);
        });
        return line.toString().strip();
    }

    /** {@code text} on one line, as described above; plain text is returned as it is. */
    public static String line(String text) {
        if (isPlain(text)) {
            return text;
        }
        String shown = text;
        if (shown.charAt(0) == CTCP && !shown.startsWith(ACTION_START)) {
            int end = shown.endsWith(ACTION_END) && shown.length() > 1 ? shown.length() - 1 : shown.length();
            shown = "CTCP " + shown.substring(1, end);
        }
        StringBuilder out = new StringBuilder(shown.length());
        int i = 0;
        while (i < shown.length()) {
            char c = shown.charAt(i);
            if (isFormatting(c)) {
                i = pastFormatting(shown, i);
                continue;
            }
            out.append(
                    c == '\n' || c == '\r' || c == '\t' || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR
                            ? ' '
                            : isSpecial(c) ? REPLACEMENT : c);
            i++;
        }
        return out.toString();
    }

    /**
     * {@code text} as the lines it holds (split at CR LF, CR or LF), each as {@link #line} shows it: for a display
     * that keeps a message's line breaks, as the server's console does.
     */
    public static List<String> lines(String text) {
        if (isPlain(text)) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(line(text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(line(text.substring(start)));
        return lines;
    }

    private static boolean isFormatting(char c) {
        return switch (c) {
            case BOLD, COLOUR, HEX_COLOUR, RESET, MONOSPACE, REVERSE, ITALIC, STRIKETHROUGH, UNDERLINE -> true;
            default -> false;
        };
    }

    /** Where the text goes on after the formatting code at {@code at}: a colour code takes its digits along. */
    private static int pastFormatting(String text, int at) {
        return switch (text.charAt(at)) {
            case COLOUR -> skipColour(text, at + 1, COLOUR_DIGITS, DisplayText::isDigit);
            case HEX_COLOUR -> skipColour(text, at + 1, HEX_COLOUR_DIGITS, DisplayText::isHexDigit);
            default -> at + 1;
        };
    }

    /** Past a colour code's foreground digits and, when a digit follows its comma, background digits. */
    private static int skipColour(String text, int from, int most, CharTest digit) {
        int at = skipDigits(text, from, most, digit);
        if (at > from && at + 1 < text.length() && text.charAt(at) == ',' && digit.test(text.charAt(at + 1))) {
            at = skipDigits(text, at + 1, most, digit);
        }
        return at;
    }

    private static int skipDigits(String text, int from, int most, CharTest digit) {
        int at = from;
        while (at < text.length() && at - from < most && digit.test(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /**
     * A control character (C0, DEL, C1), the line or paragraph separator (U+2028, U+2029), or a bidirectional
     * embedding, override or isolate.
     */
    public static boolean isSpecial(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c >= 0x2028 && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }
}
