package openchat.app;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.ScalarToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * A config file that is not valid YAML, as a person reads it: the line at fault and, for the common mistakes, what is
 * wrong in the product's language, SnakeYAML's own (English) text after it in parentheses for a search or a report.
 *
 * <p>SnakeYAML marks where it noticed the problem, which for something left open is below the line at fault:
 * {@code max-users:5} (no space after the colon) is a key without its {@code ': '} noticed at the next key, past the
 * blank and comment lines between (trial 10: line 49 reported as 51). For those, the line is its context mark's, where
 * the key, the quote or the bracket started.
 *
 * <p>A quote left open is closed by the next quote in the file, so the value runs on over the lines between and the
 * problem is noticed after that quote, as something else: {@code port: '49111} on line 21 of the default file was told
 * at line 37, {@code metrics-allow: [127.0.0.0/8, '::1/128']}, as a line that does not fit (trial 11). A quoted value
 * that spans lines and ends on the line where the problem was noticed is told as the quote left open, at its start.
 */
final class YamlProblem {
    /** A mistake SnakeYAML tells by its context and problem, its catalog key, and whether it is where it started. */
    private record Known(String context, Pattern problem, String key, boolean atItsStart) {}

    private static final List<Known> KNOWN = List.of(
            known("while scanning a simple key", "could not find expected ':'", "config.yaml.noColon", true),
            known(null, "mapping values are not allowed here", "config.yaml.colonHere", false),
            known(null, "found character '\\\\t\\(TAB\\)' that cannot start any token", "config.yaml.tab", false),
            known(null, "found character '(.+?)' that cannot start any token", "config.yaml.reserved", false),
            known("while scanning a quoted scalar", "found unexpected end of stream", "config.yaml.openQuote", true),
            known("while parsing a flow sequence", "expected ',' or ']'", "config.yaml.openList", true),
            known("while parsing a flow mapping", "expected ',' or '}'", "config.yaml.openMapping", true),
            known(null, "found undefined alias", "config.yaml.alias", false),
            known(
                    "while parsing a block mapping",
                    "expected <block end>, but found",
                    "config.yaml.notKeyValue",
                    false));

    private final String key;
    private final Object[] args;
    private final String parser;
    private final Optional<Mark> mark;

    private YamlProblem(String key, Object[] args, String parser, Optional<Mark> mark) {
        this.key = key;
        this.args = args;
        this.parser = parser;
        this.mark = mark;
    }

    private static Known known(String context, String problem, String key, boolean atItsStart) {
        return new Known(context, Pattern.compile("^" + problem), key, atItsStart);
    }

    static YamlProblem of(MarkedYamlEngineException e, String text, LoadSettings settings) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        Optional<Mark> openQuote = quoteRunOnTo(e.getProblemMark(), text, settings);
        if (openQuote.isPresent()) {
            return new YamlProblem("config.yaml.openQuote", new Object[0], problem, openQuote);
        }
        for (Known known : KNOWN) {
            Matcher matched = known.problem().matcher(problem);
            if ((known.context() == null || known.context().equals(e.getContext())) && matched.find()) {
                Object[] args = matched.groupCount() > 0 ? new Object[] {matched.group(1)} : new Object[0];
                Optional<Mark> mark =
                        known.atItsStart() && e.getContextMark().isPresent() ? e.getContextMark() : e.getProblemMark();
                return new YamlProblem(known.key(), args, problem, mark);
            }
        }
        return new YamlProblem(null, new Object[0], problem, e.getProblemMark());
    }

    /**
     * Where a quoted value starts that runs on over several lines to the line of {@code noticed}, the problem's mark:
     * a quote left open that a later quote closed. Empty when there is none, or when the text cannot be read so far.
     */
    private static Optional<Mark> quoteRunOnTo(Optional<Mark> noticed, String text, LoadSettings settings) {
        if (noticed.isEmpty()) {
            return Optional.empty();
        }
        int line = noticed.get().getLine();
        ScannerImpl tokens = new ScannerImpl(settings, new StreamReader(settings, text));
        try {
            while (tokens.hasNext()) {
                Token token = tokens.next();
                Optional<Mark> start = token.getStartMark();
                Optional<Mark> end = token.getEndMark();
                if (start.isEmpty() || end.isEmpty() || start.get().getLine() > line) {
                    return Optional.empty();
                }
                if (token instanceof ScalarToken scalar
                        && (scalar.getStyle() == ScalarStyle.SINGLE_QUOTED
                                || scalar.getStyle() == ScalarStyle.DOUBLE_QUOTED)
                        && start.get().getLine() < line
                        && end.get().getLine() == line) {
                    return start;
                }
            }
        } catch (YamlEngineException e) {
            // The scanner stops where the parse did or sooner: nothing spanned lines before it.
        }
        return Optional.empty();
    }

    /** The line at fault, from 1, where it can be known. */
    Optional<Integer> line() {
        return mark.map(at -> at.getLine() + 1);
    }

    /** What is wrong, after "not valid YAML": the mistake in the language and the parser's words, or those alone. */
    Function<CliText, String> words() {
        return text -> key == null
                ? text.get("config.notYaml", parser)
                : text.get("config.notYamlBecause", text.get(key, args), parser);
    }
}
