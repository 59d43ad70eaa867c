package openchat.server;

import io.netty.buffer.ByteBuf;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import openchat.core.AdminRefusal;
import openchat.core.Ban;
import openchat.core.BanDuration;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.DisplayText;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.Names;
import openchat.core.RegisteredRoom;
import openchat.core.RoomBan;
import openchat.core.RoomNames;
import openchat.server.config.ServerText;
import openchat.server.net.ConsoleFeed;

/**
 * The status lines the server prints for a person watching it: {@code [CONNECT] 유저1}, chat lines
 * {@code [2026-11-25 10:15:30] 유저1 : text}, leaves, kicks and abnormal disconnects. Chat times are shown in
 * the server's time zone. Lines of rooms other than {@code lobby} name their room, so the original chat's
 * one-room console reads exactly as before. Printed by a {@link ConsoleWriter}, so a slow terminal never
 * holds up a room; a chat line is written straight into the writer's buffer of waiting lines, as bytes.
 */
public final class ServerConsole implements CoreListener, AutoCloseable {
    private static final int NAMES_KEPT = 1024;
    private static final DateTimeFormatter CHAT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Between the lines of one message: a line break, and the indent that marks the next line as its. */
    private static final String CONTINUED_TEXT = System.lineSeparator() + "  ";

    private static final byte[] CONTINUED = CONTINUED_TEXT.getBytes(StandardCharsets.US_ASCII);

    /**
     * How long the {@code [ROOMKEY]} line of a key shown on entering a room (CONNECT, JOIN) waits for that member's
     * {@code [CONNECT]} or {@code [JOIN]} into the room. A client refused for a key it kept enters again at once without
     * it (the terminal client and the web page connect or join again, an IRC JOIN is retried by the server), and the
     * line then reads after the entry it came with, not before a member the console has not shown yet; without such
     * an entry it is printed when this has passed.
     */
    static final Duration KEY_LINE_WAIT = Duration.ofSeconds(2);

    private final ConsoleWriter out;
    private final ServerText text;
    private final ZoneId zone;
    private final boolean chatLines;
    /** Null, or the clock whose time starts every status line ({@code --console-timestamps}). */
    private final java.time.Clock timestamps;
    /** Whether a {@code [CONNECT]} line ends with the member's address and transport ({@code --console-addresses}). */
    private final boolean addresses;
    /** The chat time prefix last formatted, its second and the time it was asked for; under the writer's lock. */
    private long prefixSecond = Long.MIN_VALUE;

    private byte[] prefix = new byte[0];
    private OffsetDateTime prefixAt;
    /** Senders' names as UTF-8, made once each (forgotten all at once past {@link #NAMES_KEPT}); under the lock. */
    private final Map<String, byte[]> names = new HashMap<>();
    /**
     * The {@code [ROOMKEY]} lines waiting for their member's entry ({@link #KEY_LINE_WAIT}), by {@link #entry}; guarded
     * by itself, which the lines of an entry and of the wait's end are printed under, so that neither passes the other.
     */
    private final Map<String, List<String>> keyLines = new HashMap<>();
    /** Where each status line goes after it is printed: the administrator's IRC server notices ({@code +s}). */
    private final ConsoleFeed feed = new ConsoleFeed();

    public ServerConsole(PrintStream out, ServerText text, ZoneId zone, boolean chatLines) {
        this(out, text, zone, chatLines, null);
    }

    /**
     * With {@code timestamps} (not null), every status line starts with its time in the server's zone, as a chat line
     * does ({@code [2026-12-06 01:20:20] [CONNECT] 유저1}): for a console written to a file rather than a journal.
     */
    public ServerConsole(PrintStream out, ServerText text, ZoneId zone, boolean chatLines, java.time.Clock timestamps) {
        this(out, text, zone, chatLines, timestamps, false);
    }

    /**
     * With {@code addresses}, a {@code [CONNECT]} line ends with where the member came from and how: {@code [CONNECT]
     * 유저1 (203.0.113.7, irc, tls)}, so that a name's address can be found after it left.
     */
    public ServerConsole(
            PrintStream out,
            ServerText text,
            ZoneId zone,
            boolean chatLines,
            java.time.Clock timestamps,
            boolean addresses) {
        this.addresses = addresses;
        this.text = text;
        this.zone = zone;
        this.chatLines = chatLines;
        this.timestamps = timestamps;
        this.out = new ConsoleWriter(out, (line, bytes) -> writeChatLine((ChatEvent.Message) line, bytes));
    }

