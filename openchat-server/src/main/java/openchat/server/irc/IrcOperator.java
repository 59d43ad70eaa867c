package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import openchat.core.Ban;
import openchat.core.BanDuration;
import openchat.core.Chat;
import openchat.core.Member;
import openchat.core.Refusal;
import openchat.server.net.BanAnswer;

/**
 * The operator's commands; the administrator is the IRC operator: OPER, DIE, KILL, the bans (KLINE and UNKLINE with
 * their aliases) and STATS. That only the administrator may send DIE, KILL and the bans is checked before these run
 * (see {@link IrcCommand}).
 */
final class IrcOperator {
    /** A K-line's duration as InspIRCd writes one: seconds, or {@code 1y2w3d4h5m6s} ({@link BanDuration}). */
    private final IrcSession session;

    private final IrcContext server;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcRefusals refusals;

    IrcOperator(IrcSession session, IrcContext server, IrcClientState client, IrcRefusals refusals) {
        this.session = session;
        this.server = server;
        this.core = server.core();
        this.client = client;
        this.refusals = refusals;
    }

    void oper(IrcMessage message) {
        OptionalInt tlsPort = session.tlsPortForTheKey();
        if (tlsPort.isPresent()) {
            session.keyRefusedInClear("OPER");
            session.numeric("464", session.text("irc.keyNeedsTls", String.valueOf(tlsPort.getAsInt())));
        } else if (!client.member.isAdmin()
                || !openchat.core.Names.isAdministrator(message.params().get(0))) {
            session.numeric("491", session.text("irc.noOperHost"));
        } else if (!server.adminKey().test(message.params().get(1))) {
            session.numeric("464", session.text("irc.passwordMismatch"));
        } else {
            session.numeric("381", session.text("irc.youreOper"));
        }
    }

    void die(IrcMessage message) {
        String reason = message.param(0).orElse("").strip();
        server.shutdown().shutdown(reason.isEmpty() ? client.member.name() : client.member.name() + ": " + reason);
    }

    /**
     * REHASH: the administrator's SIGHUP, as InspIRCd's and ergo's operators reload: 382, then what the reload said on
     * the console (what it read again, what it could not, what changed in the config file), as server notices. The
     * reload reads files (and the config file's host name may be looked up), so it runs off the event loop. With
     * {@code +s} those lines come as the console's server notices already, and are not written a second time.
     */
    void rehash() {
        session.numeric("382", "openchat", session.text("irc.rehashing"));
        session.awaitBlocking(server.reload(), said -> {
            if (!session.serverNotices.watching()) {
                said.forEach(session::serverNotice);
            }
        });
    }

    /**
     * STATS: {@code u} is the uptime; {@code k} (or {@code K}) the bans, for the administrator, one 216 each as
     * InspIRCd lists K-lines: {@code <target> <set time> <duration, 0: permanent> <by> :<reason>}. No other query
     * has anything to show on one server.
     */
    void stats(IrcMessage message) {
        String query = message.param(0)
                .filter(q -> !q.isEmpty())
                .map(q -> q.substring(0, 1))
                .orElse("*");
        if (query.equalsIgnoreCase("k")) {
            try {
                for (Ban ban : core.bans(client.member)) {
                    session.numeric(
                            "216",
                            ban.target(),
                            String.valueOf(ban.at().toEpochSecond()),
                            ban.isPermanent()
                                    ? "0"
                                    : String.valueOf(ban.lasting().toSeconds()),
                            IrcNames.nick(ban.by()),
                            ban.reason());
                }
            } catch (Refusal refusal) {
                refusals.tell(message, refusal); // 481 for anyone but the administrator; the list still ends
            }
        } else if (query.equals("u")) {
            Duration up = Duration.between(
                    server.started(), OffsetDateTime.now(server.started().getOffset()));
            session.numeric(
                    "242",
                    session.text(
                            "irc.uptime",
                            up.toDays(),
                            String.format(
                                    Locale.ROOT,
                                    "%02d:%02d:%02d",
                                    up.toHoursPart(),
                                    up.toMinutesPart(),
                                    up.toSecondsPart())));
        }
        session.numeric("219", query, session.text("irc.endOfStats"));
    }

    /**
     * KILL {@code <nick> [:<reason>]}: the member is disconnected from the server, and not banned ({@link Chat#kill});
     * it gets {@code ERROR :... Killed (채팅관리자 (reason))}, its channels a QUIT saying the same. The answer is a
     * server notice; no such nick is 401, the administrator's own a server notice, as the refusals say.
     */
    void kill(IrcMessage message) {
        String killed = core.kill(
                client.member,
                message.params().get(0),
                message.param(1).orElse("").strip());
        session.serverNotice(session.text("answer.killed", IrcNames.nick(killed)));
    }

