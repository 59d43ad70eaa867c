package openchat.server.irc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import openchat.core.AddressKey;
import openchat.core.Names;
import openchat.server.config.OwnerOnlyFiles;
import openchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each IRC client that quit had been shown its rooms' lines, so that the same nick coming back from the same
 * address is replayed on JOIN only what was said since it left ({@link IrcClientState#shownUpTo}), as a rejoin on one
 * connection is. Without it every new connection was replayed the last {@code --history-on-join} lines of each
 * channel again: WeeChat's {@code /reconnect}, or a client restarted, showed the same lines twice, and after a few
 * reconnects five times, in its buffers and its logs.
 *
 * <p>Only a QUIT leaves a mark: a connection that broke may have lost lines on their way, which a full replay gives
 * again. The address must match (an IPv6 one by its /64, {@link AddressKey}), so that nobody can take a nick, quit,
 * and leave its holder a shorter replay. The last {@link #REMEMBERED} quits are kept, in memory; on a cluster each node
 * keeps its own.
 *
 * <p>A server stopped cleanly (a signal, the administrator's order) tells every IRC client the ERROR that ends it after
 * every line, so each leaves a mark as a QUIT would ({@link #serverStopping}), and the marks are written to the data
 * directory ({@link #keep}) and read back at the next start ({@link #kept}): an IRC client reconnecting on its own
 * after a restart was replayed the same lines again (trial 12: WeeChat showed the previous day's lines twice). A
 * server that died ({@code kill -9}) leaves none, and its clients get the full replay.
 */
public final class IrcReplayMarks {
    /** How many quits are remembered: past it, the one longest ago is forgotten (its nick gets the full replay). */
    static final int REMEMBERED = ServerConfig.IRC_REPLAY_MARKS;

    /** The file in the data directory that holds the marks from a clean stop until the next start reads them. */
    public static final String FILE_NAME = "irc-replay-marks";

    private static final Logger log = LoggerFactory.getLogger(IrcReplayMarks.class);

    private record Marks(AddressKey from, Map<String, Long> shownUpTo) {}

    private final Map<String, Marks> byName = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Marks> eldest) {
            return size() > REMEMBERED;
        }
    };

    private volatile boolean serverStopping;

    /** No marks: a server that keeps none across a restart (a cluster node, a server without a data directory). */
    public IrcReplayMarks() {}

    /**
     * The marks a clean stop left in {@code file} (none when there is no file), which is deleted: each mark is taken
     * once, and a server that dies before its next clean stop must leave none. A file that cannot be read whole is
     * said in the log and dropped: every IRC client then gets the full replay, as after a server that died.
     */
    public static IrcReplayMarks kept(Path file) {
        IrcReplayMarks marks = new IrcReplayMarks();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                marks.read(line);
            }
            Files.delete(file);
        } catch (NoSuchFileException none) {
            // a first start, or the last stop was not clean
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the IRC replay marks in {} ({}): every IRC client gets the full replay", file, e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next clean stop replaces it
            }
            return new IrcReplayMarks(); // none of it, not the lines before the damage
        }
        return marks;
    }

    /** One mark as {@link #keep} writes it: {@code NAME-KEY TAB ADDRESS (TAB ROOM-KEY TAB SEQ)...}. */
    private void read(String line) throws IOException {
        String[] fields = line.split("\t", -1);
        if (fields.length < 4 || fields.length % 2 != 0) {
            throw new IOException("not a mark: " + line);
        }
        String address = fields[1].replaceFirst("/\\d+$", "");
        if (!address.matches("[0-9A-Fa-f:.]+")) { // a literal address only: never a name to look up
            throw new IOException("not an address: " + fields[1]);
        }
        AddressKey from = AddressKey.of(InetAddress.getByName(address));
        Map<String, Long> shownUpTo = new HashMap<>();
        for (int i = 2; i < fields.length; i += 2) {
            shownUpTo.put(fields[i], Long.parseLong(fields[i + 1]));
        }
        synchronized (this) {
            byName.put(fields[0], new Marks(from, Map.copyOf(shownUpTo)));
        }
    }

    /**
     * Writes the marks to {@code file}, {@code rw-------}, for the next start ({@link #kept}): after the server
     * stopped, every IRC session having left its mark. Nothing is written when there are none.
     */
    public synchronized void keep(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (byName.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        byName.forEach((key, marks) -> {
            text.append(key).append('\t').append(marks.from());
            marks.shownUpTo()
                    .forEach((room, seq) ->
                            text.append('\t').append(room).append('\t').append(seq));
            text.append('\n');
        });
        OwnerOnlyFiles.createWhole(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The server is stopping cleanly and will {@link #keep} the marks: each IRC client it closes leaves one, as a QUIT
     * does ({@link IrcSession#channelInactive}).
     */
    public void serverStopping() {
        serverStopping = true;
    }

    /** Whether a client the server closes now leaves a mark ({@link #serverStopping}). */
    boolean keepsMarksOfClosed() {
        return serverStopping;
    }

    /** {@code name} quit from {@code from}, having been shown each room's lines up to its Seq in {@code shownUpTo}. */
    synchronized void quit(String name, AddressKey from, Map<String, Long> shownUpTo) {
        String key = Names.key(name);
        byName.remove(key); // the newest last, whatever it had before
        if (!shownUpTo.isEmpty()) {
            byName.put(key, new Marks(from, Map.copyOf(shownUpTo)));
        }
    }

    /**
     * What {@code name} was shown when it last quit, by room key, if it quit from {@code from}; forgotten once taken.
     * Empty otherwise.
     */
    synchronized Map<String, Long> take(String name, AddressKey from) {
        Marks marks = byName.remove(Names.key(name));
        return marks == null || !marks.from().equals(from) ? Map.of() : marks.shownUpTo();
    }
}
