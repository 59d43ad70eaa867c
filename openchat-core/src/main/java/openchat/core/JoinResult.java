package openchat.core;

/** A successful join: the room as it is now, the joiner's role there, and how many messages were replayed. */
public record JoinResult(RoomView room, RoomRole role, int replayed) {}
