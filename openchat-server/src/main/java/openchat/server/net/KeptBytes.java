package openchat.server.net;

import java.util.function.Function;

/**
 * The bytes an encoder writes for a name (a sender's, a room's), kept for the next line that names it: a chat line
 * named the same sender and room as many before it, and made their bytes anew each time. A small table indexed by
 * the name's hash; the event loops that share an encoder read and replace its entries without locks, each entry
 * immutable (its fields final), so a loop sees a whole entry or an older one and at worst makes the bytes again.
 */
public final class KeptBytes {
    /** Entries: a room's talkers and the rooms one encoder serves are usually fewer. */
    private static final int SIZE = 64;

    private record Entry(String name, byte[] bytes) {}

    private final Entry[] entries = new Entry[SIZE];
    private final Function<String, byte[]> make;

    /** {@code make}: the bytes for a name; the caller must not change the arrays it is given. */
    public KeptBytes(Function<String, byte[]> make) {
        this.make = make;
    }

    /** The bytes for {@code name}: kept ones, or made and kept. */
    public byte[] of(String name) {
        int slot = name.hashCode() & (SIZE - 1);
        Entry kept = entries[slot];
        if (kept != null && kept.name().equals(name)) {
            return kept.bytes();
        }
        byte[] bytes = make.apply(name);
        entries[slot] = new Entry(name, bytes);
        return bytes;
    }
}
