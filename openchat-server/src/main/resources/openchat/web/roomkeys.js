// The keys of registered rooms this browser holds (docs/PROTOCOL.md, REGISTER and Room-Key): kept when its owner
// registered a room here (/방등록) or showed a key typed in (/열쇠), with the name it had, and shown as Room-Key whenever
// the page enters that room under that name (the login's CONNECT, a JOIN, a reload, a reconnect, an invitation's
// button), so that an owner who comes back owns the room again. Under another name nothing is sent, and nothing asked:
// a browser is shared (two tabs, a club's PC), and the next person in must not take the rooms of the last (trial 10).
// localStorage is the page's origin's own and the page chats with its origin's server (/ws): a key is kept for that
// server and room alone. Unlike the tab's session (sessionStorage) it outlasts the tab and is shared by its tabs, as
// the name the login form offers is.

import { fold, nameKey } from "./names.js";

const PREFIX = "openchat.roomKey:";
/** Beside a key: the name this page had when it kept it (keptBy). */
const KEEPER = "openchat.roomKeyBy:";

/** The entry of `room`: rooms are one whatever their case, as the server tells them apart. */
function entry(room, prefix = PREFIX) {
  return prefix + fold(room);
}

/**
 * A key as the server reads one (RoomKey in the chat core: 26 letters and digits of lower-case base32), the white space
 * a copy may have put around or in it taken out and its letters in lower case; null when what was typed cannot be a
 * key (too short or long, or a letter base32 has not: 0, 1, 8, 9, a Hangul syllable), so that it is not sent.
 */
export function typedRoomKey(typed) {
  const key = typed.replace(/\s+/gu, "").toLowerCase();
  return /^[a-z2-7]{26}$/.test(key) ? key : null;
}

/**
 * The key kept for `room` to be shown by `name`: only when `name` is, as the server tells names apart, the name that
 * kept it; null otherwise, and for a key kept without a name (by a page older than names were noted), which may be
 * anyone's.
 */
export function roomKeyFor(room, name) {
  const keeper = keptBy(room);
  return keeper !== null && name && nameKey(keeper) === nameKey(name) ? roomKeyOf(room) : null;
}

/** The key kept for `room`, whoever kept it, or null. */
export function roomKeyOf(room) {
  try {
    return localStorage.getItem(entry(room));
  } catch {
    return null; // storage off: the room is entered without a key
  }
}

/**
 * Keeps `key` for `room` in place of any before, noting `keeper`, the name the page has; false when the browser keeps
 * nothing (storage off or full).
 */
export function keepRoomKey(room, key, keeper) {
  try {
    localStorage.setItem(entry(room), key.trim().toLowerCase());
    localStorage.setItem(entry(room, KEEPER), keeper);
    return true;
  } catch {
    return false;
  }
}

/**
 * The name under which this browser kept the key of `room`, or null (none kept, or kept before names were noted). A
 * room given a new key by that name was given it by this browser, in another tab, which keeps the new key: a tab that
 * hears of it (a REGISTER event, which never goes to the one who did it) must not take it for the old one.
 */
export function keptBy(room) {
  try {
    return localStorage.getItem(entry(room)) === null ? null : localStorage.getItem(entry(room, KEEPER));
  } catch {
    return null;
  }
}

export function forgetRoomKey(room) {
  try {
    localStorage.removeItem(entry(room));
    localStorage.removeItem(entry(room, KEEPER));
  } catch {
    // Nothing kept.
  }
}
