package openchat.server.net;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * Drops a member whose unsent bytes stay over the backlog limit ({@code ServerConfig.maxBacklog}, the channel's
 * high water mark): when its channel turns unwritable, the member is dropped if it is still unwritable
 * {@value #GRACE_MILLIS} ms later. A member that does not read is dropped as before, a fraction of a second later;
 * one that reads is not dropped for a burst it is reading. The grace is for io_uring, which keeps a write's bytes in
 * the outbound buffer until its completion is read in a later pass: answers flushed together in one pass (a client
 * pipelining history pages) count as unsent there, where epoll hands each flush to the kernel's socket buffer at
 * once. While it lasts, what the member is sent meanwhile adds to its backlog: the bound is the limit plus what
 * arrives for it in the grace.
 */
public final class BacklogWatch {
    static final long GRACE_MILLIS = 100;

    private BacklogWatch() {}

    /** Called when {@code channel} turned unwritable: runs {@code drop} on its event loop if it still is later. */
    public static void unwritable(Channel channel, Runnable drop) {
        channel.eventLoop()
                .schedule(
                        () -> {
                            if (channel.isActive() && !channel.isWritable()) {
                                drop.run();
                            }
                        },
                        GRACE_MILLIS,
                        TimeUnit.MILLISECONDS);
    }
}
