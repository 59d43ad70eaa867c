package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.ChatCore;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.HistoryStore;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.server.ocp.OcpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room's members on one event loop, as on a server: the lines one pass of the loop posts reach each member in one
 * write, less the member's own lines. Real channels (Netty's in-VM transport), so that the writes are counted where
 * the server makes them and the bytes arrive as a client reads them.
 */
class ChannelFanoutBurstTest {
    private static final Pattern BODY_LENGTH = Pattern.compile("Content-Length: (\\d+)\r\n\r\n");
    private static final Pattern LEFT_NAME = Pattern.compile("LEFT /rooms/lobby OCP/1.0\r\nName: (\\S+)\r\n");

    /** Another protocol's encoder, as an IRC member's would be: {@code <text>} for a line, the event's kind else. */
    private static final EventEncoder ANGLED = (allocator, event) -> allocator
            .buffer()
            .writeBytes(("<"
                            + (event instanceof ChatEvent.Message m
                                    ? m.text()
                                    : event.getClass().getSimpleName())
                            + ">")
                    .getBytes(StandardCharsets.UTF_8));

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
    private final LocalAddress address = new LocalAddress("fanout-burst-" + UUID.randomUUID());
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    /** Per member's channel on the server side: the writes that reached the transport. */
    private final Map<Channel, AtomicInteger> writes = new ConcurrentHashMap<>();
    /** Per member's name: the bytes its client received. */
    private final Map<String, StringBuffer> received = new ConcurrentHashMap<>();
    /** Per transport: the deliveries the fanout reported to the metrics. */
    private final Map<String, Integer> delivered = new ConcurrentHashMap<>();

