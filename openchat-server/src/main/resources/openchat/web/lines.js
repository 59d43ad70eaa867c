// The lines of a conversation's log: chat lines and notices, each stamped with the reader's local time.

import { h } from "./dom.js";
import { lang, t } from "./i18n.js";

/** IRC's /me, passed through by the server as CTCP: "\u0001ACTION waves\u0001" shows as "* NAME waves". */
const ACTION = /^\u0001ACTION (.*)\u0001$/su;

const hourMinute = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const monthDay = new Intl.DateTimeFormat(lang, { month: "numeric", day: "numeric" });
const full = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "medium" });

/** <time> in the reader's local time: HH:MM today, with the date on other days, the full date as a tooltip. */
export function timeElement(iso) {
  const date = iso ? new Date(iso) : new Date();
  const when = Number.isNaN(date.getTime()) ? new Date() : date;
  const today = new Date().toDateString() === when.toDateString();
  const text = (today ? "" : monthDay.format(when) + " ") + hourMinute.format(when);
  return h("time", { datetime: when.toISOString(), title: full.format(when) }, text);
}

/**
 * A chat line: [history mark] time sender text, or time "* sender text" for a /me. `m` has from, sender (the
 * name shown), date (RFC 3339), text, seq, and the flags history, own and private.
 */
export function messageLine(m) {
  const action = ACTION.exec(m.text);
  const classes = ["msg"];
  if (m.history) classes.push("history");
  if (m.own) classes.push("own");
  if (m.private) classes.push("private");
  if (action) classes.push("action");
  return h(
    "li",
    { class: classes.join(" "), dataset: { from: m.from, seq: m.seq } },
    m.history && h("span", { class: "mark" }, t("message.history")),
    timeElement(m.date),
    action
      ? h("span", { class: "text" }, "* ", h("span", { class: "from" }, m.sender), " ", action[1])
      : [h("span", { class: "from" }, m.sender), h("span", { class: "text" }, m.text)],
  );
}

/** A line that is not a chat message: joins, leaves, kicks, topics, errors ("error" is announced at once). */
export function noticeLine(text, kind, date = null) {
  return h(
    "li",
    { class: "notice " + (kind || "info"), role: kind === "error" ? "alert" : null },
    timeElement(date),
    h("span", { class: "text" }, text),
  );
}
