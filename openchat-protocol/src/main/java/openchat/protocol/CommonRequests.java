package openchat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoder's fast path: parses the header section of a well-formed request straight from its bytes, without a
 * {@code String} per line or per field, and reuses the request line of the connection's previous request when the
 * bytes are the same (a client sends line after line to one room).
 *
 * <p>It accepts only what the general parser in {@link OcpDecoder} accepts, and gives the same result for it. At
 * anything it does not handle (a status line, a line the general parser would refuse, {@code Transfer-Encoding}, a
 * {@code Content-Length} that is not a plain number within the limit, a value that starts or ends with white
 * space other than SP and HTAB, which {@link String#strip} removes) it returns null and the general parser takes the
 * section from the start, so every error is reported by one piece of code. {@code OcpDecoderFuzzTest} checks
 * that both parsers agree on any bytes.
 */
final class CommonRequests {
    private static final byte[] VERSION = OcpMessage.VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = HeaderNames.CONTENT_LENGTH.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "Transfer-Encoding".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    private final int maxBodySize;
    private static final byte[] NONE = new byte[0];

    /**
     * The previous request line's bytes (without its line end) and what they parsed to, when it was a SEND: the one
     * request a client sends again and again with the same line. Another (a CONNECT, usually the last request of an
     * idle connection) is not kept: about 170 bytes per connection, reused never.
     */
    private byte[] lastStartLine = NONE;

    private RequestLine lastRequestLine;
    /** The body length of the request parsed last. */
    private int contentLength;

    CommonRequests(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /**
     * The request whose header section is {@code section} (ending with the LF of its empty line), without its body;
     * null when the general parser must look at it.
     */
    OcpMessage.Builder parse(byte[] section) {
        int startEnd = lineEnd(section, 0);
        int startContentEnd = contentEnd(section, 0, startEnd);
        if (startContentEnd < 0) {
            return null;
        }
        RequestLine requestLine = requestLine(section, startContentEnd);
        if (requestLine == null) {
            return null;
        }
        Headers.Builder headers = Headers.builder();
        long length = -1;
        int lineStart = startEnd + 1;
        while (true) {
            int end = lineEnd(section, lineStart);
            int contentEnd = contentEnd(section, lineStart, end);
            if (contentEnd < 0) {
                return null;
            }
            if (contentEnd == lineStart) {
                break; // the empty line: the section's end
            }
            if (Syntax.isWhitespace(section[lineStart])) {
                return null; // folded
            }
            int colon = indexOf(section, lineStart, contentEnd, (byte) ':');
            if (colon <= lineStart || !isToken(section, lineStart, colon)) {
                return null;
            }
            int valueStart = colon + 1;
            int valueEnd = contentEnd;
            while (valueStart < valueEnd && Syntax.isWhitespace(section[valueStart])) {
                valueStart++;
            }
            while (valueEnd > valueStart && Syntax.isWhitespace(section[valueEnd - 1])) {
                valueEnd--;
            }
            if (hasControl(section, valueStart, valueEnd)) {
                return null;
            }
            if (equalsIgnoreCase(section, lineStart, colon, CONTENT_LENGTH)) {
                if (length >= 0) {
                    return null; // a duplicate
                }
                length = number(section, valueStart, valueEnd);
                if (length < 0 || length > maxBodySize) {
                    return null;
                }
            } else if (equalsIgnoreCase(section, lineStart, colon, TRANSFER_ENCODING)) {
                return null;
            } else {
                String value = text(section, valueStart, valueEnd);
                if (value == null || value.strip().length() != value.length()) {
                    return null; // not UTF-8, or Unicode white space at an end, which the general parser strips
                }
                headers.addUnchecked(
                        new String(section, lineStart, colon - lineStart, StandardCharsets.ISO_8859_1), value);
            }
            lineStart = end + 1;
        }
        contentLength = length < 0 ? 0 : (int) length;
        return new OcpMessage.Builder(requestLine).headersUnchecked(headers);
    }

    /** The body length of the request {@link #parse} returned last. */
    int contentLength() {
        return contentLength;
    }

    /** {@code METHOD SP target SP OCP/1.0}, or null; the previous request's line when the bytes are the same. */
    private RequestLine requestLine(byte[] section, int end) {
        if (lastRequestLine != null && Arrays.equals(section, 0, end, lastStartLine, 0, lastStartLine.length)) {
            return lastRequestLine;
        }
        int space = indexOf(section, 0, end, (byte) ' ');
        int secondSpace = space < 0 ? -1 : indexOf(section, space + 1, end, (byte) ' ');
        if (secondSpace < 0
                || !isToken(section, 0, space)
                || !isTarget(section, space + 1, secondSpace)
                || !Arrays.equals(section, secondSpace + 1, end, VERSION, 0, VERSION.length)) {
            return null;
        }
        String target = text(section, space + 1, secondSpace);
        if (target == null) {
            return null;
        }
        RequestLine parsed = new RequestLine(new String(section, 0, space, StandardCharsets.ISO_8859_1), target);
        boolean keep = parsed.method().equals(Methods.SEND);
        lastRequestLine = keep ? parsed : null;
        lastStartLine = keep ? Arrays.copyOf(section, end) : NONE;
        return parsed;
    }

    /** The index of the LF ending the line that starts at {@code from}; the section ends with one. */
    private static int lineEnd(byte[] section, int from) {
        return indexOf(section, from, section.length, (byte) '\n');
    }

    /** Where the line's content ends (before CRLF or LF), or -1 when it holds a bare CR. */
    private static int contentEnd(byte[] section, int start, int lf) {
        int end = lf > start && section[lf - 1] == '\r' ? lf - 1 : lf;
        return indexOf(section, start, end, (byte) '\r') < 0 ? end : -1;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isToken(byte[] bytes, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Syntax.isTokenChar(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** "/" then no space, control or DEL; bytes of UTF-8 sequences (negative here) are visible characters. */
    private static boolean isTarget(byte[] bytes, int from, int to) {
        if (from >= to || bytes[from] != '/') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= 0 && b <= ' ' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Controls but HTAB, and DEL: what a field value may not hold. */
    private static boolean hasControl(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= 0 && b < ' ' && b != '\t' || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] ascii) {
        if (to - from != ascii.length) {
            return false;
        }
        for (int i = 0; i < ascii.length; i++) {
            if (toLower(bytes[from + i]) != toLower(ascii[i])) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** A plain decimal number of at most 18 digits, or -1. */
    private static long number(byte[] bytes, int from, int to) {
        if (from >= to || to - from > MAX_CONTENT_LENGTH_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    /** The bytes as strict UTF-8, or null when they are not. */
    private static String text(byte[] bytes, int from, int to) {
        return Utf8.decode(bytes, from, to - from).orElse(null);
    }
}
