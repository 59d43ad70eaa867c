package openchat.app;

import openchat.server.config.ProxyHeader;
import picocli.CommandLine.ITypeConverter;

/** {@code --proxy-header}: {@code x-forwarded-for} or {@code forwarded}, in any case. */
final class ProxyHeaderOption implements ITypeConverter<ProxyHeader> {
    @Override
    public ProxyHeader convert(String value) {
        return ProxyHeader.of(value)
                .orElseThrow(() -> new OpenchatCommand.WordedConversion("value.notProxyHeader", value));
    }
}
