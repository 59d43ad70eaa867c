// The chat page: the login form, the rooms and private conversations, the member list, and the connection's
// life (reconnect with backoff, then rejoin every room asking only for what was missed: History-After).
// Everything a user or the server wrote reaches the page as text nodes (dom.js), never as HTML.

import { Connection, ConnectionError, serverUrl } from "./connection.js";
import { byId, h, replaceChildren } from "./dom.js";
import { chooseLanguage, lang, t, translatePage } from "./i18n.js";
import { IgnoredNames } from "./ignored.js";
import {
  displayText,
  isAction,
  isAnsweredQuery,
  messageLine,
  noticeLine,
  removeLine,
  secondsText,
  timeElement,
} from "./lines.js";
import { fold, isAdministratorName, keyOf, nameKey, ROOM_NAME } from "./names.js";
import { byteLength, parseTable, roomOf, roomTarget } from "./ocp.js";
import { OutgoingLines } from "./outgoing.js";
import { connectionErrorText, MAX_BODY_BYTES, openErrorText, refusalText } from "./refusals.js";
import { forgetRoomKey, keepRoomKey, keptBy, roomKeyFor, roomKeyOf, typedRoomKey } from "./roomkeys.js";
import {
  deleteReach,
  initView,
  isModerator,
  kickKey,
  render as draw,
  renderOutgoing,
  markReach,
  renderStatus,
  renderToggles,
} from "./view.js";

const LOBBY = "lobby";
/** Waits before each reconnect attempt; the last one repeats. Each is varied by ±20% so clients spread out. */
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000, 30000];
/**
 * The room list (LIST) is asked for again this often while its reader can see the other rooms and has used the page
 * within the last READER_THERE_MS, so that their counts, which no event brings (a page hears only of its own rooms), are
 * at most a few seconds old (trial 12: "ops 2/10" stayed while 4 were in); else every LIST_AWAY_REFRESH_MS, and not at
 * all while the tab is out of view. A cluster node reads the list from Redis, every room's hash: the fast pace is
 * for the readers there and looking, and a page left open is back to it within a second of being used or shown again.
 */
const LIST_REFRESH_MS = 5000;
const LIST_AWAY_REFRESH_MS = 60000;
const READER_THERE_MS = 120000;
const HISTORY_PAGE = 50;
/** The most messages one DELETE takes (CoreConfig.MAX_DELETED): a /delete that took as many may have left more. */
const MAX_DELETED = 200;
const SAVED_NAME = "openchat.name";
/** This tab's session (saveSession): what a reload brings back. */
const SESSION = "openchat.session";
/** A CONNECT's refusals that are about the room, not the name: another room may still be entered. */
const ROOM_REFUSALS = new Set([
  "room-full",
  "too-many-rooms",
  "too-many-rooms-from-address",
  "invalid-room",
  "room-banned",
]);

/** A room's messages or a private exchange with one person, with its own log element. */
class Conversation {
  constructor(kind, name) {
    this.kind = kind; // "room" or "private"
    this.name = name;
    this.key = keyOf(kind, name);
    this.unread = 0;
    this.seen = new Set(); // Seq of the messages shown, so that no replay shows one twice
    this.lastSeq = 0; // the largest Seq seen: History-After on a rejoin
    this.firstSeq = null; // the smallest message Seq shown: Before for earlier pages
    this.joined = false;
    this.parting = false; // Leave room was asked for while its lines were still waiting: it parts once they are sent
    this.members = []; // [{name, role, away}] in the order they joined (WHO); away: "" when not away
    this.memberCount = null;
    this.capacity = null;
    this.topic = "";
    this.registered = false; // the room has a key (a join's Registered, then REGISTER and UNREGISTER events)
    this.joinSeq = null; // the Seq of the last join's answer: an owner by presence deletes only the messages after it
    this.keyHeld = false; // owns the room by its key (entered, or registered it here): deletes any of its messages
    this.reachMarked = 0; // the deleteReach its lines are marked for (view.js)
    this.olderAnchor = null; // while a page of earlier messages arrives: the node it goes before
    this.joinLine = null; // the line saying it joined, which the history replayed on joining goes before
    this.nothingOlder = false; // known to have no message before the first one shown
    // Lines of one's own here whose connection closed before their answer (OutgoingLines' unconfirmed), each
    // {line, body, from, after}: a line of history that shows one was taken makes it the sent line (confirmedByHistory).
    this.unconfirmed = [];
    this.log = h("ol", {
      class: "log",
      role: "log",
      "aria-live": "polite",
      dataset: { kind, name },
      "aria-label": name,
      hidden: true,
    });
  }

  noteSeq(seq) {
    if (seq !== null && seq > this.lastSeq) this.lastSeq = seq;
  }

  /** A message with this Seq (null: none) is here, shown or not: no replay shows it again, and pages go around it. */
  sawMessage(seq) {
    if (seq === null) return;
    this.seen.add(seq);
    this.noteSeq(seq);
    if (this.firstSeq === null || seq < this.firstSeq) this.firstSeq = seq;
  }
}

const state = {
  // login, online, offline (waiting to reconnect), connecting, left, banned (never reconnects), stopped (the server
  // shut down: connects again only when asked)
  phase: "login",
  connection: null,
  name: null,
  adminKey: null,
  role: null,
  away: "", // the away message the server last took from this page: set again after a reconnect
  conversations: new Map(),
  joined: [], // keys of the rooms this member is in, in the order joined: rejoined in that order
  current: null,
  lastRoom: null, // the last room on screen: /who in a private conversation, and where closing one goes back to
  serverRooms: [], // the rows of the last LIST
  retries: 0,
  retryAt: 0,
  retryTimer: null,
  countdownTimer: null,
  // While put out (phase "banned"): the sentence that says by whom, until when and why, as the rooms' logs say it, which
  // the status shows (trial 12: it said only "disconnected" where the reason should be).
  putOutText: "",
  killed: false, // put out by the administrator's KILL rather than a ban (phase "banned" all the same)
  listTimer: null,
  listing: null, // the LIST on its way after rooms changed (roomsChanged), and whether to ask again after it
  armed: null, // the one action waiting for its confirming second click (secondClick)
  leaving: false, // Leave was asked for while lines were still waiting: it leaves once they are sent
  outgoing: null, // the lines on their way out (OutgoingLines)
  restoring: false, // after a reload, taking back the rooms the tab was in: the session is saved once that is done
  savedSession: null, // the session as last written (saveSession), so that drawing the page writes only a change
  motd: null, // the server's message of the day as last shown (onMotd)
  silent: false, // the connection's server has left an answer overdue (SILENCE_MS) and not been heard from since
  // The server said it stops (SHUTDOWN): "ordered" by the administrator, whose close is the end, not a drop; "signal"
  // when it stops on its own (its operator's, often a restart), whose close is a drop the page comes back from.
  shutDown: null,
  ignored: new IgnoredNames(), // /ignore: whose lines, private messages and invitations are not shown
  keysRefused: new Set(), // rooms (folded) whose kept key the server refused and the page forgot: said once joined
  edits: 0, // the reader's edits of the message box (input events), so that a refused command never replaces one
  listedAt: 0, // when the room list was last asked for (Date.now())
  usedAt: Date.now(), // when the reader last used the page: a key, a click, a touch, the mouse moved
};

const ui = {};

// ---------------------------------------------------------------------------------------------------------
// Start

function start() {
  for (const id of [
    "login",
    "login-form",
    "login-name",
    "login-room",
    "login-key-row",
    "login-key",
    "login-error",
    "login-submit",
    "login-lang",
    "chat",
    "topbar",
    "toggle-rooms",
    "conn-status",
    "reconnect-now",
    "me",
    "shutdown",
    "leave",
    "toggle-members",
    "sidebar",
    "room-list",
    "dm-section",
    "dm-list",
    "other-rooms",
    "rooms-refresh",
    "join-form",
    "join-room",
    "conv-title",
    "conv-registered",
    "conv-topic",
    "conv-action",
    "logs",
    "composer",
    "composer-input",
    "composer-count",
    "composer-send",
    "outgoing",
    "members-panel",
    "members-title",
    "member-list",
  ]) {
    ui[id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = byId(id);
  }
  translatePage(document);
  state.outgoing = new OutgoingLines({
    send: sendLine,
    answered: lineAnswered,
    // Given up by the page (drop), with its reason; else the connection is gone.
    notSent: (item, reason) => lineNotSent(item, typeof reason === "string" ? reason : t("send.notConnected")),
    unconfirmed: lineUnconfirmed,
    changed: outgoingChanged,
  });
  initView(state, ui, {
    open: switchTo,
    join: joinRoom,
    whisper: (name) => switchTo(conversation("private", name)),
    kickClicked,
  });

  ui.loginName.value = localStorage.getItem(SAVED_NAME) ?? "";
  // A reload (F5) of a tab that was in the chat: the same name, into the room it joined first.
  const session = savedSession();
  if (session) {
    ui.loginName.value = session.name;
    ui.loginRoom.value = session.rooms[0] ?? LOBBY;
  }
  // The other language, named in itself; chosen, the page loads again in it (a tab in the chat comes back in too).
  const other = lang === "ko" ? "en" : "ko";
  ui.loginLang.textContent = other === "ko" ? "한국어" : "English";
  ui.loginLang.lang = other;
  ui.loginLang.addEventListener("click", () => {
    chooseLanguage(other);
    location.reload();
  });
  ui.loginName.addEventListener("input", showKeyWhenAdministrator);
  // An error says what was wrong with what was typed: once that changes, it no longer holds.
  for (const field of [ui.loginName, ui.loginRoom, ui.loginKey]) field.addEventListener("input", () => loginError(""));
  showKeyWhenAdministrator();
  ui.loginForm.addEventListener("submit", (event) => {
    event.preventDefault();
    login();
  });

  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    submitComposer();
  });
  ui.composerInput.addEventListener("keydown", composerKey);
  ui.composerInput.addEventListener("input", () => {
    state.edits++;
    composerChanged();
  });
  ui.joinForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const room = ui.joinRoom.value.trim();
    if (room) {
      ui.joinRoom.value = "";
      joinRoom(room);
    }
  });
  ui.roomsRefresh.addEventListener("click", () => refreshRooms());
  ui.reconnectNow.addEventListener("click", () => reconnect());
  ui.leave.addEventListener("click", () => leave());
  ui.shutdown.addEventListener("click", () => shutdown());
  ui.convAction.addEventListener("click", () => conversationAction());
  ui.toggleRooms.addEventListener("click", () => togglePanel("rooms"));
  ui.toggleMembers.addEventListener("click", () => togglePanel("members"));
  ui.logs.addEventListener("click", () => {
    if (!window.getSelection()?.toString()) focusComposer();
  });
  document.addEventListener("keydown", typeIntoComposer);
  for (const type of ["keydown", "pointerdown", "pointermove", "wheel"]) {
    document.addEventListener(type, () => (state.usedAt = Date.now()), { capture: true, passive: true });
  }
  document.addEventListener("keydown", (event) => {
    const open = ui.chat.classList.contains("show-rooms") || ui.chat.classList.contains("show-members");
    if (event.key === "Escape" && open) closePanels();
  });
  window.addEventListener("online", () => {
    if (state.phase === "offline") reconnect();
  });
  // Closing the tab while lines wait to go out would lose them: the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    if (state.outgoing.count > 0) event.preventDefault();
  });
  window.addEventListener("pagehide", () => {
    if (state.phase === "online") state.connection.request("LEAVE", "/").catch(() => {});
  });
  // Back in at once after a reload, as chat pages are; the administrator's key is kept nowhere, so it is asked again.
  if (session && !isAdministratorName(session.name)) login();
  else if (session) ui.loginKey.focus();
  else ui.loginName.focus();
}

function showKeyWhenAdministrator() {
  ui.loginKeyRow.hidden = !isAdministratorName(ui.loginName.value.trim());
}

// ---------------------------------------------------------------------------------------------------------
// Joining, leaving, reconnecting

