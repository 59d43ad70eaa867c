package openchat.core;

/**
 * A room as it was a moment ago: for LIST and a join's answer. {@code owner} is null when the room has none
 * (lobby, or its creator left); {@code lastSeq} is the last number its sequence gave.
 */
public record RoomView(String name, int members, int capacity, String owner, String topic, long lastSeq) {}
