package openchat.cluster;

import java.time.Duration;

/**
 * A node cannot join the cluster: a running node has its id (its heartbeat is younger than {@link #silence}). Two
 * processes with one id would take each other's members. The server says it in its own language, from
 * {@link #node} and {@link #silence}; the message is for logs.
 */
public final class NodeIdInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final transient Duration silence;

    NodeIdInUseException(String node, Duration silence) {
        super("another node is running with the id " + node + " (its heartbeat is under " + silence.toSeconds()
                + " s old): give each node its own --node-id, or wait that long after stopping a node before starting"
                + " it again");
        this.node = node;
        this.silence = silence;
    }

    /** The node id in use. */
    public String node() {
        return node;
    }

    /** How long a node's heartbeat must be silent before its id may be taken again. */
    public Duration silence() {
        return silence;
    }
}
