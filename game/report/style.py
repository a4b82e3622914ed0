"""The stylesheet of the debrief and the briefings: big, high-contrast type for a projector,
and a print stylesheet for A4 (one section or one team per page)."""

from __future__ import annotations

CSS = """
:root { --ink: #111; --muted: #444; --rule: #888; --soft: #f2f2f2; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 20px; line-height: 1.45; color: var(--ink); background: #fff; margin: 0; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 42px; line-height: 1.15; margin: 8px 0 12px; }
h2 { font-size: 32px; margin: 0 0 16px; padding-bottom: 6px; border-bottom: 4px solid var(--ink); }
h3 { font-size: 25px; margin: 24px 0 8px; }
h4 { font-size: 21px; margin: 16px 0 6px; }
p.lede { font-size: 22px; color: var(--muted); margin-top: 0; }
section.page { padding-top: 28px; }
nav.toc { background: var(--soft); padding: 12px 20px; border-radius: 6px; }
nav.toc ol { margin: 4px 0; columns: 2; }
nav.toc a { color: #0b4f8a; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; }
table.scores { width: 100%; }
table.scores td:nth-child(2) { white-space: nowrap; }
table.scores th { hyphens: auto; }
th, td { border: 1px solid var(--rule); padding: 6px 9px; vertical-align: top; text-align: left; }
th { background: #e4e4e4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; width: 0.85em; height: 0.85em; border: 1px solid #000;
  margin-right: 0.35em; vertical-align: -0.05em; }
.tag { display: inline-block; font-size: 0.72em; font-weight: bold; letter-spacing: 0.04em;
  padding: 1px 7px; border-radius: 4px; border: 2px solid var(--ink); margin-right: 6px;
  text-transform: uppercase; vertical-align: 0.1em; }
.tag.facilitator { background: #111; color: #fff; }
.tag.intel { background: #fff; color: #111; border-style: dashed; }
.tag.secret { background: #fff3c4; }
.tag.broken, .tag.missed, .tag.war { background: #b00020; color: #fff; border-color: #b00020; }
.tag.kept, .tag.met { background: #0a6b3d; color: #fff; border-color: #0a6b3d; }
.muted { color: var(--muted); }
.small { font-size: 0.85em; }
ul.news { list-style: none; padding-left: 0; margin: 6px 0 12px; }
ul.news li { padding: 4px 0 4px 12px; border-left: 5px solid #bbb; margin-bottom: 4px; }
ul.news li.facilitator { border-left-color: #111; background: #f4f4f4; }
ul.news li.intel { border-left-style: dashed; }
.month { border-top: 3px solid var(--ink); padding-top: 6px; margin-top: 22px; }
.month h3 { margin-top: 4px; }
.rung { font-weight: normal; color: var(--muted); font-size: 0.8em; }
table.orders td:first-child { white-space: nowrap; width: 14em; }
.changed { font-weight: bold; }
.unchanged { color: var(--muted); }
figure.chart { margin: 10px 0 26px; }
figure.chart figcaption { font-size: 24px; font-weight: bold; }
figure.chart .note { font-size: 18px; color: var(--muted); margin: 0 0 4px; }
svg.chart { width: 100%; height: auto; display: block; }
ul.legend { list-style: none; padding: 0; margin: 2px 0 0; display: flex; flex-wrap: wrap;
  gap: 4px 22px; font-size: 17px; }
.bar { height: 0.9em; background: #ddd; border: 1px solid #555; min-width: 6em; }
.bar span { display: block; height: 100%; background: #444; }
table.knowledge td, table.knowledge th { font-size: 16px; padding: 4px 6px; }
table.knowledge .true { font-weight: bold; }
table.knowledge td { white-space: nowrap; }
table.compliance td { text-align: center; }
.cards { display: grid; grid-template-columns: 1fr; gap: 18px; }
.card { border: 2px solid var(--ink); border-radius: 6px; padding: 10px 16px; }
.card h3 { margin-top: 4px; }
.score { font-size: 30px; font-weight: bold; }
blockquote { margin: 8px 0; padding: 8px 14px; border-left: 6px solid var(--ink);
  background: var(--soft); }
blockquote.secret { border-left-color: #8a6d00; background: #fff8dc; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
.team-head { border-left: 18px solid var(--team, #000); padding-left: 14px; }
p.note, p.status, p.deadlines { margin: 6px 0; }
p.note { font-size: 0.85em; color: var(--muted); }
td.up { color: #0a6b3d; font-weight: bold; }
td.down { color: #b00020; font-weight: bold; }
.nowrap { white-space: nowrap; }
table.digest td { font-size: 0.9em; }
ol.turning li { margin-bottom: 6px; }
section.appendix { margin-top: 36px; border-top: 4px solid var(--ink); }
details.part { border-bottom: 2px solid var(--rule); }
details.part > summary { cursor: pointer; padding: 10px 0; list-style-position: outside; }
details.part > summary h2 { display: inline; border: 0; font-size: 27px; }
details.part[open] > summary h2 { border: 0; }
td.outside { background: #fde4e4; }
.miss, .outside-key { color: #b00020; font-weight: bold; white-space: nowrap; }
@media print {
  @page { size: A4; margin: 11mm 11mm; }
  @page wide { size: A4 landscape; margin: 11mm 11mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 22pt; }
  h2 { font-size: 17pt; }
  h3 { font-size: 13pt; }
  h4 { font-size: 11.5pt; }
  p.lede { font-size: 12pt; }
  nav.toc { display: none; }
  section.page { padding-top: 0; }
  section.team { break-before: page; }
  section.team:first-of-type { break-before: auto; }
  /* The summary alone prints; an appendix part prints only if opened on screen. */
  .screen-only { display: none; }
  details.part:not([open]) { display: none; }
  section.appendix:not(:has(details[open])) { display: none; }
  section.appendix { border: 0; margin: 0; break-before: page; }
  details.part[open] + details.part[open] { break-before: page; }
  details.part > summary { list-style: none; padding: 0 0 4px; }
  details.part > summary::-webkit-details-marker { display: none; }
  details.part > summary h2 { font-size: 17pt; }
  h2 { margin: 10px 0 6px; padding-bottom: 3px; border-bottom-width: 2px; }
  section.summary h1 { margin-top: 0; }
  table.digest td, table.deal-list td, ol.turning { font-size: 9.5pt; }
  section.wide { page: wide; }
  h2, h3, h4, figcaption { break-after: avoid; }
  tr, figure.chart, .card, li { break-inside: avoid; }
  .month { break-inside: auto; }
  figure.chart figcaption { font-size: 13pt; }
  figure.chart .note, ul.legend { font-size: 9.5pt; }
  svg.chart { max-height: 105mm; }
  th, td { padding: 3px 5px; }
  table.knowledge td, table.knowledge th { font-size: 8.5pt; padding: 2px 3px; }
  a { color: inherit; text-decoration: none; }
  section.team { font-size: 8.6pt; line-height: 1.25; }
  section.team .small, section.team .explain { font-size: 8.3pt; }
  section.team th, section.team td { padding: 2px 5px; }
  section.team td.num, section.team th.num { white-space: nowrap; width: 1%; }
  section.team h1 { font-size: 18pt; margin: 0 0 4px; }
  section.team h3 { font-size: 11pt; margin: 8px 0 3px; }
  section.team p.lede { font-size: 10pt; margin-bottom: 4px; }
  section.team blockquote { margin: 3px 0; padding: 4px 8px; }
  section.team table { margin: 3px 0 6px; }
  section.team ul { margin: 2px 0; padding-left: 1.2em; }
  section.team p { margin: 3px 0; }
}
"""
