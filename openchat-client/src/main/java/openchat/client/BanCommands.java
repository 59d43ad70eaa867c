package openchat.client;

import java.util.List;
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

    /**
     * {@code /ban TARGET [REASON]}: a member's name, an address or a network; the reason is what the banned member
     * is told. Members who match are put out.
     */
    void ban(String argument) {
        ChatCommand.NameAndText ban = ChatCommand.nameAndRest(argument).orElseThrow();
        OcpMessage.Builder request =
                OcpMessage.request(Methods.BAN, Targets.SERVER).header(HeaderNames.TARGET, ban.name());
        if (!ban.text().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(ban.text());
        }
        link.ask(request).ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /unban TARGET}: lifts the ban of that name, address or network. */
    void unban(String argument) {
        link.ask(OcpMessage.request(Methods.UNBAN, Targets.SERVER)
                        .header(HeaderNames.TARGET, ChatCommand.unquote(argument)))
                .ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /** {@code /bans}: every ban as an aligned table, dated in local time. */
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
                            text.get("bans.reason"));
            for (List<String> row : bans.rows()) {
                table.row(
                        EventFormatter.clean(bans.cell(row, "target")),
                        kindText(bans.cell(row, "kind")),
                        EventFormatter.clean(bans.cell(row, "by")),
                        formatter.localTime(bans.cell(row, "date")),
                        EventFormatter.clean(bans.cell(row, "reason")));
            }
            table.lines().forEach(ui::print);
        });
    }

    private String kindText(String kind) {
        return switch (kind) {
            case "name", "address" -> text.get("bans.kind." + kind);
            default -> EventFormatter.clean(kind);
        };
    }
}
