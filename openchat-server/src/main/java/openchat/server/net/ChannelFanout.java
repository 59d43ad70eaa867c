package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import openchat.protocol.OcpEncoder;
import openchat.server.room.Fanout;
import openchat.server.room.Member;
import openchat.server.room.RoomEvent;

/**
 * Delivers room events to members' channels. Each event is encoded once; every recipient gets a retained
 * duplicate of the same bytes.
 *
 * <p>Ordering: the room calls this under its lock, and every write is queued as a task on the recipient's
 * event loop, even from that loop itself. Netty runs a loop's tasks in submission order, so each member
 * receives events in sequence order. (Writing directly when already on the loop would overtake writes other
 * threads queued a moment earlier.)
 */
final class ChannelFanout implements Fanout<Channel> {
    private final ByteBufAllocator allocator;

    ChannelFanout(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public void deliver(RoomEvent event, Iterable<Member<Channel>> members, Member<Channel> except) {
        ByteBuf frame = null;
        try {
            for (Member<Channel> member : members) {
                if (member == except) {
                    continue;
                }
                if (frame == null) {
                    frame = OcpEncoder.encode(allocator, EventMessages.of(event));
                }
                write(member.link(), frame.retainedDuplicate(), false);
            }
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }

    @Override
    public void deliverAndClose(RoomEvent event, Member<Channel> member) {
        write(member.link(), OcpEncoder.encode(allocator, EventMessages.of(event)), true);
    }

    private static void write(Channel channel, ByteBuf bytes, boolean thenClose) {
        EventLoop loop = channel.eventLoop();
        try {
            loop.execute(() -> {
                if (thenClose) {
                    channel.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
                } else {
                    channel.writeAndFlush(bytes, channel.voidPromise());
                }
            });
        } catch (RejectedExecutionException stopping) {
            bytes.release();
        }
    }
}
