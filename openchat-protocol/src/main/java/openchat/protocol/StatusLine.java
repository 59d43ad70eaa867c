package openchat.protocol;

/** {@code OCP/1.0 CODE Reason}: the answer to a request. Codes outside {@link Status} are kept as numbers. */
public record StatusLine(int code, String reason) implements StartLine {
    public StatusLine {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("invalid status code: " + code);
        }
        if (reason == null || Syntax.firstForbiddenInValue(reason) >= 0) {
            throw new IllegalArgumentException("invalid reason phrase: " + reason);
        }
    }

    public StatusLine(Status status) {
        this(status.code(), status.reason());
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }
}
