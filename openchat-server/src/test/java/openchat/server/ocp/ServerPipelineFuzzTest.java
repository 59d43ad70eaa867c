package openchat.server.ocp;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.core.ChatCore;
import openchat.core.CoreListener;
import openchat.core.InMemoryHistory;
import openchat.core.MemberView;
import openchat.protocol.MalformedMessage;
import openchat.protocol.Methods;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpMessage;
import openchat.server.config.AdminKey;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectionLimiter;
import openchat.server.testing.FuzzedBytes;

/**
 * Jazzer fuzz test of the whole server pipeline, exactly as {@link OcpListener} builds it, over the chat core,
 * in EmbeddedChannels: one connection gets the fuzzer's bytes while a well-behaved member shares the room.
 * Whatever arrives, nothing escapes the pipeline, every byte sent to either is a well-formed OCP message,
 * and the well-behaved member is never disturbed. Replays its corpus in the normal suite.
 */
class ServerPipelineFuzzTest {
    private static final AdminKey KEY = adminKey();

    private static AdminKey adminKey() {
        try {
            Path dir = Files.createTempDirectory("openchat-fuzz");
            dir.toFile().deleteOnExit();
            return AdminKey.loadOrCreate(dir.resolve("admin.key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesFromOneConnectionLeaveTheServerAndOthersUnharmed(FuzzedDataProvider data) {
        ServerConfig config = ServerConfig.builder().maxUsers(3).build();
        ServerText text = new ServerText(Locale.ENGLISH);
        ChannelFanout fanout = new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events());
        ChatCore<Channel> core = new ChatCore<>(
                config.core(), fanout, CoreListener.NONE, new InMemoryHistory(100), Clock.systemUTC(), KEY::matches);
        // The real pipeline, as every connection gets it: limiter, heartbeat, slow-header guard, codec, session.
        ChannelInitializer<Channel> pipeline = new OcpListener(
                        config,
                        core,
                        fanout,
                        text,
                        new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                        new ConnectionLimiter(
                                config.maxConnections(),
                                config.maxConnectionsPerAddress(),
                                openchat.server.config.ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS),
                        reason -> core.close(reason),
                        refused -> {},
                        () -> new openchat.server.config.Motd(
                                java.nio.file.Path.of("motd.txt"), java.util.List.of("오늘의 메세지")))
                .initializer(null);
        EmbeddedChannel member = new EmbeddedChannel(pipeline);
        EmbeddedChannel fuzzed = new EmbeddedChannel(pipeline);
        member.writeInbound(Unpooled.wrappedBuffer("CONNECT /rooms/lobby OCP/1.0\r\nName: steady\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        member.runPendingTasks();
        assertThat(decodeAll(member)).first().extracting(OcpMessage::statusCode).isEqualTo(200);

        // One leading byte says into how many pieces (1-8) the wire bytes after it arrive (FuzzedBytes).
        FuzzedBytes.feed(data.consumeRemainingAsBytes(), fuzzed, member, ServerPipelineFuzzTest::decodeAll);
        fuzzed.close();
        member.runPendingTasks();
        for (OcpMessage event : decodeAll(member)) {
            assertThat(event.isRequest())
                    .as("the steady member only gets events: %s", event)
                    .isTrue();
            assertThat(event.method())
                    .isIn(
                            Methods.JOINED,
                            Methods.LEFT,
                            Methods.MESSAGE,
                            Methods.SHUTDOWN,
                            Methods.PRIVATE,
                            Methods.TOPIC,
                            Methods.AWAY,
                            Methods.RENAMED);
        }
        if (member.isOpen()) {
            assertThat(core.who("lobby"))
                    .as("the steady member stays unless the server stopped")
                    .extracting(MemberView::name)
                    .contains("steady");
        }
        fuzzed.finishAndReleaseAll();
        member.finishAndReleaseAll();
    }

    /** Everything the server wrote to {@code channel}, which must decode as OCP without a single error. */
    private static List<OcpMessage> decodeAll(EmbeddedChannel channel) {
        EmbeddedChannel reader = new EmbeddedChannel(new OcpDecoder());
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            reader.writeInbound(written);
        }
        List<OcpMessage> messages = new ArrayList<>();
        Object message;
        while ((message = reader.readInbound()) != null) {
            assertThat(message).as("server output is well-formed").isNotInstanceOf(MalformedMessage.class);
            messages.add((OcpMessage) message);
        }
        reader.finishAndReleaseAll();
        return messages;
    }
}
