package openchat.server.metrics;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import openchat.core.Chat;
import openchat.core.Refusal;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.ServerClose;
import openchat.server.net.Transport;

/**
 * The server's Prometheus metrics (client_java 1.x: Prometheus's own client, the text format, no framework; the
 * JVM's memory, GC and threads from its JVM instrumentation). Most values are read when {@code /metrics} is
 * scraped, from what the server keeps anyway (the connections, the core, the limiter, the event loops); the chat
 * path only adds to two {@link LongAdder}s per event ({@link #received}, {@link #delivered}). No label names a room
 * or a member: their number has no bound.
 */
public final class ServerMetrics {
    /** The transports events are delivered over ({@code openchat_deliveries_total}'s labels): HTTP carries none. */
    private static final List<Transport> DELIVERING = List.of(Transport.OCP, Transport.IRC, Transport.WEBSOCKET);

    /**
     * The transports connections are accepted with ({@code openchat_connections_accepted_total}'s labels): each
     * listener's; a WebSocket comes in as an HTTP connection and asks for the upgrade after.
     */
    private static final List<Transport> ACCEPTING = List.of(Transport.OCP, Transport.IRC, Transport.HTTP);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final LongAdder received = new LongAdder();
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    private final Map<Refusal.Reason, LongAdder> refused = new EnumMap<>(Refusal.Reason.class);
    private final LongAdder refusedOrigins = new LongAdder();
    private final LongAdder refusedForDescriptors = new LongAdder();
    private final Histogram historyCommits;

