// One WebSocket to the server's /ws, speaking OCP/1.0 (subprotocol "ocp"): requests with a Request-Id whose
// answers resolve promises, the server's events dispatched as "event", and PING answered at once.

import { decode, encodeRequest, encodeResponse } from "./ocp.js";

export const SUBPROTOCOL = "ocp";
const ANSWER_TIMEOUT_MS = 15000;

/** The failure of a request: the connection closed, or no answer in time. */
export class ConnectionError extends Error {
  constructor(kind) {
    super(kind);
    this.kind = kind; // "unreachable", "closed", "busy" (closed with 1013, try again later) or "timeout"
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
    this.pending = new Map(); // Request-Id -> {resolve, reject, timer}
    this.closed = false;
    this.closeKind = null; // set when the socket closes: "busy" or "closed"
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

  /** Sends a request with a fresh Request-Id; resolves with the answer, whatever its status. */
  request(method, target, headers = {}, body = "") {
    if (this.closed || !this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ConnectionError(this.closeKind ?? "closed"));
    }
    const id = String(this.nextId++);
    const text = encodeRequest(method, target, { ...headers, "Request-Id": id }, body);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ConnectionError("timeout"));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(text);
    });
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
    if (message.request) {
      if (message.method === "PING") {
        this.socket.send(encodeResponse(200, "OK"));
        return;
      }
      this.dispatchEvent(new CustomEvent("event", { detail: message }));
      return;
    }
    const waiting = this.pending.get(message.headers.get("Request-Id"));
    if (waiting) {
      this.pending.delete(message.headers.get("Request-Id"));
      clearTimeout(waiting.timer);
      waiting.resolve(message);
    }
  }

  onClose(event) {
    this.closed = true;
    // 1013: the server is over a connection cap (in all, or from this address) and said so at once.
    this.closeKind = event.code === 1013 ? "busy" : "closed";
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new ConnectionError(this.closeKind));
    }
    this.pending.clear();
    this.dispatchEvent(new CustomEvent("close", { detail: { code: event.code, reason: event.reason } }));
  }
}