async function login() {
  loginError("");
  const name = ui.loginName.value.trim();
  const key = isAdministratorName(name) ? ui.loginKey.value.trim() : "";
  // The room to enter first: the lobby unless another is chosen (a full lobby need not keep anyone out).
  const room = ui.loginRoom.value.trim().replace(/^#/, "") || LOBBY;
  if (!name) return loginError(t("login.emptyName"));
  if (!ROOM_NAME.test(room)) return loginError(t("room.invalid", room));
  if (isAdministratorName(name) && !key) return loginError(t("login.adminNeedsKey"));
  // After a reload, under the same name: the rooms this tab was in too, in the order it joined them.
  const session = savedSession();
  const restoring = session && nameKey(session.name) === nameKey(name) ? session : null;
  const rooms = [room, ...(restoring?.rooms ?? [])].filter(
    (each, i, all) => all.findIndex((other) => keyOf("room", other) === keyOf("room", each)) === i,
  );
  const notRejoined = []; // [room, why]: the rooms of the session that could not be entered again
  ui.loginSubmit.disabled = true;
  ui.loginSubmit.textContent = t("login.connecting");
  // Whom the tab ignored, back before the first line of history arrives; nobody for a new session.
  state.ignored.replace(restoring?.ignored);
  try {
    let answer;
    for (const tried = new Set(); ; ) {
      const into = rooms[0];
      tried.add(keyOf("room", into));
      answer = await connectInto(into, { Name: name, "Admin-Key": key || null, "Accept-Language": lang });
      if (answer.status === 200) break;
      // A room of the session that cannot be entered now (full, the server's rooms full, its name refused by
      // today's rules) is given up and said once, and the next one tried: the lobby last.
      if (restoring && ROOM_REFUSALS.has(answer.headers.get("Error-Code"))) {
        const given = rooms.shift();
        notRejoined.push([given, refusalText(answer, "join", given)]);
        if (rooms.length === 0 && !tried.has(keyOf("room", LOBBY))) rooms.push(LOBBY);
        if (rooms.length > 0) continue;
      }
      const full = answer.status === 503 && answer.headers.has("Members");
      return loginError(
        full
          ? t("login.roomFull", into, answer.headers.get("Members"), answer.headers.get("Capacity") ?? "?")
          : refusalText(answer, "connect", name),
      );
    }
    localStorage.setItem(SAVED_NAME, name);
    state.name = answer.headers.get("Name") ?? name;
    state.adminKey = key || null;
    state.role = answer.headers.get("Role");
    state.away = "";
    state.phase = "online";
    ui.login.hidden = true;
    ui.chat.hidden = false;
    const first = roomJoined(answer, false);
    if (restoring) await restore(restoring, first, rooms.slice(1), notRejoined);
    else switchTo(first);
    refreshRooms();
    refreshRoomsOften();
  } catch (e) {
    loginError(await openErrorText(e));
  } finally {
    ui.loginSubmit.disabled = false;
    ui.loginSubmit.textContent = t("login.submit");
  }
}

/**
 * Opens a connection and CONNECTs into `room` with `fields`, showing the key typed for it (`typed`) or the one this
 * browser keeps for the room under the name connecting (withRoomKey); the answer. A refused CONNECT ends its connection (the server closes it
 * too), so the CONNECT without the key goes on a new one.
 */
async function connectInto(room, fields, typed = null) {
  const connect = async (roomKey) => {
    const connection = new Connection(serverUrl(location));
    listen(connection);
    await connection.open();
    const answer = await connection.request("CONNECT", roomTarget(room), { ...fields, "Room-Key": roomKey });
    if (answer.status !== 200) {
      state.connection = null;
      connection.close();
    }
    return answer;
  };
  return withRoomKey(room, connect, typed, fields.Name);
}

/**
 * Enters `room` (a CONNECT or JOIN that `ask(roomKey)` sends) showing the key this browser keeps for it when the name
 * entering (`name`: this page's) is the one that kept it (roomkeys.js), so that an owner who comes back owns the room
 * again, and no one else who signs in on this browser takes it; the answer (null when the connection is gone), whose
 * `roomKeyTaken` says whether it took a key. A kept key the server refuses (the room got a new key, or its
 * registration was dropped) is forgotten, and the room entered without it: a key never keeps anyone out. Said once the
 * room is entered (roomJoined). A key typed by hand (`typed`: /입장 ROOM KEY) is shown instead, and its refusal is the
 * answer: the person typed it, and may join without it.
 */
async function withRoomKey(room, ask, typed = null, name = state.name) {
  const roomKey = typed ?? roomKeyFor(room, name);
  const answer = await ask(roomKey);
  if (answer) answer.roomKeyTaken = Boolean(roomKey) && answer.status === 200;
  const refused = answer?.status === 403 && answer.headers.get("Error-Code") === "wrong-room-key";
  if (typed || !roomKey || !refused) return answer;
  forgetRoomKey(room);
  state.keysRefused.add(fold(room));
  return ask(null);
}

/**
 * After a reload: JOINs the session's other rooms in the order they were joined (each shows its history, as any
 * join does), opens its private conversations again (empty: the server keeps no private message), and shows the
 * conversation that was on screen. A room that cannot be entered now is said once, where the reader looks, and
 * left out of the session, so that the next reload does not try it again.
 */
async function restore(session, first, rooms, notRejoined) {
  state.restoring = true;
  try {
    switchTo(first);
    for (const name of rooms) {
      const answer = await withRoomKey(name, (roomKey) => request("JOIN", roomTarget(name), { "Room-Key": roomKey }));
      if (!answer) return; // the connection is gone: reconnecting takes back the rooms entered so far
      if (answer.status === 200) roomJoined(answer, false);
      else if (answer.status !== 409) notRejoined.push([name, refusalText(answer, "join", name)]);
    }
    for (const name of session.privates) conversation("private", name);
    const shown = session.current && state.conversations.get(keyOf(session.current.kind, session.current.name));
    if (shown && (shown.kind === "private" || shown.joined)) switchTo(shown);
    for (const [name, why] of notRejoined) notice(state.current, t("room.notRejoined", name, why), "error");
    // Away again, as after a dropped connection, and said: a reload is a new connection, back until told otherwise.
    if (session.away) await setAway(state.current ?? first, session.away);
  } finally {
    state.restoring = false;
    render();
  }
}

/**
 * Keeps in the tab's sessionStorage what a reload brings back: the name, the rooms in the order joined, the private
 * conversations, the conversation on screen, whom /ignore hides and the away message. sessionStorage is the tab's own, so two tabs may
 * be two people, and it goes with the tab. Leaving the chat forgets it (forgetSession).
 */
function saveSession() {
  const kept = ["online", "offline", "connecting", "banned", "stopped"];
  if (!state.name || state.restoring || !kept.includes(state.phase)) return;
  const text = JSON.stringify({
    name: state.name,
    rooms: state.joined.map((key) => state.conversations.get(key).name),
    privates: [...state.conversations.values()].filter((c) => c.kind === "private").map((c) => c.name),
    current: state.current && { kind: state.current.kind, name: state.current.name },
    ignored: state.ignored.names(),
    away: state.away,
  });
  if (text === state.savedSession) return;
  state.savedSession = text;
  try {
    sessionStorage.setItem(SESSION, text);
  } catch {
    // Storage off or full: a reload starts from the login form, as before.
  }
}

/** The session saveSession kept in this tab, or null. */
function savedSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION) ?? "null");
    if (typeof session?.name !== "string" || !Array.isArray(session.rooms)) return null;
    return {
      name: session.name,
      rooms: session.rooms.filter((room) => typeof room === "string" && ROOM_NAME.test(room)),
      privates: Array.isArray(session.privates) ? session.privates.filter((name) => typeof name === "string") : [],
      current: typeof session.current?.name === "string" ? session.current : null,
      ignored: Array.isArray(session.ignored) ? session.ignored : [],
      away: typeof session.away === "string" ? session.away : "",
    };
  } catch {
    return null;
  }
}

function forgetSession() {
  state.savedSession = null;
  try {
    sessionStorage.removeItem(SESSION);
  } catch {
    // Nothing kept.
  }
}

/** Draws the page from the state, and keeps what a reload needs (saveSession). */
function render() {
  draw();
  saveSession();
}

/**
 * The room list, asked for again while online and in view: every LIST_REFRESH_MS while the reader is there and the
 * other rooms are on screen (on a phone, while the rooms panel is open), else every LIST_AWAY_REFRESH_MS. Looked at
 * each second, so that a tab shown again, a reader back, or the panel opened, gets a true list within a second.
 */
function refreshRoomsOften() {
  clearInterval(state.listTimer);
  state.listTimer = setInterval(() => {
    if (state.phase !== "online" || document.hidden) return;
    const looking = Date.now() - state.usedAt < READER_THERE_MS && (ui.otherRooms.checkVisibility?.() ?? true);
    if (Date.now() - state.listedAt >= (looking ? LIST_REFRESH_MS : LIST_AWAY_REFRESH_MS)) refreshRooms();
  }, 1000);
}

function loginError(text) {
  ui.loginError.textContent = text;
}

/** Listens to a new connection; only the current one counts (an old one may still report its close). */
function listen(connection) {
  state.connection = connection;
  connection.addEventListener("event", (event) => {
    if (connection === state.connection) onServerEvent(event.detail);
  });
  connection.addEventListener("close", () => {
    if (connection === state.connection) onConnectionLost();
  });
  // An answer overdue: said in the status (and its end in the conversation, as the terminal client says both), while
  // the lines on their way stay pending, counted as sent once answered however late.
  state.silent = false;
  connection.addEventListener("silent", () => {
    if (connection !== state.connection) return;
    state.silent = true;
    renderStatus();
  });
  connection.addEventListener("heard", () => {
    if (connection !== state.connection || !state.silent) return;
    state.silent = false;
    renderStatus();
    notice(state.current, t("status.answersAgain"), "presence");
  });
}

function onConnectionLost() {
  if (state.phase !== "online") return; // a login or a reconnect attempt handles its own failure
  state.silent = false;
  if (state.shutDown === "ordered") {
    serverStopped();
    return;
  }
  state.phase = "offline";
  // Lines not sent yet cannot go on this connection: each is marked, none silently dropped.
  state.outgoing.dropAll();
  // After the server's own words that it stops, a line saying the connection was lost would only repeat them.
  if (!state.shutDown) for (const key of state.joined) notice(state.conversations.get(key), t("error.gone"), "error");
  state.shutDown = null;
  scheduleReconnect();
}

/**
 * The server closed the connection after saying the administrator stopped it (SHUTDOWN with By): the chat is over, not
 * the link lost. Its words stay the last line, the status says it has shut down, and the page does not try again on its
 * own, as the terminal client ends (trying would only fail until someone starts the server again); the status's
 * button connects again when the reader asks, as after a drop. A server stopped by its operator's signal (no By: a
 * restart, as often as not) is connected to again by itself, as after a drop (onConnectionLost).
 */
function serverStopped() {
  state.phase = "stopped";
  state.outgoing.dropAll(); // each marked on its own line: nothing comes under the server's words
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  render();
}

function scheduleReconnect() {
  state.phase = "offline";
  const base = BACKOFF_MS[Math.min(state.retries, BACKOFF_MS.length - 1)];
  const delay = Math.round(base * (0.8 + Math.random() * 0.4));
  state.retries++;
  state.retryAt = Date.now() + delay;
  clearTimeout(state.retryTimer);
  state.retryTimer = setTimeout(reconnect, delay);
  clearInterval(state.countdownTimer);
  state.countdownTimer = setInterval(renderStatus, 1000);
  render();
}

/**
 * Connects again with the same name and key, into the first room it was in, then JOINs the others, each
 * with History-After: the last Seq seen there, so the server replays exactly what was missed.
 */
async function reconnect(into = null, typedKey = null) {
  // Put out by a ban, the page connects again only when asked to (Join again, a room chosen): `into`. After the
  // server shut down, only when asked to as well (the status's button), as after a drop.
  const afterBan = state.phase === "banned" && into !== null;
  if (state.phase !== "offline" && state.phase !== "stopped" && !afterBan) return;
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  state.shutDown = null;
  state.phase = "connecting";
  render();
  const rooms = state.joined.map((key) => state.conversations.get(key));
  const first = into ?? rooms[0] ?? roomConversation(LOBBY);
  try {
    const answer = await connectInto(
      first.name,
      {
        Name: state.name,
        "Admin-Key": state.adminKey,
        "History-After": first.lastSeq > 0 ? first.lastSeq : null,
        "Accept-Language": lang,
      },
      typedKey,
    );
    if (answer.status !== 200) return afterBan ? stillBanned(answer) : reconnectRefused(first, answer);
    state.putOutText = "";
    state.killed = false;
    state.phase = "online";
    state.retries = 0;
    state.role = answer.headers.get("Role");
    roomJoined(answer, !afterBan);
    if (typedKey) keyTaken(first, answer, typedKey);
    if (afterBan) {
      switchTo(first);
      refreshRoomsOften();
    }
    for (const room of rooms.slice(1)) await rejoin(room);
    if (!state.current) switchTo(first);
    // A new connection is a new member, back until it says otherwise: away again, as before the drop.
    if (state.away) await setAway(state.current ?? first, state.away);
    refreshRooms();
    if (state.current?.kind === "room" && state.current.joined) requestWho(state.current);
    render();
  } catch (e) {
    if (state.phase === "connecting") scheduleReconnect();
    else if (!(e instanceof ConnectionError)) throw e;
  }
}

/**
 * Connecting again after a ban, refused: still banned (or refused for another reason), said where the reader is
 * looking; the page stays as it was, disconnected, until asked again. The status goes on saying the ban that put the
 * page out, with its end and reason; a page disconnected (not banned) and banned since says the ban's refusal there.
 */
function stillBanned(answer) {
  state.connection?.close();
  state.connection = null;
  state.phase = "banned";
  const said = refusalText(answer, "connect", state.name);
  if (state.killed && answer.headers.get("Error-Code") === "banned") {
    state.killed = false;
    state.putOutText = said;
  }
  notice(state.current, said, "error");
  render();
}

function reconnectRefused(room, answer) {
  switch (answer.status) {
    case 400:
    case 403:
      // The name or key no longer works on this server (or a ban keeps it out): back to the form, saying why.
      return backToLogin(refusalText(answer, "connect", state.name));
    case 503:
      if (answer.headers.has("Members")) {
        // That room is full now: give it up and get back in through the next one (or the lobby).
        dropRoom(room);
        notice(room, t("room.notRejoined", room.name, refusalText(answer, "join", room.name)), "error");
        state.phase = "offline";
        return reconnect();
      }
      return scheduleReconnect();
    case 409:
      // The name's holder answered the server's PING: another tab or device has it now (a silent old connection is
      // dropped while the CONNECT waits, and it is admitted). Trying again would be refused for as long as that one
      // stays: this page's connection is over, said so, with the form to connect again.
      // Or, while this page was away, someone took a name that looks like this one: who, said the same way.
      ui.loginName.value = state.name; // the name it had, renamed or not
      if (answer.headers.get("Error-Code") === "name-lookalike") {
        return backToLogin(refusalText(answer, "connect", state.name));
      }
      return backToLogin(t("login.nameTakenElsewhere"));
    default:
      // 408, 429: later.
      return scheduleReconnect();
  }
}

async function rejoin(room) {
  const answer = await withRoomKey(room.name, (roomKey) =>
    state.connection.request("JOIN", roomTarget(room.name), {
      "History-After": room.lastSeq > 0 ? room.lastSeq : null,
      "Room-Key": roomKey,
    }),
  );
  if (answer.status === 200 || answer.status === 409) {
    if (answer.status === 200) roomJoined(answer, true);
    return;
  }
  dropRoom(room);
  notice(room, t("room.notRejoined", room.name, refusalText(answer, "join", room.name)), "error");
}

function backToLogin(error) {
  state.phase = "left";
  state.leaving = false;
  state.shutDown = null;
  state.ignored.replace([]);
  state.outgoing.dropAll();
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  clearInterval(state.listTimer);
  state.connection?.close();
  state.connection = null;
  for (const each of state.conversations.values()) each.log.remove();
  state.conversations.clear();
  state.joined = [];
  state.current = null;
  state.lastRoom = null;
  state.retries = 0;
  ui.chat.hidden = true;
  ui.login.hidden = false;
  state.phase = "login";
  loginError(error ?? "");
  ui.loginName.focus();
}

/**
 * Leaves the chat. Lines still waiting to go out are sent first, as the terminal client's /quit does, however long
 * the server's allowance makes that take; asked again meanwhile, it leaves at once, without them.
 */
async function leave() {
  if (state.outgoing.count > 0 && !state.leaving && state.phase === "online") {
    state.leaving = true;
    notice(state.current, t("outgoing.leaving", state.outgoing.count), "");
    await state.outgoing.whenEmpty();
    if (!state.leaving) return; // left already, asked again
  }
  state.leaving = false;
  const connection = state.connection;
  state.phase = "left";
  if (connection) {
    try {
      await connection.request("LEAVE", "/");
    } catch {
      // Already gone: nothing to tell.
    }
  }
  forgetSession();
  state.motd = null; // whoever logs in next is shown it
  backToLogin("");
}

/**
 * How long an action armed by a first click (the shutdown button or /서버종료, a member's kick button, a line's delete
 * button) waits.
 */
const CONFIRM_MS = 5000;

/**
 * Actions that act at once on others are confirmed by a second click within CONFIRM_MS, not a blocking dialog:
 * true when `key`'s action was armed (it is disarmed now: do it); otherwise arms it, in place of any other armed
 * action, and false. `disarmed` runs when it is disarmed: confirmed, timed out, or replaced.
 */
function secondClick(key, disarmed) {
  const confirmed = state.armed?.key === key;
  disarm();
  if (!confirmed) state.armed = { key, disarmed, timer: setTimeout(disarm, CONFIRM_MS) };
  return confirmed;
}

function disarm() {
  const armed = state.armed;
  if (!armed) return;
  state.armed = null;
  clearTimeout(armed.timer);
  armed.disarmed();
}

/**
 * The administrator's /공지: every member connected, this page included, gets it as a NOTICE from the administrator
 * (shown by onNotice); here only a refusal is said.
 */
async function announce(where, text) {
  const answer = await request("ANNOUNCE", "/", { "Content-Type": "text/plain; charset=utf-8" }, text);
  if (answer && answer.status !== 200) notice(where, refusalText(answer, "command"), "error");
  return refusedAnswer(answer);
}

/**
 * The header's button, or /서버종료 [reason] typed twice: the reason (the second time's) is told to everyone. True when
 * refused.
 */
async function shutdown(reason = "") {
  if (!secondClick("shutdown", showShutdownButton)) {
    ui.shutdown.textContent = t("header.shutdownConfirm");
    ui.shutdown.classList.add("armed");
    return false;
  }
  const answer = await request("SHUTDOWN", "/", {}, reason);
  if (answer && answer.status !== 200) notice(state.current, refusalText(answer, "command"), "error");
  return refusedAnswer(answer);
}

