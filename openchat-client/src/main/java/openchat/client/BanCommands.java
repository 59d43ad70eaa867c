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

    /** The ban a {@code /ban} argument asks for: whom, for how long (null: until lifted), and why. */
    private record Asked(String target, Duration lasting, String reason) {}

    /**
     * {@code TARGET [DURATION] [REASON]}: DURATION is a first word written with units ({@code 30m}, {@code 1h30m},
     * {@code 7d}, as {@link BanDuration} reads them); any other first word begins the reason.
     */
    private static Optional<Asked> asked(String argument) {
        return ChatCommand.nameAndRest(argument).map(ban -> {
            String rest = ban.text();
            int space = rest.indexOf(' ');
            String first = space < 0 ? rest : rest.substring(0, space);
            if (!BanDuration.hasUnits(first)) {
                return new Asked(ban.name(), null, rest);
            }
            // Throws when longer than the longest, or zero ("0s" must not quietly mean "until lifted").
            Duration lasting = BanDuration.parse(first)
                    .orElseThrow(() -> new IllegalArgumentException("a ban of no duration: " + first));
            return new Asked(
                    ban.name(),
                    lasting,
                    space < 0 ? "" : rest.substring(space + 1).strip());
        });
    }

    /** Whether {@code argument} is one {@code /ban} reads: a target, and a duration it allows when one is written. */
    static boolean isBanArgument(String argument) {
        try {
            return asked(argument).isPresent();
        } catch (IllegalArgumentException tooLongOrZero) {
            return false;
        }
    }

    /**
     * {@code /ban TARGET [DURATION] [REASON]}: a member's name, an address or a network, for DURATION or until it is
     * lifted; the reason is what the banned member is told. Members who match are put out.
     */
    void ban(String argument) {
        Asked ban = asked(argument).orElseThrow();
        OcpMessage.Builder request =
                OcpMessage.request(Methods.BAN, Targets.SERVER).header(HeaderNames.TARGET, ban.target());
        if (ban.lasting() != null) {
            request.header(HeaderNames.DURATION, ban.lasting().toSeconds());
        }
        if (!ban.reason().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(ban.reason());
        }
        link.ask(request).ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /unban TARGET}: lifts the ban of that name, address or network. */
    void unban(String argument) {
        link.ask(OcpMessage.request(Methods.UNBAN, Targets.SERVER)
                        .header(HeaderNames.TARGET, ChatCommand.unquote(argument)))
                .ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /bans}: every ban as an aligned table, dated in local time, with when a timed ban ends. */
    void bans() {
        link.ask(OcpMessage.request(Methods.BANS, Targets.SERVER)).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.sentence(answer));
                return;
            }
            TsvTable bans = TsvTable.parse(answer.bodyText());
            if (bans.rows().isEmpty()) {
                ui.print(text.get("bans.none"));
                return;
            }
            TextTable table = new TextTable()
                    .row(
                            text.get("bans.target"),
                            text.get("bans.kind"),
                            text.get("bans.by"),
                            text.get("bans.date"),
                            text.get("bans.expires"),
                            text.get("bans.reason"));
            for (List<String> row : bans.rows()) {
                table.row(
                        EventFormatter.clean(bans.cell(row, "target")),
                        kindText(bans.cell(row, "kind")),
                        EventFormatter.clean(bans.cell(row, "by")),
                        formatter.localTime(bans.cell(row, "date")),
                        bans.cell(row, "expires").isEmpty()
                                ? text.get("bans.permanent")
                                : formatter.localTime(bans.cell(row, "expires")),
                        EventFormatter.clean(bans.cell(row, "reason")));
            }
            table.lines().forEach(ui::print);
        });
    }

    private String kindText(String kind) {
        return switch (kind) {
            case "name", "mask", "address" -> text.get("bans.kind." + kind);
            default -> EventFormatter.clean(kind);
        };
    }
}
