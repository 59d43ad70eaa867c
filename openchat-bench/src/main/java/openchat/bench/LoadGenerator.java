package openchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import openchat.protocol.OcpEncoder;
import openchat.transport.NettyTransport;
import openchat.transport.SocketErrors;
import org.HdrHistogram.Histogram;

/**
 * Opens the clients, joins them, and drives chat through the server: closed loop (a window of messages in
 * flight per sender) or open loop (a fixed total rate). Each message body carries its sender, a per-sender
 * counter and its send time, so every receiver can measure latency and check that each message arrives
 * exactly once and in order. Given several ports (the nodes of a cluster, one room across them), the clients
 * connect to them in turn; every receiver still counts every sender's messages, whichever node either is on,
 * and checks their order per sender, which the room's one order implies.
 *
 * <p>Every connection lives on one event loop, which also owns every counter and the latency histogram:
 * a receiver frees its sender's window with a plain call, no lock, atomic or wake-up between threads, and
 * the senders it refilled are flushed once per pass of the loop, not once per message. The calling thread
 * only reads snapshots, taken on the loop. One thread is also what {@code bench/compare} gives the generator
 * (one pinned core), so nothing is lost by it.
 */
public final class LoadGenerator {
    private static final int CONNECTS_AT_ONCE = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How to start openchat for a load test, for the messages that stop one. */
    private static final String LOAD_TEST_SERVER =
            "./openchat server --no-flood-control --max-users N --max-connections N --max-connections-per-ip N";

    private static final long SETUP_SECONDS = 120;
    /** Loopback source addresses the clients are spread over: 127.0.0.1 to 127.0.0.64. */
    private static final String SOURCE_PREFIX = "127.0.0.";

    private static final int SOURCE_ADDRESSES = 64;
    /** Latencies are recorded in microseconds, up to an hour. */
    private static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(1);
    /** A body's three numbers (two ints and a long) and their colons, at most. */
    private static final int BODY_FIELDS_BYTES = 10 + 1 + 10 + 1 + 19 + 1;

    private final BenchSettings settings;
    private final WireProtocol protocol;
    private final WireProtocol.ChatFrame chatFrame;
    /**
     * The frame each chat message is written from, its body's numbers rewritten in place per message (on the loop):
     * one bulk copy into the buffer instead of a checked {@code setByte} per digit, which cost the OCP generator a
     * fifth of its loop (each check reads the new buffer's reference count).
     */
    private final byte[] outgoing;

    private final Consumer<String> progress;
    /** Send and receive times, on the loop. */
    private final CoarseClock clock = new CoarseClock();
    /** Where a received chat body's first bytes are copied to be parsed (on the loop). */
    private final byte[] bodyStart = new byte[BODY_FIELDS_BYTES];
    /** First in every connection's pipeline: each read starts with a fresh reading of the clock. */
    private final ChannelHandler readStart = new ReadStart();
    /**
     * "b" and three random letters or digits: the clients of one run are bq7x0, bq7x1…, so a run that starts
     * while a server is still seeing the previous run's clients out does not collide with their names.
     * Short enough for ngIRCd's 9-character nicknames up to 100,000 clients.
     */
    private final String namePrefix = "b" + randomTag(3);

    private EventLoop loop;
    private Client[] clients;
    private Sender[] senders;

    // Owned by the loop.
    private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    private long delivered;
    private long duplicated;
    private long reordered;
    private long refused;
    private long sent;
    private boolean sending;
    private boolean measuring;
    private final List<Sender> unflushed = new ArrayList<>();
    private boolean flushScheduled;
    /** Why the run stopped early (the server throttled a client); set once, on the loop. */
    private volatile String stopReason;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public LoadGenerator(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.protocol = WireProtocol.of(settings.protocol());
        this.chatFrame = protocol.chatFrame(settings.size());
        this.outgoing = chatFrame.bytes().clone();
        this.progress = progress;
    }

