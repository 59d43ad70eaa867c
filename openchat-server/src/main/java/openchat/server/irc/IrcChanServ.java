package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import openchat.core.BanDuration;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.Deletion;
import openchat.core.DeletionReach;
import openchat.core.Names;
import openchat.core.NewRoomKey;
import openchat.core.Refusal;
import openchat.core.RegisteredRoom;
import openchat.core.RoomKey;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;

/**
 * ChanServ, room registration ({@link Chat#registerRoom}) as an IRC client's habits reach it, the way ergo's and Atheme's
 * ChanServ are reached: {@code PRIVMSG ChanServ :REGISTER #room}, or the commands {@code CHANSERV} and {@code CS}
 * (irssi's {@code /quote CS REGISTER #room}), whose parameters are the words. {@code REGISTER #room} registers the
 * room and answers its key; {@code OP #room <key>} ({@code IDENTIFY}, {@code CLAIM}) shows the key from inside the
 * room; {@code DROP #room} ({@code UNREGISTER}) drops the registration; {@code INFO #room} says whether a room is
 * registered; {@code LIST}, the administrator's, lists every registration; {@code DELETE #room nick [duration]
 * [reason]}, the owner's or the administrator's, deletes a name's recent messages from the room's history (ergo's
 * HISTSERV DELETE, for a moderator whose client has no {@code REDACT}: irssi, WeeChat); {@code HELP}, and any other
 * word, lists them.
 *
 * <p>Every answer, a refusal too (in the server's words, {@link IrcRefusals#tellAsNotice}), is a NOTICE from {@code
 * ChanServ!ChanServ@<server name>} to the client alone, as ergo and Atheme answer. ChanServ is no member: what is sent
 * to it reaches no one and is stored nowhere; WHOIS, NAMES and the core know no ChanServ. A NOTICE to it is dropped,
 * as services ignore notices, and so is a CTCP query.
 */
final class IrcChanServ {
    /** The service's nick, the source of its notices. */
    static final String NAME = "ChanServ";

    private static final String KEY = Names.key(NAME);

    /** irssi sends this for a channel without a key when another channel of the same JOIN has one. */
    private static final String NO_KEY = "x";

    private final IrcSession session;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcRefusals refusals;
    private final IrcRedaction redaction;

    IrcChanServ(
            IrcSession session,
            Chat<Channel> core,
            IrcClientState client,
            IrcRefusals refusals,
            IrcRedaction redaction) {
        this.session = session;
        this.core = core;
        this.client = client;
        this.refusals = refusals;
        this.redaction = redaction;
    }

    /**
     * Whether a PRIVMSG's or NOTICE's target is ChanServ, in any spelling of the name. A channel never is (a name's key
     * writes a leading {@code #} as {@code _}), and is answered without working out a key: this is asked for every
     * chat line, and a key (NFKC, case folding, the administrator's spellings) cost a tenth of the IRC listener's core
     * at closed-5.
     */
    static boolean is(String target) {
        return !target.startsWith(IrcNames.CHANNEL_PREFIX) && Names.key(target).equals(KEY);
    }

    /**
     * A key as a JOIN gives it, null for none: empty, or irssi's placeholder {@code x} for a channel without a key in a
     * JOIN where another has one (a room's key is 26 letters and digits, never {@code x}).
     */
    static String shownKey(String key) {
        String stripped = key.strip();
        return stripped.isEmpty() || stripped.equalsIgnoreCase(NO_KEY) ? null : stripped;
    }

    /** {@code CHANSERV <command> ...} or {@code CS <command> ...}: as a PRIVMSG to ChanServ of the words. */
    void command(IrcMessage message) {
        privmsg(String.join(" ", message.params()));
    }

