package openchat.server.history;

/**
 * A room's sequence reached {@code seq} with an event history does not keep (a join, a leave, a topic): queued
 * and committed with the messages, so that after a restart, even one after {@code kill -9}, the room's numbers
 * go on from there instead of being given again.
 */
record SeqMark(String roomKey, long seq) {}
