package openchat.protocol.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer. Netty's detector only logs; this installs detectors that
 * also record each report, runs the collector and asks Netty to look again: after a test when a resource tracked since
 * the last collection is still unreleased, and after every test class. A leak is a tracked resource collected
 * unreleased: a test that released all it made has none to find, and three full collections after each of the suite's
 * 2,600 tests were two thirds of the server module's test-JVM CPU (async-profiler, 2026-12-07). A resource kept past
 * a collection (Netty's HTTP encoder keeps two constant buffers for good) is not looked for again after each test; one
 * dropped unreleased later is found after its class at the latest.
 *
 * <p>Registered for every test class through {@code META-INF/services} and JUnit's extension
 * auto-detection (enabled in {@code junit-platform.properties}), so the server and client modules, which
 * have this test-jar on their test class path, are covered too. Surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakDetection implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;
    /** Resources tracked since the last collection and not released yet; replaced by each collection. */
    private static volatile AtomicLong unreleasedSinceCollected = new AtomicLong();

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOn(collect(), "during " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOn(collectNow(), "in " + context.getDisplayName());
    }

    private static void failOn(List<String> leaks, String when) {
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked buffer(s) " + when + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Installs the recording detectors once per JVM, before any buffer type is first used. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                    Class<T> resource, int samplingInterval, long maxActive) {
                return new RecordingDetector<>(resource, samplingInterval);
            }
        });
    }

    /** How many resources (buffers, mostly) tracked since the last collection are not released yet. */
    static long unreleasedSinceCollected() {
        return unreleasedSinceCollected.get();
    }

    /**
     * Returns (and forgets) the leaks the detectors found, after {@link #collectNow collecting} when a resource
     * tracked since the last collection is still unreleased: after a test, the leaks it can have made.
     */
    public static List<String> collect() {
        return unreleasedSinceCollected.get() > 0 ? collectNow() : drainLeaks();
    }

    /** Runs the collector, lets the detectors poll their queues, and returns (and forgets) what they found. */
    public static List<String> collectNow() {
        unreleasedSinceCollected = new AtomicLong(); // what is still unreleased now is looked for here, or kept
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            // Detectors look at their reference queues when a tracked buffer is allocated.
            for (int i = 0; i < 16; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(8);
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
                ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
                pooled.release();
                unpooled.release();
                heap.release();
            }
        }
        return drainLeaks();
    }

    private static List<String> drainLeaks() {
        synchronized (LEAKS) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        @SuppressWarnings("deprecation")
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval, Long.MAX_VALUE);
        }

        @Override
        public ResourceLeakTracker<T> track(T resource) {
            return counted(super.track(resource));
        }

        @Override
        public ResourceLeakTracker<T> trackForcibly(T resource) {
            return counted(super.trackForcibly(resource));
        }

        private static <T> ResourceLeakTracker<T> counted(ResourceLeakTracker<T> tracker) {
            return tracker == null ? null : new CountedTracker<>(tracker, unreleasedSinceCollected);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record(resourceType + " leaked (no records)");
            super.reportUntracedLeak(resourceType);
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }

    /**
     * Netty's tracker for one resource, counted as unreleased among those tracked since the collection before it was
     * made until it is released.
     */
    private static final class CountedTracker<T> implements ResourceLeakTracker<T> {
        private final ResourceLeakTracker<T> tracker;
        private final AtomicLong unreleased;

        CountedTracker(ResourceLeakTracker<T> tracker, AtomicLong unreleased) {
            this.tracker = tracker;
            this.unreleased = unreleased;
            unreleased.incrementAndGet();
        }

        @Override
        public void record() {
            tracker.record();
        }

        @Override
        public void record(Object hint) {
            tracker.record(hint);
        }

        @Override
        public boolean close(T resource) {
            boolean closed = tracker.close(resource);
            if (closed) {
                unreleased.decrementAndGet();
            }
            return closed;
        }

        @Override
        public Throwable getCloseStackTraceIfAny() {
            return tracker.getCloseStackTraceIfAny();
        }
    }
}
