// Names of members and rooms as the page compares them (docs/PROTOCOL.md, "Names").

export const ADMIN_NAME = "채팅관리자";

/** 1-32 letters, digits, "-", "_" and ".". */
export const ROOM_NAME = /^[\p{L}\p{N}._-]{1,32}$/u;

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

/** Every spelling of the administrator's name the server reserves: other spacing or separators, compatibility forms. */
export function isAdministratorName(name) {
  return name.normalize("NFKC").replace(/[\s_,*?!@.]+/gu, "") === ADMIN_NAME;
}
