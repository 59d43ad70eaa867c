package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.core.ChatCore;
import openchat.core.CoreListener;
import openchat.core.InMemoryHistory;
import openchat.core.MemberView;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectionLimiter;
import openchat.server.ocp.OcpListener;
import openchat.server.testing.FuzzedBytes;

/**
 * Jazzer fuzz test of the IRC pipeline, exactly as {@link IrcListener} builds it, over the chat core, in
 * EmbeddedChannels: one connection gets the fuzzer's bytes while a registered IRC member sits in {@code #lobby}.
 * Whatever arrives, nothing escapes the pipeline, every line sent to either is a well-formed IRC line of at most
 * 512 bytes besides its tags, and the steady member stays. Replays its corpus in the normal suite.
 */
class IrcPipelineFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyBytesFromOneIrcConnectionLeaveTheServerAndOthersUnharmed(FuzzedDataProvider data) {
        ServerConfig config = ServerConfig.builder().maxUsers(3).build();
        ServerText text = new ServerText(Locale.ENGLISH);
        ChannelFanout fanout = new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events());
        ChatCore<Channel> core = new ChatCore<>(
                config.core(), fanout, CoreListener.NONE, new InMemoryHistory(100), Clock.systemUTC(), key -> "the-key"
                        .equals(key));
        ChannelInitializer<Channel> pipeline = new IrcListener(
                        config,
                        core,
                        fanout,
                        text,
                        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                        new ConnectionLimiter(
                                config.maxConnections(),
                                config.maxConnectionsPerAddress(),
                                openchat.server.config.ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS),
                        key -> "the-key".equals(key),
                        () -> ServerConfig.OFF,
                        "openchat-fuzz",
                        reason -> core.close(reason),
                        refused -> {},
                        () -> new openchat.server.config.Motd(
                                java.nio.file.Path.of("motd.txt"), java.util.List.of("오늘의 메세지")),
                        java.util.List::of,
                        new IrcReplayMarks(),
                        new openchat.server.net.ConsoleFeed())
                .initializer(null);
        EmbeddedChannel member = new EmbeddedChannel(pipeline);
        EmbeddedChannel fuzzed = new EmbeddedChannel(pipeline);
        member.writeInbound(Unpooled.wrappedBuffer(
                "NICK steady\r\nUSER s 0 * :Steady\r\nJOIN #lobby\r\n".getBytes(StandardCharsets.UTF_8)));
        member.runPendingTasks();
        assertThat(linesOf(member)).anyMatch(line -> line.contains(" 001 steady "));

        // One leading byte says into how many pieces (1-8) the wire bytes after it arrive (FuzzedBytes).
        FuzzedBytes.feed(data.consumeRemainingAsBytes(), fuzzed, member, IrcPipelineFuzzTest::linesOf);
        fuzzed.close();
        member.runPendingTasks();
        linesOf(member);
        if (member.isOpen()) {
            assertThat(core.who("lobby"))
                    .as("the steady member stays unless the server stopped")
                    .extracting(MemberView::name)
                    .contains("steady");
        }
        fuzzed.finishAndReleaseAll();
        member.finishAndReleaseAll();
    }

    /** Everything the server wrote to {@code channel}: CRLF-terminated UTF-8 IRC lines, each within the limits. */
    private static List<String> linesOf(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            all.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        List<String> lines = new ArrayList<>();
        if (all.length() == 0) {
            return lines;
        }
        assertThat(all.toString()).as("server output ends with CR LF").endsWith("\r\n");
        for (String line : all.toString().split("\r\n")) {
            IrcMessage parsed = IrcMessage.parse(line);
            String withoutTags = line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line;
            assertThat(withoutTags.getBytes(StandardCharsets.UTF_8).length)
                    .as("a line within 512 bytes with CR LF: %s", line)
                    .isLessThanOrEqualTo(IrcLineDecoder.MAX_LINE_BYTES);
            assertThat(parsed.command()).isNotEmpty();
            lines.add(line);
        }
        return lines;
    }
}
