package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which refusals of a command the terminal client waits out and sends again, against a scripted server that answers
 * on cue what a cluster node answers only in a race: a 503 {@code in-doubt} (the change may have been done) is said
 * and never sent again, and a 503 {@code unavailable} that goes on is given up as a command refused for its pace is.
 */
class HeldCommandClientTest {
    private static final String IN_DOUBT = "요청을 처리하는 중에 클러스터 저장소와의 연결이 끊어져, 처리되었는지 아직 알 수 없습니다";

    private ServerSocket listening;
    /** The start line of every request the client sent, in order. */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(this::answerOneClient, "scripted-server");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stop() throws IOException {
        listening.close();
    }

    private ClientRun client() {
        ClientRun client =
                ClientRun.start(new ClientConfig("유저1", "127.0.0.1", listening.getLocalPort(), null, Locale.KOREAN));
        client.awaitLine("유저1 접속 완료");
        return client;
    }

    @Test
    void aCommandAnsweredInDoubtIsSaidAndNotSentAgain() {
        try (ClientRun client = client()) {
            client.type("/주제 기말고사 스터디");

            client.awaitLine(IN_DOUBT);
            client.type("/종료");
            assertThat(client.awaitExit()).isZero();
            assertThat(requests).filteredOn(line -> line.startsWith("TOPIC ")).hasSize(1);
            assertThat(client.lines()).noneMatch(line -> line.contains("다시 보냅니다"));
        }
    }

    @Test
    void aCommandRefusedAsReadOnlySixTimesInARowIsGivenUpAndTheExitStatusSaysSo() {
        try (ClientRun client = client()) {
            client.type("/자리비움 점심");
            client.type("/종료");

            // Five waits of a second: longer than a line is awaited for, within the wait for the exit.
            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.lines()).contains("명령이 6번 연달아 거절되어 보내지 않았습니다. 잠시 뒤에 다시 입력하십시오: /자리비움 점심");
            assertThat(client.lines())
                    .filteredOn(line -> line.startsWith("지금은 채팅방이 읽기 전용이어서 "))
                    .as("the wait said once, not at each of the five resends")
                    .containsExactly("지금은 채팅방이 읽기 전용이어서 1초 뒤에 다시 보냅니다 (5번까지): /자리비움 점심");
            assertThat(requests).filteredOn(line -> line.startsWith("AWAY ")).hasSize(6);
        }
    }

    /**
     * The list of rooms the client asks for when connecting (for Tab) is not a command: refused while the rooms are
     * read-only, it is neither waited for (holding the command typed next for the seconds the refusal says) nor said.
     */
    @Test
    void theRoomListAskedForOnConnectingIsNotWaitedForWhenRefused() {
        try (ClientRun client = client()) {
            client.type("/주제 기말고사 스터디");

            client.awaitLine(IN_DOUBT); // within a line's wait, not after LIST's 30 seconds
            client.type("/종료");
            assertThat(client.awaitExit()).isZero();
            assertThat(requests).filteredOn(line -> line.startsWith("LIST ")).hasSize(1);
            assertThat(client.lines()).noneMatch(line -> line.contains("다시 보냅니다"));
        }
    }

    /**
     * One client's connection: CONNECT is welcomed into the lobby, TOPIC answered {@code in-doubt}, AWAY
     * {@code unavailable} with {@code Retry-After: 1} every time and LIST with {@code Retry-After: 30}, anything else
     * 200; LEAVE's answer ends it.
     */
    private void answerOneClient() {
        try (Socket socket = listening.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String start = line(in);
                if (start == null) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.put(
                            header.substring(0, colon),
                            header.substring(colon + 1).strip());
                }
                in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
                requests.add(start);
                String id = headers.getOrDefault("Request-Id", "");
                String method = start.split(" ", 2)[0];
                switch (method) {
                    case "CONNECT" -> answer(
                            out,
                            "200 OK",
                            id,
                            "유저1 접속 완료",
                            "Name: 유저1",
                            "Role: member",
                            "Room: lobby",
                            "Room-Role: member",
                            "Members: 1",
                            "Capacity: 5",
                            "Seq: 0",
                            "History: 0");
                    case "TOPIC" -> answer(out, "503 Service Unavailable", id, IN_DOUBT, "Error-Code: in-doubt");
                    case "AWAY" -> answer(
                            out,
                            "503 Service Unavailable",
                            id,
                            "지금은 채팅방이 읽기 전용입니다",
                            "Error-Code: unavailable",
                            "Retry-After: 1");
                    case "LIST" -> answer(
                            out,
                            "503 Service Unavailable",
                            id,
                            "지금은 채팅방이 읽기 전용입니다",
                            "Error-Code: unavailable",
                            "Retry-After: 30");
                    default -> answer(out, "200 OK", id, "");
                }
                if (method.equals("LEAVE")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the test is over
        }
    }

    private static void answer(OutputStream out, String status, String id, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder answer = new StringBuilder("OCP/1.0 ").append(status).append("\r\n");
        if (!id.isEmpty()) {
            answer.append("Request-Id: ").append(id).append("\r\n");
        }
        for (String header : headers) {
            answer.append(header).append("\r\n");
        }
        if (bytes.length > 0) {
            answer.append("Content-Type: text/plain; charset=utf-8\r\n");
        }
        answer.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        out.write(answer.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
