package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Locale;

/** What a connection speaks, as its listener set it: for the metrics' connections by transport. */
public enum Transport {
    OCP,
    IRC,
    HTTP,
    WEBSOCKET;

    private static final AttributeKey<Transport> KEY = AttributeKey.valueOf("openchat.transport");

    /** Made once: the fanout asks for it with every event it delivers. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public void set(Channel channel) {
        channel.attr(KEY).set(this);
    }

    /** The channel's transport; null for one no listener marked (none in the server). */
    public static Transport of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** The lower-case name, as the metrics label it: {@code ocp}, {@code irc}, {@code http}, {@code websocket}. */
    public String label() {
        return label;
    }
}
