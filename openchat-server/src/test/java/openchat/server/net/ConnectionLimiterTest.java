package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caps on connections, on {@link EmbeddedChannel}s from made-up addresses: the web connections' share of the cap
 * in all, the longest-idle web connection giving its place to a newcomer, and the per-address counts by IPv6 /64.
 */
class ConnectionLimiterTest {
    private static final BiFunction<ByteBufAllocator, ConnectionLimiter.Refused, ByteBuf> REFUSAL =
            (allocator, refused) ->
                    allocator.buffer().writeBytes(refused.reason().errorCode().getBytes(StandardCharsets.US_ASCII));

    /** Eight in all: web connections may take two. */
    private final ConnectionLimiter limits = new ConnectionLimiter(8, 3, 10);

    private final ChannelHandler webGuard = limits.webGuard(REFUSAL);
    private final ChannelHandler chatGuard = limits.guard(REFUSAL);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** An EmbeddedChannel connected from {@code address}: registered once its address is set. */
    private static final class From extends EmbeddedChannel {
        private SocketAddress peer;

        From(ChannelHandler guard) {
            super(false, false, guard);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return peer;
        }
    }

    private EmbeddedChannel connect(ChannelHandler guard, String address) throws Exception {
        From channel = new From(guard);
        channel.peer = new InetSocketAddress(InetAddress.getByName(address), 40000);
        channel.register();
        channels.add(channel);
        return channel;
    }

    /** The refusal it was sent, or "let in". */
    private static String answer(EmbeddedChannel channel) {
        ByteBuf refused = channel.readOutbound();
        try {
            return refused == null ? "let in" : refused.toString(StandardCharsets.US_ASCII);
        } finally {
            ReferenceCountUtil.release(refused);
        }
    }

    @Test
    void webConnectionsOverTheirShareCloseTheLongestIdleOneAndAreRefusedOnlyWhenNoneIsIdle() throws Exception {
        EmbeddedChannel first = connect(webGuard, "192.0.2.1");
        EmbeddedChannel second = connect(webGuard, "192.0.2.2");
        limits.webIdle(first);
        limits.webIdle(second);

        EmbeddedChannel third = connect(webGuard, "192.0.2.3");

        assertThat(answer(third)).isEqualTo("let in");
        assertThat(first.isOpen()).as("the longest idle").isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(limits.webBusy(first))
                .as("a request that comes too late is dropped")
                .isFalse();
        assertThat(limits.open()).isEqualTo(2);
        assertThat(limits.closed(ServerClose.WEB_IDLE)).isEqualTo(1);

        limits.webBusy(second); // a request in progress
        EmbeddedChannel fourth = connect(webGuard, "192.0.2.4");
        assertThat(answer(fourth)).as("no idle one to close").isEqualTo("too-many-connections");
        assertThat(second.isOpen()).isTrue();
        fourth.close();

        limits.webIdle(third);
        limits.webIdle(second); // answered: waits again, after the third
        EmbeddedChannel fifth = connect(webGuard, "192.0.2.5");
        assertThat(answer(fifth)).isEqualTo("let in");
        assertThat(third.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(limits.open()).isEqualTo(2);
    }

    @Test
    void chatConnectionsKeepTheRestWhenWebConnectionsHoldTheirShare() throws Exception {
        connect(webGuard, "192.0.2.1");
        connect(webGuard, "192.0.2.2");
        assertThat(answer(connect(webGuard, "192.0.2.3"))).isEqualTo("too-many-connections");

        List<String> chat = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            chat.add(answer(connect(chatGuard, "198.51.100." + i)));
        }

        assertThat(chat.subList(0, 6)).containsOnly("let in");
        assertThat(chat.get(6)).as("the cap in all").isEqualTo("too-many-connections");
    }

    @Test
    void aWebConnectionThatBecomesChatLeavesTheWebConnectionsShare() throws Exception {
        EmbeddedChannel webSocket = connect(webGuard, "192.0.2.1");
        connect(webGuard, "192.0.2.2");

        assertThat(limits.becomeChat(webSocket)).isEmpty();

        assertThat(answer(connect(webGuard, "192.0.2.3"))).isEqualTo("let in");
        assertThat(webSocket.isOpen()).isTrue();
    }

    @Test
    void addressesOfOneIpv6Slash64ShareOneCount() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String address :
                List.of("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::3", "2001:db8:1:2::4")) {
            answers.add(answer(connect(chatGuard, address)));
        }
        answers.add(answer(connect(chatGuard, "2001:db8:1:3::1")));

        assertThat(answers).containsExactly("let in", "let in", "let in", "too-many-from-address", "let in");
    }

    @Test
    void aWebSocketFromAnotherAddressOfTheSlash64TakesAChatSeatOfItsSlash64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(answer(connect(chatGuard, "2001:db8:9:9::" + i))).isEqualTo("let in");
        }
        EmbeddedChannel webSocket = connect(webGuard, "2001:db8:9:9::77");

        assertThat(limits.becomeChat(webSocket).map(ConnectionLimiter.Refused::reason))
                .contains(ConnectionLimiter.Reason.TOO_MANY_FROM_ADDRESS);
    }
}
