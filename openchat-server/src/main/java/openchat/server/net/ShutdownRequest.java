package openchat.server.net;

/** How a session asks the server to stop (the administrator's {@code /서버종료}); returns at once. */
@FunctionalInterface
public interface ShutdownRequest {
    void shutdown(String reason);
}
