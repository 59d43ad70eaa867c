package openchat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import openchat.protocol.MalformedMessage.Fault;

/**
 * Turns bytes into {@link OcpMessage}s, or into a {@link MalformedMessage} when they break OCP/1.0.
 *
 * <p>Framing follows RFC 9112: optional empty lines, a start line, header fields, an empty line, then
 * exactly {@code Content-Length} body bytes. Lines end in CRLF or a bare LF. A bare CR, white space before a
 * field's colon, folded lines, invalid UTF-8, a duplicate or non-numeric {@code Content-Length} and any
 * {@code Transfer-Encoding} are malformed (400). A {@code Content-Length} over the limit is 413, and the body is
 * skipped so that the next message can be read, unless it is 2^63 bytes or more (which no connection ends). After
 * an unrecoverable error every further byte is discarded; the handler answers and closes.
 */
public final class OcpDecoder extends ByteToMessageDecoder {
    /** {@link Long#MAX_VALUE} written out: the longest body that can be skipped. */
    private static final String MAX_LONG_DIGITS = Long.toString(Long.MAX_VALUE);

    private enum State {
        SKIP_EMPTY_LINES,
        READ_HEADER,
        READ_BODY,
        SKIP_BODY,
        BAD_MESSAGE
    }

    private final OcpDecoderConfig config;
    /** The fast path for well-formed requests; null when off (tests compare the two paths). */
    private final CommonRequests commonRequests;

    private State state = State.SKIP_EMPTY_LINES;
    /** While reading a header section: bytes after the reader index already searched for its end. */
    private int scanned;
    /** While reading a header section: where the line being searched starts, after the reader index. */
    private int lineStart;

    private OcpMessage.Builder pending;
    private int contentLength;
    private long toSkip;
    /** How many header sections this decoder has begun: lets a caller tell one slow header from the next. */
    private long headersBegun;

    public OcpDecoder() {
        this(OcpDecoderConfig.DEFAULT);
    }

    public OcpDecoder(OcpDecoderConfig config) {
        this(config, true);
    }

    private OcpDecoder(OcpDecoderConfig config, boolean fastPath) {
        this.config = config;
        this.commonRequests = fastPath ? new CommonRequests(config.maxBodySize()) : null;
    }

