package openchat.core;

/**
 * What {@link Chat#registerRoom} gives its caller: the room's new {@code key}, told to no one else, and whether it
 * {@code replaced} a key the room had (which opens nothing any more, wherever it was saved).
 */
public record NewRoomKey(String key, boolean replaced) {}