    /**
     * KLINE (and GLINE, InspIRCd's network-wide K-line, which a single server or a cluster's every node keeps alike;
     * ZLINE and DLINE, the address bans of InspIRCd and ircd-hybrid, handled alike): {@code KLINE <target>
     * [<duration>] [:<reason>]}, a ban in the core ({@link Chat#ban}) lasting the duration, or until UNKLINE when
     * it is 0 or not given. The duration may come first, as ircd-hybrid has it ({@code KLINE 1h troll :reason}), and
     * its parts may stand apart, as Korean writes them ({@code KLINE troll 1시간 30분 :도배}); words of a reason given
     * without its colon are its words. The answer is a server notice; refusals go through {@link IrcRefusals#tell},
     * where what the command names is refused with a server notice too, as InspIRCd answers a bad K-line.
     */
    void kline(IrcMessage message) {
        List<String> params = message.params();
        int leading = durationWords(params, 0);
        String written; // the target as the operator wrote it
        List<String> durationWords;
        List<String> reasonWords;
        if (leading > 0 && leading < params.size()) { // ircd-hybrid's order: KLINE 1h troll :reason
            written = params.get(leading);
            durationWords = params.subList(0, leading);
            reasonWords = params.subList(leading + 1, params.size());
        } else {
            written = params.get(0);
            int words = durationWords(params, 1);
            if (words == 0 && params.size() > 2) {
                words = 1; // a second word and more: the second is the duration, and said so when it is none
            }
            durationWords = params.subList(1, 1 + words);
            reasonWords = params.subList(1 + words, params.size());
        }
        String target = banTarget(written);
        String reason = String.join(" ", reasonWords);
        Duration lasting = null;
        if (!durationWords.isEmpty()) {
            String duration = String.join(" ", durationWords);
            try {
                lasting = BanDuration.parse(duration).orElse(null);
            } catch (IllegalArgumentException notOne) {
                session.serverNotice(
                        session.text("irc.banBadDuration", duration, BanDuration.text(BanDuration.LONGEST)));
                return;
            }
        }
        Chat.BanResult result;
        try {
            result = core.ban(client.member, target, lasting, reason);
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.INVALID_BAN) {
                throw Refusal.of(Refusal.Reason.INVALID_BAN, written); // as the operator wrote it
            }
            throw refusal;
        }
        session.serverNotice(
                BanAnswer.of(result, server.text(), "irc.bannedAddressHint").toString());
    }

    /** How many of {@code params} from {@code from} on are the words of a duration ({@code 1시간}, {@code 30분}). */
    private static int durationWords(List<String> params, int from) {
        int count = 0;
        while (from + count < params.size() && BanDuration.isMeant(params.get(from + count))) {
            count++;
        }
        return count;
    }

    /** UNKLINE (UNGLINE, UNZLINE, UNDLINE) {@code <target>}: lifts the ban of the target as KLINE read it. */
    void unkline(IrcMessage message) {
        Ban lifted = core.unban(client.member, banTarget(message.params().get(0)));
        session.serverNotice(session.text("answer.unbanned", lifted.target()));
    }

    /**
     * What a K-line mask names for the core: a nick is its member's name (so {@code Kim_Min} is {@code Kim Min}), a
     * nick with wildcards ({@code troll*}) a mask over names, and {@code user@host} or {@code *@host} the host: an
     * address, a network, or an IPv4 address ending in {@code *} parts ({@code *@203.0.113.*}). Every member's host
     * is the server's name ({@code openchat} unless {@code --server-name} says otherwise), so with that host, or
     * {@code *}, the mask names the nick ({@code troll*!*@*}, {@code nick@openchat}). What the core cannot read
     * ({@code *@openchat}: everyone) it refuses as invalid.
     */
    private String banTarget(String mask) {
        int at = mask.lastIndexOf('@');
        String name = mask;
        if (at >= 0) {
            String host = mask.substring(at + 1);
            if (!host.equalsIgnoreCase(session.serverName()) && !host.equals("*")) {
                return host; // an address, a network, or one written with wildcards
            }
            int bang = mask.indexOf('!');
            String user = mask.substring(mask.lastIndexOf('!', at) + 1, at);
            name = bang >= 0 && bang < at && !mask.substring(0, bang).equals("*") ? mask.substring(0, bang) : user;
        }
        if (name.isEmpty()) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, mask);
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            return name; // a mask over names: no one member's (troll_ is not troll*)
        }
        return core.member(name).map(Member::name).orElse(name);
    }
}