    /** A decoder that parses every header section with the general parser: what the fast path is checked against. */
    static OcpDecoder withoutFastPath(OcpDecoderConfig config) {
        return new OcpDecoder(config, false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // Runs the state machine until it emits something or can go no further: ByteToMessageDecoder stops
        // calling when a call neither consumed bytes nor emitted, and a change of state alone is neither.
        int emitted = out.size();
        while (out.size() == emitted) {
            State before = state;
            int readable = in.readableBytes();
            switch (state) {
                case SKIP_EMPTY_LINES -> skipEmptyLines(in, out);
                case READ_HEADER -> readHeader(in, out);
                case READ_BODY -> readBody(in, out);
                case SKIP_BODY -> skipBody(in);
                case BAD_MESSAGE -> in.skipBytes(in.readableBytes());
            }
            if (state == before && in.readableBytes() == readable) {
                return;
            }
        }
    }

    /** True while part of a header section has arrived and its end has not. */
    public boolean isReadingHeader() {
        return state == State.READ_HEADER;
    }

    /** The number of header sections begun so far. */
    public long headersBegun() {
        return headersBegun;
    }

    private void skipEmptyLines(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '\n') {
                in.skipBytes(1);
            } else if (b == '\r') {
                if (in.readableBytes() < 2) {
                    return;
                }
                if (in.getByte(in.readerIndex() + 1) != '\n') {
                    fail(out, in, Status.BAD_REQUEST, Fault.BARE_CR_BEFORE_START_LINE, null, null);
                    return;
                }
                in.skipBytes(2);
            } else {
                state = State.READ_HEADER;
                headersBegun++;
                scanned = 0;
                lineStart = 0;
                return;
            }
        }
    }

    private void readHeader(ByteBuf in, List<Object> out) {
        int sectionEnd;
        try {
            sectionEnd = findHeaderSectionEnd(in);
        } catch (ProtocolException e) { // a start line that no header field can mend: answered at once
            fail(out, in, e.status(), e.fault(), e.argument(), e.requestId());
            return;
        }
        if (sectionEnd < 0) {
            if (in.readableBytes() >= config.maxHeaderSize()) {
                fail(
                        out,
                        in,
                        Status.HEADER_FIELDS_TOO_LARGE,
                        Fault.HEADER_SECTION_TOO_LONG,
                        config.maxHeaderSize(),
                        null);
            }
            return;
        }
        byte[] section = new byte[sectionEnd + 1];
        in.readBytes(section);
        OcpMessage.Builder common = commonRequests == null ? null : commonRequests.parse(section);
        if (common != null) {
            pending = common;
            contentLength = commonRequests.contentLength();
        } else {
            try {
                parseHeaderSection(section);
            } catch (ProtocolException e) {
                fail(out, in, e.status(), e.fault(), e.argument(), e.requestId());
                return;
            }
        }
        if (contentLength == 0) {
            out.add(pending.build());
            reset();
        } else {
            state = State.READ_BODY;
            readBody(in, out);
        }
    }

    /** Offset of the LF that ends the empty line closing the header section, or -1 if not yet received. */
    private int findHeaderSectionEnd(ByteBuf in) {
        int limit = Math.min(in.readableBytes(), config.maxHeaderSize());
        int base = in.readerIndex();
        while (scanned < limit) {
            int lf = in.indexOf(base + scanned, base + limit, (byte) '\n');
            if (lf < 0) {
                scanned = limit;
                return -1;
            }
            int offset = lf - base;
            int lineLength = offset - lineStart;
            boolean emptyLine = lineLength == 0 || lineLength == 1 && in.getByte(lf - 1) == '\r';
            if (lineStart == 0 && !emptyLine) {
                checkStartLine(in, base, offset);
            }
            scanned = offset + 1;
            lineStart = offset + 1;
            if (emptyLine) {
                return offset;
            }
        }
        return -1;
    }

    /**
     * The start line, as soon as its LF has come, when it holds a control character (a CR before its end, NUL, ESC...):
     * such a line is refused whatever follows, so it is parsed at once and its fault thrown, rather than waited on
     * for the empty line that ends a header section, which bytes that are not OCP may never send. A well-formed line
     * costs one look at each of its bytes; it is parsed with the section, as before.
     */
    private static void checkStartLine(ByteBuf in, int base, int lf) {
        int end = lf > 0 && in.getByte(base + lf - 1) == '\r' ? lf - 1 : lf;
        if (end == 0 || in.forEachByte(base, end, b -> b < 0 || b >= 0x20 && b != 0x7F) < 0) {
            return; // no control character: the common case
        }
        byte[] line = new byte[end];
        in.getBytes(base, line);
        if (indexOf(line, 0, (byte) '\r') >= 0) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BARE_CR, 1, null);
        }
        parseStartLine(decodeUtf8(line, 0, end));
    }

    /**
     * Parses the section line by line, so that the first faulty line is the one reported, with its number (the start
     * line is line 1) and the {@code Request-Id} of a field above it.
     */
    private void parseHeaderSection(byte[] section) {
        StartLine startLine = null;
        Headers.Builder headers = Headers.builder();
        String contentLengthValue = null;
        String requestId = null;
        int start = 0;
        for (int number = 1; ; number++) {
            int lf = indexOf(section, start, (byte) '\n');
            int end = lf > start && section[lf - 1] == '\r' ? lf - 1 : lf;
            if (number > 1 && end == start) {
                break; // the empty line that ends the section
            }
            if (indexOf(section, start, end, (byte) '\r') >= 0) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.BARE_CR, number, requestId);
            }
            String line = decodeUtf8(section, start, end - start);
            start = lf + 1;
            if (number == 1) {
                startLine = parseStartLine(line);
                continue;
            }
            if (Syntax.isWhitespace(line.charAt(0))) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.FOLDED_LINE, number, requestId);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.NO_COLON, number, requestId);
            }
            String name = line.substring(0, colon);
            if (!Syntax.isToken(name)) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_HEADER_NAME, number, requestId);
            }
            String value = line.substring(colon + 1).strip();
            if (Syntax.firstForbiddenInValue(value) >= 0) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.CONTROL_IN_HEADER, name, requestId);
            }
            if (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                if (contentLengthValue != null) {
                    throw new ProtocolException(Status.BAD_REQUEST, Fault.DUPLICATE_CONTENT_LENGTH, null, requestId);
                }
                contentLengthValue = value;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new ProtocolException(Status.BAD_REQUEST, Fault.TRANSFER_ENCODING, null, requestId);
            } else {
                if (requestId == null && name.equalsIgnoreCase(HeaderNames.REQUEST_ID)) {
                    requestId = value;
                }
                headers.addUnchecked(name, value);
            }
        }
        contentLength = parseContentLength(contentLengthValue, requestId);
        pending = new OcpMessage.Builder(startLine).headersUnchecked(headers);
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        return indexOf(bytes, from, bytes.length, b);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Invalid UTF-8 is answered without a {@code Request-Id}, wherever it is (PROTOCOL.md). */
    private static String decodeUtf8(byte[] bytes, int offset, int length) {
        return Utf8.decode(bytes, offset, length)
                .orElseThrow(() -> new ProtocolException(Status.BAD_REQUEST, Fault.INVALID_UTF8, null));
    }

    private static StartLine parseStartLine(String line) {
        if (line.startsWith("OCP/")) {
            return parseStatusLine(line);
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_REQUEST_LINE, null);
        }
        checkVersion(parts[2]);
        if (!Syntax.isToken(parts[0])) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_METHOD, null);
        }
        if (!Syntax.isTarget(parts[1])) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_TARGET, null);
        }
        return new RequestLine(parts[0], parts[1]);
    }

    private static StatusLine parseStatusLine(String line) {
        String[] parts = line.split(" ", 3);
        checkVersion(parts[0]);
        if (parts.length < 2
                || parts[1].length() != 3
                || !parts[1].chars().allMatch(Character::isDigit)
                || parts[1].charAt(0) == '0') {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_STATUS_CODE, null);
        }
        String reason = parts.length == 3 ? parts[2] : "";
        if (Syntax.firstForbiddenInValue(reason) >= 0) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.CONTROL_IN_REASON, null);
        }
        return new StatusLine(Integer.parseInt(parts[1]), reason);
    }

    private static void checkVersion(String version) {
        if (!isVersion(version)) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.BAD_VERSION, null);
        }
        if (!version.equals(OcpMessage.VERSION)) {
            throw new ProtocolException(Status.VERSION_NOT_SUPPORTED, Fault.UNSUPPORTED_VERSION, version);
        }
    }

    /** OCP/DIGIT.DIGIT */
    private static boolean isVersion(String s) {
        return s.length() == 7
                && s.startsWith("OCP/")
                && isDigit(s.charAt(4))
                && s.charAt(5) == '.'
                && isDigit(s.charAt(6));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The body's length. Over the limit it is 413 and the body is skipped, for a length up to {@link Long#MAX_VALUE}:
     * the most bytes {@link #toSkip} counts, and more than any connection carries. A longer one (2^63 bytes or more)
     * has no end to skip to, so no next message can be read: 413 too, but the connection is not kept.
     */
    private int parseContentLength(String value, String requestId) {
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || !allDigits(value)) {
            throw new ProtocolException(Status.BAD_REQUEST, Fault.CONTENT_LENGTH_NOT_A_NUMBER, null, requestId);
        }
        String digits = withoutLeadingZeros(value);
        if (digits.length() > MAX_LONG_DIGITS.length()
                || digits.length() == MAX_LONG_DIGITS.length() && digits.compareTo(MAX_LONG_DIGITS) > 0) {
            throw new ProtocolException(
                    Status.CONTENT_TOO_LARGE, Fault.BODY_TOO_LONG_TO_SKIP, config.maxBodySize(), requestId);
        }
        long length = digits.isEmpty() ? 0 : Long.parseLong(digits);
        if (length > config.maxBodySize()) {
            toSkip = length;
            throw new ProtocolException(Status.CONTENT_TOO_LARGE, Fault.BODY_TOO_LONG, config.maxBodySize(), requestId);
        }
        return (int) length;
    }

    private static String withoutLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void readBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < contentLength) {
            return;
        }
        byte[] body = new byte[contentLength];
        in.readBytes(body);
        out.add(pending.bodyUnchecked(body).build());
        reset();
    }

    private void skipBody(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), toSkip);
        in.skipBytes(n);
        toSkip -= n;
        if (toSkip == 0) {
            reset();
        }
    }

    private void fail(List<Object> out, ByteBuf in, Status status, Fault fault, Object argument, String requestId) {
        boolean recoverable = toSkip > 0; // a body over the limit, and the next message after it
        out.add(new MalformedMessage(status, fault, argument, recoverable, requestId));
        pending = null;
        if (recoverable) {
            state = State.SKIP_BODY;
        } else {
            state = State.BAD_MESSAGE;
            in.skipBytes(in.readableBytes());
        }
    }

    private void reset() {
        state = State.SKIP_EMPTY_LINES;
        pending = null;
        contentLength = 0;
        toSkip = 0;
        scanned = 0;
        lineStart = 0;
    }

    /** A parse error inside this decoder; it never leaves the class. */
    private static final class ProtocolException extends RuntimeException {
        private final Status status;
        private final Fault fault;
        private final transient Object argument;
        private final String requestId;

        ProtocolException(Status status, Fault fault, Object argument) {
            this(status, fault, argument, null);
        }

        ProtocolException(Status status, Fault fault, Object argument, String requestId) {
            super(fault.name(), null, false, false);
            this.status = status;
            this.fault = fault;
            this.argument = argument;
            this.requestId = requestId;
        }

        Status status() {
            return status;
        }

        Fault fault() {
            return fault;
        }

        Object argument() {
            return argument;
        }

        String requestId() {
            return requestId;
        }
    }
}
