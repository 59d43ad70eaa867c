package openchat.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of {@code openchat ARGS} in this JVM, as main runs it: its exit code and what it wrote. */
record CommandRun(int exitCode, String out, String err) {

    /** {@code openchat ARGS}, in the language they ask for: Korean unless {@code --lang en}. */
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** {@code openchat --lang en ARGS}: for tests that read the English sentences. */
    static CommandRun english(String... args) {
        String[] english = new String[args.length + 2];
        english[0] = "--lang";
        english[1] = "en";
        System.arraycopy(args, 0, english, 2, args.length);
        return of(english);
    }
}
