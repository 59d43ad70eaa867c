package openchat.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room of the cluster as one node sees it: the members connected to this node, and how far the room's events
 * have been handed to them. The room's state (every node's members, owner, topic, sequence) lives behind the
 * {@link ClusterLink}; this only delivers the room's events to local members, in the room's order, each once.
 *
 * <p>A member joins at a sequence number, its watermark: it receives the events numbered after it, and history
 * replays the messages up to it, so replay and live delivery meet with no gap and no duplicate whether this
 * node's delivery was behind the join or ahead of it.
 *
 * <p>Thread-safe: the link's reader thread and members' joins and leaves take this room's monitor.
 */
final class SharedRoom<L> implements JoinedRoom {
    private final String name;
    private final String key;
    private final Fanout<L> fanout;
    private final CoreListener listener;
    private final Map<String, Member<L>> members = new LinkedHashMap<>();
    /** Members whose watermark is ahead of {@link #position}: they get only events numbered after it. */
    private final Map<Member<L>, Long> ahead = new IdentityHashMap<>();
    /** Each member's join event's number: the messages numbered above it were sent while it was here. */
    private final Map<Member<L>, Long> joinedAt = new IdentityHashMap<>();

    private List<Member<L>> recipients;
    /** The last event number handed to this node's members; -1 until the first member joins. */
    private long position = -1;
    /** Emptied and forgotten: a joiner must make the room anew. */
    private boolean gone;

