// The student's page: pick a team, then play a seat. It shows the view the server sends
// and sends actions (docs/protocol.md); the server refuses what is not allowed and the
// refusal is shown in words. Everything players wrote is set as text (words.js h()).

import { Connection } from "./net.js";
import { h, clock, channelOf, Words, PUBLIC, INTENTS } from "./words.js";
import { drawMap } from "./map.js";

const $ = (id) => document.getElementById(id);
const STORE = "sixparty.seat";

const S = {
  conn: null, lobbyConn: null, words: new Words({}), msg: null, room: null, seat: null,
  role: null, tab: "orders", channel: PUBLIC, seen: {}, extra: [], receivedAt: 0,
  monthShown: null, monthStart: null, endShown: false, briefingShown: false, seenNews: 0, seenDeals: new Set(),
  mapAsset: null, counterTo: null, intentTo: null, rendering: false,
};

// ------------------------------------------------------------------ helpers
function view() { return S.msg?.view ?? {}; }
function legal() { return S.msg?.legal ?? {}; }
function can(kind) { return (legal().types || []).includes(kind); }
function you() { return view().you ?? S.seat; }

/** Replace a container's children, unless they would be the same: a view that changes
 *  nothing here leaves the controls alone (no lost click, no flickering tooltip, ticked
 *  boxes stay ticked). Handlers read the state when they run, not when drawn. Keyboard
 *  focus stays on the control with the same id. */
function fill(el, ...children) {
  const box = document.createElement("div");
  box.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  const sig = box.innerHTML;
  if (el.sixpartySig === sig) return false;
  el.sixpartySig = sig;
  const active = document.activeElement;
  const keep = active && el.contains(active) && active.id ? active.id : null;
  el.replaceChildren(...box.childNodes);
  if (keep) document.getElementById(keep)?.focus();
  return true;
}

function showError(text) {
  console.warn(`sixparty: ${text}`); // also in the browser's console, for whoever debugs
  const box = $("errors");
  const item = h("p", { class: "error" }, text, " ",
    h("button", { type: "button", class: "small", "aria-label": "Dismiss", onclick: () => item.remove() }, "×"));
  box.append(item);
  while (box.children.length > 3) box.firstChild.remove();
  setTimeout(() => item.remove(), 8000);
}

function act(action) {
  if (!S.conn) return Promise.resolve(null);
  return S.conn.act(action).catch((err) => { showError(err.message || String(err.code)); return null; });
}

function setStatus(state, detail) {
  const words = { connecting: "Connecting…", connected: "", reconnecting: "Connection lost: reconnecting…",
    refused: `Not let in: ${detail}` };
  const text = words[state] ?? state;
  $("status").textContent = text;
  $("status").hidden = !text;
}

function tip(id, text) {
  return text ? h("span", { class: "tip", role: "tooltip", id }, text) : null;
}

// ------------------------------------------------------------------ storage
function stored() {
  try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch { return null; }
}
function store(value) {
  if (value) localStorage.setItem(STORE, JSON.stringify(value));
  else localStorage.removeItem(STORE);
}

// ------------------------------------------------------------------ lobby
function codeFromPath() {
  const m = location.pathname.match(/^\/join\/([A-Za-z0-9]{4,12})\/?$/);
  return m ? m[1].toUpperCase() : "";
}

function showLobby(code) {
  $("game").hidden = true;
  $("lobby").hidden = false;
  document.title = "Six-Party — join a room";
  $("code").value = code || "";
  $("name").value = localStorage.getItem("sixparty.name") || "";
  if (code) openLobby(code);
  else $("code").focus();
}

function openLobby(code) {
  S.lobbyConn?.close();
  clearInterval(S.lobbyTimer);
  S.lobbyCode = code;
  const conn = new Connection({ type: "join", code, role: "observer", name: "lobby" }, {
    onWelcome: async (w) => {
      renderSeats(w.room);
      const reply = await conn.request({ type: "room" }).catch(() => null);
      if (reply) { S.words = new Words(reply.scenario); renderSeats(reply.room); }
      S.lobbyTimer = setInterval(async () => {
        const r = await conn.request({ type: "room", scenario: false }).catch(() => null);
        if (r) renderSeats(r.room);
      }, 4000);
    },
    onError: (e) => { showError(e.message); $("teams").hidden = true; },
    onStatus: setStatus,
  });
  S.lobbyConn = conn;
}

function renderSeats(room) {
  S.room = room;
  $("teams").hidden = false;
  $("teams-title").textContent = `Pick your team — room ${room.code}: ${room.scenario_name}`;
  $("scenario-summary").textContent = S.words.info.summary || "";
  fill($("seat-list"), room.seats.map((seat) => {
    const people = seat.players || [];
    const label = seat.bot ? "Played by a bot" : people.length ? "Join this team" : "Take this seat";
    return h("li", { class: "seat" },
      h("span", { class: "swatch", style: null, "data-colour": seat.colour, "aria-hidden": "true" }),
      h("span", { class: "seat-name" }, seat.name),
      h("span", { class: "seat-who muted" }, people.length ? people.join(", ") : seat.bot ? `bot (${seat.bot})` : "free"),
      h("button", { type: "button", id: `seat-${seat.id}`, disabled: !!seat.bot,
        "aria-label": `${label}: ${seat.name}`, onclick: () => joinSeat(room.code, seat.id) }, label));
  }));
  paintSwatches($("seat-list"));
  document.body.dataset.lobbyAt ??= String(Math.round(performance.now()));
}

