package openchat.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy in front of a server that can stop passing bytes on, both ways, as a server stopped with SIGSTOP seems to
 * its clients (the bytes wait, nothing comes back), or only the server's way (what a client sends arrives, the answers
 * wait), pass them on again, cut every connection, or stay down (as a server that crashed seems: no connection
 * lasts): how the terminal client's tests and the web page's hold a server's answers.
 */
public final class PausingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    /** What the clients send waits (guarded by gate). */
    private boolean pausedUp;
    /** What the server sends waits (guarded by gate). */
    private boolean pausedDown;
    /** Every connection is closed as soon as it is accepted. */
    private volatile boolean down;
    /** What the clients sent while the proxy was paused (as UTF-8), until it resumes. */
    private final StringBuilder heldFromClients = new StringBuilder();

    private PausingProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy on an ephemeral loopback port to {@code port} on loopback. */
    public static PausingProxy to(int port) throws IOException {
        return new PausingProxy(port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Nothing passes from now on: what either side sends waits. */
    public void pause() {
        synchronized (gate) {
            pausedUp = true;
            pausedDown = true;
        }
    }

    /**
     * What the server sends waits from now on, what the clients send passes: the server does what it is asked, and
     * its answers are held (lost, if the connections are cut next).
     */
    public void holdAnswers() {
        synchronized (gate) {
            pausedDown = true;
        }
    }

    /** What waited passes, in order, and so does everything after it. */
    public void resume() {
        synchronized (gate) {
            pausedUp = false;
            pausedDown = false;
            heldFromClients.setLength(0);
            gate.notifyAll();
        }
    }

    /**
     * Whether what the clients sent since the pause, held here, contains {@code text}: a line typed is known to have
     * left the client, not still waiting in it.
     */
    public boolean holdsFromClients(String text) {
        synchronized (gate) {
            return heldFromClients.indexOf(text) >= 0;
        }
    }

    /** Closes every connection; what waited is lost. */
    public void cut() {
        sockets.forEach(PausingProxy::closeQuietly);
    }

    /**
     * Closes every connection, and each new one as soon as it comes, until {@link #up()}: to its clients the server
     * went away without a word (a crash, a lost network), while it goes on running.
     */
    public void down() {
        down = true;
        cut();
    }

    /** Connections pass again, after {@link #down()}. */
    public void up() {
        down = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server, "proxy-up", true);
                pipe(server, client, "proxy-down", false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}: one thread reads all the time (so that what a client sends while paused is
     * seen, not left unread behind the first chunk), another passes the chunks on in order whenever the gate is open.
     */
    private void pipe(Socket from, Socket to, String name, boolean fromClient) {
        BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        byte[] end = new byte[0];
        Thread reading = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = from.getInputStream()) {
                        for (int read; (read = in.read(buffer)) >= 0; ) {
                            byte[] chunk = Arrays.copyOf(buffer, read);
                            synchronized (gate) {
                                if (pausedUp && fromClient) {
                                    heldFromClients.append(new String(chunk, StandardCharsets.UTF_8));
                                }
                            }
                            chunks.add(chunk);
                        }
                    } catch (IOException e) {
                        // cut, or the other side closed
                    } finally {
                        chunks.add(end);
                    }
                },
                name + "-read");
        Thread writing = new Thread(
                () -> {
                    try (OutputStream out = to.getOutputStream()) {
                        for (byte[] chunk; (chunk = chunks.take()) != end; ) {
                            awaitOpenGate(fromClient);
                            out.write(chunk);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // cut, or the other side closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                name + "-write");
        reading.setDaemon(true);
        writing.setDaemon(true);
        reading.start();
        writing.start();
    }

    private void awaitOpenGate(boolean fromClient) throws InterruptedException {
        synchronized (gate) {
            while (fromClient ? pausedUp : pausedDown) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down = false;
        resume();
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
