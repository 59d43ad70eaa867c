package openchat.transport;

import java.net.ConnectException;
import java.util.regex.Pattern;

/** A failed socket call's reason, worded for a person whichever transport made the call. */
public final class SocketErrors {
    /**
     * The native transports' wording before the system's: "bind(..) failed with error(-98): " (epoll),
     * "io_uring connect(..) failed with error(-111): " (io_uring).
     */
    private static final Pattern NATIVE_CALL =
            Pattern.compile("^(?:\\w+ )*\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private SocketErrors() {}

    /**
     * The system's reason, "Address already in use" or "Connection refused", as the JDK words it: without the native
     * call's name and error number that Netty's epoll and io_uring transports put first, and without the address
     * Netty appends to a failed connect (the caller names it).
     */
    public static String reason(Throwable failure) {
        Throwable system = failure instanceof ConnectException && failure.getCause() instanceof ConnectException
                ? failure.getCause() // Netty's AnnotatedConnectException: the original, without the address
                : failure;
        String message = system.getMessage();
        return message == null
                ? system.getClass().getSimpleName()
                : NATIVE_CALL.matcher(message).replaceFirst("");
    }
}