    /**
     * Prints {@code line}; lines appear in the order given, from a thread of their own. Then hands it (without its
     * time: an IRC client shows its own) to the {@link #feed()}, whose watchers get every status line; chat lines are
     * printed without passing here.
     */
    public void println(String line) {
        out.println(
                timestamps == null
                        ? line
                        : "[" + CHAT_TIME.format(timestamps.instant().atZone(zone)) + "] " + line);
        feed.publish(line);
    }

    /** The status lines printed, for those who watch them from a connection (the administrator's IRC {@code +s}). */
    public ConsoleFeed feed() {
        return feed;
    }

    /**
     * Prints every line given so far, the {@code [ROOMKEY]} lines still waiting for an entry too; later lines are printed
     * at once, on the caller's thread.
     */
    @Override
    public void close() {
        synchronized (keyLines) {
            keyLines.values().forEach(lines -> lines.forEach(this::println));
            keyLines.clear();
        }
        out.close();
    }

    @Override
    public void connected(Member<?> member, String room) {
        String line = room == null || isLobby(room)
                ? text.get("console.connect", member.name())
                : text.get("console.connectRoom", member.name(), room);
        entered(
                member,
                room == null ? RoomNames.LOBBY : room,
                addresses ? line + " (" + whereFrom(member) + ")" : line);
    }

    /** {@code line}, the member's entry into {@code room}, then the {@code [ROOMKEY]} lines that waited for it. */
    private void entered(Member<?> member, String room, String line) {
        synchronized (keyLines) {
            println(line);
            List<String> waited = keyLines.remove(entry(member.name(), room));
            if (waited != null) {
                waited.forEach(this::println);
            }
        }
    }

    /** Who entered (or tried to) which room, as {@link #keyLines} keys it: the name and the room, each as the core keys it. */
    private static String entry(String name, String room) {
        return Names.key(name) + "\n" + RoomNames.key(room);
    }

    /** {@code 203.0.113.7, irc, tls}: the member's address (a proxy's client's), its transport, and TLS if so. */
    private static String whereFrom(Member<?> member) {
        StringBuilder where = new StringBuilder(
                member.origin() == null ? "?" : member.origin().getHostAddress());
        if (member.link() instanceof io.netty.channel.Channel channel) {
            openchat.server.net.Transport transport = openchat.server.net.Transport.of(channel);
            if (transport != null) {
                where.append(", ").append(transport.label());
            }
            if (channel.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null) {
                where.append(", tls");
            }
        }
        return where.toString();
    }

    @Override
    public void joined(Member<?> member, String room) {
        entered(member, room, text.get("console.join", member.name(), room));
    }

    @Override
    public void parted(Member<?> member, String room) {
        println(text.get("console.part", member.name(), room));
    }

    @Override
    public void posted(ChatEvent.Message message) {
        if (chatLines) {
            out.println(message); // written by writeChatLine, under the writer's lock
        }
    }

    /**
     * {@code [2026-11-25 10:15:30] 유저1 : text}, or with {@code [room] } before the name outside the lobby, or
     * {@code [2026-11-25 10:15:30] * 유저1 waves} for an action ({@code /me}). The busiest line: written straight to
     * bytes rather than through MessageFormat; the same in every language. The text is shown as {@link DisplayText}
     * says, so that no member can drive the operator's terminal with escape sequences; a message's further lines
     * are indented, so that none of them can pass for a status line such as {@code [CONNECT] 채팅관리자}.
     */
    private void writeChatLine(ChatEvent.Message message, ByteBuf bytes) {
        bytes.writeBytes(timePrefix(message.at()));
        if (!isLobby(message.room())) {
            bytes.writeByte('[');
            bytes.writeBytes(utf8(message.room()));
            bytes.writeByte(']').writeByte(' ');
        }
        String text = message.text();
        byte[] said = message.textUtf8();
        if (DisplayText.isPlain(said)) { // from the bytes to print: a look at each character cost as much again
            writeSaid(message.from(), said, bytes);
            return;
        }
        Optional<String> action = DisplayText.action(text);
        List<String> lines = DisplayText.lines(action.orElse(text));
        if (action.isPresent()) {
            bytes.writeByte('*').writeByte(' ');
            bytes.writeBytes(utf8(message.from()));
            bytes.writeByte(' ');
            bytes.writeBytes(utf8(lines.get(0)));
        } else {
            writeSaid(message.from(), utf8(lines.get(0)), bytes);
        }
        for (String line : lines.subList(1, lines.size())) {
            bytes.writeBytes(CONTINUED);
            bytes.writeBytes(utf8(line));
        }
    }

    /** {@code 유저1 : text}. */
    private void writeSaid(String from, byte[] text, ByteBuf bytes) {
        byte[] name = names.get(from);
        if (name == null) {
            if (names.size() >= NAMES_KEPT) {
                names.clear();
            }
            name = utf8(from);
            names.put(from, name);
        }
        bytes.writeBytes(name);
        bytes.writeByte(' ').writeByte(':').writeByte(' ');
        bytes.writeBytes(text);
    }

