package openchat.core;

import java.util.OptionalInt;

/**
 * How many are in the chat, as IRC's LUSERS tells it: {@code members} connected to this server (on a cluster, to this
 * node) now, and {@code mostMembers} the most at once since it started; {@code allMembers} connected to the whole
 * chat, on every node over every protocol, and {@code mostAllMembers} the most this server has counted at once since
 * it started; the {@code servers} the chat runs on (a cluster's live nodes, 1 for a server on its own); whether the
 * {@code administrator} is connected anywhere; and the {@code rooms} of the whole chat (empty when they cannot be
 * counted: a cluster node that has not yet read them).
 *
 * <p>A server on its own counts exactly. A cluster node counts its own members so, and the other nodes' as its last
 * heartbeat read them ({@link ClusterLink.Counts}): asking for a census never asks the store.
 */
public record Census(
        int members,
        int mostMembers,
        int allMembers,
        int mostAllMembers,
        int servers,
        boolean administrator,
        OptionalInt rooms) {}
