package openchat.core;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A room as it was a moment ago: for LIST and a join's answer. {@code owner} is null when the room has none
 * (lobby, or its creator left); {@code lastSeq} is the last number its sequence gave; {@code created} is when it was
 * made this time (the lobby: when the server started), null where a store does not say. {@code topicBy} and
 * {@code topicAt} say who set the topic and when (IRC's 333, RPL_TOPICWHOTIME); both null while no one has.
 * {@code registered}: the room has a key ({@link Chat#registerRoom}), whose holder takes it back from an heir.
 */
public record RoomView(
        String name,
        int members,
        int capacity,
        String owner,
        String topic,
        String topicBy,
        OffsetDateTime topicAt,
        long lastSeq,
        Instant created,
        boolean registered) {}
