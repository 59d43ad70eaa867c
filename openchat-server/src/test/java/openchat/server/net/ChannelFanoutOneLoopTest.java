package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import openchat.core.ChatCore;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.HistoryStore;
import openchat.core.Member;
import openchat.server.ocp.OcpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room whose members all sit on one event loop and share one encoder, the usual case, which the fanout serves
 * without its bookkeeping for several loops and encoders: real (in-process) channels on one loop, read by their peers.
 */
class ChannelFanoutOneLoopTest {
    private final DefaultEventLoopGroup serverLoop = new DefaultEventLoopGroup(1);
    private final DefaultEventLoopGroup clientLoop = new DefaultEventLoopGroup(1);
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final List<StringBuilder> received = new ArrayList<>();
    private final ChatCore<Channel> core = new ChatCore<>(
            CoreConfig.builder()
                    .roomCapacity(10)
                    .floodControl(openchat.core.FloodControl.OFF)
                    .build(),
            new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events()),
            CoreListener.NONE,
            HistoryStore.NONE,
            Clock.fixed(Instant.parse("2026-12-05T01:15:30.123Z"), ZoneOffset.UTC),
            key -> false);
    private final LocalAddress address = new LocalAddress("fanout-one-loop-" + System.nanoTime());
    private final Channel server = new ServerBootstrap()
            .group(serverLoop)
            .channel(LocalServerChannel.class)
            .childHandler(new ChannelInitializer<LocalChannel>() {
                @Override
                protected void initChannel(LocalChannel channel) {
                    accepted.add(channel);
                }
            })
            .bind(address)
            .syncUninterruptibly()
            .channel();

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Joins {@code name} with a server-side channel on the one server loop; returns what its client reads. */
    private Member<Channel> join(String name) throws InterruptedException {
        StringBuilder reads = new StringBuilder();
        received.add(reads);
        new Bootstrap()
                .group(clientLoop)
                .channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object message) {
                        ByteBuf bytes = (ByteBuf) message;
                        synchronized (reads) {
                            reads.append(bytes.toString(StandardCharsets.UTF_8));
                        }
                        bytes.release();
                    }
                })
                .connect(address)
                .syncUninterruptibly();
        Channel link = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(link).isNotNull();
        return core.connect(name, null, null, link, "lobby", -1).member();
    }

    private String read(int member) {
        synchronized (received.get(member)) {
            return received.get(member).toString();
        }
    }

    @Test
    void aLineReachesEveryOtherMemberOnceAndTheSenderOnlyWhenItAsksForAnEcho() throws Exception {
        Member<Channel> sender = join("a");
        Member<Channel> b = join("b");
        Member<Channel> c = join("c");
        assertThat(b.link().eventLoop()).isSameAs(sender.link().eventLoop());
        assertThat(c.link().eventLoop()).isSameAs(sender.link().eventLoop());
        // a and b are told that c joined (the room's third number), the last thing before the test's lines.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> read(0).endsWith("Members: 3\r\n\r\n") && read(1).endsWith("Members: 3\r\n\r\n"));
        received.forEach(reads -> {
            synchronized (reads) {
                reads.setLength(0);
            }
        });

        core.post(sender, "lobby", "하나");
        EventEncoder.setEcho(
                sender.link(),
                (allocator, event) -> event instanceof ChatEvent.Message line
                        ? Unpooled.copiedBuffer("echo:" + line.text() + "\n", StandardCharsets.UTF_8)
                        : null);
        core.post(sender, "lobby", "둘");

        String first = "MESSAGE /rooms/lobby OCP/1.0\r\nFrom: a\r\nDate: 2026-12-05T01:15:30.123Z\r\nSeq: 4\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\n하나";
        String second = "MESSAGE /rooms/lobby OCP/1.0\r\nFrom: a\r\nDate: 2026-12-05T01:15:30.123Z\r\nSeq: 5\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n\r\n둘";
        await().atMost(Duration.ofSeconds(5))
                .until(() -> read(1).endsWith(second) && read(2).endsWith(second) && read(0).endsWith("echo:둘\n"));
        assertThat(read(1)).isEqualTo(first + second);
        assertThat(read(2)).isEqualTo(first + second);
        assertThat(read(0)).as("no copy without an echo, then the echo alone").isEqualTo("echo:둘\n");
    }

    @Test
    void linesPostedInOnePassOfTheLoopReachEachMemberInOrderLessItsOwnEvenPastTheBuffersGuess() throws Exception {
        Member<Channel> a = join("a");
        Member<Channel> b = join("b");
        Member<Channel> c = join("c");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> read(0).endsWith("Members: 3\r\n\r\n") && read(1).endsWith("Members: 3\r\n\r\n"));
        received.forEach(reads -> {
            synchronized (reads) {
                reads.setLength(0);
            }
        });
        String longLine = "긴 줄 ".repeat(700); // far past what the pass's buffer is first made for per line
        List<Member<Channel>> senders = List.of(a, b, a, c, b, a);
        List<String> texts = List.of("1", "2", longLine, "4", "5 " + longLine, "6");

        // Posted by a task of the members' loop: the outbox writes them in one pass, into one buffer.
        serverLoop
                .submit(() -> {
                    for (int i = 0; i < texts.size(); i++) {
                        core.post(senders.get(i), "lobby", texts.get(i));
                    }
                })
                .get(5, TimeUnit.SECONDS);

        List<Member<Channel>> members = List.of(a, b, c);
        List<String> expected = new ArrayList<>();
        for (Member<Channel> member : members) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                if (senders.get(i) != member) {
                    lines.append(line(senders.get(i).name(), 4 + i, texts.get(i)));
                }
            }
            expected.add(lines.toString());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> read(0).length() >= expected.get(0).length()
                        && read(1).length() >= expected.get(1).length()
                        && read(2).length() >= expected.get(2).length());
        for (int m = 0; m < members.size(); m++) {
            assertThat(read(m)).as(members.get(m).name()).isEqualTo(expected.get(m));
        }
    }

    private static String line(String from, long seq, String text) {
        return "MESSAGE /rooms/lobby OCP/1.0\r\nFrom: " + from + "\r\nDate: 2026-12-05T01:15:30.123Z\r\nSeq: " + seq
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + text.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + text;
    }

    @Test
    void aLineTheLoopCannotEncodeIsLeftOutAndTheOthersStillArrive() throws Exception {
        Member<Channel> a = join("a");
        Member<Channel> b = join("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> read(0).endsWith("Members: 2\r\n\r\n"));
        received.forEach(reads -> {
            synchronized (reads) {
                reads.setLength(0);
            }
        });
        EventEncoder ocp = OcpListener.events();
        EventEncoder failing = new EventEncoder() {
            @Override
            public ByteBuf encode(ByteBufAllocator allocator, ChatEvent event) {
                if (event instanceof ChatEvent.Message line && line.text().equals("boom")) {
                    throw new IllegalStateException("an encoder's bug");
                }
                return ocp.encode(allocator, event);
            }
        };
        serverLoop
                .submit(() -> {
                    EventEncoder.set(a.link(), failing);
                    EventEncoder.set(b.link(), failing);
                    core.post(a, "lobby", "1");
                    core.post(a, "lobby", "boom"); // among others: encoded into the pass's shared buffer
                    core.post(a, "lobby", "3");
                })
                .get(5, TimeUnit.SECONDS);
        serverLoop.submit(() -> core.post(a, "lobby", "boom")).get(5, TimeUnit.SECONDS); // alone: a frame of its own
        serverLoop.submit(() -> core.post(a, "lobby", "5")).get(5, TimeUnit.SECONDS);

        String expected = line("a", 3, "1") + line("a", 5, "3") + line("a", 7, "5");
        await().atMost(Duration.ofSeconds(5)).until(() -> read(1).length() >= expected.length());
        assertThat(read(1)).isEqualTo(expected);
    }
}
