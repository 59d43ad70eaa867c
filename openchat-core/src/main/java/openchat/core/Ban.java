package openchat.core;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One ban: no one with the name (or a name the mask fits), or from the address, may connect. {@code target} is a
 * name or a mask over names ({@code troll*}, {@link BanMask}) as the administrator wrote it, or an address or network
 * as {@link #parseAddress} reads it ({@code 203.0.113.7}, {@code 203.0.113.0/24}, {@code 2001:db8::/32}; an IPv4
 * address ending in {@code *} parts is its network, {@code 203.0.113.*} is {@code 203.0.113.0/24}); {@code key} is
 * what it is looked up by ({@link Names#key} for a name, with the wildcards for a mask, the address text for an
 * address). {@code reason} may be empty. {@code expires} is when a timed ban lapses, null for a permanent one.
 *
 * <p>A ban of a name or a mask keeps out the names that look like it too ({@link #looks}): {@code BAN troll} keeps
 * out {@code tr0ll} and {@code trolI}. Its looks are computed from its text, never stored but with a cluster's room
 * bans, which Redis checks.
 */
public record Ban(
        String target, Kind kind, String key, String by, OffsetDateTime at, String reason, OffsetDateTime expires) {

    /** What a ban names. */
    public enum Kind {
        NAME,
        /** Every name a mask with wildcards fits ({@code troll*}). */
        MASK,
        ADDRESS;

        public String wireName() {
            return switch (this) {
                case NAME -> "name";
                case MASK -> "mask";
                case ADDRESS -> "address";
            };
        }

        public static Kind fromWire(String value) {
            return switch (value) {
                case "address" -> ADDRESS;
                case "mask" -> MASK;
                default -> NAME;
            };
        }
    }

    /**
     * A ban of {@code target}: an address or network when it looks like one, else a name; lasting {@code lasting},
     * or for good when null.
     */
    static Ban of(String target, String by, OffsetDateTime at, String reason, Duration lasting) {
        OffsetDateTime expires = lasting == null ? null : at.plus(lasting);
        Optional<AddressRange> range = parseAddress(target);
        if (range.isPresent()) {
            int minimum = range.get().isIpv4() ? CoreConfig.MIN_BAN_PREFIX_IPV4 : CoreConfig.MIN_BAN_PREFIX_IPV6;
            if (range.get().prefixLength() < minimum) {
                throw Refusal.banTooWide(range.get().toString(), minimum);
            }
            String text = range.get().toString();
            return new Ban(text, Kind.ADDRESS, text, by, at, reason, expires);
        }
        if (BanMask.isMask(target)) {
            return new Ban(target, Kind.MASK, BanMask.nameKey(target), by, at, reason, expires);
        }
        return new Ban(target, Kind.NAME, Names.key(target), by, at, reason, expires);
    }

    /**
     * This ban with its address written as {@link AddressRange#toString} writes it now. A ban stored before IPv6
     * addresses were written short keeps its long text ({@code 2001:db8:0:0:0:0:0:1}): read again, it is the same
     * address, shown and looked up as a ban made today ({@code 2001:db8::1}). A name or mask is itself.
     */
    Ban canonical() {
        if (kind != Kind.ADDRESS) {
            return this;
        }
        String text;
        try {
            text = AddressRange.parse(key).toString();
        } catch (IllegalArgumentException unreadable) {
            return this; // as the store holds it: its matcher says what it matches
        }
        return text.equals(key) && text.equals(target) ? this : new Ban(text, kind, text, by, at, reason, expires);
    }

    /** Where the ban is kept among the others: its kind and key ({@code name:troll}, {@code address:10.0.0.0/8}). */
    public String slot() {
        return kind.wireName() + ":" + key;
    }

    /** Whether this ban lasts until it is lifted. */
    public boolean isPermanent() {
        return expires == null;
    }

    /** Whether this timed ban has lapsed at {@code now}. */
    public boolean lapsedAt(Instant now) {
        return expires != null && !now.isBefore(expires.toInstant());
    }

    /** How long this timed ban still holds at {@code now}, rounded up to a second; zero once lapsed. */
    public Duration left(Instant now) {
        if (expires == null) {
            throw new IllegalStateException("a permanent ban has no end");
        }
        Duration left = Duration.between(now, expires.toInstant());
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.getNano() == 0 ? left : Duration.ofSeconds(left.getSeconds() + 1);
    }

    /** How long this timed ban was made for. */
    public Duration lasting() {
        if (expires == null) {
            throw new IllegalStateException("a permanent ban has no end");
        }
        return Duration.between(at, expires);
    }

    /** The key a target is looked up by, as {@link #of} would make it (for lifting a ban). */
    private static String keyOf(String target) {
        return parseAddress(target)
                .map(AddressRange::toString)
                .orElseGet(() -> BanMask.isMask(target) ? BanMask.nameKey(target) : Names.key(target));
    }

    /** The {@link #slot} of the ban {@code target} makes ({@link #of}), for lifting it. */
    static String slotOf(String target) {
        Kind kind = parseAddress(target).isPresent() ? Kind.ADDRESS : BanMask.isMask(target) ? Kind.MASK : Kind.NAME;
        return kind.wireName() + ":" + keyOf(target);
    }

    /**
     * The address or network {@code text} writes, when it looks like one ({@code 203.0.113.7}, {@code ::1},
     * {@code 10.0.0.0/8}). Refuses ({@link Refusal.Reason#INVALID_BAN}) what looks like an address but is not one
     * ({@code 300.1.2.3}, a prefix longer than the address). Never asks DNS: only literals are read.
     */
    static Optional<AddressRange> parseAddress(String written) {
        String text = BanMask.network(written).orElse(written);
        if (!AddressRange.looksLikeOne(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AddressRange.parse(text));
        } catch (IllegalArgumentException notOne) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, written);
        }
    }

    /**
     * A name as a ban is tried on it: its key ({@link Names#key}), its looks ({@link Names#skeleton} of the name as
     * written and of its key, one when they are the same), and the address it connects from (null when none is
     * checked: a rename).
     */
    public record Who(String key, List<String> looks, InetAddress origin) {
        /** A member as it is connected. */
        static Who of(Member<?> member) {
            return new Who(member.key(), member.looks(), member.origin());
        }

        /**
         * A member as a room's ban is tried on its lines: by its name and the names it went by earlier in this
         * connection (a rename does not lift a ban that named it), never by its address. A ban of a member present
         * keeps that member's address to keep it out under another name ({@link RoomBan}), and others in the room
         * behind the same address (a school's or a PC방's) keep speaking: trial 13 found them silenced unawares.
         */
        static Who speaking(Member<?> member) {
            return new Who(member.key(), member.looksThisConnection(), null);
        }

        /** A name about to be taken ({@code look} its skeleton as written), with no address. */
        static Who named(String name, String key, String look) {
            return new Who(key, key.equals(name) ? List.of(look) : Names.looks(look, key), null);
        }
    }

    /**
     * The looks of a name or mask ban, as names' {@link Names#skeleton skeletons}: that of the name as the ban writes
     * it, that of its key (the name in small letters) and that of the name in capitals, each once ({@code trolI}
     * looks like {@code troll}, its key {@code troli} like itself; {@code alice} in capitals like {@code AL1CE}). A
     * mask's looks are masks: each run of characters between its wildcards taken to its look, the wildcards kept
     * ({@code TR0LL*} looks like {@code troll*}).
     * Empty for an address. Computed from the ban's text, so a ban kept before looks were has them all the same.
     */
    public List<String> looks() {
        return switch (kind) {
            case NAME -> Names.banLooks(Names.skeleton(target), key);
            case MASK -> BanMask.looks(target, key);
            case ADDRESS -> List.of();
        };
    }

    /**
     * Whether this ban keeps out a member: by its name's key or looks, or the address it connects from. Made once per
     * ban, so that an address ban's range is read once, and a name ban's looks computed once, not per member it is
     * tried on. A name ban fits a name of its key, and a name one of whose looks is one of the ban's; a mask fits a
     * name whose key it fits, or one of whose looks one of its looks fits.
     */
    Predicate<Who> matcher() {
        if (kind == Kind.NAME) {
            List<String> looks = looks();
            return who -> key.equals(who.key()) || who.looks().stream().anyMatch(looks::contains);
        }
        if (kind == Kind.MASK) {
            Pattern mask = BanMask.pattern(key);
            List<Pattern> looks = looks().stream().map(BanMask::pattern).toList();
            return who -> mask.matcher(who.key()).matches()
                    || who.looks().stream().anyMatch(look -> looks.stream()
                            .anyMatch(pattern -> pattern.matcher(look).matches()));
        }
        AddressRange range = parseAddress(key).orElseThrow();
        return who -> who.origin() != null && range.contains(who.origin());
    }
}
