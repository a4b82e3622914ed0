// Words for the view: names, a proposal's terms, a message's intent, countdowns, chat
// channels. It reads the scenario's public description (the protocol's `room` reply) and
// the view; it knows no rules. The same words as the pygame client's model (game/client/model.py).

export const PUBLIC = "public";

/** A DOM element: h("button", {class: "x", onclick: f}, "text", child...). Text is
 *  always set as text, never parsed as HTML, so whatever players wrote is shown as is. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** 61.2 -> "1:02"; an hour and more as h:mm:ss. */
export function clock(seconds) {
  const total = Math.max(0, Math.ceil(seconds));
  const hh = Math.floor(total / 3600), mm = Math.floor((total % 3600) / 60), ss = total % 60;
  const two = (n) => String(n).padStart(2, "0");
  return hh ? `${hh}:${two(mm)}:${two(ss)}` : `${mm}:${two(ss)}`;
}

export function channelOf(msg) {
  if (!msg.to || !msg.to.length) return PUBLIC;
  return [...new Set([msg.from, ...msg.to])].sort().join("+");
}

/** The kinds of intent a message can carry (docs/protocol.md, "Intents"): the pygame
 *  client's labels and explanations (game/client/composer.py INTENTS) and how each reads
 *  after the sender's name in the chat (game/client/game_screen.py INTENT_WORDS). */
export const INTENTS = [
  { id: "offer", label: "Offer", explain: "I would agree to these terms.", verb: "Offers" },
  { id: "request", label: "Request", explain: "I want you to do this.", verb: "Asks for" },
  { id: "warn", label: "Warn", explain: "Don't do this: the terms are what you warn against.", verb: "Warns against" },
  { id: "promise", label: "Promise", explain: "I will do this (a promise, not a signed deal).", verb: "Promises" },
  { id: "accept", label: "Accept", explain: "Yes to these terms.", verb: "Accepts" },
  { id: "reject", label: "Reject", explain: "No to these terms.", verb: "Rejects" },
];

/** Names and explanations from the scenario description. */
export class Words {
  constructor(info) { this.info = info || {}; }

  get actors() { return (this.info.actors || []).map((a) => a.id); }
  actor(id) { return (this.info.actors || []).find((a) => a.id === id); }
  name(id) { return this.actor(id)?.name ?? String(id); }
  colour(id) { return this.actor(id)?.colour ?? "#999999"; }
  lever(id) { return this.info.levers?.[id] ?? { id, name: id, explain: "", options: [] }; }
  option(lever, option) {
    return this.lever(lever).options.find((o) => o.id === option) ?? { id: option, name: option, explain: "" };
  }
  signal(id) { return this.info.signals?.[id] ?? { id, name: id, explain: "" }; }
  month(n) {
    const months = this.info.months || [];
    return n >= 1 && n <= months.length ? months[n - 1] : `month ${n}`;
  }
  varName(key) {
    let name = this.info.variables?.[key] ?? key;
    for (const a of this.actors) name = name.replace(`(${a})`, `(${this.name(a)})`);
    return name;
  }
  owner(key) {
    const o = this.info.owners?.[key];
    if (o) return o;
    const parts = key.split(".");
    return parts.length === 2 && this.actors.includes(parts[1]) ? parts[1] : null;
  }

  /** One term in words: a lever term as the pygame client words it (game/client/model.py
   *  commitment_text: month names, how long); a moratorium, a vote, attendance or a
   *  phased term in the engine's own words (its `text`), as the server sends them; a term
   *  still being written (no `text` yet) of any kind in the pygame client's words. */
  commitment(c) {
    if (c.text && (!c.lever || c.after)) return c.text;
    const who = this.name(c.actor), kind = c.kind || "lever";
    if (kind === "attend") return `${who}: attend the talks the deal sets`;
    const n = c.months ?? 1, s = (k) => (k === 1 ? "" : "s");
    let span = `from ${this.month(c.start ?? 1)} for ${n} month${s(n)}`;
    if (c.after) {
      const k = c.after.months ?? 1;
      span = `once term ${c.after.term + 1} has been kept ${k} month${s(k)}, for ${n} month${s(n)}`;
    }
    if (kind === "signals") return `${who}: ${this.moratoriumWords(c.actor, c.rung)}, ${span}`;
    if (kind === "unsc") return `${who}: ${this.voteWords(c)}, ${span}`;
    const compare = { at_most: "at most ", at_least: "at least " }[c.compare] || "";
    return `${who}: ${this.lever(c.lever).name} = ${compare}${this.option(c.lever, c.option).name}, ${span}`;
  }

