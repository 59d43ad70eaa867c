package openchat.core;

/** A member of a room as WHO shows it. */
public record MemberView(String name, RoomRole role) {}
