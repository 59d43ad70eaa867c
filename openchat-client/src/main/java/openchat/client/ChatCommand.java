package openchat.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A slash command: its Korean name, English aliases, the argument it needs (or null), whether only the
 * administrator may use it, its help line and what it does. {@link #ALL} is the one table both the parser
 * and {@code /help} read. The server, not this table, decides who may do what: an administrator's command
 * typed by a member is still sent, and the server's 403 is what the person is shown.
 */
record ChatCommand(String name, List<String> aliases, String argument, boolean adminOnly, String helpKey,
        Action action) {

    @FunctionalInterface
    interface Action {
        void run(ChatSession session, String argument);
    }

    /** What the person typed, resolved: the command and its argument (empty when it takes none). */
    record Invocation(ChatCommand command, String argument) {
    }

    static final List<ChatCommand> ALL = List.of(
            new ChatCommand("/종료", List.of("/quit"), null, false, "help.quit", ChatSession::quit),
            new ChatCommand("/조용히나가기", List.of("/quiet-quit"), null, false, "help.quietQuit", ChatSession::quietQuit),
            new ChatCommand("/kick", List.of("/강퇴"), "NAME", true, "help.kick", ChatSession::kick),
            new ChatCommand("/서버종료", List.of("/shutdown"), null, true, "help.shutdown", ChatSession::shutdown),
            new ChatCommand("/도움말", List.of("/help"), null, false, "help.help", ChatSession::help),
            new ChatCommand("/재접속", List.of("/reconnect"), null, false, "help.reconnect", ChatSession::reconnect));

    /** The command a line starting with '/' names, or empty when it names none. */
    static Optional<Invocation> parse(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        String word = parts[0].toLowerCase(Locale.ROOT);
        String argument = parts.length < 2 ? "" : parts[1];
        for (ChatCommand command : ALL) {
            if (command.name().equals(word) || command.aliases().contains(word)) {
                return Optional.of(new Invocation(command, argument));
            }
        }
        return Optional.empty();
    }

    boolean needsArgument() {
        return argument != null;
    }

    /** How it is typed, for help and usage lines: {@code /kick NAME (/강퇴)}. */
    String synopsis() {
        String base = !needsArgument() ? name : name + " " + argument;
        return base + " (" + String.join(", ", aliases) + ")";
    }
}
