package openchat.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code openchat defaultconfig}: prints a config file for {@code openchat server --config} with every key at its
 * default, each under its option's description, as ergo's {@code default.yaml}; {@code lang} is the language the file
 * is written in ({@code --lang en}: {@code lang: en}). It is written from picocli's model
 * of the server command, the same source as the command line and {@link ConfigFile}, so it cannot fall behind.
 */
@Command(name = "defaultconfig", mixinStandardHelpOptions = true, versionProvider = OpenchatCommand.Version.class)
final class DefaultConfigCommand implements Runnable {

    /** The key of the server's language, written as the language of the file rather than its default. */
    static final String LANG_KEY = "lang";

    /** Comment lines are wrapped to this width. */
    private static final int WIDTH = 100;

    /** A value YAML reads as the same string without quotes, in a block or in a [list]. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./+$](?:[A-Za-z0-9_./+$@ -]*[A-Za-z0-9_./+$@-])?");

    private static final Pattern YAML_NULL = Pattern.compile("null|Null|NULL");

    @Spec
    CommandSpec spec;

    /** The language of the comments: the server options' descriptions, as its help shows them. */
    @picocli.CommandLine.Option(names = "--lang", paramLabel = "LANG", defaultValue = "ko")
    Language language;

    @Override
    public void run() {
        CommandSpec server = spec.root().subcommands().get("server").getCommandSpec();
        // Its own --lang, else the root's (openchat --lang en defaultconfig), as the descriptions' bundle is chosen.
        spec.commandLine().getOut().print(render(server, CliText.in(OpenchatCommand.language(spec, language))));
        spec.commandLine().getOut().flush();
    }

    /** The file: a header, then for each option its description as comments and {@code key: default}. */
    static String render(CommandSpec command, CliText text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.get("defaultconfig.header", command.name()).split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        for (Map.Entry<String, OptionSpec> keyed :
                ConfigFile.keyedOptions(command).entrySet()) {
            OptionSpec option = keyed.getValue();
            out.append('\n');
            for (String line : wrap(String.join(" ", option.description()), WIDTH - 2)) {
                out.append("# ").append(line).append('\n');
            }
            // The file's language is the server's too: an operator who asked for it in English wants an English
            // console.
            String value = keyed.getKey().equals(LANG_KEY) ? text.language().name() : defaultValue(option);
            if (value == null) {
                out.append("# ").append(keyed.getKey()).append(":\n");
            } else {
                out.append(keyed.getKey()).append(": ").append(value).append('\n');
            }
        }
        return out.toString();
    }

    /** The option's default as YAML, or null when it has none to write (it is worked out at start). */
    private static String defaultValue(OptionSpec option) {
        String value = option.defaultValue();
        if (value == null) {
            Object initial = option.initialValue();
            if (initial == null || option.isMultiValue()) {
                return null;
            }
            value = String.valueOf(initial);
        }
        if (!option.isMultiValue() || option.splitRegex().isEmpty()) {
            return quoted(value);
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(option.splitRegex(), -1)) {
            items.add(quoted(item));
        }
        return "[" + String.join(", ", items) + "]";
    }

    /** The value itself where YAML reads it back as the same text, else in single quotes. */
    private static String quoted(String value) {
        boolean plain = PLAIN.matcher(value).matches()
                && !YAML_NULL.matcher(value).matches()
                && !(value.startsWith("-") && (value.length() == 1 || value.charAt(1) == ' '));
        return plain ? value : "'" + value.replace("'", "''") + "'";
    }

    /** Words to lines of at most {@code width} characters (a longer word has a line of its own). */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
