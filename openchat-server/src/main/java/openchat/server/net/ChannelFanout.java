package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import openchat.core.ChatEvent;
import openchat.core.Fanout;
import openchat.core.Member;

/**
 * Delivers the core's events to members' channels, whatever protocol each speaks. An event is encoded once per
 * {@link EventEncoder} present among its recipients (each channel names its own; channels without one get the
 * fallback), and every recipient with that encoder gets a retained duplicate of the same bytes.
 *
 * <p>Ordering: the room calls this under its lock, and each event is added to the outbox of each recipient's event
 * loop ({@link LoopOutbox}), even from that loop itself; the outbox writes its events in the order they were added,
 * in a task the first of them queued. So each member receives events in sequence order, and whatever is queued on
 * the loop after an event was added (an IRC command's answer, queued behind the echo of the line it sent) is written
 * after that event. (Writing directly when already on the loop would overtake events other threads added a moment
 * earlier.)
 *
 * <p>Cost: the recipients are grouped by loop, each with its encoder (once per membership: the grouping is kept
 * while the room passes the same member list and no encoder changed), and an event costs one queue entry per loop,
 * not a task or a write per member. The outbox's task, one per burst, flushes each written channel once, so a burst
 * of events costs one system call per member rather than one per event; and the lines of a burst to one room go
 * into one buffer that each member is written once (less its own lines), so a member costs one write per burst
 * rather than one per line.
 */
public final class ChannelFanout implements Fanout<Channel> {
    private final ByteBufAllocator allocator;
    private final EventEncoder fallback;
    private final Deliveries deliveries;

    /** Told how many members got each event, per transport: the metrics. Called on the posting thread. */
    @FunctionalInterface
    public interface Deliveries {
        void delivered(String protocol, int members);

        Deliveries NONE = (protocol, members) -> {};
    }

    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();

    /** {@code fallback}: the encoder of channels that name none. */
    public ChannelFanout(ByteBufAllocator allocator, EventEncoder fallback) {
        this(allocator, fallback, Deliveries.NONE);
    }

    /** {@code deliveries} counts what is sent. */
    public ChannelFanout(ByteBufAllocator allocator, EventEncoder fallback, Deliveries deliveries) {
        this.allocator = allocator;
        this.fallback = fallback;
        this.deliveries = deliveries;
    }

    @Override
    public void deliver(ChatEvent event, List<Member<Channel>> members, Member<Channel> except) {
        Channel skip = except == null ? null : except.link();
        EventEncoder.Echo echo = skip == null ? null : EventEncoder.echoOf(skip);
        if (members.isEmpty() || members.size() == 1 && members.get(0) == except && echo == null) {
            return;
        }
        Recipients recipients = recipients(members);
        Frames frames = new Frames(event, skip, echo);
        try {
            for (Map.Entry<EventLoop, LoopGroup> loop : recipients.byLoop().entrySet()) {
                LoopGroup group = loop.getValue();
                Channel[] channels = group.channels();
                if (channels.length == 1 && channels[0] == skip && echo == null) {
                    continue;
                }
                group.outbox().add(frames.broadcastTo(group, skip));
            }
            frames.report(deliveries);
        } finally {
            frames.release();
        }
    }

    /**
     * One event's bytes per encoder, made when a recipient first needs them. Usually every recipient has the
     * same encoder, so this holds one frame.
     */
    private final class Frames {
        private final ChatEvent event;
        private final Channel sender;
        private final EventEncoder.Echo echo;
        private EventEncoder[] encoders = new EventEncoder[1];
        private ByteBuf[] encoded = new ByteBuf[1];
        /** Per encoder, how many recipients got its frame. */
        private int[] recipients = new int[1];

        private int count;

        /** {@code echo}: how {@code sender} (null: none) gets its own copy, when it wants one. */
        Frames(ChatEvent event, Channel sender, EventEncoder.Echo echo) {
            this.event = event;
            this.sender = sender;
            this.echo = echo;
        }

