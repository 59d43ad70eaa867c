package openchat.core;

import java.net.InetAddress;
import java.util.List;

/**
 * A {@link ChatCore} wired for tests: a {@link RecordingFanout}, a {@link TestClock} and (unless told otherwise)
 * an {@link InMemoryHistory}. Each member's link is its name; the administrator's is {@code "admin"}.
 */
final class CoreHarness {
    static final String ADMIN_KEY = "correct horse battery staple";
    static final InetAddress ORIGIN = InetAddress.getLoopbackAddress();
    /** The defaults without flood control, so tests may post freely; the flood tests set their own. */
    static final CoreConfig CONFIG =
            CoreConfig.builder().floodControl(FloodControl.OFF).build();

    final TestClock clock = new TestClock();
    final RecordingFanout fanout = new RecordingFanout();
    final HistoryStore history;
    final ChatCore<String> core;

    CoreHarness() {
        this(CONFIG);
    }

    CoreHarness(CoreConfig config) {
        this(config, new InMemoryHistory(1_000));
    }

    CoreHarness(CoreConfig config, HistoryStore history) {
        this.history = history;
        this.core = new ChatCore<>(config, fanout, CoreListener.NONE, history, clock, ADMIN_KEY::equals);
    }

    /**
     * Another core on this harness's fanout, history and clock, its bans kept in {@code bans}: what a restart with the
     * same store loads.
     */
    ChatCore<String> coreKeepingBansIn(BanStore bans) {
        return new ChatCore<>(CONFIG, fanout, CoreListener.NONE, history, clock, ADMIN_KEY::equals, bans);
    }

    /** Connects {@code name} into the lobby. */
    Member<String> connect(String name) {
        return connect(name, RoomNames.LOBBY);
    }

    /** Connects {@code name} into {@code room}, creating it when it does not exist. */
    Member<String> connect(String name, String room) {
        return core.connect(name, null, ORIGIN, name, room, -1).member();
    }

    /** Connects the administrator, with the key, into {@code room}; its link is {@code "admin"}. */
    Member<String> admin(String room) {
        return core.connect(Names.ADMINISTRATOR, ADMIN_KEY, ORIGIN, "admin", room, -1)
                .member();
    }

    /** The names of the rooms {@link ChatCore#list} shows. */
    List<String> roomNames() {
        return core.list().stream().map(RoomView::name).toList();
    }

    /** Runs {@code call}, which must be refused, and returns the refusal. */
    static Refusal refusal(Call call) {
        try {
            call.run();
        } catch (Refusal refused) {
            return refused;
        }
        throw new AssertionError("expected a refusal, but the call succeeded");
    }

    /** An operation a test expects the core to refuse. */
    @FunctionalInterface
    interface Call {
        void run();
    }
}
