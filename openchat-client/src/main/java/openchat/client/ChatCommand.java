package openchat.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import openchat.core.CoreConfig;

/**
 * A slash command: its name, aliases, the argument it takes, its help line and what it does. {@link #ALL} is
 * the one table the parser, {@code /help} and tab completion read.
 *
 * <p>Member names may hold inner spaces ({@code 채팅 손님}). Where a name is the whole argument ({@code /nick},
 * {@code /unban}) it is the rest of the line; where text follows it ({@code /w}, {@code /ban}) it is the first word,
 * or a name in quotes, double or single ({@code /w "채팅 손님" 안녕}), as tab completion writes a name with a space.
 * {@code /kick} takes both: the rest of the line when it names a member of the room, else a name and a reason.
 * Quotes around a name are taken off in every case.
 */
record ChatCommand(String name, List<String> aliases, Argument argument, String helpKey, Action action) {

    @FunctionalInterface
    interface Action {
        void run(ChatSession session, String argument);
    }

    /** Where tab completion finds candidates for a command's argument. */
    enum Completion {
        NONE,
        /** Members of the current room. */
        ROOM_MEMBER,
        /** Members of the current room, or {@code #ROOM} first and then the members of that room. */
        NAMED_ROOM_MEMBER,
        /** Members of every room this client is in: those it can reach privately. */
        ANY_MEMBER,
        /** Rooms this client is in or has seen listed. */
        ROOM
    }

    /**
     * What follows the command word.
     *
     * @param synopsis   how help shows it ({@code NAME}, {@code [ROOM]}), or null when the command takes none
     * @param accepts    whether what was typed will do; when not, the usage line is shown instead
     * @param completion what the first word of it completes from
     */
    record Argument(String synopsis, Predicate<String> accepts, Completion completion) {
        /** Nothing may follow: {@code /rooms all} shows the usage line rather than doing what {@code /rooms} does. */
        static final Argument NONE = new Argument(null, String::isEmpty, Completion.NONE);

        static Argument required(String synopsis, Completion completion) {
            return required(synopsis, completion, argument -> true);
        }

        static Argument required(String synopsis, Completion completion, Predicate<String> valid) {
            return new Argument(synopsis, argument -> !argument.isEmpty() && valid.test(argument), completion);
        }

        static Argument optional(String synopsis, Completion completion) {
            return optional(synopsis, completion, argument -> true);
        }

        static Argument optional(String synopsis, Completion completion, Predicate<String> valid) {
            return new Argument(
                    "[" + synopsis + "]", argument -> argument.isEmpty() || valid.test(argument), completion);
        }
    }

    /** What the person typed, resolved: the command and its argument (empty when none was given). */
    record Invocation(ChatCommand command, String argument) {}

    /** A name and the text after it, as {@code /w} takes them. */
    record NameAndText(String name, String text) {}

