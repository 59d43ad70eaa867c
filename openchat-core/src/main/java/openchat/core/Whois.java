package openchat.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A member connected here as {@link MemberInfo}: its rooms with its role in each, as WHO of each room shows it. */
final class Whois {
    private Whois() {}

    static MemberInfo of(Member<?> member, Chat<?> chat, Clock clock) {
        Map<String, RoomRole> rooms = new LinkedHashMap<>();
        for (String room : member.roomNames()) {
            RoomRole role = chat.who(room).stream()
                    .filter(view -> view.name().equals(member.name()))
                    .map(MemberView::role)
                    .findFirst()
                    .orElse(RoomRole.MEMBER);
            rooms.put(room, role);
        }
        return new MemberInfo(
                member.name(),
                rooms,
                member.away(),
                member.origin(),
                Instant.ofEpochMilli(member.signedOnMillis()),
                idle(member, clock));
    }

    /** How long {@code member} has been idle: since it last did something the others are told of, or signed on. */
    static Duration idle(Member<?> member, Clock clock) {
        return Duration.ofMillis(Math.max(0, clock.millis() - member.lastActiveMillis()));
    }
}
