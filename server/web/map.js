// The map of the region as SVG, from the same asset as the pygame client
// (assets/map_northeast_asia.json, Natural Earth, public domain): countries in their
// actors' colours, capitals, and last month's signals as lines toward their targets.
// A scenario whose actors are not on this map (the tutorial) gets no map.

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** actor id -> ISO code on the map. */
function isoOf(asset, words) {
  const table = asset.actor_iso || {};
  const names = Object.fromEntries(asset.countries.map((c) => [c.name.toLowerCase(), c.iso]));
  const out = {};
  for (const a of words.info.actors || []) {
    const iso = table[a.id] || names[a.name.toLowerCase()];
    if (iso) out[a.id] = iso;
  }
  return out;
}

export function drawMap(box, asset, words, view) {
  if (!asset) { box.hidden = true; return; }
  const isos = isoOf(asset, words);
  if (!Object.keys(isos).length) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  const key = JSON.stringify([view.month, (view.news || []).length, isos]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  const [lon0, lat0, lon1, lat1] = asset.focus || asset.window;
  const k = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
  const W = 400, H = Math.round((W * (lat1 - lat0)) / ((lon1 - lon0) * k));
  const project = (lon, lat) => [((lon - lon0) * k * W) / ((lon1 - lon0) * k), ((lat1 - lat) * H) / (lat1 - lat0)];
  const owners = Object.fromEntries(Object.entries(isos).map(([a, iso]) => [iso, a]));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "map-svg" });
  const names = Object.keys(isos).map((a) => words.name(a)).join(", ");
  const title = svg("title");
  title.textContent = `Map of the region: ${names}`;
  root.append(title, svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const c of asset.countries) {
    const d = c.rings.map((ring) => "M" + ring.map(([lon, lat]) => project(lon, lat).map((x) => x.toFixed(1)).join(",")).join("L") + "Z").join("");
    const p = svg("path", { d, class: owners[c.iso] ? "land actor" : "land" });
    if (owners[c.iso]) p.style.fill = words.colour(owners[c.iso]);
    root.append(p);
  }
  const capital = {};
  for (const [a, iso] of Object.entries(isos)) {
    const anchor = asset.anchors?.[iso];
    if (!anchor) continue;
    const [x, y] = project(anchor.lon, anchor.lat);
    if (x < 0 || y < 0 || x > W || y > H) continue;
    capital[a] = [x, y];
    root.append(svg("circle", { cx: x, cy: y, r: 3, class: "capital" }));
    const right = x > W - 80;
    const label = svg("text", { x: right ? x - 5 : x + 5, y: y - 4, class: "map-label", "text-anchor": right ? "end" : "start" });
    label.textContent = words.name(a);
    root.append(label);
  }
  const last = (view.month || 1) - 1;
  for (const n of view.news || []) {
    if (n.kind !== "signal" || n.month !== last || !capital[n.actor]) continue;
    const [x0, y0] = capital[n.actor];
    const [x1, y1] = capital[n.target] || [x0 + 30, y0 + 20];
    root.append(svg("path", { d: `M${x0},${y0} Q${(x0 + x1) / 2},${Math.min(y0, y1) - 30} ${x1},${y1}`, class: "signal-arc" }));
    const label = svg("text", { x: (x0 + x1) / 2, y: Math.min(y0, y1) - 18, class: "map-label signal" });
    label.textContent = words.signal(n.signal).name;
    root.append(label);
  }
  box.replaceChildren(root);
}
