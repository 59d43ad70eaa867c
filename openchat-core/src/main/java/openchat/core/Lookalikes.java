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
     * skeleton. Everything else, digits and punctuation between Hangul included ({@code 유저1}), goes through it.
     */
    static String skeleton(String nfkc) {
        StringBuilder out = new StringBuilder(nfkc.length() + 4);
        int start = 0;
        while (start < nfkc.length()) {
            boolean hangul = isHangul(nfkc.codePointAt(start));
            int end = start;
            while (end < nfkc.length() && isHangul(nfkc.codePointAt(end)) == hangul) {
                end += Character.charCount(nfkc.codePointAt(end));
            }
            String run = nfkc.substring(start, end);
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

    static boolean isHangul(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL;
    }
}