    /** {@code PRIVMSG ChanServ :<command> ...}. */
    void privmsg(String text) {
        if (text.startsWith("\u0001")) {
            return; // a CTCP query: ChanServ answers none
        }
        String[] words = text.strip().split("\\s+");
        String command = words[0].toUpperCase(Locale.ROOT);
        try {
            switch (command) {
                case "REGISTER" -> register(words);
                case "DROP", "UNREGISTER" -> drop(words);
                case "OP", "IDENTIFY", "CLAIM" -> claim(words);
                case "INFO" -> info(words);
                case "LIST" -> list();
                case "DELETE" -> delete(words);
                case "HELP", "" -> help();
                default -> {
                    notice(session.text("irc.chanServ.unknown", words[0]));
                    help();
                }
            }
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.TOO_FAST || refusal.reason().endsSession()) {
                throw refusal; // held, as any command over the allowance (fakelag); or the session ends
            }
            refusals.tellAsNotice(
                    IrcMessage.of(null, "PRIVMSG", NAME, text), refusal, namedChannel(words), this::notice);
        }
    }

    /**
     * {@code REGISTER #room}: the key, how to show it, and how to have the client show it at every connection; a key
     * that replaced one says the old one is dead, wherever it was kept. The administrator, which keeps no key and owns
     * no room, is told instead to hand the key to the room's owner, and how the owner shows it. The registrant in the
     * room sees the room's {@code +r}, which the core tells the others.
     */
    private void register(String[] words) {
        Optional<String> room = room(words, "irc.chanServ.helpRegister");
        if (room.isEmpty()) {
            return;
        }
        NewRoomKey made = core.registerRoom(client.member, room.get());
        session.registeredRooms().saw(room.get(), true);
        String key = made.key();
        String channel = IrcNames.channel(asWritten(room.get()));
        if (client.member.isAdmin()) {
            notice(session.text(
                    made.replaced() ? "irc.chanServ.rekeyedByAdministrator" : "irc.chanServ.registered", channel, key));
            notice(session.text("irc.chanServ.keyHandOff"));
            notice(session.text("irc.chanServ.keyHandOffIrc", channel, key));
            notice(session.text("irc.chanServ.keyHandOffOcp", channel, key, asWritten(room.get())));
        } else {
            notice(session.text(made.replaced() ? "irc.chanServ.rekeyed" : "irc.chanServ.registered", channel, key));
            notice(session.text("irc.chanServ.keyUse", channel, key));
            notice(session.text("irc.chanServ.keyAutojoin", channel, key));
        }
        notice(session.text("irc.chanServ.lapse", CoreConfig.REGISTRATION_LAPSE.toDays()));
        if (!made.replaced()) {
            modeInRoom(room.get(), true);
        }
    }

    /** {@code DROP #room}; the dropper in the room sees its {@code -r}, which the core tells the others. */
    private void drop(String[] words) {
        Optional<String> room = room(words, "irc.chanServ.helpDrop");
        if (room.isEmpty()) {
            return;
        }
        core.unregisterRoom(client.member, room.get());
        session.registeredRooms().saw(room.get(), false);
        notice(session.text("irc.chanServ.dropped", IrcNames.channel(asWritten(room.get()))));
        modeInRoom(room.get(), false);
    }

    /** The server's {@code MODE #room +r} or {@code -r} to this client, when it is in the room. */
    private void modeInRoom(String room, boolean registered) {
        Optional<String> joined = session.joinedAsWritten(room);
        if (joined.isPresent()) {
            session.replyAsEvent(
                    IrcEvents.registeredMode(session.serverName(), joined.get(), registered), OffsetDateTime.now());
        }
    }

    /**
     * {@code INFO #room}, Atheme's name: whether the room is registered, which anyone may ask of a room that exists (a
     * member sees it as {@code +r} too); the administrator also hears who registered it and when, when its key was last
     * used (its lapse counts from then), and of a room that emptied, which keeps its registration.
     */
    private void info(String[] words) {
        Optional<String> room = room(words, "irc.chanServ.helpInfo");
        if (room.isEmpty()) {
            return;
        }
        if (client.member.isAdmin()) {
            String key = RoomNames.key(room.get());
            Optional<RegisteredRoom> found = core.registeredRooms(client.member).stream()
                    .filter(r -> RoomNames.key(r.name()).equals(key))
                    .findFirst();
            String channel = IrcNames.channel(found.map(RegisteredRoom::name).orElse(asWritten(room.get())));
            if (found.isEmpty()) {
                notice(session.text("irc.chanServ.infoNotRegistered", channel));
                return;
            }
            notice(session.text(
                    "irc.chanServ.infoRegisteredBy",
                    channel,
                    IrcNames.nick(found.get().by()),
                    when(found.get())));
            if (found.get().used() != null) {
                notice(session.text(
                        "irc.chanServ.infoUsed",
                        channel,
                        IrcDates.of(found.get().used()),
                        CoreConfig.REGISTRATION_LAPSE.toDays()));
            }
            return;
        }
        RoomView view;
        try {
            view = core.room(room.get());
        } catch (Refusal refusal) {
            if (refusal.reason() != Refusal.Reason.NO_SUCH_ROOM) {
                throw refusal;
            }
            notice(session.text("irc.chanServ.infoNoRoom", IrcNames.channel(room.get())));
            return;
        }
        session.registeredRooms().saw(view.name(), view.registered());
        String channel = IrcNames.channel(view.name());
        notice(session.text(
                view.registered() ? "irc.chanServ.infoRegistered" : "irc.chanServ.infoNotRegistered", channel));
    }

    /**
     * {@code LIST}: the registrations, by room name, with who made each and when, also of rooms that emptied: every one
     * for the administrator (its audit); for anyone else those its network registered, ending with how many of the most
     * it may that is.
     */
    private void list() {
        List<RegisteredRoom> rooms = core.registeredRooms(client.member);
        for (RegisteredRoom room : rooms) {
            String entry = session.text(
                    "irc.chanServ.listEntry",
                    IrcNames.channel(room.name()),
                    IrcNames.nick(room.by()),
                    when(room),
                    room.used() == null ? "?" : IrcDates.of(room.used()));
            notice(room.network() == null ? entry : session.text("irc.chanServ.listEntryFrom", entry, room.network()));
        }
        String network = RoomKey.networkOf(client.member);
        notice(
                client.member.isAdmin() || network == null
                        ? session.text("irc.chanServ.listEnd", rooms.size())
                        : session.text(
                                "irc.chanServ.listEndFromNetwork",
                                rooms.size(),
                                network,
                                CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK));
    }

    /**
     * {@code DELETE #room nick [duration] [reason]}: the room's owner or the administrator deletes what {@code nick} sent
     * there within the last {@code duration} (an hour when none is given; read as the terminal's {@code /delete} reads
     * it, {@link #deleteWithin}: {@code 30m}, {@code 2h}, {@code 1d}, {@code 1시간 30분}) from the room's history, at
     * most the newest {@link CoreConfig#MAX_DELETED}; the rest of the words are the reason the room is told. Answered
     * with how many went; how many older ones an owner by presence passed over, which stay, and why; and, when that
     * was the most one deletion takes, that asking again deletes more. The room's other members are told by the core's event; a deleter
     * with {@code draft/message-redaction} gets the {@code REDACT}s too, to take the lines off its screen.
     */
    private void delete(String[] words) {
        Optional<String> room = room(words, "irc.chanServ.helpDelete");
        if (room.isEmpty()) {
            return;
        }
        if (words.length < 3) {
            notice(session.text("irc.chanServ.usage", helpLine("irc.chanServ.helpDelete")));
            return;
        }
        String nick = words[2];
        int reasonFrom = 3;
        Duration within = CoreConfig.DELETE_WITHIN;
        if (reasonFrom < words.length && DeletionReach.isMeant(words[reasonFrom])) {
            // Read as the terminal's /delete reads it: the parts of one written apart (1시간 30분) are one duration.
            String written = words[reasonFrom++];
            while (BanDuration.hasUnits(written)
                    && reasonFrom < words.length
                    && BanDuration.hasUnits(words[reasonFrom])) {
                written += " " + words[reasonFrom++];
            }
            Optional<Duration> read = deleteWithin(written);
            if (read.isEmpty()) {
                return;
            }
            within = read.get();
        }
        String reason = String.join(" ", Arrays.asList(words).subList(reasonFrom, words.length));
        ChatEvent.Deleted deleted = core.delete(client.member, room.get(), Deletion.from(nick, within), reason);
        redaction.tellDeleter(deleted, false);
        notice(session.text(
                "irc.chanServ.deleted",
                IrcNames.channel(asWritten(room.get())),
                IrcNames.nick(deleted.from()),
                deleted.seqs().size(),
                session.lasting(within)));
        if (deleted.passedOver() > 0) {
            notice(session.text(
                    "irc.chanServ.deletedPassedOver",
                    IrcNames.channel(asWritten(room.get())),
                    IrcNames.nick(deleted.from()),
                    deleted.passedOver()));
        }
        if (deleted.seqs().size() >= CoreConfig.MAX_DELETED) {
            notice(session.text("irc.chanServ.deletedMost", CoreConfig.MAX_DELETED));
        }
    }

    /** DELETE's duration, refused as the terminal's {@code /delete} refuses it (empty, with why told). */
    private Optional<Duration> deleteWithin(String written) {
        DeletionReach.Read read = DeletionReach.read(written);
        switch (read.problem()) {
            case NO_UNITS -> notice(
                    session.text("irc.chanServ.deleteBadDuration", written, session.lasting(CoreConfig.DELETE_WITHIN)));
            case TOO_LONG -> notice(
                    session.text("irc.chanServ.deleteDurationTooLong", written, session.lasting(BanDuration.LONGEST)));
            case ZERO -> notice(session.text(
                    "irc.chanServ.deleteDurationZero", written, session.lasting(CoreConfig.DELETE_WITHIN)));
            case NONE -> {
                return Optional.of(read.within());
            }
        }
        return Optional.empty();
    }

    /** The channel a ChanServ command's second word names, as it was written, for a refusal to name; null for none. */
    private static String namedChannel(String[] words) {
        if (words.length < 2) {
            return null;
        }
        String channel = words[1].startsWith(IrcNames.CHANNEL_PREFIX) ? words[1] : IrcNames.CHANNEL_PREFIX + words[1];
        return IrcNames.room(channel).isPresent() ? channel : null;
    }

    /** When {@code room} was registered, for people, with the server's zone, as RPL_CREATED says it. */
    private static String when(RegisteredRoom room) {
        return IrcDates.of(room.at());
    }

    /** {@code OP #room <key>}: the member, in the room, shows its key. */
    private void claim(String[] words) {
        Optional<String> room = room(words, "irc.chanServ.helpOp");
        if (room.isEmpty()) {
            return;
        }
        if (words.length < 3) {
            notice(session.text("irc.chanServ.usage", session.text("irc.chanServ.helpOp")));
            return;
        }
        RoomRole role = core.claimRoom(client.member, room.get(), words[2]);
        notice(claimed(role, IrcNames.channel(asWritten(room.get()))));
    }

    /** What a member that showed a room's key is told: it owns the room now (the administrator owns none). */
    String claimed(RoomRole role, String channel) {
        return session.text(role == RoomRole.ADMIN ? "irc.chanServ.claimedAdmin" : "irc.chanServ.claimed", channel);
    }

    private void help() {
        notice(session.text("irc.chanServ.help"));
        for (String line : new String[] {
            "irc.chanServ.helpRegister",
            "irc.chanServ.helpOp",
            "irc.chanServ.helpDrop",
            "irc.chanServ.helpInfo",
            "irc.chanServ.helpList",
            "irc.chanServ.helpDelete",
            "irc.chanServ.helpHelp"
        }) {
            notice(helpLine(line));
        }
    }

    /** A line of {@link #help}: DELETE's says how far back it reaches by default and how many it takes at most. */
    private String helpLine(String key) {
        return key.equals("irc.chanServ.helpDelete")
                ? session.text(key, session.lasting(CoreConfig.DELETE_WITHIN), CoreConfig.MAX_DELETED)
                : session.text(key);
    }

    /**
     * The room a command's second word names ({@code #room}, or {@code room} without its {@code #}); empty, and told how
     * to write it ({@code usage}, a help line's key), when it is missing or cannot be a room.
     */
    private Optional<String> room(String[] words, String usage) {
        if (words.length < 2) {
            notice(session.text("irc.chanServ.usage", helpLine(usage)));
            return Optional.empty();
        }
        String channel = words[1].startsWith(IrcNames.CHANNEL_PREFIX) ? words[1] : IrcNames.CHANNEL_PREFIX + words[1];
        Optional<String> room = IrcNames.room(channel);
        if (room.isEmpty()) {
            notice(session.text("irc.badChannelName"));
        }
        return room;
    }

    /** The room as its creator wrote it when the member is in it (every line about it names it so), else as given. */
    private String asWritten(String room) {
        return session.joinedAsWritten(room).orElse(room);
    }

    /** A NOTICE from ChanServ to this client. */
    void notice(String text) {
        session.reply(IrcMessage.of(session.names().source(NAME), "NOTICE", IrcNames.nick(client.member.name()), text));
    }
}
