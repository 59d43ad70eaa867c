// Chat lines and private messages on their way out, sent one at a time in the order they were typed, as the terminal
// client sends them (openchat-client's OutgoingLines). A line refused by flood control (429), or by a cluster node
// whose rooms are read-only for now (503 with Retry-After), goes back to the front, and the queue holds back for the
// Retry-After the server named, then goes on; lines typed meanwhile go behind. So a burst or a paste arrives whole
// and in order instead of losing every line past the server's allowance.
//
// One line in flight, never several: with several on the wire a refusal of one would let the next overtake it, and
// a run of refusals ends the connection (docs/PROTOCOL.md, flood control). A round trip is far below the pace of
// anyone typing, so waiting for each answer costs nothing a person notices.

import { ConnectionError } from "./connection.js";

export class OutgoingLines {
  /**
   * What the page does with its lines, each an object of its own that this only queues:
   * send(line): the request, resolving with its answer, rejecting with a ConnectionError;
   * answered(line, answer): taken, or refused for good (any answer but "wait");
   * notSent(line, error): the connection is gone, or the page gave the line up (dropAll, drop: then `error` is the
   * reason the page gave);
   * unconfirmed(line): the line in flight lost its connection before its answer came: the server may or may not have
   * taken it (however long an answer takes, the line waits for it while the connection lasts: never a timeout);
   * changed(): the lines waiting, or whether the queue holds back, changed (also every second while it holds back).
   */
  constructor({ send, answered, notSent, unconfirmed, changed }) {
    this.sendLine = send;
    this.answered = answered;
    this.notSent = notSent;
    this.unconfirmed = unconfirmed;
    this.changed = changed;
    this.waiting = []; // the lines not yet sent, in order
    this.inFlight = null; // the line whose answer is awaited
    this.resumeTimer = null; // set while holding back
    this.tickTimer = null;
    this.resumeAt = 0; // when the hold-back ends (Date.now() milliseconds)
    this.readOnly = false; // the hold-back is a cluster node's read-only rooms, not the sender too fast
    this.delayed = false; // held back since the queue was last empty: its lines are late, and the page says so
    this.watchers = []; // [{which, resolve}] of whenNone()
    this.givenUp = null; // {line, reason}: the line in flight, given up (drop) should its answer be "wait"
  }

  /** Lines not sent yet, the one in flight included. */
  get count() {
    return this.waiting.length + (this.inFlight ? 1 : 0);
  }

  /** Whether the queue holds back, waiting out a Retry-After. */
  get holding() {
    return this.resumeTimer !== null;
  }

  /** The whole seconds until the queue goes on (0 when it is not holding back). */
  get secondsLeft() {
    return this.holding ? Math.max(1, Math.ceil((this.resumeAt - Date.now()) / 1000)) : 0;
  }

  /** Queues a line behind every line waiting. */
  add(line) {
    this.waiting.push(line);
    this.changed();
    this.pump();
  }

  /** Resolves once no line waits (each sent, refused or given up). */
  whenEmpty() {
    return this.whenNone(() => true);
  }

  /** How many of the lines not sent yet (the one in flight included) `which(line)` picks. */
  countOf(which) {
    return this.lines().filter(which).length;
  }

  /** Resolves once none of the lines `which(line)` picks waits (each sent, refused or given up). */
  whenNone(which) {
    if (this.countOf(which) === 0) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ which, resolve }));
  }

  /**
   * Gives up the waiting lines `which(line)` picks, in order, each told to notSent with `reason`. The one in flight
   * is on the wire already: it stays, unless its answer is "wait" (then it is given up too, not sent again).
   */
  drop(which, reason) {
    const dropped = this.waiting.filter(which);
    this.waiting = this.waiting.filter((line) => !which(line));
    if (this.inFlight && which(this.inFlight)) this.givenUp = { line: this.inFlight, reason };
    // Holding back for a line given up: nothing else waits for the Retry-After.
    if (this.waiting.length === 0) this.stopHolding();
    for (const line of dropped) this.notSent(line, reason);
    this.settle();
  }

  /**
   * Gives up every line not answered yet, in order: the one in flight (on the wire, unanswered) told to unconfirmed,
   * those behind it to notSent with `error`.
   */
  dropAll(error) {
    const { inFlight, waiting } = this;
    this.inFlight = null;
    this.givenUp = null;
    this.waiting = [];
    this.stopHolding();
    if (inFlight) this.unconfirmed(inFlight);
    for (const line of waiting) this.notSent(line, error);
    this.settle();
  }

  async pump() {
    if (this.inFlight || this.holding) return;
    const line = this.waiting.shift();
    if (!line) {
      this.settle();
      return;
    }
    this.inFlight = line;
    let answer;
    try {
      answer = await this.sendLine(line);
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      // Nothing more can go on this connection. This line, unless it never went out, may have been taken; those
      // behind it are not sent.
      if (this.inFlight === line) {
        if (e.unsent) {
          this.inFlight = null;
          this.waiting.unshift(line);
        }
        this.dropAll(e);
      }
      return;
    }
    if (this.inFlight !== line) return; // given up meanwhile (dropAll)
    this.inFlight = null;
    const givenUp = this.givenUp?.line === line ? this.givenUp : null;
    this.givenUp = null;
    const readOnly = answer.status === 503 && answer.headers.has("Retry-After");
    const wait = answer.status === 429 || readOnly;
    if (wait && !givenUp) {
      this.waiting.unshift(line);
      this.holdBack(answer.headers.number("Retry-After") ?? 1, readOnly);
      return;
    }
    if (wait) this.notSent(line, givenUp.reason);
    else this.answered(line, answer);
    this.wake();
    this.changed();
    this.pump();
  }

  holdBack(seconds, readOnly) {
    const wait = Math.max(1, seconds) * 1000;
    this.readOnly = readOnly;
    this.delayed = true;
    this.resumeAt = Date.now() + wait;
    this.resumeTimer = setTimeout(() => {
      this.stopHolding();
      this.changed();
      this.pump();
    }, wait);
    this.tickTimer = setInterval(() => this.changed(), 1000);
    this.changed();
  }

  stopHolding() {
    clearTimeout(this.resumeTimer);
    clearInterval(this.tickTimer);
    this.resumeTimer = null;
    this.tickTimer = null;
  }

  /** The lines not sent yet, in order, the one in flight first. */
  lines() {
    return [...(this.inFlight ? [this.inFlight] : []), ...this.waiting];
  }

  /** Whoever waits for lines that no longer wait (whenNone) is told. */
  wake() {
    const lines = this.lines();
    this.watchers = this.watchers.filter(({ which, resolve }) => {
      if (lines.some(which)) return true;
      resolve();
      return false;
    });
  }

  /** Once nothing waits: said, and whoever waits for that is told. */
  settle() {
    this.wake();
    if (this.count > 0) {
      this.changed();
      return;
    }
    this.delayed = false;
    this.changed();
  }
}