    /**
     * The server-wide metrics; {@link #watch} adds the chat core's. {@code statusOf}: the status OCP answers a refusal
     * with, the refusals' second label; {@code version}: the build's, {@code openchat_build_info}'s label.
     */
    public ServerMetrics(
            ChannelGroup connections,
            ConnectionLimiter limits,
            EventLoopGroup workers,
            java.util.function.ToIntFunction<Refusal.Reason> statusOf,
            String version) {
        GaugeWithCallback.builder()
                .name("openchat_build_info")
                .help("The running build: always 1, its version in the label")
                .labelNames("version")
                .callback(callback -> callback.call(1, version))
                .register(registry);
        GaugeWithCallback.builder()
                .name("openchat_connections")
                .help("Open connections by transport (ocp, irc, http, websocket)")
                .labelNames("transport")
                .callback(callback -> {
                    Map<Transport, Integer> counts = new EnumMap<>(Transport.class);
                    for (Transport transport : Transport.values()) {
                        counts.put(transport, 0);
                    }
                    for (Channel channel : connections) {
                        Transport transport = Transport.of(channel);
                        if (transport != null) {
                            counts.merge(transport, 1, Integer::sum);
                        }
                    }
                    counts.forEach((transport, count) -> callback.call(count, transport.label()));
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_connections_accepted")
                .help("Connections accepted since the start, by the transport of their listener (ocp, irc, http; a"
                        + " WebSocket is accepted as http)")
                .labelNames("transport")
                .callback(callback -> {
                    for (Transport transport : ACCEPTING) {
                        callback.call((double) limits.accepted(transport), transport.label());
                    }
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_connections_refused")
                .help("Connections refused since the start: over a cap, by cap; new chat connections from an address"
                        + " too fast (too_fast_from_address); a WebSocket for its origin; an accept that failed for want"
                        + " of file descriptors (fd_limit)")
                .labelNames("reason")
                .callback(callback -> {
                    for (ConnectionLimiter.Reason reason : ConnectionLimiter.Reason.values()) {
                        callback.call(
                                (double) limits.refused(reason), reason.name().toLowerCase(Locale.ROOT));
                    }
                    callback.call((double) refusedOrigins.sum(), "origin");
                    callback.call((double) refusedForDescriptors.sum(), "fd_limit");
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_connections_closed")
                .help("Connections the server closed since the start, by reason (flood, ping_timeout, ban, backlog...)")
                .labelNames("reason")
                .callback(callback -> {
                    for (ServerClose reason : ServerClose.values()) {
                        callback.call((double) limits.closed(reason), reason.label());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("openchat_event_loop_pending_tasks")
                .help("Tasks waiting on the network event loops, summed")
                .callback(callback -> {
                    long pending = 0;
                    for (EventExecutor loop : workers) {
                        if (loop instanceof SingleThreadEventExecutor executor) {
                            pending += executor.pendingTasks();
                        }
                    }
                    callback.call((double) pending);
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_messages_received")
                .help("Room messages accepted since the start")
                .callback(callback -> callback.call((double) received.sum()))
                .register(registry);
        // At 0 from the start, as every other counter: a rate() over a transport nobody used yet is 0, not absent.
        for (Transport transport : DELIVERING) {
            delivered.put(transport.label(), new LongAdder());
        }
        CounterWithCallback.builder()
                .name("openchat_deliveries")
                .help("Events written to members since the start, by transport (ocp, irc, websocket)")
                .labelNames("transport")
                .callback(callback ->
                        delivered.forEach((transport, count) -> callback.call((double) count.sum(), transport)))
                .register(registry);
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            refused.put(reason, new LongAdder());
        }
        CounterWithCallback.builder()
                .name("openchat_refusals")
                .help("Requests the chat core refused since the start, by reason and the status OCP answers it with")
                .labelNames("reason", "status")
                .callback(callback -> refused.forEach((reason, count) -> callback.call(
                        (double) count.sum(),
                        reason.name().toLowerCase(Locale.ROOT),
                        String.valueOf(statusOf.applyAsInt(reason)))))
                .register(registry);
        historyCommits = Histogram.builder()
                .name("openchat_history_commit_seconds")
                .help("History write batches (one transaction each) and how long each took")
                .classicOnly()
                // Exemplars link a sample to a trace; openchat has no tracing, and sampling them keeps a scheduler
                // thread of the client library's waking on the server's core.
                .withoutExemplars()
                // A commit usually takes a few tenths of a millisecond (docs/BENCHMARKS.md): the low buckets show
                // them apart, the high ones a disk that struggles.
                .classicUpperBounds(
                        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
        registerJvmMetrics(registry);
    }

    /**
     * The JVM's metrics ({@code jvm_*}, {@code process_*}): everything {@code JvmMetrics} registers except the
     * allocation counter per memory pool. That one listens for a JMX notification after every collection, which the
     * JVM builds on its notification thread by reflection; a server under load with the launcher's small young
     * generation collects about a hundred times a second, and the listener cost more than the rest of the metrics
     * together (BENCHMARKS.md, "What the metrics cost").
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        PrometheusProperties config = PrometheusProperties.get();
        JvmThreadsMetrics.builder(config).register(registry);
        JvmBufferPoolMetrics.builder(config).register(registry);
        JvmClassLoadingMetrics.builder(config).register(registry);
        JvmCompilationMetrics.builder(config).register(registry);
        JvmGarbageCollectorMetrics.builder(config).register(registry);
        JvmMemoryMetrics.builder(config).register(registry);
        JvmNativeMemoryMetrics.builder(config).register(registry);
        JvmRuntimeInfoMetric.builder(config).register(registry);
        ProcessMetrics.builder(config).register(registry);
    }

    /**
     * The history writer's trouble, read when scraped: its failed write attempts (a full disk, a lock another program
     * holds), the messages it dropped unwritten past its queue's limit while writes failed, and the appends that
     * waited for it to catch up (chat faster than the disk took it). A server on its own has them (a cluster keeps
     * history in Redis).
     */
    public void watchHistoryWriter(LongSupplier failedWrites, LongSupplier droppedMessages, LongSupplier appendsHeld) {
        CounterWithCallback.builder()
                .name("openchat_history_write_failures")
                .help("Failed attempts to write history to the database since the start (each is tried again)")
                .callback(callback -> callback.call(failedWrites.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_history_dropped_messages")
                .help("Messages dropped unwritten because the history could not be written for too long")
                .callback(callback -> callback.call(droppedMessages.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("openchat_history_appends_held")
                .help("Messages whose append waited for the history writer to catch up (chat faster than the disk)")
                .callback(callback -> callback.call(appendsHeld.getAsLong()))
                .register(registry);
    }

    /**
     * What {@code /healthz} checks, as gauges an alert can watch: {@code openchat_history_writable} (1 while the
     * history store writes; 0 while its writes fail: a full disk, say) and, on a cluster node,
     * {@code openchat_cluster_store_reachable} (1 while the node reaches its Redis; 0 while its rooms are read-only).
     */
    public void watchHealth(
            java.util.function.BooleanSupplier historyWritable, java.util.function.BooleanSupplier store) {
        GaugeWithCallback.builder()
                .name("openchat_history_writable")
                .help("1 while the history store writes, 0 while its writes fail (a full disk, another program's lock)")
                .callback(callback -> callback.call(historyWritable.getAsBoolean() ? 1 : 0))
                .register(registry);
        if (store != null) {
            GaugeWithCallback.builder()
                    .name("openchat_cluster_store_reachable")
                    .help("1 while this cluster node reaches its Redis, 0 while it cannot (its rooms read-only)")
                    .callback(callback -> callback.call(store.getAsBoolean() ? 1 : 0))
                    .register(registry);
        }
    }

    /** A history batch was committed in {@code nanos}. */
    public void historyCommitted(long nanos) {
        historyCommits.observe(nanos / 1e9);
    }

    /** A WebSocket handshake was refused for its origin ({@code --allowed-origins}). */
    public void refusedOrigin() {
        refusedOrigins.increment();
    }

    /** A listening socket could not accept a connection: the process had no file descriptor left. */
    public void refusedForDescriptors() {
        refusedForDescriptors.increment();
    }

    /** The core refused a request for {@code reason}. */
    public void refused(Refusal.Reason reason) {
        refused.get(reason).increment();
    }

    /** Adds the chat core's gauges: rooms and members. */
    public void watch(Chat<Channel> core) {
        GaugeWithCallback.builder()
                .name("openchat_rooms")
                .help("Rooms that exist now")
                .callback(callback -> callback.call(core.roomCount()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("openchat_members")
                .help("Members connected now, every protocol")
                .callback(callback -> callback.call(core.memberCount()))
                .register(registry);
    }

    /** A room message was accepted. */
    public void received() {
        received.increment();
    }

    /** {@code count} members were sent one event over {@code transport}. */
    public void delivered(String transport, int count) {
        delivered.computeIfAbsent(transport, t -> new LongAdder()).add(count);
    }

    /** The metrics in Prometheus' text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    public String contentType() {
        return writer.getContentType();
    }
}
