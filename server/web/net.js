// The connection to the game server: the documented protocol (docs/protocol.md) over a
// websocket on the page's own host and port. Requests carry a request_id and resolve with
// the reply; views come whole, then as view_delta frames applied here (the steps of
// docs/protocol.md "View deltas"); a dropped connection reconnects with the seat token,
// backing off from 0.5 s to 5 s. No rules here: the page only shows what the server says.
// `seq` and `version` are the viewer's own numbers (docs/protocol.md "Numbering"): they
// are compared only between views of one viewer on one connection.

export const PROTOCOL = 1;
const FATAL = new Set(["bad_token", "unknown_room", "protocol_version", "unknown_seat",
  "seat_is_bot", "seat_full", "room_locked"]);

/** Where the websocket of this page's server is. */
export function serverUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/`;
}

/** Apply one view_delta to the view message held; null when it does not fit. */
export function applyDelta(held, delta) {
  if (!held || held.version !== delta.base_version || held.viewer !== delta.viewer) return null;
  const view = { ...held.view };
  for (const [k, v] of Object.entries(delta.view || {})) view[k] = v;
  for (const [k, items] of Object.entries(delta.append || {})) view[k] = [...(view[k] || []), ...items];
  for (const k of delta.removed || []) delete view[k];
  const out = { ...held, view, type: "view" };
  if (delta.legal !== null && delta.legal !== undefined) out.legal = delta.legal;
  for (const k of ["seq", "version", "deadline", "remaining", "state_hash", "started", "paused_remaining"]) {
    out[k] = delta[k];
  }
  return out;
}

/** A random prefix for this page's request ids: the server remembers a sender's ids for
 *  ten minutes across connections, so a reloaded page must not start again at 1. */
function idPrefix() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes); // works over plain http too (randomUUID does not)
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** One authenticated connection that keeps itself up. */
export class Connection {
  /**
   * @param {object} first the first message (join or auth), without protocol fields
   * @param {object} handlers onWelcome, onView, onError, onStatus, onReply
   */
  constructor(first, handlers) {
    this.first = first;
    this.h = handlers;
    this.token = null;
    this.view = null;
    this.prefix = idPrefix();
    this.ids = 1;
    this.pending = new Map();
    this.closed = false;
    this.backoff = 500;
    this.open();
  }

  open() {
    this.status("connecting");
    const ws = new WebSocket(serverUrl());
    this.ws = ws;
    ws.onopen = () => {
      this.view = null; // a new connection starts from a whole view, numbered afresh
      const msg = this.token ? { type: "auth", token: this.token } : this.first;
      this.request({ ...msg, protocol: PROTOCOL, deltas: true }).then((welcome) => {
        this.backoff = 500;
        if (welcome.token) this.token = welcome.token;
        this.status("connected");
        this.h.onWelcome?.(welcome);
      }, (err) => {
        if (FATAL.has(err.code)) {
          this.closed = true;
          this.status("refused", err.message);
          ws.close();
        }
        this.h.onError?.(err);
      });
    };
    ws.onmessage = (ev) => this.incoming(JSON.parse(ev.data));
    ws.onclose = () => {
      for (const [, p] of this.pending) p.reject({ code: "closed", message: "connection lost" });
      this.pending.clear();
      if (this.closed) return;
      this.status("reconnecting");
      setTimeout(() => this.open(), this.backoff);
      this.backoff = Math.min(5000, this.backoff * 2);
    };
  }

  status(state, detail = "") { this.h.onStatus?.(state, detail); }

  incoming(msg) {
    const waiting = msg.request_id != null ? this.pending.get(msg.request_id) : undefined;
    if (msg.type === "view") {
      const held = this.view;
      if (held && held.viewer === msg.viewer && msg.version < held.version) return; // older
      this.view = msg;
      this.h.onView?.(msg);
    } else if (msg.type === "view_delta") {
      const next = applyDelta(this.view, msg);
      if (next) {
        this.view = next;
        this.h.onView?.(next);
      } else {
        this.send({ type: "sync" });
      }
    } else if (msg.type === "welcome" && msg.request_id == null) {
      this.h.onWelcome?.(msg); // pushed: the facilitator moved you to another seat
    } else if (msg.type === "error" && !waiting) {
      this.h.onError?.(msg);
    }
    if (waiting && msg.type !== "view") {
      this.pending.delete(msg.request_id);
      (msg.type === "error" ? waiting.reject : waiting.resolve)(msg);
    }
  }

  nextId() { return `${this.prefix}-${this.ids++}`; }

  send(msg) {
    const id = this.nextId();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...msg, request_id: id }));
    return id;
  }

  /** Send a message; resolves with its reply, rejects with an error message. */
  request(msg) {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) {
        reject({ code: "closed", message: "not connected: reconnecting…" });
        return;
      }
      const id = this.nextId();
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...msg, request_id: id }));
    });
  }

  /** Send an action; resolves with the ack. */
  act(action) { return this.request({ type: "action", action }); }

  close() {
    this.closed = true;
    this.ws.close();
  }
}
