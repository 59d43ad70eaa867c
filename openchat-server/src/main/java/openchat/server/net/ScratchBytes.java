package openchat.server.net;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * A per-thread array in which an encoder assembles a frame's bytes before copying them into the frame's buffer at
 * once: each write into a pooled direct buffer checks the buffer's reference count, and a chat line took a dozen such
 * writes (4 % of the core at closed-5 over OCP).
 */
public final class ScratchBytes {
    private final FastThreadLocal<byte[]> arrays;

    public ScratchBytes(int initialBytes) {
        this.arrays = new FastThreadLocal<>() {
            @Override
            protected byte[] initialValue() {
                return new byte[initialBytes];
            }
        };
    }

    /** This thread's array, at least {@code bytes} long (grown when shorter); it holds what its last use left. */
    public byte[] atLeast(int bytes) {
        byte[] array = arrays.get();
        if (array.length < bytes) {
            array = new byte[Math.max(bytes, 2 * array.length)];
            arrays.set(array);
        }
        return array;
    }

    /** Copies {@code bytes} into {@code into} at {@code at}; returns the index after them. */
    public static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }
}
