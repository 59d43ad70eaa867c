package openchat.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A slash command: its Korean name, English aliases, the argument it needs (or null), its help line and
 * what it does. {@link #ALL} is the one table both the parser and {@code /help} read.
 */
record ChatCommand(String name, List<String> aliases, String argument, String helpKey, Action action) {

    @FunctionalInterface
    interface Action {
        void run(ChatSession session, String argument);
    }

    /** What the person typed, resolved: the command and its argument (empty when it takes none). */
    record Invocation(ChatCommand command, String argument) {
    }

    static final List<ChatCommand> ALL = List.of(
            new ChatCommand("/종료", List.of("/quit"), null, "help.quit", ChatSession::quit),
            new ChatCommand("/조용히나가기", List.of("/quiet-quit"), null, "help.quietQuit", ChatSession::quietQuit),
            new ChatCommand("/kick", List.of("/강퇴"), "NAME", "help.kick", ChatSession::kick),
            new ChatCommand("/서버종료", List.of("/shutdown"), null, "help.shutdown", ChatSession::shutdown),
            new ChatCommand("/도움말", List.of("/help"), null, "help.help", ChatSession::help),
            new ChatCommand("/재접속", List.of("/reconnect"), null, "help.reconnect", ChatSession::reconnect));

    /** The command a line starting with '/' names, or empty when it names none. */
    static Optional<Invocation> parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String word = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        for (ChatCommand command : ALL) {
            if (command.name().equals(word) || command.aliases().contains(word)) {
                return Optional.of(new Invocation(command, argument));
            }
        }
        return Optional.empty();
    }

    /** How it is typed, for help and usage lines: {@code /kick NAME (/강퇴)}. */
    String synopsis() {
        String base = argument == null ? name : name + " " + argument;
        return base + " (" + String.join(", ", aliases) + ")";
    }
}
