// A refused request in plain words (docs/PROTOCOL.md, "Errors the server answers"). The server's own body is a
// sentence in the server's language; the page says it in the reader's, chosen by the status code and, where a
// status has several causes, by the answer's Error-Code.

import { ConnectionError } from "./connection.js";
import { t } from "./i18n.js";
import { secondsText } from "./lines.js";
import { isAdministratorName, nameProblem } from "./names.js";

/**
 * The server's limit on a message's body, in bytes of UTF-8 (OcpDecoderConfig.DEFAULT_MAX_BODY_SIZE, ServerConfig's
 * maxBodySize: over it a SEND is answered 413). A Hangul syllable takes 3 of them, a line break 1.
 */
export const MAX_BODY_BYTES = 4096;

/** The most bans one room holds (CoreConfig.MAX_ROOM_BANS); a refusal naming another maximum is the server's in all. */
const MAX_ROOM_BANS = 100;

/**
 * What to tell the person about an answer other than 200. `what` is the request: "connect", "join", "send",
 * "private", "invite", "kick", "kill", "rename", "ban", "unban", "bans", a room's "roomban", "roomunban" or
 * "roombans", "register", "unregister", "claim" or "registrations", "delete", or "command"; `name` the room or person
 * it named (for "connect", the name asked for; for "rename", the new name; for "ban" and "unban", the name or address;
 * for "roomban" and "roomunban", the name or mask; for "kill", the member's name; for "delete", the sender's name, or
 * none for one message).
 */
export function refusalText(answer, what, name = "") {
  const headers = answer.headers;
  const code = headers.get("Error-Code");
  switch (answer.status) {
    case 400:
      if (what === "connect" || what === "rename") {
        const problem = nameProblem(name);
        // Any other rule: the server's sentence says which, in the page's language (its CONNECT's Accept-Language).
        return problem ? t("name." + problem) : answer.body || t("error.invalidName");
      }
      // The page checks a room name's characters itself; what the server refuses besides (a name that would pass
      // for another room's, a topic or an away message too long) its sentence says, in the page's language.
      if (what === "join") return answer.body || t("room.invalid", name);
      // An address range wider than a ban may name (0.0.0.0/0, or 10.1.2.3/0 meant as /32): the shortest prefix allowed.
      if (what === "ban" && code === "ban-too-wide") return t("ban.tooWide", name, headers.get("Capacity") ?? "?");
      if (what === "ban") return code === "invalid-ban" ? t("ban.invalidAddress", name) : t("error.invalidName");
      if (code === "ban-fits-self") return t("roomban.fitsSelf", name);
      if (what === "roomban") return code === "invalid-ban" ? t("roomban.invalid", name) : t("error.invalidName");
      return answer.body || t("error.other", answer.status);
    case 403:
      // A key a registered room does not take: a JOIN's (with a key typed: /입장 ROOM KEY), a CLAIM's; a CONNECT's
      // names the member, not the room.
      if (code === "wrong-room-key") {
        if (what === "connect") return answer.body;
        return t(what === "join" ? "roomKey.wrongJoin" : "roomKey.wrong", name);
      }
      if (code === "not-key-holder") return t("register.notKeyHolder", name);
      // An owner by presence (the room's maker, or its heir) deletes only what was sent since it joined.
      if (code === "sent-before-joined") return t("delete.sentBeforeJoined");
      if (code === "lobby-unowned") {
        return t({ unregister: "unregister.lobby", claim: "claim.lobby" }[what] ?? "register.lobby");
      }
      if (code === "not-in-room" && what.endsWith("register")) return t("room.notIn", name);
      // A ban: the server's sentence carries the ban's reason (and how long a timed ban still holds: Retry-After).
      // Else the administrator's name without the right key.
      if (what === "connect" && code === "banned") return answer.body || bannedText(headers);
      if (what === "connect") return isAdministratorName(name) ? t("error.adminKey") : answer.body || t("error.banned");
      // A room's ban that fits this page: kept out of the room, or present and silenced.
      if (code === "room-banned") {
        const until = liftedAt(headers);
        const key = what === "send" ? "room.bannedSpeak" : "room.banned";
        return until ? t(key + "Until", name, until) : t(key, name);
      }
      if (what === "join") return t("room.tooManyJoined", headers.get("Capacity") ?? "?");
      if (what === "send" || what === "invite") return t("conv.notJoined");
      if (code === "too-many-room-bans") {
        // A room's list (CoreConfig.MAX_ROOM_BANS), or the server's bound in all, told apart by the maximum.
        const most = headers.get("Capacity") ?? "?";
        return most === String(MAX_ROOM_BANS) ? t("roomban.full", most) : t("roomban.fullInAll", most);
      }
      if (code === "admin-not-bannable") return t("ban.adminNotBannable");
      if (what === "rename" && code === "banned") {
        const until = liftedAt(headers);
        return until ? t("rename.bannedUntil", name, until) : t("rename.banned", name);
      }
      if (what === "rename" && code === "name-fixed") return t("rename.adminFixed");
      // What is left: a spelling of the administrator's name (it takes the key, at connect); the administrator's own
      // rename is refused by the page before asking.
      if (what === "rename") return isAdministratorName(name) ? t("rename.adminName") : answer.body || t("error.other", 403);
      // The page asks for bans only as the administrator: what is left is its own name.
      if (what === "ban" && isAdministratorName(name)) return t("ban.adminNotBannable");
      if (what === "ban" || what === "unban" || what === "bans") return t("ban.unavailable");
      if (what === "kick" && code === "admin-not-kickable") return t("kick.adminNotKickable");
      if (what === "kill") return code === "admin-not-kickable" ? t("kill.adminNotKillable") : t("send.adminOnly");
      return t("send.ownerOnly");
    case 404:
      if (what === "unban" || what === "roomunban") return t("ban.notBanned", name);
      if (code === "not-registered") return t("unregister.notRegistered", name);
      // A message deleted already (by someone else, or retention), or no message of the name's in that time.
      if (code === "no-such-message") return name ? t("delete.noMessagesFrom", name) : t("delete.noSuchMessage");
      // The administrator registers a room from outside it: one that exists.
      if (code === "no-such-room") return t("room.noSuchRoom", name);
      // Whether or not the name is connected elsewhere, it is not in this room.
      if (what === "kick") return t("kick.notInRoom", name);
      // A PRIVATE's or INVITE's to a name its holder gave up by a rename, still connected: the name it goes by now.
      if (headers.has("New-Name") && (what === "private" || what === "invite")) {
        return t("send.noSuchMemberNowNamed", name, headers.get("New-Name"));
      }
      return what === "private" || what === "invite" || what === "kill"
        ? t("send.noSuchMember", name)
        : t("error.other", answer.status);
    case 405:
      return t("error.other", `${answer.status} ${answer.reason}`);
    case 408:
      return t("error.timeout");
    case 409:
      if (what === "invite") return t("invite.alreadyThere", name);
      // A name that looks like a connected member's (the same skeleton, which only the server can tell): who it is.
      if (code === "name-lookalike") return t("error.nameLookalike", headers.get("Name") ?? "?");
      return t("error.nameTaken");
    case 413:
      return t("send.tooLong", MAX_BODY_BYTES);
    case 429:
      if (what === "connect") return t("error.tooMany", headers.get("Retry-After") ?? "60");
      if (what === "rename") return t("rename.tooFast", headers.get("Retry-After") ?? "1");
      if (what === "read" || what === "registrations") return t("read.tooFast", headers.get("Retry-After") ?? "1");
      return t("send.tooFast", headers.get("Retry-After") ?? "1");
    case 503:
      if (code === "unreachable") return t("send.unreachable", name);
      if (code === "too-many-registered-rooms-from-address") return answer.body || t("error.other", `${answer.status} ${answer.reason}`);
      if (code === "too-many-registered-rooms") {
        const most = headers.get("Capacity");
        return most ? t("register.tooMany", most) : answer.body || t("register.tooMany", "?");
      }
      if (headers.has("Members")) return t("error.roomFull", headers.get("Members"), headers.get("Capacity") ?? "?");
      if (code === "too-many-rooms-from-address") return t("error.addressRoomsFull", headers.get("Capacity") ?? "?");
      if (headers.has("Capacity")) return t("error.serverRoomsFull", headers.get("Capacity"));
      return t("error.serverBusy");
    default:
      return t("error.other", `${answer.status} ${answer.reason}`);
  }
}

