package openchat.protocol.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility's defaults for every test class, registered as {@link LeakDetection} is (so every module with this
 * test-jar has them): a condition is checked at once, then every 10 ms. Awaitility's own (the first check after
 * 100 ms, then every 100 ms) added a tenth of a second to each of the suite's waits for an event, most of which had
 * happened by the time the wait began. A test that polls something costly sets its own interval.
 */
public final class PromptAwaits implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }
}
