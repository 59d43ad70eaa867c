package openchat.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, ordered list of header fields. Names compare case-insensitively.
 * {@code Content-Length} is framing, not a header: the codec writes and reads it and it never appears here.
 */
public final class Headers {
    public static final Headers EMPTY = new Headers(List.of());

    private final List<Map.Entry<String, String>> fields;

    private Headers(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> get(String name) {
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** Every field in the order it was added or received. */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.fields.addAll(fields);
        return builder;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    public static final class Builder {
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        private Builder() {}

        /** Appends a field; the name must be a token and the value free of control characters. */
        public Builder add(String name, String value) {
            checkField(name, value);
            fields.add(Map.entry(name, value.strip()));
            return this;
        }

        /** Replaces every field named {@code name} with one field. */
        public Builder set(String name, String value) {
            checkField(name, value);
            remove(name);
            fields.add(Map.entry(name, value.strip()));
            return this;
        }

        public Builder remove(String name) {
            fields.removeIf(field -> field.getKey().equalsIgnoreCase(name));
            return this;
        }

        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(Collections.unmodifiableList(new ArrayList<>(fields)));
        }

        private static void checkField(String name, String value) {
            if (!Syntax.isToken(name)) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
            if (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                throw new IllegalArgumentException("Content-Length is set by the codec from the body");
            }
            if (value == null) {
                throw new IllegalArgumentException("null value for header " + name);
            }
            int bad = Syntax.firstForbiddenInValue(value);
            if (bad >= 0) {
                throw new IllegalArgumentException("header " + name + " has a control character at index " + bad);
            }
        }

        /** Builds without the checks of {@link #add}: for the decoder, which has checked already. */
        Builder addUnchecked(String name, String value) {
            fields.add(Map.entry(name, value));
            return this;
        }
    }
}
