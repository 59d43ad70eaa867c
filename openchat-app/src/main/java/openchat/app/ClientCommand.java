package openchat.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import openchat.client.ClientConfig;
import openchat.client.ClientTls;
import openchat.client.TerminalClient;
import openchat.core.RoomNames;
import openchat.protocol.OcpMessage;
import openchat.server.config.Sentence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openchat client NAME}: joins a room and chats from the terminal.
 *
 * <p>The descriptions of the command and its options are in {@code openchat/app/help_ko.properties} and
 * {@code help_en.properties}, under {@code openchat.client.<option>}.
 */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = OpenchatCommand.Version.class)
final class ClientCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "name")
    String name;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + OcpMessage.DEFAULT_PORT)
    int port;

    @Option(names = "--room", paramLabel = "ROOM", defaultValue = RoomNames.LOBBY)
    String room;

    @Option(names = "--admin-key-file", paramLabel = "FILE")
    Path adminKeyFile;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ko")
    Language language;

    @Option(names = "--tls")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE")
    Path tlsCa;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256")
    String tlsFingerprint;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        language = OpenchatCommand.language(spec, language);
        if (port < 1 || port > 65535) {
            throw new CliProblem(spec.commandLine(), "client.port", port);
        }
        RoomNames.checkNew(room).ifPresent(problem -> {
            throw new CliProblem(
                    spec.commandLine(),
                    text -> text.get(
                            "client.room", room, text.said(Sentence.of(problem.textKey(), problem.argument()))));
        });
        ClientTls clientTls;
        try {
            clientTls = new ClientTls(tls, tlsCa, tlsFingerprint);
        } catch (IllegalArgumentException e) {
            throw new CliProblem(spec.commandLine(), text -> text.clientTls(e.getMessage()));
        }
        return TerminalClient.runOnSystemTerminal(
                new ClientConfig(name, host, port, adminKeyFile, language.locale(), clientTls, room));
    }
}
