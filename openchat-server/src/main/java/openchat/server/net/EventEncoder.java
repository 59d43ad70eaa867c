package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;
import openchat.core.ChatEvent;

/**
 * How one connection's protocol writes the core's events as bytes. Each listener's pipeline sets its encoder on
 * the channel ({@link #set}); {@link ChannelFanout} encodes an event once per distinct encoder among the
 * recipients, so recipients that speak the same protocol with the same options share one buffer. An encoder is
 * stateless and shared; a connection whose options change (an IRC client enabling {@code server-time}) gets
 * another encoder.
 */
public interface EventEncoder {

    /** The transport these bytes go out on ({@link Transport#label}), for the metrics' deliveries by transport. */
    default String transport() {
        return "other";
    }

    /** One event, ready to write. */
    ByteBuf encode(ByteBufAllocator allocator, ChatEvent event);

    /**
     * {@code event} for one member alone, {@code recipient} (its name), as {@link ChannelFanout#deliverTo} sends it:
     * the bytes of {@link #encode}, the default, unless the protocol names the one it speaks to. IRC addresses the
     * server's notice to the recipient's nick ({@code NOTICE nick :…}), as ergo does once a client has registered; a
     * room's events, encoded once for all their recipients, name none.
     */
    default ByteBuf encodeFor(ByteBufAllocator allocator, ChatEvent event, String recipient) {
        return encode(allocator, event);
    }

    /**
     * Appends the bytes of {@link #encode} to {@code out}, a buffer that several events share (it grows as needed). An
     * encoder that assembles its common events in an array of its own writes them straight into {@code out}, with no
     * buffer made for the one event.
     */
    default void encodeTo(ByteBufAllocator allocator, ChatEvent event, ByteBuf out) {
        ByteBuf bytes = encode(allocator, event);
        try {
            out.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
        } finally {
            bytes.release();
        }
    }

    /**
     * What the member {@code event} says something more to alone ({@link #addresseeOf}) gets after the event's own
     * bytes, which it shares with the room: null, the default, for nothing more. IRC tells the heir of a registered room
     * in words that the key's holder takes the room back (the others see the heir's {@code +o}, as the terminal client
     * tells them only who owns the room now), and the owner present when the administrator registers its room or gives
     * it a new key how to keep it; the terminal client and the web page say these themselves, knowing their role.
     */
    default ByteBuf encodeForAddressee(ByteBufAllocator allocator, ChatEvent event) {
        return null;
    }

    /**
     * The name of the member {@code event} says something more to alone: the member it makes its room's owner by
     * presence (a {@link ChatEvent.Left}'s heir, or the new owner of a {@link ChatEvent.NewOwner} that took no one's
     * room with a key), or the owner present when the administrator registered its room or gave it a new key ({@link
     * ChatEvent.RoomRegistration#ownerToldToKeepIt}); null for every other event.
     */
    static String addresseeOf(ChatEvent event) {
        if (event instanceof ChatEvent.Left left) {
            return left.owner();
        }
        if (event instanceof ChatEvent.RoomRegistration registration) {
            return registration.ownerToldToKeepIt();
        }
        return event instanceof ChatEvent.NewOwner owner && owner.previous() == null ? owner.name() : null;
    }

    /** A joiner's history replay, oldest first (every message marked as replayed): by default, one after another. */
    default ByteBuf encodeReplay(ByteBufAllocator allocator, List<ChatEvent.Message> history) {
        CompositeByteBuf all = allocator.compositeBuffer(Math.max(2, history.size()));
        for (ChatEvent.Message message : history) {
            all.addComponent(true, encode(allocator, message));
        }
        return all;
    }

    /**
     * How a connection that wants its own room messages back (IRC's {@code echo-message}) gets them: in the room's
     * order, among the others' events. {@link ChannelFanout} asks it on the sender's own thread, during the post.
     */
    @FunctionalInterface
    interface Echo {
        /** The sender's copy of {@code event}, or null for none (an event that is not a chat line). */
        ByteBuf echo(ByteBufAllocator allocator, ChatEvent event);
    }

    /** Makes {@code echo} the way {@code channel} gets its own room messages back; null: it gets none. */
    static void setEcho(Channel channel, Echo echo) {
        channel.attr(Key.ECHO).set(echo);
    }

    /** The channel's {@link Echo}, or null. */
    static Echo echoOf(Channel channel) {
        return channel.attr(Key.ECHO).get();
    }

    /** Makes {@code encoder} the way events reach {@code channel} from now on. */
    static void set(Channel channel, EventEncoder encoder) {
        channel.attr(Key.ENCODER).set(encoder);
        Key.CHANGES.incrementAndGet();
    }

    /**
     * How many times any channel's encoder was set: {@link ChannelFanout} keeps each recipient's encoder with its
     * grouping of a room's members, and makes the grouping again when this has moved.
     */
    static long changes() {
        return Key.CHANGES.get();
    }

    /** The encoder set on {@code channel}, or {@code fallback}. */
    static EventEncoder of(Channel channel, EventEncoder fallback) {
        EventEncoder set = channel.attr(Key.ENCODER).get();
        return set == null ? fallback : set;
    }

    /** Holds the attribute key out of the interface's public face. */
    final class Key {
        static final AttributeKey<EventEncoder> ENCODER = AttributeKey.valueOf("openchat.eventEncoder");
        static final AttributeKey<Echo> ECHO = AttributeKey.valueOf("openchat.echo");
        static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();

        private Key() {}
    }
}
