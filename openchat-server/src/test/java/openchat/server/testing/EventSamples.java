package openchat.server.testing;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import openchat.core.ChatEvent;

/**
 * One event of every kind the core has, for an adapter's test that each kind is told on its protocol: an encoder
 * that fails on a kind it never met would end the connection of whoever caused the event.
 */
public final class EventSamples {
    private EventSamples() {}

    /** Every kind of event the core has: its records, found through the sealed interfaces. */
    public static List<Class<?>> kinds() {
        return kinds(ChatEvent.class);
    }

    private static List<Class<?>> kinds(Class<?> sealed) {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                kinds.addAll(kinds(permitted));
            } else {
                kinds.add(permitted);
            }
        }
        return kinds;
    }

    /** An event of {@code kind} made by its record constructor at {@code at}, every component some plain value. */
    public static ChatEvent sample(Class<?> kind, OffsetDateTime at) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            types[i] = type;
            values[i] = type == String.class
                    ? "유저" + (i + 1) // each its own: a rename to the same nick is rightly nothing
                    : type == OffsetDateTime.class
                            ? at
                            : type == long.class
                                    ? 7L
                                    : type == int.class
                                            ? 3
                                            : type == boolean.class
                                                    ? false
                                                    : type == byte[].class
                                                            ? "유저1".getBytes(StandardCharsets.UTF_8)
                                                            : type == List.class
                                                                    ? List.of(7L) // a deletion's Seqs
                                                                    : type.isEnum() ? type.getEnumConstants()[0] : null;
        }
        return (ChatEvent) kind.getDeclaredConstructor(types).newInstance(values);
    }
}
