package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import openchat.protocol.Utf8;

/**
 * One line, as {@link IrcFramer} finds it in the bytes read (without its LF), to an {@link IrcMessage}, or to a
 * {@link BadLine} that says what is wrong with it, so that the session answers and the connection goes on. Checks the
 * limits of the Modern IRC and message-tags documents: at most 510 bytes besides the tags, at most
 * {@value #MAX_TAGS_BYTES} bytes of tags; strict UTF-8. Blank lines are skipped.
 */
final class IrcLineDecoder {
    /** A line without its tags and CR LF. */
    static final int MAX_LINE_BYTES = IrcListener.MAX_LINE_BYTES - 2;
    /** The tags section with its {@code @} and the space after it (the message-tags specification's 8191). */
    static final int MAX_TAGS_BYTES = IrcListener.MAX_TAG_BYTES;
    /** What the framer lets through: the longest line with tags, and its CR. */
    static final int MAX_FRAME_BYTES = MAX_TAGS_BYTES + MAX_LINE_BYTES + 1;
    /** The commands {@link #chatLine} reads from the bytes, with the space after them. */
    private static final byte[] PRIVMSG = "PRIVMSG ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] NOTICE = "NOTICE ".getBytes(StandardCharsets.US_ASCII);

    /**
     * A line the session refuses; {@code label} is the line's {@code label} tag when its tag section could be read
     * ({@link #label}), so that the refusal answers it, else null.
     */
    record BadLine(Problem problem, String label) {}

    enum Problem {
        /** Over 512 bytes without the tags: 417. */
        TOO_LONG,
        /** A tag section over {@value #MAX_TAGS_BYTES} bytes: 417, saying so. */
        TAGS_TOO_LONG,
        /** Not valid UTF-8: the server is {@code UTF8ONLY}. */
        NOT_UTF8,
        /** No command, a NUL, or too many parameters. */
        MALFORMED
    }

    private IrcLineDecoder() {}

    /**
     * The line of {@code length} bytes at {@code start} in {@code bytes} (read in place; its LF not included): an
     * {@link IrcMessage}, a {@link BadLine}, or null for a blank line.
     */
    static Object decode(ByteBuf bytes, int start, int length, LastTarget lastTarget) {
        if (length > 0 && bytes.getByte(start + length - 1) == '\r') {
            length--;
        }
        if (isBlank(bytes, start, length)) {
            return null; // RFC 2812 2.3.1: empty messages are silently ignored, and one of spaces holds no more
        }
        int tagBytes = tagBytes(bytes, start, length);
        if (tagBytes > MAX_TAGS_BYTES) {
            return new BadLine(Problem.TAGS_TOO_LONG, null);
        }
        if (length - tagBytes > MAX_LINE_BYTES) {
            return new BadLine(Problem.TOO_LONG, label(bytes, start, length));
        }
        IrcMessage chat = tagBytes == 0 ? chatLine(bytes, start, length, lastTarget) : null;
        return chat != null ? chat : parsed(bytes, start, length);
    }

    /** The bytes of the line's tag section with its {@code @} and the space after it; 0 without tags. */
    private static int tagBytes(ByteBuf bytes, int start, int length) {
        if (length == 0 || bytes.getByte(start) != '@') {
            return 0;
        }
        int space = bytes.indexOf(start, start + length, (byte) ' ');
        return space < 0 ? length : space - start + 1;
    }

    /**
     * Whether the {@code length} bytes from {@code start}, the beginning of a line (perhaps not all of it), start with
     * a tag section longer than a line may carry.
     */
    static boolean tagsTooLong(ByteBuf bytes, int start, int length) {
        return tagBytes(bytes, start, Math.min(length, MAX_TAGS_BYTES + 1)) > MAX_TAGS_BYTES;
    }

