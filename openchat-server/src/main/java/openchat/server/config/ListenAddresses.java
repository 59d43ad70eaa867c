package openchat.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener's addresses as an option lists them ({@code --host 192.0.2.2,fd00::2}): each an IP address or a name
 * this machine resolves, each bound once.
 */
final class ListenAddresses {
    private ListenAddresses() {}

    /**
     * {@code hosts} stripped, each address once (the first spelling of it kept: {@code 127.0.0.1,localhost} is one);
     * refused, naming {@code option} and the entry, for an empty entry, one that does not resolve, or an address that
     * a wildcard of the list takes already ({@code 0.0.0.0,127.0.0.1}: the second bind would find the port in use).
     * {@code ::} beside IPv4 addresses takes IPv6 alone, so it clashes with none of them.
     */
    static List<String> checked(String option, List<String> hosts) {
        Map<InetAddress, String> addresses = new LinkedHashMap<>();
        for (String entry : hosts) {
            String host = entry.strip();
            if (host.isEmpty()) {
                throw new ConfigRefusal("refusal.hostEmpty", option);
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException | SecurityException e) {
                throw new ConfigRefusal("refusal.host", option, host);
            }
            addresses.putIfAbsent(address, host);
        }
        for (Map.Entry<InetAddress, String> wildcard : addresses.entrySet()) {
            if (!wildcard.getKey().isAnyLocalAddress()) {
                continue;
            }
            for (Map.Entry<InetAddress, String> other : addresses.entrySet()) {
                if (other != wildcard
                        && other.getKey().getClass() == wildcard.getKey().getClass()) {
                    throw new ConfigRefusal(
                            "refusal.hostCovered",
                            option,
                            wildcard.getValue(),
                            wildcard.getKey() instanceof java.net.Inet6Address ? "IPv6" : "IPv4",
                            other.getValue());
                }
            }
        }
        return List.copyOf(addresses.values());
    }
}
