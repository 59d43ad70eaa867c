package openchat.server.irc;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;
import openchat.server.net.ConsoleFeed;

/**
 * The administrator's server notices: with user mode {@code +s} ({@code MODE 채팅관리자 +s}), as InspIRCd's and ergo's
 * operators watch connects, kills and bans, its connection gets the console's status lines ({@link ConsoleFeed}) as
 * InspIRCd words a server notice, {@code :openchat NOTICE 채팅관리자 :*** [CONNECT] 유저1}, in the console's language and
 * words; never a chat line or a private message, which the console's status lines are not. A flood's lines past the
 * feed's cap arrive as one notice a second saying how many were left out. Written on the session's event loop in its
 * one stream of writes ({@link openchat.server.net.ChannelFanout#reserve}), as MONITOR's notices are, so that a client
 * slow to read meets the connection's backlog rules and holds up no one. The watch lives on the loop and dies with
 * the session.
 */
final class IrcServerNotices implements ConsoleFeed.Watcher {
    /** The user mode (InspIRCd's and ergo's {@code s}, "server notice mask"). */
    static final char MODE = 's';

    private final IrcSession session;
    private final IrcContext server;
    private final IrcClientState client;
    /** While {@code +s}; on the session's loop only. */
    private ConsoleFeed.Watch watch;

    IrcServerNotices(IrcSession session, IrcContext server, IrcClientState client) {
        this.session = session;
        this.server = server;
        this.client = client;
    }

    /** {@code +s}: the console's lines from now on. */
    void start() {
        if (watch == null) {
            EventLoop loop = session.channel().eventLoop();
            watch = server.consoleFeed()
                    .watch(loop, (delay, task) -> loop.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), this);
        }
    }

    /** {@code -s}, and the session's end: no line after this. */
    void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Whether the console's lines come to this connection ({@code +s}); on the session's loop. */
    boolean watching() {
        return watch != null;
    }

    /** A line of the console; one notice for each of its lines (an announcement's text may hold several). */
    @Override
    public void line(String line) {
        notices(line.lines().filter(part -> !part.isBlank()).toList());
    }

    @Override
    public void skipped(int count) {
        notices(List.of(server.text().get("irc.serverNoticesSkipped", count, ConsoleFeed.LINES_PER_WINDOW)));
    }

    private void notices(List<String> texts) {
        if (client.member == null || texts.isEmpty()) {
            return;
        }
        String nick = IrcNames.nick(client.member.name());
        List<IrcMessage> lines = texts.stream()
                .map(text -> IrcMessage.of(server.names().server(), "NOTICE", nick, "*** " + text))
                .toList();
        Channel channel = session.channel();
        server.fanout().reserve(channel).then(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(IrcEvents.write(channel.alloc(), lines));
            }
        });
    }
}
