package openchat.server;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import openchat.server.room.LeaveReason;
import openchat.server.room.Member;
import openchat.server.room.RoomEvent;
import openchat.server.room.RoomListener;

/**
 * The status lines the server prints for a person watching it: {@code [CONNECT] 유저1}, chat lines
 * {@code [2026-11-25 10:15:30] 유저1 : text}, leaves, kicks and abnormal disconnects. Chat times are shown in
 * the server's time zone.
 */
public final class ServerConsole implements RoomListener {
    private static final DateTimeFormatter CHAT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintStream out;
    private final ServerText text;
    private final ZoneId zone;
    private final boolean chatLines;

    public ServerConsole(PrintStream out, ServerText text, ZoneId zone, boolean chatLines) {
        this.out = out;
        this.text = text;
        this.zone = zone;
        this.chatLines = chatLines;
    }

    public void println(String line) {
        out.println(line);
        out.flush();
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
        StringBuilder line = new StringBuilder(32 + message.text().length()).append('[');
        CHAT_TIME.formatTo(message.at().atZoneSameInstant(zone), line);
        println(line.append("] ").append(message.from()).append(" : ").append(message.text()).toString());
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