/** Colours come from the scenario file, set through the CSSOM (the CSP forbids inline styles). */
function paintSwatches(root) {
  for (const el of root.querySelectorAll("[data-colour]")) {
    const c = el.getAttribute("data-colour");
    if (/^#[0-9A-Fa-f]{3,8}$/.test(c)) el.style.backgroundColor = c;
  }
}

function joinSeat(code, seat) {
  const name = $("name").value.trim();
  localStorage.setItem("sixparty.name", name);
  clearInterval(S.lobbyTimer);
  S.lobbyConn?.close();
  S.lobbyConn = null;
  startGame({ type: "join", code, role: "player", seat, name }, code);
}

// ------------------------------------------------------------------ the game
function startGame(first, code) {
  $("lobby").hidden = true;
  $("game").hidden = false;
  S.conn?.close();
  const conn = new Connection(first, {
    onWelcome: async (w) => {
      S.role = w.role;
      S.seat = w.seat;
      if (w.room) S.room = w.room;
      if (w.token) store({ code: w.room.code, token: w.token, seat: w.seat, name: w.name });
      const info = await conn.request({ type: "room" }).catch(() => null);
      if (info) { S.words = new Words(info.scenario); S.room = info.room; }
      render();
    },
    onView: (msg) => { S.msg = msg; S.receivedAt = performance.now(); render(); },
    onError: (e) => {
      // refused at the door (a stale token, a full or bot seat, a locked room): back to
      // the teams, with the reason shown
      if (e.code === "bad_token") store(null);
      // A seat the server no longer knows (a restarted server with a new database) sends
      // the page back to the lobby even mid-game: nothing on the old screen works any more.
      const gone = ["bad_token", "unknown_room"].includes(e.code);
      if (gone || (!S.msg && ["seat_full", "seat_is_bot", "room_locked", "unknown_seat"].includes(e.code))) {
        S.conn = null;
        S.msg = null;
        showLobby(code);
      }
      showError(e.message);
    },
    onStatus: setStatus,
  });
  if (first.type === "auth") conn.token = first.token;
  S.conn = conn;
}

function render() {
  if (S.rendering || !S.msg || !S.words.info.actors) return; // the view, and the words for it
  S.rendering = true;
  requestAnimationFrame(() => {
    S.rendering = false;
    renderTop();
    renderSituation();
    renderOrders();
    renderChat();
    renderDeals();
    renderNews();
    renderBriefing();
    renderTabs();
    maybeDialogs();
    document.body.dataset.ready = "1";
    document.body.dataset.readyAt ??= String(Math.round(performance.now()));
  });
}

function renderTop() {
  const v = view(), w = S.words, me = you();
  const name = S.role === "observer" ? "Observer" : w.name(me);
  $("title").textContent = `${name} — ${v.month_label ?? ""}`;
  document.title = `${name} · Six-Party`;
  $("flag").dataset.colour = w.colour(me);
  paintSwatches($("game").querySelector(".who"));
  const phase = { negotiation: "Negotiation: talk, propose, draft your orders",
    orders: "Orders: set your levers and signal, then submit", over: "The game is over" }[v.phase] || v.phase;
  $("phase").textContent = phase;
  const t = v.tension || {};
  $("tension-text").textContent = `${Math.round(t.value ?? 0)} — ${t.rung_name ?? ""}`;
  $("tension").setAttribute("aria-valuenow", String(Math.round(t.value ?? 0)));
  $("tension").setAttribute("aria-valuetext", `${Math.round(t.value ?? 0)} of 100, ${t.rung_name ?? ""}`);
  $("tension-fill").style.width = `${Math.max(0, Math.min(100, t.value ?? 0))}%`;
  $("tension-fill").dataset.rung = t.rung || "";
  const rungs = w.info.tension?.rungs || [];
  if (!$("tension-rungs").childElementCount && rungs.length) {
    fill($("tension-rungs"), rungs.slice(1).map((r) => {
      const mark = h("span", { class: "rung", title: r.name });
      mark.style.left = `${r.start}%`;
      return mark;
    }));
  }
  // the ready button
  const b = $("ready");
  let text = "Ready for orders", enabled = can("ready");
  let hint = "End your part of the negotiation; your orders stay drafts until the orders phase.";
  if (v.phase === "negotiation" && (v.ready || []).includes(me)) { text = "Waiting for others…"; enabled = false; }
  else if (v.phase === "orders") {
    text = "Submit orders";
    hint = "Make your drafted orders final for this month.";
    if ((v.submitted || []).includes(me)) { text = "Orders sent — waiting"; enabled = false; }
  } else if (v.phase === "over") { text = "See the results"; enabled = true; hint = "Final scores"; }
  b.textContent = text;
  b.disabled = !enabled || S.role === "observer";
  b.title = hint;
  // banner: briefing time, paused, bot seat
  const banner = $("banner");
  let note = "";
  if (S.msg.started === false) note = "Briefing time: read your briefing. The game starts when your teacher says so.";
  else if (v.paused) note = "The game is paused.";
  else if (S.room?.seats?.find((s) => s.id === me)?.bot) note = "A bot plays this seat now: you can watch.";
  banner.textContent = note;
  banner.hidden = !note;
  // deadlines
  fill($("deadlines"), w.deadlines(v.month ?? 1, v.outcome).map((d, i) => h("li", { class: d.left <= 0 ? "due" : "", tabindex: "0",
    "aria-describedby": `deadline-tip-${i}` }, h("b", {}, d.name), ": ", d.due, tip(`deadline-tip-${i}`, d.explain))));
  tick();
}

function tick() {
  if (!S.msg) return;
  const left = S.msg.remaining;
  const el = $("clock");
  if (left === null || left === undefined) {
    el.textContent = S.msg.paused_remaining != null ? `paused ${clock(S.msg.paused_remaining)}` :
      view().phase === "over" ? "over" : "no timer";
    el.classList.remove("low");
    return;
  }
  const now = Math.max(0, left - (performance.now() - S.receivedAt) / 1000);
  el.textContent = clock(now);
  el.classList.toggle("low", now < 30);
}

function renderSituation() {
  const v = view(), w = S.words, me = you();
  const values = v.variables || {};
  const skip = (k) => k.startsWith("un.") || k.startsWith("pressure") || k.startsWith("trust.") || !w.shown(k);
  const short = (k) => { const o = w.owner(k); let n = w.varName(k); if (o) n = n.replace(` (${w.name(o)})`, ""); return n; };
  const row = (k) => h("div", { class: "var" }, h("dt", {}, short(k)), h("dd", {}, w.value(values[k], k)));
  const keys = Object.keys(values);
  const parts = [];
  const mine = keys.filter((k) => w.owner(k) === me && !skip(k));
  if (mine.length) parts.push(h("h3", {}, w.name(me)), h("dl", {}, mine.map(row)));
  const trust = keys.filter((k) => k.startsWith(`trust.${me}.`));
  if (trust.length) {
    parts.push(h("h3", {}, "Your trust in"), h("dl", {}, trust.map((k) =>
      h("div", { class: "var" }, h("dt", {}, w.name(k.split(".")[2])), h("dd", {}, w.value(values[k], k))))));
  }
  const world = keys.filter((k) => !w.owner(k) && !skip(k) && k !== (w.info.tension?.key));
  if (world.length) parts.push(h("h3", {}, "World"), h("dl", {}, world.map(row)));
  for (const a of w.actors) {
    if (a === me) continue;
    const ks = keys.filter((k) => w.owner(k) === a && !skip(k));
    if (ks.length) parts.push(h("h3", {}, w.name(a)), h("dl", {}, ks.map(row)));
  }
  fill($("situation"), parts);
  drawMap($("map"), S.mapAsset, w, v);
}

// ------------------------------------------------------------------ orders
function currentOption(lid) {
  const v = view();
  return (v.draft?.levers || {})[lid] ?? (v.policy || {})[lid];
}

function renderOrders() {
  const v = view(), l = legal(), w = S.words, me = you();
  const submitted = (v.submitted || []).includes(me) || v.phase === "over";
  const open = can("orders") && !submitted;
  let levers = l.levers;
  if (!levers) levers = Object.fromEntries(Object.keys(v.policy || {}).map((lid) => [lid, w.lever(lid).options.map((o) => o.id)]));
  $("orders-note").textContent = S.role === "observer" ? "Observers watch; they do not give orders." :
    submitted ? "Your orders for this month are final." :
    v.phase === "orders" ? "Set each lever and your signal, then press “Submit orders”." :
    open ? "Drafts: you may change them until the orders phase ends. Levers you leave keep last month's choice." :
    "You cannot give orders right now.";
  const groups = [];
  for (const [lid, options] of Object.entries(levers)) {
    const lever = w.lever(lid), current = currentOption(lid);
    groups.push(h("fieldset", { class: "lever" },
      h("legend", { tabindex: "0", "aria-describedby": `tip-lever-${lid}` }, lever.name, tip(`tip-lever-${lid}`, lever.explain)),
      h("div", { class: "options", role: "group", "aria-label": lever.name }, options.map((opt) => {
        const o = w.option(lid, opt);
        const id = `option-${lid}-${opt}`;
        return h("span", { class: "opt-wrap" },
          h("button", { type: "button", id, class: "opt", "aria-pressed": String(opt === current), disabled: !open,
            "aria-describedby": `${id}-tip`,
            onclick: () => act({ type: "orders", month: view().month, levers: { [lid]: opt }, final: false }) },
          o.name, o.covert ? h("span", { class: "covert" }, " (covert)") : null),
          tip(`${id}-tip`, `${o.name}${o.covert ? " (covert)" : ""}: ${o.explain || ""}`));
      }))));
  }
  const signals = l.signals || {};
  if (Object.keys(signals).length) {
    const chosen = (v.draft?.signals || [])[0];
    const sid = chosen?.signal ?? null;
    const setSignal = (s, target) => {
      let sig = [];
      if (s) {
        const targets = (legal().signals || {})[s] || [];
        sig = [{ signal: s, target: targets.length ? (target ?? targets[0]) : null }];
      }
      act({ type: "orders", month: view().month, signals: sig, final: false });
    };
    const buttons = [null, ...Object.keys(signals)].map((s) => {
      const sg = s ? w.signal(s) : null;
      const id = `signal-${s || "none"}`;
      const text = s ? `${sg.name}: ${sg.explain || ""}${sg.escalation ? ` Escalation +${sg.escalation}.` : ""}${sg.breaks_moratorium ? " Breaks the moratorium." : ""}`
        : "Send no signal this month.";
      return h("span", { class: "opt-wrap" },
        h("button", { type: "button", id, class: "opt", "aria-pressed": String(s === sid), disabled: !open,
          "aria-describedby": `${id}-tip`, onclick: () => setSignal(s) }, s ? sg.name : "None"),
        tip(`${id}-tip`, text));
    });
    groups.push(h("fieldset", { class: "lever" },
      h("legend", { tabindex: "0", "aria-describedby": "tip-signal" }, "Signal this month",
        tip("tip-signal", "A public act on the escalation ladder. Everyone sees it after the month.")),
      h("div", { class: "options", role: "group", "aria-label": "Signal this month" }, buttons)));
    const targets = sid ? signals[sid] || [] : [];
    if (targets.length) {
      groups.push(h("fieldset", { class: "lever" }, h("legend", {}, "Addressed to"),
        h("div", { class: "options", role: "group", "aria-label": "Signal addressed to" }, targets.map((t) =>
          h("button", { type: "button", id: `target-${t}`, class: "opt", "aria-pressed": String(chosen?.target === t),
            disabled: !open, onclick: () => setSignal(sid, t) }, w.name(t))))));
    }
  }
  const standUp = l.stand_up || [];
  if (standUp.length) {
    const chosen = new Set(v.draft?.stand_up || []);
    groups.push(h("fieldset", { class: "lever" },
      h("legend", { tabindex: "0", "aria-describedby": "tip-standup" }, "Stand up talks with",
        tip("tip-standup", "You agreed to talks this month. Standing a partner up skips them: they see it, and it costs trust.")),
      h("div", { class: "options", role: "group" }, standUp.map((a) =>
        h("button", { type: "button", id: `stand_up-${a}`, class: "opt", "aria-pressed": String(chosen.has(a)), disabled: !open,
          onclick: () => {
            const next = chosen.has(a) ? [...chosen].filter((x) => x !== a) : [...chosen, a];
            act({ type: "orders", month: view().month, stand_up: next, final: false });
          } }, w.name(a))))));
  }
  fill($("orders"), groups);
}

// ------------------------------------------------------------------ chat
function channels() {
  const me = you(), press = S.room?.press ?? "full";
  const out = [PUBLIC];
  if (press === "full") for (const a of S.words.actors) if (a !== me) out.push([me, a].sort().join("+"));
  for (const m of view().messages || []) { const c = channelOf(m); if (!out.includes(c)) out.push(c); }
  for (const c of S.extra) if (!out.includes(c)) out.push(c);
  return out;
}
function messagesOf(c) { return (view().messages || []).filter((m) => channelOf(m) === c); }
function unread(c) {
  const last = S.seen[c] ?? 0;
  return messagesOf(c).filter((m) => m.id > last && m.from !== you()).length;
}
function markRead(c) {
  const ms = messagesOf(c);
  if (ms.length) S.seen[c] = Math.max(...ms.map((m) => m.id));
}

function renderChat() {
  const w = S.words, me = you(), press = S.room?.press ?? "full";
  const chs = channels();
  if (!chs.includes(S.channel)) S.channel = PUBLIC;
  if (S.tab === "chat") markRead(S.channel);
  fill($("channels"), chs.map((c) => {
    const n = unread(c);
    return h("button", { type: "button", role: "listitem", class: "channel", id: `channel-${c}`,
      "aria-current": c === S.channel ? "true" : null, onclick: () => { S.channel = c; render(); } },
    w.channelLabel(c, me), n ? h("span", { class: "count", "aria-label": `${n} unread` }, ` (${n})`) : null);
  }));
  const msgs = messagesOf(S.channel);
  const list = $("messages");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  fill(list, msgs.length ? msgs.map(messageItem) :
    h("li", { class: "muted" }, S.channel === PUBLIC ? "No public messages yet." : `No messages with ${w.channelLabel(S.channel, me)} yet.`));
  paintText(list);
  if (atBottom) list.scrollTop = list.scrollHeight;
  const input = $("chat-text");
  const off = press === "none" || S.role === "observer";
  input.disabled = off || !can("message");
  $("chat-send").disabled = input.disabled;
  // terms are picked from the levers that may be promised: in the negotiation
  $("chat-terms").disabled = input.disabled || !legal().commitment_levers;
  input.maxLength = w.info.max_message_chars || 2000;
  const label = `Message to ${w.channelLabel(S.channel, me)}`;
  input.placeholder = off ? (press === "none" ? "Chat is off in this room" : "Observers cannot chat") : `${label} (Enter)`;
  $("chat-label").textContent = label;
  $("group-open").hidden = press !== "full" || S.role === "observer";
  fill($("group-boxes"), w.actors.filter((a) => a !== me).map((a) =>
    h("label", {}, h("input", { type: "checkbox", value: a, id: `group-${a}` }), " ", w.name(a))));
}

/** One chat message: who, the words, and under them its intent (kind and terms) if any. */
function messageItem(m) {
  const w = S.words;
  const it = m.intent ? w.intent(m.intent, m.from) : null;
  return h("li", { id: `msg-${m.id}` },
    h("b", { "data-colour": w.colour(m.from), class: "from" }, w.name(m.from)), ": ", h("span", { class: "text" }, m.text),
    it ? h("div", { class: "intent" }, h("span", { class: "intent-head" }, it.head),
      it.lines.length ? h("ul", {}, it.lines.map((line) => h("li", {}, line))) : null) : null);
}

/** Actor colours on names, through the CSSOM. */
function paintText(root) {
  for (const el of root.querySelectorAll("[data-colour]")) {
    const c = el.getAttribute("data-colour");
    if (/^#[0-9A-Fa-f]{3,8}$/.test(c)) el.style.borderBottomColor = c;
  }
}

// ------------------------------------------------------------------ deals and the Council
function proposalCard(p, buttons) {
  const w = S.words;
  const others = p.parties.filter((a) => a !== p.proposer).map((a) => w.name(a)).join(", ");
  const answers = Object.entries(p.responses || {}).map(([a, r]) => `${w.name(a)}: ${r}`).join(", ");
  return h("article", { class: "card", id: `proposal-${p.id}`, "aria-label": `Proposal ${p.id} from ${w.name(p.proposer)}` },
    h("h4", {}, `#${p.id} from ${w.name(p.proposer)} to ${others}`),
    h("ul", {}, w.terms(p).map((line) => h("li", {}, line))),
    answers ? h("p", { class: "muted" }, answers) : null,
    p.status !== "open" ? h("p", { class: "muted" }, `Status: ${p.status}`) : null,
    buttons.length ? h("div", { class: "card-buttons" }, buttons) : null);
}

function renderDeals() {
  const v = view(), l = legal(), w = S.words;
  $("propose").disabled = !can("propose");
  const awaiting = new Set(l.respond || []), mine = new Set(l.withdraw || []);
  const props = v.proposals || [];
  const parts = [];
  const section = (title, list, buttons) => {
    if (!list.length) return;
    parts.push(h("h3", {}, title), list.map((p) => proposalCard(p, buttons(p))));
  };
  section("Waiting for your answer", props.filter((p) => awaiting.has(p.id)), (p) => [
    h("button", { type: "button", id: `deal-accept-${p.id}`, class: "primary", onclick: () => act({ type: "respond", proposal: p.id, accept: true, month: view().month }) }, "Accept"),
    h("button", { type: "button", id: `deal-reject-${p.id}`, onclick: () => act({ type: "respond", proposal: p.id, accept: false, month: view().month }) }, "Reject"),
    can("propose") ? h("button", { type: "button", id: `deal-counter-${p.id}`, onclick: () => openComposer(p) }, "Counter…") : null,
  ]);
  section("Your open proposals", props.filter((p) => mine.has(p.id)), (p) => [
    h("button", { type: "button", id: `deal-withdraw-${p.id}`, onclick: () => act({ type: "withdraw", proposal: p.id, month: view().month }) }, "Withdraw"),
  ]);
  section("Other open proposals", props.filter((p) => p.status === "open" && !awaiting.has(p.id) && !mine.has(p.id)), () => []);
  section("Closed this month", props.filter((p) => p.status !== "open" && p.month === v.month), () => []);
  parts.push(h("h3", {}, "Agreements"));
  const ags = v.agreements || [];
  if (!ags.length) parts.push(h("p", { class: "muted" }, "No agreements yet."));
  for (const ag of ags) {
    const breaches = ag.breaches || [];
    const comp = breaches.length ? breaches.map((b) => `${w.name(b.actor)} broke it${b.visible === false ? "" : " (seen)"}`).join("; ") : "kept so far";
    const until = Number.isInteger(ag.end) && ag.end > 1 ? `, until ${w.month(ag.end - 1)}` : "";
    parts.push(h("article", { class: "card", id: `agreement-${ag.id}` },
      h("h4", {}, `#${ag.id}: ${ag.parties.map((a) => w.name(a)).join(", ")} — ${ag.status || "active"}${until}`),
      h("ul", {}, w.terms(ag).map((line) => h("li", {}, line))),
      h("p", { class: "muted" }, `Compliance: ${comp}`)));
  }
  fill($("deals"), parts);
  renderUnsc();
}

function renderUnsc() {
  const v = view(), l = legal(), w = S.words;
  const drafts = v.unsc_drafts || [];
  if (!(w.info.unsc || drafts.length || can("unsc_draft"))) { fill($("unsc")); return; }
  const sectors = Object.fromEntries((w.info.sanctions?.sectors || []).map((s) => [s.id, s.name]));
  const month = v.month ?? 1;
  const canVote = new Set(l.unsc_vote || []);
  const parts = [h("h3", {}, "Security Council")];
  const recent = drafts.filter((d) => d.status === "open" || (d.month ?? 0) >= month - 2).reverse();
  if (!recent.length) parts.push(h("p", { class: "muted" }, "No draft resolution on the table."));
  for (const d of recent) {
    const votes = d.votes || {};
    const members = w.info.p5?.length ? w.info.p5 : Object.keys(votes);
    const tally = members.map((a) => `${w.name(a)} ${a in votes ? ({ yes: "yes", no: "veto", abstain: "abstains" }[votes[a]] ?? votes[a]) : "not yet"}`).join(", ");
    const status = d.status === "open" ? "open: votes are counted at the month's end" : d.status;
    parts.push(h("article", { class: "card", id: `draft-${d.id}` },
      h("h4", {}, `Draft #${d.id} by ${w.name(d.drafter)}: ${d.direction} sanctions on ${(sectors[d.sector] || d.sector).toLowerCase()}`),
      h("p", {}, status), h("p", { class: "muted" }, `Votes: ${tally}`),
      canVote.has(d.id) ? h("div", { class: "card-buttons", role: "group", "aria-label": `Your vote on draft ${d.id}` },
        [["yes", "Vote yes"], ["no", "Veto (no)"], ["abstain", "Abstain"]].map(([vote, label]) =>
          h("button", { type: "button", id: `unsc-${vote}-${d.id}`, title: "A resolution passes at the month's end with at least one yes and no veto from a permanent member.",
            onclick: () => act({ type: "unsc_vote", month: view().month, draft: d.id, vote }) }, label))) : null));
  }
  if (can("unsc_draft")) {
    const select = h("select", { id: "unsc-sector", "aria-label": "Sector" },
      (l.unsc_sectors || []).map((s) => h("option", { value: s }, sectors[s] || s)));
    parts.push(h("div", { class: "unsc-new" }, h("label", { for: "unsc-sector" }, "Table a draft on "), select,
      ["tighten", "relax"].map((dir) => h("button", { type: "button", id: `unsc-${dir}`,
        onclick: () => act({ type: "unsc_draft", month: view().month, sector: $("unsc-sector").value, direction: dir }) },
      dir === "tighten" ? "Tighten" : "Relax"))));
  }
  const keep = $("unsc-sector")?.value;
  fill($("unsc"), parts);
  if (keep && $("unsc-sector")) $("unsc-sector").value = keep;
}

// ------------------------------------------------------------------ composer
/** The composer, for a proposal (a counter-proposal to ``counter``), or, with ``intentTo``
 *  (the chat's addressees, [] for public), for a chat message with an intent: its kind,
 *  terms picked as a proposal's, inspections and a summit, and the words, which stay free. */
function openComposer(counter = null, intentTo = null) {
  const l = legal(), w = S.words, me = you();
  const intent = intentTo !== null;
  S.counterTo = counter ? counter.id : null;
  S.intentTo = intent ? [...intentTo] : null;
  const toWords = intent ? (intentTo.length ? intentTo.map((a) => w.name(a)).join(", ") : "everyone (public)") : "";
  $("composer-title").textContent = intent ? `Message with terms to ${toWords}` :
    counter ? `Counter-proposal to #${counter.id}` : "New proposal";
  $("composer-error").textContent = "";
  $("composer-to-box").hidden = intent;
  $("composer-to-fixed").hidden = !intent;
  $("composer-to-fixed").textContent = !intent ? "" :
    intentTo.length ? `To: ${toWords} (this conversation)` : "To: everyone (the public chat)";
  $("composer-kind-box").hidden = !intent;
  $("composer-talks-label").hidden = intent; // an intent has no talks
  $("composer-terms-legend").textContent = intent ? "Terms" : "Commitments";
  $("composer-add").textContent = intent ? "Add a term" : "Add a commitment";
  $("composer-text-label").textContent = intent ? "Your message (the terms go with your words)" : "A note with it";
  $("composer-send").textContent = intent ? "Send message" : "Send proposal";
  const to = new Set(counter ? counter.parties.filter((a) => a !== me) : []);
  fill($("composer-to"), (l.partners || []).map((a) => h("label", {},
    h("input", { type: "checkbox", value: a, id: `to-${a}`, checked: to.has(a) }), " ", w.name(a))));
  if (intent) {
    fill($("composer-kind"), INTENTS.map((k, i) => h("label", {},
      h("input", { type: "radio", name: "intent-kind", value: k.id, id: `kind-${k.id}`, checked: i === 0,
        "aria-describedby": "composer-kind-hint", onchange: kindHint }), " ", k.label)));
    kindHint();
  }
  // empty, whatever the last composer left (rows are added one by one, not by fill())
  $("composer-terms").replaceChildren();
  $("composer-summit").checked = !!counter?.summit;
  $("composer-talks").checked = !!counter?.talks;
  // every term of a counter-proposal, of every kind, phased ones waiting for the same rows
  const made = (counter?.commitments || []).map((c) => addTerm(c));
  for (const [i, c] of (counter?.commitments || []).entries()) {
    if (c.after && made[c.after.term] !== undefined) $(`term-${made[i]}-start`).value = `after:${made[c.after.term]}`;
  }
  refreshTerms();
  $("composer-inspections").checked = !!counter?.inspections;
  // the words typed in the chat move into the composer (and back if it is cancelled)
  $("composer-text").value = intent ? $("chat-text").value.trim() : "";
  if (intent) $("chat-text").value = "";
  $("composer-text").maxLength = w.info.max_message_chars || 2000;
  $("composer").showModal();
  (intent ? $("kind-offer") : $("composer").querySelector("input"))?.focus();
}

/** The chosen kind's explanation under the kinds. */
function kindHint() {
  const kind = INTENTS.find((k) => k.id === chosenKind());
  $("composer-kind-hint").textContent = kind ? `${kind.label}: ${kind.explain}` : "";
}
function chosenKind() { return $("composer-kind").querySelector("input:checked")?.value ?? "offer"; }

/** Who a new term binds at first: the first partner (the message's addressees, or the
 *  proposal's ticked partners) who can commit to something, else yourself. */
function firstTermActor(levers) {
  const partners = S.intentTo ?? [...$("composer-to").querySelectorAll("input:checked")].map((i) => i.value);
  return partners.find((a) => Object.keys(levers[a] || {}).length) ?? (levers[you()] ? you() : undefined);
}

/** The kinds of term besides levers, as the "what" picker lists them after the levers. */
const KINDS = [["@signals", "Test moratorium"], ["@unsc", "Council vote"], ["@attend", "Attend the talks"]];

/** What `actor` can commit to: [value, label] for each lever it may commit to, then a
 *  moratorium (it has a signal above rung 0), a Council vote (the scenario has a Council
 *  and `actor` is a permanent member), attending the talks (a proposal with talks ticked). */
function kindsOf(actor) {
  const w = S.words, levers = (legal().commitment_levers || {})[actor] || {};
  const out = Object.keys(levers).map((lid) => [lid, w.lever(lid).name]);
  for (const [k, label] of KINDS) {
    if (k === "@signals" && !w.moratoriumRungs(actor).length) continue;
    if (k === "@unsc" && !(w.info.unsc && (w.info.p5 || []).includes(actor))) continue;
    if (k === "@attend" && (S.intentTo !== null || !$("composer-talks").checked)) continue;
    out.push([k, label]);
  }
  return out;
}

let termIds = 0;
/** Add a term row (a counter-proposal's term when `preset`); returns the row's number.
 *  A row: who, what (a lever or another kind of term), the kind's own pickers, when (a
 *  month, or after another party's term: phased), for how long, and the row in words. */
function addTerm(preset = null) {
  const v = view(), l = legal(), w = S.words;
  const levers = l.commitment_levers || {};
  const n = termIds++;
  const sel = (k, label, options = []) => h("select", { id: `term-${n}-${k}`, "aria-label": label }, options);
  const actorSel = sel("actor", "Who commits", Object.keys(levers).map((a) => h("option", { value: a }, w.name(a))));
  const whatSel = sel("lever", "Lever");
  whatSel.title = "What: a lever, a test moratorium, a Security Council vote, or attending the talks";
  const optionSel = sel("option", "Option");
  const compareSel = sel("compare", "How",
    [["exactly", "exactly"], ["at_most", "at most"], ["at_least", "at least"]].map(([k, t]) => h("option", { value: k }, t)));
  const rungSel = sel("rung", "No test from");
  const draftSel = sel("draft", "Council drafts");
  const voteSel = sel("vote", "Vote", [["no_veto", "no veto"], ["yes", "vote yes"]].map(([k, t]) => h("option", { value: k }, t)));
  const months = w.info.months || [];
  const startSel = sel("start", "From",
    months.map((m, i) => (i + 1 >= (v.month ?? 1) ? h("option", { value: String(i + 1) }, m) : null)));
  const lengthIn = h("input", { id: `term-${n}-months`, type: "number", min: "1", max: String(w.info.max_deal_months || 12), value: "3", "aria-label": "For how many months" });
  const when = h("span", { class: "term-when" }, h("span", {}, "from"), startSel, h("span", {}, "for"), lengthIn, h("span", {}, "months"));
  const said = h("p", { class: "term-words", id: `term-${n}-words`, "aria-live": "polite" });
  const fillKinds = () => {
    const keep = whatSel.value;
    fill(whatSel, kindsOf(actorSel.value).map(([k, t]) => h("option", { value: k }, t)));
    if ([...whatSel.options].some((o) => o.value === keep)) whatSel.value = keep;
    fillKind();
  };
  const fillKind = () => {
    const what = whatSel.value, actor = actorSel.value;
    const lever = what && !what.startsWith("@");
    if (lever) {
      const keep = optionSel.value;
      fill(optionSel, ((levers[actor] || {})[what] || []).map((o) => h("option", { value: o }, w.option(what, o).name)));
      if ([...optionSel.options].some((o) => o.value === keep)) optionSel.value = keep;
    }
    if (what === "@signals") {
      const keep = rungSel.value, rungs = w.moratoriumRungs(actor);
      fill(rungSel, rungs.map((r) => h("option", { value: String(r) }, `${w.rungSignals(actor, r).join(" or ")} or anything higher`)));
      // the scenario's own moratorium line (the first signal that breaks it), else the top rung
      const line = Object.values(w.info.signals || {}).filter((x) => (x.actors || []).includes(actor) && x.breaks_moratorium).map((x) => x.rung);
      rungSel.value = rungs.includes(Number(keep)) ? keep : String(line.length ? Math.min(...line) : rungs[rungs.length - 1]);
    }
    if (what === "@unsc" && !draftSel.options.length) {
      const sectors = [[null, "any sector"], ...(w.info.sanctions?.sectors || []).map((x) => [x.id, x.name.toLowerCase()])];
      fill(draftSel, ["relax", "tighten"].map((d) => sectors.map(([id, name]) =>
        h("option", { value: `${d}:${id ?? "*"}` }, `${d} sanctions on ${name}`))));
    }
    optionSel.hidden = compareSel.hidden = !lever;
    rungSel.hidden = what !== "@signals";
    draftSel.hidden = voteSel.hidden = what !== "@unsc";
    when.hidden = what === "@attend";
  };
  actorSel.addEventListener("change", fillKinds);
  whatSel.addEventListener("change", fillKind);
  const row = h("div", { class: "term", role: "group", "aria-label": `Commitment ${n + 1}` },
    actorSel, whatSel, compareSel, optionSel, rungSel, draftSel, voteSel, when,
    h("button", { type: "button", class: "small", "aria-label": "Remove this commitment", onclick: () => { row.remove(); refreshTerms(); } }, "Remove"),
    said);
  row.dataset.term = String(n);
  row.termOf = () => termOf(row);
  $("composer-terms").append(row);
  const actor = preset?.actor ?? firstTermActor(levers);
  if (actor) actorSel.value = actor;
  fillKinds();
  if (preset) {
    whatSel.value = preset.lever ?? `@${preset.kind}`;
    fillKind();
    if (preset.option) optionSel.value = preset.option;
    if (preset.compare) compareSel.value = preset.compare;
    if (preset.rung != null) rungSel.value = String(preset.rung);
    if (preset.direction) draftSel.value = `${preset.direction}:${preset.sector ?? "*"}`;
    if (preset.vote) voteSel.value = preset.vote;
    if (preset.start && preset.start >= (v.month ?? 1)) startSel.value = String(preset.start);
    if (preset.months) lengthIn.value = String(preset.months);
  }
  refreshTerms();
  actorSel.focus();
  return n;
}

/** The term rows, in order. */
function termRows() { return [...$("composer-terms").querySelectorAll(".term")]; }

/** One row as the engine takes the term (``after`` as the index of the row it waits for). */
function termOf(row) {
  const n = row.dataset.term, get = (k) => $(`term-${n}-${k}`).value;
  const what = get("lever"), actor = get("actor"), start = get("start");
  const rows = termRows();
  const common = { actor, start: Number(start), months: Number(get("months")) };
  if (start.startsWith("after:")) {
    common.start = view().month ?? 1;
    common.after = { term: rows.findIndex((r) => r.dataset.term === start.slice(6)), months: 1 };
  }
  if (what === "@signals") return { kind: "signals", ...common, rung: Number(get("rung")), signals: [] };
  if (what === "@unsc") {
    const [direction, sector] = get("draft").split(":");
    return { kind: "unsc", ...common, sector: sector === "*" ? null : sector, direction, vote: get("vote") };
  }
  if (what === "@attend") return { kind: "attend", actor };
  return { ...common, lever: what, option: get("option"), compare: get("compare") };
}

/** After any change to the rows: each row's "after" choices (the other parties' rows:
 *  phased, action for action), its kinds (attending needs talks), and its words. */
function refreshTerms() {
  const w = S.words, rows = termRows();
  for (const [i, row] of rows.entries()) {
    const n = row.dataset.term, actor = $(`term-${n}-actor`).value;
    const whatSel = $(`term-${n}-lever`);
    if (whatSel.value === "@attend" && !kindsOf(actor).some(([k]) => k === "@attend")) {
      row.remove(); // no talks: no one to attend them
      refreshTerms();
      return;
    }
    if (![...whatSel.options].some((o) => o.value === "@attend") && kindsOf(actor).some(([k]) => k === "@attend")) {
      whatSel.append(h("option", { value: "@attend" }, "Attend the talks"));
    }
    const startSel = $(`term-${n}-start`), keep = startSel.value;
    for (const o of [...startSel.options]) if (o.value.startsWith("after:")) o.remove();
    for (const [j, other] of rows.entries()) {
      if (j === i || $(`term-${other.dataset.term}-actor`).value === actor) continue;
      startSel.append(h("option", { value: `after:${other.dataset.term}` }, `after term ${j + 1} is kept`));
    }
    if ([...startSel.options].some((o) => o.value === keep)) startSel.value = keep;
    row.setAttribute("aria-label", `Commitment ${i + 1}`);
  }
  for (const [i, row] of rows.entries()) {
    $(`term-${row.dataset.term}-words`).textContent = `${i + 1}. ${w.commitment(termOf(row))}`;
  }
}

async function sendProposal(ev) {
  ev.preventDefault();
  const v = view();
  const to = [...$("composer-to").querySelectorAll("input:checked")].map((i) => i.value);
  const commitments = termRows().map(termOf);
  let action = { type: "propose", month: view().month, to, commitments,
    summit: $("composer-summit").checked, talks: $("composer-talks").checked,
    inspections: $("composer-inspections").checked, text: $("composer-text").value.trim() };
  if (S.counterTo !== null) action.counter_to = S.counterTo;
  if (S.intentTo !== null) {
    if (!action.text) {
      $("composer-error").textContent = "Write what you want to say: the terms go with your words.";
      $("composer-text").focus();
      return;
    }
    action = { type: "message", month: v.month, to: [...S.intentTo], text: action.text,
      intent: { kind: chosenKind(), terms: commitments, inspections: action.inspections, summit: action.summit } };
  }
  try {
    await S.conn.act(action);
    S.intentTo = null; // sent: nothing to give back to the chat line
    $("composer").close();
  } catch (err) {
    $("composer-error").textContent = err.message || String(err.code);
  }
}

// ------------------------------------------------------------------ news, briefing, dialogs
function newsItem(n) {
  if (n.to && n.to.length) return h("li", { class: "intel" }, h("b", {}, "Intelligence (private): "), n.text);
  if (n.kind === "announcement") return h("li", { class: "announce" }, h("b", {}, "Announcement: "), n.text);
  return h("li", {}, n.text);
}

function renderNews() {
  const v = view(), w = S.words;
  const news = v.news || [];
  if (S.tab === "news") S.seenNews = news.length;
  const months = [...new Set(news.map((n) => n.month))].sort((a, b) => b - a);
  fill($("news"), news.length ? months.map((m) => [h("h3", {}, w.month(m)),
    h("ul", { class: "news" }, news.filter((n) => n.month === m).map(newsItem))]) :
    h("p", { class: "muted" }, "No news yet: the first chronicle comes after the month is resolved."));
}

function objectives(me) {
  const w = S.words, v = view();
  const list = (w.info.objectives?.[me] || []).map((o) => h("li", {}, h("b", {}, o.name), ` (weight ${o.weight}): ${o.explain || ""}`));
  for (const id of v.secret_objectives || []) {
    const o = w.info.secret_objectives?.[me]?.[id] || { name: id, explain: "" };
    list.push(h("li", {}, h("b", {}, `${o.name} (secret)`), `: ${o.explain || ""}`));
  }
  return list;
}

function renderBriefing() {
  const v = view(), w = S.words, me = you();
  const parts = [h("p", { class: "muted" }, w.info.summary || "")];
  if (S.role !== "observer") {
    parts.push(h("h3", {}, `${w.name(me)}: public briefing`), h("p", {}, (v.briefings || {})[me] || ""));
    if (v.secret_briefing) parts.push(h("h3", {}, "Secret briefing (your team only)"), h("p", { class: "secret" }, v.secret_briefing));
    const obj = objectives(me);
    if (obj.length) parts.push(h("h3", {}, "Your objectives"), h("ul", {}, obj));
  }
  parts.push(h("h3", {}, "The other teams"));
  for (const a of w.actors) if (a !== me) parts.push(h("p", {}, h("b", {}, w.name(a)), ": ", (v.briefings || {})[a] || ""));
  fill($("briefing"), parts);
  $("leave").hidden = S.role !== "player";
}

function renderTabs() {
  const v = view(), l = legal();
  const counts = {
    chat: channels().reduce((n, c) => n + (c === S.channel && S.tab === "chat" ? 0 : unread(c)), 0),
    deals: (l.respond || []).filter((id) => !S.seenDeals.has(id)).length,
    news: S.tab === "news" ? 0 : Math.max(0, (v.news || []).length - S.seenNews),
  };
  if (S.tab === "deals") for (const id of l.respond || []) S.seenDeals.add(id);
  for (const b of $("tabs").querySelectorAll(".tab")) {
    const t = b.dataset.tab, n = counts[t] || 0;
    b.setAttribute("aria-current", t === S.tab ? "page" : "false");
    const base = { situation: "Situation", orders: "Orders", chat: "Chat", deals: "Deals", news: "News", briefing: "Briefing" }[t];
    b.textContent = n ? `${base} (${n})` : base;
    if (n) b.setAttribute("aria-label", `${base}, ${n} new`); else b.removeAttribute("aria-label");
  }
  for (const p of document.querySelectorAll(".panel")) p.classList.toggle("active", p.id === `panel-${S.tab}`);
}

function setTab(tab) {
  S.tab = tab;
  render();
}

function maybeDialogs() {
  const v = view(), w = S.words, me = you();
  if (S.monthShown === null) { S.monthShown = v.month; S.monthStart = monthStart(v); }
  if (!S.briefingShown && S.role === "player" && v.month === 1 && v.phase === "negotiation" && !(v.orders || []).length) {
    S.briefingShown = true;
    S.tab = "briefing";
    renderTabs();
  }
  S.briefingShown = true;
  if (v.phase === "over") {
    if (!S.endShown) { S.endShown = true; showEnd(); }
    return;
  }
  if (v.month > S.monthShown) {
    const last = v.month - 1;
    const start = S.monthStart && S.monthStart.month === last ? S.monthStart : null;
    S.monthShown = v.month;
    S.monthStart = monthStart(v);
    const score = S.role === "player" && (v.scores || {})[me] !== undefined ? scoreLines(v, start, me, last) : [];
    const news = (v.news || []).filter((n) => n.month === last);
    const hist = v.history || [];
    const before = hist[hist.length - 2] || {}, after = hist[hist.length - 1] || {};
    // in the words the situation panel uses: "Your trust in North Korea", "in force"
    const label = (k) => k.startsWith(`trust.${me}.`) ? `Your trust in ${w.name(k.split(".")[2])}` : w.varName(k);
    const moved = (k) => {
      const was = w.value(before[k], k), now = w.value(after[k], k);
      if (w.info.display?.[k]) return `${label(k)}: ${was} → ${now}`;
      const d = Math.round(after[k] - before[k]);
      return `${label(k)}: ${was} → ${now} (${signed(d)})`;
    };
    const changes = Object.keys(after).filter((k) => (k === w.info.tension?.key || w.owner(k) === me) && w.shown(k) && typeof after[k] === "number" && typeof before[k] === "number" && Math.round(after[k]) !== Math.round(before[k]))
      .map((k) => h("li", {}, moved(k)));
    $("summary-title").textContent = `What happened in ${w.month(last)}`;
    fill($("summary-body"),
      score.length ? [h("h3", {}, "Your score"), h("ul", { id: "summary-score" }, score.map((t) => h("li", {}, t)))] : null,
      changes.length ? [h("h3", {}, "For you"), h("ul", {}, changes)] : null,
      h("h3", {}, "The news"), news.length ? h("ul", { class: "news" }, news.map(newsItem)) : h("p", { class: "muted" }, "A quiet month."),
      h("p", {}, `Now: ${v.month_label}.`));
    if (!$("summary").open && !$("composer").open) $("summary").showModal();
  }
}

// ------------------------------------------------------------------ the score, objective by objective
// As the pygame client tells it (game/client/month_summary.py), from the view alone: the
// view's score_breakdown gives the points of the objectives whose every value this seat
// sees exactly, and those of the others together (unseen_points): their own points would
// tell what the seat may not know (docs/protocol.md, "Your objectives' points").

const UNSEEN = "objectives that rest on what you can't see exactly";

/** What the summary needs of the first view of a month: the month, the score, the
 *  breakdown and the values seen. */
function monthStart(v) {
  return { month: v.month, scores: v.scores || {}, breakdown: v.score_breakdown || null, variables: v.variables || {} };
}

/** Whole numbers near `values` that add up to `total` (largest remainder), as
 *  month_summary.apportion. */
function apportion(values, total) {
  const base = values.map((x) => Math.floor(x));
  let extra = total - base.reduce((a, b) => a + b, 0);
  const order = values.map((_, i) => i).sort((i, j) => (base[i] - values[i]) - (base[j] - values[j]) || i - j);
  if (extra >= 0) for (const i of order.slice(0, extra)) base[i] += 1;
  else for (const i of order.slice(order.length + extra)) base[i] -= 1;
  return base;
}

function signed(n) { return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0"; }

/** A variable's name for a sentence: "Trust: Japan in United States" for a pair. */
function keyName(key) {
  const w = S.words, parts = key.split("."), name = w.varName(key);
  const raw = w.info.variables?.[key] ?? key;
  const tail = `(${parts[1]}.${parts[2]})`;
  if (parts.length === 3 && raw.endsWith(tail)) return `${raw.slice(0, -tail.length).trim()}: ${w.name(parts[1])} in ${w.name(parts[2])}`;
  return name;
}

/** Why an objective moved, from what the view shows: the values it reads that moved (an
 *  estimate as its range), the signals it counts that were sent last month. */
function objectiveReasons(row, then, v, me, last) {
  const w = S.words, now = v.variables || {}, out = [];
  const orders = (v.orders || []).find((r) => r.month === last)?.orders || {};
  const mid = (x) => (x && typeof x === "object" ? (x.low + x.high) / 2 : x);
  for (const name of row.reads || []) {
    const parts = name.split(".");
    let why = null;
    if (name in now && name in then && w.shown(name) && typeof mid(now[name]) === "number" && typeof mid(then[name]) === "number") {
      const a = mid(then[name]), b = mid(now[name]), x = now[name];
      if (S.words.info.display?.[name] && typeof x === "number") {
        const was = w.value(then[name], name), is = w.value(x, name);
        if (was !== is) why = `${keyName(name)} ${is}`;
      } else if (Math.abs(b - a) >= 0.5) {
        const way = b > a ? "up" : "down";
        why = typeof x === "object" ? `${keyName(name)} ${way} (about ${Math.round(x.low)}–${Math.round(x.high)})`
          : `${keyName(name)} ${way} to ${Math.round(x)}`;
      }
    } else if (parts[0] === "count" && parts.length === 3) {
      const sent = (orders[parts[1]]?.signals || []).some((x) => x.signal === parts[2]);
      if (sent) why = `${parts[1] === me ? "your" : `${w.name(parts[1])}'s`} ${w.signal(parts[2]).name}`;
    }
    if (why && !out.includes(why)) out.push(why);
  }
  return out;
}

/** The lines of the score: the change over the month, then each objective that moved
 *  (its points, share and why), the objectives the seat cannot see exactly as one lump,
 *  the steady ones; without the month's first view, where the score comes from. The
 *  points add up to the change (or the score) and the shares to 100%. */
function scoreLines(v, start, me, last) {
  const score = v.scores[me];
  const b = v.score_breakdown || {}, rows = b.objectives || [];
  const was = start && start.scores[me] !== undefined ? start.scores[me] : null;
  const change = was === null ? null : Math.round(score - was);
  const lines = [`Your score: ${Math.round(score)}${change === null ? "" : ` (${signed(change)} over the month)`}.`];
  if (!rows.length) return lines;
  const weight = rows.reduce((a, r) => a + r.weight, 0) || 1;
  const shares = apportion(rows.map((r) => (100 * r.weight) / weight), 100);
  const label = (i) => `${rows[i].name} (${rows[i].secret ? "secret, " : ""}${shares[i]}%`;
  const exact = rows.map((r, i) => i).filter((i) => "points" in rows[i]);
  const hidden = rows.map((r, i) => i).filter((i) => !("points" in rows[i]));
  const together = hidden.map((i) => `${label(i)})`).join(", ");
  const wasB = start?.breakdown || {}, wasRows = wasB.objectives || [];
  const same = wasRows.length === rows.length && wasRows.every((r, i) => r.name === rows[i].name && r.secret === rows[i].secret && ("points" in r) === ("points" in rows[i]));
  if (change === null || !same) {
    let points = exact.map((i) => rows[i].points);
    if (hidden.length) points.push(b.unseen_points || 0);
    if (Math.abs(points.reduce((a, x) => a + x, 0) - score) < 0.05) points = apportion(points, Math.round(score));
    const parts = exact.map((i, k) => `${label(i)}): ${Math.round(points[k])}`);
    if (hidden.length) parts.push(`${UNSEEN} (${together}): ${Math.round(points[points.length - 1])} together`);
    lines.push(`Where it comes from: ${parts.join("; ")}.`);
    return lines;
  }
  const moves = exact.map((i) => rows[i].points - wasRows[i].points);
  if (hidden.length) moves.push((b.unseen_points || 0) - (wasB.unseen_points || 0));
  const capped = (score - was) - moves.reduce((a, x) => a + x, 0);
  const items = Math.abs(capped) >= 0.5 ? [...moves, capped] : moves;
  const whole = apportion(items, change);
  const then = start.variables || {};
  const moved = exact.map((i, k) => k).filter((k) => whole[k]).sort((j, k) => Math.abs(whole[k]) - Math.abs(whole[j]) || j - k);
  for (const k of moved) {
    const why = objectiveReasons(rows[exact[k]], then, v, me, last).slice(0, 3);
    lines.push(`${signed(whole[k])} ${label(exact[k])} of your score)${why.length ? `: ${why.join("; ")}` : ""}`);
  }
  if (hidden.length) {
    const lump = whole[exact.length];
    const why = [];
    for (const i of hidden) for (const x of objectiveReasons(rows[i], then, v, me, last)) if (!why.includes(x)) why.push(x);
    const seen = why.length && lump ? ` (what you saw move: ${why.slice(0, 3).join("; ")})` : "";
    lines.push(lump ? `${signed(lump)} from ${UNSEEN}: ${together}${seen}` : `No change, together, from ${UNSEEN}: ${together}`);
  }
  if (items.length > moves.length && whole[whole.length - 1]) lines.push(`${signed(whole[whole.length - 1])} the war: it caps every score`);
  const steady = exact.map((i, k) => k).filter((k) => !whole[k]).map((k) => `${label(exact[k])})`);
  if (steady.length) lines.push(`Steady: ${steady.join(", ")}`);
  return lines;
}

/** The sanctions target's economy variable (as the pygame end screen charts it). */
function economyKey() {
  const info = S.words.info, target = info.sanctions?.target;
  const keys = Object.keys(info.variables || {});
  return keys.find((k) => k.includes("economy") && (!target || info.owners?.[k] === target))
    ?? keys.find((k) => target && info.owners?.[k] === target) ?? null;
}

/** A small line chart of one variable over the months (exact values, or an estimate's middle). */
function chart(history, key, title) {
  const pts = history.map((row) => row[key]).map((x) => (x && typeof x === "object" ? (x.low + x.high) / 2 : x));
  if (!key || pts.length < 2 || pts.some((x) => typeof x !== "number")) return null;
  const W = 320, H = 90, lo = Math.min(0, ...pts), hi = Math.max(100, ...pts);
  const xy = pts.map((y, i) => [8 + (i * (W - 16)) / (pts.length - 1), H - 8 - ((y - lo) * (H - 16)) / (hi - lo || 1)]);
  const NS = "http://www.w3.org/2000/svg";
  const el = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v)); return e; };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": `${title}: ${pts.map((y) => Math.round(y)).join(", ")}` });
  svg.append(el("polyline", { points: xy.map((p) => p.join(",")).join(" "), class: "chart-line" }));
  for (const [x, y] of xy) svg.append(el("circle", { cx: x, cy: y, r: 2.5, class: "chart-dot" }));
  return h("figure", { class: "chart-box" }, h("figcaption", {}, `${title}: ${Math.round(pts[0])} → ${Math.round(pts[pts.length - 1])}`), svg);
}