    /**
     * The {@code label} tag of the line whose first {@code length} bytes (perhaps not all of it) are at {@code start},
     * when its tag section is within its limit and reads as tags (UTF-8, each with a name): a line refused for the
     * length of the rest is answered to its label. Null without one, and for a tag section over its limit, which is
     * not read at all: a tag repeated further on would win over a label seen at its start.
     */
    static String label(ByteBuf bytes, int start, int length) {
        int tagBytes = tagBytes(bytes, start, Math.min(length, MAX_TAGS_BYTES + 1));
        if (tagBytes == 0 || tagBytes > MAX_TAGS_BYTES || bytes.getByte(start + tagBytes - 1) != ' ') {
            return null;
        }
        Optional<String> tags = Utf8.decode(bytes, start + 1, tagBytes - 2);
        if (tags.isEmpty()) {
            return null;
        }
        try {
            return IrcMessage.parseTags(tags.get()).get("label");
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** The line decoded whole, then parsed: an {@link IrcMessage}, or the {@link BadLine} saying what is wrong. */
    static Object parsed(ByteBuf frame, int start, int length) {
        Optional<String> line = Utf8.decode(frame, start, length);
        if (line.isEmpty()) {
            return new BadLine(Problem.NOT_UTF8, null);
        }
        try {
            return IrcMessage.parse(line.get());
        } catch (IllegalArgumentException malformed) {
            return new BadLine(Problem.MALFORMED, null);
        }
    }

    /**
     * The line that is most of the traffic, {@code PRIVMSG target :text} (or {@code NOTICE}), read from its bytes:
     * the target and the text decoded on their own, without the whole line as a string and its pieces copied out
     * of it (IrcMessage.parse was 7 % of the server's CPU over IRC at N=5 in a profile; docs/BENCHMARKS.md). The same message as
     * {@link #parsed}; null for any other shape (lower case, tags, a source, extra spaces, a target starting with a
     * colon, a NUL or CR anywhere, invalid UTF-8), which {@link #parsed} then reads or refuses. The target is taken
     * from {@code lastTarget} when its bytes are the same.
     */
    static IrcMessage chatLine(ByteBuf frame, int start, int length, LastTarget lastTarget) {
        int end = start + length;
        String command;
        int target;
        if (startsWith(frame, start, end, PRIVMSG)) {
            command = "PRIVMSG";
            target = start + PRIVMSG.length;
        } else if (startsWith(frame, start, end, NOTICE)) {
            command = "NOTICE";
            target = start + NOTICE.length;
        } else {
            return null;
        }
        int space = frame.indexOf(target, end, (byte) ' ');
        if (space <= target || space + 1 >= end || frame.getByte(space + 1) != ':' || frame.getByte(target) == ':') {
            return null;
        }
        String to = lastTarget.of(frame, target, space - target);
        Optional<String> text = Utf8.decode(frame, space + 2, end - space - 2);
        if (to == null || text.isEmpty() || hasNulOrCr(text.get())) {
            return null;
        }
        return new IrcMessage(Map.of(), null, command, List.of(to, text.get()));
    }

    /**
     * The target of a connection's last chat line, as its bytes and as the string read from them: a client talking
     * in one channel names it on every line, and the same bytes need not be decoded and checked again. One per
     * connection (its framer's); used on the connection's event loop only.
     */
    static final class LastTarget {
        private byte[] bytes = new byte[0];
        private String text;

        /** The target of {@code length} bytes at {@code start}: valid UTF-8 without NUL or CR, or null. */
        String of(ByteBuf frame, int start, int length) {
            if (text != null && length == bytes.length && sameBytes(frame, start)) {
                return text;
            }
            Optional<String> decoded = Utf8.decode(frame, start, length);
            if (decoded.isEmpty() || hasNulOrCr(decoded.get())) {
                return null;
            }
            bytes = ByteBufUtil.getBytes(frame, start, length);
            text = decoded.get();
            return text;
        }

        private boolean sameBytes(ByteBuf frame, int start) {
            for (int i = 0; i < bytes.length; i++) {
                if (frame.getByte(start + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean startsWith(ByteBuf frame, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line is empty or spaces alone (the first byte decides it for nearly every line). */
    private static boolean isBlank(ByteBuf frame, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (frame.getByte(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNulOrCr(String text) {
        return text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0;
    }
}