        /** The frame of {@code encoder}, made on first use, counted as sent to one more recipient. */
        ByteBuf frameFor(EventEncoder encoder) {
            for (int i = 0; i < count; i++) {
                if (encoders[i] == encoder) {
                    recipients[i]++;
                    return encoded[i];
                }
            }
            if (count == encoders.length) {
                encoders = Arrays.copyOf(encoders, count * 2);
                encoded = Arrays.copyOf(encoded, count * 2);
                recipients = Arrays.copyOf(recipients, count * 2);
            }
            encoders[count] = encoder;
            encoded[count] = encoder.encode(allocator, event);
            recipients[count] = 1;
            return encoded[count++];
        }

        void report(Deliveries to) {
            for (int i = 0; i < count; i++) {
                to.delivered(encoders[i].transport(), recipients[i]);
            }
        }

        /**
         * For one loop's outbox: per channel a retained duplicate of its frame (one per distinct frame, shared by the
         * channels that use it), and for {@code skip} its echo or null.
         */
        @SuppressWarnings("ReferenceEquality") // the same buffer, not equal bytes: a copy is made per buffer
        Broadcast broadcastTo(LoopGroup group, Channel skip) {
            Channel[] channels = group.channels();
            ByteBuf[] copies = new ByteBuf[channels.length];
            int skipped = -1;
            ByteBuf lastFrame = null;
            ByteBuf lastCopy = null;
            Map<ByteBuf, ByteBuf> others = null;
            for (int i = 0; i < channels.length; i++) {
                if (channels[i] == skip) {
                    // The sender's own copy, when it wants one: its own bytes, in this loop's task at its place.
                    copies[i] = echo != null && channels[i] == sender ? echo.echo(allocator, event) : null;
                    skipped = i;
                    continue;
                }
                ByteBuf frame = frameFor(group.encoders()[i]);
                if (frame != lastFrame) {
                    if (lastFrame != null) {
                        if (others == null) {
                            others = new IdentityHashMap<>();
                        }
                        others.put(lastFrame, lastCopy);
                    }
                    ByteBuf known = others == null ? null : others.get(frame);
                    lastCopy = known != null ? known : frame.retainedDuplicate();
                    lastFrame = frame;
                }
                copies[i] = lastCopy;
            }
            return new Broadcast(group, copies, skipped);
        }

        /** The one buffer every non-null entry of {@code copies} is, or null when they differ (or all are null). */
        @SuppressWarnings("ReferenceEquality") // the same buffer object, whatever its bytes
        static ByteBuf sharedBy(ByteBuf[] copies) {
            ByteBuf shared = null;
            for (ByteBuf copy : copies) {
                if (copy != null) {
                    if (shared == null) {
                        shared = copy;
                    } else if (copy != shared) {
                        return null;
                    }
                }
            }
            return shared;
        }

        /** How many entries of {@code copies} are not null: the recipients a loop's task writes to. */
        static int countOf(ByteBuf[] copies) {
            int count = 0;
            for (ByteBuf copy : copies) {
                if (copy != null) {
                    count++;
                }
            }
            return count;
        }

        /** Releases each distinct copy in {@code copies} once. */
        @SuppressWarnings("ReferenceEquality") // each buffer object is released once, whatever its bytes
        static void releaseDistinct(ByteBuf[] copies) {
            ByteBuf first = null;
            List<ByteBuf> more = null;
            for (ByteBuf copy : copies) {
                if (copy == null || copy == first) {
                    continue;
                }
                if (first == null) {
                    first = copy;
                } else {
                    if (more == null) {
                        more = new ArrayList<>(2);
                    }
                    if (more.stream().noneMatch(seen -> seen == copy)) {
                        more.add(copy);
                    }
                }
            }
            if (first != null) {
                first.release();
            }
            if (more != null) {
                more.forEach(ByteBuf::release);
            }
        }

        void release() {
            for (int i = 0; i < count; i++) {
                encoded[i].release();
            }
        }
    }

    /**
     * The members' channels grouped by event loop, each with its encoder; kept while the room passes the same
     * member list and no channel's encoder has changed ({@link EventEncoder#changes}).
     */
    private record Recipients(List<Member<Channel>> members, long encoderChanges, Map<EventLoop, LoopGroup> byLoop) {}

