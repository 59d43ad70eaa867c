package openchat.protocol;

/** Character classes of RFC 9110 as OCP/1.0 uses them. */
final class Syntax {
    /** TOKEN_CHARS[c] for c < 128: whether c is a tchar. A table: every method and field name is checked. */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN_CHARS[c] = c >= '0' && c <= '9'
                    || c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    private Syntax() {}

    /** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN_CHARS[c];
    }

    static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A target is an absolute path: "/" then visible characters (UTF-8 allowed), no spaces or controls. */
    static boolean isTarget(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first character a field value may not hold (controls but HTAB), or -1. */
    static int firstForbiddenInValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }
}
