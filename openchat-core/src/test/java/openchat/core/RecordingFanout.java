package openchat.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Fanout} that records every (event, recipient) pair it is handed, in the order it is handed them.
 * The link of a member is a {@code String}: its name in these tests. Thread-safe.
 */
final class RecordingFanout implements Fanout<String> {

    /** One event handed to one member; {@code closed}: its link was closed after it. */
    record Delivery(ChatEvent event, String to, boolean closed) {

        @Override
        public String toString() {
            return to + " <- " + describe(event) + (closed ? " then close" : "");
        }
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void deliver(ChatEvent event, List<Member<String>> members, Member<String> except) {
        for (Member<String> member : members) {
            if (member != except) {
                deliveries.add(new Delivery(event, member.link(), false));
            }
        }
    }

    @Override
    public synchronized void deliverTo(ChatEvent event, Member<String> member) {
        deliveries.add(new Delivery(event, member.link(), false));
    }

    @Override
    public synchronized void deliverAndClose(ChatEvent event, Member<String> member) {
        deliveries.add(new Delivery(event, member.link(), true));
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every delivery as "link <- event", for readable assertions. */
    synchronized List<String> described() {
        return deliveries.stream().map(Delivery::toString).toList();
    }

    /** What the member reached by {@code link} received, in order. */
    synchronized List<ChatEvent> to(String link) {
        return deliveries.stream()
                .filter(d -> d.to().equals(link))
                .map(Delivery::event)
                .toList();
    }

    /** The events of one type the member reached by {@code link} received, in order. */
    <T extends ChatEvent> List<T> to(String link, Class<T> type) {
        return to(link).stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized void clear() {
        deliveries.clear();
    }

    static String describe(ChatEvent event) {
        if (event instanceof ChatEvent.Joined j) {
            return "joined " + j.room() + " " + j.name() + " #" + j.seq();
        }
        if (event instanceof ChatEvent.Message m) {
            return "message " + m.room() + " " + m.from() + ": " + m.text() + " #" + m.seq()
                    + (m.replay() ? " replay" : "");
        }
        if (event instanceof ChatEvent.Left l) {
            return "left " + l.room() + " " + l.name() + " " + l.reason().wireName()
                    + (l.by() == null ? "" : " by " + l.by()) + (l.owner() == null ? "" : " owner " + l.owner())
                    + " #" + l.seq();
        }
        if (event instanceof ChatEvent.NewOwner o) {
            return "owner " + o.room() + " " + o.name() + (o.previous() == null ? "" : " from " + o.previous()) + " #"
                    + o.seq();
        }
        if (event instanceof ChatEvent.Topic t) {
            return "topic " + t.room() + " " + t.by() + ": " + t.topic() + " #" + t.seq();
        }
        if (event instanceof ChatEvent.Private p) {
            return "private " + p.from() + " -> " + p.to() + ": " + p.text();
        }
        if (event instanceof ChatEvent.Away a) {
            return a.message().isEmpty() ? "back " + a.name() : "away " + a.name() + ": " + a.message();
        }
        if (event instanceof ChatEvent.Renamed r) {
            return "renamed " + r.from() + " -> " + r.to();
        }
        if (event instanceof ChatEvent.Banned b) {
            return "banned by " + b.by() + ": " + b.reason();
        }
        if (event instanceof ChatEvent.Killed k) {
            return "killed by " + k.by() + ": " + k.reason();
        }
        if (event instanceof ChatEvent.RoomBanChange b) {
            return (b.added() ? "room ban " : "room unban ") + b.room() + " " + b.target() + " by " + b.by();
        }
        if (event instanceof ChatEvent.Closed c) {
            return "closed: " + c.reason();
        }
        if (event instanceof ChatEvent.Dropped d) {
            return "dropped: " + d.reason();
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
