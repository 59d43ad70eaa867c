package openchat.core;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;

/**
 * Unicode's confusables (UTS #39), through ICU's {@link SpoofChecker}: the data behind {@link Names#skeleton}. Loaded
 * when first used (0.1 to 0.2 s: {@link Names#loadLookalikes}), then shared by every thread: a built SpoofChecker is
 * immutable.
 */
final class Lookalikes {
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();

    private Lookalikes() {}

    /**
     * The UTS #39 skeleton of {@code nfkc} (a name after NFKC), but for its Hangul, kept as it is: the skeleton
     * decomposes a syllable into its jamo and maps some jamo onto others ({@code ᆨ} onto {@code ᄀ}, {@code ᄁ} onto
     * {@code ᄀᄀ}), so that {@code 각가} and {@code 가까}, which no reader takes for one another, would have one
     * skeleton. Everything else, digits and punctuation between Hangul included ({@code 유저1}), goes through it. A
     * stroke of another script standing for a vowel after Hangul is first made that vowel ({@link #strokesAsVowels}).
     */
    static String skeleton(String nfkc) {
        String name = strokesAsVowels(nfkc);
        StringBuilder out = new StringBuilder(name.length() + 4);
        int start = 0;
        while (start < name.length()) {
            boolean hangul = isHangul(name.codePointAt(start));
            int end = start;
            while (end < name.length() && isHangul(name.codePointAt(end)) == hangul) {
                end += Character.charCount(name.codePointAt(end));
            }
            String run = name.substring(start, end);
            out.append(hangul ? Normalizer.normalize(run, Normalizer.Form.NFC) : CHECKER.getSkeleton(run));
            start = end;
        }
        return out.toString();
    }

    /**
     * The UTS #39 skeleton of {@code nfkc} whole, its Hangul too: each syllable taken apart into the strokes it is
     * drawn with ({@code 리} into {@code ᄅ} and {@code 丨}, {@code 채} into {@code ᄎ}, {@code ᅡ} and {@code 丨}), so
     * that a Hangul name written partly in other scripts' strokes ({@code 채팅관ᄅ丨자}, a Han {@code 丨} for the
     * vowel) draws as the name it passes for. Too coarse to tell members' Korean names apart ({@code 각가} and
     * {@code 가까} draw alike), so {@link Names} compares it only with the names the chat keeps for itself.
     */
    static String drawn(String nfkc) {
        return CHECKER.getSkeleton(nfkc);
    }

    /**
     * {@code nfkc} with each character of another script that is drawn as Hangul's vowel {@code ㅣ} or {@code ㅡ}
     * ({@code 丨}, {@code l}, {@code |}, {@code 1}; {@code 一}, {@code -}) and follows a lone initial consonant made
     * the syllable they draw ({@code 유저ᄅ丨} and {@code 유저ᄅl} are {@code 유저리}), and a stroke that completes the
     * vowel of a syllable before it made part of that syllable when it is outside ASCII ({@code 차丨} is {@code 채}),
     * or inside a Hangul word, between two syllables ({@code 차1은} and {@code 차l은} are {@code 채은}). So a name
     * written with such strokes has the look of the Korean name it passes for. A digit or letter of ASCII that ends a
     * Hangul word is what it is: {@code 유저1} counts its users, it does not write {@code 유제}.
     */
    static String strokesAsVowels(String nfkc) {
        StringBuilder out = null; // made at the first stroke to take: most names have none
        int previous = -1;
        for (int i = 0; i < nfkc.length(); ) {
            int c = nfkc.codePointAt(i);
            int after = i + Character.charCount(c) < nfkc.length() ? nfkc.codePointAt(i + Character.charCount(c)) : -1;
            int taken = isHangul(previous) && !isHangul(c) ? completed(previous, c, isHangul(after)) : -1;
            if (taken >= 0 && out == null) {
                out = new StringBuilder(nfkc.length()).append(nfkc, 0, i);
            }
            if (out != null) {
                if (taken >= 0) {
                    out.setLength(out.length() - Character.charCount(previous));
                    out.appendCodePoint(taken);
                } else {
                    out.appendCodePoint(c);
                }
            }
            previous = taken >= 0 ? taken : c;
            i += Character.charCount(c);
        }
        return out == null ? nfkc : out.toString();
    }

    private static final int FIRST_SYLLABLE = 0xAC00;
    private static final int LAST_SYLLABLE = 0xD7A3;
    private static final int FINALS = 28;
    private static final int VOWELS = 21;
    /** Hangul's vowels {@code ㅣ} and {@code ㅡ} as jamo. */
    private static final int VOWEL_I = 0x1175;

    private static final int VOWEL_EU = 0x1173;

    /**
     * The vowel a vowel and {@code ㅣ} after it are drawn as, by the vowels' order in syllables: {@code ㅏ} and
     * {@code ㅣ} as {@code ㅐ}; -1 where they make none.
     */
    private static final int[] WITH_I = {1, -1, 3, -1, 5, -1, 7, -1, 11, 10, -1, -1, -1, 16, 15, -1, -1, -1, 19, -1, -1
    };

    /** The vowel jamo {@code c} is drawn as, when it is a stroke of another script ({@code 丨}, {@code 一}), or -1. */
    private static int strokeVowel(int c) {
        if (c < 0x20) {
            return -1;
        }
        String look = CHECKER.getSkeleton(new String(Character.toChars(c)));
        return switch (look) {
            case "\u4E28", "l" -> VOWEL_I;
            case "\u30FC", "-" -> VOWEL_EU;
            default -> -1;
        };
    }

    /**
     * What {@code previous} and the character {@code c} after it make when {@code c} is a stroke standing for a vowel
     * ({@link #strokeVowel}): with a lone initial consonant the syllable of the two, with a syllable without a final
     * consonant that syllable with its vowel completed by {@code ㅣ} (when {@code c} is ASCII, only {@code
     * beforeHangul}: a Hangul character follows it); -1 when they make none.
     */
    private static int completed(int previous, int c, boolean beforeHangul) {
        boolean initial = previous >= 0x1100 && previous <= 0x1112;
        boolean open = (c >= 128 || beforeHangul)
                && previous >= FIRST_SYLLABLE
                && previous <= LAST_SYLLABLE
                && (previous - FIRST_SYLLABLE) % FINALS == 0;
        int vowel = initial || open ? strokeVowel(c) : -1;
        if (vowel < 0) {
            return -1;
        }
        if (initial) {
            return FIRST_SYLLABLE + ((previous - 0x1100) * VOWELS + (vowel - 0x1161)) * FINALS;
        }
        int index = (previous - FIRST_SYLLABLE) / FINALS % VOWELS;
        int withI = vowel == VOWEL_I ? WITH_I[index] : -1;
        return withI < 0 ? -1 : previous + (withI - index) * FINALS;
    }

    static boolean isHangul(int c) {
        return c >= 0 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL;
    }
}