    /**
     * One loop's recipients, the encoder of each, the distinct encoders among them, and the loop's outbox (looked up
     * once per grouping).
     */
    private record LoopGroup(
            Channel[] channels, EventEncoder[] encoders, DistinctEncoders distinct, LoopOutbox outbox) {}

    /**
     * The distinct encoders of a group, numbered in order of first use: {@code of[i]} is channel i's, and {@code
     * first[e]} and {@code second[e]} the first two channels with encoder e (-1: none), one of which has the
     * encoder's frame of any event (only the event's sender, at most one channel, goes without).
     */
    private record DistinctEncoders(int count, int[] of, int[] first, int[] second) {
        static DistinctEncoders of(EventEncoder[] encoders) {
            List<EventEncoder> distinct = new ArrayList<>(1);
            int[] of = new int[encoders.length];
            int[] first = new int[encoders.length];
            int[] second = new int[encoders.length];
            for (int i = 0; i < encoders.length; i++) {
                int e = indexOf(distinct, encoders[i]);
                if (e < 0) {
                    e = distinct.size();
                    distinct.add(encoders[i]);
                    first[e] = i;
                    second[e] = -1;
                } else if (second[e] < 0) {
                    second[e] = i;
                }
                of[i] = e;
            }
            int count = distinct.size();
            return new DistinctEncoders(count, of, Arrays.copyOf(first, count), Arrays.copyOf(second, count));
        }

        @SuppressWarnings("ReferenceEquality") // encoders are compared by identity, as the frames are made
        private static int indexOf(List<EventEncoder> distinct, EventEncoder encoder) {
            for (int e = 0; e < distinct.size(); e++) {
                if (distinct.get(e) == encoder) {
                    return e;
                }
            }
            return -1;
        }
    }

    /** The last grouping made; the room calls under its lock, but several rooms may share this fanout. */
    private volatile Recipients last;

