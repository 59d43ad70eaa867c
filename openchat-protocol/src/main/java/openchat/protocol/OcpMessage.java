package openchat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One OCP/1.0 message: a start line, header fields and a body of bytes (UTF-8 text for every OCP method).
 * Immutable; build with {@link #request} or {@link #response}.
 */
public final class OcpMessage {
    /** The only protocol version this codec speaks. */
    public static final String VERSION = "OCP/1.0";
    /** The TCP port OCP servers listen on unless told otherwise (the original chat's). */
    public static final int DEFAULT_PORT = 3000;

    private static final byte[] NO_BODY = new byte[0];

    private final StartLine startLine;
    private final Headers headers;
    private final byte[] body;

    OcpMessage(StartLine startLine, Headers headers, byte[] body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    public static Builder request(String method, String target) {
        return new Builder(new RequestLine(method, target));
    }

    public static Builder response(Status status) {
        return new Builder(new StatusLine(status));
    }

    public static Builder response(StatusLine statusLine) {
        return new Builder(statusLine);
    }

    public StartLine startLine() {
        return startLine;
    }

    public boolean isRequest() {
        return startLine instanceof RequestLine;
    }

    /** The method of a request, or an empty string for a response. */
    public String method() {
        return startLine instanceof RequestLine line ? line.method() : "";
    }

    /** The target of a request, or an empty string for a response. */
    public String target() {
        return startLine instanceof RequestLine line ? line.target() : "";
    }

    /** The status code of a response, or 0 for a request. */
    public int statusCode() {
        return startLine instanceof StatusLine line ? line.code() : 0;
    }

    public Headers headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return headers.get(name);
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body as text; invalid UTF-8 becomes U+FFFD. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as text, or empty when it is not valid UTF-8. */
    public Optional<String> bodyUtf8() {
        return Utf8.decode(body, 0, body.length);
    }

    byte[] bodyBytes() {
        return body;
    }

    public Builder toBuilder() {
        Builder builder = new Builder(startLine);
        builder.headers = headers.toBuilder();
        builder.body = body;
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcpMessage other
                && startLine.equals(other.startLine)
                && headers.equals(other.headers)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * startLine.hashCode() + headers.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return startLine + " " + headers + " (" + body.length + " body bytes)";
    }

    public static final class Builder {
        private final StartLine startLine;
        private Headers.Builder headers = Headers.builder();
        private byte[] body = NO_BODY;

        Builder(StartLine startLine) {
            this.startLine = startLine;
        }

        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        public Builder header(String name, long value) {
            return header(name, Long.toString(value));
        }

        public Builder headers(Headers more) {
            more.fields().forEach(field -> headers.add(field.getKey(), field.getValue()));
            return this;
        }

        public Builder body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes.length == 0 ? NO_BODY : bytes.clone();
            return this;
        }

        Builder bodyUnchecked(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Builder headersUnchecked(Headers.Builder decoded) {
            this.headers = decoded;
            return this;
        }

        public OcpMessage build() {
            return new OcpMessage(startLine, headers.build(), body);
        }
    }
}
