package openchat.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import openchat.server.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person at the web client in a headless Chromium: what they type and click, and what the page shows them,
 * read the way they read it. Every wait is on a condition, never a sleep.
 */
final class ChatPage implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The lines of the conversation on screen (or of one room's log): chat lines and notices. */
    private static final String LINES_SCRIPT =
            """
            const log = arguments[0] === null
                ? document.querySelector('#logs ol.log:not([hidden])')
                : [...document.querySelectorAll('#logs ol.log')].find(
                    (l) => l.dataset.kind === 'room' && l.dataset.name.toLowerCase() === arguments[0].toLowerCase());
            if (!log) return [];
            return [...log.querySelectorAll('li.msg, li.notice')].map((li) => ({
              notice: li.classList.contains('notice'),
              from: li.querySelector('.from')?.textContent ?? '',
              text: li.querySelector('.text')?.textContent ?? '',
              history: li.classList.contains('history'),
              mark: li.querySelector('.mark')?.textContent ?? '',
              time: li.querySelector('time')?.textContent ?? '',
              failure: li.querySelector('.failure')?.textContent ?? '',
              classes: li.className,
            }));
            """;

    /** A line of a conversation as the page shows it. */
    record Line(
            boolean notice,
            String from,
            String text,
            boolean history,
            String mark,
            String time,
            String failure,
            String classes) {
        static Line of(Map<?, ?> js) {
            return new Line(
                    (Boolean) js.get("notice"),
                    (String) js.get("from"),
                    (String) js.get("text"),
                    (Boolean) js.get("history"),
                    (String) js.get("mark"),
                    (String) js.get("time"),
                    (String) js.get("failure"),
                    (String) js.get("classes"));
        }
    }

    /** A link in someone's text as the page shows it: its words, where it goes, how it opens, and its tooltip. */
    record Link(String text, String href, String target, String rel, String title) {
        static Link of(Map<?, ?> js) {
            return new Link(
                    (String) js.get("text"),
                    (String) js.get("href"),
                    (String) js.get("target"),
                    (String) js.get("rel"),
                    (String) js.get("title"));
        }
    }

    /** The links in an element (the line on screen whose text is arguments[1], or the element with id arguments[0]). */
    private static final String LINKS_SCRIPT =
            """
            const root = arguments[0] !== null
                ? document.getElementById(arguments[0])
                : [...document.querySelectorAll('#logs ol.log:not([hidden]) li')].find(
                    (li) => li.querySelector('.text')?.textContent === arguments[1]);
            if (!root) return null;
            return [...root.querySelectorAll('a')].map((a) => ({
              text: a.textContent,
              href: a.getAttribute('href'),
              target: a.getAttribute('target'),
              rel: a.getAttribute('rel'),
              title: a.getAttribute('title'),
            }));
            """;

    private final ChromeDriver driver;
    private final Chromium.Window window;
    private final Chromium.Language language;
    private final WebDriverWait wait;
    private String url;

    private ChatPage(ChromeDriver driver, Chromium.Window window, Chromium.Language language) {
        this.driver = driver;
        this.window = window;
        this.language = language;
        // The page draws its lists again whenever what they show changes: an element read in one poll may be gone
        // in the next step of the same poll, which is a reason to look again, not a failure.
        this.wait = new WebDriverWait(driver, WAIT);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** A browser of its own on the server's page. */
    static ChatPage open(TestServer server, Chromium.Window window, Chromium.Language language) {
        return open(server, "127.0.0.1", window, language);
    }

    /** A browser of its own on the server's page, opened by {@code host} (a name under {@code .test} is the server). */
    static ChatPage open(TestServer server, String host, Chromium.Window window, Chromium.Language language) {
        return open(host, server.httpPort(), window, language);
    }

    /** A browser of its own on the page served at {@code port} (a proxy's, in front of a server). */
    static ChatPage open(String host, int port, Chromium.Window window, Chromium.Language language) {
        String url = "http://" + host + ":" + port + "/";
        ChatPage page = new ChatPage(Chromium.borrow(window, language), window, language);
        page.url = url;
        page.driver.get(url);
        page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")));
        return page;
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Puts the browser in the time zone {@code zone} (an IANA name, as {@code Asia/Seoul}) and loads the page again in
     * it, so that the dates it writes are that reader's local time, not the machine's. {@link Chromium#giveBack} puts
     * the browser back in the machine's.
     */
    void inTimeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")));
    }

    /** Joins as {@code name} and waits until the lobby shows. */
    void join(String name) {
        join(name, null);
    }

    void join(String name, String adminKey) {
        submitLogin(name, adminKey);
        wait.withMessage(() -> name + " should have joined; the form says: " + loginError())
                .until(d -> element("chat").isDisplayed());
        awaitStatus(status -> status.equals(text("status.online")));
    }

    /**
     * Presses "reconnect now" if the page is waiting to try again, as an impatient user does rather than wait out
     * the seconds (in one step in the page, so never a button that has just hidden), then waits until it is online.
     */
    void reconnectNow() {
        driver.executeScript("const b = document.getElementById('reconnect-now'); if (!b.hidden) b.click();");
        awaitStatus(status -> status.equals(text("status.online")));
    }

    /**
     * Reloads the page (F5) and waits until it is in the chat again, connected: after a reload the tab goes back in
     * by itself.
     */
    void reload() {
        driver.navigate().refresh();
        awaitBackIn();
    }

    /** Goes to another page in the same tab, leaving the chat page. */
    void goElsewhere() {
        driver.get("about:blank");
    }

    /** Comes back to the chat page in the same tab (after {@link #goElsewhere}) and waits until it is back in. */
    void comeBack() {
        driver.get(url);
        awaitBackIn();
    }

    private void awaitBackIn() {
        wait.withMessage(() -> "back in the chat after loading the page again; the form says: " + loginError())
                .until(d -> element("chat").isDisplayed());
        awaitStatus(status -> status.equals(text("status.online")));
    }

    /** What the tab keeps for a reload (the page's sessionStorage), or null when it keeps nothing. */
    String savedSession() {
        return (String) driver.executeScript("return sessionStorage.getItem('openchat.session');");
    }

    /** Leaves the chat with the header's button and waits for the login form. */
    void leave() {
        element("leave").click();
        awaitLoginForm();
    }

    /** Waits until the login form shows. */
    void awaitLoginForm() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")));
    }

    /** Fills in the form and submits it, without waiting for the outcome. */
    void submitLogin(String name, String adminKey) {
        WebElement field = element("login-name");
        field.clear();
        field.sendKeys(name);
        if (adminKey != null) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
            element("login-key").clear();
            element("login-key").sendKeys(adminKey);
        }
        element("login-submit").click();
    }

    /** Chooses on the login form the room to enter first (the lobby unless changed). */
    void chooseRoom(String room) {
        WebElement field = element("login-room");
        field.clear();
        field.sendKeys(room);
    }

    /** Whether the header's items sit on one row: its first and last buttons at the same height. */
    boolean headerOnOneRow() {
        return element("toggle-rooms").getRect().getY()
                == element("toggle-members").getRect().getY();
    }

    /**
     * How many CSS pixels the page reaches past the window's width: 0 when it fits, and nothing can be scrolled
     * sideways or sits off the screen.
     */
    long sidewaysOverflow() {
        return (Long) driver.executeScript(
                "const page = document.documentElement; return page.scrollWidth - page.clientWidth;");
    }

    /** Whether the element shows all its text, none of it cut off, and lies within the window's width. */
    boolean wholeAndOnScreen(String id) {
        return (Boolean) driver.executeScript(
                "const e = document.getElementById(arguments[0]); const box = e.getBoundingClientRect();"
                        + "return e.scrollWidth <= e.clientWidth && box.left >= 0"
                        + " && box.right <= document.documentElement.clientWidth;",
                id);
    }

    /** The colour a line of the conversation on screen is written in, found by its text. */
    String colorOf(String text) {
        return (String) driver.executeScript(
                "const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')]"
                        + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]);"
                        + "return li ? getComputedStyle(li).color : null;",
                text);
    }

    /** The login form's error: empty when there is none. */
    String loginErrorNow() {
        return loginError();
    }

    /** Types into a field of the page, as a person does, key by key. */
    void type(String id, String text) {
        element(id).sendKeys(text);
    }

    /** The text of the login form's error, once there is one. */
    String awaitLoginError() {
        wait.withMessage("an error on the login form").until(d -> !loginError().isEmpty());
        return loginError();
    }

    private String loginError() {
        return element("login-error").getText();
    }

    /** The connection status in the header, once it satisfies the condition. */
    String awaitStatus(Predicate<String> wanted) {
        wait.withMessage(() -> "connection status, now: " + status()).until(d -> wanted.test(status()));
        return status();
    }

    /**
     * The bar over the message box about lines held back by flood control, once it satisfies the condition (empty
     * while it is hidden).
     */
    String awaitOutgoing(Predicate<String> wanted) {
        // The text that matched, read once: the bar changes as the lines go out, and a second read may be past it.
        return wait.withMessage(() -> "the bar about waiting lines, now: '" + outgoing() + "'")
                .until(d -> {
                    String now = outgoing();
                    return wanted.test(now) ? now : null;
                });
    }

    private String outgoing() {
        return element("outgoing").getText();
    }

    String status() {
        return element("conn-status").getText();
    }

    /** Who the header says this person is: "유저1 (나)". */
    String me() {
        return element("me").getText();
    }

    /** The name the login form offers next time (kept in the browser's local storage). */
    String savedName() {
        return (String) driver.executeScript("return localStorage.getItem('openchat.name');");
    }

    /** The key the page keeps in the browser for {@code room} (its local storage), or null when it keeps none. */
    String keptRoomKey(String room) {
        return (String) driver.executeScript(
                "return localStorage.getItem('openchat.roomKey:' + arguments[0].normalize('NFC').toLowerCase());",
                room);
    }

    /** The name the page kept {@code room}'s key under (its local storage), or null. */
    String roomKeyKeeper(String room) {
        return (String) driver.executeScript(
                "return localStorage.getItem('openchat.roomKeyBy:' + arguments[0].normalize('NFC').toLowerCase());",
                room);
    }

    /** Puts {@code key} in the browser's local storage as the page keeps one for {@code room}. */
    void keepRoomKey(String room, String key) {
        driver.executeScript(
                "localStorage.setItem('openchat.roomKey:' + arguments[0].normalize('NFC').toLowerCase(), arguments[1]);",
                room,
                key);
    }

    /**
     * Puts {@code key} in the browser's local storage as the page keeps one for {@code room}, kept under the name
     * {@code keeper}: as another tab of this browser, where {@code keeper} registered the room, keeps it.
     */
    void keepRoomKey(String room, String key, String keeper) {
        keepRoomKey(room, key);
        driver.executeScript(
                "localStorage.setItem('openchat.roomKeyBy:' + arguments[0].normalize('NFC').toLowerCase(), arguments[1]);",
                room,
                keeper);
    }

    /** The rooms a list of the side panel ({@code room-list} or {@code other-rooms}) marks as registered. */
    List<String> registeredRooms(String id) {
        return strings(
                "return [...document.getElementById(arguments[0]).querySelectorAll('li[data-registered=\"true\"]')]"
                        + ".filter((li) => li.querySelector('.registered-mark')).map((li) => li.dataset.room);",
                id);
    }

    /** The strings a script of the page returns, read in one step. */
    private List<String> strings(String script, Object... args) {
        List<?> rows = (List<?>) driver.executeScript(script, args);
        return rows.stream().map(String.class::cast).toList();
    }

    /** The mark beside the room's name in the conversation's head: its text while shown, else empty. */
    String roomHeadMark() {
        WebElement mark = element("conv-registered");
        return mark.isDisplayed() ? mark.getText() : "";
    }

    /** Waits until the mark beside the room's name satisfies the condition (empty while hidden). */
    void awaitRoomHeadMark(Predicate<String> wanted) {
        wait.withMessage(() -> "the registered mark in the room's head, now: '" + roomHeadMark() + "'")
                .until(d -> wanted.test(roomHeadMark()));
    }

    /** The rows of the last table in the conversation on screen (its header row first), once there is one. */
    List<List<String>> lastTable() {
        List<?> rows = wait.withMessage(() -> "a table on screen; the lines: " + lines(null))
                .until(d -> (List<?>) driver.executeScript(
                        "const tables = document.querySelectorAll('#logs ol.log:not([hidden]) li.notice table');"
                                + "if (!tables.length) return null;"
                                + "return [...tables[tables.length - 1].rows].map((tr) =>"
                                + " [...tr.cells].map((cell) => cell.textContent));"));
        return rows.stream()
                .map(row -> ((List<?>) row).stream().map(String.class::cast).toList())
                .toList();
    }

    /** What the message box holds. */
    String composerText() {
        return element("composer-input").getDomProperty("value");
    }

    /** The room key the conversation on screen shows last (a registration's answer), once it shows one. */
    String shownRoomKey() {
        return wait.withMessage(() -> "a room key on screen; the lines: " + lines(null))
                .until(d -> (String) driver.executeScript(
                        "const keys = document.querySelectorAll('#logs ol.log:not([hidden]) li.notice .room-key');"
                                + "return keys.length ? keys[keys.length - 1].textContent : null;"));
    }

    /** Clicks the copy button beside the room key shown last on screen. */
    void copyRoomKey() {
        driver.executeScript("const buttons = document.querySelectorAll('#logs ol.log:not([hidden]) .copy-key');"
                + "buttons[buttons.length - 1].click();");
    }

    /** The text of the copy button beside the room key shown last on screen, once it satisfies the condition. */
    String awaitCopyButton(Predicate<String> wanted) {
        wait.withMessage(() -> "the copy button, now: " + copyButtonText()).until(d -> wanted.test(copyButtonText()));
        return copyButtonText();
    }

    private String copyButtonText() {
        return (String) driver.executeScript(
                "const buttons = document.querySelectorAll('#logs ol.log:not([hidden]) .copy-key');"
                        + "return buttons.length ? buttons[buttons.length - 1].textContent : '';");
    }

    /** Lets the page write and read the clipboard without asking, as a person who allowed it once. */
    void allowClipboard() {
        driver.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of(
                        "origin",
                        url.replaceAll("/$", ""),
                        "permissions",
                        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** What the clipboard holds, read by the page. */
    String clipboard() {
        return (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, (e) => done('(unreadable: ' + e + ')'));");
    }

    /** Types a line into the message box and presses Enter. */
    void say(String text) {
        WebElement input = element("composer-input");
        wait.until(d -> input.isEnabled());
        input.sendKeys(text + Keys.ENTER);
    }

    /** Waits until the conversation on screen shows a chat line from {@code from} reading {@code text}. */
    Line awaitMessage(String from, String text) {
        return awaitLine(
                null, l -> !l.notice() && l.from().equals(from) && l.text().equals(text), from + ": " + text);
    }

    /** Waits until the conversation on screen shows a line (chat or notice) whose text is {@code text}. */
    Line awaitText(String text) {
        return awaitLine(null, l -> l.text().equals(text), text);
    }

    /** Waits for a line in one room's log, whether on screen or not. */
    Line awaitLine(String room, Predicate<Line> wanted, String what) {
        wait.withMessage(() -> "a line " + what + " in " + (room == null ? "the conversation on screen" : room)
                        + "; the lines: " + lines(room))
                .until(d -> lines(room).stream().anyMatch(wanted));
        return lines(room).stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Waits until {@code text} is on screen {@code times} times: a usage line shown again, say. */
    void awaitTextTimes(String text, int times) {
        wait.withMessage(() -> "'" + text + "' " + times + " times on screen; the lines: " + lines(null))
                .until(d ->
                        lines(null).stream().filter(l -> l.text().equals(text)).count() == times);
    }

    /** The lines of the conversation on screen, or of one room ({@code room} not null). */
    List<Line> lines(String room) {
        List<?> rows = (List<?>) driver.executeScript(LINES_SCRIPT, room);
        return rows.stream().map(row -> Line.of((Map<?, ?>) row)).toList();
    }

    /** The time (ISO 8601) a line on screen whose text is {@code text} is stamped with, from its {@code <time>}. */
    String timeOf(String text) {
        return (String) driver.executeScript(
                """
                const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')].find(
                    (l) => l.querySelector('.text')?.textContent === arguments[0]);
                return li?.querySelector('time')?.getAttribute('datetime') ?? null;
                """,
                text);
    }

    /** The links in the line on screen whose text is {@code text}, once it is there. */
    List<Link> linksInLine(String text) {
        return links(null, text);
    }

    /** The links in the element with id {@code id}: the conversation's topic, say. */
    List<Link> linksIn(String id) {
        return links(id, null);
    }

    private List<Link> links(String id, String text) {
        List<?> rows = wait.withMessage(() -> "a line '" + text + "' on screen; the lines: " + lines(null))
                .until(d -> (List<?>) driver.executeScript(LINKS_SCRIPT, id, text));
        return rows.stream().map(row -> Link.of((Map<?, ?>) row)).toList();
    }

    /**
     * The words of the line on screen whose text is {@code text} as they are laid out (innerText): a line break in
     * the text is one on screen only when the page keeps it.
     */
    String shownText(String text) {
        return (String) driver.executeScript(
                "const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')]"
                        + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]);"
                        + "return li.querySelector('.text').innerText;",
                text);
    }

    /** The message box's height on screen, in CSS pixels. */
    long composerHeight() {
        return (Long) driver.executeScript("return document.getElementById('composer-input').offsetHeight;");
    }

    /** Puts {@code text} into the message box as a paste does (at the caret, with an input event), not key by key. */
    void paste(String text) {
        driver.executeScript(
                "const box = document.getElementById('composer-input'); box.focus();"
                        + "document.execCommand('insertText', false, arguments[0]);",
                text);
    }

    /**
     * Whether the line on screen whose text is {@code text} shows it as one plain string: no element in its words,
     * no link, nothing cut in pieces.
     */
    boolean lineIsPlainText(String text) {
        return (Boolean) driver.executeScript(
                "const li = [...document.querySelectorAll('#logs ol.log:not([hidden]) li')]"
                        + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]);"
                        + "const nodes = [...li.querySelector('.text').childNodes];"
                        + "return nodes.length === 1 && nodes[0].nodeType === Node.TEXT_NODE;",
                text);
    }

    /**
     * What the page's links.js makes of {@code text}: its pieces in order, text as it is and a link as
     * {@code [words](href)}.
     */
    List<String> linkified(String text) {
        List<?> parts = (List<?>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('./links.js').then((m) => done(m.linkify(arguments[0]).map((part) =>"
                        + " typeof part === 'string' ? part : `[${part.textContent}](${part.getAttribute('href')})`)));",
                text);
        return parts.stream().map(String.class::cast).toList();
    }

    /**
     * A list of rooms in the side panel ({@code room-list}: the rooms joined, {@code other-rooms}: the others) as
     * "name count" per room ("study 1/5명"), once it satisfies the condition.
     */
    List<String> awaitRoomList(String id, Predicate<List<String>> wanted) {
        wait.withMessage(() -> id + ", now: " + roomList(id)).until(d -> wanted.test(roomList(id)));
        return roomList(id);
    }

    /** A list of rooms read in one step in the page: it is drawn again whenever a LIST or an event changes it. */
    List<String> roomList(String id) {
        return strings(
                "return [...document.getElementById(arguments[0]).querySelectorAll('li[data-room]')].map((li) =>"
                        + " li.dataset.room + ' ' + (li.querySelector('.count')?.textContent ?? ''));",
                id);
    }

    /** Creates or joins a room with the form in the room panel. */
    void joinRoom(String room) {
        WebElement field = element("join-room");
        field.sendKeys(room + Keys.ENTER);
        awaitTitle(room);
    }

    /** Switches to a room this person is in, from the room list. */
    void openRoom(String room) {
        clickRoom("room-list", room);
    }

    /**
     * The text of the room list's entry for a room this person is not in ("다른 방"), after a refresh. Read in the
     * step that finds it: the list is drawn again when the refresh's answer comes, so an entry found may be gone by
     * the next call.
     */
    String otherRoomText(String room) {
        element("rooms-refresh").click();
        return wait.withMessage("room " + room + " among the other rooms")
                .until(d ->
                        roomButton("other-rooms", room).map(WebElement::getText).orElse(null));
    }

    /** Joins a room this person is not in by its entry among the other rooms. */
    void joinOtherRoom(String room) {
        clickRoom("other-rooms", room);
    }

    /** Clicks a room's entry in one of the room lists, found and clicked in one step, and waits for the room. */
    private void clickRoom(String list, String room) {
        wait.withMessage("room " + room + " in " + list).until(d -> roomButton(list, room)
                .map(button -> {
                    button.click();
                    return true;
                })
                .orElse(false));
        awaitTitle(room);
    }

    void awaitTitle(String title) {
        wait.withMessage(() -> "conversation " + title + ", on screen: "
                        + element("conv-title").getText())
                .until(d -> element("conv-title").getText().equals(title));
    }

    /** The unread count on a joined room's entry, once it is {@code count}. */
    void awaitUnread(String list, String name, int count) {
        wait.withMessage(() -> count + " unread on " + name + " in " + list)
                .until(d -> unread(list, name).equals(count == 0 ? "" : String.valueOf(count)));
    }

    private String unread(String list, String name) {
        return entry(list, name)
                .map(li -> li.findElements(By.cssSelector(".unread")).stream()
                        .map(e -> e.getDomProperty("textContent"))
                        .findFirst()
                        .orElse(""))
                .orElse("(no entry)");
    }

    private Optional<WebElement> roomButton(String list, String room) {
        return entry(list, room).map(li -> li.findElement(By.tagName("button")));
    }

    /** An entry of a list in the side panel, by the room or person it names. */
    Optional<WebElement> entry(String list, String name) {
        return element(list).findElements(By.tagName("li")).stream()
                .filter(li -> name.equals(li.getDomAttribute("data-room"))
                        || name.equals(li.getDomAttribute("data-peer"))
                        || name.equals(li.getDomAttribute("data-name")))
                .findFirst();
    }

    /**
     * The member list: "name role" for each member ("name role away" for one marked away), in the order they
     * joined, once it satisfies the condition.
     */
    List<String> awaitMembers(Predicate<List<String>> wanted) {
        wait.withMessage(() -> "the member list, now: " + members()).until(d -> wanted.test(members()));
        return members();
    }

    /**
     * Read in one step in the page: the list is drawn again whenever a member comes, goes or changes, so that an entry
     * read one by one may be gone by the next.
     */
    private List<String> members() {
        List<?> rows = (List<?>)
                driver.executeScript(
                        "return [...document.querySelectorAll('#member-list li')].map((li) =>"
                                + " li.dataset.name + ' ' + li.dataset.role + (li.classList.contains('away') ? ' away' : ''));");
        return rows.stream().map(String.class::cast).toList();
    }

    /** Opens the private conversation with {@code name} from the list of private conversations. */
    void openPrivate(String name) {
        untilDone("the private conversation with " + name + " opened", () -> entry("dm-list", name)
                .orElseThrow()
                .findElement(By.tagName("button"))
                .click());
    }

    /** Clicks a member in the member list: a private conversation with them opens. */
    void whisperTo(String name) {
        untilDone(
                name + " clicked in the member list",
                () -> member(name).findElement(By.cssSelector("button.member")).click());
        awaitTitle(text("conv.privateWith", name));
    }

    /** The button on an invitation's line in the conversation on screen, once there is one. */
    WebElement invitationButton() {
        return wait.withMessage("an invitation's button on screen")
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#logs ol.log:not([hidden]) li.notice button.invite-join")));
    }

    /**
     * How many chat lines of the conversation on screen offer a delete button: to the room's owner or the
     * administrator, every line the room numbered, the button shown on the line's hover or its focus; to anyone else,
     * none.
     */
    long deleteButtonsOffered() {
        return (Long) driver.executeScript(
                "return [...document.querySelectorAll('#logs ol.log:not([hidden]) li.msg .delete-line')]"
                        + ".filter((b) => getComputedStyle(b).display !== 'none').length;");
    }

    /**
     * Deletes the chat line on screen whose text is {@code text} with its delete button, as a person with a mouse
     * does: pointing at the line shows the button, the first click asks, the second deletes. The button's words
     * while it asked.
     */
    String deleteWithButton(String text) {
        WebElement line = chatLine(text);
        new Actions(driver).moveToElement(line).perform();
        WebElement button = line.findElement(By.cssSelector(".delete-line"));
        wait.withMessage("the delete button shown on pointing at the line")
                .until(d -> "1".equals(button.getCssValue("opacity")));
        button.click();
        wait.withMessage("the delete button asking")
                .until(d -> button.getDomAttribute("class").contains("armed"));
        String asked = button.getText();
        button.click();
        return asked;
    }

    /** The chat line on screen whose text is {@code text}, once there is one. */
    private WebElement chatLine(String text) {
        return wait.withMessage(() -> "a chat line '" + text + "' on screen; the lines: " + lines(null))
                .until(d -> (WebElement) driver.executeScript(
                        "return [...document.querySelectorAll('#logs ol.log:not([hidden]) li.msg')]"
                                + ".find((l) => l.querySelector('.text')?.textContent === arguments[0]) ?? null;",
                        text));
    }

    /**
     * Keeps what the page sends on its chat connection from now on, each WebSocket frame's text, for {@link #sent}:
     * what a command put in its request.
     */
    void recordSent() {
        driver.executeScript("window.sentFrames = [];"
                + "const send = WebSocket.prototype.send;"
                + "WebSocket.prototype.send = function (data) { window.sentFrames.push(String(data));"
                + " return send.call(this, data); };");
    }

    /** The frames the page sent since {@link #recordSent} whose first line starts with {@code start}. */
    List<String> sent(String start) {
        return strings("return (window.sentFrames ?? []).filter((f) => f.startsWith(arguments[0]));", start);
    }

    /** Kicks from the member list: the first click asks, the second kicks. */
    void kick(String name) {
        clickKick(name);
        wait.withMessage(() -> "the kick button of " + name + " asking")
                .until(d -> kickButton(name).getAttribute("class").contains("armed"));
        clickKick(name);
    }

    /** One click on a member's kick button. */
    void clickKick(String name) {
        untilDone(name + "'s kick button clicked", () -> kickButton(name).click());
    }

    /** The text of a member's kick button. */
    String kickButtonText(String name) {
        return wait.withMessage(() -> name + "'s kick button")
                .until(d -> kickButton(name).getText());
    }

    private WebElement kickButton(String name) {
        return member(name).findElement(By.cssSelector("button.kick"));
    }

    /**
     * Does {@code action} on an element it finds afresh each time, again while the list it is in is drawn anew under
     * it (a stale element: the action did not happen).
     */
    private void untilDone(String what, Runnable action) {
        wait.withMessage(what).until(d -> {
            action.run();
            return true;
        });
    }

    private WebElement member(String name) {
        wait.withMessage(() -> name + " in the member list " + members())
                .until(d -> entry("member-list", name).isPresent());
        return entry("member-list", name).orElseThrow();
    }

    /** The phone layout's panel buttons in the header. */
    void togglePanel(String id) {
        element(id).click();
    }

    /** Whether the message box has the keyboard focus. */
    boolean composerHasFocus() {
        return "composer-input".equals(driver.switchTo().activeElement().getDomAttribute("id"));
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    /** A string of the page's own (i18n.js), in the page's language: what the page shows for that key. */
    String text(String key, Object... args) {
        return (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('./i18n.js').then((m) => done(m.t(arguments[0], ...arguments[1])));",
                key,
                List.of(args));
    }

    /** What the page's refusals.js says of an answer with {@code status} and {@code headers}, to a request of kind {@code what}. */
    String refusalText(int status, Map<String, String> headers, String what) {
        return (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const fields = arguments[1];"
                        + "const headers = { get: (k) => fields[k] ?? null, has: (k) => k in fields,"
                        + " number: (k) => (k in fields ? Number(fields[k]) : null) };"
                        + "import('./refusals.js').then((m) => done(m.refusalText("
                        + "{ status: arguments[0], reason: '', body: '', headers }, arguments[2])));",
                status,
                headers,
                what);
    }

    /**
     * What the page's names.js makes of each name, as it words a refused one: {@code nameProblem}'s answer, a rule's
     * name or null.
     */
    List<?> nameProblems(List<String> names) {
        return (List<?>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('./names.js').then((m) => done(arguments[0].map(m.nameProblem)));",
                names);
    }

    /** The words names.js holds for oneself ({@code SELF_WORDS}). */
    List<?> selfWords() {
        return (List<?>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('./names.js').then((m) => done(m.SELF_WORDS));");
    }

    /** Saves what the window shows as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uncaught errors (exceptions and rejected promises) the page's scripts reported since the last call. */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught"))
                .toList();
    }

    /** Gives the browser back; a page whose scripts failed uncaught fails the test, whatever it showed. */
    @Override
    public void close() {
        try {
            List<String> errors = scriptErrors();
            if (!errors.isEmpty()) {
                throw new AssertionError("the page's scripts failed: " + errors);
            }
        } finally {
            Chromium.giveBack(driver, window, language);
        }
    }
}
