package openchat.app;

import java.util.Locale;
import openchat.server.config.ServerConfig;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --connect-rate}: new connections per minute from one address, a number as {@link DecimalOption} reads one, or
 * {@code off} for no throttle ({@link ServerConfig#CONNECT_RATE_OFF}). Its range is the config's to check.
 */
final class ConnectRateOption implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return ServerConfig.CONNECT_RATE_OFF;
        }
        try {
            return new DecimalOption().convert(value);
        } catch (OpenchatCommand.WordedConversion notANumber) {
            throw new OpenchatCommand.WordedConversion("value.notConnectRate", value);
        }
    }
}
