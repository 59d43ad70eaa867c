// The panels around the conversation, drawn from the page's state: the connection status, the room list,
// the private conversations, the conversation's head, the member list and the message box.

import { h, replaceChildren } from "./dom.js";
import { PAGE_TITLE, t } from "./i18n.js";
import { linkify } from "./links.js";
import { isAdministratorName, keyOf, nameKey } from "./names.js";

let state;
let ui;
let actions;

/**
 * The state to draw, the page's elements, and what clicks do: {open(conversation), join(room), whisper(name),
 * kickClicked(room, name)}.
 */
export function initView(theState, theUi, theActions) {
  state = theState;
  ui = theUi;
  actions = theActions;
}

/** Draws every panel from the state. */
export function render() {
  renderStatus();
  renderRooms();
  renderHead();
  renderMembers();
  renderLogs();
  renderComposer();
  renderOutgoing();
  renderToggles();
  const unread = [...state.conversations.values()].reduce((sum, c) => sum + c.unread, 0);
  document.title = (unread > 0 ? `(${unread}) ` : "") + PAGE_TITLE;
}

/** The connection status (also every second while waiting to reconnect) and who this is. */
export function renderStatus() {
  const status = ui.connStatus;
  status.dataset.state = state.phase === "online" && state.silent ? "silent" : state.phase;
  // On a phone, how the bar is laid out (style.css): connected, the status is a dot; else (silent too) it is said.
  ui.topbar.dataset.state = status.dataset.state;
  if (state.phase === "online") {
    status.textContent = t(state.silent ? "status.noAnswer" : "status.online");
  } else if (state.phase === "offline") {
    status.textContent = t("status.offline", Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000)));
  } else if (state.phase === "connecting") {
    status.textContent = t("status.connecting");
  } else if (state.phase === "stopped") {
    status.textContent = t("status.stopped");
  } else if (state.phase === "banned") {
    // By whom, until when and why, as the rooms' logs say it (and the terminal client).
    status.textContent = state.putOutText;
  }
  status.title = status.textContent; // on a phone, connected, the status is only a dot
  // Waiting to try again, it tries now; after the server shut down, it is the only way back in.
  ui.reconnectNow.hidden = state.phase !== "offline" && state.phase !== "stopped";
  ui.reconnectNow.textContent = t(state.phase === "stopped" ? "status.connectAgain" : "status.reconnectNow");
  replaceChildren(
    ui.me,
    h("span", { class: "me-name" }, t("header.me", state.name ?? "")),
    state.role === "admin" && h("span", { class: "role admin" }, t("header.admin")),
  );
  ui.shutdown.hidden = state.role !== "admin";
}

/** A registered room's mark in the room lists: whoever enters its key owns it (LIST's registered, then the events). */
function registeredMark(registered) {
  const title = t("room.registeredTitle");
  return registered && h("span", { class: "registered-mark", title }, t("rooms.registeredMark"));
}

function unreadBadge(count) {
  return count > 0 && h("span", { class: "unread", "aria-label": t("rooms.unread", count) }, String(count));
}

function roomCount(members, capacity) {
  if (members === null || capacity === null || Number.isNaN(members)) return null;
  return h(
    "span",
    { class: "count", "aria-label": t("rooms.countLabel", capacity, members) },
    t("rooms.count", members, capacity),
  );
}

/**
 * The order of the other rooms: numbers by their value (한도2 before 한도10), case aside; the same in either language
 * (Latin names, then Hangul in 가나다 order), as the server's own list.
 */
const ROOM_ORDER = new Intl.Collator("en", { numeric: true });

function renderRooms() {
  const joined = state.joined.map((key) => state.conversations.get(key));
  replaceChildren(
    ui.roomList,
    joined.map((room) =>
      h(
        "li",
        { dataset: { room: room.name, registered: room.registered ? "true" : null } },
        h(
          "button",
          {
            type: "button",
            class: "conv",
            "aria-current": room === state.current ? "true" : null,
            onclick: () => actions.open(room),
          },
          h("span", { class: "name" }, room.name),
          registeredMark(room.registered),
          roomCount(room.memberCount, room.capacity),
          unreadBadge(room.unread),
        ),
      ),
    ),
  );
  const others = state.serverRooms
    .filter((row) => !state.conversations.get(keyOf("room", row.name))?.joined)
    .sort((a, b) => ROOM_ORDER.compare(a.name, b.name));
  replaceChildren(
    ui.otherRooms,
    others.length === 0
      ? h("li", { class: "empty" }, t("rooms.none"))
      : others.map((row) =>
          h(
            "li",
            { dataset: { room: row.name, registered: row.registered ? "true" : null } },
            h(
              "button",
              { type: "button", class: "conv", title: row.topic || null, onclick: () => actions.join(row.name) },
              h("span", { class: "name" }, row.name),
              registeredMark(row.registered),
              roomCount(row.members, row.capacity),
            ),
          ),
        ),
  );
  const exchanges = [...state.conversations.values()].filter((c) => c.kind === "private");
  ui.dmSection.hidden = exchanges.length === 0;
  replaceChildren(
    ui.dmList,
    exchanges.map((exchange) =>
      h(
        "li",
        { dataset: { peer: exchange.name } },
        h(
          "button",
          {
            type: "button",
            class: "conv",
            "aria-current": exchange === state.current ? "true" : null,
            onclick: () => actions.open(exchange),
          },
          h("span", { class: "name" }, exchange.name),
          unreadBadge(exchange.unread),
        ),
      ),
    ),
  );
}

