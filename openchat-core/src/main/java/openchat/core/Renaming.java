package openchat.core;

import java.time.Clock;
import java.time.OffsetDateTime;

/** What a server and a cluster node check alike before a member takes a new name. */
final class Renaming {
    private Renaming() {}

    /**
     * The rename {@code member} asks for, checked: the rules of a name at connect and the administrator's
     * ({@link Checks#requireMayRename}), then, unless the spelling is the same (which changes nothing and spends
     * nothing), the bans and a line of the member's chat allowance. The caller claims the new name.
     */
    static ChatEvent.Renamed asked(
            Member<?> member, String newName, CoreConfig config, Bans bans, Clock clock, OffsetDateTime at) {
        Checks.requireMayRename(member, newName, config);
        ChatEvent.Renamed event = new ChatEvent.Renamed(member.name(), newName, at);
        if (!changes(event)) {
            return event;
        }
        bans.matching(Names.key(newName), null).ifPresent(ban -> {
            throw Refusal.banned(ban, clock.instant());
        });
        member.spend(clock.millis(), config.floodControl().burst());
        return event;
    }

    /** Whether the rename changes anything: false for the same spelling. */
    static boolean changes(ChatEvent.Renamed event) {
        return !event.to().equals(event.from());
    }
}
