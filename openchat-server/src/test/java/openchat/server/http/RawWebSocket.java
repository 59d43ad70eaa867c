package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client written by hand, to see exactly what the server puts on the wire: every frame, in order, and
 * how the TCP connection ends. Sends what it is told, even what breaks RFC 6455; masks every frame as a client must.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    private static final byte[] MASK = {0x1b, 0x2c, 0x3d, 0x4e};

    /** One frame the server sent. */
    record Frame(int opcode, byte[] payload) {
        /** A Close frame's status code. */
        int closeCode() {
            assertThat(opcode).as("a Close frame").isEqualTo(CLOSE);
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        /** A Close frame's reason. */
        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Opens {@code /ws} on {@code port} with {@code subprotocol}, and reads the 101. */
    RawWebSocket(int port, String subprotocol) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead();
        assertThat(head).as("the handshake's answer").startsWith("HTTP/1.1 101 ");
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one frame: {@code fin} false for a fragment that more follow. */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        sendRepeated(1, opcode, fin, payload);
    }

    /** Sends the same frame {@code times} over, in one write, as a client that floods does. */
    void sendRepeated(int times, int opcode, boolean fin, byte[] payload) throws IOException {
        byte[] frame = frame(opcode, fin, payload);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            frames.writeBytes(frame);
        }
        out.write(frames.toByteArray());
        out.flush();
    }

    /** Writes {@code bytes} as they are: a part of a frame, say. */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One frame as a client puts it on the wire, masked. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        frame.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ MASK[i % 4]);
        }
        return frame.toByteArray();
    }

    void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame the server sent; fails on the end of the stream. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        assertThat(second & 0x80).as("a server's frames are not masked").isZero();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The next frame with {@code opcode}, skipping the others. */
    Frame nextOf(int opcode) throws IOException {
        while (true) {
            Frame frame = next();
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
    }

    /** The next frame that is not text (the chat's own messages), skipping those. */
    Frame nextNotText() throws IOException {
        while (true) {
            Frame frame = next();
            if (frame.opcode() != TEXT) {
                return frame;
            }
        }
    }

    /**
     * Asserts that the server sent nothing more and ended the TCP connection in order: a reset fails here too (it
     * throws), as it can make the client lose what the server sent before it.
     */
    void assertEndOfStream() throws IOException {
        assertThat(in.read()).as("nothing more, then the end of the stream").isEqualTo(-1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
