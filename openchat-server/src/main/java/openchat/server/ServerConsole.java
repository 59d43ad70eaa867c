package openchat.server;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import openchat.server.room.LeaveReason;
import openchat.server.room.Member;
import openchat.server.room.RoomEvent;
import openchat.server.room.RoomListener;

/**
 * The status lines the server prints for a person watching it: {@code [CONNECT] 유저1}, chat lines
 * {@code [2026-11-25 10:15:30] 유저1 : text}, leaves, kicks and abnormal disconnects. Chat times are shown in
 * the server's time zone. Printed by a {@link ConsoleWriter}, so a slow terminal never holds up the room.
 */
public final class ServerConsole implements RoomListener, AutoCloseable {
    private static final DateTimeFormatter CHAT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleWriter out;
    private final ServerText text;
    private final ZoneId zone;
    private final boolean chatLines;
    /** The chat time prefix last formatted, and its second. */
    private volatile TimePrefix lastPrefix = new TimePrefix(Long.MIN_VALUE, "");

    private record TimePrefix(long second, String text) {
    }

    public ServerConsole(PrintStream out, ServerText text, ZoneId zone, boolean chatLines) {
        this.out = new ConsoleWriter(out);
        this.text = text;
        this.zone = zone;
        this.chatLines = chatLines;
    }

    /** Prints {@code line}; lines appear in the order given, from a thread of their own. */
    public void println(String line) {
        out.println(line);
    }

    /** Prints every line given so far; later lines are printed at once, on the caller's thread. */
    @Override
    public void close() {
        out.close();
    }

    @Override
    public void joined(Member<?> member) {
        println(text.get("console.connect", member.name()));
    }

    @Override
    public void posted(RoomEvent.Message message) {
        if (!chatLines) {
            return;
        }
        // The busiest line: built directly rather than through MessageFormat; same shape in every language.
        println(timePrefix(message.at()) + message.from() + " : " + message.text());
    }

    /** {@code [yyyy-MM-dd HH:mm:ss] } in the server's zone; formatted once per second, not once per line. */
    private String timePrefix(OffsetDateTime at) {
        long second = at.toEpochSecond();
        TimePrefix last = lastPrefix;
        if (last.second() != second) {
            last = new TimePrefix(second, "[" + CHAT_TIME.format(at.atZoneSameInstant(zone)) + "] ");
            lastPrefix = last;
        }
        return last.text();
    }

    @Override
    public void left(Member<?> member, LeaveReason reason, String detail, boolean quiet) {
        if (reason == LeaveReason.DISCONNECTED) {
            println(text.get("console.abnormal", member.name(), detail));
        } else {
            println(text.get(quiet ? "console.leaveQuiet" : "console.leave", member.name()));
        }
    }

    @Override
    public void kicked(Member<?> member, Member<?> by, String detail) {
        println(text.get("console.kick", member.name(), by == null ? "-" : by.name()));
    }
}
