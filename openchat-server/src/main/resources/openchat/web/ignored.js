// /ignore NAME: the people whose chat lines, private messages and invitations this page does not show, as the terminal
// client's /ignore (openchat-client's IgnoredNames) and irssi's. What they send goes on reaching the server and the
// others; only this reader stops seeing it. Names compare as the server tells them apart (names.js), an ignored member
// stays ignored under a new name, and the administrator cannot be ignored: its lines are the chat's moderation.

import { isAdministratorName, nameKey } from "./names.js";

export class IgnoredNames {
  constructor() {
    this.byKey = new Map(); // name key -> the name as given, or as last renamed to
  }

  /**
   * Ignores `name`, unless it is the administrator or `me`: what was done, "added", "administrator" or "self".
   */
  add(name, me) {
    if (isAdministratorName(name)) return "administrator";
    if (nameKey(name) === nameKey(me ?? "")) return "self";
    this.byKey.set(nameKey(name), name);
    return "added";
  }

  /** Shows `name` again: the name as it was ignored, or null when it was not. */
  remove(name) {
    const key = nameKey(name);
    const removed = this.byKey.get(key) ?? null;
    this.byKey.delete(key);
    return removed;
  }

  /** Whether what `from` sends is hidden. */
  has(from) {
    return this.byKey.size > 0 && from !== null && this.byKey.has(nameKey(from));
  }

  /** An ignored member took a new name: it stays ignored under it. */
  renamed(from, to) {
    if (this.byKey.delete(nameKey(from))) this.byKey.set(nameKey(to), to);
  }

  /** The names ignored, in the order they were. */
  names() {
    return [...this.byKey.values()];
  }

  /** The names ignored become `names` (a reload's, kept in the tab's session); any other value leaves none. */
  replace(names) {
    this.byKey.clear();
    if (!Array.isArray(names)) return;
    for (const name of names) {
      if (typeof name === "string" && name && !isAdministratorName(name)) this.byKey.set(nameKey(name), name);
    }
  }
}
