package openchat.transport;

import io.netty.channel.unix.Errors;
import java.io.IOException;
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

    /** The process has as many files open as its limit allows ({@code ulimit -n}), as Linux numbers it. */
    private static final int EMFILE = 24;
    /** The whole system has as many files open as it allows ({@code fs.file-max}). */
    private static final int ENFILE = 23;

    private SocketErrors() {}

    /**
     * Whether {@code failure} is a socket call refused for want of file descriptors: the process's limit (EMFILE) or
     * the system's (ENFILE). The native transports say it with the error number ("accept(..) failed with
     * error(-24): Too many open files"), NIO with the system's words only.
     */
    public static boolean outOfDescriptors(Throwable failure) {
        if (failure instanceof Errors.NativeIoException nativeCall) {
            int errno = Math.abs(nativeCall.expectedErr());
            if (errno == EMFILE || errno == ENFILE) {
                return true;
            }
        }
        return failure instanceof IOException
                && failure.getMessage() != null
                && failure.getMessage().contains("Too many open files");
    }

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