    /**
     * The JDK's encoder: for the usual ASCII text a vectorised check and one copy, where Netty's {@code writeUtf8}
     * looks at each character (it took most of the console's time in a profile).
     */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void topic(ChatEvent.Topic topic) {
        println(
                topic.topic().isEmpty()
                        ? text.get("console.topicCleared", topic.room(), topic.by())
                        : text.get("console.topic", topic.room(), topic.by(), topic.topic()));
    }

    @Override
    public void roomLimit(ChatEvent.RoomLimit limit) {
        println(
                limit.reset()
                        ? text.get("console.limitReset", limit.room(), limit.by(), limit.limit())
                        : text.get("console.limit", limit.room(), limit.by(), limit.limit()));
    }

    /** {@code [DELETE] study: 트롤님의 메세지 3개 (채팅관리자)}, then the reason when one was given. */
    @Override
    public void deleted(ChatEvent.Deleted deleted) {
        String line = text.get(
                "console.deleted",
                deleted.room(),
                deleted.by(),
                deleted.from(),
                deleted.seqs().size());
        println(deleted.reason().isEmpty() ? line : line + " " + deleted.reason());
    }

    /**
     * {@code [OWNER] study: 유저2님이 방장이 되었습니다}, or when the key took the room {@code [OWNER] study: 유저1님이 방
     * 열쇠로 방장이 되었습니다 (이전 방장: 유저2)}.
     */
    @Override
    public void owner(String room, String name, String previous) {
        println(
                previous == null
                        ? text.get("console.owner", room, name)
                        : text.get("console.ownerByKey", room, name, previous));
    }

    /**
     * {@code [REGISTER] study: 유저1님이 방을 등록했습니다}, or gave it a new key, or dropped its registration; never the
     * key.
     */
    @Override
    public void roomRegistration(ChatEvent.RoomRegistration registration) {
        String line =
                switch (registration.change()) {
                    case REGISTERED -> "console.register";
                    case REKEYED -> "console.rekey";
                    case DROPPED -> "console.unregister";
                };
        println(text.get(line, registration.room(), registration.by()));
    }

    /** {@code [REGISTER] r51: 유저1님의 등록을 거절했습니다: 127.0.0.0/24 네트워크에서 등록한 방이 이미 최대인 50개입니다}. */
    @Override
    public void registrationsFull(String room, Member<?> member, String network, int most) {
        println(text.get("console.registrationsFull", room, member.name(), network, most));
    }

    /**
     * {@code [REGISTER] study: 90일 동안 아무도 방 열쇠를 쓰지 않아 등록이 만료되었습니다 (등록한 사람: 유저1, 마지막 사용:
     * 2026-09-07 21:50:12)}, in the console's zone.
     */
    @Override
    public void registrationLapsed(RegisteredRoom lapsed) {
        println(text.get(
                "console.registrationLapsed",
                lapsed.name(),
                CoreConfig.REGISTRATION_LAPSE.toDays(),
                lapsed.by(),
                lapsed.used() == null ? "?" : CHAT_TIME.format(lapsed.used().atZone(zone))));
    }

