package openchat.app;

import java.util.Locale;
import openchat.server.config.ServerConfig;
import picocli.CommandLine.ITypeConverter;

/** A listener's port on the command line: 0-65535, or {@code off} for no such listener. */
final class ListenerPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return ServerConfig.OFF;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new OpenchatCommand.WordedConversion("value.notListenerPort", value);
    }
}
