package openchat.server.os;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * How many files this process may have open at once ({@code ulimit -n}, systemd's {@code LimitNOFILE=}): each
 * connection takes one, and accepting one more fails ("Too many open files") once they are all taken. On Linux the
 * JVM raises its soft limit to the hard one at start, so this is the hard limit of the shell or unit that started it.
 */
public final class FileDescriptors {
    private FileDescriptors() {}

    /** How many this process has open now, when the JVM can tell; empty otherwise. */
    public static OptionalLong open() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long open = unix.getOpenFileDescriptorCount();
            return open >= 0 ? OptionalLong.of(open) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The limit, when the JVM can tell (a Unix with the {@code jdk.management} module); empty otherwise. */
    public static OptionalLong limit() {
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        if (system instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            return max > 0 ? OptionalLong.of(max) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