function renderHead() {
  const where = state.current;
  // A registered room's mark beside its name: whoever enters the room's key owns it.
  ui.convRegistered.hidden = !(where?.kind === "room" && where.joined && where.registered);
  if (!where) {
    ui.convTitle.textContent = "";
    ui.convTopic.textContent = t("room.noRoom");
    ui.convAction.hidden = true;
    return;
  }
  ui.convTitle.textContent = where.kind === "room" ? where.name : t("conv.privateWith", where.name);
  replaceChildren(ui.convTopic, where.kind === "room" && where.topic ? linkify(t("room.topic", where.topic)) : "");
  ui.convAction.hidden = false;
  ui.convAction.textContent =
    where.kind === "private" ? t("conv.close") : where.joined ? t("conv.part") : t("conv.rejoin");
}

function renderMembers() {
  if (state.current?.kind === "private") {
    renderPartner(state.current);
    return;
  }
  const room = state.current;
  if (!room || !room.joined) {
    ui.membersTitle.textContent = t("header.members");
    replaceChildren(ui.memberList);
    return;
  }
  ui.membersTitle.textContent = t("members.heading", room.members.length);
  const canKick = isModerator(room);
  replaceChildren(
    ui.memberList,
    room.members.map((member) => {
      const isMe = nameKey(member.name) === nameKey(state.name ?? "");
      return h(
        "li",
        { dataset: { name: member.name, role: member.role }, class: member.away ? "away" : null },
        h(
          "button",
          {
            type: "button",
            class: "member",
            disabled: isMe,
            title: isMe ? null : t("members.whisper", member.name),
            "aria-label": isMe ? null : t("members.whisper", member.name),
            onclick: () => actions.whisper(member.name),
          },
          h(
            "span",
            { class: "name", title: member.away ? t("members.away", member.name, member.away) : member.name },
            member.name,
          ),
          Boolean(member.away) && h("span", { class: "away-mark", title: member.away }, t("members.awayMark")),
          isMe && h("span", { class: "role me" }, t("role.me")),
          roleMark(member.role),
        ),
        canKick &&
          !isMe &&
          (member.role !== "admin" || state.role === "admin") &&
          kickButton(room, member.name),
      );
    }),
  );
}

/**
 * Whether this page moderates `room`: the administrator, or the room's owner as its member list says (WHO, and the
 * OWNER events since). A moderator gets the member list's kick buttons and the chat lines' delete buttons.
 */
export function isModerator(room) {
  const mine = room.members.find((member) => nameKey(member.name) === nameKey(state.name ?? ""));
  return state.role === "admin" || mine?.role === "owner" || mine?.role === "admin";
}

/**
 * A room's log is marked when this page moderates the room: its chat lines show their delete buttons (style.css),
 * but for the lines out of its reach (deleteReach).
 */
function renderLogs() {
  for (const conversation of state.conversations.values()) {
    const moderated = conversation.kind === "room" && conversation.joined && isModerator(conversation);
    conversation.log.classList.toggle("moderated", moderated);
    const reach = conversation.kind === "room" ? deleteReach(conversation) : 0;
    if (conversation.reachMarked === reach) continue;
    conversation.reachMarked = reach;
    for (const line of conversation.log.querySelectorAll("li.msg[data-seq]")) markReach(line, reach);
  }
}

/**
 * The Seq at or below which this page may not delete a message of `room`'s (0: none such): an owner by presence (who
 * made the room, or inherited it) deletes only what was sent since it joined, the room's last Seq then being its
 * join's answer's (docs/PROTOCOL.md, "Deleting messages"); the administrator, and an owner who entered the room's key
 * or registered it, any. A cluster holds even the key's holder to what was said since it joined, which the page cannot
 * tell: there the server's refusal (sent-before-joined) says why.
 */
export function deleteReach(room) {
  return state.role === "admin" || room.keyHeld ? 0 : room.joinSeq ?? 0;
}

