package openchat.core;

import java.util.function.Predicate;

/**
 * One ban of a room (IRC's {@code +b}), set by the room's owner or the administrator: no member whose name the ban
 * fits may join the room, and one in it already may no longer speak there. {@code room} is the room's key
 * ({@link RoomNames#key}); {@code ban} is a name or a mask over names as a server ban holds one ({@link Ban.Kind#NAME}
 * or {@link Ban.Kind#MASK}, never an address), with who set it, when, why and until when. {@code address}: when the
 * ban named a member present in the room, the address that member connected from (by its {@link AddressKey}), so
 * that the same person back under another name is kept out too; null when none was recorded. Only the administrator
 * is ever shown it ({@link #withoutAddress}).
 */
public record RoomBan(String room, Ban ban, AddressKey address) {

    /** This ban as a member who is not the administrator sees it: without the address. */
    public RoomBan withoutAddress() {
        return address == null ? this : new RoomBan(room, ban, null);
    }

    /**
     * Whether this ban keeps out a member (its name's key and looks, the address it connects from): made once per
     * ban, as a server ban's {@link Ban#matcher}. The address recorded fits every name.
     */
    Predicate<Ban.Who> matcher() {
        Predicate<Ban.Who> byName = ban.matcher();
        if (address == null) {
            return byName;
        }
        return who -> byName.test(who) || who.origin() != null && address.equals(AddressKey.of(who.origin()));
    }
}
