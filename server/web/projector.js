// The projector page: the join code in large type, the page address, each team with who
// joined it, the month and phase, and the countdown. It watches the room as an observer
// (docs/protocol.md): the roster comes from the `room` request, polled every 3 seconds.

import { Connection } from "./net.js";
import { h, clock } from "./words.js";

const $ = (id) => document.getElementById(id);
const S = { msg: null, at: 0, conn: null };

function code() {
  const m = location.pathname.match(/^\/projector\/([A-Za-z0-9]{4,12})\/?$/);
  return m ? m[1].toUpperCase() : "";
}

function roster(room) {
  $("scenario").textContent = room.scenario_name + (room.name ? ` — ${room.name}` : "");
  $("roster").replaceChildren(...room.seats.map((s) => {
    const li = h("li", { id: `roster-${s.id}` }, h("b", {}, s.name), h("br"),
      s.bot ? `bot (${s.bot})` : s.players.length ? s.players.join(", ") : h("span", { class: "muted" }, "nobody yet"));
    if (/^#[0-9A-Fa-f]{3,8}$/.test(s.colour)) li.style.borderLeftColor = s.colour;
    return li;
  }));
}

function show(c) {
  $("code-form").hidden = true;
  $("board").hidden = false;
  $("big-code").textContent = c;
  $("address").textContent = `${location.host}/join/${c}`;
  document.title = `Room ${c} — Six-Party`;
  const key = `sixparty.projector.${c}`;
  const token = localStorage.getItem(key);
  const first = token ? { type: "auth", token } : { type: "join", code: c, role: "observer", name: "projector" };
  const conn = new Connection(first, {
    onWelcome: (w) => {
      if (w.token) localStorage.setItem(key, w.token);
      if (w.room) roster(w.room);
    },
    onView: (msg) => { S.msg = msg; S.at = performance.now(); state(); },
    onError: (e) => {
      if (e.code === "bad_token") { localStorage.removeItem(key); location.reload(); }
      $("state").textContent = e.message;
    },
    onStatus: (st, detail) => { $("status").textContent = st === "connected" ? "" : st === "refused" ? detail : `${st}…`; },
  });
  if (token) conn.token = token;
  S.conn = conn;
  setInterval(async () => {
    const r = await conn.request({ type: "room", scenario: false }).catch(() => null);
    if (r) roster(r.room);
  }, 3000);
  setInterval(tick, 250);
}

function state() {
  const v = S.msg.view;
  const phase = { negotiation: "negotiation", orders: "orders", over: "the game is over" }[v.phase] || v.phase;
  let text = `${v.month_label} — ${phase}`;
  if (S.msg.started === false) text = "Briefing time: read your briefing; the game starts soon";
  else if (v.paused) text += " (paused)";
  $("state").textContent = text;
  tick();
}

function tick() {
  if (!S.msg) return;
  const left = S.msg.remaining;
  $("clock").textContent = left == null ? (S.msg.paused_remaining != null ? `paused ${clock(S.msg.paused_remaining)}`
    : S.msg.view.phase === "over" ? "over" : "no timer")
    : clock(Math.max(0, left - (performance.now() - S.at) / 1000));
}

const c = code();
if (c) show(c);
else {
  $("code-form").hidden = false;
  $("code-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.href = `/projector/${$("code").value.trim().toUpperCase()}`;
  });
}
