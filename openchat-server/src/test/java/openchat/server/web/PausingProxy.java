package openchat.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy in front of a server's HTTP port (the page and its WebSocket) that can stop passing bytes on, both ways,
 * as a server stopped with SIGSTOP seems to its clients (the bytes wait, nothing comes back), pass them on again, or
 * cut every connection. The terminal client's tests hold answers with the same proxy (openchat-client's tests).
 */
final class PausingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean paused;

    private PausingProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy on an ephemeral loopback port to {@code port} on loopback. */
    static PausingProxy to(int port) throws IOException {
        return new PausingProxy(port);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Nothing passes from now on: what either side sends waits. */
    void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    /** What waited passes, in order, and so does everything after it. */
    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Closes every connection; what waited is lost. */
    void cut() {
        sockets.forEach(PausingProxy::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server, "proxy-up");
                pipe(server, client, "proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}: one thread reads all the time (so that what a client sends while paused is
     * seen, not left unread behind the first chunk), another passes the chunks on in order whenever the gate is open.
     */
    private void pipe(Socket from, Socket to, String name) {
        BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        byte[] end = new byte[0];
        Thread reading = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = from.getInputStream()) {
                        for (int read; (read = in.read(buffer)) >= 0; ) {
                            byte[] chunk = Arrays.copyOf(buffer, read);
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
                            awaitOpenGate();
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

    private void awaitOpenGate() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
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
        resume();
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
