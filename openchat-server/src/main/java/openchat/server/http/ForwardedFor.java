package openchat.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import openchat.server.config.ProxyHeader;
import openchat.server.net.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whom a request from a reverse proxy is for ({@code --trusted-proxies}, as ergo's {@code proxy-allowed-from}): from a
 * trusted proxy, the client named by the one header {@code --proxy-header} says the proxies write ({@code
 * X-Forwarded-For} or {@code Forwarded: for=}, RFC 7239); from anyone else, the peer itself, whatever the headers say.
 * The other header is never read: a proxy passes on unchanged whatever a client wrote in it. The header lists each
 * hop's client, left to right, each proxy appending its own peer; the client is the right-most address that is not
 * itself a trusted proxy (nginx's {@code real_ip_recursive on}), so a client cannot pass for another by sending the
 * header itself. A header that cannot be read (a name, an obfuscated {@code for=_hidden}, garbage) leaves the proxy's
 * address: never a crash, never a guess. Only literals are read, never looked up.
 *
 * <p>A trusted proxy's request with the other header and not this one most likely comes from a proxy set up to write
 * the other: that is logged (WARN) with the option that would read it, through a {@link ThrottledLog}.
 */
final class ForwardedFor {
    private static final Logger log = LoggerFactory.getLogger(ForwardedFor.class);

    private final Predicate<InetAddress> trusted;
    private final ProxyHeader header;
    private final ThrottledLog<String> otherHeaderLines;

    ForwardedFor(Predicate<InetAddress> trusted, ProxyHeader header) {
        this.trusted = trusted;
        this.header = header;
        this.otherHeaderLines = new ThrottledLog<>((count, top) -> log.warn(
                "{} more requests from trusted proxies named their client in {} and not in {} in the last minute,"
                        + " from {} (--proxy-header)",
                count,
                header.other().headerName(),
                header.headerName(),
                top));
    }

    /** Whether {@code peer} is one of the trusted proxies. */
    boolean trusts(InetAddress peer) {
        return trusted.test(peer);
    }

    /**
     * The client {@code headers} name when {@code peer} is a trusted proxy; otherwise, or when unreadable, the peer.
     * {@code loop} ends the period of the log line about the other header.
     */
    InetAddress client(InetAddress peer, HttpHeaders headers, ScheduledExecutorService loop) {
        if (!trusted.test(peer)) {
            return peer;
        }
        if (!headers.contains(header.headerName())) {
            if (headers.contains(header.other().headerName())) {
                warnOtherHeader(peer, loop);
            }
            return peer;
        }
        List<String> fields = headers.getAll(header.headerName());
        List<String> hops = header == ProxyHeader.X_FORWARDED_FOR ? xForwardedFor(fields) : forwarded(fields);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return peer; // unreadable: the proxy's own address, as if it had sent nothing
            }
            client = hop;
            if (!trusted.test(hop)) {
                break;
            }
        }
        return client;
    }

    private void warnOtherHeader(InetAddress proxy, ScheduledExecutorService loop) {
        otherHeaderLines.occurred(
                proxy.getHostAddress(),
                () -> log.warn(
                        "a request from the trusted proxy {} names its client in {} and not in {}: it is taken as from"
                                + " the proxy itself. If the proxy writes {}, start the server with --proxy-header {}",
                        proxy.getHostAddress(),
                        header.other().headerName(),
                        header.headerName(),
                        header.other().headerName(),
                        header.other().optionValue()),
                loop);
    }

    /**
     * {@code X-Forwarded-For: a, b} (each field line in order): the addresses, left to right, a port taken off as some
     * proxies write one ({@code 203.0.113.9:4711}, {@code [2001:db8::1]:4711}), as in {@code Forwarded}.
     */
    private static List<String> xForwardedFor(List<String> fields) {
        List<String> hops = new ArrayList<>();
        for (String field : fields) {
            for (String hop : field.split(",", -1)) {
                hops.add(node(hop.strip()));
            }
        }
        return hops;
    }

    /**
     * {@code Forwarded: for=192.0.2.1;proto=https, for="[2001:db8::1]:4711"} (RFC 7239 4): each element's {@code for}
     * node as written, quotes, brackets and port taken off; an element without one is an unreadable hop.
     */
    private static List<String> forwarded(List<String> fields) {
        List<String> hops = new ArrayList<>();
        for (String field : fields) {
            for (String element : field.split(",", -1)) {
                String node = "";
                for (String pair : element.split(";", -1)) {
                    int equals = pair.indexOf('=');
                    if (equals > 0
                            && pair.substring(0, equals)
                                    .strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals("for")) {
                        node = node(pair.substring(equals + 1).strip());
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    /**
     * A node without its quotes, IPv6 brackets and port: {@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}; a
     * {@code Host} field's name the same way ({@code chat.example.org:8080} → {@code chat.example.org}).
     */
    static String node(String value) {
        String node = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close > 0 ? node.substring(1, close) : "";
        }
        int colon = node.indexOf(':');
        return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }

    /** The address {@code text} writes as a literal, or null: a name is not looked up. */
    private static InetAddress literal(String text) {
        return text.isEmpty() ? null : NetUtil.createInetAddressFromIpAddressString(text);
    }
}
