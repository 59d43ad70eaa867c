package openchat.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a test's Redis, to break a node's link in the ways a network does: a connection whose
 * requests, or whose replies, stop getting through ({@link Link#holdRequests}, {@link Link#holdReplies}), then
 * drops ({@link Link#cut}). Connections are numbered in the order they were opened; a new one passes freely.
 */
final class LinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    LinkProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "link-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** {@code redis://127.0.0.1:PORT} of the proxy. */
    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** The {@code index}th connection made through the proxy (from 0). */
    Link link(int index) {
        return links.get(index);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                Link link = new Link(client, upstream);
                links.add(link);
                link.pump(client, upstream, true);
                link.pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.cut();
        }
    }

    /** One connection through the proxy. */
    static final class Link {
        private final Socket client;
        private final Socket upstream;
        /** The bytes swallowed so far, either way. */
        final AtomicLong held = new AtomicLong();

        volatile boolean holdRequests;
        volatile boolean holdReplies;

        private Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        private void pump(Socket from, Socket to, boolean requests) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[8192];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int read;
                            while ((read = in.read(buffer)) >= 0) {
                                if (requests ? holdRequests : holdReplies) {
                                    held.addAndGet(read);
                                } else {
                                    out.write(buffer, 0, read);
                                    out.flush();
                                }
                            }
                        } catch (IOException e) {
                            // cut, or closed by either end
                        } finally {
                            cut();
                        }
                    },
                    "link-proxy-" + (requests ? "requests" : "replies"));
            thread.setDaemon(true);
            thread.start();
        }

        /** Drops the connection at both ends, as a broken network does. */
        void cut() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closed already
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }
}