    private Recipients recipients(List<Member<Channel>> members) {
        Recipients cached = last;
        long encoderChanges = EventEncoder.changes();
        if (cached != null && cached.members() == members && cached.encoderChanges() == encoderChanges) {
            return cached;
        }
        Map<EventLoop, List<Channel>> grouping = new IdentityHashMap<>();
        for (Member<Channel> member : members) {
            Channel channel = member.link();
            grouping.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>())
                    .add(channel);
        }
        Map<EventLoop, LoopGroup> byLoop = new IdentityHashMap<>();
        grouping.forEach((loop, channels) -> {
            Channel[] array = channels.toArray(new Channel[0]);
            EventEncoder[] encoders = new EventEncoder[array.length];
            for (int i = 0; i < array.length; i++) {
                encoders[i] = EventEncoder.of(array[i], fallback);
            }
            byLoop.put(loop, new LoopGroup(array, encoders, DistinctEncoders.of(encoders), outbox(loop)));
        });
        Recipients made = new Recipients(members, encoderChanges, byLoop);
        last = made;
        return made;
    }

    @Override
    public void deliverTo(ChatEvent event, Member<Channel> member) {
        Channel channel = member.link();
        EventEncoder encoder = EventEncoder.of(channel, fallback);
        write(channel, encoder.encode(allocator, event));
        deliveries.delivered(encoder.transport(), 1);
    }

    @Override
    public void replay(List<ChatEvent.Message> history, Member<Channel> member) {
        Channel channel = member.link();
        EventEncoder encoder = EventEncoder.of(channel, fallback);
        write(channel, encoder.encodeReplay(allocator, history));
        deliveries.delivered(encoder.transport(), history.size());
    }

    private void write(Channel channel, ByteBuf bytes) {
        outbox(channel.eventLoop()).add(new Single(channel, bytes, false));
    }

    @Override
    public void deliverAndClose(ChatEvent event, Member<Channel> member) {
        Channel channel = member.link();
        ByteBuf bytes = EventEncoder.of(channel, fallback).encode(allocator, event);
        outbox(channel.eventLoop()).add(new Single(channel, bytes, true));
    }

    private LoopOutbox outbox(EventLoop loop) {
        return outboxes.computeIfAbsent(loop, LoopOutbox::new);
    }

    /**
     * A broadcast handed to a loop: per channel of {@code group} its copy (null: none), the index of the sender's
     * channel among them (-1: not in this group), and whether the sender gets an echo there.
     */
    private record Broadcast(LoopGroup group, ByteBuf[] copies, ByteBuf shared, int skipped, boolean echoed) {
        Broadcast(LoopGroup group, ByteBuf[] copies, int skipped) {
            this(group, copies, Frames.sharedBy(copies), skipped, skipped >= 0 && copies[skipped] != null);
        }

        /**
         * Whether it can share buffers with its neighbours: every recipient gets its encoder's frame, and the sender
         * (if among them) nothing, rather than an echo of its own.
         */
        boolean mergeable() {
            return !echoed;
        }

        /** The frame of the group's encoder {@code e}, or null when only the sender has that encoder. */
        ByteBuf frameOf(int e) {
            DistinctEncoders distinct = group.distinct();
            int first = distinct.first()[e];
            if (first != skipped) {
                return copies[first];
            }
            int second = distinct.second()[e];
            return second < 0 ? null : copies[second];
        }
    }

    /** One channel's own bytes (an event for it alone, a history replay); with {@code close}, its last. */
    private record Single(Channel channel, ByteBuf bytes, boolean close) {}

    /**
     * The events handed over for one loop's channels, in the order the rooms numbered them. The posting thread adds
     * them (any thread); the first one queues a task on the loop, which writes everything added by the time it runs and
     * flushes each written channel once: a burst of events costs one system call per member rather than one per
     * event. The task's place in the loop's queue is the first event's, so anything queued on the loop after an event
     * was added (an IRC command's answer, say) runs after that event is written.
     *
     * <p>Consecutive broadcasts to the same recipients (the lines one pass of the loop read from its senders into one
     * room) are copied into one buffer per encoder, and each recipient is written that buffer once, less the
     * lines it sent itself (its own lines come in runs, as the loop reads them, so a sender gets two or three slices):
     * a recipient costs one write per pass, not one per line. C chat servers append each line to a send queue per
     * client; this shares the queue's bytes among the clients instead of copying them to each. A broadcast whose
     * sender wants an echo of its line is written on its own, in order; recipients with different encoders (OCP, IRC and
     * WebSocket members of one room) get one buffer per encoder.
     */
    private final class LoopOutbox implements Runnable {
        private final EventLoop loop;
        /** {@link Broadcast}s and {@link Single}s, from any thread. */
        private final Queue<Object> handedOver = new ConcurrentLinkedQueue<>();
        /** True from the add that queued this task until the task has taken everything. */
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** What one run of the task took, and the channels it wrote: touched only on the loop. */
        private final List<Object> taken = new ArrayList<>();

        private final List<Channel[]> groups = new ArrayList<>();
        private final Set<Channel[]> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Channel> singles = new ArrayList<>();

        LoopOutbox(EventLoop loop) {
            this.loop = loop;
        }

        /** Any thread: {@code item} is written in order with everything added before it. */
        void add(Object item) {
            handedOver.add(item);
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException stopping) {
                    scheduled.set(false);
                    for (Object left; (left = handedOver.poll()) != null; ) {
                        release(left); // the loop is gone, and its channels with it
                    }
                }
            }
        }

        private void release(Object item) {
            if (item instanceof Broadcast broadcast) {
                Frames.releaseDistinct(broadcast.copies());
            } else {
                ((Single) item).bytes().release();
            }
        }

        @Override
        public void run() {
            do {
                for (Object item; (item = handedOver.poll()) != null; ) {
                    taken.add(item);
                }
                writeTaken();
                scheduled.set(false);
                // An event added after the last poll but before the flag fell found it still set: write it now.
            } while (!handedOver.isEmpty() && scheduled.compareAndSet(false, true));
        }

        private void writeTaken() {
            for (int i = 0; i < taken.size(); ) {
                if (taken.get(i) instanceof Broadcast first) {
                    int end = i + 1;
                    while (first.mergeable()
                            && end < taken.size()
                            && taken.get(end) instanceof Broadcast next
                            && next.group().channels() == first.group().channels() // the same grouping
                            && next.mergeable()) {
                        end++;
                    }
                    if (end - i == 1) {
                        writeAlone(first);
                    } else {
                        writeMerged(taken.subList(i, end), first.group());
                    }
                    if (marked.add(first.group().channels())) {
                        groups.add(first.group().channels());
                    }
                    i = end;
                } else {
                    Single single = (Single) taken.get(i++);
                    if (single.close()) {
                        single.channel().writeAndFlush(single.bytes()).addListener(ChannelFutureListener.CLOSE);
                    } else {
                        single.channel().write(single.bytes(), single.channel().voidPromise());
                        singles.add(single.channel());
                    }
                }
            }
            taken.clear();
            for (Channel[] group : groups) {
                for (Channel channel : group) {
                    channel.flush();
                }
            }
            for (Channel channel : singles) {
                channel.flush();
            }
            groups.clear();
            marked.clear();
            singles.clear();
        }

        /** One broadcast: per recipient a duplicate of its frame. */
        private void writeAlone(Broadcast broadcast) {
            ByteBuf[] copies = broadcast.copies();
            Channel[] channels = broadcast.group().channels();
            ByteBuf shared = broadcast.shared();
            if (shared != null) {
                // Every recipient writes the same frame: one reference per recipient taken at once, an atomic add
                // for the group instead of one per member.
                shared.retain(Frames.countOf(copies));
            }
            for (int i = 0; i < channels.length; i++) {
                if (copies[i] != null) {
                    // A plain duplicate (own indices, the frame's reference count) is cheaper than a pooled
                    // retainedDuplicate, whose recycler cost ~9 % of the closed-5 profile.
                    ByteBuf copy = copies[i].duplicate();
                    channels[i].write(shared != null ? copy : copy.retain(), channels[i].voidPromise());
                }
            }
            Frames.releaseDistinct(copies);
        }

        /**
         * Mergeable broadcasts to {@code group}, in order: per encoder, their frames in one buffer; per recipient, a
         * slice of its encoder's buffer, or a few around its own lines.
         */
        private void writeMerged(List<Object> run, LoopGroup group) {
            int count = run.size();
            DistinctEncoders distinct = group.distinct();
            ByteBuf[] passes = new ByteBuf[distinct.count()];
            int[][] ends = new int[distinct.count()][count];
            int[] skipped = new int[count];
            for (int e = 0; e < passes.length; e++) {
                int total = 0;
                for (Object item : run) {
                    ByteBuf frame = ((Broadcast) item).frameOf(e);
                    total += frame == null ? 0 : frame.readableBytes();
                }
                passes[e] = allocator.directBuffer(total);
                for (int k = 0; k < count; k++) {
                    ByteBuf frame = ((Broadcast) run.get(k)).frameOf(e);
                    if (frame != null) {
                        passes[e].writeBytes(frame, frame.readerIndex(), frame.readableBytes());
                    }
                    ends[e][k] = passes[e].writerIndex();
                }
            }
            for (int k = 0; k < count; k++) {
                Broadcast broadcast = (Broadcast) run.get(k);
                skipped[k] = broadcast.skipped();
                Frames.releaseDistinct(broadcast.copies());
            }
            Channel[] channels = group.channels();
            for (int c = 0; c < channels.length; c++) {
                int e = distinct.of()[c];
                ByteBuf pass = passes[e];
                int from = 0;
                for (int k = 0; k < count; k++) {
                    if (skipped[k] == c) { // its own line: the bytes before it, then on after it
                        int to = k == 0 ? 0 : ends[e][k - 1];
                        if (to > from) {
                            channels[c].write(pass.slice(from, to - from).retain(), channels[c].voidPromise());
                        }
                        from = ends[e][k];
                    }
                }
                if (from < pass.writerIndex()) {
                    channels[c].write(
                            pass.slice(from, pass.writerIndex() - from).retain(), channels[c].voidPromise());
                }
            }
            for (ByteBuf pass : passes) {
                pass.release();
            }
        }
    }
}
