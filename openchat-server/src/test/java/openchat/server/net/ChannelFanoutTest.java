package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import openchat.core.ChatCore;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.HistoryStore;
import openchat.core.Member;
import openchat.server.ocp.OcpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelFanoutTest {
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final ChannelFanout fanout = new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events());
    private final ChatCore<Channel> core = new ChatCore<>(
            CoreConfig.builder().roomCapacity(10).build(),
            fanout,
            CoreListener.NONE,
            HistoryStore.NONE,
            Clock.fixed(Instant.parse("2026-11-25T01:15:30.123Z"), ZoneOffset.UTC),
            key -> false);

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private Member<Channel> join(String name) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return core.connect(name, null, null, channel, "lobby", -1).member();
    }

    @Test
    void broadcastIsEncodedOnceAndTheSameBytesGoToEveryMember() {
        Member<Channel> sender = join("a");
        join("b");
        join("c");
        join("d");
        channels.forEach(c -> {
            c.runPendingTasks();
            c.releaseOutbound();
        });

        core.post(sender, "lobby", "안녕하세요");

        List<ByteBuf> written = new ArrayList<>();
        for (EmbeddedChannel channel : channels.subList(1, channels.size())) {
            channel.runPendingTasks();
            ByteBuf frame = channel.readOutbound();
            assertThat(frame).as("frame for %s", channel).isNotNull();
            written.add(frame);
        }
        ByteBuf shared = root(written.get(0));
        assertThat(shared).as("a duplicate of one encoded buffer").isNotSameAs(written.get(0));
        for (ByteBuf frame : written) {
            assertThat(root(frame)).isSameAs(shared);
            assertThat(frame.toString(StandardCharsets.UTF_8))
                    .isEqualTo("MESSAGE /rooms/lobby OCP/1.0\r\nFrom: a\r\nDate: 2026-11-25T01:15:30.123Z\r\nSeq: 5\r\n"
                            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\n\r\n안녕하세요");
        }
        assertThat((Object) channels.get(0).readOutbound())
                .as("the sender gets no copy")
                .isNull();
        written.forEach(ByteBuf::release);
        assertThat(shared.refCnt())
                .as("released once every member's copy is written")
                .isZero();
    }

    /** The buffer under any duplicates and leak-detection wrappers. */
    private static ByteBuf root(ByteBuf buffer) {
        ByteBuf root = buffer;
        while (root.unwrap() != null) {
            root = root.unwrap();
        }
        return root;
    }

    @Test
    void eventsQueuedOnTheSameLoopKeepTheirOrder() {
        Member<Channel> a = join("a");
        join("b");
        EmbeddedChannel b = channels.get(1);
        b.runPendingTasks();
        b.releaseOutbound();

        core.post(a, "lobby", "one");
        core.post(a, "lobby", "two");
        b.runPendingTasks();

        String written = outbound(b);
        assertThat(written).contains("one", "two");
        assertThat(written.indexOf("one")).isLessThan(written.indexOf("two"));
    }

    /** Everything written to {@code channel} so far, as text; the buffers are released. */
    private static String outbound(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf frame; (frame = channel.readOutbound()) != null; ) {
            text.append(frame.toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return text.toString();
    }

    /**
     * Members leaving one after another: each grouping after a departure is made from the one before (the room's
     * list less some), and must reach exactly those still there, each in its own encoding; a join (not a list less
     * some) groups the room afresh. Every channel here has a loop of its own, and two of them another encoder.
     */
    @Test
    void aRoomThatLosesMembersOneByOneDeliversToExactlyThoseLeftInTheirOwnEncoding() {
        Member<Channel> a = join("a");
        Member<Channel> b = join("b");
        Member<Channel> c = join("c");
        join("d");
        Member<Channel> e = join("e");
        EventEncoder tagged = (allocator, event) -> allocator
                .buffer()
                .writeBytes(("tagged "
                                + (event instanceof openchat.core.ChatEvent.Message message ? message.text() : "event")
                                + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        EventEncoder.set(channels.get(1), tagged);
        EventEncoder.set(channels.get(3), tagged);

        core.post(a, "lobby", "one", false);
        core.disconnect(c, openchat.core.LeaveReason.LEFT, "", true);
        core.post(a, "lobby", "two", false);
        core.disconnect(e, openchat.core.LeaveReason.LEFT, "", true);
        core.disconnect(b, openchat.core.LeaveReason.LEFT, "", true);
        core.post(a, "lobby", "three", false);
        join("f");
        core.post(a, "lobby", "four", false);

        List<String> got = new ArrayList<>();
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            got.add(outbound(channel));
        }
        assertThat(got.get(0)).as("a, the sender").doesNotContain("one", "two", "three", "four");
        assertThat(got.get(1))
                .as("b, tagged, left after two")
                .contains("tagged one\n", "tagged two\n")
                .doesNotContain("three", "four");
        assertThat(got.get(2)).as("c, left after one").contains("\r\n\r\none").doesNotContain("two", "three");
        assertThat(got.get(3))
                .as("d, tagged, stayed")
                .contains("tagged one\n", "tagged two\n", "tagged three\n", "tagged four\n");
        assertThat(got.get(4))
                .as("e, left after two")
                .contains("\r\n\r\none", "\r\n\r\ntwo")
                .doesNotContain("three", "four");
        assertThat(got.get(5))
                .as("f, joined after three")
                .contains("\r\n\r\nfour")
                .doesNotContain("three");
    }

    /**
     * Members who leave without a word (quiet leaves here; on a server, also those past a room's presence limit) make
     * no broadcast, so the grouping of the room's last line still holds their channels: the housekeeping's sweep lets
     * it go when it finds it a second time, and the room's next line is grouped again, for those still there.
     */
    @Test
    void aGroupingNoBroadcastReplacedIsLetGoAtTheSecondSweepAndTheNextLineReachesThoseStillThere() {
        Member<Channel> a = join("a");
        join("b");
        Member<Channel> c = join("c");
        Member<Channel> d = join("d");
        core.post(a, "lobby", "one", false);
        core.disconnect(c, openchat.core.LeaveReason.LEFT, "", true);
        core.disconnect(d, openchat.core.LeaveReason.LEFT, "", true);
        assertThat(fanout.channelsHeld())
                .as("the grouping of the line, gone members included")
                .isEqualTo(4);

        fanout.forgetIdleGrouping();
        assertThat(fanout.channelsHeld())
                .as("kept at the first sweep that finds it")
                .isEqualTo(4);
        fanout.forgetIdleGrouping();
        assertThat(fanout.channelsHeld()).as("let go at the second").isZero();

        core.post(a, "lobby", "two", false);
        assertThat(fanout.channelsHeld())
                .as("the room grouped again, as it is now")
                .isEqualTo(2);
        fanout.forgetIdleGrouping();
        core.disconnect(join("e"), openchat.core.LeaveReason.LEFT, "", true);
        core.post(a, "lobby", "three", false);
        fanout.forgetIdleGrouping();
        assertThat(fanout.channelsHeld())
                .as("a grouping made after the first sweep (a join and a leave since) is kept at the second")
                .isEqualTo(2);
        List<String> got = new ArrayList<>();
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            got.add(outbound(channel));
        }
        assertThat(got.get(1)).as("b").contains("\r\n\r\none", "\r\n\r\ntwo", "\r\n\r\nthree");
        assertThat(got.get(2)).as("c, gone quietly").contains("\r\n\r\none").doesNotContain("two", "three");
        assertThat(got.get(3)).as("d, gone quietly").contains("\r\n\r\none").doesNotContain("two", "three");
    }

    @Test
    void aMemberWhoseEncoderChangesGetsTheNewEncodingWhileTheRoomKeepsItsMembers() {
        Member<Channel> a = join("a");
        join("b");
        EmbeddedChannel b = channels.get(1);
        b.runPendingTasks();
        b.releaseOutbound();
        core.post(a, "lobby", "before");
        b.runPendingTasks();
        ByteBuf before = b.readOutbound();
        assertThat(before.toString(StandardCharsets.UTF_8)).startsWith("MESSAGE /rooms/lobby");
        before.release();

        EventEncoder.set(
                b, (allocator, event) -> allocator.buffer().writeBytes("changed".getBytes(StandardCharsets.US_ASCII)));
        core.post(a, "lobby", "after");
        b.runPendingTasks();

        ByteBuf after = b.readOutbound();
        assertThat(after.toString(StandardCharsets.UTF_8)).isEqualTo("changed");
        after.release();
    }

    @Test
    void everyRecipientIsFlushedAfterABurstOfLines() {
        Member<Channel> a = join("a");
        join("b");
        join("c");
        channels.forEach(c -> {
            c.runPendingTasks();
            c.releaseOutbound();
        });
        for (int i = 0; i < 3; i++) {
            core.post(a, "lobby", "line " + i);
        }
        for (EmbeddedChannel channel : channels.subList(1, channels.size())) {
            channel.runPendingTasks();
            int flushedBefore = channel.outboundMessages().size();
            assertThat(flushedBefore).as("written and flushed").isPositive();
            String written = outbound(channel);
            assertThat(written.split("MESSAGE /rooms/lobby", -1)).hasSize(4);
            assertThat(written).endsWith("line 2");
        }
    }
}
