package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
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
import openchat.core.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the core's events to members' channels, whatever protocol each speaks. An event is encoded once per
 * {@link EventEncoder} present among its recipients (each channel names its own; channels without one get the
 * fallback), and every recipient with that encoder gets a retained duplicate of the same bytes.
 *
 * <p>Ordering: the room calls this under its lock, and each event is added to the outbox of each recipient's event
 * loop ({@link LoopOutbox}), even from that loop itself; the outbox writes its events in the order they were added,
 * in a task the first of them queued. So each member receives events in sequence order. A protocol's answers take
 * their place in the same stream ({@link #reserve}), so that an answer is written after the events queued for its
 * connection before it and before those queued after it. (Writing directly when already on the loop would overtake
 * events other threads added a moment earlier; a task of its own on the loop could be overtaken by events added
 * after it to an outbox whose task was queued before it.)
 *
 * <p>Cost: the recipients are grouped by loop, each with its encoder (once per membership: the grouping is kept
 * while the room passes the same member list and no encoder changed, and after departures it is filtered from the one
 * before), and an event costs one queue entry per loop, not a task or a write per member. The outbox's task, one per
 * burst, flushes each written channel once, so a burst of events costs one system call per member rather than one
 * per event; and the lines of a burst to one room go into one buffer that each member is written once (less its own
 * lines), so a member costs one write per burst rather than one per line.
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

    private static final Logger log = LoggerFactory.getLogger(ChannelFanout.class);

    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();

    /** A sender's wish for its answer's place ({@link #PLACE_WANTED}), then the place ({@link InOrder}). */
    private static final AttributeKey<Object> ANSWER_PLACE = AttributeKey.valueOf("openchat.answerPlace");

    private static final Object PLACE_WANTED = new Object();

    /** The least a merged pass's buffer is made for per line encoded into it, and what its guess adds to the mean. */
    private static final int MIN_LINE_GUESS = 64;

    private static final int LINE_GUESS_SLACK = 16;

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
        if (except != null && event instanceof ChatEvent.Message) {
            placeAnswerOf(except);
        }
        broadcast(event, members, except);
        if (!(event instanceof ChatEvent.Message)) { // a chat line makes no heir: the busiest path looks no further
            toTheAddressee(event, members, except);
        }
    }

    private void broadcast(ChatEvent event, List<Member<Channel>> members, Member<Channel> except) {
        Channel skip = except == null ? null : except.link();
        EventEncoder.Echo echo = skip == null ? null : EventEncoder.echoOf(skip);
        if (members.isEmpty() || members.size() == 1 && members.get(0) == except && echo == null) {
            return;
        }
        Recipients recipients = recipients(members);
        if (recipients.groups().length == 1 && recipients.groups()[0].distinct().count() == 1) {
            deliverToOneGroup(event, recipients.groups()[0], skip, echo);
            return;
        }
        Frames frames = new Frames(event);
        try {
            for (LoopGroup group : recipients.groups()) {
                Broadcast broadcast = frames.broadcastTo(group, skip, echo);
                if (broadcast != null) {
                    group.outbox().add(broadcast);
                }
            }
            frames.report(deliveries);
        } finally {
            frames.release();
        }
    }

    /**
     * The usual case, a room whose members all sit on one event loop and speak one protocol with the same options:
     * the event goes to the loop's outbox as it is, without the bookkeeping {@link Frames} keeps for several encoders
     * and loops (its arrays, and a reference taken per loop and given back after), and is encoded there, when it is
     * written: straight into the buffer the pass's lines to the room share, with no buffer of its own to allocate, copy
     * and release ({@link LoopOutbox#writeMerged}).
     */
    private void deliverToOneGroup(ChatEvent event, LoopGroup group, Channel sender, EventEncoder.Echo echo) {
        int skipped = group.indexOf(sender);
        ByteBuf echoed = skipped >= 0 && echo != null ? echo.echo(allocator, event) : null;
        int members = Broadcast.recipients(group.distinct(), skipped, 0);
        if (members == 0 && echoed == null) {
            return;
        }
        EventEncoder encoder = group.distinct().encoders()[0];
        if (members > 0) {
            group.outbox().add(new Broadcast(group, event, skipped, echoed));
            deliveries.delivered(encoder.transport(), members);
        } else {
            group.outbox().add(new Broadcast(group, new ByteBuf[1], skipped, echoed));
        }
    }

    /**
     * One event's bytes per encoder, made when a group first needs them. Usually every recipient has the same
     * encoder, so this holds one frame. What a group is handed costs the same for 5 members or 500: a reference to
     * each of its encoders' frames, not an entry per member.
     */
    private final class Frames {
        private final ChatEvent event;
        private EventEncoder[] encoders = new EventEncoder[1];
        private ByteBuf[] encoded = new ByteBuf[1];
        /** Per encoder, how many recipients got its frame. */
        private int[] recipients = new int[1];

        private int count;

        Frames(ChatEvent event) {
            this.event = event;
        }

        /** The frame of {@code encoder}, made on first use, counted as sent to {@code more} more recipients. */
        ByteBuf frameFor(EventEncoder encoder, int more) {
            for (int i = 0; i < count; i++) {
                if (encoders[i] == encoder) {
                    recipients[i] += more;
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
            recipients[count] = more;
            return encoded[count++];
        }

        void report(Deliveries to) {
            for (int i = 0; i < count; i++) {
                to.delivered(encoders[i].transport(), recipients[i]);
            }
        }

        /**
         * For one loop's outbox: a reference to the frame of each of the group's encoders that has a recipient,
         * the sender's place in the group, and its echo when it wants one; null when the group has no one to write
         * to. {@code sender}: the channel that does not get the frame (null: none); {@code echo}: how it gets its own
         * copy instead (null: it gets none).
         */
        Broadcast broadcastTo(LoopGroup group, Channel sender, EventEncoder.Echo echo) {
            DistinctEncoders distinct = group.distinct();
            int skipped = group.indexOf(sender);
            ByteBuf echoed = skipped >= 0 && echo != null ? echo.echo(allocator, event) : null;
            ByteBuf[] frames = new ByteBuf[distinct.count()];
            boolean any = echoed != null;
            for (int e = 0; e < frames.length; e++) {
                int members = Broadcast.recipients(distinct, skipped, e);
                if (members > 0) {
                    frames[e] = frameFor(distinct.encoders()[e], members).retain();
                    any = true;
                }
            }
            return any ? new Broadcast(group, frames, skipped, echoed) : null;
        }

        void release() {
            for (int i = 0; i < count; i++) {
                encoded[i].release();
            }
        }
    }

    /**
     * The members' channels grouped by event loop, each with its encoder; kept while the room passes the same
     * member list and no channel's encoder has changed ({@link EventEncoder#changes}). {@code groups}: one per event
     * loop that has members, in an array because every event iterates it. {@code groupOf[i]}: the group of member
     * i's channel; within a group the channels keep the members' order.
     */
    private record Recipients(List<Member<Channel>> members, long encoderChanges, LoopGroup[] groups, int[] groupOf) {
        /**
         * The grouping of {@code fewer} when it is these members less some, in the same order (a room's departures,
         * one after another), made from this one without asking a channel for its loop or its encoder again: a mass
         * disconnect from a room of thousands regrouped every remaining channel for each announced leave. Null when
         * {@code fewer} is not such a list, or holds less than half of these (then most likely another room's list,
         * whose walk would cost about as much as grouping it). A member's channel never changes, and an encoder
         * change makes a new grouping anyway ({@link #encoderChanges}), so the result is what grouping would make.
         */
        Recipients without(List<Member<Channel>> fewer) {
            int n = members.size();
            int m = fewer.size();
            if (m == 0 || m >= n || m < n / 2) {
                return null; // not fewer, or far fewer: most likely another room's list, not worth the walk
            }
            boolean[] kept = new boolean[n];
            int matched = 0;
            for (int i = 0; i < n && matched < m; i++) {
                if (members.get(i) == fewer.get(matched)) {
                    kept[i] = true;
                    matched++;
                }
            }
            if (matched < m) {
                return null;
            }
            int[] sizes = new int[groups.length];
            for (int i = 0; i < n; i++) {
                if (kept[i]) {
                    sizes[groupOf[i]]++;
                }
            }
            Channel[][] channels = new Channel[groups.length][];
            EventEncoder[][] encoders = new EventEncoder[groups.length][];
            for (int g = 0; g < groups.length; g++) {
                channels[g] = new Channel[sizes[g]];
                encoders[g] = new EventEncoder[sizes[g]];
            }
            int[] read = new int[groups.length];
            int[] written = new int[groups.length];
            for (int i = 0; i < n; i++) {
                int g = groupOf[i];
                int k = read[g]++;
                if (kept[i]) {
                    int f = written[g]++;
                    channels[g][f] = groups[g].channels()[k];
                    DistinctEncoders distinct = groups[g].distinct();
                    encoders[g][f] = distinct.encoders()[distinct.of()[k]];
                }
            }
            int[] renumbered = new int[groups.length];
            List<LoopGroup> left = new ArrayList<>(groups.length);
            for (int g = 0; g < groups.length; g++) {
                renumbered[g] = left.size();
                if (sizes[g] > 0) {
                    LoopGroup group = groups[g];
                    left.add(
                            new LoopGroup(group.loop(), channels[g], DistinctEncoders.of(encoders[g]), group.outbox()));
                }
            }
            int[] fewerGroupOf = new int[m];
            for (int i = 0, f = 0; i < n; i++) {
                if (kept[i]) {
                    fewerGroupOf[f++] = renumbered[groupOf[i]];
                }
            }
            return new Recipients(fewer, encoderChanges, left.toArray(new LoopGroup[0]), fewerGroupOf);
        }
    }

    /**
     * One loop's recipients, the encoder of each, the distinct encoders among them, and the loop's outbox (looked up
     * once per grouping).
     */
    private record LoopGroup(EventLoop loop, Channel[] channels, DistinctEncoders distinct, LoopOutbox outbox) {
        /** Where {@code channel} is among the channels, or -1 (null, or on another loop, or not a recipient). */
        int indexOf(Channel channel) {
            if (channel == null || channel.eventLoop() != loop) {
                return -1;
            }
            for (int i = 0; i < channels.length; i++) {
                if (channels[i] == channel) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * The distinct encoders of a group, numbered in order of first use ({@code encoders[e]}): {@code of[i]} is channel
     * i's number, and {@code sizes[e]} how many channels have encoder e.
     */
    private record DistinctEncoders(EventEncoder[] encoders, int[] of, int[] sizes) {
        static DistinctEncoders of(EventEncoder[] byChannel) {
            List<EventEncoder> distinct = new ArrayList<>(1);
            int[] of = new int[byChannel.length];
            int[] sizes = new int[byChannel.length];
            for (int i = 0; i < byChannel.length; i++) {
                int e = indexOf(distinct, byChannel[i]);
                if (e < 0) {
                    e = distinct.size();
                    distinct.add(byChannel[i]);
                }
                of[i] = e;
                sizes[e]++;
            }
            return new DistinctEncoders(
                    distinct.toArray(new EventEncoder[0]), of, Arrays.copyOf(sizes, distinct.size()));
        }

        int count() {
            return encoders.length;
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

    private static final VarHandle LAST;

    static {
        try {
            LAST = MethodHandles.lookup().findVarHandle(ChannelFanout.class, "last", Recipients.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How many channels the kept grouping holds (0: none kept): for tests. */
    int channelsHeld() {
        Recipients current = last;
        return current == null
                ? 0
                : Arrays.stream(current.groups())
                        .mapToInt(g -> g.channels().length)
                        .sum();
    }

    /** The grouping {@link #forgetIdleGrouping} found last time, to drop if it finds the same one again. */
    private Recipients seenBySweep;

    /**
     * How often the server calls {@link #forgetIdleGrouping}: a grouping no broadcast replaced holds its channels, and
     * their members, at most twice this long after they are gone.
     */
    public static final Duration GROUPING_SWEEP = Duration.ofSeconds(30);

    /**
     * Drops the last grouping when it is the one this found at its previous call: nothing has replaced it since, so it
     * may hold channels long closed. The room that made it can leave without a word (members past its presence limit,
     * quiet leaves), and a grouping of the 19,000 members a mass disconnect took held 48 MB of dead channels until the
     * room's next broadcast. The next broadcast groups its room again, once. Called on one thread ({@link
     * #GROUPING_SWEEP}); a grouping made meanwhile is a different one and stays.
     */
    @SuppressWarnings("ReferenceEquality") // this very grouping: an equal one made since is a broadcast's
    public void forgetIdleGrouping() {
        Recipients current = last;
        if (current != null && current == seenBySweep) {
            LAST.compareAndSet(this, current, null);
            seenBySweep = null;
        } else {
            seenBySweep = current;
        }
    }

    private Recipients recipients(List<Member<Channel>> members) {
        Recipients cached = last;
        long encoderChanges = EventEncoder.changes();
        if (cached != null && cached.encoderChanges() == encoderChanges) {
            if (cached.members() == members) {
                return cached;
            }
            Recipients fewer = cached.without(members);
            if (fewer != null) {
                last = fewer;
                return fewer;
            }
        }
        Map<EventLoop, Integer> groupOfLoop = new IdentityHashMap<>();
        List<List<Channel>> grouping = new ArrayList<>();
        int[] groupOf = new int[members.size()];
        for (int i = 0; i < groupOf.length; i++) {
            Channel channel = members.get(i).link();
            int g = groupOfLoop.computeIfAbsent(channel.eventLoop(), loop -> {
                grouping.add(new ArrayList<>());
                return grouping.size() - 1;
            });
            grouping.get(g).add(channel);
            groupOf[i] = g;
        }
        LoopGroup[] groups = new LoopGroup[grouping.size()];
        for (int g = 0; g < groups.length; g++) {
            Channel[] array = grouping.get(g).toArray(new Channel[0]);
            EventEncoder[] encoders = new EventEncoder[array.length];
            for (int i = 0; i < array.length; i++) {
                encoders[i] = EventEncoder.of(array[i], fallback);
            }
            EventLoop loop = array[0].eventLoop();
            groups[g] = new LoopGroup(loop, array, DistinctEncoders.of(encoders), outbox(loop));
        }
        Recipients made = new Recipients(members, encoderChanges, groups, groupOf);
        last = made;
        return made;
    }

    @Override
    public void deliverTo(ChatEvent event, Member<Channel> member) {
        Channel channel = member.link();
        EventEncoder encoder = EventEncoder.of(channel, fallback);
        write(channel, encoder.encodeFor(allocator, event, member.name()));
        deliveries.delivered(encoder.transport(), 1);
        if (!(event instanceof ChatEvent.Message)) {
            toTheAddressee(event, List.of(member), null);
        }
    }

    /**
     * The bytes the member {@code event} addresses alone ({@link EventEncoder#addresseeOf}: an heir, or an owner told how
     * to keep its room), when it is among {@code members} but {@code except}, gets after the event's, which its protocol
     * may add for it alone ({@link EventEncoder#encodeForAddressee}): queued after the event on its loop, so that they
     * follow it.
     */
    private void toTheAddressee(ChatEvent event, List<Member<Channel>> members, Member<Channel> except) {
        String addressee = EventEncoder.addresseeOf(event);
        if (addressee == null) {
            return;
        }
        String key = Names.key(addressee);
        for (Member<Channel> member : members) {
            if (member != except && member.key().equals(key)) {
                Channel channel = member.link();
                ByteBuf more = EventEncoder.of(channel, fallback).encodeForAddressee(allocator, event);
                if (more != null) {
                    write(channel, more);
                }
                return;
            }
        }
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
        if (event instanceof ChatEvent.Banned) {
            ServerClose.BAN.mark(channel);
        } else if (event instanceof ChatEvent.Killed) {
            ServerClose.KILL.mark(channel);
        }
        ByteBuf bytes = EventEncoder.of(channel, fallback).encodeFor(allocator, event, member.name());
        outbox(channel.eventLoop()).add(new Single(channel, bytes, true));
    }

    /**
     * A place in {@code channel}'s stream of writes, taken now: what is later given to it runs after everything queued
     * for the channel so far (events, echoes, earlier places) and before anything queued after this call. A protocol
     * adapter writes its answers there, so that they keep their order among the events its commands cause: an IRC
     * answer to a PING sent after a PART comes after the PART's echo, and a JOIN's answer takes its place before the
     * join, so that it precedes the room's history and the live lines the join queued.
     */
    public InOrder reserve(Channel channel) {
        InOrder place = new InOrder();
        outbox(channel.eventLoop()).add(place);
        return place;
    }

    /**
     * Asks for a place in {@code sender}'s stream of writes ({@link #reserve}) taken when its next chat line is
     * delivered, under the room's lock: behind the events numbered before the line and ahead of those numbered after
     * it, whichever connection's lines they are. The answer to the line goes there ({@link #placeForAnswer}), so that a
     * client printing its own line when the answer comes prints it in the room's order (trial 11: two lines read in
     * one pass of the loops after a stall, and the answer written at once came before the line numbered first). Called
     * on the sender's loop, before the post.
     */
    public void wantPlaceForAnswer(Channel sender) {
        sender.attr(ANSWER_PLACE).set(PLACE_WANTED);
    }

    /**
     * The place {@link #wantPlaceForAnswer} asked for, taken when the line was delivered, or null when none was (the
     * post was refused); asked after the post, on the sender's loop.
     */
    public InOrder placeForAnswer(Channel sender) {
        Object place = sender.attr(ANSWER_PLACE).getAndSet(null);
        return place instanceof InOrder taken ? taken : null;
    }

    /** Takes the place the sender of a chat line asked for, if it asked ({@link #wantPlaceForAnswer}). */
    private void placeAnswerOf(Member<Channel> sender) {
        Channel channel = sender.link();
        if (channel != null && channel.hasAttr(ANSWER_PLACE)) {
            Attribute<Object> wanted = channel.attr(ANSWER_PLACE);
            if (wanted.get() == PLACE_WANTED) {
                wanted.set(reserve(channel));
            }
        }
    }

    /**
     * A place in a channel's stream of writes ({@link #reserve}). Filled and run on the channel's event loop only: the
     * place is filled while the loop handles the read that reserved it, and runs when the loop next writes its outbox.
     * A place never filled is passed over.
     */
    public static final class InOrder {
        private Runnable action;

        /** What to run at this place (a write and flush to the channel): given once, on the channel's event loop. */
        public void then(Runnable action) {
            this.action = action;
        }

        void run() {
            if (action != null) {
                action.run();
            }
        }
    }

    private LoopOutbox outbox(EventLoop loop) {
        return outboxes.computeIfAbsent(loop, LoopOutbox::new);
    }

    /**
     * A broadcast handed to a loop: one reference to the frame of each of the group's encoders (null where the
     * sender alone has that encoder), or the event itself for a group of one encoder, encoded on the loop; the index
     * of the sender's channel in the group (-1: not in it), and the sender's echo (null: none).
     */
    private final class Broadcast {
        private final LoopGroup group;
        /** The event to encode on the loop, for a group of one encoder; null when the frames were made. */
        private final ChatEvent event;

        private final int skipped;
        private final ByteBuf echo;
        /** Per encoder; for an {@link #event}, null until a frame of its own is asked for ({@link #frameOf}). */
        private ByteBuf[] frames;

        Broadcast(LoopGroup group, ByteBuf[] frames, int skipped, ByteBuf echo) {
            this.group = group;
            this.event = null;
            this.frames = frames;
            this.skipped = skipped;
            this.echo = echo;
        }

        /** A broadcast of {@code event} to a group of one encoder, encoded when it is written. */
        Broadcast(LoopGroup group, ChatEvent event, int skipped, ByteBuf echo) {
            this.group = group;
            this.event = event;
            this.skipped = skipped;
            this.echo = echo;
        }

        LoopGroup group() {
            return group;
        }

        int skipped() {
            return skipped;
        }

        ByteBuf echo() {
            return echo;
        }

        /** How many of the group's channels get encoder {@code e}'s frame: all that have it but the sender. */
        static int recipients(DistinctEncoders distinct, int skipped, int e) {
            return distinct.sizes()[e] - (skipped >= 0 && distinct.of()[skipped] == e ? 1 : 0);
        }

        /**
         * Whether it can share buffers with its neighbours: every recipient gets its encoder's frame, and the sender
         * (if among them) nothing, rather than an echo of its own.
         */
        boolean mergeable() {
            return echo == null;
        }

        /**
         * Appends encoder {@code e}'s bytes of this broadcast to {@code pass}: encoded straight into it when it carries
         * its event and no frame was made, copied from the frame otherwise. On the loop.
         */
        void appendTo(ByteBuf pass, int e) {
            if (frames == null) {
                int start = pass.writerIndex();
                try {
                    group.distinct().encoders()[e].encodeTo(allocator, event, pass);
                } catch (RuntimeException failed) {
                    pass.writerIndex(start);
                    leftOut(event, failed);
                }
            } else if (frames[e] != null) {
                pass.writeBytes(frames[e], frames[e].readerIndex(), frames[e].readableBytes());
            }
        }

        /** Encoder {@code e}'s bytes, if any will be written ({@link #appendTo}), or a guess for an unmade frame. */
        int bytesOf(int e, int guess) {
            return frames == null ? guess : frames[e] == null ? 0 : frames[e].readableBytes();
        }

        /**
         * The frame of each of the group's encoders, null where only the sender has that encoder; made now for a
         * broadcast that carries its event (held until {@link #release}). On the loop.
         */
        ByteBuf[] frames() {
            if (frames == null) {
                ByteBuf frame;
                try {
                    frame = group.distinct().encoders()[0].encode(allocator, event);
                } catch (RuntimeException failed) {
                    frame = Unpooled.EMPTY_BUFFER;
                    leftOut(event, failed);
                }
                frames = new ByteBuf[] {frame};
            }
            return frames;
        }

        /** The frame of the group's encoder {@code e} ({@link #frames}). */
        ByteBuf frameOf(int e) {
            return frames()[e];
        }

        /**
         * An event the loop could not encode is left out and logged: encoded at the post, its failure was the poster's;
         * on the loop, it must not stop the outbox from writing what else it holds.
         */
        private static void leftOut(ChatEvent event, RuntimeException failed) {
            log.error(
                    "an event ({}) could not be encoded and is left out",
                    event.getClass().getSimpleName(),
                    failed);
        }

        void release() {
            if (frames != null) {
                for (ByteBuf frame : frames) {
                    if (frame != null) {
                        frame.release();
                    }
                }
            }
            if (echo != null) {
                echo.release();
            }
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
     * client; this shares the queue's bytes among the clients instead of copying them to each. Consecutive broadcasts
     * to different recipients share one buffer too ({@link #writeAcross}). A broadcast whose sender wants an echo of
     * its line is written on its own, in order; recipients with different encoders (OCP, IRC and WebSocket members of
     * one room) get one buffer per encoder.
     */
    private final class LoopOutbox implements Runnable {
        private final EventLoop loop;
        /** {@link Broadcast}s, {@link Single}s and {@link InOrder} places, from any thread. */
        private final Queue<Object> handedOver = new ConcurrentLinkedQueue<>();
        /** True from the add that queued this task until the task has taken everything. */
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** What one run of the task took, and the channels it wrote: touched only on the loop. */
        private final List<Object> taken = new ArrayList<>();

        private final List<Channel[]> groups = new ArrayList<>();
        private final Set<Channel[]> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Channel> singles = new ArrayList<>();
        /** The channels {@link #writeAcross} wrote, each once. */
        private final List<Channel> acrossWritten = new ArrayList<>();
        /**
         * How many bytes {@link #writeMerged} expects of a line it encodes into its buffer (from its last pass): the
         * buffer is made that large per line, and grows if the guess falls short.
         */
        private int lineBytes = MIN_LINE_GUESS;

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
                broadcast.release();
            } else if (item instanceof Single single) {
                single.bytes().release();
            } // an InOrder place holds no bytes: its action makes them
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
                    boolean oneGrouping = true;
                    while (first.mergeable()
                            && end < taken.size()
                            && taken.get(end) instanceof Broadcast next
                            && next.mergeable()) {
                        oneGrouping &= next.group().channels() == first.group().channels();
                        end++;
                    }
                    if (end - i == 1 || oneGrouping) {
                        if (end - i == 1) {
                            writeAlone(first);
                        } else {
                            writeMerged(taken.subList(i, end), first.group());
                        }
                        if (marked.add(first.group().channels())) {
                            groups.add(first.group().channels());
                        }
                    } else {
                        writeAcross(taken.subList(i, end));
                    }
                    i = end;
                } else if (taken.get(i) instanceof InOrder place) {
                    i++;
                    place.run();
                } else {
                    Single single = (Single) taken.get(i++);
                    if (single.close()) {
                        // An orderly close (FIN after the last byte, input dropped): closed at once, a connection with
                        // unread input is reset, and the reset discards what the client had not yet received, this
                        // last event included (a member sending as the server stopped lost the notice).
                        LingeringClose.closeAfter(
                                single.channel().writeAndFlush(single.bytes()),
                                openchat.server.config.ServerConfig.CLOSE_LINGER);
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
            for (Channel channel : acrossWritten) {
                channel.flush();
            }
            groups.clear();
            marked.clear();
            singles.clear();
            acrossWritten.clear();
        }

        /** One broadcast: per recipient a duplicate of its encoder's frame; to the sender, its echo if any. */
        private void writeAlone(Broadcast broadcast) {
            DistinctEncoders distinct = broadcast.group().distinct();
            ByteBuf[] frames = broadcast.frames();
            for (int e = 0; e < frames.length; e++) {
                int recipients = Broadcast.recipients(distinct, broadcast.skipped(), e);
                if (recipients > 1) {
                    // The broadcast holds one reference; each written duplicate takes one: an atomic add per frame
                    // rather than one per member.
                    frames[e].retain(recipients - 1);
                }
            }
            Channel[] channels = broadcast.group().channels();
            for (int c = 0; c < channels.length; c++) {
                if (c == broadcast.skipped()) {
                    if (broadcast.echo() != null) { // its own line, in its own bytes, at its place
                        channels[c].write(broadcast.echo(), channels[c].voidPromise());
                    }
                } else {
                    // A plain duplicate (own indices, the frame's reference count) is cheaper than a pooled
                    // retainedDuplicate, whose recycler cost ~9 % of the closed-5 profile.
                    channels[c].write(frames[distinct.of()[c]].duplicate(), channels[c].voidPromise());
                }
            }
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
                    total += ((Broadcast) item).bytesOf(e, lineBytes);
                }
                passes[e] = allocator.directBuffer(total);
                for (int k = 0; k < count; k++) {
                    ((Broadcast) run.get(k)).appendTo(passes[e], e);
                    ends[e][k] = passes[e].writerIndex();
                }
                // The next pass's guess for a line encoded into it: this pass's lines, a little over their average.
                lineBytes = Math.max(MIN_LINE_GUESS, passes[e].writerIndex() / count + LINE_GUESS_SLACK);
            }
            for (int k = 0; k < count; k++) {
                Broadcast broadcast = (Broadcast) run.get(k);
                skipped[k] = broadcast.skipped();
                broadcast.release();
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

        /**
         * Mergeable broadcasts to different groupings of this loop's channels, in order: the events of a room whose
         * members change within the pass (a burst of leaves when many connections drop at once, each LEFT to the
         * room less those gone before it), or of several rooms. Per encoder, their frames in one buffer; per
         * channel that is still open, the slices of the events it is a recipient of, consecutive ones as one. Written
         * on their own, each event would cost a write per member: a thousand leaves in a pass to a room of 19,000,
         * 19 million writes where this makes 19,000.
         */
        private void writeAcross(List<Object> run) {
            int count = run.size();
            List<EventEncoder> encoders = new ArrayList<>(2);
            int[][] encoderOf = new int[count][]; // per broadcast: its group's encoder number -> the run's
            for (int k = 0; k < count; k++) {
                EventEncoder[] own = ((Broadcast) run.get(k)).group().distinct().encoders();
                encoderOf[k] = new int[own.length];
                for (int e = 0; e < own.length; e++) {
                    int g = DistinctEncoders.indexOf(encoders, own[e]); // by identity, as the frames were made
                    if (g < 0) {
                        g = encoders.size();
                        encoders.add(own[e]);
                    }
                    encoderOf[k][e] = g;
                }
            }
            ByteBuf[] passes = new ByteBuf[encoders.size()];
            int[][] ends = new int[passes.length][count]; // broadcast k's bytes in pass g end at ends[g][k]
            for (int g = 0; g < passes.length; g++) {
                int total = 0;
                for (int k = 0; k < count; k++) {
                    ByteBuf frame = frameFor((Broadcast) run.get(k), encoderOf[k], g);
                    total += frame == null ? 0 : frame.readableBytes();
                }
                passes[g] = allocator.directBuffer(total);
                for (int k = 0; k < count; k++) {
                    ByteBuf frame = frameFor((Broadcast) run.get(k), encoderOf[k], g);
                    if (frame != null) {
                        passes[g].writeBytes(frame, frame.readerIndex(), frame.readableBytes());
                    }
                    ends[g][k] = passes[g].writerIndex();
                }
            }
            Map<Channel, PendingSlice> pending = new IdentityHashMap<>();
            for (int k = 0; k < count; k++) {
                Broadcast broadcast = (Broadcast) run.get(k);
                Channel[] channels = broadcast.group().channels();
                int[] of = broadcast.group().distinct().of();
                for (int c = 0; c < channels.length; c++) {
                    Channel channel = channels[c];
                    if (c == broadcast.skipped() || !channel.isActive()) {
                        continue; // its own line (mergeable: no echo), or a channel gone earlier in the pass
                    }
                    int g = encoderOf[k][of[c]];
                    int from = k == 0 ? 0 : ends[g][k - 1];
                    PendingSlice slice = pending.get(channel);
                    if (slice == null) {
                        pending.put(channel, new PendingSlice(g, from, ends[g][k]));
                    } else if (slice.pass == g && slice.to == from) {
                        slice.to = ends[g][k]; // the next event in the same buffer: one slice
                    } else {
                        channel.write(
                                passes[slice.pass].retainedSlice(slice.from, slice.to - slice.from),
                                channel.voidPromise());
                        slice.pass = g;
                        slice.from = from;
                        slice.to = ends[g][k];
                    }
                }
                broadcast.release();
            }
            pending.forEach((channel, slice) -> {
                channel.write(
                        passes[slice.pass].retainedSlice(slice.from, slice.to - slice.from), channel.voidPromise());
                acrossWritten.add(channel);
            });
            for (ByteBuf pass : passes) {
                pass.release();
            }
        }

        /** {@code broadcast}'s frame for the run's encoder {@code g}, or null. */
        private static ByteBuf frameFor(Broadcast broadcast, int[] encoderOf, int g) {
            for (int e = 0; e < encoderOf.length; e++) {
                if (encoderOf[e] == g) {
                    return broadcast.frameOf(e);
                }
            }
            return null;
        }
    }

    /** What {@link LoopOutbox#writeAcross} has yet to write to one channel: bytes {@code from}–{@code to} of a pass. */
    private static final class PendingSlice {
        int pass;
        int from;
        int to;

        PendingSlice(int pass, int from, int to) {
            this.pass = pass;
            this.from = from;
            this.to = to;
        }
    }
}
