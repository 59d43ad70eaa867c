package openchat.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import openchat.core.BanDuration;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * The administrator's bans: {@code /ban} keeps a name or an address out of the server, {@code /unban} lets it back,
 * {@code /bans} lists them. The server decides who may and answers in a sentence, which is shown as it is; a
 * refusal (not the administrator, the administrator's own name, an address that is none) is its refusal's body.
 */
final class BanCommands {
    private final ServerLink link;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;

    BanCommands(ServerLink link, TerminalUi ui, ClientText text, EventFormatter formatter) {
        this.link = link;
        this.ui = ui;
        this.text = text;
        this.formatter = formatter;
    }

    /** The ban a {@code /ban} (or {@code /roomban}) argument asks for: whom, for how long (null: until lifted), and why. */
    record Asked(String target, Duration lasting, String reason) {}

    /**
     * {@code TARGET [DURATION] [REASON]}: DURATION is a first word written with units ({@code 30m}, {@code 10min},
     * {@code 1h30m}, {@code 7d}, {@code 6mo}, {@code 1시간}, as {@link BanDuration} reads them; the words after it that
     * are durations too are part of it, {@code 1시간 30분}), or {@code 0} for until lifted (so that a reason may begin
     * with a digit); any other first word begins the reason, except one that begins with a digit: {@code 1h30},
     * {@code 30} or {@code 1시간반} was meant as a duration, and taking it as the reason of a permanent ban would turn a typo into
     * a ban that never ends. Such a word, a duration of zero and one over the longest are refused with why.
     */
    private Asked asked(String argument) {
        ChatCommand.NameAndText ban = ChatCommand.nameAndRest(argument).orElseThrow();
        String rest = ban.text();
        FirstWord words = FirstWord.of(rest);
        String first = words.word();
        String after = words.after();
        if (first.equals("0")) {
            return new Asked(ban.name(), null, after);
        }
        if (first.isEmpty() || !Character.isDigit(first.codePointAt(0))) {
            return new Asked(ban.name(), null, rest);
        }
        if (!BanDuration.hasUnits(first)) {
            throw new Refused(text.get("ban.durationUnits", first));
        }
        Optional<Duration> lasting;
        try {
            lasting = BanDuration.parse(first);
        } catch (IllegalArgumentException | ArithmeticException tooLong) {
            throw new Refused(text.get("ban.durationTooLong", first, text.lasting(BanDuration.LONGEST)));
        }
        // "0s" must not quietly mean "until lifted": that is written 0, or with no duration.
        return new Asked(
                ban.name(), lasting.orElseThrow(() -> new Refused(text.get("ban.durationZero", first))), after);
    }

    /**
     * The first word of what follows the target, and what is after it. A duration written in parts apart, as Korean is
     * ({@code 1시간 30분}), is one word, as typed: {@link BanDuration} reads it whole, and a refusal quotes it so. Read so
     * by {@code /delete}'s period too ({@link DeleteCommands}).
     */
    record FirstWord(String word, String after) {
        static FirstWord of(String rest) {
            int space = rest.indexOf(' ');
            String first = space < 0 ? rest : rest.substring(0, space);
            String after = space < 0 ? "" : rest.substring(space + 1).strip();
            while (BanDuration.hasUnits(first) && !after.isEmpty()) {
                int next = after.indexOf(' ');
                String part = next < 0 ? after : after.substring(0, next);
                if (!BanDuration.hasUnits(part)) {
                    break;
                }
                first += " " + part;
                after = next < 0 ? "" : after.substring(next + 1).strip();
            }
            return new FirstWord(first, after);
        }
    }

    /** A {@code /ban} this client will not send, with the sentence that says why. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** Whether {@code argument} names a target, as {@code /ban} needs; what follows it is checked when sent. */
    static boolean isBanArgument(String argument) {
        return ChatCommand.nameAndRest(argument).isPresent();
    }

    /**
     * {@code /ban TARGET [DURATION] [REASON]}: a member's name, an address or a network, for DURATION or until it is
     * lifted; the reason is what the banned member is told. Members who match are put out.
     */
    void ban(String argument) {
        read(argument)
                .flatMap(ban -> link.ask(request(Targets.SERVER, ban)))
                .ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /**
     * The ban {@code argument} ({@code TARGET [DURATION] [REASON]}) asks for; empty, with why shown, when it cannot be
     * sent.
     */
    Optional<Asked> read(String argument) {
        try {
            return Optional.of(asked(argument));
        } catch (Refused refused) {
            ui.print(refused.getMessage());
            return Optional.empty();
        }
    }

    /** The BAN of {@code target} ({@code /} or a room) that {@code ban} asks for. */
    static OcpMessage.Builder request(String target, Asked ban) {
        OcpMessage.Builder request = OcpMessage.request(Methods.BAN, target).header(HeaderNames.TARGET, ban.target());
        if (ban.lasting() != null) {
            request.header(HeaderNames.DURATION, ban.lasting().toSeconds());
        }
        if (!ban.reason().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(ban.reason());
        }
        return request;
    }

    /** {@code /unban TARGET}: lifts the ban of that name, address or network. */
    void unban(String argument) {
        link.ask(OcpMessage.request(Methods.UNBAN, Targets.SERVER)
                        .header(HeaderNames.TARGET, ChatCommand.unquote(argument)))
                .ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /bans}: every ban as an aligned table, dated in local time, with when a timed ban ends. */
    void bans() {
        link.ask(OcpMessage.request(Methods.BANS, Targets.SERVER))
                .ifPresent(answer -> printBans(answer, text.get("bans.none")));
    }

    /**
     * The answer to a BANS (the server's, or a room's) as an aligned table; {@code none} when there is no ban. A room's
     * bans have an address column, which only the administrator's answer fills: shown when one is.
     */
    void printBans(OcpMessage answer, String none) {
        if (answer.statusCode() != Status.OK.code()) {
            ui.print(formatter.sentence(answer));
            return;
        }
        TsvTable bans = TsvTable.parse(answer.bodyText());
        if (bans.rows().isEmpty()) {
            ui.print(none);
            return;
        }
        boolean addresses =
                bans.rows().stream().anyMatch(row -> !bans.cell(row, "address").isEmpty());
        TextTable table = new TextTable().row(heading(addresses));
        for (List<String> row : bans.rows()) {
            List<String> cells = new java.util.ArrayList<>(List.of(
                    EventFormatter.clean(bans.cell(row, "target")),
                    kindText(bans.cell(row, "kind")),
                    EventFormatter.clean(bans.cell(row, "by")),
                    formatter.localTime(bans.cell(row, "date")),
                    bans.cell(row, "expires").isEmpty()
                            ? text.get("bans.permanent")
                            : formatter.localTime(bans.cell(row, "expires")),
                    EventFormatter.clean(bans.cell(row, "reason"))));
            if (addresses) {
                cells.add(EventFormatter.clean(bans.cell(row, "address")));
            }
            table.row(cells.toArray(String[]::new));
        }
        ui.printBlock(table.lines());
    }

    private String[] heading(boolean addresses) {
        List<String> heading = new java.util.ArrayList<>(List.of(
                text.get("bans.target"),
                text.get("bans.kind"),
                text.get("bans.by"),
                text.get("bans.date"),
                text.get("bans.expires"),
                text.get("bans.reason")));
        if (addresses) {
            heading.add(text.get("bans.address"));
        }
        return heading.toArray(String[]::new);
    }

    private String kindText(String kind) {
        return switch (kind) {
            case "name", "mask", "address" -> text.get("bans.kind." + kind);
            default -> EventFormatter.clean(kind);
        };
    }
}
