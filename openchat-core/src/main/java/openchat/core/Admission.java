package openchat.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Who may come in: checks a name (and the administrator's key, with a lockout after repeated failures) and makes
 * the member with its role and chat allowance. Registering the name is the {@link Chat}'s business.
 */
final class Admission {
    private final CoreConfig config;
    private final Predicate<String> adminKey;
    private final AdminAttempts adminAttempts;
    private final Clock clock;
    private final CoreListener listener;

    Admission(CoreConfig config, Predicate<String> adminKey, Clock clock, CoreListener listener) {
        this.config = config;
        this.adminKey = adminKey;
        this.clock = clock;
        this.listener = listener;
        this.adminAttempts = new AdminAttempts(
                config.adminMaxFailures(),
                config.adminLockout().toMillis(),
                config.adminLockout().toMillis());
    }

    /** The member {@code name} would be; refuses a bad name, a bad room name, or the administrator without its key. */
    <L> Member<L> newMember(String name, String presentedKey, InetAddress origin, L link, String room) {
        String skeleton = Checks.requireValidName(name, config);
        if (room != null) {
            Checks.requireValidRoom(room);
        }
        Role role = Role.MEMBER;
        if (Names.isAdministrator(name)) {
            checkAdminKey(presentedKey, origin);
            role = Role.ADMIN;
        }
        FloodControl flood = config.floodControl();
        boolean limited = flood.enabled() && role != Role.ADMIN;
        TokenBucket allowance = limited ? new TokenBucket(flood.burst(), flood.perSecond(), clock.millis()) : null;
        TokenBucket moves =
                limited ? new TokenBucket(config.maxRoomsPerMember(), flood.perSecond(), clock.millis()) : null;
        TokenBucket reads =
                limited ? new TokenBucket(FloodControl.READ_BURST, FloodControl.READ_PER_SECOND, clock.millis()) : null;
        return new Member<>(
                name, Names.key(name), skeleton, role, link, allowance, moves, reads, origin, clock.millis());
    }

    /**
     * The right key always gets in, lockout or not: the lockout is there to stop guessing, and refusing the right key
     * too would let anyone who shares the administrator's address (a NAT, a reverse proxy, the server's own machine)
     * keep it out with five wrong keys a minute. A wrong key during a lockout is refused unread and not counted.
     */
    private void checkAdminKey(String presentedKey, InetAddress origin) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            // No guess at the key: not counted, or anyone could lock the administrator out by connecting as it.
            listener.administratorRefused(origin, AdminRefusal.NO_KEY, Duration.ZERO);
            throw Refusal.of(Refusal.Reason.ADMIN_KEY_REQUIRED, Refusal.NO_KEY);
        }
        if (adminKey.test(presentedKey)) {
            return;
        }
        long now = clock.millis();
        long lockedFor = adminAttempts.lockedFor(origin, now);
        if (lockedFor > 0) {
            throw Refusal.retryAfter(Refusal.Reason.ADMIN_LOCKED_OUT, (lockedFor + 999) / 1000);
        }
        boolean lockedOut = adminAttempts.failed(origin, now);
        listener.administratorRefused(
                origin, AdminRefusal.WRONG_KEY, lockedOut ? config.adminLockout() : Duration.ZERO);
        throw Refusal.of(Refusal.Reason.ADMIN_KEY_REQUIRED);
    }
}