    SharedRoom(String name, String key, Fanout<L> fanout, CoreListener listener) {
        this.name = name;
        this.key = key;
        this.fanout = fanout;
        this.listener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * Adds a member whose join event took {@code joinSeq} and hands it {@code replay}'s messages up to its watermark
     * before any live event (this room's monitor is held throughout, so the reader waits). Returns how many were
     * replayed, or -1 when the room is gone. {@code follow} is called when this is the room's first member here.
     * {@code owned}: the event numbered after the join that tells the room the member owns it (null: none), which the
     * member is told too, as a single server tells it: here, when this node handed it on before the member was added.
     */
    synchronized int add(
            Member<L> member,
            long joinSeq,
            Runnable follow,
            java.util.function.LongFunction<List<ChatEvent.Message>> replay,
            ChatEvent.NewOwner owned) {
        if (gone) {
            return -1;
        }
        if (position < 0) {
            position = joinSeq;
            follow.run();
        }
        long watermark = Math.max(position, joinSeq);
        if (watermark > position) {
            ahead.put(member, watermark);
        }
        members.put(member.key(), member);
        joinedAt.put(member, joinSeq);
        member.entered(this);
        recipients = null;
        List<ChatEvent.Message> page = replay.apply(watermark);
        if (!page.isEmpty()) {
            fanout.replay(page, member);
        }
        if (owned != null && owned.seq() <= watermark) { // handed on already, to the others: not from the stream
            listener.owner(owned.room(), owned.name(), owned.previous());
            fanout.deliverTo(owned, member);
        }
        return page.size();
    }

    /** Removes a member of this node; returns true when it was the last one here (the room is now gone here). */
    synchronized boolean remove(Member<L> member) {
        if (members.get(member.key()) != member) {
            return false;
        }
        drop(member);
        return goneIfEmpty();
    }

    /** The number of {@code member}'s join event here, or {@link Long#MAX_VALUE} when it is not here. */
    synchronized long joinedAt(Member<L> member) {
        return joinedAt.getOrDefault(member, Long.MAX_VALUE);
    }

    synchronized boolean isGone() {
        return gone;
    }

    /**
     * {@code member}, present here under {@code oldKey}, was renamed: it keeps its place. Does nothing when it is not
     * here under that key (it left meanwhile).
     */
    synchronized void renamed(Member<L> member, String oldKey) {
        Room.rekey(members, member, oldKey);
    }

    synchronized boolean has(Member<L> member) {
        return members.get(member.key()) == member;
    }

    /**
     * Hands one room event to this node's members, in the room's order: each number once, to the members whose
     * watermark it passes, never to the member it is from. A kick of a member of this node removes it here and
     * tells it. Returns the member kicked here, if any.
     */
    synchronized Member<L> apply(ChatEvent.Numbered event, boolean announced) {
        return apply(event, announced, null);
    }

    /**
     * {@link #apply(ChatEvent.Numbered, boolean)}; {@code departure}: for the LEFT of a member leaving the whole chat,
     * the departure whose LEFTs in other rooms this node's members may have had already (IRC says QUIT once).
     */
    synchronized Member<L> apply(ChatEvent.Numbered event, boolean announced, Departure departure) {
        if (gone || event.seq() <= position) {
            return null;
        }
        position = event.seq();
        Member<L> kicked = null;
        String actor;
        if (event instanceof ChatEvent.Message m) {
            actor = m.from();
        } else if (event instanceof ChatEvent.Joined j) {
            actor = j.name();
        } else if (event instanceof ChatEvent.Topic t) {
            actor = t.by();
        } else if (event instanceof ChatEvent.NewOwner) {
            actor = null; // told to every member, the new owner included
        } else {
            ChatEvent.Left left = (ChatEvent.Left) event;
            actor = left.name();
            Member<L> here = members.get(Names.key(left.name()));
            // The leave of an earlier member of that name (kicked, then back before this node read the kick)
            // is not this member's: it joined after the event.
            if (here != null && !joinedAfter(here, event.seq())) {
                drop(here); // kicked, or dropped by the cluster (its node was declared dead)
                if (left.reason() == LeaveReason.KICKED) {
                    here.kicked(key, event.seq() - 1);
                }
                fanout.deliverTo(left.forTheLeaver(), here);
                kicked = here;
            }
        }
        String heir = event instanceof ChatEvent.NewOwner o
                ? o.name()
                : event instanceof ChatEvent.Left left ? left.owner() : null;
        if (heir != null && members.containsKey(Names.key(heir))) {
            // Told on the new owner's node only, so one console in the cluster says it, as for its joins.
            listener.owner(event.room(), heir, event instanceof ChatEvent.NewOwner o ? o.previous() : null);
        }
        if (announced) {
            Member<L> except = actor == null ? null : members.get(Names.key(actor));
            List<Member<L>> to = ahead.isEmpty() ? recipients() : behind(event.seq());
            if (departure != null && event instanceof ChatEvent.Left left) {
                departure.tell(left, to, except, fanout);
            } else {
                fanout.deliver(event, to, except);
            }
        }
        if (!ahead.isEmpty()) {
            ahead.values().removeIf(watermark -> watermark <= event.seq());
        }
        goneIfEmpty();
        return kicked;
    }

    /**
     * Hands this node's members a change of the room numbered {@code seq} that is not a room event (its limit, a ban),
     * in the room's order as {@link #apply} does, never to the member named {@code by}.
     */
    synchronized void tell(long seq, ChatEvent change, String by) {
        if (gone || seq <= position) {
            return;
        }
        position = seq;
        fanout.deliver(change, ahead.isEmpty() ? recipients() : behind(seq), members.get(Names.key(by)));
        if (!ahead.isEmpty()) {
            ahead.values().removeIf(watermark -> watermark <= seq);
        }
    }

    /** The server is stopping: no one may join this room here any more. */
    synchronized void close() {
        gone = true;
        for (Member<L> member : members.values()) {
            member.exited(this);
        }
        members.clear();
        ahead.clear();
        recipients = null;
    }

    private boolean joinedAfter(Member<L> member, long seq) {
        Long watermark = ahead.get(member);
        return watermark != null && watermark >= seq;
    }

    private List<Member<L>> behind(long seq) {
        List<Member<L>> out = new ArrayList<>(members.size());
        for (Member<L> member : members.values()) {
            Long watermark = ahead.get(member);
            if (watermark == null || watermark < seq) {
                out.add(member);
            }
        }
        return out;
    }

    private void drop(Member<L> member) {
        members.remove(member.key());
        ahead.remove(member);
        joinedAt.remove(member);
        member.exited(this);
        recipients = null;
    }

    private boolean goneIfEmpty() {
        if (members.isEmpty()) {
            gone = true;
        }
        return gone;
    }

    @Override
    public synchronized List<Member<L>> present() {
        return recipients();
    }

    private List<Member<L>> recipients() {
        if (recipients == null) {
            recipients = List.copyOf(members.values());
        }
        return recipients;
    }
}
