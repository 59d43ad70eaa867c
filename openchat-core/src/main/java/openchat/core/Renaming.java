package openchat.core;

import java.time.Clock;
import java.time.OffsetDateTime;

/** What a server and a cluster node check alike before a member takes a new name. */
final class Renaming {
    private Renaming() {}

    /**
     * A rename asked for and checked: the event to tell, and the new name's key and {@link Names#skeleton}, which the
     * caller claims.
     */
    record Asked(ChatEvent.Renamed event, String key, String skeleton) {
        /** Whether the rename changes anything: false for the same spelling. */
        boolean changes() {
            return !event.to().equals(event.from());
        }
    }

    /**
     * The rename {@code member} asks for, checked: the rules of a name at connect and the administrator's
     * ({@link Checks#requireMayRename}), then, unless the spelling is the same (which changes nothing and spends
     * nothing), the bans and a line of the member's chat allowance. The caller claims the new name and its look.
     */
    static Asked asked(Member<?> member, String newName, CoreConfig config, Bans bans, Clock clock, OffsetDateTime at) {
        String skeleton = Checks.requireMayRename(member, newName, config);
        Asked asked = new Asked(new ChatEvent.Renamed(member.name(), newName, at), Names.key(newName), skeleton);
        if (!asked.changes()) {
            return asked;
        }
        bans.matching(Ban.Who.named(newName, asked.key(), skeleton)).ifPresent(ban -> {
            throw Refusal.banned(ban, clock.instant());
        });
        member.spend(clock.millis(), config.floodControl().burst());
        return asked;
    }
}
