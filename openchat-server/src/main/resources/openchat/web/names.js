// Names of members and rooms as the page compares them (docs/PROTOCOL.md, "Names").

export const ADMIN_NAME = "채팅관리자";

/** 1-32 letters, digits, "-", "_" and ".". */
export const ROOM_NAME = /^[\p{L}\p{N}._+-]{1,32}$/u;

/** The server's equality of names is NFC and case folding; lower case after NFC is near enough to find things. */
export function fold(name) {
  return name.normalize("NFC").toLowerCase();
}

/**
 * A member's name as the server tells names apart: folded, and each separator as "_" (white space and , * ? ! @ .
 * anywhere, # & : $ + ~ % first), so that "Kim Min" and "Kim_Min", one name to the server, are one here too.
 */
export function nameKey(name) {
  return fold(name).replace(/[\s,*?!@.]/gu, "_").replace(/^[#&:$+~%]/u, "_");
}

/** The key of a conversation: a room or a private exchange with one person. */
export function keyOf(kind, name) {
  return kind + ":" + (kind === "room" ? fold(name) : nameKey(name));
}

/** The words the page shows in place of one's own name ("나 → 유저1"), which the server refuses as names. */
export const SELF_WORDS = ["나", "me"];

/**
 * What looks like a colon, which ends the sender in every chat line (openchat-core's Names.COLON_LOOKALIKES): the
 * colon, the ratio sign, modifier letters, Hebrew, Syriac, runic, Armenian, Mongolian, Lisu and Ethiopic ones.
 */
const COLON_LIKE = /[:\u2236\uA789\u02D0\u02F8\u05C3\u0703\u0704\u16EC\u0589\u205A\uFE30\u1803\u1809\uA4FD\u1361]/u;

/** A Devanagari or Gujarati visarga that follows no letter of its script: there it looks like a colon too. */
const LONE_VISARGA = /(?<!\p{Script=Devanagari})\u0903|(?<!\p{Script=Gujarati})\u0A83/u;

/** The name as the server seeks the administrator's in it: NFKC, folded, no spacing, separators or leading marks. */
function compact(name) {
  return name
    .normalize("NFKC")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[\s_,*?!@.]+/gu, "")
    .replace(/^[#&:$+~%]+/u, "");
}

/** Every spelling of the administrator's name the server reserves: other spacing or separators, compatibility forms. */
export function isAdministratorName(name) {
  return compact(name) === ADMIN_NAME;
}

/**
 * Which rule about what a name may show a refused name breaks, checked as the server checks it (docs/PROTOCOL.md,
 * "Names"), so that the page can say why in the reader's language: "colon" (a colon or a look-alike),
 * "administratorName" (it holds a spelling of the administrator's name and more), "selfWord" (a word the
 * page shows for oneself), or null for any other reason.
 */
export function nameProblem(name) {
  const nfkc = name.normalize("NFKC");
  if ([name, nfkc].some((form) => COLON_LIKE.test(form) || LONE_VISARGA.test(form))) return "colon";
  const rest = compact(name);
  if (rest.length > ADMIN_NAME.length && rest.includes(ADMIN_NAME)) return "administratorName";
  if (SELF_WORDS.includes(nameKey(nfkc))) return "selfWord";
  return null;
}