/** A chat line of a room marked out of this page's reach to delete (style.css hides its delete button), or not. */
export function markReach(line, reach) {
  line.classList.toggle("out-of-reach", reach > 0 && Number(line.dataset.seq) <= reach);
}

/** What identifies a kick armed by its first click (app.js, secondClick): the room and the member. */
export function kickKey(room, name) {
  return `kick ${keyOf("room", room.name)} ${nameKey(name)}`;
}

/**
 * A member's kick button. A kick is done at the second click, as the shutdown button's: the first turns the button
 * into the question, so that a slip of the mouse in a busy list removes nobody.
 */
function kickButton(room, name) {
  const armed = state.armed?.key === kickKey(room, name);
  return h(
    "button",
    {
      type: "button",
      class: armed ? "kick armed" : "kick",
      "aria-label": armed ? t("members.kickConfirmLabel", name) : t("members.kickLabel", name),
      onclick: () => actions.kickClicked(room, name),
    },
    armed ? t("members.kickConfirm") : t("members.kick"),
  );
}

/** A member's role beside its name: "관리자" or "방장"; nothing for a member. */
function roleMark(role) {
  return role !== "member" && h("span", { class: "role " + role }, t("role." + role));
}

/**
 * In a private conversation the panel shows who is in it, the other person and oneself, as chat pages show a
 * direct message's people: no room is on screen, so no room's members, and no button that acts on a room. The
 * administrator is marked as in a room's list, so that it is told from a look-alike name here too.
 */
function renderPartner(exchange) {
  ui.membersTitle.textContent = t("members.privateHeading");
  const away = awayMessage(exchange.name);
  const role = isAdministratorName(exchange.name) ? "admin" : "member";
  const myRole = state.role === "admin" ? "admin" : "member";
  replaceChildren(ui.memberList, [
    h(
      "li",
      { dataset: { name: exchange.name, role }, class: away ? "away" : null },
      h(
        "span",
        { class: "member" },
        h(
          "span",
          { class: "name", title: away ? t("members.away", exchange.name, away) : exchange.name },
          exchange.name,
        ),
        Boolean(away) && h("span", { class: "away-mark", title: away }, t("members.awayMark")),
        roleMark(role),
      ),
    ),
    h(
      "li",
      { dataset: { name: state.name ?? "", role: myRole } },
      h(
        "span",
        { class: "member" },
        h("span", { class: "name" }, state.name ?? ""),
        h("span", { class: "role me" }, t("role.me")),
        roleMark(myRole),
      ),
    ),
  ]);
}

/** The away message of `name` as a room this page is in lists it ("" when not away, or not in a shared room). */
function awayMessage(name) {
  for (const conversation of state.conversations.values()) {
    if (conversation.kind !== "room") continue;
    const member = conversation.members.find((m) => nameKey(m.name) === nameKey(name));
    if (member?.away) return member.away;
  }
  return "";
}

function renderComposer() {
  const where = state.current;
  const usable = Boolean(where) && (where.kind === "private" || where.joined);
  ui.composerInput.disabled = !usable;
  ui.composerSend.disabled = !usable;
  ui.composerInput.placeholder = !where
    ? ""
    : where.kind === "private"
      ? t("composer.placeholderPrivate", where.name)
      : where.joined
        ? t("composer.placeholder", where.name)
        : t("conv.notJoined");
}

/**
 * The bar over the message box while lines are late to go out (flood control held them back): how many, and when
 * they go on. Hidden while lines go out as typed.
 */
export function renderOutgoing() {
  const queue = state.outgoing;
  const count = queue.count;
  ui.outgoing.hidden = !queue.delayed || count === 0;
  if (ui.outgoing.hidden) {
    ui.outgoing.textContent = ""; // nothing stale left to be read
    return;
  }
  const one = count === 1 ? "One" : "";
  ui.outgoing.textContent = queue.holding
    ? t(`outgoing.${queue.readOnly ? "holdingReadOnly" : "holding"}${one}`, count, queue.secondsLeft)
    : t(`outgoing.sending${one}`, count);
}

/** The phone layout's panel buttons, the rooms one with the unread count of the other conversations. */
export function renderToggles() {
  const elsewhere = [...state.conversations.values()]
    .filter((c) => c !== state.current)
    .reduce((sum, c) => sum + c.unread, 0);
  replaceChildren(ui.toggleRooms, t("header.rooms"), unreadBadge(elsewhere));
  ui.toggleRooms.setAttribute("aria-expanded", String(ui.chat.classList.contains("show-rooms")));
  ui.toggleMembers.setAttribute("aria-expanded", String(ui.chat.classList.contains("show-members")));
}
