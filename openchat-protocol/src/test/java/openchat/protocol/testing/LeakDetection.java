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
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer. Netty's detector only logs; this installs detectors that
 * also record each report, and after every test runs the collector and asks Netty to look again, unless every
 * resource they ever tracked has been released: then nothing can have leaked, and a collection would find nothing.
 * (Three full collections after each of the suite's 2,600 tests were half of its test JVMs' CPU; after 546 of 551
 * tests of the server module, nothing tracked was left unreleased.)
 *
 * <p>Registered for every test class through {@code META-INF/services} and JUnit's extension
 * auto-detection (enabled in {@code junit-platform.properties}), so the server and client modules, which
 * have this test-jar on their test class path, are covered too. Surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakDetection implements BeforeAllCallback, AfterEachCallback {
    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked buffer(s) during " + context.getDisplayName() + ":\n"
                    + String.join("\n\n", leaks));
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

    /** How many tracked resources (buffers, mostly) are not released yet. */
    static long unreleased() {
        return RecordingDetector.UNRELEASED.get();
    }

    /**
     * Returns (and forgets) the leaks the detectors found: first, when a tracked resource is still unreleased, after
     * running the collector and letting the detectors poll their queues.
     */
    public static List<String> collect() {
        for (int round = 0; round < 3 && RecordingDetector.UNRELEASED.get() > 0; round++) {
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
        synchronized (LEAKS) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        /**
         * Resources tracked and not yet released, of every type. A leak is a tracked resource collected unreleased,
         * so while this is 0 there is none to find. One reported leaked is never released: the count stays above 0.
         */
        static final AtomicLong UNRELEASED = new AtomicLong();

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
            if (tracker == null) {
                return null;
            }
            UNRELEASED.incrementAndGet();
            return new CountedTracker<>(tracker);
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

    /** Netty's tracker for one resource, counting its release in {@link RecordingDetector#UNRELEASED}. */
    private static final class CountedTracker<T> implements ResourceLeakTracker<T> {
        private final ResourceLeakTracker<T> tracker;

        CountedTracker(ResourceLeakTracker<T> tracker) {
            this.tracker = tracker;
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
                RecordingDetector.UNRELEASED.decrementAndGet();
            }
            return closed;
        }

        @Override
        public Throwable getCloseStackTraceIfAny() {
            return tracker.getCloseStackTraceIfAny();
        }
    }
}