function showShutdownButton() {
  ui.shutdown.textContent = t("header.shutdown");
  ui.shutdown.classList.remove("armed");
}

/** A request on the current connection; null (after saying so) when there is none. */
async function request(method, target, headers = {}, body = "") {
  try {
    if (state.phase !== "online") throw new ConnectionError("closed");
    return await state.connection.request(method, target, headers, body);
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    if (state.current) notice(state.current, t("send.notConnected"), "error");
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rooms

function roomConversation(name) {
  return conversation("room", name);
}

function conversation(kind, name) {
  const key = keyOf(kind, name);
  let found = state.conversations.get(key);
  if (!found) {
    found = new Conversation(kind, name);
    state.conversations.set(key, found);
    ui.logs.append(found.log);
  }
  return found;
}

/** Takes in the answer to a CONNECT or JOIN; the room's history follows it as MESSAGE events. */
function roomJoined(answer, again) {
  const headers = answer.headers;
  const room = roomConversation(headers.get("Room"));
  room.name = headers.get("Room");
  room.log.dataset.name = room.name;
  room.joined = true;
  room.memberCount = headers.number("Members");
  room.capacity = headers.number("Capacity");
  room.topic = headers.get("Topic") ?? "";
  room.registered = headers.get("Registered") === "true";
  room.noteSeq(headers.number("Seq"));
  room.joinSeq = headers.number("Seq");
  room.keyHeld = Boolean(answer.roomKeyTaken) && headers.get("Room-Role") === "owner";
  // A first join that replays nothing: the room has no stored message from before it.
  if (room.firstSeq === null && headers.number("History") === 0) room.nothingOlder = true;
  if (!state.joined.includes(room.key)) state.joined.push(room.key);
  const text = again
    ? t("room.rejoined", room.name)
    : t("room.joined", room.name, room.memberCount ?? "?", room.capacity ?? "?");
  // The replayed history that follows goes above this line, which thus ends what was said before joining.
  room.joinLine = notice(room, text, again ? "ok" : "");
  if (state.keysRefused.delete(fold(room.name))) notice(room, t("roomKey.forgotten", room.name), "error");
  // The owner by presence of a registered room (the first in, or back first): whoever enters its key takes it.
  if (room.registered && headers.get("Room-Role") === "owner" && !answer.roomKeyTaken) {
    notice(room, t("room.registeredHeir", room.name), "");
  }
  showOlderButton(room);
  requestWho(room);
  render();
  return room;
}

/** Whether `typed` (`#room` alike, an IRC user's habit) cannot be a room's name: then said in `where`. */
function roomNameRefused(where, typed) {
  const name = typed.replace(/^#/, "");
  if (ROOM_NAME.test(name)) return false;
  notice(where, t("room.invalid", name), "error");
  return true;
}

/**
 * Joins the room `typed` (or shows it, when joined already), showing the key this browser keeps for it; with `typedKey`
 * (/입장 ROOM KEY: a key got elsewhere), that key, which makes this member the owner and is kept once the room takes it.
 * True when refused.
 */
async function joinRoom(typed, typedKey = null) {
  if (roomNameRefused(state.current, typed)) return true;
  const name = typed.replace(/^#/, ""); // an IRC user's habit: #room
  if (typedKey && keyOf("room", name) === keyOf("room", LOBBY)) {
    notice(state.current, t("claim.lobby"), "error");
    return true;
  }
  if (state.phase === "banned") {
    // Out of every room since the ban: connect again, into that room (refused again while the ban holds).
    await reconnect(roomConversation(name), typedKey);
    return false;
  }
  const existing = state.conversations.get(keyOf("room", name));
  if (existing?.joined) {
    switchTo(existing);
    // In the room already: the key is for /열쇠, which the page sends for it.
    if (!typedKey) return false;
    notice(existing, t("claim.inRoom", existing.name), "");
    return claimRoom(existing, typedKey);
  }
  const answer = await withRoomKey(
    name,
    (roomKey) =>
      request("JOIN", roomTarget(name), {
        "History-After": existing && existing.lastSeq > 0 ? existing.lastSeq : null,
        "Room-Key": roomKey,
      }),
    typedKey,
  );
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(state.current ?? roomConversation(name), await joinRefusalText(answer, name), "error");
    return true;
  }
  const room = roomJoined(answer, false);
  if (typedKey) keyTaken(room, answer, typedKey);
  switchTo(room);
  refreshRooms();
  return false;
}

/**
 * A JOIN's refusal in words. A typed key the room does not take is said by what the room is: registered (the
 * answer's Registered: true), its key another (joining without it joins its members, or owns it if it emptied);
 * otherwise, by the room list (LIST), there but not registered, or not there at all (joining without the key makes the
 * room, and its owner). Neither of the last two is said to have had a new key, nor is joining without the key promised
 * to make a member.
 */
async function joinRefusalText(answer, name) {
  if (answer.headers.get("Error-Code") !== "wrong-room-key") return refusalText(answer, "join", name);
  if (answer.headers.get("Registered") === "true") return t("roomKey.wrongJoin", name);
  await refreshRooms();
  const row = state.serverRooms.find((each) => keyOf("room", each.name) === keyOf("room", name));
  if (!row) return t("roomKey.noRoomJoin", name);
  return t(row.registered ? "roomKey.wrongJoin" : "roomKey.unregisteredJoin", name);
}

/**
 * Leaves a room. As Leave does for the chat, the lines still waiting to go out there are sent first (a /part typed
 * after lines goes after them); asked again meanwhile, it leaves at once, and the lines not sent yet are marked so.
 * True when refused.
 */
async function partRoom(room) {
  const there = (item) => item.where === room;
  if (room.parting) {
    state.outgoing.drop(there, t("outgoing.partedFirst"));
  } else if (state.outgoing.countOf(there) > 0 && state.phase === "online") {
    room.parting = true;
    notice(room, t("outgoing.parting", state.outgoing.countOf(there)), "");
    await state.outgoing.whenNone(there);
    if (!room.parting) return false; // left already, asked again
  }
  room.parting = false;
  const answer = await request("PART", roomTarget(room.name));
  if (!answer) return true;
  if (answer.status === 200) {
    dropRoom(room);
    notice(room, t("room.parted", room.name), "");
    // As the terminal does: talk on in a room still joined. The room left stays in the list, to be joined again.
    // A room left from another (/퇴장 ROOM) is said where the person is.
    const next = state.joined.map((key) => state.conversations.get(key)).find(Boolean);
    if (state.current && state.current !== room) {
      notice(state.current, t("room.parted", room.name), "");
    } else if (next && state.current === room) {
      switchTo(next);
      notice(next, t("room.parted", room.name), "");
    }
    refreshRooms();
    render();
    return false;
  }
  notice(room, refusalText(answer, "command"), "error");
  return true;
}

function dropRoom(room) {
  room.joined = false;
  room.parting = false;
  room.members = [];
  state.joined = state.joined.filter((key) => key !== room.key);
}

/**
 * The room list, asked for again: the answer, or null when offline. Drawn again only when it changed, so that asking
 * often moves nothing under the reader's pointer or keyboard focus.
 */
async function refreshRooms() {
  if (state.phase !== "online") return null;
  state.listedAt = Date.now();
  try {
    const answer = await state.connection.request("LIST", "/");
    if (answer.status !== 200) return answer;
    const rows = parseTable(answer.body).map((row) => ({
      name: row.room,
      members: Number(row.members),
      capacity: Number(row.capacity),
      owner: row.owner,
      topic: row.topic,
      registered: row.registered === "true",
    }));
    let changed = JSON.stringify(rows) !== JSON.stringify(state.serverRooms);
    state.serverRooms = rows;
    for (const row of rows) {
      const room = state.conversations.get(keyOf("room", row.name));
      if (!room?.joined) continue;
      changed ||= room.memberCount !== row.members || room.capacity !== row.capacity || room.registered !== row.registered;
      room.memberCount = row.members;
      room.capacity = row.capacity;
      room.registered = row.registered;
    }
    if (changed) render();
    return answer;
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    return null;
  }
}

/**
 * The room list asked for again after members left rooms this page may not be in, whose members alone the server
 * tells: a ban puts the banned member out of every room it was in, and a room left empty is gone. One LIST at a time,
 * and one more after it for whatever changed meanwhile, however many events came (an address ban may put out many).
 */
function roomsChanged() {
  if (state.listing) {
    state.listing.again = true;
    return;
  }
  const listing = { again: false };
  state.listing = listing;
  refreshRooms().finally(() => {
    state.listing = null;
    if (listing.again) roomsChanged();
  });
}

/** The room's member list, asked for again: the answer, or null when the connection is gone. */
async function requestWho(room) {
  try {
    const answer = await state.connection.request("WHO", roomTarget(room.name));
    if (answer.status !== 200) return answer;
    room.members = parseTable(answer.body).map((row) => ({ name: row.name, role: row.role, away: row.away ?? "" }));
    room.memberCount = room.members.length;
    render();
    return answer;
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    return null;
  }
}

/** Says in `where` why a read (WHO, LIST) the person asked for gave nothing: the connection is gone, or it was refused. */
function toldReadFailed(where, answer) {
  if (answer?.status === 200) return false;
  notice(where, answer ? refusalText(answer, "read") : t("send.notConnected"), "error");
  return true;
}

/**
 * /who: the members of `room` (the last room looked at, from a private conversation) as a line in `where`. True when
 * refused.
 */
async function whoLine(where, room) {
  if (!room?.joined) {
    notice(where, t("conv.notJoined"), "error");
    return true;
  }
  const answer = state.phase === "online" ? await requestWho(room) : null;
  if (toldReadFailed(where, answer)) return true;
  const names = room.members.map((member) => {
    const marks = [member.role !== "member" && t("role." + member.role), member.away && t("who.away")];
    const said = marks.filter(Boolean).join(", ");
    return said ? `${member.name} (${said})` : member.name;
  });
  const line = room.registered ? "who.lineRegistered" : "who.line";
  notice(where, t(line, room.name, room.members.length, names.join(", ")), "");
  return false;
}

/** /rooms: the server's rooms, with how full each is, as a line in `where`. True when refused. */
async function roomsLine(where) {
  if (toldReadFailed(where, await refreshRooms())) return true;
  const rows = state.serverRooms.map((row) => {
    const count = t("rooms.count", row.members, row.capacity);
    return row.registered ? t("rooms.registeredEntry", row.name, count) : `${row.name} (${count})`;
  });
  notice(where, rows.length === 0 ? t("rooms.line", "—") : t("rooms.line", rows.join(", ")), "");
  return false;
}

/** A member list's kick button: the first click asks (the button turns into the question), the second kicks. */
function kickClicked(room, name) {
  if (secondClick(kickKey(room, name), render)) {
    kick(room, name);
  } else {
    render();
  }
}

/** KICK with an optional reason (the member list's button gives none). True when refused. */
async function kick(room, name, reason = "") {
  const headers = { Name: name, "Content-Type": reason ? "text/plain; charset=utf-8" : null };
  const answer = await request("KICK", roomTarget(room.name), headers, reason);
  if (answer && answer.status !== 200) notice(room, refusalText(answer, "kick", name), "error");
  focusComposer();
  return refusedAnswer(answer);
}

/** TOPIC of `room`, or none when `topic` is empty. True when refused. */
async function setTopic(room, topic) {
  const answer = await request("TOPIC", roomTarget(room.name), topic ? {} : { Clear: "true" }, topic);
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(room, refusalText(answer, "command"), "error");
    return true;
  }
  room.topic = topic;
  notice(room, topic ? t("event.topic", state.name, topic) : t("event.topicCleared", state.name), "");
  render();
  return false;
}

/**
 * A page of earlier messages (`limit` of them) above the first one shown: the button's, or /history's (`typed`),
 * which then shows them, or says there are none. Without a message shown yet, /history asks for the latest. True when
 * refused.
 */
async function loadOlder(room, limit = HISTORY_PAGE, typed = false) {
  if (room.olderAnchor || (room.firstSeq === null && !typed)) return false;
  room.olderAnchor = room.log.querySelector(".older")?.nextSibling ?? room.log.firstChild;
  const answer = await request("HISTORY", roomTarget(room.name), { Before: room.firstSeq, Limit: limit });
  room.olderAnchor = null;
  if (answer?.status === 200 && answer.headers.number("Count") === 0) {
    const button = room.log.querySelector(".older");
    if (button) replaceChildren(button, t("conv.noOlder"));
    if (typed) notice(room, t("conv.noOlder"), "");
  } else if (answer && answer.status !== 200) {
    notice(room, refusalText(answer, "read"), "error");
  } else if (answer && typed && room === state.current) {
    // Asked for by name: the first of them at the top of the log's window, the rest below it.
    const first = room.log.querySelector(".older")?.nextSibling ?? room.log.firstChild;
    ui.logs.scrollTop += first.getBoundingClientRect().top - ui.logs.getBoundingClientRect().top;
  }
  return refusedAnswer(answer);
}

/** "Show earlier messages" at the top of a room's log, while its first message shown is not the room's first. */
function showOlderButton(room) {
  let older = room.log.querySelector(".older");
  if (!older) {
    older = h(
      "li",
      { class: "older" },
      h("button", { type: "button", class: "link", onclick: () => loadOlder(room) }, t("conv.older")),
    );
    room.log.prepend(older);
  }
  older.hidden = room.nothingOlder || !(room.firstSeq > 1);
}

// ---------------------------------------------------------------------------------------------------------
// The server's events

function onServerEvent(message) {
  const headers = message.headers;
  const room = roomOf(message.target);
  switch (message.method) {
    case "MESSAGE":
      return onMessage(roomConversation(room), message);
    case "JOINED":
      return onJoined(roomConversation(room), headers);
    case "LEFT":
      return onLeft(roomConversation(room), headers, message.body);
    case "TOPIC":
      return onTopic(roomConversation(room), headers, message.body);
    // Ownership passed with no LEFT to say it: the owner left quietly, or the room held only the administrator; or,
    // with Previous, the holder of the room's key took it from its owner by presence, who stays.
    case "OWNER": {
      const conversation = roomConversation(room);
      conversation.noteSeq(headers.number("Seq"));
      onNewOwner(conversation, headers.get("Name"), headers.get("Date"), headers.get("Previous"));
      return render();
    }
    case "PRIVATE":
      return onPrivate(headers, message.body);
    case "INVITE":
      return onInvited(headers.get("From") ?? "?", room, headers.get("Date"));
    // A room's ban set or lifted (the server's bans have no event): said in the room.
    case "BAN":
    case "UNBAN":
      return onRoomBan(room && roomConversation(room), message.method === "BAN", headers, message.body);
    // A room registered, given a new key (Replaced), or its registration dropped, by its owner or the administrator.
    case "REGISTER":
    case "UNREGISTER":
      return onRegistration(room && roomConversation(room), message.method === "UNREGISTER", headers);
    // A room's member limit set or given back the server's.
    case "LIMIT":
      return onRoomLimit(room && roomConversation(room), headers);
    // Messages deleted from a room's history by its owner or the administrator.
    case "DELETED":
      return onDeleted(room && roomConversation(room), headers, message.body);
    case "AWAY":
      return onAwayEvent(headers.get("Name"), message.body, headers.get("Date"));
    case "RENAMED":
      return onRenamed(headers.get("Name"), headers.get("New-Name"), headers.get("Date"));
    case "BANNED":
      return onBanned(headers.get("By") ?? "?", message.body, headers.get("Date"), headers.get("Expires"));
    case "KILLED":
      return onKilled(headers.get("By") ?? "?", message.body, headers.get("Date"));
    case "SHUTDOWN":
      return onShutdown(headers.get("Reason"), headers.get("By"), headers.get("Date"));
    // A cluster node without its Redis (rooms read-only), then with it again, or whose Redis lost its members (the
    // node closes the connection next, and the page reconnects as after any drop): the server's words.
    // With From: the administrator's announcement to everyone connected, set apart in every room.
    case "NOTICE":
      if (headers.get("Kind")?.toLowerCase() === "motd") return onMotd(message.body, headers.get("Date"));
      if (headers.get("From")) return onAnnouncement(headers.get("From"), message.body, headers.get("Date"));
      for (const key of state.joined) notice(state.conversations.get(key), message.body, "error", headers.get("Date"));
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The server stops (the administrator's order, or its operator's signal): said in every room this page is in and where
 * the reader is looking, with who stopped it and why (`reason`: the administrator's name and words, when it gave
 * words). `by` (the administrator) when it ordered the stop: the close that follows is the end (serverStopped);
 * without, the server stops on its own, most often to start again, and the page connects again by itself.
 */
function onShutdown(reason, by, date) {
  state.shutDown = by ? "ordered" : "signal";
  const said = reason ? t("event.shutdownBy", reason) : t("event.shutdown");
  const rooms = state.joined.map((key) => state.conversations.get(key));
  for (const room of rooms) notice(room, said, "error", date);
  if (!rooms.includes(state.current)) notice(state.current, said, "error", date);
}

/**
 * The administrator's announcement: "[공지] 채팅관리자: text" in every room this page is in, and where the reader is
 * looking (a private conversation, or no room yet).
 */
function onAnnouncement(from, body, date) {
  const text = t("event.announcement", from, displayText(body));
  const rooms = [...state.joined].map((key) => state.conversations.get(key));
  for (const room of rooms) notice(room, text, "announcement", date);
  if (state.current && !rooms.includes(state.current)) notice(state.current, text, "announcement", date);
}

/**
 * The server's message of the day, right after connecting (before the room's history): under its heading, the
 * operator's lines as written, in the room the page came into. A reconnect brings it again: shown again only when
 * it changed meanwhile.
 */
function onMotd(body, date) {
  if (body === state.motd) return;
  state.motd = body;
  notice(state.current, t("event.motd") + "\n" + displayText(body), "motd", date);
}

/**
 * A member sharing a room went away (with its message) or came back (empty): said in each room that lists it, in the
 * terminal's words (서연님이 자리를 비웠습니다: 점심 먹으러 갑니다; 서연님이 돌아왔습니다.), where the reader is looking when no
 * list has it yet, and not at all for a member ignored (as the terminal); and marked in the member lists (onAway).
 */
function onAwayEvent(name, message, date) {
  if (!name) return;
  const rooms = onAway(name, message);
  if (state.ignored.has(name)) return;
  const text = message ? t("event.away", name, displayText(message)) : t("event.back", name);
  for (const room of rooms) notice(room, text, "presence", date);
  if (rooms.length === 0 && state.current) notice(state.current, text, "presence", date);
}

/**
 * A member sharing a room (or this page) went away (with its message) or came back (empty): marked in every member
 * list; the rooms that list it.
 */
function onAway(name, message) {
  const rooms = [];
  for (const conversation of state.conversations.values()) {
    if (conversation.kind !== "room") continue;
    for (const member of conversation.members) {
      if (nameKey(member.name) !== nameKey(name ?? "")) continue;
      member.away = message;
      rooms.push(conversation);
    }
  }
  render();
  return rooms;
}

/**
 * A member sharing a room took a new name: a line in each room that lists it (the event comes once, however many
 * rooms are shared), and its entries in the member lists and its private conversation follow the new name.
 */
function onRenamed(from, to, date) {
  if (!from || !to) return;
  state.ignored.renamed(from, to);
  const text = t("event.renamed", from, to);
  const rooms = renameMember(from, to);
  const exchange = renamePrivate(from, to);
  for (const room of rooms) notice(room, text, "presence", date);
  if (exchange) notice(exchange, text, "presence", date);
  // Sharing a room whose list has not come yet: said where the reader is looking.
  if (rooms.length === 0 && !exchange) notice(state.current, text, "presence", date);
  render();
}

/** Renames a member in every room's member list (and as a listed room's owner); the rooms that listed it. */
function renameMember(from, to) {
  const rooms = [];
  for (const conversation of state.conversations.values()) {
    if (conversation.kind !== "room") continue;
    const member = conversation.members.find((m) => nameKey(m.name) === nameKey(from));
    if (member) {
      member.name = to;
      rooms.push(conversation);
    }
  }
  for (const row of state.serverRooms) {
    if (row.owner && nameKey(row.owner) === nameKey(from)) row.owner = to;
  }
  return rooms;
}

/**
 * The private conversation with `from`, if there is one, now with `to`: what follows goes to the new name. One
 * already open with `to` (someone who had the name before) gives up its lines to it, earlier ones first.
 */
function renamePrivate(from, to) {
  const exchange = state.conversations.get(keyOf("private", from));
  if (!exchange) return null;
  const key = keyOf("private", to);
  const earlier = key === exchange.key ? null : state.conversations.get(key);
  if (earlier) {
    exchange.log.prepend(...earlier.log.childNodes);
    exchange.unread += earlier.unread;
    earlier.log.remove();
  }
  // The entry keeps its place in the list of private conversations, under its new key.
  const entries = [...state.conversations].filter(([, c]) => c !== earlier);
  state.conversations.clear();
  for (const [k, c] of entries) state.conversations.set(c === exchange ? key : k, c);
  exchange.name = to;
  exchange.key = key;
  exchange.log.dataset.name = to;
  exchange.log.setAttribute("aria-label", to);
  if (earlier && state.current === earlier) switchTo(exchange);
  return exchange;
}

function onMessage(room, message) {
  const headers = message.headers;
  const seq = headers.number("Seq");
  if (seq !== null && room.seen.has(seq)) return;
  const history = headers.get("History") === "true";
  const from = headers.get("From") ?? "?";
  if (history && confirmedByHistory(room, from, message.body, seq, headers.get("Date"))) return;
  if (state.ignored.has(from)) {
    noteHidden(room, seq);
    return;
  }
  addMessage(room, { from, date: headers.get("Date"), text: message.body, seq, history });
  if (!history) countUnread(room);
}

/**
 * A message not shown (its sender is ignored) still counts as seen: a reconnect asks for what came after it, and an
 * earlier page for what came before it.
 */
function noteHidden(room, seq) {
  room.sawMessage(seq);
  showOlderButton(room);
}

/**
 * A member came into the room: listed with the role WHO would give it. A JOINED carries none: the administrator is the
 * one whose name is a spelling of the administrator's, which the server gives no one else (IRC's JOIN gets its +o
 * likewise); a joiner that owns the room by a key, or by joining one that held only the administrator, is told by the
 * OWNER that follows (trial 13: the administrator, joining after the page, was listed as a member beside an impostor).
 */
function onJoined(room, headers) {
  room.noteSeq(headers.number("Seq"));
  const name = headers.get("Name");
  room.memberCount = headers.number("Members") ?? room.memberCount;
  if (!room.members.some((member) => nameKey(member.name) === nameKey(name))) {
    const role = isAdministratorName(name) ? "admin" : "member";
    room.members.push({ name, role, away: headers.get("Away") ?? "" });
  }
  notice(room, t("event.joined", name), "presence", headers.get("Date"));
  render();
}

function onLeft(room, headers, body) {
  room.noteSeq(headers.number("Seq"));
  const name = headers.get("Name");
  const reason = headers.get("Reason");
  const by = headers.get("By");
  const date = headers.get("Date");
  if (state.name && nameKey(name) === nameKey(state.name)) {
    // Kicked: this member is out of that room and stays connected.
    // Said in that room's log and, when another conversation is on screen, there too: otherwise it goes unseen.
    dropRoom(room);
    const text = t("event.kickedMe", room.name, by ?? "?") + (body ? ` (${body})` : "");
    notice(room, text, "error", date);
    if (state.current !== room) notice(state.current, text, "error", date);
    refreshRooms();
    render();
    return;
  }
  room.memberCount = headers.number("Members") ?? room.memberCount;
  room.members = room.members.filter((member) => nameKey(member.name) !== nameKey(name));
  // The reason a member gave (IRC's PART and QUIT messages) or its kicker gave; a disconnect's detail is the
  // server's own account, in the server's language, and is not shown.
  const saying = (body ?? "").trim() ? ` (${body.trim()})` : "";
  const text =
    reason === "kicked"
      ? (by ? t("event.kickedBy", name, by) : t("event.kicked", name)) + saying
      : reason === "banned"
        ? t("event.banned", name) + saying
        : reason === "killed"
          ? t("event.killed", name) + saying
        : reason === "parted"
          ? t("event.parted", name) + saying
          : reason === "disconnected"
            ? t("event.disconnected", name)
            : t("event.left", name) + saying;
  // Red is for refusals and for what is done to oneself; a kick one did, or saw done to another, is not one.
  const putOut = reason === "banned" || reason === "killed";
  notice(room, text, reason === "kicked" || putOut ? "kick" : "presence", date);
  if (headers.get("Owner")) onNewOwner(room, headers.get("Owner"), date);
  else if (room === state.current) requestWho(room);
  if (putOut) roomsChanged(); // out of its other rooms too, some now empty and gone
  render();
}

/**
 * `name` owns `room` now (its owner left, or `previous` owned it and `name` showed the room's key): said in the room
 * ("유저2님이 이 방의 방장이 되었습니다", or to the new owner that the room is its own; with `previous`, that the key
 * took it from whom, and to `previous` that it is a member now), and marked in its member list and the room list at
 * once, so that its kick buttons show.
 */
function onNewOwner(room, name, date, previous = null) {
  if (!name) return;
  for (const member of room.members) {
    if (member.role === "owner") member.role = "member";
    if (nameKey(member.name) === nameKey(name) && member.role !== "admin") member.role = "owner";
  }
  for (const row of state.serverRooms) {
    if (keyOf("room", row.name) === room.key) row.owner = name;
  }
  const isMe = (who) => state.name && nameKey(who) === nameKey(state.name);
  // Taken by the key (Previous) it deletes any of the room's messages; inherited by presence, only those since it joined.
  room.keyHeld = Boolean(previous && isMe(name));
  if (!previous) {
    const mine = room.registered ? "event.ownerMeRegistered" : "event.ownerMe";
    notice(room, isMe(name) ? t(mine) : t("event.owner", name), "presence", date);
  } else if (isMe(name)) {
    notice(room, t("event.ownerMeByKey", previous), "ok", date);
  } else if (isMe(previous)) {
    notice(room, t("event.ownerByKeyFromMe", name), "error", date); // done to oneself: red, as a kick of oneself is
  } else {
    notice(room, t("event.ownerByKey", name, previous), "kick", date);
  }
}

/**
 * Banned by the administrator: said in every room (the server closes the connection next), with when a timed ban
 * ends in the reader's time, and the page gives up its rooms and stays disconnected rather than reconnecting, which
 * the ban would refuse anyway.
 */
function onBanned(by, reason, date, expires) {
  const said = expires ? t("event.bannedMeUntil", by, secondsText(expires)) : t("event.bannedMe", by);
  putOut(said + (reason ? `: ${reason}` : "."), date, false);
}

/**
 * Disconnected by the administrator, not banned: said as a ban is, and the page stays disconnected as after one
 * (reconnecting at once would undo what the administrator did), until the reader chooses a room, which connects again.
 */
function onKilled(by, reason, date) {
  putOut(t("event.killedMe", by) + (reason ? `: ${reason}` : "."), date, true);
}

/**
 * Put out by the administrator, a ban (`killed` false) or a disconnect (`killed`): `text` (by whom, until when, why) in
 * every room and in the status, the rooms given up, and no reconnecting until the reader asks.
 */
function putOut(text, date, killed) {
  state.phase = "banned";
  state.putOutText = text;
  state.killed = killed;
  state.retries = 0;
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  clearInterval(state.listTimer);
  const rooms = state.joined.map((key) => state.conversations.get(key));
  for (const room of rooms) {
    notice(room, text, "error", date);
    dropRoom(room);
  }
  listedWithoutMe(rooms);
  if (!rooms.includes(state.current)) notice(state.current, text, "error", date);
  render();
}

/**
 * The room list without this page's member in `rooms`, which it is out of: in each, the others, as the room's events
 * last counted them (fresher than the last LIST); a room it leaves empty is gone, as the server forgets it.
 * Disconnected, the page cannot ask for the list.
 */
function listedWithoutMe(rooms) {
  for (const room of rooms) {
    const row = state.serverRooms.find((each) => keyOf("room", each.name) === room.key);
    const others = (room.memberCount ?? row?.members ?? 1) - 1;
    if (others <= 0) state.serverRooms = state.serverRooms.filter((each) => each !== row);
    else if (row) row.members = others;
    else state.serverRooms.push({ name: room.name, members: others, capacity: room.capacity, topic: room.topic });
  }
}

function onTopic(room, headers, topic) {
  room.noteSeq(headers.number("Seq"));
  room.topic = topic;
  const name = headers.get("Name") ?? "?";
  notice(room, topic ? t("event.topic", name, topic) : t("event.topicCleared", name), "", headers.get("Date"));
  render();
}

function onPrivate(headers, text) {
  const from = headers.get("From") ?? "?";
  // Ignored, or a CTCP query the server answered for this page: not shown, and no conversation opened for it.
  if (state.ignored.has(from) || isAnsweredQuery(text)) return;
  const exchange = conversation("private", from);
  addMessage(exchange, { from, date: headers.get("Date"), text, seq: null, history: false, private: true });
  countUnread(exchange);
  render();
}

/**
 * An invitation into a room: said in the private conversation with whoever invited, where a reply would go, with a
 * button that joins the room (or shows it, once joined).
 */
function onInvited(from, room, date) {
  if (state.ignored.has(from)) return;
  const exchange = conversation("private", from);
  const line = notice(exchange, t("event.invited", from, room), "presence", date);
  line.append(
    h(
      "button",
      { type: "button", class: "invite-join", "aria-label": t("invite.joinLabel", room), onclick: () => joinRoom(room) },
      t("invite.join"),
    ),
  );
  countUnread(exchange);
  render();
}

/** INVITE of `name` into `room`, said in the room. True when refused. */
async function invite(room, name) {
  const answer = await request("INVITE", roomTarget(room.name), { Name: name });
  if (!answer) return true;
  if (answer.status === 200) notice(room, t("invite.sent", answer.headers.get("Name") ?? name, room.name), "");
  else notice(room, refusalText(answer, "invite", name), "error");
  focusComposer();
  return refusedAnswer(answer);
}

function countUnread(where) {
  if (where !== state.current || document.hidden) {
    where.unread++;
    render();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sending

function submitComposer() {
  const where = state.current;
  const line = ui.composerInput.value;
  if (!where || !line.trim()) return;
  if (line.startsWith("/") && !line.startsWith("//")) {
    // As a line sent does: what the command answers is read at the end of the log.
    ui.logs.scrollTop = ui.logs.scrollHeight;
    const refused = runCommand(where, line);
    // A command taken empties the box; one refused here (unknown, without what it needs, a room name that cannot be)
    // stays, selected: replaced by what is typed next, not appended to, or corrected with the arrow keys. One refused
    // once its answer came comes back the same way (giveBack). A chat line refused (too long) stays as it is, the
    // caret where it was, for its writer to shorten, not lose.
    if (ui.composerInput.value === line) ui.composerInput.select();
    else giveBack(refused, { line, where: state.current, edits: state.edits });
    return;
  }
  send(where, line.startsWith("//") ? line.slice(1) : line);
}

/**
 * A command whose words left the message box (`typed`: {line, where, edits}) and that `refused` (runCommand's outcome)
 * says was refused once its answer came (the server's refusal, the connection gone, or the page's own once it had the
 * answer): it comes back to the box, selected, as a command the page refuses at once stays, to be mended or replaced by
 * what is typed next (trial 12: a refused /w stayed unselected, and the next line was appended to it and lost). Only
 * into the box as the command left it: still empty, not typed in since, the same conversation on screen (a room's
 * command is about the room it was typed in), and no other field being typed in. What the reader is writing now is
 * never replaced.
 */
async function giveBack(refused, typed) {
  if (!(await refused)) return;
  const box = ui.composerInput;
  const typingElsewhere =
    document.activeElement !== box &&
    (document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement);
  if (box.value || state.edits !== typed.edits || state.current !== typed.where || typingElsewhere) return;
  setComposer(typed.line);
  focusComposer();
  box.select();
}

/** How close to the server's limit a text may come before the message box shows its count of bytes. */
const COUNT_FROM_BYTES = MAX_BODY_BYTES * 0.75;

/**
 * Enter sends, Shift+Enter breaks the line. The Enter that ends an IME composition (the Korean keyboard putting a
 * syllable together) only commits it: isComposing says so, or keyCode 229 where a browser reports it that way.
 */
function composerKey(event) {
  if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  submitComposer();
}

/** The message box's text, set by the page (emptied once sent, a refused line given back). */
function setComposer(text) {
  ui.composerInput.value = text;
  composerChanged();
}

/**
 * The message box as tall as its lines, up to the height style.css allows (then it scrolls), and, near the
 * server's limit (MAX_BODY_BYTES of UTF-8: a Hangul syllable is 3), how many bytes the text takes, red past it.
 */
function composerChanged() {
  const box = ui.composerInput;
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
  const bytes = byteLength(box.value);
  const over = bytes > MAX_BODY_BYTES;
  ui.composerCount.hidden = bytes < COUNT_FROM_BYTES;
  ui.composerCount.textContent = t("composer.bytes", bytes, MAX_BODY_BYTES);
  ui.composerCount.classList.toggle("over", over);
  if (over) box.setAttribute("aria-invalid", "true");
  else box.removeAttribute("aria-invalid");
}

/** A name in a typed command: one word, or any text in double quotes ("chat guest"); groups 1 and 2. */
const TYPED_NAME = String.raw`(?:"([^"]+)"|(\S+))`;
const WHISPER = new RegExp(String.raw`^${TYPED_NAME}\s+(.+)$`, "su");
const KICK = new RegExp(String.raw`^${TYPED_NAME}\s*$`, "su");
/** A name or an address, then an optional duration and reason: group 3. */
const BAN = new RegExp(String.raw`^${TYPED_NAME}(?:\s+(.*))?$`, "su");
/**
 * A ban's duration as IRC operators write a K-line's, as the terminal client reads it (WrittenDuration in the chat
 * core, where a bare m is minutes): `30m`, `1h30m`, `7d`, `1y2w3d4h5m6s`, and as the history's age is written,
 * `10min` and `6mo` (a month of 30 days); any case; or in Korean words, `30분`, `1시간30분`, `6개월`. Bare seconds (`3`) and
 * other words (`30mins`) are not one.
 */
const BAN_DURATION = /^(?:\d{1,10}(?:mo|min|[ywdhms]|년|개월|달|주|일|시간|분|초))+$/iu;
const BAN_DURATION_PART = /(\d+)(mo|min|[ywdhms]|년|개월|달|주|일|시간|분|초)/giu;
const UNIT_SECONDS = {
  y: 365 * 86400, mo: 30 * 86400, w: 7 * 86400, d: 86400, h: 3600, min: 60, m: 60, s: 1,
  년: 365 * 86400, 개월: 30 * 86400, 달: 30 * 86400, 주: 7 * 86400, 일: 86400, 시간: 3600, 분: 60, 초: 1,
};
/** The longest a timed ban may last, in seconds: ten years of 365 days, 3650d (BanDuration.LONGEST). */
const LONGEST_BAN_SECONDS = 3650 * 86400;

/**
 * The commands the message box takes, in the order /help lists them: their names (the first as the page's language
 * shows it first in the help line; any of them works, with or without its /, in /help CMD), the help line, and the
 * usage line of one that takes words, which /help CMD shows after it, and whether only the administrator may use it
 * (/help describes those to the administrator, and names them on one line to anyone else).
 */
const COMMANDS = [
  { names: ["/join", "/입장"], help: "help.join", usage: "send.usageJoin" },
  { names: ["/part", "/퇴장"], help: "help.part", usage: "send.usagePart" },
  { names: ["/rooms", "/방목록"], help: "help.rooms" },
  { names: ["/who", "/참여자"], help: "help.who" },
  { names: ["/history", "/기록"], help: "help.history", usage: "send.usageHistory" },
  { names: ["/me", "/행동"], help: "help.me", usage: "send.usageMe" },
  { names: ["/w", "/msg", "/귓속말"], help: "help.w", usage: "send.usageW" },
  { names: ["/away", "/자리비움"], help: "help.away" },
  { names: ["/nick", "/이름변경"], help: "help.nick", usage: "send.usageNick" },
  { names: ["/topic", "/주제"], help: "help.topic" },
  { names: ["/limit", "/인원제한"], help: "help.limit", usage: "send.usageLimit" },
  { names: ["/invite", "/초대"], help: "help.invite", usage: "send.usageInvite" },
  { names: ["/kick", "/강퇴"], help: "help.kick", usage: "send.usageKick" },
  { names: ["/delete", "/삭제"], help: "help.delete", usage: "send.usageDelete" },
  { names: ["/ban", "/차단"], help: "help.ban", usage: "send.usageBan", admin: true },
  { names: ["/unban", "/차단해제"], help: "help.unban", usage: "send.usageUnban", admin: true },
  { names: ["/bans", "/차단목록"], help: "help.bans", admin: true },
  { names: ["/registrations", "/등록목록"], help: "help.registrations" },
  { names: ["/roomban", "/방차단"], help: "help.roomban", usage: "send.usageRoomBan" },
  { names: ["/roomunban", "/방차단해제"], help: "help.roomunban", usage: "send.usageRoomUnban" },
  { names: ["/roombans", "/방차단목록"], help: "help.roombans" },
  { names: ["/register", "/방등록"], help: "help.register", usage: "send.usageRegister" },
  { names: ["/unregister", "/등록해제"], help: "help.unregister", usage: "send.usageUnregister" },
  { names: ["/claim", "/열쇠"], help: "help.claim", usage: "send.usageClaim" },
  { names: ["/ignore", "/무시"], help: "help.ignore" },
  { names: ["/unignore", "/무시해제"], help: "help.unignore", usage: "send.usageUnignore" },
  { names: ["/disconnect", "/접속끊기"], help: "help.disconnect", usage: "send.usageDisconnect", admin: true },
  { names: ["/announce", "/공지"], help: "help.announce", usage: "send.usageAnnounce", admin: true },
  { names: ["/shutdown", "/서버종료"], help: "help.shutdown", admin: true },
  { names: ["/quit", "/종료"], help: "help.quit" },
  { names: ["/help", "/도움말"], help: "help.help" },
];

/**
 * What /join takes for a room's key after the room's name (a key's 26 letters and digits, or a miscopy of one,
 * which typedRoomKey then refuses with a hint): letters and digits only, at least 16 of them.
 */
const KEY_TYPED = /^[a-z0-9]{16,}$/iu;

/** Messages /history loads when not told how many: as many as the terminal client's (RoomCommands). */
const HISTORY_COMMAND_PAGE = 20;
/** The most one HISTORY returns (CoreConfig.MAX_HISTORY_PAGE): /history's largest N. */
const MAX_HISTORY_PAGE = 500;

/** A help line: every one is given /history's default and largest N, so that no text restates them. */
function helpText(key) {
  return t(key, HISTORY_COMMAND_PAGE, MAX_HISTORY_PAGE);
}

/**
 * /help: every command, a line each; /help CMD (join, /join, 입장 alike): that one, with its usage. True for a command
 * it does not know.
 */
function help(where, word) {
  if (!word) {
    const administrator = isAdministratorName(state.name ?? "");
    const listed = COMMANDS.filter((command) => administrator || !command.admin);
    const named = COMMANDS.filter((command) => !administrator && command.admin).map(
      (command) => command.names.find((name) => /^[\x00-\x7f]*$/.test(name) === (lang === "en")) ?? command.names[0],
    );
    for (const key of ["help.heading", ...listed.map((command) => command.help)]) notice(where, helpText(key), "");
    if (named.length > 0) notice(where, t("help.administratorOnly", named.join(" ")), "");
    notice(where, helpText("help.footer"), "");
    return false;
  }
  const name = (word.startsWith("/") ? word : "/" + word).toLowerCase();
  const command = COMMANDS.find((each) => each.names.includes(name));
  if (!command) {
    notice(where, t("send.unknownCommand", word), "error");
    return true;
  }
  notice(where, helpText(command.help), "");
  if (command.usage) notice(where, helpText(command.usage), "");
  return false;
}

/**
 * /history [N]: the N messages before the first shown in the room on screen, as "earlier messages" loads them. True
 * (or a promise of it) when refused.
 */
function history(where, typed) {
  const count = typed === "" ? HISTORY_COMMAND_PAGE : /^\d{1,3}$/.test(typed) ? Number(typed) : 0;
  if (count < 1 || count > MAX_HISTORY_PAGE) {
    notice(where, t("history.badCount", typed, MAX_HISTORY_PAGE), "error");
  } else if (where.kind === "private") {
    notice(where, t("history.private"), "error");
  } else if (!where.joined) {
    notice(where, t("conv.notJoined"), "error");
  } else {
    return loadOlder(where, count, true);
  }
  return true;
}

/**
 * The few slash commands a chat user types by habit; the rest of the page is buttons. A command that goes on after its
 * words left the box returns what it does (a promise), which resolves to true when it was refused (giveBack); one the
 * page refuses at once leaves the box as it was.
 */
function runCommand(where, line) {
  const [, command, rest = ""] = /^(\/\S+)\s*(.*)$/su.exec(line);
  const room = where.kind === "room" ? where : null;
  const done = () => {
    setComposer("");
  };
  switch (command.toLowerCase()) {
    case "/away":
    case "/자리비움":
      done();
      return setAway(where, rest.trim());
    case "/me":
    case "/행동":
      if (rest.trim()) return send(where, rest, true);
      notice(where, t("send.usageMe"), "error");
      return undefined;
    case "/w":
    case "/msg":
    case "/귓속말": {
      const typed = typedName(where, WHISPER.exec(rest), "send.usageW");
      if (!typed) return undefined;
      const open = state.conversations.get(keyOf("private", typed.name));
      if (open) {
        switchTo(open);
        return send(open, typed.more, false, true);
      }
      // A first message to that name: its conversation appears once the server takes it, so that a name nobody has
      // leaves none behind (as /msg in WeeChat or HexChat opens no buffer); a refusal is told here, naming the name.
      return send(new Conversation("private", typed.name), typed.more, false, true, { from: where });
    }
    case "/join":
    case "/입장": {
      // A room, and maybe its key after it: a room's name holds no space, and a key copied in pieces is one.
      // What follows the first word is a key when it looks meant as one (letters and digits, as long as most of a
      // key); anything else makes the whole a room's name, refused as one (`/join bad room name!`).
      const [first, ...more] = rest.trim().split(/\s+/u);
      const keyTyped = KEY_TYPED.test(more.join("")) ? more.join("") : null;
      const typed = keyTyped ? first : rest.trim();
      const key = keyTyped && typedRoomKey(keyTyped);
      if (!typed) {
        notice(where, t("send.usageJoin"), "error");
      } else if (!roomNameRefused(where, typed)) {
        if (keyTyped && !key) {
          notice(where, t("roomKey.garbled"), "error");
        } else {
          done();
          return joinRoom(typed, key);
        }
      }
      return undefined;
    }
    case "/part":
    case "/퇴장": {
      // The room typed (as the terminal's /퇴장 ROOM), else the room on screen.
      const typed = rest.trim().replace(/^#/, "");
      if (/\s/u.test(typed)) {
        notice(where, t("send.usagePart"), "error");
        return undefined;
      }
      const leaving = typed ? state.conversations.get(keyOf("room", typed)) : room;
      if (typed && !leaving?.joined) {
        notice(where, t("room.notIn", typed), "error");
        return undefined;
      }
      done();
      return leaving?.joined ? partRoom(leaving) : undefined;
    }
    case "/topic":
    case "/주제":
      done();
      if (!room) return undefined;
      if (rest) return setTopic(room, rest.trim());
      notice(room, t("room.topic", room.topic || "—"), "");
      return undefined;
    case "/limit":
    case "/인원제한": {
      const limit = rest.trim();
      if (!room?.joined || (limit && !/^\d{1,9}$/.test(limit))) {
        notice(where, t("send.usageLimit"), "error");
        return undefined;
      }
      done();
      return setLimit(room, limit);
    }
    case "/nick":
    case "/이름변경": {
      const typed = typedName(where, KICK.exec(rest), "send.usageNick");
      return typed ? rename(where, typed.name) : undefined;
    }
    case "/invite":
    case "/초대": {
      const typed = typedName(where, room?.joined && KICK.exec(rest), "send.usageInvite");
      return typed ? invite(room, typed.name) : undefined;
    }
    case "/kick":
    case "/강퇴": {
      const typed = typedName(where, kickTyped(room, rest), "send.usageKick");
      return typed ? kick(room, typed.name, typed.more) : undefined;
    }
    case "/delete":
    case "/삭제": {
      // One name's messages in the room on screen, of the last DURATION (the server's hour without one), and why.
      const problem = room?.joined ? durationProblem(rest, "delete") : null;
      if (problem) {
        notice(where, problem, "error");
        return undefined;
      }
      const typed = typedName(where, room?.joined && deleteTyped(rest), "send.usageDelete");
      if (!typed) return undefined;
      const { seconds, reason } = typed.more;
      return deleteMessages(room, { Name: typed.name, Within: seconds }, reason, typed.name);
    }
    case "/ban":
    case "/차단": {
      const problem = durationProblem(rest);
      if (problem) {
        notice(where, problem, "error");
        return undefined;
      }
      const typed = typedName(where, banTyped(rest), "send.usageBan");
      if (!typed) return undefined;
      const { seconds, reason } = typed.more;
      const done = (answer) => banDone(answer.headers, typed.name, seconds);
      return banCommand(where, "BAN", typed.name, reason, done, { Duration: seconds }).then((answer) => {
        // The rooms of those it put out changed, whether or not this page is in them.
        if (answer?.status === 200 && answer.headers.number("Disconnected") > 0) roomsChanged();
        return refusedAnswer(answer);
      });
    }
    case "/unban":
    case "/차단해제": {
      const typed = typedName(where, KICK.exec(rest), "send.usageUnban");
      const lifted = (answer) => [t("ban.lifted", answer.headers.get("Target") ?? typed.name)];
      return typed ? banCommand(where, "UNBAN", typed.name, "", lifted).then(refusedAnswer) : undefined;
    }
    case "/roomban":
    case "/방차단": {
      const problem = durationProblem(rest);
      if (problem) {
        notice(where, problem, "error");
        return undefined;
      }
      const typed = typedName(where, room?.joined && banTyped(rest), "send.usageRoomBan");
      return typed ? roomBan(room, typed.name, typed.more.seconds, typed.more.reason) : undefined;
    }
    case "/roomunban":
    case "/방차단해제": {
      const typed = typedName(where, room?.joined && KICK.exec(rest), "send.usageRoomUnban");
      if (!typed) return undefined;
      return roomBanCommand(room, "UNBAN", typed.name, "", () => [t("roomban.lifted", typed.name)]).then(refusedAnswer);
    }
    case "/roombans":
    case "/방차단목록":
      if (!room?.joined) {
        notice(where, t("conv.notJoined"), "error");
        return undefined;
      }
      done();
      return roomBanCommand(room, "BANS", null, "", (answer) => roomBanList(room, answer.body)).then(refusedAnswer);
    case "/register":
    case "/방등록":
    case "/unregister":
    case "/등록해제": {
      // The room typed (the administrator's may be any room), else the room on screen.
      const dropping = ["/unregister", "/등록해제"].includes(command.toLowerCase());
      const typed = rest.trim() || (room?.joined ? room.name : "");
      if (!typed || /\s/u.test(typed)) {
        notice(where, t(dropping ? "send.usageUnregister" : "send.usageRegister"), "error");
      } else if (!roomNameRefused(where, typed)) {
        done();
        return (dropping ? unregisterRoom : registerRoom)(where, typed.replace(/^#/, ""));
      }
      return undefined;
    }
    case "/claim":
    case "/열쇠": {
      const key = typedRoomKey(rest);
      if (!room?.joined || !rest.trim()) {
        notice(where, t("send.usageClaim"), "error");
      } else if (room.key === keyOf("room", LOBBY)) {
        notice(where, t("claim.lobby"), "error"); // no key is the lobby's: the person meant another room
      } else if (!key) {
        notice(where, t("roomKey.garbled"), "error");
      } else {
        done();
        return claimRoom(room, key);
      }
      return undefined;
    }
    case "/disconnect":
    case "/접속끊기": {
      const typed = typedName(where, disconnectTyped(rest), "send.usageDisconnect");
      return typed ? disconnectMember(where, typed.name, typed.more) : undefined;
    }
    case "/bans":
    case "/차단목록":
      done();
      return banCommand(where, "BANS", null, "", (answer) => banList(answer.body)).then(refusedAnswer);
    case "/registrations":
    case "/등록목록":
      done();
      return registrations(where);
    case "/ignore":
    case "/무시":
      done();
      return ignore(where, unquote(rest.trim()));
    case "/unignore":
    case "/무시해제": {
      const name = unquote(rest.trim());
      if (!name) {
        notice(where, t("send.usageUnignore"), "error");
        return undefined;
      }
      done();
      return unignore(where, name);
    }
    case "/who":
    case "/참여자":
      done();
      return whoLine(where, room ?? state.lastRoom);
    case "/rooms":
    case "/방목록":
      done();
      return roomsLine(where);
    case "/help":
    case "/도움말":
      done();
      return help(where, rest.trim());
    case "/history":
    case "/기록":
      done();
      return history(where, rest.trim());
    case "/quit":
    case "/종료":
      done();
      leave();
      return undefined;
    case "/announce":
    case "/공지":
      if (state.role !== "admin") {
        notice(where, t("send.adminOnly"), "error");
        return undefined;
      }
      if (!rest.trim()) {
        notice(where, t("send.usageAnnounce"), "error");
        return undefined;
      }
      done();
      return announce(where, rest);
    case "/shutdown":
    case "/서버종료":
      if (state.role !== "admin") {
        notice(where, t("send.adminOnly"), "error");
        return undefined;
      }
      done();
      // As the header's button: the first time arms, a second within five seconds stops the server.
      if (state.armed?.key !== "shutdown") notice(where, t("shutdown.typedArmed"), "");
      return shutdown(rest.trim());
    default:
      notice(where, t("send.unknownCommand", command), "error");
      return undefined;
  }
}

/** Whether a request was refused: no answer (the connection gone, said so) or another than 200. */
function refusedAnswer(answer) {
  return answer?.status !== 200;
}

/**
 * /kick's words after the command, matched as typedName takes them, as the terminal client reads them
 * (ChatCommand.nameAndReason): all of them are the name when they name a member of the room (`/kick 채팅 손님`), else
 * the first word or a quoted name is the name and the rest, as group 3, the reason (`/kick "채팅 손님" 도배`). An
 * unclosed quote makes all of them the name. No match outside a room one is in, or without a name.
 */
function kickTyped(room, rest) {
  return room?.joined ? nameAndReason(rest, (whole) => isMemberOf(room, whole)) : null;
}

/**
 * /disconnect's words, read as /kick's: all of them are the name when they name a member of any room this page is in,
 * else the first word or a quoted name is the name and the rest the reason. No match without a name.
 */
function disconnectTyped(rest) {
  const rooms = state.joined.map((key) => state.conversations.get(key));
  return nameAndReason(rest, (whole) => rooms.some((room) => isMemberOf(room, whole)));
}

function isMemberOf(room, name) {
  return room.members.some((m) => nameKey(m.name) === nameKey(name));
}

/** A name and a reason as typedName takes them, the whole argument the name when `isMember` knows it. */
function nameAndReason(rest, isMember) {
  const argument = rest.trim();
  if (!argument) return null;
  const whole = unquote(argument);
  const quoted = /^(["'])(.*?)\1\s*(.*)$/su.exec(argument);
  if (isMember(whole) || (/^["']/u.test(argument) && !quoted)) return whole ? [argument, whole, undefined, ""] : null;
  if (quoted) return quoted[2].trim() ? [argument, quoted[2].trim(), undefined, quoted[3]] : null;
  const [, name, reason] = /^(\S+)\s*(.*)$/su.exec(argument);
  return [argument, name, undefined, reason];
}

/** A name typed as a whole argument, without the quotes (" or ') it may be written in. */
function unquote(name) {
  const quoted = /^(["'])(.*)\1$/su.exec(name);
  return quoted ? quoted[2].trim() : name;
}

/**
 * /ban's words after the command, matched as typedName takes them: the name or address, then as group 3 the
 * duration in seconds (null for a ban until it is lifted) and the reason. A first word `0` is "until lifted", so
 * that a reason may begin with a digit. No match for a duration over the longest, of nothing (`0m` must not quietly
 * mean "until lifted"), or for any other first word that begins with a digit (`1h30`, `30`, `1시간` were meant as
 * durations, and as a reason they would make a ban without end), so that the usage line says how to write one.
 */
function banTyped(rest) {
  const match = BAN.exec(rest);
  if (!match) return null;
  const [first, more] = durationWord(match[3] ?? "");
  let seconds = null;
  let reason = match[3] ?? "";
  if (first === "0") {
    reason = more;
  } else if (BAN_DURATION.test(first)) {
    seconds = durationSeconds(first);
    if (seconds === 0 || seconds > LONGEST_BAN_SECONDS) return null;
    reason = more;
  } else if (/^\p{Nd}/u.test(first)) {
    return null;
  }
  return [match[0], match[1], match[2], { seconds, reason: reason.trim() }];
}

/**
 * /delete's words after the command, matched as typedName takes them: the sender's name, then as group 3 the
 * duration in seconds (null for the server's default, the last hour) and the reason. A duration is written as a ban's
 * (`30m`, `2h`, `1d`, `30분`); one longer than ten years reaches no further back than ten years do. No match for a
 * duration of nothing, or for any other first word that begins with a digit (meant as a duration), so that the usage
 * line says how to write one.
 */
function deleteTyped(rest) {
  const match = BAN.exec(rest);
  if (!match) return null;
  const [first, more] = durationWord(match[3] ?? "");
  let seconds = null;
  let reason = match[3] ?? "";
  if (BAN_DURATION.test(first)) {
    seconds = Math.min(durationSeconds(first), LONGEST_BAN_SECONDS);
    if (seconds === 0) return null;
    reason = more;
  } else if (/^[-+\u2212]?\p{Nd}/u.test(first)) {
    return null;
  }
  return [match[0], match[1], match[2], { seconds, reason: reason.trim() }];
}

/**
 * What is wrong with the duration of a typed /ban (`kind` "ban") or /delete ("delete"), as the terminal says it, or
 * null: a word after the name that starts with a digit is a duration, and one that cannot be read, is zero or, for a
 * ban, is longer than ten years is explained rather than answered with the command's usage. A ban's `0` is "until
 * lifted".
 */
function durationProblem(rest, kind = "ban") {
  const match = BAN.exec(rest);
  const [first] = durationWord(match?.[3] ?? "");
  // A signed duration (-5m) is no reason to give: a slip for a duration, which deletes from the last hour otherwise.
  if (match && kind === "delete" && /^[-+\u2212]\p{Nd}/u.test(first)) return t("delete.durationSigned", first);
  if (!match || (first === "0" && kind === "ban") || !/^\p{Nd}/u.test(first)) return null;
  if (!BAN_DURATION.test(first)) return t(`${kind}.durationUnits`, first);
  const seconds = durationSeconds(first);
  if (seconds === 0) return t(`${kind}.durationZero`, first);
  if (kind === "ban" && seconds > LONGEST_BAN_SECONDS) {
    return t("ban.durationTooLong", first, durationText(LONGEST_BAN_SECONDS));
  }
  return null;
}

/**
 * The first word of what follows a /ban's name, and the rest: a duration written in parts apart, as Korean is
 * (`1시간 30분`), is one word (`1시간30분`), as the terminal client reads it.
 */
function durationWord(text) {
  let [, first = "", more = ""] = /^(\S*)\s*(.*)$/su.exec(text);
  if (!BAN_DURATION.test(first)) return [first, more];
  for (let next = /^(\S+)\s*(.*)$/su.exec(more); next && BAN_DURATION.test(next[1]); next = /^(\S+)\s*(.*)$/su.exec(more)) {
    first += next[1];
    more = next[2];
  }
  return [first, more];
}

/** The seconds of a duration written as BAN_DURATION reads one (1h30m: 5400). */
function durationSeconds(word) {
  let seconds = 0;
  for (const [, count, unit] of word.matchAll(BAN_DURATION_PART)) {
    seconds += Number(count) * UNIT_SECONDS[unit.toLowerCase()];
  }
  return seconds;
}

/**
 * Seconds in the reader's words, largest units first and none that is zero: 1시간 30분, 7일; 1 h 30 min, 7 d (as
 * BanDuration.words says them to the terminal client).
 */
function durationText(seconds) {
  const parts = [
    [Math.floor(seconds / 86400), "d"],
    [Math.floor(seconds / 3600) % 24, "h"],
    [Math.floor(seconds / 60) % 60, "m"],
    [seconds % 60, "s"],
  ];
  const words = parts.filter(([count]) => count > 0).map(([count, unit]) => t(`duration.${unit}`, count));
  return words.join(" ") || t("duration.s", 0);
}

/** The whole seconds from now to `date` (RFC 3339), none when it has passed. */
function secondsUntil(date) {
  return Math.max(0, Math.round((new Date(date).getTime() - Date.now()) / 1000)) || 0;
}

/**
 * The name a command was typed with (groups 1 or 2 of `match`) and what follows it (group 3), the message box
 * emptied; or, without a match, null after explaining the command (`usage`) where it was typed.
 */
function typedName(where, match, usage) {
  if (!match) {
    notice(where, t(usage), "error");
    return null;
  }
  setComposer("");
  return { name: match[1] ?? match[2], more: match[3] };
}

/**
 * /ignore NAME: NAME's chat lines, private messages and invitations are no longer shown (the others still get them),
 * for as long as this tab is in the chat (a reload keeps it: saveSession); without NAME, who is ignored. Said where
 * it was typed.
 */
function ignore(where, name) {
  if (!name) {
    const names = state.ignored.names();
    notice(where, names.length === 0 ? t("ignore.none") : t("ignore.list", names.join(", ")), "");
    return false;
  }
  const done = state.ignored.add(name, state.name); // "added", "administrator" or "self"
  notice(where, t("ignore." + done, name), done === "added" ? "" : "error");
  render(); // kept for a reload
  return done !== "added";
}

/** /unignore NAME: NAME's lines shown again, from the next one on. True when NAME was not ignored. */
function unignore(where, name) {
  const removed = state.ignored.remove(name);
  if (removed === null) notice(where, t("ignore.notIgnored", name), "error");
  else notice(where, t("ignore.removed", removed), "");
  render();
  return removed === null;
}

/** AWAY with `text`, or back when it is empty; the server's answer is shown where it was typed. True when refused. */
async function setAway(where, text) {
  let answer;
  try {
    answer = await state.connection.request("AWAY", "/", { "Content-Type": "text/plain; charset=utf-8" }, text);
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    notice(where, t("send.notConnected"), "error");
    return true;
  }
  if (answer.status !== 200) {
    notice(where, refusalText(answer, "command"), "error");
    return true;
  }
  state.away = text;
  onAway(state.name, text);
  // The page's own words: the answer's sentence is in the server's language.
  notice(where, t(text ? "away.set" : "away.back"), "presence");
  return false;
}

/**
 * RENAME to `typed`. Taken, this page's name is the new one everywhere it holds it: the header, its own lines and
 * member entries, the name it reconnects with and the one the login form offers next time. True when refused.
 */
async function rename(where, typed) {
  if (state.role === "admin") {
    notice(where, t("rename.adminFixed"), "error");
    return true;
  }
  const answer = await request("RENAME", "/", { Name: typed });
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(where, refusalText(answer, "rename", typed), "error");
    return true;
  }
  const from = state.name;
  const to = answer.headers.get("Name") ?? typed;
  state.name = to;
  localStorage.setItem(SAVED_NAME, to);
  // The keys this name kept stay under it: moved with a /nick, they went to whoever renamed from it, as anyone may
  // who signs in under a name nobody holds, and then away from its owner (trial 11: 서연 took 민지's name, then
  // renamed back, and took the room under her own).
  const rooms = renameMember(from, to);
  const text = t("rename.done", to);
  for (const room of rooms) notice(room, text, "presence");
  if (!rooms.includes(where)) notice(where, text, "presence");
  render();
  return false;
}

/**
 * BAN, UNBAN, BANS or KILL with `target` (a name or an address), `reason` and any `more` fields (BAN's Duration,
 * KILL's Name in place of the Target): the lines
 * `shown` makes of the answer, or the refusal, where the command was typed; the answer (null when none came). Only
 * the administrator may: the page says so without asking.
 */
async function banCommand(where, method, target, reason, shown, more = {}) {
  if (state.role !== "admin") {
    notice(where, t("send.adminOnly"), "error");
    return null;
  }
  const headers = { Target: target, ...more, "Content-Type": reason ? "text/plain; charset=utf-8" : null };
  const answer = await request(method, "/", headers, reason);
  if (!answer) return null;
  if (answer.status !== 200) notice(where, refusalText(answer, method.toLowerCase(), target ?? ""), "error");
  else for (const line of shown(answer)) notice(where, line, "");
  return answer;
}

/**
 * A room's ban (its owner's, or the administrator's): BAN, UNBAN or BANS of `room`, said in `room`; the refusal in
 * the reader's words.
 */
async function roomBanCommand(room, method, target, reason, shown, more = {}) {
  const headers = { Target: target, ...more, "Content-Type": reason ? "text/plain; charset=utf-8" : null };
  const answer = await request(method, roomTarget(room.name), headers, reason);
  if (!answer) return null;
  if (answer.status !== 200) notice(room, refusalText(answer, "room" + method.toLowerCase(), target ?? ""), "error");
  else for (const line of shown(answer)) notice(room, line, "");
  return answer;
}

/**
 * /limit: LIMIT of `room` with `limit` (a number), or back to the server's when it is empty; said in the room. True
 * when refused.
 */
async function setLimit(room, limit) {
  const answer = await request("LIMIT", roomTarget(room.name), limit ? { Limit: limit } : { Clear: "true" });
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(room, refusalText(answer, "limit", room.name), "error");
    return true;
  }
  room.capacity = answer.headers.number("Capacity");
  notice(room, answer.body, "");
  render();
  return false;
}

/**
 * /방등록: REGISTER of the room `typed`. The key the server answers, once and to no one else, is shown where it was
 * typed, with a button that copies it and how to use it elsewhere (/입장 ROOM KEY), and kept in this browser
 * (roomkeys.js), which shows it whenever it enters the room again. The administrator, who owns no room, keeps none: it
 * hands the key on. Registering again gives a new key, kept in place of the old, and says that the old one (the
 * answer's Replaced) opens nothing now, wherever it was kept; to the administrator, that the owner needs the new one.
 * True when refused.
 */
async function registerRoom(where, typed) {
  const answer = await request("REGISTER", roomTarget(typed));
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(where, refusalText(answer, "register", typed), "error");
    return true;
  }
  const name = state.conversations.get(keyOf("room", typed))?.name ?? typed;
  const key = answer.headers.get("Room-Key") ?? "";
  // The room had a key: it opens nothing now, wherever it was kept (another browser, a terminal, an IRC client).
  const replaced = answer.headers.get("Replaced") === "true";
  const admin = state.role === "admin";
  const kept = !admin && keepRoomKey(name, key, state.name);
  markRegistered(name, true);
  const registered = state.conversations.get(keyOf("room", typed));
  if (registered && !admin) registered.keyHeld = true; // its owner, here, registered it: as if it entered the key
  const line = notice(where, t(replaced ? "register.redone" : "register.done", name), "ok");
  const shown = h("code", { class: "room-key" }, key);
  line.append(" ", shown, copyButton(shown));
  // The administrator kept the old key nowhere and enters none: it is the owner's keys that open nothing now.
  if (replaced) notice(where, t(admin ? "register.replacedForOwner" : "register.replaced"), "");
  notice(where, t(admin ? "register.keyForOwner" : kept ? "register.kept" : "register.notKept", name, key), "");
  notice(where, t("register.lapse"), "");
  return false;
}

/** Whether the room `name` has a key now: marked in its conversation and the room list. */
function markRegistered(name, registered) {
  const room = state.conversations.get(keyOf("room", name));
  if (room) room.registered = registered;
  for (const row of state.serverRooms) {
    if (keyOf("room", row.name) === keyOf("room", name)) row.registered = registered;
  }
  render();
}

/**
 * A button that copies the key in `shown` to the clipboard. It selects the key first, so that where the clipboard
 * cannot be written (a page over plain HTTP under a name, which browsers give no clipboard) Ctrl+C copies it.
 */
function copyButton(shown) {
  const button = h(
    "button",
    {
      type: "button",
      class: "copy-key",
      "aria-label": t("roomKey.copyLabel"),
      onclick: async () => {
        window.getSelection()?.selectAllChildren(shown);
        try {
          await navigator.clipboard.writeText(shown.textContent);
          button.textContent = t("roomKey.copied");
        } catch {
          // No clipboard here: the key stays selected.
        }
      },
    },
    t("roomKey.copy"),
  );
  return button;
}

/** /등록해제: UNREGISTER of the room `name`; its key, kept here, is forgotten. True when refused. */
async function unregisterRoom(where, name) {
  const answer = await request("UNREGISTER", roomTarget(name));
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(where, refusalText(answer, "unregister", name), "error");
    return true;
  }
  forgetRoomKey(name);
  markRegistered(name, false);
  notice(where, t("unregister.done", name), "ok");
  return false;
}

/**
 * A room registered, given a new key (`Replaced`) or its registration dropped by someone else (the event never goes
 * to the one who did it): said in the room with what it means, and marked; registered or given a new key by the
 * administrator, who hands keys on, with whom the key is, and to the present owner alone that it owns the room until
 * someone enters the key, and how to stay its owner (a member is not invited to ask for it). A key this browser keeps for the room
 * opens nothing now, and is forgotten, saying so; unless the one who gave the room its new key is the name that kept
 * it here, which is this browser in another tab, which keeps the new key in place of the old.
 */
function onRegistration(room, dropped, headers) {
  if (!room) return undefined;
  const by = headers.get("By") ?? "?";
  const replaced = headers.get("Replaced") === "true";
  // The administrator keeps no key: the room is told that the key is the administrator's.
  const byAdministrator = isAdministratorName(by) ? "ByAdmin" : "";
  const change = dropped ? "event.unregistered" : (replaced ? "event.rekeyed" : "event.registered") + byAdministrator;
  const keeper = keptBy(room.name);
  const stale = roomKeyOf(room.name) !== null && !(keeper && nameKey(keeper) === nameKey(by));
  if (stale) forgetRoomKey(room.name);
  const said = stale ? `${t(change, by)} ${t("event.keyForgotten")}` : t(change, by);
  notice(room, said, stale ? "error" : "", headers.get("Date"));
  // The present owner, who owns the room until someone enters the key the administrator has: told so, and how to stay.
  if (byAdministrator && !dropped && isOwnerOf(room)) {
    notice(room, t("event.keyWithAdminForOwner"), "", headers.get("Date"));
  }
  markRegistered(room.name, !dropped);
  // Dropped, or given a key by someone else (the administrator): the owner here holds the room by presence now.
  room.keyHeld = room.keyHeld && !dropped && nameKey(by) === nameKey(state.name ?? "");
  return render();
}

/** Whether this page's member owns `room`, as its member list says (WHO, and OWNER events since). */
function isOwnerOf(room) {
  const me = room.members.find((member) => state.name && nameKey(member.name) === nameKey(state.name));
  return me?.role === "owner";
}

/**
 * /등록목록: the registered rooms (REGISTRATIONS), emptied ones too, as a table: how many are in each now (the room list,
 * asked for again), who registered it, when, its network, and when its key was last used. The administrator's are every
 * one; anyone else's those its network registered, which the answer names (`Network`), with the most it may (`Capacity`).
 * True when refused.
 */
async function registrations(where) {
  const answer = await request("REGISTRATIONS", "/");
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(where, refusalText(answer, "registrations"), "error");
    return true;
  }
  const rows = parseTable(answer.body);
  const network = answer.headers.get("Network");
  const most = answer.headers.get("Capacity") ?? "?";
  if (rows.length === 0) {
    notice(where, network === null ? t("registrations.none") : t("registrations.noneFromNetwork", network, most), "");
    return false;
  }
  await refreshRooms();
  const heading =
    network === null ? t("registrations.heading", rows.length) : t("registrations.fromNetwork", network, rows.length, most);
  notice(where, heading, "").append(registrationsTable(rows));
  return false;
}

/** REGISTRATIONS' rows as a table, each with its room's members now from the room list, or the room empty. */
function registrationsTable(rows) {
  const now = (room) => {
    const row = state.serverRooms.find((each) => keyOf("room", each.name) === keyOf("room", room));
    return row ? t("rooms.count", row.members, row.capacity) : t("registrations.emptied");
  };
  // In the terminal client's order: the room, how many are in it now, who registered it, when, its network, and when its
  // key was last used (the registration lapses unused: README).
  const columns = ["room", "members", "by", "date", "network", "used"];
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "registrations" },
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, t("registrations." + c))))),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            {},
            h("td", {}, row.room),
            h("td", {}, now(row.room)),
            h("td", {}, row.by),
            h("td", {}, row.date ? secondsText(row.date) : ""),
            h("td", {}, row.network ?? ""),
            h("td", {}, row.used ? secondsText(row.used) : ""),
          ),
        ),
      ),
    ),
  );
}

/**
 * /열쇠 KEY: shows `key` (the room's key, got from another browser or device) in `room`: the member owns the room
 * from now on (the server tells everyone, whom it took the room from included: onNewOwner), and the key is kept in
 * this browser as a registration's is. A wrong key is said, and kept nowhere; the administrator's is checked, and kept
 * nowhere either, since it makes it no owner. True when refused.
 */
async function claimRoom(room, key) {
  const answer = await request("CLAIM", roomTarget(room.name), { "Room-Key": key });
  if (answer && answer.status !== 200) notice(room, claimRefusalText(answer, room), "error");
  else if (answer) keyTaken(room, answer, key);
  return refusedAnswer(answer);
}

/**
 * A key typed by hand that `room` took (/열쇠, or /입장 ROOM KEY): the member owns the room, and the key is kept in this
 * browser as a registration's is. The administrator's is checked, and kept nowhere, since it makes it no owner.
 */
function keyTaken(room, answer, key) {
  if (answer.headers.get("Room-Role") === "admin") {
    notice(room, t("claim.admin", room.name), "");
  } else {
    room.keyHeld = answer.headers.get("Room-Role") === "owner";
    notice(room, t(keepRoomKey(room.name, key, state.name) ? "claim.done" : "claim.notKept", room.name), "ok");
  }
  render();
}

/** A CLAIM's refusal in words: a key for a room that has none (not registered) is not said to be an old one. */
function claimRefusalText(answer, room) {
  const noKey = answer.headers.get("Error-Code") === "wrong-room-key" && !room.registered;
  return noKey ? t("roomKey.unregistered", room.name) : refusalText(answer, "claim", room.name);
}

/**
 * A room's member limit set (or given back the server's) by its owner or the administrator: said in the room, and
 * its count shows the new limit.
 */
function onRoomLimit(room, headers) {
  if (!room) return undefined;
  const by = headers.get("By") ?? "?";
  room.capacity = headers.number("Capacity");
  const reset = headers.get("Clear") === "true";
  notice(room, t(reset ? "event.roomLimitReset" : "event.roomLimit", by, room.capacity), "", headers.get("Date"));
  return render();
}

/**
 * Messages of `room` deleted from its history by its owner or the administrator (DELETED, which goes to everyone in
 * the room but the one who deleted): their lines go, live or loaded from history (a line the page never showed is
 * simply not there), and one line says who deleted how many of whose messages, and why when it was said.
 */
function onDeleted(room, headers, reason) {
  if (!room) return undefined;
  const seqs = seqsOf(headers);
  removeMessages(room, seqs);
  const by = headers.get("By") ?? "?";
  const from = headers.get("Name") ?? "?";
  const one = seqs.length === 1 ? "One" : "";
  let text;
  if (state.name && nameKey(from) === nameKey(state.name)) text = t(`event.deletedMine${one}`, by, seqs.length);
  else if (nameKey(from) === nameKey(by)) text = t(`event.deletedOwn${one}`, by, seqs.length);
  else text = t(`event.deleted${one}`, by, from, seqs.length);
  notice(room, withReason(text, reason), "", headers.get("Date"));
  return undefined;
}

/** The Seqs a DELETED event or a DELETE's answer names (`Seqs: 12,13,40`). */
function seqsOf(headers) {
  return (headers.get("Seqs") ?? "")
    .split(",")
    .map((seq) => seq.trim())
    .filter((seq) => /^\d+$/.test(seq))
    .map(Number);
}

/** Takes the chat lines of `seqs` off `room`'s log; the Seqs stay seen, so that nothing shows them again. */
function removeMessages(room, seqs) {
  const gone = new Set(seqs.map(String));
  for (const line of room.log.querySelectorAll("li.msg[data-seq]")) {
    if (gone.has(line.dataset.seq)) removeLine(line);
  }
}

/** A line of the room's with the reason someone gave after it, as a kick's: `… (도배)`. */
function withReason(text, reason) {
  const said = displayText(reason ?? "").trim();
  return said ? `${text} (${said})` : text;
}

/**
 * A room's chat line with a Seq gets a delete button, which style.css shows on the line's hover or the button's focus,
 * and only in a room this page moderates (its owner, or the administrator: view.js marks the log). A line without a
 * Seq (one's own, not answered yet) gets it once the server numbers it.
 */
function offerDelete(where, line) {
  if (where.kind !== "room" || !line.dataset.seq || line.querySelector(".delete-line")) return;
  const button = h("button", { type: "button", class: "delete-line" });
  button.addEventListener("click", (event) => deleteClicked(where, line, button, event));
  showDeleteButton(button, line, false);
  line.append(button);
  markReach(line, deleteReach(where));
}

/** A line's delete button, asking (armed by a first click) or not. */
function showDeleteButton(button, line, armed) {
  const from = line.dataset.from ?? "?";
  button.classList.toggle("armed", armed);
  button.textContent = t(armed ? "message.deleteConfirm" : "message.delete");
  button.setAttribute("aria-label", t(armed ? "message.deleteConfirmLabel" : "message.deleteLabel", from));
}

/**
 * A line's delete button: the first click asks (the button turns into the question), the second, within CONFIRM_MS,
 * deletes the message, as a member's kick button does. Pressed with a key, the focus stays on the button for the
 * second press; a click goes on to the log, which gives the message box the focus.
 */
async function deleteClicked(room, line, button, event) {
  if (event.detail === 0) event.stopPropagation();
  if (!isModerator(room)) return;
  const seq = Number(line.dataset.seq);
  if (!secondClick(`delete ${room.key} ${seq}`, () => showDeleteButton(button, line, false))) {
    showDeleteButton(button, line, true);
    return;
  }
  await deleteMessages(room, { Seq: seq });
  if (!button.isConnected) focusComposer(); // its line went, and with it the focus
}

/**
 * DELETE in `room`: one message (`fields`: Seq) or one name's (`name`) of the last while (Name, Within), with `reason`.
 * Taken, the lines go and one line says how many of whose messages were deleted (one's own said so), how many older
 * ones it passed over and why (Passed-Over: an owner by presence deletes only what was sent since it joined), and that
 * there may be more when it took as many as one DELETE does; refused, why. True when refused.
 */
async function deleteMessages(room, fields, reason = "", name = "") {
  const headers = { ...fields, "Content-Type": reason ? "text/plain; charset=utf-8" : null };
  const answer = await request("DELETE", roomTarget(room.name), headers, reason);
  if (!answer) return true;
  if (answer.status !== 200) {
    notice(room, refusalText(answer, "delete", name), "error");
    return true;
  }
  const seqs = seqsOf(answer.headers);
  removeMessages(room, seqs);
  const from = answer.headers.get("Name") ?? name;
  const one = seqs.length === 1 ? "One" : "";
  const mine = state.name && nameKey(from) === nameKey(state.name);
  let said = withReason(mine ? t(`delete.doneMine${one}`, seqs.length) : t(`delete.done${one}`, from, seqs.length), reason);
  const passedOver = answer.headers.number("Passed-Over") ?? 0;
  if (passedOver > 0) said += ` ${t(passedOver === 1 ? "delete.passedOverOne" : "delete.passedOver", passedOver)}`;
  notice(room, said, "");
  if (fields.Name && seqs.length >= MAX_DELETED) notice(room, t("delete.more", MAX_DELETED), "");
  return false;
}

/**
 * /roomban: bans `name` from `room` (for `seconds`, or until lifted when null), then, when it is in the room, kicks it
 * with the reason: the kick-ban an owner wants. True when refused.
 */
async function roomBan(room, name, seconds, reason) {
  const done = (answer) => {
    const target = answer.headers.get("Target") ?? name;
    const expires = answer.headers.get("Expires");
    const address = answer.headers.get("Address");
    return [
      [
        expires ? t("roomban.doneUntil", target, secondsText(expires)) : t("roomban.done", target),
        address && t("roomban.address", target, address),
      ]
        .filter(Boolean)
        .join(" "),
    ];
  };
  const answer = await roomBanCommand(room, "BAN", name, reason, done, { Duration: seconds });
  if (answer?.status === 200 && isMemberOf(room, name)) return kick(room, name, reason);
  return refusedAnswer(answer);
}

/** A room's BANS table, one line per ban (as /bans shows the server's), or a sentence when there is none. */
function roomBanList(room, table) {
  const rows = parseTable(table);
  if (rows.length === 0) return [t("roombans.none", room.name)];
  return [
    t("roombans.heading", room.name, rows.length),
    ...rows.map((row) => {
      const kind = t(row.kind === "mask" ? "bans.kindMask" : "bans.kindName");
      const said = row.expires
        ? t("bans.rowUntil", row.target, kind, row.by, secondsText(row.date), secondsText(row.expires))
        : t("bans.row", row.target, kind, row.by, secondsText(row.date));
      return said + (row.address ? ` [${row.address}]` : "") + (row.reason ? ` — ${row.reason}` : "");
    }),
  ];
}

/**
 * A room's ban set (BAN) or lifted (UNBAN) by its owner or the administrator: said in the room; a ban of this page's
 * own name says that it can no longer speak there.
 */
function onRoomBan(room, added, headers, reason) {
  if (!room) return undefined;
  const by = headers.get("By") ?? "?";
  const target = headers.get("Target") ?? "?";
  const me = added && nameKey(target) === nameKey(state.name ?? "");
  const expires = headers.get("Expires");
  // The member it fits is told until when and why, as a server ban's BANNED tells it.
  const mine = expires ? t("event.roomBanMeUntil", by, secondsText(expires)) : t("event.roomBanMe", by);
  const why = me && reason ? ` ${t("event.roomBanReason", reason)}` : "";
  const said = me ? mine + why : t(added ? "event.roomBan" : "event.roomUnban", by, target);
  notice(room, said, me ? "error" : "", headers.get("Date"));
  return undefined;
}

/**
 * KILL: the administrator disconnects `name` from the server, banning nothing; said where it was typed. The rooms it
 * was in changed, whether or not this page is in them. True when refused.
 */
async function disconnectMember(where, name, reason) {
  const done = (answer) => [t("kill.done", answer.headers.get("Name") ?? name)];
  const answer = await banCommand(where, "KILL", name, reason, done, { Target: null, Name: name });
  if (answer?.status === 200) roomsChanged();
  return refusedAnswer(answer);
}

/**
 * What a ban did, in the reader's words: whom it keeps out and, for a timed ban (`seconds` asked for), how long and
 * until when in the reader's time; how many it put out; the address of a named member.
 */
function banDone(headers, typed, seconds) {
  const target = headers.get("Target") ?? typed;
  const out = headers.number("Disconnected") ?? 0;
  const address = headers.get("Address");
  const expires = headers.get("Expires");
  const kind = { address: "ban.address", mask: "ban.mask" }[headers.get("Kind")] ?? "ban.name";
  return [
    [
      expires
        ? t(`${kind}Until`, target, secondsText(expires), durationText(seconds ?? secondsUntil(expires)))
        : t(kind, target),
      out > 0 && t("ban.disconnected", out),
      address && t("ban.addressHint", target, address),
    ]
      .filter(Boolean)
      .join(" "),
  ];
}

/**
 * The BANS table, one line per ban (its date and, for a timed one, its end in the reader's time), or a sentence when
 * there is none.
 */
function banList(table) {
  const rows = parseTable(table);
  if (rows.length === 0) return [t("bans.none")];
  return [
    t("bans.heading", rows.length),
    ...rows.map((row) => {
      const kind = t({ address: "bans.kindAddress", mask: "bans.kindMask" }[row.kind] ?? "bans.kindName");
      const said = row.expires
        ? t("bans.rowUntil", row.target, kind, row.by, secondsText(row.date), secondsText(row.expires))
        : t("bans.row", row.target, kind, row.by, secondsText(row.date));
      return said + (row.reason ? ` — ${row.reason}` : "");
    }),
  ];
}

/**
 * SEND in a room or PRIVATE in a private conversation, the line shown at once, queued behind the lines still on their
 * way out (OutgoingLines: one at a time, held back and sent in order when flood control refuses one), and marked if
 * refused. `first` ({from}) when `where` is a private conversation not shown yet: shown once the message is taken, else
 * the refusal is told in `from`, where it was typed. Resolves to true when the line was refused or not sent, false
 * once taken (or, its answer lost with the connection, perhaps taken).
 */
function send(where, text, action = false, inputCleared = false, first = null) {
  const body = action ? `\u0001ACTION ${text}\u0001` : text;
  if (byteLength(body) > MAX_BODY_BYTES) {
    notice(first?.from ?? where, t("send.tooLong", MAX_BODY_BYTES), "error");
    return Promise.resolve(true);
  }
  if (state.phase !== "online") {
    notice(first?.from ?? where, t("send.notConnected"), "error");
    return Promise.resolve(true);
  }
  if (where.kind === "room" && !where.joined) {
    notice(where, t("conv.notJoined"), "error");
    return Promise.resolve(true);
  }
  if (!inputCleared) setComposer("");
  const line = addMessage(where, {
    from: state.name,
    date: new Date().toISOString(),
    text: body,
    seq: null,
    history: false,
    own: true,
    private: where.kind === "private",
  });
  line.classList.add("pending");
  return new Promise((settled) => state.outgoing.add({ where, body, line, first, settled }));
}

/**
 * One queued line on the wire: SEND to its room, or PRIVATE to its person. The line notes who sent it and the last Seq
 * its room had then: should its answer be lost, history after that Seq from that name may show it was taken.
 */
function sendLine(item) {
  const { where, body } = item;
  if (state.phase !== "online") return Promise.reject(new ConnectionError("closed", true));
  item.from = state.name;
  item.after = where.lastSeq;
  const type = { "Content-Type": "text/plain; charset=utf-8" };
  // Patient: however late, the answer says the line was taken; only a lost connection leaves it in doubt.
  const patient = { patient: true };
  return where.kind === "room"
    ? state.connection.request("SEND", roomTarget(where.name), type, body, patient)
    : state.connection.request("PRIVATE", "/", { To: where.name, ...type }, body, patient);
}

/** A queued line's answer, other than "wait": taken (its Seq and the server's time), or refused and marked. */
function lineAnswered(item, answer) {
  let { where } = item;
  const { line, first } = item;
  showWaiting(line, false);
  line.classList.remove("pending");
  if (answer.status !== 200) {
    lineNotSent(item, refusalText(answer, where.kind === "room" ? "send" : "private", where.name));
    return;
  }
  item.settled(false);
  if (first) where = adopt(where);
  stampSent(where, line, answer.headers.number("Seq"), answer.headers.get("Date"));
  const away = answer.headers.get("Away");
  if (away) notice(where, t("private.away", where.name, away), "presence");
}

/**
 * One's own line taken by the server: its Seq noted (no replay shows it again), stamped with the server's time, and
 * placed in the room's order (placeInOrder).
 */
function stampSent(where, line, seq, date) {
  where.sawMessage(seq);
  if (seq !== null) line.dataset.seq = seq;
  if (date) line.querySelector("time").replaceWith(timeElement(date));
  if (seq !== null) placeInOrder(line, seq);
  offerDelete(where, line);
}

/**
 * The first of the lines at the end of `where`'s log that the room numbered after `seq`, notices between them
 * aside: one's own lines whose answer came before a line of someone else's the server took first. That line goes
 * above them, in the room's order (null: at the end).
 */
function numberedAfter(where, seq) {
  if (seq === null || seq === undefined) return null;
  let first = null;
  for (let line = where.log.lastElementChild; line; line = line.previousElementSibling) {
    if (!line.classList.contains("msg")) continue;
    if (!line.dataset.seq || Number(line.dataset.seq) < seq) break;
    first = line;
  }
  return first;
}

/**
 * One's own line, shown where it was typed, goes below the lines of others that arrived meanwhile and that the room
 * numbered before it (a lower Seq): after a stall the server may take someone else's line first, and every other
 * member reads that one first (the terminal prints its own line only once the server took it; trial 10). It stays
 * above anything numbered after it and above one's own lines still waiting, which go out after it.
 */
function placeInOrder(line, seq) {
  let after = null;
  for (let next = line.nextElementSibling; next; next = next.nextElementSibling) {
    if (!next.classList.contains("msg")) continue; // a notice: goes with the message around it
    const theirs = next.dataset.seq ? Number(next.dataset.seq) : null;
    if (theirs === null || theirs > seq) break; // one's own line not answered yet, or a later one
    after = next;
  }
  after?.after(line);
}

/**
 * A line the server did not answer before the connection closed: it may or may not have been taken (a reconnect's
 * history shows it if it was: confirmedByHistory), so it is marked as such, not as not sent, lest it be sent twice.
 */
function lineUnconfirmed(item) {
  const { line, first, where } = item;
  item.settled(false); // perhaps taken: not to be sent again
  showWaiting(line, false);
  line.classList.remove("pending");
  line.classList.add("failed", "unconfirmed");
  line.append(h("span", { class: "failure" }, t("message.unconfirmed")));
  if (first) notice(first.from, t("message.unconfirmed"), "error");
  else if (where.kind === "room") where.unconfirmed.push(item);
}

/**
 * A message of history in `room` that is a line of this page's marked as possibly not sent (OCP carries no id of a
 * line but its Seq, which the lost answer held): the same text, from the name it was sent under, after the last Seq
 * the room had when it went out. It was taken, then: the marked line becomes the sent one, with the server's Seq and
 * time, instead of the replay showing it a second time. True when one matched; lines that history does not show
 * stay marked.
 */
function confirmedByHistory(room, from, body, seq, date) {
  if (seq === null || room.unconfirmed.length === 0) return false;
  const which = room.unconfirmed.findIndex(
    (item) => item.body === body && seq > item.after && nameKey(item.from) === nameKey(from),
  );
  if (which < 0) return false;
  const [{ line }] = room.unconfirmed.splice(which, 1);
  line.classList.remove("failed", "unconfirmed");
  line.querySelector(".failure")?.remove();
  stampSent(room, line, seq, date);
  return true;
}

/** A queued line that did not go: marked with why (a first private message: said where it was typed). */
function lineNotSent({ where, line, first, settled }, reason) {
  settled(true);
  showWaiting(line, false);
  if (first) notice(first.from, t("private.notSent", where.name, reason), "error");
  else failed(line, reason);
}

/**
 * The queue changed: while it holds back, each line it holds is marked as waiting (until it is sent), and the bar
 * over the message box says how many wait and for how long.
 */
function outgoingChanged() {
  if (state.outgoing.holding) for (const item of state.outgoing.waiting) showWaiting(item.line, true);
  renderOutgoing();
}

/** Marks a line of one's own as waiting for flood control to let it go, or no longer. */
function showWaiting(line, waiting) {
  const mark = line.querySelector(".waiting-mark");
  line.classList.toggle("waiting", waiting);
  if (waiting && !mark) line.append(h("span", { class: "waiting-mark" }, t("message.waiting")));
  if (!waiting) mark?.remove();
}

/** A private conversation whose first message was taken: listed and on screen (one opened meanwhile takes its lines). */
function adopt(exchange) {
  const open = state.conversations.get(exchange.key);
  if (open) {
    open.log.append(...exchange.log.childNodes);
    switchTo(open);
    return open;
  }
  state.conversations.set(exchange.key, exchange);
  ui.logs.append(exchange.log);
  switchTo(exchange);
  return exchange;
}

function failed(line, reason) {
  line.classList.remove("pending");
  line.classList.add("failed");
  line.append(h("span", { class: "failure" }, t("message.failed", reason)));
}

// ---------------------------------------------------------------------------------------------------------
// The log

/**
 * Shows a chat line in a conversation and notes its Seq. In a private conversation one's own lines are from "나" (me),
 * but one's own action names oneself ("* alice waves"), as in a room.
 */
function addMessage(where, m) {
  const sender = m.own && where.kind === "private" && !isAction(m.text) ? t("message.me") : m.from;
  const line = messageLine({ ...m, sender });
  where.sawMessage(m.seq);
  const before = m.history
    ? (where.olderAnchor ?? (where.joinLine?.isConnected ? where.joinLine : null))
    : numberedAfter(where, m.seq);
  if (!m.history) where.joinLine = null;
  // A line of an earlier page goes above the one being read, which keeps its place on screen: what the log grew by
  // above it (this line, the button hidden once the first message is there) is scrolled past.
  const earlier = m.history && where.olderAnchor && where === state.current;
  const fromBottom = ui.logs.scrollHeight - ui.logs.scrollTop;
  insert(where, line, before);
  if (where.kind === "room") showOlderButton(where);
  if (earlier) ui.logs.scrollTop = ui.logs.scrollHeight - fromBottom;
  offerDelete(where, line);
  return line;
}

/** A notice line in a conversation (none without one); the line. */
function notice(where, text, kind, date = null) {
  if (!where) return null;
  const line = noticeLine(text, kind, date);
  insert(where, line, null);
  return line;
}

/** Appends (or puts an earlier page's line before `before`), following the bottom when the reader is there. */
function insert(where, line, before) {
  const stick = ui.logs.scrollHeight - ui.logs.scrollTop - ui.logs.clientHeight < 48;
  if (before) where.log.insertBefore(line, before);
  else where.log.append(line);
  const atEnd = !before || before === where.joinLine; // a replayed line goes in just above the last one
  if (where === state.current && atEnd && (stick || line.classList.contains("own"))) {
    ui.logs.scrollTop = ui.logs.scrollHeight;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Showing a conversation, panels, focus

function switchTo(where) {
  if (state.current) state.current.log.hidden = true;
  state.current = where;
  where.log.hidden = false;
  where.unread = 0;
  if (where.kind === "room") {
    state.lastRoom = where;
    if (where.joined && state.phase === "online") requestWho(where);
  }
  ui.chat.classList.remove("show-rooms", "show-members");
  render();
  ui.logs.scrollTop = ui.logs.scrollHeight;
  focusComposer();
}

function conversationAction() {
  const where = state.current;
  if (!where) return;
  if (where.kind === "private") {
    where.log.remove();
    state.conversations.delete(where.key);
    state.current = null;
    const next = state.lastRoom ?? state.conversations.get(state.joined[0]);
    if (next) switchTo(next);
    else render();
  } else if (where.joined) {
    partRoom(where);
  } else {
    joinRoom(where.name);
  }
}

function togglePanel(which) {
  const cls = which === "rooms" ? "show-rooms" : "show-members";
  const other = which === "rooms" ? "show-members" : "show-rooms";
  ui.chat.classList.remove(other);
  ui.chat.classList.toggle(cls);
  renderToggles();
}

function closePanels() {
  ui.chat.classList.remove("show-rooms", "show-members");
  renderToggles();
  focusComposer();
}

function focusComposer() {
  if (!ui.composerInput.disabled && !ui.chat.hidden) ui.composerInput.focus({ preventScroll: true });
}

/** A key typed while nothing editable has focus goes to the message box. */
function typeIntoComposer(event) {
  const target = event.target;
  if (ui.chat.hidden || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLButtonElement
  )
    return;
  focusComposer();
}

start();
