package openchat.protocol;

/** {@code METHOD target OCP/1.0}: sent by clients (requests) and by the server (events, PING). */
public record RequestLine(String method, String target) implements StartLine {
    public RequestLine {
        if (!Syntax.isToken(method)) {
            throw new IllegalArgumentException("invalid method: " + method);
        }
        if (!Syntax.isTarget(target)) {
            throw new IllegalArgumentException("invalid target: " + target);
        }
    }
}