    private final ChatCore<Channel> core = new ChatCore<>(
            CoreConfig.builder().roomCapacity(10).build(),
            new ChannelFanout(
                    ByteBufAllocator.DEFAULT,
                    OcpListener.events(),
                    (transport, members) -> delivered.merge(transport, members, Integer::sum)),
            CoreListener.NONE,
            HistoryStore.NONE,
            Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC),
            key -> false);

    @BeforeEach
    void listen() throws InterruptedException {
        new ServerBootstrap()
                .group(loop)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        AtomicInteger count = new AtomicInteger();
                        writes.put(channel, count);
                        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                                count.incrementAndGet();
                                ctx.write(msg, promise);
                            }
                        });
                        accepted.add(channel);
                    }
                })
                .bind(address)
                .sync();
    }

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Member<Channel> join(String name) throws InterruptedException {
        StringBuffer bytes = new StringBuffer();
        received.put(name, bytes);
        new Bootstrap()
                .group(loop)
                .channel(LocalChannel.class)
                .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                        bytes.append(msg.toString(StandardCharsets.UTF_8));
                    }
                })
                .connect(address)
                .sync();
        Channel serverSide = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(serverSide).as("accepted").isNotNull();
        return core.connect(name, null, null, serverSide, "lobby", -1).member();
    }

    /** a, b and c in the lobby, every join delivered. */
    private List<Member<Channel>> threeJoined() throws InterruptedException {
        List<Member<Channel>> members = List.of(join("a"), join("b"), join("c"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> received.get("b").toString().contains("Name: c"));
        return members;
    }

    /** From here on, the bytes received and the writes made count from zero. */
    private void forgetWhatWasWritten() throws InterruptedException {
        onLoop(() -> {
            received.values().forEach(bytes -> bytes.setLength(0));
            writes.values().forEach(count -> count.set(0));
            delivered.clear();
        });
    }

    /** Runs {@code task} on the members' event loop, as one pass of it, and waits for it. */
    private void onLoop(Runnable task) throws InterruptedException {
        loop.submit(task).sync();
    }

    /** The chat lines {@code name} received so far, in order. */
    private String lines(String name) {
        String bytes = received.get(name).toString(); // ASCII lines: a character per byte
        Matcher body = BODY_LENGTH.matcher(bytes);
        StringBuilder lines = new StringBuilder();
        while (body.find()) {
            String line = bytes.substring(body.end(), body.end() + Integer.parseInt(body.group(1)));
            lines.append(lines.length() == 0 ? "" : " ").append(line);
        }
        return lines.toString();
    }

    /** The LEFT events {@code name} received so far, as the names of who left, in order. */
    private String leaves(String name) {
        Matcher left = LEFT_NAME.matcher(received.get(name).toString());
        StringBuilder names = new StringBuilder();
        while (left.find()) {
            names.append(names.length() == 0 ? "" : " ").append(left.group(1));
        }
        return names.toString();
    }

    @Test
    void aBurstOfLinesReachesEachMemberInOneWriteLessItsOwnLines() throws Exception {
        List<Member<Channel>> members = threeJoined();
        Member<Channel> a = members.get(0);
        Member<Channel> b = members.get(1);
        forgetWhatWasWritten();

        // One pass of the loop, as when it reads three SENDs: the lines are handed over, then written together.
        onLoop(() -> {
            core.post(a, "lobby", "one");
            core.post(b, "lobby", "two");
            core.post(a, "lobby", "three");
        });

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("c")).isEqualTo("one two three"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("b")).isEqualTo("one three"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("a")).isEqualTo("two"));
        assertThat(writes.get(a.link())).as("a: the line between its own two").hasValue(1);
        assertThat(writes.get(b.link()))
                .as("b: the lines before and after its own")
                .hasValue(2);
        assertThat(writes.values().stream().mapToInt(AtomicInteger::get).sum())
                .as("c: all three in one write")
                .isEqualTo(4);
    }

    @Test
    void membersWithAnotherEncoderGetTheBurstInTheirOwnEncodingInOneWrite() throws Exception {
        List<Member<Channel>> members = threeJoined();
        Member<Channel> a = members.get(0);
        Member<Channel> b = members.get(1);
        Member<Channel> c = members.get(2);
        // c speaks another protocol: its own bytes for every event, as an IRC member's would be.
        onLoop(() -> EventEncoder.set(c.link(), ANGLED));
        forgetWhatWasWritten();

        onLoop(() -> {
            core.post(a, "lobby", "one");
            core.post(b, "lobby", "two");
            core.post(a, "lobby", "three");
            core.post(c, "lobby", "four");
        });

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(received.get("c").toString()).isEqualTo("<one><two><three>"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("b")).isEqualTo("one three four"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("a")).isEqualTo("two four"));
        assertThat(writes.get(c.link()))
                .as("c: its three lines' bytes in one write")
                .hasValue(1);
        assertThat(writes.get(a.link())).as("a: around its own lines").hasValue(2);
        assertThat(writes.get(b.link())).as("b: around its own line").hasValue(2);
    }

    @Test
    void aLineIsEncodedOnlyForTheProtocolsOfItsRecipientsAndCountedPerProtocol() throws Exception {
        List<Member<Channel>> members = threeJoined();
        Member<Channel> a = members.get(0);
        Member<Channel> c = members.get(2);
        AtomicInteger linesEncoded = new AtomicInteger();
        onLoop(() -> EventEncoder.set(c.link(), new EventEncoder() {
            @Override
            public String transport() {
                return "irc";
            }

            @Override
            public ByteBuf encode(ByteBufAllocator allocator, ChatEvent event) {
                if (event instanceof ChatEvent.Message) {
                    linesEncoded.incrementAndGet();
                }
                return allocator.buffer().writeBytes("<line>".getBytes(StandardCharsets.US_ASCII));
            }
        }));
        forgetWhatWasWritten();

        onLoop(() -> core.post(c, "lobby", "alone"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("a")).isEqualTo("alone"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("b")).isEqualTo("alone"));
        assertThat(linesEncoded)
                .as("c is the only member with its protocol, and the sender")
                .hasValue(0);
        assertThat(delivered).isEqualTo(Map.of("ocp", 2));

        onLoop(() -> core.post(a, "lobby", "both"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(received.get("c").toString()).isEqualTo("<line>"));
        assertThat(linesEncoded).hasValue(1);
        assertThat(delivered).isEqualTo(Map.of("ocp", 3, "irc", 1));
    }

    @Test
    void leavesInOnePassReachEachRemainingMemberInOneWrite() throws Exception {
        List<Member<Channel>> members = List.of(join("a"), join("b"), join("c"), join("d"), join("e"), join("f"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> received.get("a").toString().contains("Name: f"));
        forgetWhatWasWritten();

        // As when the loop finds many connections dropped at once: each leave goes to the room less those before it.
        onLoop(() -> {
            for (Member<Channel> gone : members.subList(3, 6)) {
                core.disconnect(gone, LeaveReason.DISCONNECTED, "reset", false);
            }
        });

        for (String stays : List.of("a", "b", "c")) {
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(leaves(stays)).isEqualTo("d e f"));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(leaves("f")).isEqualTo("d e"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(leaves("e")).isEqualTo("d"));
        assertThat(leaves("d")).isEmpty();
        for (Member<Channel> member : members) {
            assertThat(writes.get(member.link()))
                    .as("%s: the leaves it is told, in one write (d: none)", member.name())
                    .hasValue(member.name().equals("d") ? 0 : 1);
        }
        assertThat(delivered).isEqualTo(Map.of("ocp", 5 + 4 + 3));
    }

    @Test
    void linesOfOnePassToTwoRoomsReachEachMemberInOrderWithoutTheOtherRoomsOrItsOwn() throws Exception {
        List<Member<Channel>> members = threeJoined();
        Member<Channel> a = members.get(0);
        Member<Channel> b = members.get(1);
        Member<Channel> c = members.get(2);
        onLoop(() -> {
            core.join(a, "side", -1);
            core.join(c, "side", -1);
            // c speaks another protocol, as an IRC member would.
            EventEncoder.set(c.link(), ANGLED);
        });
        forgetWhatWasWritten();

        onLoop(() -> {
            core.post(a, "lobby", "one");
            core.post(c, "side", "two");
            core.post(b, "lobby", "three");
            core.post(a, "side", "four");
        });

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("a")).isEqualTo("two three"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lines("b")).isEqualTo("one"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(received.get("c").toString()).isEqualTo("<one><three><four>"));
        assertThat(writes.get(a.link()))
                .as("a: two lines of two rooms, next to each other")
                .hasValue(1);
        assertThat(writes.get(b.link()))
                .as("b: the lobby's line before its own")
                .hasValue(1);
        assertThat(writes.get(c.link()))
                .as("c: its encoding's three lines in one, its own between them not encoded for it")
                .hasValue(1);
    }
}
