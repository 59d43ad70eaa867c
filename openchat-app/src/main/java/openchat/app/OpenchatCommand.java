package openchat.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code openchat}: the chat server and the terminal client in one command.
 *
 * <p>The descriptions of the command and its options are in {@code openchat/app/help_ko.properties} and
 * {@code help_en.properties}, under {@code openchat.<option>}.
 */
@Command(
        name = "openchat",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        subcommands = {
            ServerCommand.class,
            ClientCommand.class,
            BenchCommand.class,
            RelayCommand.class,
            DefaultConfigCommand.class,
            HistoryCommand.class,
            CommandLine.HelpCommand.class
        })
public final class OpenchatCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read before picocli runs ({@link CliText#askedIn}); an option here so that picocli accepts and checks it. */
    @CommandLine.Option(names = "--lang", paramLabel = "LANG", defaultValue = "ko")
    Language language;

    /**
     * Netty's object recycler (pooled buffer and duplicate objects kept per thread for reuse) is off unless
     * the property is given: plain allocation was faster in every paired run of the bench (closed-5 2.34M and
     * 2.69M against 2.29M and 2.15M deliveries/s; closed-500 4.34M and 3.79M against 3.85M and 3.61M), the
     * recycler's queues costing more than the young collections it saves. Set before any Netty class loads.
     */
    static final String RECYCLER_PROPERTY = "io.netty.recycler.maxCapacityPerThread";

    /**
     * Netty's leak detector is off unless the property is given: at its default level it records a stack trace
     * for one buffer in 128, 1.5 % of the server's core in the IRC closed-5 profile (bench/profiles). The tests
     * run it at its strictest level on every buffer ({@code paranoid}), and so can a server when a leak is
     * suspected: {@code OPENCHAT_JAVA_OPTS=-Dio.netty.leakDetection.level=paranoid}.
     */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    /** The environment variable that sets the level of openchat's diagnostics on stderr (logback.xml). */
    static final String LOG_LEVEL_VARIABLE = "OPENCHAT_LOG_LEVEL";

    /** The levels logback knows; given anything else it would take DEBUG without a word. */
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Whether {@code value} of {@link #LOG_LEVEL_VARIABLE} is a level (null: not set, the default). */
    static boolean isLogLevel(String value) {
        return value == null || LOG_LEVELS.contains(value.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public static void main(String[] args) {
        String level = System.getenv(LOG_LEVEL_VARIABLE);
        if (!isLogLevel(level)) {
            CliText text = CliText.in(CliText.askedIn(Arrays.asList(args)).orElse(Language.ko));
            System.err.println(
                    "openchat: " + text.get("env.logLevel", LOG_LEVEL_VARIABLE, level, String.join(", ", LOG_LEVELS)));
            System.exit(2);
        }
        if (System.getProperty(RECYCLER_PROPERTY) == null) {
            System.setProperty(RECYCLER_PROPERTY, "0");
        }
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            System.setProperty(LEAK_DETECTION_PROPERTY, "disabled");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, as main runs it; tests execute it too. Its help and usage errors are in Korean unless the
     * arguments ask for English ({@code --lang en}, read before picocli prints anything); {@code bench} and
     * {@code bench-relay}, tools for developers, speak English only.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OpenchatCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(OpenchatCommand::refused);
        speak(commandLine, CliText.KOREAN);
        commandLine.setExecutionStrategy(parseResult -> {
            speak(
                    commandLine,
                    CliText.in(CliText.askedIn(parseResult.originalArgs()).orElse(Language.ko)));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /**
     * The language a command runs in: its own {@code --lang} if given, else the root's ({@code openchat --lang en
     * server}), else {@code own}, which is the config file's {@code lang} or the default.
     */
    static Language language(CommandLine.Model.CommandSpec command, Language own) {
        if (command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--lang")) {
            return own;
        }
        CommandLine.ParseResult root = command.root().commandLine().getParseResult();
        return root != null && root.hasMatchedOption("--lang") ? root.matchedOptionValue("--lang", own) : own;
    }

    /** The commands whose help is translated: all but the developers' load-testing tools. */
    static final List<String> TRANSLATED = List.of("server", "client", "defaultconfig", "history", "help");

    /** Gives the usage help of the root and of each translated command the texts of {@code text}'s language. */
    private static void speak(CommandLine commandLine, CliText text) {
        java.util.ResourceBundle help = text.help();
        commandLine.getCommandSpec().resourceBundle(help);
        for (String name : TRANSLATED) {
            CommandLine command = commandLine.getSubcommands().get(name);
            command.getCommandSpec().resourceBundle(help);
            command.getSubcommands().values().forEach(sub -> sub.getCommandSpec()
                    .resourceBundle(help));
        }
    }

    /**
     * A usage error in a few lines: what is wrong, the nearest name to a mistyped option or subcommand, and where
     * the options are described. The whole usage help (90 lines for the server) would push the one line that
     * matters off the screen; a refused config file gets no pointer to --help, which says nothing about the file.
     * In Korean unless {@code --lang en} is on the command line or, for a command given {@code --config},
     * {@code lang: en} in the file; the developers' tools (bench, bench-relay) in English.
     */
    private static int refused(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        CliText text = CliText.in(language(commandLine, args));
        PrintWriter err = commandLine.getErr();
        err.println("openchat: " + problem(e, text));
        if (!(e instanceof ConfigFile.ConfigFileException)) {
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                meant(unmatched).ifPresent(name -> err.println(text.get("usage.meant", name)));
            }
            unknownCommand(e)
                    .flatMap(typed -> NearestName.in(
                            typed,
                            List.copyOf(
                                    commandLine.getCommandSpec().subcommands().keySet())))
                    .ifPresent(name -> err.println(text.get("usage.meant", name)));
            err.println(text.get("usage.seeHelp", commandLine.getCommandSpec().qualifiedName()));
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The language of a usage error of {@code commandLine}'s command, run with {@code args}. */
    private static Language language(CommandLine commandLine, String[] args) {
        if (!translated(commandLine.getCommandSpec())) {
            return Language.en;
        }
        return CliText.askedIn(Arrays.asList(args))
                .or(() -> commandLine.getCommand() instanceof ConfigFile.Speaking command
                        ? command.fileLanguage()
                        : Optional.empty())
                .orElse(Language.ko);
    }

    /** Whether {@code command} speaks the product's languages: the root, or a translated command or one of its own. */
    private static boolean translated(CommandLine.Model.CommandSpec command) {
        CommandLine.Model.CommandSpec top = command;
        while (top.parent() != null && top.parent().parent() != null) {
            top = top.parent();
        }
        return top.parent() == null || TRANSLATED.contains(top.name());
    }

    /** What picocli found where an option's value should have been: {@code ... but found '--max-users'}. */
    private static final Pattern FOUND_INSTEAD = Pattern.compile("but found '(.*)'$");

    /** The command {@code openchat help COMMAND} was asked about when there is no such command (picocli's help). */
    private static Optional<String> unknownCommand(CommandLine.ParameterException e) {
        return e.getArgSpec() == null
                        && e.getValue() != null
                        && e.getMessage().equals("Unknown subcommand '" + e.getValue() + "'.")
                ? Optional.of(e.getValue())
                : Optional.empty();
    }

    /** The option or subcommand the first unknown word was probably meant to be ({@code --prot}: --port). */
    private static Optional<String> meant(CommandLine.UnmatchedArgumentException unmatched) {
        List<String> words = unmatched.getUnmatched();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String typed = words.get(0).split("=", 2)[0];
        CommandLine.Model.CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
        List<String> names = typed.startsWith("-")
                ? spec.options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
                : List.copyOf(spec.subcommands().keySet());
        return NearestName.in(typed, names);
    }

    /**
     * What is wrong, in {@code text}'s language. In English picocli's own sentence, the type named in plain words
     * as before; in Korean each kind of picocli's usage errors worded from its parts.
     */
    static String problem(CommandLine.ParameterException e, CliText text) {
        if (e instanceof CliProblem worded) {
            return worded.in(text);
        }
        Optional<String> unknownCommand = unknownCommand(e);
        if (unknownCommand.isPresent()) {
            return text.get("usage.unknownCommand", unknownCommand.get());
        }
        if (e instanceof CommandLine.MissingParameterException missing
                && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof CommandLine.Model.OptionSpec option) {
            // "--port" given without its value, last or before another option: not a required option left out.
            Matcher found = FOUND_INSTEAD.matcher(e.getMessage());
            return found.find()
                    ? text.get("usage.missingValueFound", option.longestName(), option.paramLabel(), found.group(1))
                    : text.get("usage.missingValue", option.longestName(), option.paramLabel());
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()
                && isOptionName(unmatched.getUnmatched().get(0))) {
            // picocli lists the unknown option's value as unmatched too ('--prot', '48300'): name the options alone.
            List<String> options = unmatched.getUnmatched().stream()
                    .filter(OpenchatCommand::isOptionName)
                    .map(word -> word.split("=", 2)[0])
                    .distinct()
                    .toList();
            return text.get(
                    options.size() == 1 ? "usage.unknownOption" : "usage.unknownOptions", String.join("', '", options));
        }
        if (text.language() == Language.en) {
            return inPlainWords(e.getMessage());
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            return text.get(
                    "usage.missing",
                    missing.getMissing().stream().map(OpenchatCommand::named).collect(Collectors.joining("', '")));
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> words = unmatched.getUnmatched();
            String quoted = String.join("', '", words);
            return text.get(
                    !words.isEmpty() && words.get(0).startsWith("-") ? "usage.unknownOption" : "usage.unknownArgument",
                    quoted);
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return text.get("usage.overwritten", named(overwritten.getOverwritten()));
        }
        if (e instanceof CommandLine.MaxValuesExceededException) {
            return text.get("usage.tooMany", e.getMessage());
        }
        if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
            return text.get("usage.exclusive", e.getMessage());
        }
        if (e.getArgSpec() != null && e.getMessage().startsWith("Invalid value for ")) {
            return text.get("usage.invalidValue", named(e.getArgSpec()), valueProblem(e, text));
        }
        return e.getMessage();
    }

    /**
     * Why a value was refused, without the option's name: "'abc' is not a whole number". A converter of this
     * command line says it in the language ({@link WordedConversion}); picocli's own converters are worded
     * here from the option's type.
     */
    static String valueProblem(CommandLine.ParameterException e, CliText text) {
        if (e.getCause() instanceof WordedConversion worded) {
            return worded.in(text);
        }
        String english = inPlainWords(e.getMessage().replaceFirst("^Invalid value for [^:]*: ", ""));
        if (text.language() == Language.en || e.getArgSpec() == null) {
            return english;
        }
        String value = String.valueOf(e.getValue());
        Class<?> type = e.getArgSpec().type();
        if (type.isEnum()) {
            return text.get(
                    "usage.notOneOf",
                    value,
                    Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (english.endsWith("is too large a number")) {
            return text.get("usage.tooLarge", value);
        }
        if (english.endsWith("is not a whole number")) {
            return text.get("usage.notWhole", value);
        }
        if (english.endsWith("is not a number")) {
            return text.get("usage.notNumber", value);
        }
        if (english.endsWith("is not true or false")) {
            return text.get("usage.notBoolean", value);
        }
        return english;
    }

    /** Whether a word of the command line is written as an option ({@code --prot}, {@code -x}), not a value ({@code -5}). */
    private static boolean isOptionName(String word) {
        return word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1));
    }

    /** An option by its longest name, a positional parameter by its label: '--port', 'NAME'. */
    private static String named(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** A value a converter of this command line refused, with its reason in both languages. */
    static final class WordedConversion extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        private final transient java.util.function.Function<CliText, String> words;

        WordedConversion(String key, Object... args) {
            super(CliText.ENGLISH.get(key, args));
            this.words = text -> text.get(key, args);
        }

        String in(CliText text) {
            return words.apply(text);
        }
    }

    /** picocli names the Java type a value did not convert to ("'abc' is not an int"); a person wants the kind. */
    static String inPlainWords(String problem) {
        return problem.replaceAll("'(-?\\d+)' is not an? (int|long)\\b", "'$1' is too large a number")
                .replaceAll("' is not an? (int|long)\\b", "' is not a whole number")
                .replaceAll("' is not a double\\b", "' is not a number")
                .replaceAll("' is not a boolean\\b", "' is not true or false");
    }

    @Override
    public void run() {
        throw new CliProblem(spec.commandLine(), "usage.noSubcommand");
    }

    /** The version Maven wrote into openchat-version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = OpenchatCommand.class.getResourceAsStream("/openchat-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "openchat " + properties.getProperty("version", "unknown"), "Java " + System.getProperty("java.version")
            };
        }
    }
}