async function downloadReport() {
  const note = $("report-note");
  note.textContent = "Preparing the debrief…";
  try {
    const page = await S.conn.request({ type: "report" });
    const link = h("a", { href: URL.createObjectURL(new Blob([page.html], { type: "text/html" })), download: page.filename }, page.filename);
    note.replaceChildren("Ready: ", link);
    link.click();
  } catch (err) {
    note.textContent = err.message || String(err.code);
  }
}

function showEnd() {
  const v = view(), w = S.words, me = you();
  const out = v.outcome || {};
  const scores = out.scores || v.scores || {};
  const rows = Object.entries(scores).sort((a, b) => b[1] - a[1]).map(([a, s]) => {
    const parts = (out.breakdown?.[a] || []).map((o) => `${o.name}${o.secret ? " (secret)" : ""} ${Math.round(o.points)}`).join(", ");
    const bar = h("span", { class: "score-bar" });
    bar.style.width = `${Math.max(0, Math.min(100, s))}%`;
    bar.dataset.colour = w.colour(a);
    return h("tr", { class: a === me ? "you" : "" }, h("th", { scope: "row" }, w.name(a) + (a === me ? " (you)" : "")),
      h("td", {}, String(Math.round(s))), h("td", { class: "bar-cell" }, bar), h("td", { class: "muted" }, parts));
  });
  fill($("end-body"),
    out.war ? h("p", { class: "war" }, "The game ended in war: every score is capped.") : null,
    h("table", { class: "scores" }, h("caption", {}, "Final scores (0–100)"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Team"), h("th", { scope: "col" }, "Score"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Bar")), h("th", { scope: "col" }, "Objectives"))),
      h("tbody", {}, rows)),
    out.agreements ? h("p", {}, `Agreements made: ${out.agreements.made}, broken: ${out.agreements.broken}.`) : null,
    chart(v.history || [], w.info.tension?.key || "tension", "Tension, month by month"),
    chart(v.history || [], economyKey(), "Economy of the sanctioned country, month by month"),
    h("p", {}, h("button", { type: "button", id: "report", onclick: downloadReport }, "Download the debrief (HTML)"),
      " ", h("span", { id: "report-note", class: "muted", role: "status" })));
  for (const el of $("end-body").querySelectorAll("[data-colour]")) {
    const c = el.getAttribute("data-colour");
    if (/^#[0-9A-Fa-f]{3,8}$/.test(c)) el.style.backgroundColor = c;
  }
  if ($("summary").open) $("summary").close();
  if (!$("end").open) $("end").showModal();
}

