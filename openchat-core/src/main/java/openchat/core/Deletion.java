package openchat.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a moderator deletes from a room's history ({@link Chat#delete}): one message by its Seq (what a client showing
 * the Seq, or IRC's {@code msgid}, names), or every message one name sent there within the last while (what a moderator
 * who saw a flood types: the terminal shows no Seq).
 */
public final class Deletion {
    private final long seq;
    private final String from;
    private final Duration within;

    private Deletion(long seq, String from, Duration within) {
        this.seq = seq;
        this.from = from;
        this.within = within;
    }

    /** The message numbered {@code seq} (at least 1). */
    public static Deletion message(long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("a message's Seq is at least 1: " + seq);
        }
        return new Deletion(seq, null, null);
    }

    /** Every message {@code name} sent within the last {@code within} (positive), matched as names are (case too). */
    public static Deletion from(String name, Duration within) {
        Objects.requireNonNull(name, "name");
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("how far back a deletion reaches must be positive: " + within);
        }
        return new Deletion(0, name, within);
    }

    /** {@link #from} within {@link CoreConfig#DELETE_WITHIN}. */
    public static Deletion from(String name) {
        return from(name, CoreConfig.DELETE_WITHIN);
    }

    /** The one message's Seq, when this deletes one message. */
    public Optional<Long> seq() {
        return from == null ? Optional.of(seq) : Optional.empty();
    }

    /** The name whose messages go, when this deletes by name. */
    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    /** How far back a deletion by name reaches; empty for one message. */
    public Optional<Duration> within() {
        return Optional.ofNullable(within);
    }

    /** What a refusal names when nothing fits: the Seq or the name. */
    String subject() {
        return from == null ? Long.toString(seq) : from;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Deletion that
                && seq == that.seq
                && Objects.equals(from, that.from)
                && Objects.equals(within, that.within);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, from, within);
    }

    @Override
    public String toString() {
        return from == null ? "Deletion[seq=" + seq + "]" : "Deletion[from=" + from + ", within=" + within + "]";
    }
}
