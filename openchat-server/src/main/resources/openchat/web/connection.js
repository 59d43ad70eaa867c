// One WebSocket to the server's /ws, speaking OCP/1.0 (subprotocol "ocp"): requests with a Request-Id whose
// answers resolve promises, the server's events dispatched as "event", and PING answered at once.

import { decode, encodeRequest, encodeResponse } from "./ocp.js";

export const SUBPROTOCOL = "ocp";
const ANSWER_TIMEOUT_MS = 15000;
/** How long an answer may take before the page is told the server does not answer ("silent"; then "heard"). */
export const SILENCE_MS = 5000;

/** The failure of a request: the connection closed, or no answer in time. */
export class ConnectionError extends Error {
  constructor(kind, unsent = false, said = "") {
    super(kind);
    this.kind = kind; // "unreachable", "closed", "busy" (closed with 1013, try again later) or "timeout"
    this.unsent = unsent; // true when the request never went out (the connection was closed already)
    this.said = said; // for "busy", the server's reason: which cap, or when to come back (in the server's language)
  }
}

/** The WebSocket address of this page's server: ws(s)://host/ws. */
export function serverUrl(location) {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
}

export class Connection extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map(); // Request-Id -> {resolve, reject, timers}
    this.closed = false;
    this.closeKind = null; // set when the socket closes: "busy" or "closed"
    this.closeReason = ""; // and the reason the server gave in its Close frame
    this.silent = false; // a request has waited SILENCE_MS for its answer, and nothing was heard since
  }

  /** Opens the WebSocket; rejects with ConnectionError("unreachable") when it cannot. */
  open() {
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new WebSocket(this.url, SUBPROTOCOL);
      } catch {
        reject(new ConnectionError("unreachable"));
        return;
      }
      socket.binaryType = "arraybuffer";
      this.socket = socket;
      let opened = false;
      socket.addEventListener("open", () => {
        opened = true;
        resolve();
      });
      socket.addEventListener("message", (event) => this.onFrame(event.data));
      socket.addEventListener("close", (event) => {
        if (!opened) reject(new ConnectionError("unreachable"));
        this.onClose(event);
      });
    });
  }

  /**
   * Sends a request with a fresh Request-Id; resolves with the answer, whatever its status. It rejects with "timeout"
   * when no answer comes in ANSWER_TIMEOUT_MS, unless `patient`: a chat line, which the server may well have taken
   * however late its answer, waits for its answer as long as the connection lasts (as the terminal client's do).
   * Either way, an answer late by SILENCE_MS makes the connection "silent" until the server is heard from again.
   */
  request(method, target, headers = {}, body = "", { patient = false } = {}) {
    if (this.closed || !this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ConnectionError(this.closeKind ?? "closed", true, this.closeReason));
    }
    const id = String(this.nextId++);
    const text = encodeRequest(method, target, { ...headers, "Request-Id": id }, body);
    return new Promise((resolve, reject) => {
      const timers = [setTimeout(() => this.onSilence(), SILENCE_MS)];
      if (!patient) {
        timers.push(
          setTimeout(() => {
            this.settle(id);
            reject(new ConnectionError("timeout"));
          }, ANSWER_TIMEOUT_MS),
        );
      }
      this.pending.set(id, { resolve, reject, timers });
      this.socket.send(text);
    });
  }

  /** The request `id` is done with: its timers stop; its {resolve, reject}, or undefined. */
  settle(id) {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    waiting?.timers.forEach(clearTimeout);
    return waiting;
  }

  onSilence() {
    if (this.silent || this.closed) return;
    this.silent = true;
    this.dispatchEvent(new CustomEvent("silent"));
  }

  close() {
    this.closed = true;
    this.socket?.close(1000);
  }

  onFrame(data) {
    let message;
    try {
      message = decode(data);
    } catch (e) {
      console.warn("openchat: ignoring a malformed message from the server", e);
      return;
    }
    if (this.silent) {
      this.silent = false;
      this.dispatchEvent(new CustomEvent("heard"));
    }
    if (message.request) {
      if (message.method === "PING") {
        this.socket.send(encodeResponse(200, "OK"));
        return;
      }
      this.dispatchEvent(new CustomEvent("event", { detail: message }));
      return;
    }
    this.settle(message.headers.get("Request-Id"))?.resolve(message);
  }

  onClose(event) {
    this.closed = true;
    // 1013: the server is over a connection cap (in all, or from this address), or this address opened new
    // connections too fast, and said so at once, in the reason.
    this.closeKind = event.code === 1013 ? "busy" : "closed";
    this.closeReason = event.reason ?? "";
    for (const id of [...this.pending.keys()]) {
      this.settle(id).reject(new ConnectionError(this.closeKind, false, this.closeReason));
    }
    this.dispatchEvent(new CustomEvent("close", { detail: { code: event.code, reason: event.reason } }));
  }
}