  /** The rungs of the signal ladder a moratorium by `actor` can start at: those of its
   *  signals above rung 0 (statements and gestures are not tests), lowest first. */
  moratoriumRungs(actor) {
    const rungs = Object.values(this.info.signals || {})
      .filter((x) => (x.actors || []).includes(actor) && (x.rung ?? 0) > 0).map((x) => x.rung);
    return [...new Set(rungs)].sort((a, b) => a - b);
  }
  /** The names of `actor`'s signals at exactly `rung`. */
  rungSignals(actor, rung) {
    return Object.values(this.info.signals || {})
      .filter((x) => (x.actors || []).includes(actor) && x.rung === rung).map((x) => x.name);
  }
  /** A moratorium from `rung` up in the ladder's words: "no ICBM test or anything higher". */
  moratoriumWords(actor, rung) {
    const names = this.rungSignals(actor, rung);
    if (!names.length) return `no signal at rung ${rung} or above (a moratorium)`;
    const higher = this.moratoriumRungs(actor).some((r) => r > rung);
    return `no ${names.join(" or ")}${higher ? " or anything higher" : ""} (a moratorium)`;
  }
  /** A sanctions sector's name, lower case ("any sector" for none). */
  sectorName(id) {
    const found = (this.info.sanctions?.sectors || []).find((x) => x.id === id);
    return found ? found.name.toLowerCase() : (id == null ? "any sector" : String(id));
  }
  /** A Security Council term's promise in words. */
  voteWords(c) {
    const how = c.vote === "yes" ? "vote yes on" : "not veto";
    return `${how} Security Council drafts to ${c.direction || "tighten"} sanctions (${this.sectorName(c.sector)})`;
  }

  /** A proposal or agreement in words, one line per term. */
  terms(p) {
    const lines = (p.commitments || []).map((c) => this.commitment(c));
    const extras = ["summit", "talks", "inspections"].filter((x) => p[x]);
    if (extras.length) lines.push("With " + extras.join(", "));
    if (p.text) lines.push(`“${p.text}”`);
    return lines.length ? lines : ["(no terms)"];
  }

  /** A message's intent in words: the heading ("Offers (with inspections)") and one
   *  line per term. An offer's terms for the other side start with "In return". */
  intent(it, from) {
    const kind = INTENTS.find((k) => k.id === it.kind);
    const extras = [it.inspections ? "inspections" : null, it.summit ? "a leaders' summit" : null].filter(Boolean);
    let head = kind ? kind.verb : String(it.kind);
    if (it.proposal !== null && it.proposal !== undefined) head += ` proposal #${it.proposal}`;
    if (extras.length) head += ` (with ${extras.join(" and ")})`;
    const terms = it.terms || [];
    const lines = terms.map((c) => this.commitment(c));
    // "in return" only where the sender's own terms all come first (terms are not
    // reordered: a phased term names another by its place)
    const firstOther = terms.findIndex((c) => c.actor !== from);
    if (it.kind === "offer" && firstOther > 0 && terms.slice(firstOther).every((c) => c.actor !== from)) {
      lines[firstOther] = `In return, ${lines[firstOther]}`;
    }
    return { head: lines.length ? `${head}:` : head, lines };
  }

  /** Per deadline its name and countdown: "3 months left", "this month", "passed"; once
   *  the game is over, "met" or "missed" (from the outcome). */
  deadlines(month, outcome = null) {
    return (this.info.deadlines || []).map((d) => {
      const left = d.month - month;
      const met = outcome?.deadlines?.[d.id];
      const due = met === true ? "met" : met === false ? "missed" :
        left > 1 ? `${left} months left` : left === 1 ? "next month" : left === 0 ? "this month" : "passed";
      return { name: d.name + (d.date ? ` (${d.date})` : ""), due, explain: d.explain || "", left };
    });
  }

  channelLabel(key, you) {
    if (key === PUBLIC) return "Public";
    return key.split("+").filter((a) => a !== you).map((a) => this.name(a)).join(", ");
  }

  /** Whether a variable is shown to players (not the scenario's bookkeeping). */
  shown(key) { return !(this.info.hidden || []).includes(key); }

  /** A value as players read it: the scenario's words for it ("in force") when it has
   * a display form, else the number; an estimate as a range ("40–55 (estimate)",
   * "lapsed to in force (estimate)"). The same words as the pygame client's. */
  value(v, key) {
    const forms = key === undefined ? null : this.info.display?.[key];
    if (v && typeof v === "object") {
      const low = this.value(v.low, key), high = this.value(v.high, key);
      if (low === high) return `${low} (estimate)`;
      return `${low}${forms ? " to " : "–"}${high} (estimate)`;
    }
    if (forms && forms.length && typeof v === "number") {
      const words = forms.filter(([from]) => from <= v + 1e-9).map(([, w]) => w);
      return String(words.length ? words[words.length - 1] : forms[0][1]);
    }
    return typeof v === "number" ? String(Math.round(v)) : String(v);
  }
}