    static final List<ChatCommand> ALL = List.of(
            new ChatCommand(
                    "/join",
                    List.of("/입장"),
                    // A room, and maybe its key (one word after it): a room's name holds no space.
                    Argument.required("ROOM [KEY]", Completion.ROOM, argument -> {
                        int space = firstSpace(argument);
                        return space < 0
                                || firstSpace(argument.substring(space + 1).strip()) < 0;
                    }),
                    "help.join",
                    (session, argument) -> session.roomCommands().join(argument)),
            new ChatCommand(
                    "/part",
                    List.of("/퇴장"),
                    Argument.optional("ROOM", Completion.ROOM),
                    "help.part",
                    (session, argument) -> session.roomCommands().part(argument)),
            new ChatCommand(
                    "/rooms",
                    List.of("/방목록"),
                    Argument.NONE,
                    "help.rooms",
                    (session, argument) -> session.roomCommands().rooms()),
            new ChatCommand(
                    "/who",
                    List.of("/참여자"),
                    Argument.optional("ROOM", Completion.ROOM),
                    "help.who",
                    (session, argument) -> session.roomCommands().who(argument)),
            new ChatCommand(
                    "/me", List.of("/행동"), Argument.required("TEXT", Completion.NONE), "help.me", ChatSession::act),
            new ChatCommand(
                    "/w",
                    List.of("/msg", "/귓속말"),
                    Argument.required("NAME TEXT", Completion.ANY_MEMBER, a -> nameAndText(a)
                            .isPresent()),
                    "help.whisper",
                    (session, argument) -> session.roomCommands().whisper(argument)),
            new ChatCommand(
                    "/away",
                    List.of("/자리비움"),
                    Argument.optional("TEXT", Completion.NONE),
                    "help.away",
                    (session, argument) -> session.roomCommands().away(argument)),
            new ChatCommand(
                    "/nick",
                    List.of("/이름변경"),
                    Argument.required("NAME", Completion.NONE),
                    "help.nick",
                    ChatSession::rename),
            new ChatCommand(
                    "/topic",
                    List.of("/주제"),
                    Argument.optional("TEXT", Completion.NONE),
                    "help.topic",
                    (session, argument) -> session.roomCommands().topic(argument)),
            new ChatCommand(
                    "/limit",
                    List.of("/인원제한"),
                    Argument.optional("N", Completion.NONE, argument -> argument.matches("\\d{1,9}")),
                    "help.limit",
                    (session, argument) -> session.roomCommands().limit(argument)),
            new ChatCommand(
                    "/history",
                    List.of("/기록"),
                    // Any: the command says what is wrong with an N that is not one, and the range.
                    Argument.optional("N", Completion.NONE),
                    "help.history",
                    (session, argument) -> session.roomCommands().history(argument)),
            new ChatCommand(
                    "/invite",
                    List.of("/초대"),
                    Argument.required("NAME", Completion.ANY_MEMBER),
                    "help.invite",
                    (session, argument) -> session.roomCommands().invite(argument)),
            new ChatCommand(
                    "/kick",
                    List.of("/강퇴"),
                    // Any argument: a member's name may begin with an unclosed quote ("빛), see nameAndReason.
                    Argument.required("NAME [REASON]", Completion.ROOM_MEMBER),
                    "help.kick",
                    (session, argument) -> session.roomCommands().kick(argument)),
            new ChatCommand(
                    "/disconnect",
                    List.of("/접속끊기"),
                    // Any argument: read as /kick's is, the whole of it a name when it is a member's.
                    Argument.required("NAME [REASON]", Completion.ANY_MEMBER),
                    "help.disconnect",
                    ChatSession::disconnect),
            new ChatCommand(
                    "/ban",
                    List.of("/차단"),
                    Argument.required("TARGET [DURATION] [REASON]", Completion.ANY_MEMBER, BanCommands::isBanArgument),
                    "help.ban",
                    (session, argument) -> session.banCommands().ban(argument)),
            new ChatCommand(
                    "/unban",
                    List.of("/차단해제"),
                    Argument.required("TARGET", Completion.NONE),
                    "help.unban",
                    (session, argument) -> session.banCommands().unban(argument)),
            new ChatCommand(
                    "/bans", List.of("/차단목록"), Argument.NONE, "help.bans", (session, argument) -> session.banCommands()
                            .bans()),
            new ChatCommand(
                    "/roomban",
                    List.of("/방차단"),
                    Argument.required("NAME [DURATION] [REASON]", Completion.ROOM_MEMBER, BanCommands::isBanArgument),
                    "help.roomban",
                    (session, argument) -> session.roomBanCommands().ban(argument)),
            new ChatCommand(
                    "/roomunban",
                    List.of("/방차단해제"),
                    Argument.required("NAME", Completion.NONE),
                    "help.roomunban",
                    (session, argument) -> session.roomBanCommands().unban(argument)),
            new ChatCommand(
                    "/roombans",
                    List.of("/방차단목록"),
                    Argument.NONE,
                    "help.roombans",
                    (session, argument) -> session.roomBanCommands().list(argument)),
            new ChatCommand(
                    "/삭제",
                    List.of("/delete"),
                    // Any name: read as /kick reads it, the whole of it a name when it is a member's; after a #ROOM
                    // when one is named (the administrator's, from anywhere).
                    Argument.required(
                            "[#ROOM] NAME [DURATION] [REASON]",
                            Completion.NAMED_ROOM_MEMBER,
                            DeleteCommands::isDeleteArgument),
                    "help.delete",
                    (session, argument) -> session.deleteCommands().delete(argument)),
            new ChatCommand(
                    "/방등록",
                    List.of("/register"),
                    Argument.optional("ROOM", Completion.ROOM),
                    "help.register",
                    (session, argument) -> session.registrationCommands().register(argument)),
            new ChatCommand(
                    "/등록해제",
                    List.of("/unregister"),
                    Argument.optional("ROOM", Completion.ROOM),
                    "help.unregister",
                    (session, argument) -> session.registrationCommands().unregister(argument)),
            new ChatCommand(
                    "/등록목록",
                    List.of("/registrations"),
                    Argument.NONE,
                    "help.registrations",
                    (session, argument) -> session.registrationCommands().registrations()),
            new ChatCommand(
                    "/열쇠",
                    List.of("/claim"),
                    // One word: a key holds no space (a pasted one keeps none either, stripped).
                    Argument.required("KEY", Completion.NONE, argument -> firstSpace(argument) < 0),
                    "help.claim",
                    (session, argument) -> session.registrationCommands().claim(argument)),
            new ChatCommand(
                    "/ignore",
                    List.of("/무시"),
                    Argument.optional("NAME", Completion.ANY_MEMBER),
                    "help.ignore",
                    (session, argument) -> session.ignoredNames().ignore(argument)),
            new ChatCommand(
                    "/unignore",
                    List.of("/무시해제"),
                    Argument.required("NAME", Completion.ANY_MEMBER),
                    "help.unignore",
                    (session, argument) -> session.ignoredNames().unignore(argument)),
            new ChatCommand(
                    "/공지",
                    List.of("/announce"),
                    Argument.required("TEXT", Completion.NONE),
                    "help.announce",
                    ChatSession::announce),
            new ChatCommand("/종료", List.of("/quit"), Argument.NONE, "help.quit", ChatSession::quit),
            new ChatCommand("/조용히나가기", List.of("/quiet-quit"), Argument.NONE, "help.quietQuit", ChatSession::quietQuit),
            new ChatCommand(
                    "/서버종료",
                    List.of("/shutdown"),
                    Argument.optional("REASON", Completion.NONE),
                    "help.shutdown",
                    ChatSession::shutdown),
            new ChatCommand(
                    "/도움말",
                    List.of("/help"),
                    // Anything: help itself says when it names no command.
                    Argument.optional("COMMAND", Completion.NONE),
                    "help.help",
                    ChatSession::help),
            new ChatCommand("/재접속", List.of("/reconnect"), Argument.NONE, "help.reconnect", ChatSession::reconnect));

