package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code openchat defaultconfig}: every server option at its default, and a file the server reads back as such. */
class DefaultConfigCommandTest {

    @TempDir
    Path dir;

    private String printed;
    private Path file;

    @BeforeEach
    void printTheDefaultConfig() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("defaultconfig", "--lang", "en")).isZero();
        printed = out.toString();
        file = dir.resolve("openchat.yaml");
        Files.writeString(file, printed, StandardCharsets.UTF_8);
    }

    private static CommandSpec server() {
        return OpenchatCommand.commandLine().getSubcommands().get("server").getCommandSpec();
    }

    @Test
    void theServerStartsFromItExactlyAsFromNoOptionsButItsLanguage() {
        assertThat(ConfigFileTest.serverConfig("server", "--config", file.toString()))
                .isEqualTo(ConfigFileTest.serverConfig("server", "--lang", "en"));
    }

    @Test
    void itsLanguageIsTheLanguageItIsWrittenIn() {
        assertThat(printed).contains("\nlang: en\n");
        StringWriter korean = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(korean));
        assertThat(commandLine.execute("defaultconfig")).isZero();
        assertThat(korean.toString()).contains("\nlang: ko\n");
    }

    @Test
    void everyOptionOfTheServerHasItsKey() {
        List<String> lines = printed.lines().toList();
        for (String key : ConfigFile.keyedOptions(server()).keySet()) {
            assertThat(lines)
                    .as("defaultconfig has a line for --%s, as '%s: ...' or '# %s:'", key, key, key)
                    .anyMatch(line -> line.startsWith(key + ": ") || line.equals("# " + key + ":"));
        }
        assertThat(ConfigFile.keyedOptions(server())).containsKeys("port", "irc-port", "no-history", "lang");
    }

    @Test
    void everyLineIsACommentOrAKeyAndItsDefault() {
        assertThat(printed.lines())
                .allSatisfy(line -> assertThat(line).matches("|#.*|[a-z][a-z0-9-]*: \\S.*"))
                .anyMatch(line -> line.startsWith("# TCP port"));
        assertThat(printed).contains("\nport: 3000\n", "\nirc-port: 6667\n", "\nno-history: false\n", "\n# host:\n");
    }

    @Test
    void itParsesBackToEachOptionsOwnDefault() {
        CommandSpec server = server();
        Map<String, ConfigFile.Entry> entries = ConfigFile.read(file, server).entries();

        for (Map.Entry<String, OptionSpec> keyed :
                ConfigFile.keyedOptions(server).entrySet()) {
            OptionSpec option = keyed.getValue();
            ConfigFile.Entry entry = entries.get(keyed.getKey());
            if (keyed.getKey().equals(DefaultConfigCommand.LANG_KEY)) {
                continue; // the language the file is written in (itsLanguageIsTheLanguageItIsWrittenIn)
            }
            if (option.defaultValue() != null) {
                assertThat(entry).as("a value for %s", option.longestName()).isNotNull();
                assertThat(entry.value())
                        .as("the default of %s", option.longestName())
                        .isEqualTo(option.defaultValue());
            } else if (entry != null) {
                assertThat(entry.value())
                        .as("%s has no default but its initial value", option.longestName())
                        .isEqualTo(String.valueOf(option.initialValue()));
            }
        }
    }

    @Test
    void everyListOptionCanTakeAYamlList() {
        for (OptionSpec option : ConfigFile.keyedOptions(server()).values()) {
            if (option.isMultiValue()) {
                assertThat(ConfigFile.listSeparator(option))
                        .as(
                                "%s takes several values, so it needs split = \",\" for a list in the config file",
                                option.longestName())
                        .isNotEmpty();
                String joined = "a" + ConfigFile.listSeparator(option) + "b";
                assertThat(joined.split(option.splitRegex())).containsExactly("a", "b");
            }
        }
    }

    @Test
    void itIsListedAmongTheCommands() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.execute("--help");
        assertThat(out.toString()).contains("defaultconfig");
    }
}
