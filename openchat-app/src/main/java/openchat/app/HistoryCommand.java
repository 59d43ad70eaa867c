package openchat.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import openchat.core.DisplayText;
import openchat.core.OpenchatHome;
import openchat.core.StoredMessage;
import openchat.server.config.Sentence;
import openchat.server.history.HistoryExport;
import openchat.server.history.HistoryUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openchat history}: the operator's tools for the stored history, outside the server. {@code export} prints a
 * data directory's messages, as a person reads them or as tab-separated values for a program; it reads the database
 * read-only and takes no lock, so it runs beside a running server.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        subcommands = {HistoryCommand.Export.class})
final class HistoryCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CliProblem(spec.commandLine(), "history.noSubcommand");
    }

    /** How an export is written. */
    enum Format {
        /** For a person: {@code 2026-12-06 00:54:02 [lobby] 유저1: 안녕하세요}, in the local time zone, on one line. */
        text,
        /** For a program: a header row, then at, room, seq, from, text, each field escaped as {@link Export#escaped}. */
        tsv
    }

    @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = OpenchatCommand.Version.class)
    static final class Export implements Callable<Integer>, ConfigFile.Speaking {
        private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

        /** The keys of the server's config file an export takes: where the history is, and the language. */
        private static final List<String> FILE_KEYS = List.of("data-dir", "lang");

        @Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * The server's config file: read and checked as the server reads it, with the same refusals, for its
         * {@code data-dir} and {@code lang} alone, which an option on the command line overrides as it does the server's.
         */
        @Option(names = ConfigFile.CONFIG_OPTION, paramLabel = "FILE")
        void configFile(Path file) {
            fileLanguage = ConfigFile.languageLine(file);
            try {
                ConfigFile config = ConfigFile.read(
                                file, spec.root().subcommands().get("server").getCommandSpec())
                        .only(FILE_KEYS);
                configName = file.toString();
                ConfigFile.Entry written = config.entries().get("data-dir");
                configDataDir = written == null ? null : written.written();
                ConfigFile.Entry lang = config.entries().get("lang");
                if (lang != null) {
                    fileLanguage = CliText.askedIn(List.of("--lang", lang.value()));
                }
                config.check(Export::probe, Export::probe);
                spec.defaultValueProvider(config);
            } catch (ConfigFile.ConfigFileException e) {
                throw new ConfigFile.ConfigFileException(spec, e::in); // refused as this command's, in its language
            }
        }

        /** The config file given, and its {@code data-dir} as written there: where a database not found was looked for. */
        private String configName;

        private String configDataDir;

        /** The language the config file asks for ({@code lang: en}), for the refusals found in it. */
        private Optional<Language> fileLanguage = Optional.empty();

        @Override
        public Optional<Language> fileLanguage() {
            return fileLanguage;
        }

        /** An export on no arguments but {@code defaults}: how a file's values are tried. */
        private static void probe(CommandLine.IDefaultValueProvider defaults) {
            new CommandLine(new Export())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setDefaultValueProvider(defaults)
                    .parseArgs();
        }

        @Option(names = "--data-dir", paramLabel = "DIR")
        Path dataDir;

        @Option(names = "--room", paramLabel = "ROOM")
        String room;

        @Option(names = "--since", paramLabel = "WHEN")
        String since;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
        Format format;

        @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ko")
        Language language;

        /** The zone the text format and a --since date are read in: this machine's. */
        ZoneId zone = ZoneId.systemDefault();

        /** Now, for a --since age. */
        java.time.Clock clock = java.time.Clock.systemUTC();

        @Override
        public Integer call() {
            CliText text = CliText.in(OpenchatCommand.language(spec, language));
            Instant from = since == null ? null : sinceInstant(since);
            PrintWriter out = spec.commandLine().getOut();
            Path dir = dataDir == null
                    ? OpenchatHome.directory()
                    : dataDir.toAbsolutePath().normalize();
            try (HistoryExport history = HistoryExport.open(dir)) {
                if (format == Format.tsv) {
                    out.println("at\troom\tseq\tfrom\ttext");
                }
                long[] printed = {0};
                history.each(room, from, message -> {
                    out.println(line(message));
                    printed[0]++;
                });
                if (printed[0] == 0) {
                    out.flush();
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("openchat: " + nothingStored(text));
                    err.flush();
                }
            } catch (HistoryUnavailableException e) {
                out.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println("openchat: " + text.said(Sentence.of(e)) + lookedWhere(e, text));
                err.flush();
                return 1;
            }
            out.flush();
            return 0;
        }

        /**
         * For no database found, where the directory came from, unless it was typed: the config file's {@code data-dir}
         * (whose {@code ~} is the home of whoever runs the export, not the server's: trial 11), or this user's default,
         * which is the server's only when the server runs as this user with no directory of its own (trial 10).
         */
        private String lookedWhere(HistoryUnavailableException e, CliText text) {
            if (!e.sentence().key().equals("history.export.noDatabase")
                    || spec.commandLine().getParseResult().hasMatchedOption("--data-dir")) {
                return "";
            }
            if (configDataDir == null) {
                return text.get("history.fromDefault");
            }
            return configDataDir.startsWith("~")
                    ? text.get("history.fromFileHome", configName, configDataDir, OpenchatHome.home())
                    : text.get("history.fromFile", configName, configDataDir);
        }

        /** Why an export printed nothing, for a person who may have mistyped the room or the time. */
        private String nothingStored(CliText text) {
            if (room != null) {
                return since == null
                        ? text.get("history.noneInRoom", room)
                        : text.get("history.noneInRoomSince", room, since);
            }
            return since == null ? text.get("history.none") : text.get("history.noneSince", since);
        }

        private String line(StoredMessage message) {
            if (format == Format.tsv) {
                return String.join(
                        "\t",
                        message.at().toString(),
                        escaped(message.room()),
                        String.valueOf(message.seq()),
                        escaped(message.from()),
                        escaped(message.text()));
            }
            String said = DisplayText.action(message.text())
                    .map(action -> "* " + DisplayText.line(message.from()) + " " + DisplayText.line(action))
                    .orElseGet(() -> DisplayText.line(message.from()) + ": " + DisplayText.line(message.text()));
            return SHOWN.format(message.at().atZoneSameInstant(zone)) + " [" + message.room() + "] " + said;
        }

        /**
         * A TSV field: backslash, TAB, CR and LF written as \\ \t \r \n, so that a row is one line of fields, and
         * every other control character and bidirectional override as \\uXXXX, so that a member's escape sequence
         * cannot drive the terminal the export is read in.
         */
        static String escaped(String field) {
            StringBuilder out = new StringBuilder(field.length());
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (DisplayText.isSpecial(c)) {
                            out.append(String.format("\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        /**
         * {@code --since}: an age as history-max-age takes one ({@code 24h}, {@code 7d}, {@code 90min}), or a date
         * ({@code 2026-12-05}, from its midnight) or a date and time ({@code 2026-12-05T21:30}) in this machine's zone.
         */
        private Instant sinceInstant(String value) {
            try {
                if (value.contains("-")) {
                    return value.contains("T")
                            ? LocalDateTime.parse(value).atZone(zone).toInstant()
                            : LocalDate.parse(value).atStartOfDay(zone).toInstant();
                }
                Duration age = new HistoryAgeOption().convert(value.toLowerCase(Locale.ROOT));
                if (age == null) {
                    throw new DateTimeParseException(value, value, 0);
                }
                return clock.instant().minus(age);
            } catch (DateTimeParseException | CommandLine.TypeConversionException e) {
                throw new CliProblem(spec.commandLine(), "history.since", value);
            }
        }
    }
}
