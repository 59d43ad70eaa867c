package openchat.app;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A YAML file with a key for each option of a command: {@code port: 3000}, {@code irc-port: off},
 * {@code no-history: true}, a list as {@code key: [a, b]}. The keys are the options' long names without {@code --},
 * read from picocli's model of the command, so an option added to the command has its key with no code here.
 *
 * <p>The file is the command's default value provider: picocli asks it only about the options the command line
 * left out, and its answer takes the place of the option's built-in default. So the command line wins over the
 * file, and the file over the defaults. Each value reaches picocli as the string an argument would be, and is
 * converted by the option's own converter; {@link #check} does that at start, so a bad value is refused with its
 * line before anything runs.
 *
 * <p>A path ({@code data-dir}, {@code tls-cert}...) may start with {@code ~/}, the user's home; a relative one is
 * relative to the file's directory.
 *
 * <p>YAML 1.2 (SnakeYAML Engine): {@code off}, {@code yes} and {@code no} are strings, not booleans, and each value
 * is taken as written, so {@code 3000} and {@code '3000'} are the same. An empty value or {@code null} leaves the
 * option at its default.
 */
final class ConfigFile implements IDefaultValueProvider {

    /** The option that names the file; it has no key (a file does not name another). */
    static final String CONFIG_OPTION = "--config";

    /** An option's name in a problem's text: {@code --ping-interval}. */
    private static final Pattern OPTION_NAME = Pattern.compile("--([a-z][a-z0-9-]*[a-z0-9])");

    /** One key of the file: the value as picocli will take it, and the line it is on (from 1). */
    /** A key on its line: its value as the option takes it (a path made absolute), and as the file writes it. */
    record Entry(String key, String value, int line, String written) {}

    /** Runs a fresh command on no arguments with {@code defaults} and checks it; throws ParameterException. */
    @FunctionalInterface
    interface Probe {
        void run(IDefaultValueProvider defaults);
    }

    /** A command that takes a config file, whose refusals are in the language the file asks for. */
    interface Speaking {
        /** The language of the file's {@code lang} key; empty without one, or before the file is read. */
        Optional<Language> fileLanguage();
    }

    private final String name;
    /** The file's own directory, absolute: what a relative path in it is relative to. */
    private final Path directory;

    private final CommandSpec command;
    private final Map<String, Entry> entries;

