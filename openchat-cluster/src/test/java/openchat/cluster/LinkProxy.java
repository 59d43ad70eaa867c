package openchat.cluster;

import java.io.ByteArrayOutputStream;
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
 * drops ({@link Link#cut}); or whose replies are late ({@link Link#delayReplies}, then {@link Link#releaseReplies}).
 * Connections are numbered in the order they were opened; a new one passes freely. Public for the server's cluster
 * tests.
 */
public final class LinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    public LinkProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "link-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** {@code redis://127.0.0.1:PORT} of the proxy. */
    public String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** The {@code index}th connection made through the proxy (from 0). */
    public Link link(int index) {
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
    public static final class Link {
        private final Socket client;
        private final Socket upstream;
        /** The bytes swallowed so far, either way. */
        final AtomicLong held = new AtomicLong();
        /** Replies kept back while {@link #delayReplies}, in order. */
        private final ByteArrayOutputStream delayed = new ByteArrayOutputStream();

        volatile boolean holdRequests;
        volatile boolean holdReplies;
        private boolean delayReplies;
        private OutputStream toClient;

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
                            if (!requests) {
                                synchronized (this) {
                                    toClient = out;
                                }
                            }
                            while ((read = in.read(buffer)) >= 0) {
                                if (requests ? holdRequests : holdReplies) {
                                    held.addAndGet(read);
                                } else if (requests) {
                                    out.write(buffer, 0, read);
                                    out.flush();
                                } else {
                                    reply(buffer, read);
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

        private synchronized void reply(byte[] bytes, int length) throws IOException {
            if (delayReplies) {
                delayed.write(bytes, 0, length);
            } else {
                toClient.write(bytes, 0, length);
                toClient.flush();
            }
        }

        /** From now on Redis's replies on this connection wait, in order, until {@link #releaseReplies}. */
        public synchronized void delayReplies() {
            delayReplies = true;
        }

        /** Sends the replies kept back, then lets the next ones through as they come. */
        public synchronized void releaseReplies() throws IOException {
            delayReplies = false;
            if (toClient != null) {
                delayed.writeTo(toClient);
                toClient.flush();
            }
            delayed.reset();
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
