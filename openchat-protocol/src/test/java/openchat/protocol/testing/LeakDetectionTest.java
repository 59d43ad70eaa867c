package openchat.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check must be able to fail, or it proves nothing. */
class LeakDetectionTest {

    @Test
    void aBufferDroppedWithoutReleaseIsReported() {
        LeakDetection.install();
        LeakDetection.collect();

        leakOne();

        assertThat(LeakDetection.collect()).as("leaks reported").isNotEmpty();
    }

    @Test
    void releasedBuffersAreNotReported() {
        LeakDetection.install();
        LeakDetection.collect();
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(64);
        buffer.writeInt(42);
        buffer.release();

        assertThat(LeakDetection.collect()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(7); // touched, then dropped without release()
    }
}
