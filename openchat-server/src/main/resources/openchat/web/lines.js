// The lines of a conversation's log: chat lines and notices, each stamped with the reader's local time.

import { h } from "./dom.js";
import { lang, t } from "./i18n.js";
import { linkify } from "./links.js";

/** IRC's /me, passed through by the server as CTCP: "\u0001ACTION waves\u0001" shows as "* NAME waves". */
const ACTION = /^\u0001ACTION (.*?)\u0001?$/su;
/** Another CTCP query ("\u0001VERSION\u0001", which an IRC client answers by itself): shows as "CTCP VERSION". */
const CTCP_QUERY = /^\u0001(.*?)\u0001?$/su;
/**
 * IRC's formatting codes (the Modern IRC formatting document): bold, italics, underline, strikethrough, monospace,
 * reverse, reset, and colours with their digits ("\u000304,12", "\u0004FF0000").
 */
const FORMATTING = /[\u0002\u000F\u0011\u0016\u001D\u001E\u001F]|\u0003(?:\d{1,2}(?:,\d{1,2})?)?|\u0004(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?/gu;
/** Other control characters, and the bidirectional overrides and isolates that would reorder the line around them. */
const UNSHOWABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The CTCP queries the server answers for a member that is not an IRC client (docs/IRC.md; the terminal client's
 * CtcpQueries): a private message asking one is not shown, being nothing its reader can do anything with.
 */
const ANSWERED_QUERIES = new Set(["CLIENTINFO", "PING", "TIME", "VERSION"]);

/** Whether a private message is a CTCP query the server has answered for this page (`\u0001VERSION\u0001`). */
export function isAnsweredQuery(text) {
  const query = CTCP_QUERY.exec(text);
  return query !== null && ANSWERED_QUERIES.has(query[1].split(" ", 1)[0].toUpperCase());
}

/** Whether a chat line is an action (a /me), shown as "* NAME text". */
export function isAction(text) {
  return ACTION.test(text);
}

/**
 * Chat text as it is shown, as the terminal client and the server's console show it (DisplayText in the chat core):
 * IRC's formatting dropped, a CTCP query as "CTCP VERSION", the rest of the control characters as U+FFFD.
 * Line breaks and tabs stay: the page's lines wrap and keep them.
 */
export function displayText(text) {
  const query = CTCP_QUERY.exec(text);
  const shown = query ? "CTCP " + query[1] : text;
  return shown.replace(FORMATTING, "").replace(UNSHOWABLE, "\uFFFD");
}

/**
 * Runs of blank lines in a message, shown as one blank line: a message of 4,000 line breaks (which the server takes:
 * it is under the body limit) would otherwise be some 130 screens of nothing for everyone in the room.
 */
const BLANK_LINES = /\n(?:[^\S\n]*\n){2,}/gu;
/**
 * A message of more lines or characters than this may be taller than a message is shown (style.css: li.msg.long, about
 * 20 lines): it gets a "Show more" button, shown once the message overflows (watched: a hidden log has no layout).
 */
const LONG_LINES = 20;
const LONG_CHARS = 1000;
const overflowing = new ResizeObserver((entries) => {
  for (const { target } of entries) target.classList.toggle("overflowing", target.scrollHeight > target.clientHeight + 1);
});

/**
 * Combining marks past the fifth on one character ("zalgo" text, which would stack into a column over other lines):
 * no script's writing needs more (Vietnamese stacks two, Thai three, Tibetan's deepest stacks about five).
 */
const STACKED_MARKS = /(\p{M}{5})\p{M}+/gu;

/**
 * A message's text as its line shows it: runs of blank lines as one, and at most five combining marks on a
 * character (the message itself is kept as it came).
 */
export function shownMessage(text) {
  return displayText(text).replace(BLANK_LINES, "\n\n").replace(STACKED_MARKS, "$1");
}

const hourMinute = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const monthDay = new Intl.DateTimeFormat(lang, { month: "numeric", day: "numeric" });
const full = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "medium" });

/**
 * A date (RFC 3339) to the second in the reader's time zone, written as the terminal client writes every date, the
 * same in every language: 2026-12-06 17:08:09 (a ban's end, a ban list's dates, a registration's). The text as given
 * if it is not a date.
 */
export function secondsText(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

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
  const shown = shownMessage(action ? action[1] : m.text);
  const text = linkify(shown);
  const long = shown.split("\n").length > LONG_LINES || shown.length > LONG_CHARS;
  const classes = ["msg"];
  if (long) classes.push("long");
  if (m.history) classes.push("history");
  if (m.own) classes.push("own");
  if (m.private) classes.push("private");
  if (action) classes.push("action");
  const line = h(
    "li",
    { class: classes.join(" "), dataset: { from: m.from, seq: m.seq } },
    m.history && h("span", { class: "mark" }, t("message.history")),
    timeElement(m.date),
    action
      ? h("span", { class: "text" }, "* ", h("span", { class: "from" }, m.sender), " ", text)
      : [h("span", { class: "from" }, m.sender), h("span", { class: "text" }, text)],
    long && h("button", { type: "button", class: "show-more", onclick: () => showWhole(line) }, t("message.showMore")),
  );
  if (long) overflowing.observe(line);
  return line;
}

/** A chat line taken off the page (its message deleted from the room's history), no longer watched for overflow. */
export function removeLine(line) {
  overflowing.unobserve(line);
  line.remove();
}

/** A long message shown whole, its "Show more" gone. */
function showWhole(line) {
  overflowing.unobserve(line);
  line.classList.add("expanded");
  line.querySelector(".show-more")?.remove();
}

/**
 * A line that is not a chat message: joins, leaves, kicks, topics, errors ("error" is announced at once). What
 * someone wrote in it (a topic, an away message, a reason) may hold links.
 */
export function noticeLine(text, kind, date = null) {
  return h(
    "li",
    { class: "notice " + (kind || "info"), role: kind === "error" ? "alert" : null },
    timeElement(date),
    h("span", { class: "text" }, linkify(String(text))),
  );
}
