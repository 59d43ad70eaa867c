package openchat.protocol;

/**
 * What the {@link OcpDecoder} emits instead of a message when the bytes break the protocol.
 * A value, not an exception: the handler answers {@code status} and, unless {@code recoverable},
 * closes the connection (the decoder discards whatever else arrives).
 *
 * <p>What was wrong is a {@link Fault} and its one argument (a line number, a header's name, a limit), so that a
 * server can word it in its users' language from {@link Fault#textKey()}; {@link #detail()} words it in English
 * for logs.
 *
 * @param status      the answer code (400, 413, 431, 505)
 * @param fault       what was wrong
 * @param argument    the fault's argument ({@link Fault#takesArgument()}), or null
 * @param recoverable true when the decoder skipped just this message and can read the next one
 * @param requestId   the {@code Request-Id} of the refused message when its headers could be read, or null
 */
public record MalformedMessage(Status status, Fault fault, Object argument, boolean recoverable, String requestId) {

    /** The ways bytes can break OCP/1.0 (docs/PROTOCOL.md, "Message syntax"). */
    public enum Fault {
        BARE_CR_BEFORE_START_LINE("bare CR before the start line"),
        /** Its argument, as of every fault on a line: the line's number, counting the start line as 1. */
        BARE_CR("bare CR on line %s"),
        HEADER_SECTION_TOO_LONG("header section longer than %s bytes"),
        INVALID_UTF8("invalid UTF-8 in the header section"),
        BAD_REQUEST_LINE("request line is not METHOD SP target SP version"),
        BAD_METHOD("invalid method"),
        BAD_TARGET("invalid target"),
        BAD_STATUS_CODE("invalid status code"),
        CONTROL_IN_REASON("control character in the reason phrase"),
        BAD_VERSION("invalid protocol version"),
        UNSUPPORTED_VERSION("%s is not supported; use OCP/1.0"),
        FOLDED_LINE("folded line %s"),
        NO_COLON("line %s has no colon"),
        BAD_HEADER_NAME("invalid header name on line %s (white space before the colon?)"),
        CONTROL_IN_HEADER("control character in header %s"),
        DUPLICATE_CONTENT_LENGTH("duplicate Content-Length"),
        TRANSFER_ENCODING("Transfer-Encoding is not part of OCP/1.0"),
        CONTENT_LENGTH_NOT_A_NUMBER("Content-Length is not a number"),
        /** 413: the body is skipped and the connection kept. */
        BODY_TOO_LONG("body longer than %s bytes"),
        /** 413 for a body of 2^63 bytes or more, which cannot be skipped: the connection is closed. */
        BODY_TOO_LONG_TO_SKIP("body longer than %s bytes and too long to skip (2^63 bytes or more); closing");

        private final String english;

        Fault(String english) {
            this.english = english;
        }

        /** True when the fault's wording names an argument ({@code {0}} in its sentence in a message file). */
        public boolean takesArgument() {
            return english.contains("%s");
        }

        /**
         * The key of the fault's sentence in a server's message file: {@code malformed.} and the constant's name in
         * lower camel case ({@code malformed.bodyTooLong}); the sentence takes the argument as {@code {0}}.
         */
        public String textKey() {
            StringBuilder key = new StringBuilder("malformed.");
            boolean upper = false;
            for (char c : name().toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    key.append(upper ? c : Character.toLowerCase(c));
                    upper = false;
                }
            }
            return key.toString();
        }
    }

    /** What was wrong, in English, for logs. */
    public String detail() {
        return fault.takesArgument() ? String.format(fault.english, argument) : fault.english;
    }
}
