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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import openchat.core.ChatEvent;
import openchat.core.Fanout;
import openchat.core.Member;

/**
 * Delivers the core's events to members' channels, whatever protocol each speaks. An event is encoded once per
 * {@link EventEncoder} present among its recipients (each channel names its own; channels without one get the
 * fallback), and every recipient with that encoder gets a retained duplicate of the same bytes.
 *
 * <p>Ordering: the room calls this under its lock, and every write is queued as a task on the recipient's
 * event loop, even from that loop itself. Netty runs a loop's tasks in submission order, so each member
 * receives events in sequence order. (Writing directly when already on the loop would overtake writes other
 * threads queued a moment earlier.)
 *
 * <p>Cost: one task per event loop per event, not one per member: the recipients are grouped by loop, each
 * with its encoder (once per membership: the grouping is kept while the room passes the same member list and
 * no encoder changed) and the task writes to each of them. Flushes are consolidated: a loop flushes its
 * written channels once, in a task queued behind the writes, so a burst of events costs one system call per
 * member rather than one per event; the task marks its whole group for that flush at once and raises the
 * frame's reference count once for all of them, so a recipient costs a duplicate of the frame and a write.
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

    private final Map<EventLoop, LoopFlusher> flushers = new ConcurrentHashMap<>();

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
                ByteBuf[] copies = frames.copiesFor(group, skip);
                LoopFlusher flusher = group.flusher();
                submit(loop.getKey(), () -> Frames.releaseDistinct(copies), () -> {
                    ByteBuf shared = Frames.sharedBy(copies);
                    if (shared != null) {
                        // Every recipient writes the same frame: one reference per recipient taken at once, an
                        // atomic add for the group instead of one per member.
                        shared.retain(Frames.countOf(copies));
                    }
                    for (int i = 0; i < channels.length; i++) {
                        if (copies[i] != null) {
                            // A plain duplicate (own indices, the frame's reference count) is cheaper than a
                            // pooled retainedDuplicate, whose recycler cost ~9 % of the closed-5 profile.
                            ByteBuf copy = copies[i].duplicate();
                            channels[i].write(shared != null ? copy : copy.retain(), channels[i].voidPromise());
                        }
                    }
                    flusher.dirty(channels); // the whole group at once: nothing per recipient
                    Frames.releaseDistinct(copies);
                });
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
         * For one loop's task: per channel a retained duplicate of its frame (one per distinct frame, shared by the
         * channels that use it), null for {@code skip}.
         */
        @SuppressWarnings("ReferenceEquality") // the same buffer, not equal bytes: a copy is made per buffer
        ByteBuf[] copiesFor(LoopGroup group, Channel skip) {
            Channel[] channels = group.channels();
            ByteBuf[] copies = new ByteBuf[channels.length];
            ByteBuf lastFrame = null;
            ByteBuf lastCopy = null;
            Map<ByteBuf, ByteBuf> others = null;
            for (int i = 0; i < channels.length; i++) {
                if (channels[i] == skip) {
                    // The sender's own copy, when it wants one: its own bytes, in this loop's task at its place.
                    copies[i] = echo != null && channels[i] == sender ? echo.echo(allocator, event) : null;
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
            return copies;
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

    /** One loop's recipients, the encoder of each, and the loop's flusher (looked up once per grouping). */
    private record LoopGroup(Channel[] channels, EventEncoder[] encoders, LoopFlusher flusher) {}

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
            byLoop.put(loop, new LoopGroup(array, encoders, flusher(loop)));
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
        LoopFlusher flusher = flusher(channel.eventLoop());
        submit(channel.eventLoop(), bytes::release, () -> {
            channel.write(bytes, channel.voidPromise());
            flusher.dirty(channel);
        });
    }

    @Override
    public void deliverAndClose(ChatEvent event, Member<Channel> member) {
        Channel channel = member.link();
        ByteBuf bytes = EventEncoder.of(channel, fallback).encode(allocator, event);
        submit(channel.eventLoop(), bytes::release, () -> channel.writeAndFlush(bytes)
                .addListener(ChannelFutureListener.CLOSE));
    }

    private LoopFlusher flusher(EventLoop loop) {
        return flushers.computeIfAbsent(loop, LoopFlusher::new);
    }

    /** Queues {@code task} on {@code loop}; when the loop is stopping, runs {@code release} instead. */
    private static void submit(EventLoop loop, Runnable release, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException stopping) {
            release.run();
        }
    }

    /**
     * The channels one loop has written to since its last flush. Touched only on that loop. A room's broadcast
     * marks its whole group of recipients at once (one array, kept while the membership lasts, so a burst of
     * lines in one room adds it once); a single write marks its channel. A channel marked twice (a member of two
     * rooms) is flushed twice, the second time with nothing to write.
     */
    private static final class LoopFlusher implements Runnable {
        private final EventLoop loop;
        private final List<Channel[]> groups = new ArrayList<>();
        private final Set<Channel[]> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Channel> singles = new ArrayList<>();
        private boolean scheduled;

        LoopFlusher(EventLoop loop) {
            this.loop = loop;
        }

        void dirty(Channel[] group) {
            if (marked.add(group)) {
                groups.add(group);
            }
            schedule();
        }

        void dirty(Channel channel) {
            singles.add(channel);
            schedule();
        }

        private void schedule() {
            if (!scheduled) {
                scheduled = true;
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException stopping) {
                    scheduled = false;
                }
            }
        }

        @Override
        public void run() {
            scheduled = false;
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
    }
}