    private ConfigFile(String name, Path directory, CommandSpec command, Map<String, Entry> entries) {
        this.name = name;
        this.directory = directory;
        this.command = command;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Reads {@code file}: valid YAML, a mapping whose keys are all options of {@code command}, each value one
     * value or a list where the option takes several. Values are not converted yet: see {@link #check}.
     */
    static ConfigFile read(Path file, CommandSpec command) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(command, t -> t.get("config.missing", name), true);
        } catch (AccessDeniedException e) {
            throw new ConfigFileException(command, t -> t.get("config.denied", name), true);
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(command, t -> t.get("config.notUtf8", name), true);
        } catch (IOException e) {
            throw new ConfigFileException(command, t -> t.get("config.unreadable", name, e.getMessage()), true);
        }
        Optional<Node> root;
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .build();
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            YamlProblem problem = YamlProblem.of(e, text, settings);
            throw new ConfigFileException(
                    command,
                    t -> problem.line()
                                    .map(line -> t.get("config.where", name, line))
                                    .orElse(t.get("config.whereFile", name))
                            + problem.words().apply(t));
        } catch (YamlEngineException e) {
            throw new ConfigFileException(
                    command, t -> t.get("config.whereFile", name) + t.get("config.notYaml", e.getMessage()));
        }
        ConfigFile config =
                new ConfigFile(name, file.toAbsolutePath().normalize().getParent(), command, new LinkedHashMap<>());
        return root.map(config::withEntries).orElse(config);
    }

    /**
     * A top-level {@code lang: ko|en} line of {@code file}, read as text, so that a file that cannot be read whole
     * still says its language; empty without one or when it cannot be read ({@link #read} says what is wrong).
     */
    static Optional<Language> languageLine(Path file) {
        try {
            Matcher line = Pattern.compile("(?m)^lang:[ \\t]*[\"']?([A-Za-z]+)[\"']?[ \\t]*(#.*)?$")
                    .matcher(Files.readString(file));
            return line.find() ? CliText.askedIn(List.of("--lang", line.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * This file's {@code keys} alone, as another command reads the server's file for the keys it shares with the
     * server ({@code history export}: {@code data-dir}, {@code lang}); the other keys are read and checked as YAML
     * and as keys of the server, but not used.
     */
    ConfigFile only(Collection<String> keys) {
        Map<String, Entry> kept = new LinkedHashMap<>(entries);
        kept.keySet().retainAll(keys);
        return new ConfigFile(name, directory, command, kept);
    }

    /** The options a file can set, by key, in the command's order: all but help, version and the file itself. */
    static Map<String, OptionSpec> keyedOptions(CommandSpec command) {
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp()
                    && !option.versionHelp()
                    && !option.longestName().equals(CONFIG_OPTION)) {
                options.put(key(option), option);
            }
        }
        return options;
    }

    /** An option's key: its longest name without the dashes ({@code --max-users} → {@code max-users}). */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The string that joins a list into one value for the option's {@code split}, or empty if it has none. */
    static String listSeparator(OptionSpec option) {
        String label = option.splitRegexSynopsisLabel();
        return label.isEmpty() ? option.splitRegex() : label;
    }

    /** The keys that have a value, in the file's order. */
    Map<String, Entry> entries() {
        return entries;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        Entry entry = entries.get(key(option));
        return entry == null ? null : entry.value();
    }

    /**
     * Checks every value as the command will take it: each key alone through picocli's converters ({@code parse}),
     * then all of them together through the command's own checks ({@code build}). A value refused alone is
     * refused with its line and key. A set refused together is refused with what the same options on the command
     * line are told, at the key that completes the problem: the first line down the file at which the keys so far
     * are refused so, or a key the problem names further down (it completes the problem though its value is the
     * default's). Blaming a key refused alone instead would tell another problem than the file has
     * ({@code tls-cert} "needs its key" though {@code tls-key} is the next line).
     */
    void check(Probe parse, Probe build) {
        for (Entry entry : entries.values()) {
            try {
                parse.run(only(entry));
            } catch (ParameterException e) {
                throw refuse(entry, text -> OpenchatCommand.valueProblem(e, text));
            }
        }
        try {
            build.run(this);
        } catch (ParameterException together) {
            Map<String, Entry> lines = new LinkedHashMap<>();
            for (Entry entry : entries.values()) {
                lines.put(entry.key(), entry);
                try {
                    build.run(upTo(lines));
                } catch (ParameterException sofar) {
                    if (sofar.getMessage().equals(together.getMessage())) {
                        Entry completing = lastNamed(together.getMessage())
                                .filter(named -> named.line() > entry.line())
                                .orElse(entry);
                        throw refuse(completing, text -> OpenchatCommand.problem(together, text));
                    }
                }
            }
            throw new ConfigFileException(
                    command,
                    text -> text.get("config.whereFile", name) + asKeys(OpenchatCommand.problem(together, text)));
        }
    }

    /**
     * The lowest line of the keys {@code problem} names ({@code --idle-timeout}): a key the problem names, set below
     * the line where the keys so far are refused so, completes it too, though its value is the default's
     * ({@code idle-timeout: 90} under {@code ping-interval: 100}).
     */
    private Optional<Entry> lastNamed(String problem) {
        Matcher named = OPTION_NAME.matcher(problem);
        Entry last = null;
        while (named.find()) {
            Entry entry = entries.get(named.group(1));
            if (entry != null && (last == null || entry.line() > last.line())) {
                last = entry;
            }
        }
        return Optional.ofNullable(last);
    }

    private static IDefaultValueProvider only(Entry entry) {
        return upTo(Map.of(entry.key(), entry));
    }

    /** The values of {@code lines} alone, every other option at its default. */
    private static IDefaultValueProvider upTo(Map<String, Entry> lines) {
        return arg -> {
            Entry entry = arg instanceof OptionSpec option ? lines.get(key(option)) : null;
            return entry == null ? null : entry.value();
        };
    }

    /** "{file} line {n}: {key}: {problem}"; a problem that starts with the option names the key there instead. */
    private ConfigFileException refuse(Entry entry, Function<CliText, String> words) {
        String option = "--" + entry.key();
        return new ConfigFileException(command, text -> {
            String where = text.get("config.where", name, entry.line());
            String problem = words.apply(text);
            if (problem.startsWith(option + " ") || problem.startsWith(option + ":")) {
                return where + entry.key() + asKeys(problem.substring(option.length()));
            }
            return where + entry.key() + ": " + asKeys(problem);
        });
    }

    /** The options a problem names ({@code --ping-interval}), as the file's keys ({@code ping-interval}). */
    private String asKeys(String problem) {
        Map<String, OptionSpec> options = keyedOptions(command);
        return OPTION_NAME
                .matcher(problem)
                .replaceAll(found ->
                        Matcher.quoteReplacement(options.containsKey(found.group(1)) ? found.group(1) : found.group()));
    }

    private ConfigFile withEntries(Node root) {
        if (!(root instanceof MappingNode mapping)) {
            throw refuse(root, text -> text.get("config.notMapping", describe(root, text)));
        }
        Map<String, OptionSpec> options = keyedOptions(command);
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Entry> found = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw refuse(keyNode, text -> text.get("config.keyNotName", describe(keyNode, text)));
            }
            String key = keyScalar.getValue();
            int line = line(keyNode);
            OptionSpec option = options.get(key);
            if (option == null) {
                throw refuse(
                        keyNode, text -> text.get("config.unknownKey", key) + suggestion(key, options.keySet(), text));
            }
            Integer first = seen.putIfAbsent(key, line);
            if (first != null) {
                throw refuse(keyNode, text -> text.get("config.twice", key, first));
            }
            value(key, option, tuple.getValueNode())
                    .ifPresent(written -> found.put(
                            key, new Entry(key, option.type() == Path.class ? path(written) : written, line, written)));
        }
        return new ConfigFile(name, directory, command, found);
    }

    /**
     * A path as the file means it, absolute: {@code ~} and {@code ~/...} in the user's home, as a shell would have
     * them, and a relative path in the file's directory, not in the working directory (a service manager starts the
     * server in {@code /}).
     */
    private String path(String value) {
        Path home = openchat.core.OpenchatHome.home();
        Path path = value.equals("~")
                ? home
                : value.startsWith("~/") ? home.resolve(value.substring(2)) : directory.resolve(value);
        return path.normalize().toString();
    }

    /** The value as one argument string; empty for YAML's null (the option keeps its default). */
    private Optional<String> value(String key, OptionSpec option, Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().equals(Tag.NULL) ? Optional.empty() : Optional.of(scalar.getValue());
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw refuse(node, text -> key + ": " + text.get("config.notValue", describe(node, text)));
        }
        if (!option.isMultiValue()) {
            throw refuse(node, text -> key + ": " + text.get("config.notList"));
        }
        List<String> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                throw refuse(item, text -> key + ": " + text.get("config.itemNotValue", describe(item, text)));
            }
            items.add(scalar.getValue());
        }
        if (items.isEmpty()) {
            throw refuse(node, text -> key + ": " + text.get("config.emptyList"));
        }
        if (items.size() == 1) {
            return Optional.of(items.get(0));
        }
        String separator = listSeparator(option);
        if (separator.isEmpty()) {
            throw refuse(node, text -> key + ": " + text.get("config.notListHere"));
        }
        Pattern split = Pattern.compile(option.splitRegex());
        for (String item : items) {
            if (split.matcher(item).find()) {
                throw refuse(node, text -> key + ": " + text.get("config.separator", item, separator));
            }
        }
        return Optional.of(String.join(separator, items));
    }

    private ConfigFileException refuse(Node node, Function<CliText, String> problem) {
        return new ConfigFileException(
                command, text -> text.get("config.where", name, line(node)) + problem.apply(text));
    }

    private static int line(Node node) {
        return node.getStartMark().map(ConfigFile::line).orElse(0);
    }

    private static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    private static String describe(Node node, CliText text) {
        if (node instanceof MappingNode) {
            return text.get("config.aMapping");
        }
        if (node instanceof SequenceNode) {
            return text.get("config.aList");
        }
        return node instanceof ScalarNode scalar
                ? "'" + scalar.getValue() + "'"
                : text.get("config.aNode", node.getNodeType());
    }

    /** " (did you mean 'max-users'?)" for a near miss, else where to find every key. */
    private static String suggestion(String key, Iterable<String> keys, CliText text) {
        String normal = key.toLowerCase(Locale.ROOT).replace('_', '-').replaceFirst("^-+", "");
        return NearestName.in(normal, keys)
                .map(best -> text.get("config.meant", best))
                .orElse(text.get("config.everyKey"));
    }

    /**
     * A config file refused: a usage error (exit 2) whose message names the file, and the line and key where
     * there is one. {@link OpenchatCommand} prints it alone, without the usage help, which says nothing about files.
     */
    static final class ConfigFileException extends CliProblem {
        private static final long serialVersionUID = 1L;

        private final boolean unreadable;

        ConfigFileException(CommandSpec command, Function<CliText, String> words) {
            this(command, words, false);
        }

        ConfigFileException(CommandSpec command, Function<CliText, String> words, boolean unreadable) {
            super(command.commandLine(), words);
            this.unreadable = unreadable;
        }

        /** Whether the file could not be read at all (not there, not allowed, not text), rather than read and refused. */
        boolean unreadable() {
            return unreadable;
        }
    }
}
