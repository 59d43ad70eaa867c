package openchat.core;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** What a server and a cluster node do alike when a ban is made: check what is asked, and put out who it keeps out. */
final class Banning {
    private Banning() {}

    /**
     * The ban {@code by} asks for: refuses the administrator's name ({@code ADMIN_NOT_BANNABLE}), a bad name
     * ({@code INVALID_NAME}) or address ({@code INVALID_BAN}); a duration the adapter should not have let through
     * is a programming error.
     */
    static Ban asked(String target, String by, OffsetDateTime at, Duration lasting, String reason, CoreConfig config) {
        if (lasting != null && !BanDuration.isAllowed(lasting)) {
            throw new IllegalArgumentException("a ban lasts from a second to " + BanDuration.LONGEST + ": " + lasting);
        }
        Ban ban = Ban.of(target, by, at, Checks.reason(reason), lasting);
        if (ban.kind() == Ban.Kind.MASK && target.codePointCount(0, target.length()) > config.maxNameLength()) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, target); // longer than any name it could fit
        }
        if (ban.kind() == Ban.Kind.NAME) {
            if (Names.isAdministrator(target)) {
                throw Refusal.of(Refusal.Reason.ADMIN_NOT_BANNABLE);
            }
            Names.check(target, config.maxNameLength()).ifPresent(problem -> {
                throw Refusal.invalid(Refusal.Reason.INVALID_NAME, problem);
            });
        }
        return ban;
    }

    /**
     * The ban of a room {@code by} asks for: as {@link #asked}, and refuses an address, as a room's bans are of names
     * ({@code INVALID_BAN}; an address is KILL's), and a ban that fits its setter, but the administrator
     * ({@code BAN_FITS_SELF}).
     */
    static Ban askedOfRoom(
            Member<?> by, String target, OffsetDateTime at, Duration lasting, String reason, CoreConfig config) {
        Ban ban = asked(target, by.name(), at, lasting, reason, config);
        if (ban.kind() == Ban.Kind.ADDRESS) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, target);
        }
        if (!by.isAdmin() && ban.matcher().test(Ban.Who.of(by))) {
            throw Refusal.of(Refusal.Reason.BAN_FITS_SELF, target);
        }
        return ban;
    }

    /**
     * Puts out every one of {@code members} (this server's, or this node's) that {@code ban} keeps out, but the
     * administrator: each is sent {@link ChatEvent.Banned} and closed, and leaves with {@link LeaveReason#BANNED}.
     * The result names them, and for a name ban the address its member connected from.
     */
    static <L> Chat.BanResult sweep(Ban ban, Collection<Member<L>> members, Chat<L> chat, Fanout<L> fanout) {
        String address = null;
        List<Member<L>> out = new ArrayList<>();
        Predicate<Ban.Who> matches = ban.matcher();
        for (Member<L> member : members) {
            if (!member.isAdmin() && matches.test(Ban.Who.of(member))) {
                out.add(member);
                if (ban.kind() == Ban.Kind.NAME && member.origin() != null) {
                    address = member.origin().getHostAddress();
                }
            }
        }
        List<String> disconnected = new ArrayList<>();
        ChatEvent.Banned told = new ChatEvent.Banned(ban.by(), ban.reason(), ban.at(), ban.expires());
        for (Member<L> member : out) {
            if (chat.disconnect(member, LeaveReason.BANNED, ban.reason(), false)) {
                disconnected.add(member.name());
                fanout.deliverAndClose(told, member);
            }
        }
        return new Chat.BanResult(ban, List.copyOf(disconnected), address);
    }
}
