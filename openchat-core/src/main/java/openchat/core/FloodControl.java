package openchat.core;

/**
 * Per-member chat rate: a token bucket of {@code burst} messages refilled at {@code perSecond}. A SEND over it
 * is answered 429 with Retry-After; a member whose refused messages since its last accepted one pass
 * {@code burst} over at least {@link #GRACE_MILLIS}, or {@link #REFUSALS_AT_ONCE} times {@code burst} sooner, is
 * disconnected. The administrator is exempt. {@link #OFF} for load tests.
 */
public record FloodControl(boolean enabled, int burst, double perSecond) {
    public static final int DEFAULT_BURST = 10;

    /**
     * How long refusals in a row must go on before they end the member: a client's lines that waited in a buffer
     * while the server (a collection, a paused VM) or the network stalled arrive together, each refused before the
     * client has heard the first 429; they are refused, and the member is not ended for them.
     */
    public static final long GRACE_MILLIS = 1_000;

    /** Bursts' worth of refusals in a row that end a member at once, however quickly they came: a flood. */
    public static final int REFUSALS_AT_ONCE = 10;

    public static final int DEFAULT_PER_SECOND = 5;

    /**
     * A chat line or private message is charged one message more per this many bytes past its first, and per line
     * with something in it past its first: what it weighs as IRC lines, which is how IRC members receive it (a 4 KiB message is 8 of them,
     * a paste of 20 lines 20). Charged after it is taken, so a long message is never refused for its length; the
     * allowance may go below zero, and the member's next line waits for it to come back. Counted by message alone,
     * a flooder's 10 messages of 4 KiB each reached every IRC member as 98 lines in a second (trial 13).
     */
    public static final int LINE_BYTES_PER_MESSAGE = 512;

    /**
     * What {@code text} is charged past its one message ({@link #LINE_BYTES_PER_MESSAGE}): 0 for a line shorter than
     * an IRC line, which is nearly every line, found without counting its bytes.
     */
    public static int extraMessages(String text) {
        if (text.length() * 3 <= LINE_BYTES_PER_MESSAGE && text.indexOf('\n') < 0) {
            return 0;
        }
        int lines = 0; // with something in them: IRC members are sent no blank line
        boolean written = false;
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines += written ? 1 : 0;
                written = false;
            } else if (!written && !Character.isWhitespace(c)) {
                written = true;
            }
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4
        }
        lines += written ? 1 : 0;
        return Math.max(Math.max(lines, 1), (bytes + LINE_BYTES_PER_MESSAGE - 1) / LINE_BYTES_PER_MESSAGE) - 1;
    }
    /**
     * The slowest rate: one message every 1000 seconds. A refusal's {@code Retry-After} is the wait for the next
     * message, in whole seconds; the rate's floor keeps that wait a number a client can act on (and far from the
     * overflow a rate of {@code 1e-300} made of it, which read as 1 second).
     */
    public static final double MIN_PER_SECOND = 0.001;
    /** The fastest rate: beyond it the allowance holds back nothing a person types; --no-flood-control says so. */
    public static final int MAX_PER_SECOND = 1000;

    /**
     * Reads a member asks for (HISTORY, WHO, LIST; over IRC CHATHISTORY, WHO, NAMES and LIST): an allowance of
     * {@code READ_BURST} units refilled at {@code READ_PER_SECOND}, apart from the chat rate. A read costs a unit, and
     * one more per {@code READ_ROWS_PER_UNIT} rows it returns (messages, members, rooms), taken after it is made: a
     * read is refused while less than a unit is left, so one big read may leave the allowance below zero for a while.
     * A person paging through history or looking at rooms and members never meets it; a client that pipelines
     * thousands of 500-message pages, each a database read on its connection's event loop, does, instead of
     * stalling every other connection on that loop. A refused read is answered and costs nothing more: refusals of
     * reads never end the member. Off with flood control; the administrator is exempt.
     */
    public static final int READ_BURST = 60;

    public static final int READ_PER_SECOND = 20;
    public static final int READ_ROWS_PER_UNIT = 100;
    /**
     * A history read is charged one more unit per this many bytes of the messages' text it returns: pages of long
     * messages cost what they weigh (a security trial pulled 2.6 GB in 20 s from one address with pages of 4 KiB
     * messages, charged by rows alone, and held a bystander's answers up to 0.4 s).
     */
    public static final int READ_BYTES_PER_UNIT = 64 * 1024;

    /**
     * Requests of any kind one connection makes (every OCP request, every IRC line, PINGs included): {@code
     * REQUEST_BURST} at once, then {@code REQUEST_PER_SECOND}. Over it a request is not refused: it waits its turn,
     * with those after it, and the connection's reading pauses meanwhile; past the server's {@code maxHeldRequests}
     * waiting, the connection is closed for flooding. No client a person uses comes near it; a client that pipelines
     * thousands of cheap requests does, instead of holding up every other connection on its event loop. The burst
     * is over what a chat flood with the default allowance takes to be ended ({@code DEFAULT_BURST} accepted and
     * {@code REFUSALS_AT_ONCE} bursts refused, all at once): paced, a flood's refusals would be spread out, and
     * the allowance refilling between them would keep it going at the chat rate. Off with flood control; the
     * administrator is exempt.
     */
    public static final int REQUEST_BURST = 200;

    public static final int REQUEST_PER_SECOND = 50;

    /**
     * WebSocket frames one connection sends, of every kind (data, continuation, PING, PONG, Close): {@code
     * FRAME_BURST} at once, then {@code FRAMES_PER_SECOND}; past them the connection is closed (1008, policy
     * violation). A frame's cost is in the frame itself (decoding it, aggregating it, answering a PING with a PONG),
     * not in the bytes it carries, so neither the byte limit of a message nor the request pace sees it: two
     * connections sending empty PINGs as fast as they could, or one sending empty fragments of a message that never
     * ends, held every other connection on their event loops up by a fifth of a second. No real client comes near
     * it: a browser sends one frame per message and cannot send a PING at all, an IRC client over WebSocket one frame
     * per line, and whatever the request pace lets through at once ({@code REQUEST_BURST}, and past it the
     * server's {@code maxHeldRequests} held) is under the burst, as its rate is under this one. Off with flood
     * control; counted before anyone is known, so the administrator counts too.
     */
    public static final int FRAME_BURST = 400;

    public static final int FRAMES_PER_SECOND = 100;

    public static final FloodControl DEFAULT = new FloodControl(true, DEFAULT_BURST, DEFAULT_PER_SECOND);
    public static final FloodControl OFF = new FloodControl(false, DEFAULT_BURST, DEFAULT_PER_SECOND);

    public FloodControl {
        if (burst < 1) {
            throw new ConfigProblem(
                    "flood burst (--flood-burst) must be at least 1: " + burst, "refusal.floodBurst", burst);
        }
        if (!(perSecond >= MIN_PER_SECOND && perSecond <= MAX_PER_SECOND)) {
            throw new ConfigProblem(
                    "flood rate (--flood-rate) must be " + text(MIN_PER_SECOND) + "-" + text(MAX_PER_SECOND)
                            + " messages per second: " + text(perSecond),
                    "refusal.floodRate",
                    text(MIN_PER_SECOND),
                    text(MAX_PER_SECOND),
                    text(perSecond));
        }
    }

    /** A rate as a person writes it: {@code 0.001}, {@code 5}; {@code 1E-300} rather than three hundred digits. */
    static String text(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return String.valueOf(perSecond);
        }
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(perSecond).stripTrailingZeros();
        String plain = exact.toPlainString();
        return plain.length() <= 20 ? plain : exact.toString();
    }
}
