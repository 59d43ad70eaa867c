package openchat.server.metrics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import openchat.core.AdminRefusal;
import openchat.core.Ban;
import openchat.core.ChatEvent;
import openchat.core.CoreListener;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.RegisteredRoom;
import openchat.core.RoomBan;

/** The console's listener with the messages counted for the metrics on the way: one increment per message. */
public final class CountingListener implements CoreListener {
    private final CoreListener console;
    private final ServerMetrics metrics;

    public CountingListener(CoreListener console, ServerMetrics metrics) {
        this.console = console;
        this.metrics = metrics;
    }

    @Override
    public void connected(Member<?> member, String room) {
        console.connected(member, room);
    }

    @Override
    public void joined(Member<?> member, String room) {
        console.joined(member, room);
    }

    @Override
    public void posted(ChatEvent.Message message) {
        metrics.received();
        console.posted(message);
    }

    @Override
    public void parted(Member<?> member, String room) {
        console.parted(member, room);
    }

    @Override
    public void left(Member<?> member, LeaveReason reason, String detail, boolean quiet) {
        console.left(member, reason, detail, quiet);
    }

    @Override
    public void kicked(String name, String room, String by, String detail) {
        console.kicked(name, room, by, detail);
    }

    @Override
    public void killed(String name, String by, String detail) {
        console.killed(name, by, detail);
    }

    @Override
    public void topic(ChatEvent.Topic topic) {
        console.topic(topic);
    }

    @Override
    public void owner(String room, String name, String previous) {
        console.owner(room, name, previous);
    }

    @Override
    public void roomRegistration(ChatEvent.RoomRegistration registration) {
        console.roomRegistration(registration);
    }

    @Override
    public void wrongRoomKey(String room, Member<?> member) {
        console.wrongRoomKey(room, member);
    }

    @Override
    public void registrationsFull(String room, Member<?> member, String network, int most) {
        console.registrationsFull(room, member, network, most);
    }

    @Override
    public void registrationLapsed(RegisteredRoom lapsed) {
        console.registrationLapsed(lapsed);
    }

    @Override
    public void renamed(Member<?> member, ChatEvent.Renamed renamed) {
        console.renamed(member, renamed);
    }

    @Override
    public void banned(Ban ban, List<String> disconnected) {
        console.banned(ban, disconnected);
    }

    @Override
    public void announced(ChatEvent.Notice announcement, int told) {
        console.announced(announcement, told);
    }

    @Override
    public void unbanned(Ban ban, String by) {
        console.unbanned(ban, by);
    }

    @Override
    public void roomBanChanged(ChatEvent.RoomBanChange change, RoomBan ban) {
        console.roomBanChanged(change, ban);
    }

    @Override
    public void roomLimit(ChatEvent.RoomLimit limit) {
        console.roomLimit(limit);
    }

    @Override
    public void deleted(ChatEvent.Deleted deleted) {
        console.deleted(deleted);
    }

    @Override
    public void administratorRefused(InetAddress origin, AdminRefusal refusal, Duration lockedOutFor) {
        console.administratorRefused(origin, refusal, lockedOutFor);
    }
}
