package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The ghost check: a newcomer asks for a name that a member connected to this server holds (an OCP CONNECT, an IRC
 * registration, either over a WebSocket), and the holder may be a ghost, a connection whose network broke without a
 * FIN or a reset (Wi-Fi gone, a laptop's lid closed), which would keep the name until the idle timeout. The holder's
 * {@link SilenceWatch}, on the holder's own event loop, decides:
 *
 * <ul>
 *   <li>it read something within the probe time: the name stays its ({@link Outcome#HELD}), at once, unasked, so that
 *       a live client is not pinged by every impostor, and is pinged at most once a probe time however many ask;
 *   <li>else its session sends its protocol's PING, and the watch waits the probe time: anything read meanwhile (any
 *       bytes) keeps the name the holder's; nothing, and the session is told {@link Signal#UNANSWERED} (it marks why,
 *       for the leave its rooms are told and {@link ServerClose#GHOST}) and the connection is closed; once its
 *       session has let the member go, the name is free, {@link Outcome#FREED};
 *   <li>one probe at a time: newcomers asking meanwhile wait for the same outcome, and of them only the first still
 *       connected is told {@link Outcome#FREED}, the others {@link Outcome#HELD}.
 * </ul>
 *
 * <p>The newcomer's session holds its requests meanwhile ({@link HeldRequests#hold}) and is told the outcome on its
 * own event loop, once: then it connects the member as if the name had been free, or refuses as before (409, 433).
 * A holder on another cluster node is no link of this server: the core's {@code member(name)} does not find it, and
 * the newcomer is refused at once.
 */
public final class GhostCheck {
    /** What the newcomer is told. */
    public enum Outcome {
        /** The holder is there (it read something within the probe time): the name stays taken. */
        HELD,
        /** The holder was gone and its connection is closed, its member out of the chat: this newcomer may take it. */
        FREED
    }

    /** What {@link SilenceWatch} tells the holder's session. */
    public enum Signal {
        /**
         * The holder did not answer the PING sent for a newcomer within the probe time: the session gives the reason
         * ({@code close.ghost}, {@link ServerClose#GHOST}); the watch closes the connection right after.
         */
        UNANSWERED
    }

    private GhostCheck() {}

    /**
     * Asks whether {@code holder} (the link of the member holding the name) is still there, for the newcomer on
     * {@code newcomer}: {@code then} runs once, on the newcomer's event loop, with the outcome, within twice the
     * probe time whatever happens on the holder's side (a holder's pipeline without a watch: {@link Outcome#HELD}).
     */
    public static void ask(Channel holder, Channel newcomer, Duration probe, Consumer<Outcome> then) {
        Asker asker = new Asker(newcomer, then);
        asker.fallback = newcomer.eventLoop()
                .schedule(() -> asker.tell(Outcome.HELD), probe.toMillis() * 2, TimeUnit.MILLISECONDS);
        try {
            holder.eventLoop().execute(() -> {
                SilenceWatch watch = holder.pipeline().get(SilenceWatch.class);
                if (!holder.isActive()) {
                    asker.tell(Outcome.FREED); // closing already: its session lets the member go before this runs
                } else if (watch == null) {
                    asker.tell(Outcome.HELD);
                } else {
                    watch.probe(asker, probe.toNanos());
                }
            });
        } catch (RejectedExecutionException stopping) {
            asker.tell(Outcome.HELD);
        }
    }

    /** A newcomer waiting for an outcome; told once, on its own event loop. */
    static final class Asker {
        private final Channel newcomer;
        private final Consumer<Outcome> then;
        private final AtomicBoolean told = new AtomicBoolean();
        private ScheduledFuture<?> fallback;

        private Asker(Channel newcomer, Consumer<Outcome> then) {
            this.newcomer = newcomer;
            this.then = then;
        }

        /** Whether the newcomer still waits: connected, and not told yet. */
        boolean waiting() {
            return !told.get() && newcomer.isActive();
        }

        void tell(Outcome outcome) {
            if (!told.compareAndSet(false, true)) {
                return;
            }
            try {
                newcomer.eventLoop().execute(() -> {
                    if (fallback != null) {
                        fallback.cancel(false);
                    }
                    then.accept(outcome);
                });
            } catch (RejectedExecutionException stopping) {
                // The server is stopping: the newcomer's connection goes with its loop.
            }
        }
    }
}