/** A connect refused by a ban, without the server's sentence: until when, for a timed ban. */
function bannedText(headers) {
  const until = liftedAt(headers);
  return until ? t("error.bannedUntil", until) : t("error.banned");
}

/** When a timed ban ends, in the reader's time, from the refusal's Retry-After (seconds); null without one. */
function liftedAt(headers) {
  const seconds = headers.number("Retry-After");
  return seconds ? secondsText(new Date(Date.now() + seconds * 1000).toISOString()) : null;
}

/**
 * What to tell the person when the chat connection would not open at all: the server refused it when the page's own
 * server still answers over HTTP (an origin it does not take, or a proxy that does not pass WebSocket upgrades on),
 * else that it cannot be reached.
 */
export async function openErrorText(error) {
  if (error instanceof ConnectionError && error.kind === "unreachable" && (await serverAnswers())) {
    return t("error.webSocketRefused", location.origin);
  }
  return connectionErrorText(error);
}

async function serverAnswers() {
  try {
    await fetch("healthz", { cache: "no-store" });
    return true;
  } catch {
    return false;
  }
}

/** What to tell the person when there was no answer at all. */
export function connectionErrorText(error) {
  if (!(error instanceof ConnectionError)) throw error;
  if (error.kind === "unreachable") return t("error.unreachable");
  // The server's reason says which cap, or in how many seconds this address may connect again.
  if (error.kind === "busy") return error.said ? t("error.serverBusySaid", error.said) : t("error.serverBusy");
  return error.kind === "timeout" ? t("error.timeout") : t("error.gone");
}
