package openchat.client;

/**
 * A line over the server's limit, told in what a person can count: characters to cut, and how many of this text fit.
 * The limit is in bytes of UTF-8, where a Hangul syllable takes 3 and a Latin letter 1, so no one number of characters
 * holds for every text.
 */
final class TooLong {
    private TooLong() {}

    /**
     * Why {@code typed} cannot go, when the line it is part of carries {@code otherBytes} more (an action's markers):
     * how many characters to cut from it, and how many of its first characters fit.
     */
    static String explain(ClientText text, String typed, int otherBytes) {
        int budget = ClientConfig.MAX_MESSAGE_BYTES - otherBytes;
        int fit = 0;
        int used = 0;
        for (int i = 0; i < typed.length(); ) {
            int codePoint = typed.codePointAt(i);
            used += utf8Length(codePoint);
            if (used > budget) {
                break;
            }
            fit++;
            i += Character.charCount(codePoint);
        }
        return text.get("tooLongTyped", typed.codePointCount(0, typed.length()) - fit, fit);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