    /**
     * {@code [ROOMKEY] study: 유저1님이 맞지 않는 방 열쇠로 방장이 되려 했습니다}, with where the member came from when the
     * console shows addresses; never the key shown, which may be one its client kept and sent by itself. Shown on
     * entering the room, it waits for that entry ({@link #KEY_LINE_WAIT}); in the room (a claim), it is printed at once.
     */
    @Override
    public void wrongRoomKey(String room, Member<?> member) {
        String said = text.get("console.wrongRoomKey", room, member.name());
        String line = addresses ? said + " (" + whereFrom(member) + ")" : said;
        if (member.isIn(room)) {
            println(line);
            return;
        }
        String entry = entry(member.name(), room);
        synchronized (keyLines) {
            keyLines.computeIfAbsent(entry, e -> new ArrayList<>(1)).add(line);
        }
        CompletableFuture.runAsync(
                () -> noEntryCame(entry, line),
                CompletableFuture.delayedExecutor(KEY_LINE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** {@code line} waited {@link #KEY_LINE_WAIT} for its entry, which did not come: printed now, unless it was. */
    private void noEntryCame(String entry, String line) {
        synchronized (keyLines) {
            List<String> waiting = keyLines.get(entry);
            if (waiting != null && waiting.remove(line)) {
                if (waiting.isEmpty()) {
                    keyLines.remove(entry);
                }
                println(line);
            }
        }
    }

    @Override
    public void renamed(Member<?> member, ChatEvent.Renamed renamed) {
        println(text.get("console.rename", renamed.from(), renamed.to()));
    }

    /** {@code [yyyy-MM-dd HH:mm:ss] } in the server's zone; formatted once per second, not once per line. */
    @SuppressWarnings("ReferenceEquality") // the same time object: the core makes one per millisecond
    private byte[] timePrefix(OffsetDateTime at) {
        if (at == prefixAt) {
            return prefix;
        }
        prefixAt = at;
        long second = at.toEpochSecond();
        if (prefixSecond != second) {
            prefixSecond = second;
            prefix = ("[" + CHAT_TIME.format(at.atZoneSameInstant(zone)) + "] ").getBytes(StandardCharsets.UTF_8);
        }
        return prefix;
    }

    @Override
    public void left(Member<?> member, LeaveReason reason, String detail, boolean quiet) {
        if (reason == LeaveReason.DISCONNECTED) {
            // A terminal client kicked from its last room ends without LEAVE: the kick's consequence, not a fault.
            println(
                    member.kickedOut()
                            ? text.get("console.goneAfterKick", member.name())
                            : text.get("console.abnormal", member.name(), detail));
        } else if (reason == LeaveReason.BANNED) {
            println(text.get("console.leaveBanned", member.name()));
        } else if (reason == LeaveReason.KILLED) {
            killed(member.name(), Names.ADMINISTRATOR, detail); // only the administrator disconnects a member
        } else {
            println(text.get(quiet ? "console.leaveQuiet" : "console.leave", member.name()));
        }
    }

    @Override
    public void banned(Ban ban, List<String> disconnected) {
        String line = ban.isPermanent()
                ? text.get("console.ban", ban.target(), ban.by())
                : text.get("console.banTimed", ban.target(), ban.by(), BanDuration.text(ban.lasting()));
        println(ban.reason().isEmpty() ? line : line + " " + ban.reason());
    }

    /**
     * {@code [ANNOUNCE] 채팅관리자 → 접속자 3명: text}: its further lines indented, as a chat line's, so that none can
     * pass for a status line.
     */
    @Override
    public void announced(ChatEvent.Notice announcement, int told) {
        String said = String.join(CONTINUED_TEXT, DisplayText.lines(announcement.text()));
        println(text.get("console.announce", announcement.from(), said, told));
    }

    @Override
    public void unbanned(Ban ban, String by) {
        println(
                by == null
                        ? text.get("console.unbanLapsed", ban.target())
                        : text.get("console.unban", ban.target(), by));
    }

    /** {@code [BAN] 트롤 → study 방 (철수, 기간 30m) 도배}: a room's ban set or lifted; its address never printed. */
    @Override
    public void roomBanChanged(ChatEvent.RoomBanChange change, RoomBan ban) {
        if (!change.added()) {
            println(text.get("console.roomUnban", change.target(), change.room(), change.by()));
            return;
        }
        Ban made = ban.ban();
        String line = made.isPermanent()
                ? text.get("console.roomBan", change.target(), change.room(), change.by())
                : text.get(
                        "console.roomBanTimed",
                        change.target(),
                        change.room(),
                        change.by(),
                        BanDuration.text(made.lasting()));
        println(made.reason().isEmpty() ? line : line + " " + made.reason());
    }

    /**
     * Goes to the log (stderr), not the console: who tried the administrator's name, from where, and how, with
     * never the key presented, so that an operator can see a guesser and why the administrator is locked out.
     */
    @Override
    public void administratorRefused(InetAddress origin, AdminRefusal refusal, Duration lockedOutFor) {
        String from = origin == null ? "?" : origin.getHostAddress();
        if (refusal == AdminRefusal.NO_KEY) {
            println(text.get("console.adminNoKey", from));
        } else if (lockedOutFor.isZero()) {
            println(text.get("console.adminWrongKey", from));
        } else {
            println(text.get("console.adminLockedOut", from, lockedOutFor.toSeconds()));
        }
    }

    @Override
    public void kicked(String name, String room, String by, String detail) {
        String line = isLobby(room) && Names.isAdministrator(by)
                ? text.get("console.kick", name, by)
                : text.get("console.kickRoom", name, by, room);
        println(detail == null || detail.isBlank() ? line : line + " " + DisplayText.line(detail));
    }

    /** {@code [KILL] 유저1 (관리자: 채팅관리자) 도배}: its reason follows, as a kick's does. */
    @Override
    public void killed(String name, String by, String detail) {
        String line = text.get("console.kill", name, by);
        println(detail.isBlank() ? line : line + " " + DisplayText.line(detail));
    }

    private static boolean isLobby(String room) {
        return room.equals(RoomNames.LOBBY);
    }
}
