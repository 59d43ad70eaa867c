package openchat.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import openchat.client.ClientConfig;
import openchat.client.ClientTls;
import openchat.client.TerminalClient;
import openchat.core.RoomNames;
import openchat.protocol.OcpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openchat client NAME}: joins a room and chats from the terminal. */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        description = {
            "Joins the chat as NAME, in the lobby or the room given.",
            "Type a line to send it to the current room; /도움말 (/help) lists the commands.",
            "Exit codes: 0 after /종료, /조용히나가기, server shutdown or Ctrl-D; 1 when refused, kicked or unreachable,"
                    + " or when --admin-key-file or --tls-ca cannot be used."
        })
final class ClientCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Your name in the room (1-32 characters).")
    String name;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + OcpMessage.DEFAULT_PORT,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--room",
            paramLabel = "ROOM",
            defaultValue = RoomNames.LOBBY,
            description = "Room to join first (default: ${DEFAULT-VALUE}); /join enters more.")
    String room;

    @Option(
            names = "--admin-key-file",
            paramLabel = "FILE",
            description = "Administrator key file, read when NAME is 채팅관리자 (default: $HOME/.openchat/admin.key).")
    Path adminKeyFile;

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            defaultValue = "ko",
            description = "Language: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language language;

    @Option(names = "--tls", description = "Connect over TLS (the system's trusted authorities, unless below).")
    boolean tls;

    @Option(
            names = "--tls-ca",
            paramLabel = "FILE",
            description = "Trust the authority in FILE (PEM); checks the host name.")
    Path tlsCa;

    @Option(
            names = "--tls-fingerprint",
            paramLabel = "SHA256",
            description = "Trust only the certificate with this SHA-256 fingerprint (as the server prints it).")
    String tlsFingerprint;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (port < 1 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 1-65535: " + port);
        }
        RoomNames.check(room).ifPresent(problem -> {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--room '" + room + "': " + problem.english());
        });
        ClientTls clientTls;
        try {
            clientTls = new ClientTls(tls, tlsCa, tlsFingerprint);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return TerminalClient.runOnSystemTerminal(
                new ClientConfig(name, host, port, adminKeyFile, language.locale(), clientTls, room));
    }
}