    public BenchResult run() throws InterruptedException, IOException {
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup group = transport.eventLoopGroup(1, "bench");
        loop = group.next();
        try {
            long rssBefore = rssKb(settings.serverPid());
            long setupStart = System.nanoTime();
            connectAll(group, transport);
            double setupMs = (System.nanoTime() - setupStart) / 1e6;
            progress.accept(String.format(
                    "joined %d clients%s in %.0f ms (%s)", settings.clients(), spreadOver(), setupMs, transport));
            if (settings.idle()) {
                // Held for --seconds, so the figure is the server's state with its clients idle, not mid-join.
                sleepReporting(settings.duration().toMillis(), "idle");
                long rssAfter = rssKb(settings.serverPid());
                double per10k = rssBefore > 0 ? (rssAfter - rssBefore) / 1024.0 / settings.clients() * 10_000 : 0;
                return new BenchResult(
                        settings.protocol().name(),
                        settings.clients(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        onLoop(() -> refused),
                        setupMs,
                        per10k);
            }
            return load(setupMs);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void connectAll(EventLoopGroup group, NettyTransport transport) throws InterruptedException, IOException {
        clients = new Client[settings.clients()];
        CountDownLatch joined = new CountDownLatch(settings.clients());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
        // Over loopback, spread the clients over many source addresses: from one address the kernel must find
        // a free port among ~28k for every connect, and past ~14k connections (the even half connect()
        // prefers) that search made the generator spend 5 s of system time joining 19k clients.
        boolean spread = transport == NettyTransport.EPOLL && isLoopback(settings.host());
        if (spread) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        Semaphore connecting = new Semaphore(CONNECTS_AT_ONCE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS);
        for (int i = 0; i < clients.length; i++) {
            Client client = new Client(i, joined, connecting);
            clients[i] = client;
            if (!connecting.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw notJoined(joined);
            }
            ChannelFuture connect = bootstrap
                    .clone()
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(readStart);
                            protocol.configure(ch.pipeline(), client);
                            ch.pipeline().addLast(client);
                        }
                    })
                    .connect(
                            new InetSocketAddress(settings.host(), settings.portOf(i)),
                            spread ? new InetSocketAddress(SOURCE_PREFIX + (1 + i % SOURCE_ADDRESSES), 0) : null);
            client.channel = connect.channel();
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    protocol.join(client.channel, namePrefix + client.index);
                } else {
                    client.couldNotConnect(cannotConnect(settings.host(), settings.portOf(client.index), f.cause()));
                }
            });
        }
        if (!joined.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw notJoined(joined);
        }
        for (Client client : clients) {
            if (client.unreachable) {
                throw new IOException(client.failure);
            }
            if (client.failure != null) {
                throw new IOException("client " + client.index + " could not join: " + client.failure
                        + "; for a load test, make room for the clients (openchat: " + LOAD_TEST_SERVER + ")");
            }
        }
    }

    /** "cannot connect to HOST:PORT: reason", the reason as the system gave it ({@link SocketErrors#reason}). */
    private static String cannotConnect(String host, int port, Throwable cause) {
        String reason;
        if (cause instanceof UnknownHostException) {
            reason = "no such host";
        } else if (cause instanceof ConnectTimeoutException) {
            reason = "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
        } else {
            reason = SocketErrors.reason(cause);
        }
        return "cannot connect to " + host + ":" + port + ": " + reason
                + (cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)
                        ? " (is the server running, on that port?)"
                        : "");
    }

    /** " over ports A, B" when the clients were spread over several ports; nothing for one. */
    private String spreadOver() {
        return settings.ports().size() == 1
                ? ""
                : settings.ports().stream().map(String::valueOf).collect(Collectors.joining(", ", " over ports ", ""));
    }

    private static String randomTag(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        java.util.Random random = new java.util.Random();
        StringBuilder tag = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return tag.toString();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress()
                    && InetAddress.getByName(host) instanceof java.net.Inet4Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private IOException notJoined(CountDownLatch joined) {
        return new IOException("only " + (settings.clients() - joined.getCount()) + " of " + settings.clients()
                + " clients joined within " + SETUP_SECONDS + " s");
    }

    private BenchResult load(double setupMs) throws InterruptedException, LoadRefused {
        int n = settings.clients();
        onLoop(() -> {
            senders = new Sender[settings.senders()];
            for (int s = 0; s < senders.length; s++) {
                senders[s] = new Sender(s, clients[s]);
            }
            for (Client client : clients) {
                client.lastSeen = new int[senders.length];
                Arrays.fill(client.lastSeen, -1);
            }
            sending = true;
            for (Sender sender : senders) {
                sender.start();
            }
            return null;
        });
        sleepReporting(settings.warmup().toMillis(), "warmup");
        Counts before = onLoop(() -> {
            latency.reset();
            measuring = true;
            return counts();
        });
        long start = System.nanoTime();
        sleepReporting(settings.duration().toMillis(), "measure");
        Counts after = onLoop(() -> {
            measuring = false;
            return counts();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = onLoop(() -> {
            sending = false;
            return latency.copy();
        });
        Counts end = drain(n);
        long expected = end.sent * (n - 1);
        long received = end.delivered - end.duplicated;
        return new BenchResult(
                settings.protocol().name(),
                n,
                settings.senders(),
                settings.window(),
                settings.rate(),
                seconds,
                (after.delivered - before.delivered) / seconds,
                (after.sent - before.sent) / seconds,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getValueAtPercentile(99.9) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                end.sent,
                Math.max(0, expected - received),
                end.duplicated,
                end.reordered,
                end.refused,
                setupMs,
                0);
    }

    /** The counters at one moment; taken on the loop. */
    private record Counts(long delivered, long duplicated, long reordered, long refused, long sent) {}

    private Counts counts() {
        return new Counts(delivered, duplicated, reordered, refused, sent);
    }

    /** Runs {@code task} on the loop and waits for its result. */
    private <T> T onLoop(Callable<T> task) throws InterruptedException {
        try {
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load generator failed", e.getCause());
        }
    }

    /** Waits (at most 10 s) until every message sent has reached every receiver or nothing moves for 2 s. */
    private Counts drain(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            Counts now = onLoop(this::counts);
            long received = now.delivered - now.duplicated;
            if (received >= now.sent * (n - 1) || System.nanoTime() > deadline) {
                return now;
            }
            if (received != last) {
                last = received;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(2)) {
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits {@code millis}, reporting progress each second; stops at once when the server throttles a client. */
    private void sleepReporting(long millis, String phase) throws InterruptedException, LoadRefused {
        long end = System.currentTimeMillis() + millis;
        long lastDelivered = onLoop(() -> delivered);
        while (System.currentTimeMillis() < end) {
            long step = Math.min(1000, end - System.currentTimeMillis());
            if (stopped.await(Math.max(step, 0), TimeUnit.MILLISECONDS)) {
                throw refusal();
            }
            Counts now = onLoop(this::counts);
            progress.accept(String.format(
                    "%s: %,.0f deliveries/s, %,d sent",
                    phase, (now.delivered - lastDelivered) * 1000.0 / Math.max(step, 1), now.sent));
            lastDelivered = now.delivered;
        }
    }

    private LoadRefused refusal() {
        String how = settings.protocol() == WireProtocol.Kind.ocp
                ? "the server's flood control is on, and every message after this one would be refused too."
                        + " For a load test, start openchat with it off, and room for the clients: " + LOAD_TEST_SERVER
                : "if it throttles clients (flood control), turn that off for a load test: openchat's IRC listener"
                        + " with " + LOAD_TEST_SERVER + "; other IRC servers by their connect class (bench/compare"
                        + " shows InspIRCd's and ngIRCd's).";
        return new LoadRefused("stopped at the first refusal: the server answered " + stopReason + " after "
                + onLoopQuietly(() -> sent) + " messages; " + how);
    }

    private long onLoopQuietly(Callable<Long> task) {
        try {
            return onLoop(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Writes (without flushing) one message whose body starts {@code sender:counter:sendMicros:}; the rest is what is
     * left of the padding (the digits of an earlier, longer message may remain after the third colon: receivers read
     * three fields).
     */
    private void writeChat(Channel channel, int sender, int counter) {
        byte[] frame = outgoing;
        int at = OcpEncoder.putDecimal(frame, chatFrame.bodyOffset(), sender);
        frame[at++] = ':';
        at = OcpEncoder.putDecimal(frame, at, counter);
        frame[at++] = ':';
        at = OcpEncoder.putDecimal(frame, at, clock.micros());
        frame[at] = ':';
        ByteBuf out = channel.alloc().directBuffer(frame.length);
        out.writeBytes(frame);
        channel.write(out, channel.voidPromise());
    }

    /** Flushes every sender written to since the last flush; once per pass of the loop. */
    private void unflushed(Sender sender) {
        unflushed.add(sender);
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flushAll);
        }
    }

    private void flushAll() {
        flushScheduled = false;
        for (Sender sender : unflushed) {
            sender.dirty = false;
            sender.client.channel.flush();
        }
        unflushed.clear();
    }

    /** Expires the clock before a read is handled: the loop may have waited for it. */
    @ChannelHandler.Sharable
    private final class ReadStart extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            clock.expire();
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * One connection: joins, then records what it receives. Also the last handler of the pipeline, to notice a
     * close before the join.
     */
    private final class Client extends ChannelInboundHandlerAdapter implements WireProtocol.Receiver {
        final int index;
        final CountDownLatch joined;
        final Semaphore connecting;
        volatile Channel channel;
        volatile String failure;
        /** The failure is the connection's, not the server's answer to the join. */
        volatile boolean unreachable;

        boolean isJoined;
        boolean settled;
        int[] lastSeen;
        Set<Long> missing;

        Client(int index, CountDownLatch joined, Semaphore connecting) {
            this.index = index;
            this.joined = joined;
            this.connecting = connecting;
        }

        /** Counts this client as done with its setup, joined or not; once. */
        private void settle() {
            if (!settled) {
                settled = true;
                connecting.release();
                joined.countDown();
            }
        }

        /** The connection failed: {@code why} names the address and the reason. */
        void couldNotConnect(String why) {
            failure = why;
            unreachable = true;
            loop.execute(this::settle);
        }

        @Override
        public void joined() {
            isJoined = true;
            settle();
        }

        @Override
        public void throttled(String answer) {
            if (stopReason == null) {
                sending = false;
                stopReason = answer;
                stopped.countDown();
            }
        }

        @Override
        public void refused(String why) {
            if (!isJoined) {
                failure = why;
                settle();
            } else {
                refused++;
            }
        }

        /** Body: sender ':' counter ':' sendMicros ':' padding, parsed in place. */
        @Override
        public void chat(ByteBuf buffer, int from, int to) {
            if (lastSeen == null) {
                return;
            }
            // The three numbers are in the body's first bytes: one copy, then plain array reads (a ByteBuf's
            // getByte checks bounds and the buffer's reference count each time).
            byte[] fields = bodyStart;
            int length = Math.min(to - from, fields.length);
            buffer.getBytes(from, fields, 0, length);
            int at = 0;
            long sender = 0;
            long counter = 0;
            long sentMicros = 0;
            for (int field = 0; field < 3; field++) {
                long value = 0;
                byte b;
                while (at < length && (b = fields[at]) != ':') {
                    value = value * 10 + (b - '0');
                    at++;
                }
                if (at++ >= length) {
                    return; // not a body this generator wrote
                }
                switch (field) {
                    case 0 -> sender = value;
                    case 1 -> counter = value;
                    default -> sentMicros = value;
                }
            }
            if (sender >= lastSeen.length) {
                return;
            }
            if (measuring) {
                long micros = clock.micros() - sentMicros;
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, micros)));
            }
            delivered++;
            ordered((int) sender, (int) counter);
        }

        private void ordered(int sender, int counter) {
            int last = lastSeen[sender];
            if (counter == last + 1) {
                lastSeen[sender] = counter;
            } else if (counter > last + 1) {
                if (missing == null) {
                    missing = new HashSet<>();
                }
                for (int c = last + 1; c < counter; c++) {
                    missing.add(key(sender, c));
                }
                lastSeen[sender] = counter;
            } else if (missing != null && missing.remove(key(sender, counter))) {
                reordered++;
            } else {
                duplicated++;
                return;
            }
            senders[sender].delivered(counter);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!isJoined && failure == null) {
                failure = "closed by the server before joining";
            }
            settle();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private long key(int sender, int counter) {
            return ((long) sender << 32) | counter;
        }
    }

    /** Sends on the loop: a window at a time (closed loop) or on a timer (open loop). */
    private final class Sender {
        final int index;
        final Client client;
        /** Closed loop: per slot of the window, how many receivers still lack the message in it. */
        final int[] remaining;

        int inFlight;
        int counter;
        double owed;
        boolean dirty;

        Sender(int index, Client client) {
            this.index = index;
            this.client = client;
            this.remaining = new int[Math.max(1, settings.window())];
        }

        void start() {
            if (settings.closedLoop()) {
                fill();
                return;
            }
            // Open loop: each sender ticks at its own phase, so the total rate is spread evenly in time.
            double perSecond = settings.rate() / senders.length;
            long periodMicros = Math.max(1000, (long) (1_000_000 / perSecond));
            double perTick = perSecond * periodMicros / 1_000_000.0;
            long phase = periodMicros * index / senders.length;
            loop.scheduleAtFixedRate(() -> tick(perTick), phase, periodMicros, TimeUnit.MICROSECONDS);
        }

        /** Closed loop: sends until the window is full. */
        void fill() {
            Channel channel = client.channel;
            int window = settings.window();
            while (sending && inFlight < window && channel.isActive()) {
                inFlight++;
                remaining[counter % window] = clients.length - 1;
                send(channel);
            }
        }

        void tick(double perTick) {
            if (!sending) {
                return;
            }
            owed += perTick;
            clock.expire();
            Channel channel = client.channel;
            while (owed >= 1 && channel.isActive()) {
                owed -= 1;
                send(channel);
            }
        }

        private void send(Channel channel) {
            writeChat(channel, index, counter++);
            sent++;
            if (!dirty) {
                dirty = true;
                unflushed(this);
            }
        }

        /** A receiver got message {@code counter}; the last one to get it frees a place in the window. */
        void delivered(int counter) {
            if (settings.closedLoop() && --remaining[counter % settings.window()] == 0) {
                inFlight--;
                fill();
            }
        }
    }

    /** Resident set size of a process in KiB, from /proc; 0 when unknown. */
    static long rssKb(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
