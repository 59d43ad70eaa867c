// Addresses in someone's text as links: chat lines, private messages, topics, away messages and reasons. Only
// http:// and https:// become links (never javascript:, data: or any other scheme), built as elements with their
// text as a text node, so that the text around them shows exactly as written. A link's host is shown as hosts.js
// says: one whose letters could pass for another address's is shown in punycode (xn--…), as the browser would.

import { h } from "./dom.js";
import { shownHost } from "./hosts.js";
import { t } from "./i18n.js";

/**
 * An address as written in a chat line: http:// or https://, then what an address may hold (RFC 3986's characters,
 * and letters of any script, as in https://ko.wikipedia.org/wiki/한국어). It ends at white space and at what no
 * address holds unencoded: quotes, <, >, backslash, braces, ^, |, `.
 */
const CANDIDATE = /https?:\/\/[\p{L}\p{M}\p{N}\-._~:/?#[\]@!$&'()*+,;=%]+/giu;
/**
 * Korean (or Chinese, Japanese) words written right after an address's last Latin letter or digit, with no space, as
 * Korean is written (…/x입니다, …example.org에서): the sentence, not the address. After /, =, # and the like they are
 * the address's own (a path, a query, a fragment in Korean: /wiki/한국어, ?q=검색), and stay in it.
 */
const WORDS_AFTER =
  /(?<=[A-Za-z0-9])[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * What ends a sentence rather than the address when it is the last thing written: . , : ; ! ? ' " and their
 * full-width and CJK forms, and the ellipsis.
 */
const SENTENCE_END = /[.,:;!?'"…。、，．！？：；」』〉》]$/u;

/** `text` as strings and <a> elements, in order: each http(s) address in it a link opening in a new tab. */
export function linkify(text) {
  const parts = [];
  let from = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const address = trimmed(match[0]);
    const url = parsed(address);
    if (!url) continue;
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push(link(address, url));
    from = match.index + address.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

/**
 * The link to `url`, reading as `address` was written. A host in other letters than ASCII's (punycode in `url`) is
 * shown as hosts.js says: in those letters, or, when they could pass for another address's, as the punycode it
 * really is, the reason in the tooltip.
 */
function link(address, url) {
  const attributes = { href: url.href, target: "_blank", rel: "noopener noreferrer nofollow", class: "out" };
  const host = shownHost(url.hostname);
  if (host === null) return h("a", attributes, address);
  if (host === url.hostname) attributes.title = t("link.punycode", url.href);
  return h("a", attributes, withHost(address, host));
}

/** `address` with `host` in place of the one written: after the scheme and its slashes and a name@, up to a :port. */
function withHost(address, host) {
  let start = address.indexOf(":") + 1;
  while (address[start] === "/") start++;
  const rest = address.slice(start);
  const authority = rest.slice(0, rest.search(/[/?#]|$/));
  const at = authority.lastIndexOf("@") + 1;
  const written = authority.slice(at).replace(/:[0-9]*$/, "");
  start += at;
  return address.slice(0, start) + host + address.slice(start + written.length);
}

/** An address without the sentence written around it: the words after it, its punctuation, an unopened ")". */
function trimmed(candidate) {
  const words = WORDS_AFTER.exec(candidate);
  let address = words ? candidate.slice(0, words.index) : candidate;
  for (;;) {
    if (SENTENCE_END.test(address)) address = address.slice(0, -1);
    else if (address.endsWith(")") && count(address, ")") > count(address, "(")) address = address.slice(0, -1);
    else if (address.endsWith("]") && count(address, "]") > count(address, "[")) address = address.slice(0, -1);
    else return address;
  }
}

function count(text, char) {
  return text.split(char).length - 1;
}

/** The address to open, or null when it is not one with a host (http:// alone, https://.). */
function parsed(address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  const web = url.protocol === "http:" || url.protocol === "https:";
  return web && url.hostname ? url : null;
}
