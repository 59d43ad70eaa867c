package openchat.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
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

    @Test
    void aBufferIsCountedUnreleasedUntilItsLastRelease() {
        LeakDetection.install();
        LeakDetection.collect();
        long before = LeakDetection.unreleasedSinceCollected();
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        ByteBuf copy = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
        buffer.retain();

        assertThat(LeakDetection.unreleasedSinceCollected()).isEqualTo(before + 2);
        copy.release();
        buffer.release();
        assertThat(LeakDetection.unreleasedSinceCollected()).isEqualTo(before + 1);
        buffer.release();
        assertThat(LeakDetection.unreleasedSinceCollected()).isEqualTo(before);
    }

    @Test
    void aBufferHeldPastACollectionAndDroppedUnreleasedIsReportedByTheNextFullLook() {
        LeakDetection.install();
        LeakDetection.collect();
        ByteBuf held = PooledByteBufAllocator.DEFAULT.buffer(64);
        held.writeInt(1);

        assertThat(LeakDetection.collect()).as("a buffer still in use").isEmpty();
        assertThat(held.readInt()).isEqualTo(1);
        assertThat(LeakDetection.unreleasedSinceCollected())
                .as("kept past a collection")
                .isZero();
        held = null; // dropped unreleased

        assertThat(LeakDetection.collectNow())
                .as("leaks reported after the class")
                .isNotEmpty();
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(7); // touched, then dropped without release()
    }
}
