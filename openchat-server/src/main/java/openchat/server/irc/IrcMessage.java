package openchat.server.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One IRC message (a line without its CR LF), as the Modern IRC client protocol document and the IRCv3 message-tags
 * specification define it: {@code [@tags SPACE] [:source SPACE] command [params] [SPACE :trailing]}. Knows nothing
 * of rooms or members. {@link #parse} reads a client's line; {@link #toString} writes one, putting a colon before
 * the last parameter only when it needs one.
 */
public record IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {
    /** The most parameters a message may have. */
    public static final int MAX_PARAMS = 15;

    public IrcMessage {
        tags = tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        params = List.copyOf(params);
    }

    /** A message from the server or a member ({@code source} may be null), without tags. */
    public static IrcMessage of(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, List.of(params));
    }

    public IrcMessage withTags(Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(added);
        return new IrcMessage(all, source, command, params);
    }

    /** What ends a text that {@link #fitted} cut. */
    static final String CUT_MARK = "…";

    private static final int CUT_MARK_BYTES = utf8Length(CUT_MARK);

    /**
     * This message cut to at most {@code maxBytes} of UTF-8 without its tags: the last parameter first (it is the
     * text: a topic, an away message, a reason, which end in {@value #CUT_MARK} where they were cut, so that no one
     * takes a cut topic for the whole of it), then the longest others, each between code points and kept at one
     * character at least. A reply that echoes what a client sent (a 401 for a 500-byte nickname) must still be one
     * valid line.
     */
    public IrcMessage fitted(int maxBytes) {
        IrcMessage tagless = tags.isEmpty() ? this : new IrcMessage(Map.of(), source, command, params);
        int excess = utf8Length(tagless.toString()) - maxBytes;
        if (excess <= 0 || params.isEmpty()) {
            return this;
        }
        List<String> cut = new ArrayList<>(params);
        int last = cut.size() - 1;
        if (utf8Length(cut.get(last)) > excess + CUT_MARK_BYTES) {
            excess = shorten(cut, last, excess + CUT_MARK_BYTES);
            cut.set(last, cut.get(last) + CUT_MARK);
        } else {
            excess = shorten(cut, last, excess);
        }
        while (excess > 0) {
            int longest = -1;
            for (int i = 0; i < last; i++) {
                if (cut.get(i).length() > 1 && (longest < 0 || utf8Length(cut.get(i)) > utf8Length(cut.get(longest)))) {
                    longest = i;
                }
            }
            if (longest < 0) {
                break;
            }
            excess = shorten(cut, longest, excess);
        }
        return new IrcMessage(tags, source, command, cut);
    }

    /** Cuts parameter {@code index} by up to {@code excess} bytes (down to one code point); returns what is left. */
    private static int shorten(List<String> params, int index, int excess) {
        String param = params.get(index);
        int bytes = utf8Length(param);
        int keep = Math.max(0, bytes - excess);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < param.length(); ) {
            int codePoint = param.codePointAt(i);
            int size =
                    new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (used + size > keep && kept.length() > 0) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        params.set(index, kept.toString());
        return excess - (bytes - used);
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * A parameter that is not the last, as it can go on the wire: one word that does not start with a colon. A reply
     * echoing what a client sent ({@code NICK :a b} answered with 432) must not turn it into two parameters.
     */
    private static String middle(String param) {
        if (param.isEmpty()) {
            return "*";
        }
        String word =
                param.replace(' ', '_').replace('\r', '_').replace('\n', '_').replace('\0', '_');
        return word.startsWith(":") ? "_" + word.substring(1) : word;
    }

    /** Parameter {@code index}, if present. */
    public Optional<String> param(int index) {
        return index < params.size() ? Optional.of(params.get(index)) : Optional.empty();
    }

    /**
     * Reads one line (no CR LF). The command comes back upper-cased.
     *
     * @throws IllegalArgumentException when the line holds no command, a NUL, CR or LF, or more than
     *     {@link #MAX_PARAMS} parameters
     */
    public static IrcMessage parse(String line) {
        if (line.indexOf('\0') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("NUL, CR or LF inside a line");
        }
        int at = 0;
        Map<String, String> tags = Map.of();
        if (line.startsWith("@")) {
            int end = line.indexOf(' ');
            if (end < 0) {
                throw new IllegalArgumentException("tags without a command");
            }
            tags = parseTags(line.substring(1, end));
            at = end;
        }
        at = skipSpaces(line, at);
        String source = null;
        if (at < line.length() && line.charAt(at) == ':') {
            int end = line.indexOf(' ', at);
            if (end < 0) {
                throw new IllegalArgumentException("a source without a command");
            }
            source = line.substring(at + 1, end);
            at = skipSpaces(line, end);
        }
        int commandEnd = line.indexOf(' ', at);
        String command = line.substring(at, commandEnd < 0 ? line.length() : commandEnd);
        if (!isCommand(command)) {
            throw new IllegalArgumentException("no command");
        }
        Params params = new Params();
        at = commandEnd < 0 ? line.length() : commandEnd;
        while (true) {
            at = skipSpaces(line, at);
            if (at >= line.length()) {
                break;
            }
            if (params.size == MAX_PARAMS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMS + " parameters");
            }
            if (line.charAt(at) == ':') {
                params.add(line.substring(at + 1));
                break;
            }
            int end = line.indexOf(' ', at);
            params.add(line.substring(at, end < 0 ? line.length() : end));
            at = end < 0 ? line.length() : end;
        }
        return new IrcMessage(tags, source, command.toUpperCase(Locale.ROOT), params.list());
    }

    /**
     * A line's parameters as they are read: the usual one or two (a PRIVMSG's target and text) become an immutable
     * list without a growable one copied into it, which was a quarter of the bytes a chat line's parsing allocated.
     */
    private static final class Params {
        private String first;
        private String second;
        private List<String> all;
        private int size;

        void add(String param) {
            if (size == 0) {
                first = param;
            } else if (size == 1) {
                second = param;
            } else {
                if (all == null) {
                    all = new ArrayList<>(List.of(first, second));
                }
                all.add(param);
            }
            size++;
        }

        List<String> list() {
            return switch (size) {
                case 0 -> List.of();
                case 1 -> List.of(first);
                case 2 -> List.of(first, second);
                default -> all;
            };
        }
    }

    /** A command is ASCII letters or digits (a loop: a stream here cost 3.6 % of a busy server's core). */
    private static boolean isCommand(String command) {
        if (command.isEmpty()) {
            return false;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String line, int at) {
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    /**
     * A tag section without its {@code @}: each tag's value unescaped, the last of a repeated tag winning; refuses a tag
     * without a name ({@link IllegalArgumentException}).
     */
    static Map<String, String> parseTags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : text.split(";")) {
            if (tag.isEmpty()) {
                continue;
            }
            int equals = tag.indexOf('=');
            String key = equals < 0 ? tag : tag.substring(0, equals);
            if (key.isEmpty() || key.equals("+")) {
                throw new IllegalArgumentException("a tag without a name");
            }
            tags.put(key, equals < 0 ? "" : unescape(tag.substring(equals + 1)));
        }
        return tags;
    }

    /** A tag value as sent: {@code \:} is ';', {@code \s} a space, {@code \\} a backslash, {@code \r}, {@code \n}. */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(
                        switch (next) {
                            case ':' -> ';';
                            case 's' -> ' ';
                            case 'r' -> '\r';
                            case 'n' -> '\n';
                            default -> next; // "\\" and any other escaped character stand for themselves
                        });
            } // a lone backslash at the end is dropped
        }
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Commands whose last parameter is a token (a channel, a mode, an id), written without a colon when it can be.
     * Every other command's last parameter is text and always gets its colon, as IRC servers write it: simple
     * clients and bots take the text from the first " :" (a {@code PRIVMSG #room 12:30} would lose its "12").
     */
    private static final java.util.Set<String> TOKEN_LAST =
            java.util.Set.of("JOIN", "NICK", "MODE", "BATCH", "004", "221", "324");

    /**
     * Appends {@code param} with any CR, LF or NUL as a space: each would end the line, and what followed would be
     * read as a line of its own (the core keeps them out of what it tells; this is the last guard).
     */
    private static void appendOnOneLine(StringBuilder line, String param) {
        int start = line.length();
        line.append(param);
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                line.setCharAt(i, ' ');
            }
        }
    }

    /** The line, without CR LF. The last parameter gets a colon unless it is a token that needs none. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(64);
        if (!tags.isEmpty()) {
            line.append('@');
            boolean first = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!first) {
                    line.append(';');
                }
                first = false;
                line.append(tag.getKey());
                if (!tag.getValue().isEmpty()) {
                    line.append('=').append(escape(tag.getValue()));
                }
            }
            line.append(' ');
        }
        if (source != null) {
            line.append(':').append(source).append(' ');
        }
        line.append(command);
        for (int i = 0; i < params.size(); i++) {
            boolean last = i == params.size() - 1;
            String param = last ? params.get(i) : middle(params.get(i));
            line.append(' ');
            // A PART without a reason ends in its channel; a REDACT without one in its msgid (the specification's
            // REDACT #channel 123).
            boolean token = TOKEN_LAST.contains(command)
                    || command.equals("PART") && params.size() == 1
                    || command.equals("REDACT") && params.size() == 2;
            if (last && (!token || param.isEmpty() || param.indexOf(' ') >= 0 || param.startsWith(":"))) {
                line.append(':');
            }
            appendOnOneLine(line, param);
        }
        return line.toString();
    }
}
