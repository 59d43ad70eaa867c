package openchat.server.room;

/** The outcome of {@link Room#join}: the new member, or why there is none. */
public record JoinResult<L>(Outcome outcome, Member<L> member, int members, int capacity) {

    public enum Outcome { JOINED, NAME_TAKEN, FULL }

    public boolean joined() {
        return outcome == Outcome.JOINED;
    }
}
