package openchat.cluster;

import java.util.List;
import openchat.core.Ban;
import openchat.core.ChatEvent;
import openchat.core.ClusterLink;
import openchat.core.Member;

/** A node with no members: what the cluster tells it goes nowhere. */
final class NoEvents implements ClusterLink.Events {
    @Override
    public void roomEvent(String roomKey, ChatEvent.Numbered event, boolean announced) {}

    @Override
    public void roomChange(String roomKey, long seq, ChatEvent change) {}

    @Override
    public void privateMessage(String toKey, ChatEvent.Private event) {}

    @Override
    public void invited(String toKey, ChatEvent.Invited event) {}

    @Override
    public void killed(String nameKey, ChatEvent.Killed event) {}

    @Override
    public void undelivered(String senderKey, ChatEvent event) {}

    @Override
    public void away(List<String> roomKeys, ChatEvent.Away event) {}

    @Override
    public void renamed(List<String> roomKeys, ChatEvent.Renamed event) {}

    @Override
    public void stopping(String reason) {}

    @Override
    public void announced(ChatEvent.Notice announcement) {}

    @Override
    public void banned(Ban ban) {}

    @Override
    public void unbanned(Ban ban) {}

    @Override
    public void doneAfterAll(String nameKey) {}

    @Override
    public void lostTrack(Member<?> member) {}

    @Override
    public void reachable(boolean up) {}

    @Override
    public void lost() {}
}
