// OCP/1.0 messages as text (docs/PROTOCOL.md): one message per WebSocket text frame, the same bytes as on TCP.
// A start line, header fields, an empty line, then a body of exactly Content-Length bytes of UTF-8.

export const VERSION = "OCP/1.0";

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

/** The byte length of text in UTF-8: what Content-Length counts. */
export function byteLength(text) {
  return utf8.encode(text).length;
}

/** Header fields, case-insensitive by name. */
export class Headers {
  constructor() {
    this.fields = new Map();
  }

  get(name) {
    return this.fields.get(name.toLowerCase())?.value ?? null;
  }

  has(name) {
    return this.fields.has(name.toLowerCase());
  }

  set(name, value) {
    this.fields.set(name.toLowerCase(), { name, value: String(value) });
  }

  /** The value as a whole number, or null when absent or not all digits. */
  number(name) {
    const value = this.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  }

  entries() {
    return [...this.fields.values()].map(({ name, value }) => [name, value]);
  }
}

/** A field value may not carry a line break or another control character (it would end the field). */
function checkFieldValue(name, value) {
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new Error(`control character in the ${name} field`);
  }
}

function encode(startLine, headers, body) {
  let text = startLine + "\r\n";
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === undefined) continue;
    const v = String(value).trim();
    checkFieldValue(name, v);
    text += `${name}: ${v}\r\n`;
  }
  if (body) {
    text += `Content-Length: ${byteLength(body)}\r\n`;
  }
  return text + "\r\n" + (body ?? "");
}

/** A request: METHOD SP target SP OCP/1.0, the fields given (null values left out), and the body if any. */
export function encodeRequest(method, target, headers = {}, body = "") {
  if (/\s/.test(target)) {
    throw new Error("a target has no white space: " + target);
  }
  return encode(`${method} ${target} ${VERSION}`, headers, body);
}

/** An answer: OCP/1.0 SP code SP reason. */
export function encodeResponse(code, reason, headers = {}) {
  return encode(`${VERSION} ${code} ${reason}`, headers, "");
}

/**
 * Parses one whole message: {request: true, method, target, headers, body} for the server's events,
 * {request: false, status, reason, headers, body} for answers. Throws on malformed text.
 */
export function decode(frame) {
  const text = typeof frame === "string" ? frame : utf8Decoder.decode(frame);
  let start = 0;
  while (text.startsWith("\r\n", start) || text.startsWith("\n", start)) {
    start += text.startsWith("\r\n", start) ? 2 : 1;
  }
  const lines = [];
  let pos = start;
  for (;;) {
    const lf = text.indexOf("\n", pos);
    if (lf < 0) throw new Error("header section does not end");
    const line = text.slice(pos, lf > pos && text[lf - 1] === "\r" ? lf - 1 : lf);
    pos = lf + 1;
    if (line === "") break;
    lines.push(line);
  }
  if (lines.length === 0) throw new Error("no start line");
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error("bad field line: " + line);
    headers.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const body = bodyOf(text.slice(pos), headers.number("Content-Length") ?? 0);
  const startLine = lines[0];
  if (startLine.startsWith(VERSION + " ")) {
    const match = /^OCP\/1\.0 (\d{3})(?: (.*))?$/.exec(startLine);
    if (!match) throw new Error("bad status line: " + startLine);
    return { request: false, status: Number(match[1]), reason: match[2] ?? "", headers, body };
  }
  const parts = startLine.split(" ");
  if (parts.length !== 3 || parts[2] !== VERSION) throw new Error("bad request line: " + startLine);
  return { request: true, method: parts[0], target: parts[1], headers, body };
}

/** Exactly Content-Length bytes of what follows the empty line. */
function bodyOf(rest, length) {
  const bytes = utf8.encode(rest);
  if (bytes.length === length) return rest;
  if (bytes.length < length) throw new Error(`body of ${bytes.length} bytes, Content-Length ${length}`);
  return utf8Decoder.decode(bytes.subarray(0, length));
}

/** The room NAME of a target /rooms/NAME, or null for /. */
export function roomOf(target) {
  return target.startsWith("/rooms/") ? target.slice("/rooms/".length) : null;
}

export function roomTarget(room) {
  return "/rooms/" + room;
}

/** Rows of a tab-separated answer (LIST, WHO), the header row dropped: each an object keyed by the header row. */
export function parseTable(body) {
  const rows = body.split("\n").filter((row) => row !== "");
  if (rows.length === 0) return [];
  const columns = rows[0].split("\t");
  return rows.slice(1).map((row) => {
    const cells = row.split("\t");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
  });
}
