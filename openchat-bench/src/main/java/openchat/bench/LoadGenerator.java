package openchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.buffer.ByteBuf;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Opens the clients, joins them, and drives chat through the server: closed loop (a window of messages in
 * flight per sender) or open loop (a fixed total rate). Each message body carries its sender, a per-sender
 * counter and its send time, so every receiver can measure latency and check that each message arrives
 * exactly once and in order.
 */
public final class LoadGenerator {
    private static final int CONNECTS_AT_ONCE = 256;

    private final BenchSettings settings;
    private final WireProtocol protocol;
    private final Consumer<String> progress;
    private final Recorder latency = new Recorder(3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong sentTotal = new AtomicLong();
    private volatile boolean sending;
    private volatile boolean measuring;
    private Client[] clients;
    private Sender[] senders;

    public LoadGenerator(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.protocol = WireProtocol.of(settings.protocol());
        this.progress = progress;
    }

    public BenchResult run() throws InterruptedException, IOException {
        EventLoopGroup group = new NioEventLoopGroup();
        try {
            long rssBefore = rssKb(settings.serverPid());
            long setupStart = System.nanoTime();
            connectAll(group);
            double setupMs = (System.nanoTime() - setupStart) / 1e6;
            progress.accept(String.format("joined %d clients in %.0f ms", settings.clients(), setupMs));
            if (settings.idle()) {
                long rssAfter = rssKb(settings.serverPid());
                double per10k = rssBefore > 0 ? (rssAfter - rssBefore) / 1024.0 / settings.clients() * 10_000 : 0;
                return new BenchResult(settings.protocol().name(), settings.clients(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, refused.sum(), setupMs, per10k);
            }
            return load(setupMs);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void connectAll(EventLoopGroup group) throws InterruptedException, IOException {
        clients = new Client[settings.clients()];
        CountDownLatch joined = new CountDownLatch(settings.clients());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        Semaphore connecting = new Semaphore(CONNECTS_AT_ONCE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < clients.length; i++) {
            Client client = new Client(i, joined, connecting);
            clients[i] = client;
            if (!connecting.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException("only " + (settings.clients() - joined.getCount()) + " of "
                        + settings.clients() + " clients joined within 120 s");
            }
            ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    protocol.configure(ch.pipeline(), client);
                    ch.pipeline().addLast(client);
                }
            }).connect(settings.host(), settings.port());
            client.channel = connect.channel();
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    protocol.join(client.channel, "b" + client.index);
                } else {
                    client.failure = f.cause().toString();
                    connecting.release();
                    joined.countDown();
                }
            });
        }
        if (!joined.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IOException("only " + (settings.clients() - joined.getCount()) + " of " + settings.clients()
                    + " clients joined within 120 s");
        }
        for (Client client : clients) {
            if (client.failure != null) {
                throw new IOException("client " + client.index + " could not join: " + client.failure);
            }
        }
    }

    private BenchResult load(double setupMs) throws InterruptedException {
        int n = settings.clients();
        senders = new Sender[settings.senders()];
        for (int s = 0; s < senders.length; s++) {
            senders[s] = new Sender(s, clients[s]);
        }
        for (Client client : clients) {
            client.lastSeen = new int[senders.length];
            java.util.Arrays.fill(client.lastSeen, -1);
        }
        sending = true;
        for (Sender sender : senders) {
            sender.start();
        }
        sleepReporting(settings.warmup().toMillis(), "warmup");
        latency.reset();
        long deliveredBefore = delivered.sum();
        long sentBefore = sentTotal.get();
        measuring = true;
        long start = System.nanoTime();
        sleepReporting(settings.duration().toMillis(), "measure");
        measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        long measuredDeliveries = delivered.sum() - deliveredBefore;
        long measuredSent = sentTotal.get() - sentBefore;
        Histogram histogram = latency.getIntervalHistogram();
        sending = false;
        drain(n);
        long expected = sentTotal.get() * (n - 1);
        long received = delivered.sum() - duplicated.sum();
        return new BenchResult(settings.protocol().name(), n, senders.length, settings.window(), settings.rate(),
                seconds, measuredDeliveries / seconds, measuredSent / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0,
                sentTotal.get(), Math.max(0, expected - received), duplicated.sum(), reordered.sum(), refused.sum(),
                setupMs, 0);
    }

    /** Waits (at most 10 s) until every message sent has reached every receiver or nothing moves for 2 s. */
    private void drain(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long received = delivered.sum() - duplicated.sum();
            if (received >= sentTotal.get() * (n - 1)) {
                return;
            }
            if (received != last) {
                last = received;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void sleepReporting(long millis, String phase) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        long lastDelivered = delivered.sum();
        while (System.currentTimeMillis() < end) {
            long step = Math.min(1000, end - System.currentTimeMillis());
            TimeUnit.MILLISECONDS.sleep(Math.max(step, 0));
            long now = delivered.sum();
            progress.accept(String.format("%s: %,.0f deliveries/s, %,d sent", phase,
                    (now - lastDelivered) * 1000.0 / Math.max(step, 1), sentTotal.get()));
            lastDelivered = now;
        }
    }

    /** Writes one message whose body starts {@code sender:counter:sendNanos:}; called on the sender's loop. */
    private void writeChat(Channel channel, int sender, int counter) {
        byte[] head = new byte[48];
        int length = putDigits(head, 0, sender);
        head[length++] = ':';
        length = putDigits(head, length, counter);
        head[length++] = ':';
        length = putDigits(head, length, System.nanoTime());
        head[length++] = ':';
        protocol.writeChat(channel, head, length, settings.size());
    }

    private static int putDigits(byte[] into, int at, long value) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            into[at + i] = (byte) digits.charAt(i);
        }
        return at + digits.length();
    }

    /**
     * One connection: joins, then records what it receives. State touched only on its event loop. Also the
     * last handler of the pipeline, to notice a close before the join.
     */
    private final class Client extends io.netty.channel.ChannelInboundHandlerAdapter implements WireProtocol.Receiver {
        final int index;
        final CountDownLatch joined;
        final Semaphore connecting;
        volatile Channel channel;
        volatile String failure;
        boolean isJoined;
        int[] lastSeen;
        Set<Long> missing;

        Client(int index, CountDownLatch joined, Semaphore connecting) {
            this.index = index;
            this.joined = joined;
            this.connecting = connecting;
        }

        @Override
        public void joined() {
            if (!isJoined) {
                isJoined = true;
                connecting.release();
                joined.countDown();
            }
        }

        @Override
        public void refused(String why) {
            if (!isJoined) {
                failure = why;
                connecting.release();
                joined.countDown();
            } else {
                refused.increment();
            }
        }

        /** Body: sender ':' counter ':' sendNanos ':' padding, parsed in place. */
        @Override
        public void chat(ByteBuf buffer, int from, int to) {
            if (lastSeen == null) {
                return;
            }
            long[] fields = new long[3];
            int at = from;
            for (int f = 0; f < 3; f++) {
                long value = 0;
                byte b;
                while (at < to && (b = buffer.getByte(at)) != ':') {
                    value = value * 10 + (b - '0');
                    at++;
                }
                if (at >= to) {
                    return;
                }
                fields[f] = value;
                at++;
            }
            int sender = (int) fields[0];
            int counter = (int) fields[1];
            if (measuring) {
                latency.recordValue(Math.max(0, (System.nanoTime() - fields[2]) / 1000));
            }
            delivered.increment();
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
                reordered.increment();
            } else {
                duplicated.increment();
                return;
            }
            senders[sender].delivered(counter);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!isJoined && failure == null) {
                failure = "closed by the server before joining";
                connecting.release();
                joined.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private long key(int sender, int counter) {
            return ((long) sender << 32) | counter;
        }
    }

    /** Sends on its client's event loop: a window at a time (closed loop) or on a timer (open loop). */
    private final class Sender {
        final int index;
        final Client client;
        final AtomicIntegerArray remaining;
        final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        int counter;
        double owed;

        Sender(int index, Client client) {
            this.index = index;
            this.client = client;
            this.remaining = new AtomicIntegerArray(Math.max(1, settings.window()));
        }

        void start() {
            Channel channel = client.channel;
            if (settings.closedLoop()) {
                channel.eventLoop().execute(this::fill);
            } else {
                double perSecond = settings.rate() / senders.length;
                long periodMicros = Math.max(1000, (long) (1_000_000 / perSecond));
                double perTick = perSecond * periodMicros / 1_000_000.0;
                channel.eventLoop().scheduleAtFixedRate(() -> tick(perTick), 0, periodMicros, TimeUnit.MICROSECONDS);
            }
        }

        /** Closed loop: sends until the window is full. */
        void fill() {
            Channel channel = client.channel;
            boolean wrote = false;
            while (sending && inFlight.get() < settings.window() && channel.isActive()) {
                inFlight.incrementAndGet();
                remaining.set(counter % settings.window(), clients.length - 1);
                writeChat(channel, index, counter);
                counter++;
                sentTotal.incrementAndGet();
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        void tick(double perTick) {
            if (!sending) {
                return;
            }
            owed += perTick;
            Channel channel = client.channel;
            boolean wrote = false;
            while (owed >= 1 && channel.isActive()) {
                owed -= 1;
                writeChat(channel, index, counter++);
                sentTotal.incrementAndGet();
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        /** A receiver got message {@code counter}; the last one to get it frees a place in the window. */
        void delivered(int counter) {
            if (!settings.closedLoop()) {
                return;
            }
            if (remaining.decrementAndGet(counter % settings.window()) == 0) {
                inFlight.decrementAndGet();
                Channel channel = client.channel;
                if (channel.eventLoop().inEventLoop()) {
                    fill();
                } else {
                    channel.eventLoop().execute(this::fill);
                }
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

    List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Client client : clients) {
            if (client.failure != null) {
                failures.add(client.failure);
            }
        }
        return failures;
    }
}