    /** The command a line starting with '/' names, or empty when it names none. */
    static Optional<Invocation> parse(String line) {
        String trimmed = line.strip();
        int space = firstSpace(trimmed);
        String word = space < 0 ? trimmed : trimmed.substring(0, space);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return named(word).map(command -> new Invocation(command, argument));
    }

    /**
     * Where the first space of {@code text} is, -1 when it has none: an ASCII space or the full-width one a Korean input
     * method types in its full-width mode ({@code /입장　study}).
     */
    static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\u3000') {
                return i;
            }
        }
        return -1;
    }

    /** The command {@code word} (a name or an alias, any case) names. */
    static Optional<ChatCommand> named(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(c -> c.name().equals(lower) || c.aliases().contains(lower))
                .findFirst();
    }

    /** The command {@code /help WORD} asks about: {@code join}, {@code /join} and {@code 입장} alike. */
    static Optional<ChatCommand> commandNamed(String word) {
        return named(word.startsWith("/") ? word : "/" + word);
    }

    /** Every name and alias, for completing the first word of a line. */
    static List<String> allNames() {
        return ALL.stream()
                .flatMap(c -> Stream.concat(Stream.of(c.name()), c.aliases().stream()))
                .toList();
    }

    /** The N of {@code /history N}: 1 to the server's page limit; empty when it is not such a number. */
    static Optional<Integer> historyCount(String argument) {
        try {
            int count = Integer.parseInt(argument);
            return count >= 1 && count <= CoreConfig.MAX_HISTORY_PAGE ? Optional.of(count) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A name given as a whole argument, without the quotes it may be written in. */
    static String unquote(String name) {
        boolean quoted =
                name.length() >= 2 && isQuote(name.charAt(0)) && name.charAt(name.length() - 1) == name.charAt(0);
        return quoted ? name.substring(1, name.length() - 1).strip() : name;
    }

    /**
     * The name and text of {@code /w NAME TEXT}: the first word or a quoted name, then the rest. Empty when
     * either is missing.
     */
    static Optional<NameAndText> nameAndText(String argument) {
        return nameAndRest(argument).filter(whisper -> !whisper.text().isEmpty());
    }

    /**
     * The first word or a quoted name, then the rest of the line, which may be empty ({@code /ban NAME [REASON]}).
     * Empty when there is no name, or a quote is not closed.
     */
    static Optional<NameAndText> nameAndRest(String argument) {
        String name;
        String rest;
        if (!argument.isEmpty() && isQuote(argument.charAt(0))) {
            int close = argument.indexOf(argument.charAt(0), 1);
            if (close < 0) {
                return Optional.empty();
            }
            name = argument.substring(1, close).strip();
            rest = argument.substring(close + 1);
        } else {
            int space = firstSpace(argument);
            name = space < 0 ? argument : argument.substring(0, space);
            rest = space < 0 ? "" : argument.substring(space + 1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(new NameAndText(name, rest.strip()));
    }

    /**
     * The name and reason of {@code /kick NAME [REASON]}. The whole argument is the name when it is one {@code isMember}
     * knows, so that {@code /kick 채팅 손님} kicks that member unquoted; otherwise the name is the first word or a
     * quoted name and the rest is the reason ({@code /kick "채팅 손님" 도배}). An unclosed quote makes the whole
     * argument the name.
     */
    static NameAndText nameAndReason(String argument, Predicate<String> isMember) {
        String whole = unquote(argument);
        if (isMember.test(whole)) {
            return new NameAndText(whole, "");
        }
        return nameAndRest(argument).orElse(new NameAndText(whole, ""));
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /**
     * How it is typed, for help and usage lines in {@code locale}'s language: the name in that language leads, with its
     * argument in that language's words, and the others follow in parentheses. In English {@code /kick NAME [REASON]
     * (/강퇴)}, {@code /help [COMMAND] (/도움말)}; in Korean {@code /강퇴 이름 [이유] (/kick)}, {@code /도움말 [명령어]
     * (/help)}, the words the web page uses.
     */
    String synopsis(Locale locale) {
        List<String> names = Stream.concat(Stream.of(name), aliases.stream()).toList();
        boolean english = locale.getLanguage().equals(Locale.ENGLISH.getLanguage());
        String lead = shownName(locale);
        String words = argument.synopsis() == null || english ? argument.synopsis() : inKorean(argument.synopsis());
        String base = words == null ? lead : lead + " " + words;
        return base + " ("
                + String.join(", ", names.stream().filter(n -> !n.equals(lead)).toList())
                + ")";
    }

    /** The name help leads with in {@code locale}'s language: {@code /강퇴} in Korean, {@code /kick} in English. */
    String shownName(Locale locale) {
        boolean english = locale.getLanguage().equals(Locale.ENGLISH.getLanguage());
        return Stream.concat(Stream.of(name), aliases.stream())
                .filter(n -> isEnglish(n) == english)
                .findFirst()
                .orElse(name);
    }

    /**
     * The commands only the administrator may use: {@code /help} lists them in full to it, and to anyone else names
     * them on one line, so that a member's help is the commands it can use.
     */
    static final java.util.Set<String> ADMINISTRATORS =
            java.util.Set.of("/disconnect", "/ban", "/unban", "/bans", "/공지", "/서버종료");

    /** Whether only the administrator may use this command. */
    boolean administratorOnly() {
        return ADMINISTRATORS.contains(name);
    }

    /** An argument's synopsis ({@code NAME [REASON]}) with its words in Korean ({@code 이름 [이유]}); {@code N} stays. */
    private static String inKorean(String synopsis) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher word = PLACEHOLDER.matcher(synopsis);
        while (word.find()) {
            word.appendReplacement(out, KOREAN_PLACEHOLDERS.getOrDefault(word.group(), word.group()));
        }
        return word.appendTail(out).toString();
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("[A-Z]+");

    /** The Korean words of the arguments' placeholders, as the web page's help writes them. */
    private static final java.util.Map<String, String> KOREAN_PLACEHOLDERS = java.util.Map.of(
            "NAME", "이름",
            "TEXT", "내용",
            "REASON", "이유",
            "DURATION", "기간",
            "TARGET", "이름 또는 주소",
            "ROOM", "방",
            "KEY", "방열쇠",
            "COMMAND", "명령어");

    private static boolean isEnglish(String word) {
        return word.chars().allMatch(c -> c < 0x80);
    }
}
