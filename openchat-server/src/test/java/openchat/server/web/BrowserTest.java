package openchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import openchat.server.web.ChatPage.Line;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebElement;

/**
 * What the web client's browser tests share: the end-to-end setting (a real server, {@link TestServer}, its HTTP port
 * serving the page and {@code /ws}; a real headless Chromium per person, kept from test to test: {@link Chromium#borrow};
 * OCP {@link TestClient}s as terminal users) and the helpers that read pages and terminals. Each test leaves a
 * screenshot in {@code target/screenshots/}. Without Chromium they are skipped, except on CI, where they fail. The tests
 * are in four classes ({@link WebChatBrowserTest}, {@link WebConnectionBrowserTest}, {@link WebModerationBrowserTest},
 * {@link RoomRegistrationBrowserTest}) so that the module's test JVMs share them.
 */
abstract class BrowserTest {
    static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

    @BeforeEach
    void chromiumIsInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void quitTheBrowsers() {
        Chromium.quitAll();
    }

    /** Where a line of the conversation on screen is, in CSS pixels from the top of the log's window. */
    static double lineTop(ChatPage page, String text) {
        return ((Number) page.driver()
                        .executeScript(
                                "const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')]"
                                        + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]);"
                                        + "return li.getBoundingClientRect().top"
                                        + " - document.getElementById('logs').getBoundingClientRect().top;",
                                text))
                .doubleValue();
    }

    /** The height of the log's window (the conversation on screen), in CSS pixels. */
    static double logsHeight(ChatPage page) {
        return ((Number) page.driver().executeScript("return document.getElementById('logs').clientHeight;"))
                .doubleValue();
    }

    /** How many pixels of an element, as the browser draws it, are dark (ink rather than background). */
    static long ink(WebElement element) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(element.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = (((rgb >> 16) & 0xff) * 3 + ((rgb >> 8) & 0xff) * 6 + (rgb & 0xff)) / 10;
                if (luminance < 160) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** The height in pixels of what {@code which} ("li": the line, or a selector) is for the line reading {@code text}. */
    static double lineHeight(ChatPage page, String text, String which) {
        return ((Number) page.driver()
                        .executeScript(
                                """
                                const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')].find(
                                    (l) => l.querySelector('.text')?.textContent === arguments[0]);
                                const el = arguments[1] === 'li' ? li : document.querySelector(arguments[1]);
                                return el.getBoundingClientRect().height;
                                """,
                                text,
                                which))
                .doubleValue();
    }

    /** The role label beside {@code name} in the member list on screen ("" when it has none, or only "me"). */
    static String roleLabel(ChatPage page, String name) {
        return (String) page.driver()
                .executeScript(
                        "const li = [...document.querySelectorAll('#member-list li')]"
                                + ".find((li) => li.dataset.name === arguments[0]);"
                                + " return li?.querySelector('.role:not(.me)')?.textContent ?? '';",
                        name);
    }

    /**
     * Types {@code command}, which is refused with {@code refusal} (by the page at once, or by the server), and finds it
     * in the message box again, selected: what is typed next replaces it.
     */
    static void refusedAndSelected(ChatPage page, String command, String refusal) {
        page.say(command);
        page.awaitText(refusal);
        assertThat(composerSelection(page))
                .as("the refused command, kept and selected")
                .isEqualTo(command);
    }

    /** The selected text of the message box (empty when nothing is selected). */
    static String composerSelection(ChatPage page) {
        return (String) page.driver()
                .executeScript("const box = document.getElementById('composer-input');"
                        + " return box.value.substring(box.selectionStart, box.selectionEnd);");
    }

    /**
     * The administrator, connected over OCP for this alone, puts 트롤 (on {@code page}) out for 도배 with {@code method}
     * (BAN, KILL) naming it in {@code field}; once the page says {@code told} and {@code witness} sees 트롤 leave for
     * that reason, it leaves at once, so that the page can take the administrator's name afterwards.
     */
    static void putOutTroll(
            TestServer server, String method, String field, ChatPage page, String told, TestClient witness) {
        try (TestClient admin = server.joined(Names.ADMINISTRATOR)) {
            assertThat(admin.request(OcpMessage.request(method, Targets.SERVER)
                                    .header(field, "트롤")
                                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                                    .body("도배")
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            page.awaitText(told);
            OcpMessage left = witness.nextMatching(m -> m.method().equals(Methods.LEFT));
            assertThat(left.header(HeaderNames.NAME)).contains("트롤");
            assertThat(left.header(HeaderNames.REASON)).contains(method.equals(Methods.BAN) ? "banned" : "killed");
            admin.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());
        }
    }

    /** {@code client} says {@code text} in {@code room}, answered: the Seq the room gave it. */
    static long said(TestClient client, String room, String text) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.SEND, Targets.room(room))
                .header(HeaderNames.REQUEST_ID, "said")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        return Long.parseLong(answer.header(HeaderNames.SEQ).orElseThrow());
    }

    /**
     * The administrator's BAN (with a Duration in seconds, or none) or KILL of {@code name}, with {@code reason}, taken.
     */
    static void putOut(TestClient admin, String method, String name, String seconds, String reason) {
        OcpMessage.Builder request = OcpMessage.request(method, Targets.SERVER)
                .header(method.equals(Methods.KILL) ? HeaderNames.NAME : HeaderNames.TARGET, name)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(reason);
        if (seconds != null) request.header(HeaderNames.DURATION, seconds);
        assertThat(admin.request(request.build()).statusCode()).isEqualTo(200);
    }

    /** The chat lines {@code terminal} hears until a LEFT (someone leaving its room). */
    static List<String> heardUntilLeft(TestClient terminal) {
        List<String> heard = new ArrayList<>();
        OcpMessage next;
        while (!(next = terminal.nextMatching(
                        m -> m.method().equals(Methods.MESSAGE) || m.method().equals(Methods.LEFT)))
                .method()
                .equals(Methods.LEFT)) {
            heard.add(next.bodyText());
        }
        return heard;
    }

    /** The other rooms as {@code page} lists them, once they are {@code wanted}: within a few seconds, nothing pressed. */
    static void awaitOtherRooms(ChatPage page, List<String> wanted) {
        await("the other rooms " + wanted + " without refreshing the list")
                .atMost(Duration.ofSeconds(8))
                .until(() -> page.roomList("other-rooms"), wanted::equals);
    }

    /**
     * The instant a page wrote as {@code text}, in the terminal's form ({@code 2026-12-07 01:00:25}) in {@code zone},
     * the reader's time zone.
     */
    static Instant shownAt(String text, ZoneId zone) {
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
    }

    /** A request of {@code client}'s with {@code text} as its body (a topic, an away message): the answer's status. */
    static int textRequest(TestClient client, String method, String target, String text) {
        return client.request(OcpMessage.request(method, target)
                        .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                        .body(text)
                        .build())
                .statusCode();
    }

    /**
     * A request of {@code client}'s with a {@code Request-Id}, a text body and {@code fields}, so that even a SEND or a
     * PRIVATE taken is answered: the answer's status, once the server has handled it.
     */
    static int answeredRequest(
            TestClient client, String method, String target, Map<String, String> fields, String text) {
        OcpMessage.Builder request = OcpMessage.request(method, target)
                .header(HeaderNames.REQUEST_ID, "1")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text);
        fields.forEach(request::header);
        return client.request(request.build()).statusCode();
    }

    /** A private message from {@code client} to {@code to}. */
    static void sendPrivate(TestClient client, String to, String text) {
        client.send(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                .header(HeaderNames.TO, to)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
    }

    /** The next chat line a test client gets, past the joins and leaves before it. */
    static OcpMessage chatLine(TestClient client) {
        return client.nextMatching(m -> m.method().equals(Methods.MESSAGE));
    }

    /** The rooms a page is in, as its room list shows them in order, once they satisfy the condition. */
    static List<String> roomNames(ChatPage page, java.util.function.Predicate<List<String>> wanted) {
        return page
                .awaitRoomList(
                        "room-list",
                        list -> wanted.test(
                                list.stream().map(row -> row.split(" ")[0]).toList()))
                .stream()
                .map(row -> row.split(" ")[0])
                .toList();
    }

    /** The chat lines of the conversation on screen, top to bottom. */
    static List<String> chatTexts(ChatPage page) {
        return page.lines(null).stream()
                .filter(line -> !line.notice())
                .map(Line::text)
                .toList();
    }

    /** When the server took an event ({@code Date}), to the millisecond, as a page's {@code <time>} holds it. */
    static Instant dateOf(OcpMessage event) {
        return java.time.OffsetDateTime.parse(event.header(HeaderNames.DATE).orElseThrow())
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS);
    }

    /** The last line of the conversation on screen. */
    static Line lastLine(ChatPage page) {
        List<Line> lines = page.lines(null);
        return lines.get(lines.size() - 1);
    }

    /** The seconds a status such as "연결이 끊어졌습니다. 4초 후에 다시 연결합니다…" announces, or -1. */
    static int secondsUntilRetry(String status) {
        Matcher seconds = Pattern.compile("(\\d+)초").matcher(status);
        return seconds.find() ? Integer.parseInt(seconds.group(1)) : -1;
    }
}
