package openchat.core;

import java.time.Instant;

/**
 * A room as it was a moment ago: for LIST and a join's answer. {@code owner} is null when the room has none
 * (lobby, or its creator left); {@code lastSeq} is the last number its sequence gave; {@code created} is when it was
 * made this time (the lobby: when the server started), null where a store does not say.
 */
public record RoomView(
        String name, int members, int capacity, String owner, String topic, long lastSeq, Instant created) {}
