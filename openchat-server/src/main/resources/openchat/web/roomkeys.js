// The keys of registered rooms this browser holds (docs/PROTOCOL.md, REGISTER and Room-Key): kept when its owner
// registered a room here (/방등록) or showed a key typed in (/열쇠), and shown as Room-Key whenever the page enters that
// room (the login's CONNECT, a JOIN, a reload, a reconnect), so that an owner who comes back owns the room again.
// localStorage is the page's origin's own and the page chats with its origin's server (/ws): a key is kept for that
// server and room alone. Unlike the tab's session (sessionStorage) it outlasts the tab and is shared by its tabs, as
// the name the login form offers is.

import { fold } from "./names.js";

const PREFIX = "openchat.roomKey:";

/** The entry of `room`: rooms are one whatever their case, as the server tells them apart. */
function entry(room) {
  return PREFIX + fold(room);
}

/** The key kept for `room`, or null. */
export function roomKeyOf(room) {
  try {
    return localStorage.getItem(entry(room));
  } catch {
    return null; // storage off: the room is entered without a key
  }
}

/** Keeps `key` for `room` in place of any before; false when the browser keeps nothing (storage off or full). */
export function keepRoomKey(room, key) {
  try {
    localStorage.setItem(entry(room), key.trim().toLowerCase());
    return true;
  } catch {
    return false;
  }
}

export function forgetRoomKey(room) {
  try {
    localStorage.removeItem(entry(room));
  } catch {
    // Nothing kept.
  }
}