// ------------------------------------------------------------------ wiring
function wire() {
  $("code-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const code = $("code").value.trim().toUpperCase();
    localStorage.setItem("sixparty.name", $("name").value.trim());
    history.replaceState(null, "", `/join/${code}`);
    openLobby(code);
  });
  $("ready").addEventListener("click", () => {
    const v = view();
    if (v.phase === "over") { showEnd(); return; }
    act({ type: "ready", month: view().month, phase: v.phase });
  });
  for (const b of $("tabs").querySelectorAll(".tab")) b.addEventListener("click", () => setTab(b.dataset.tab));
  $("chat-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("chat-text"), text = input.value.trim();
    if (!text) return;
    const to = S.channel === PUBLIC ? [] : S.channel.split("+").filter((a) => a !== you());
    const ok = await act({ type: "message", to, text, month: view().month });
    if (ok) input.value = "";
  });
  $("group-open").addEventListener("click", () => { $("group-picker").hidden = !$("group-picker").hidden; });
  $("group-go").addEventListener("click", () => {
    const picked = [...$("group-boxes").querySelectorAll("input:checked")].map((i) => i.value);
    if (!picked.length) return;
    const key = [...new Set([you(), ...picked])].sort().join("+");
    if (!S.extra.includes(key)) S.extra.push(key);
    S.channel = key;
    $("group-picker").hidden = true;
    render();
    $("chat-text").focus();
  });
  $("propose").addEventListener("click", () => openComposer(null));
  $("chat-terms").addEventListener("click", () =>
    openComposer(null, S.channel === PUBLIC ? [] : S.channel.split("+").filter((a) => a !== you())));
  $("composer-add").addEventListener("click", () => addTerm());
  // every change to a row (who, what, when...) renumbers the phasing and rewords the rows
  $("composer-terms").addEventListener("change", refreshTerms);
  $("composer-terms").addEventListener("input", refreshTerms);
  $("composer-talks").addEventListener("change", refreshTerms);
  $("composer-cancel").addEventListener("click", () => $("composer").close());
  $("composer").addEventListener("close", () => {
    if (S.intentTo !== null) $("chat-text").value = $("composer-text").value; // not sent: the words stay
    S.intentTo = null;
  });
  $("composer-form").addEventListener("submit", sendProposal);
  $("leave").addEventListener("click", () => {
    if (!confirm("Forget this seat on this browser? You can join again with the room code.")) return;
    const code = stored()?.code;
    store(null);
    S.conn?.close();
    S.conn = null;
    location.href = code ? `/join/${code}` : "/";
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.altKey && /^[1-6]$/.test(ev.key)) {
      const tabs = [...$("tabs").querySelectorAll(".tab")].filter((b) => getComputedStyle(b).display !== "none");
      const b = tabs[Number(ev.key) - 1];
      if (b) { ev.preventDefault(); setTab(b.dataset.tab); b.focus(); }
    }
  });
  setInterval(tick, 250);
}

async function loadMap() {
  try {
    const r = await fetch("/web/map.json");
    if (r.ok) { S.mapAsset = await r.json(); render(); }
  } catch { /* no map: the situation panel still lists everything */ }
}

function main() {
  wire();
  const code = codeFromPath();
  const seat = stored();
  if (seat?.token && (!code || code === seat.code)) {
    startGame({ type: "auth", token: seat.token }, seat.code);
  } else {
    showLobby(code);
  }
  setTimeout(loadMap, 0);
}

main();
