package openchat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import openchat.core.CoreListener;
import org.junit.jupiter.api.Test;

class CountingListenerTest {
    /**
     * Every one of the core's callbacks reaches the console through the counting listener: one it does not declare
     * would fall to the interface's default, which does nothing, and the console's line would silently be lost (as
     * the [LIMIT] line was until this test).
     */
    @Test
    void everyCallbackOfTheCoreIsPassedOnToTheConsole() {
        assertThat(Arrays.stream(CoreListener.class.getMethods())
                        .filter(m -> !Modifier.isStatic(m.getModifiers()))
                        .filter(m -> !declares(m)))
                .as("CoreListener methods CountingListener does not pass on")
                .isEmpty();
    }

    private static boolean declares(Method method) {
        try {
            return CountingListener.class
                            .getMethod(method.getName(), method.getParameterTypes())
                            .getDeclaringClass()
                    == CountingListener.class;
        } catch (NoSuchMethodException missing) {
            return false;
        }
    }
}
