package openchat.server.irc;

import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** IRC's wildcard masks ({@code *} any run, {@code ?} one character) as patterns over the keys names compare by. */
final class IrcMasks {
    private IrcMasks() {}

    /**
     * The pattern {@code mask} makes over keys: each run of characters between wildcards as {@code runKey} writes it,
     * told whether the run begins the mask (a mark that only leads a name is read so only there).
     */
    static Pattern pattern(String mask, BiFunction<String, Boolean, String> runKey) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i <= mask.length(); i++) {
            char c = i < mask.length() ? mask.charAt(i) : '*';
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(runKey.apply(literal.toString(), regex.length() == 0)));
                    literal.setLength(0);
                }
                if (i < mask.length()) {
                    regex.append(c == '*' ? ".*" : ".");
                }
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
