package openchat.protocol;

import java.util.Optional;

/** The answer codes OCP/1.0 defines; numbers and reasons follow HTTP (RFC 9110). */
public enum Status {
    OK(200, "OK"),
    BAD_REQUEST(400, "Bad Request"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    REQUEST_TIMEOUT(408, "Request Timeout"),
    CONFLICT(409, "Conflict"),
    CONTENT_TOO_LARGE(413, "Content Too Large"),
    TOO_MANY_REQUESTS(429, "Too Many Requests"),
    HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable"),
    VERSION_NOT_SUPPORTED(505, "OCP Version Not Supported");

    private final int code;
    private final String reason;

    Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    public static Optional<Status> of(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
