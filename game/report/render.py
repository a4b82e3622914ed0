"""The debrief as one self-contained HTML document, rendered from :func:`debrief_data`.

No external files, fonts, scripts or network: the charts are inline SVG and the
stylesheet is inline. One section per printed page (A4); the knowledge tables print
in landscape.
"""

from __future__ import annotations

from html import escape
from typing import Any

from game.report.charts import legend, short_label, svg_chart
from game.report.style import CSS

SECTIONS = (
    ("summary", "Summary"),
    ("timeline", "Month by month"),
    ("charts", "Charts"),
    ("deals", "Deals made and broken"),
    ("knowledge", "What each team knew, and when"),
    ("messages", "The message archive"),
    ("objectives", "Objectives: how far each team got"),
    ("history", "The class's year and the real one"),
)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def e(text: Any) -> str:
    """HTML-escape any value."""
    return escape(str(text))


class _Page:
    """Rendering helpers bound to one debrief's data."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.actors = {a["id"]: a for a in data["actors"]}

    def who(self, actor: str | None) -> str:
        """An actor's colour chip and name (never colour alone)."""
        if not actor:
            return ""
        a = self.actors.get(actor)
        if a is None:
            return e("Facilitator" if actor == "facilitator" else actor)
        return f'<span class="chip" style="background:{e(a["colour"])}"></span>{e(a["name"])}'

    def covert(self, lever: dict[str, Any]) -> str:
        """How a hidden choice fared: '(covert, unseen)' or '(covert, seen by ...)'."""
        if not lever["detected_by"]:
            return "(covert, unseen)"
        return f"(covert, seen by {self.whos(lever['detected_by'])})"

    def whos(self, actors: list[str], empty: str = "everyone") -> str:
        return ", ".join(self.who(a) for a in actors) if actors else e(empty)

    # ------------------------------------------------------------------ sections
    def summary(self) -> str:
        d = self.data
        r = d["result"]
        sc = d["scenario"]
        if r["war"]:
            status = '<span class="tag war">war</span> War broke out: every score is capped.'
        elif r["over"] and r["ended_early"]:
            status = "The facilitator ended the game early."
        elif r["over"]:
            status = "The game ran to its end."
        else:
            status = f"Game still in play ({e(r['phase'])} phase, month {r['month']})."
        ranked = sorted(d["objectives"], key=lambda o: -o["score"])
        with_par = any(o.get("par") for o in ranked)  # the scenario states each role's par

        def history(o: dict[str, Any]) -> str:
            p = o.get("par")
            if not with_par:
                return ""
            if not p:
                return "<td></td>"
            return (
                f"<td>{e(p['history'])} (par {p['par']:.1f}; "
                f"{p['scaled']:.1f} on a scale where history is 50)</td>"
            )

        rows = "".join(
            f'<tr><td class="num">{i + 1}</td><td>{self.who(o["actor"])}</td>'
            f'<td class="num score-cell">{o["score"]:.1f}</td>{history(o)}</tr>'
            for i, o in enumerate(ranked)
        )
        deadlines = "".join(
            f"<li>{e(dl['name'])} ({e(dl['date'])}): "
            + (
                '<span class="tag met">met</span>'
                if dl["met"]
                else '<span class="tag missed">missed</span>'
                if dl["met"] is False
                else '<span class="muted">not reached</span>'
            )
            + "</li>"
            for dl in r["deadlines"]
        )
        s = d["deals"]["summary"]
        logged = "" if d.get("actions") is None else f" · {d['actions']} logged actions"
        toc = "".join(f'<li><a href="#{sid}">{e(name)}</a></li>' for sid, name in SECTIONS)
        return (
            f'<section class="page" id="summary"><h1>{e(d["title"])}</h1>'
            f'<p class="lede">{e(sc["name"])} · seed {d["seed"]}'
            f"{' · ' + e(sc['ref']) if sc['ref'] else ''}"
            f"{logged}</p>" + self.audience() + f"<p>{status}</p>"
            f'<nav class="toc"><strong>Contents</strong><ol>{toc}</ol></nav>'
            f"<h3>Final scores</h3><table class='scores'><tr><th class='num'>#</th><th>Country</th>"
            f"<th class='num'>Score (0–100)</th>"
            + ("<th>Against history</th>" if with_par else "")
            + f"</tr>{rows}</table>"
            + (f"<h3>Deadlines</h3><ul>{deadlines}</ul>" if deadlines else "")
            + self._scores_chart()
            + f"<p>{_count(s['proposals'], 'proposal')}, {_count(s['agreements'], 'agreement')}, "
            f"{s['broken']} broken openly, {s['breached_unseen']} breached unseen; "
            f"{_count(len(d['messages']), 'message')}; "
            f"{_count(len(d['deals']['unsc']), 'Security Council draft')}.</p>"
            "</section>"
        )

    def audience(self) -> str:
        """Whose report this is: the whole archive, or one seat's or an observer's."""
        a = self.data.get("audience")
        if not a:
            return ""
        label = {"full": "Whole archive", "seat": "One seat's view", "observer": "Observer's view"}
        return (
            f'<p class="audience" data-scope="{e(a["scope"])}"><strong>'
            f"{e(label.get(a['scope'], a['scope']))}.</strong> {e(a['note'])}</p>"
        )

    def _scores_chart(self) -> str:
        spec = next((c for c in self.data["charts"] if c["id"] == "scores"), None)
        if spec is None or len(self.data["series"]["months"]) < 2:
            return ""
        labels = [m["label"] for m in self.data["series"]["months"]]
        return (
            f'<figure class="chart"><figcaption>{e(spec["title"])}</figcaption>'
            f"{svg_chart(spec, labels)}{legend(spec)}</figure>"
        )

    def timeline(self) -> str:
        out = ['<section class="page" id="timeline"><h2>Month by month</h2>']
        out.append(
            '<p class="muted">Everything is open now: covert orders are shown, with who '
            'detected them; <span class="tag facilitator">facilitator</span> marks injects, '
            'announcements and controls; <span class="tag intel">private intel</span> marks '
            "news only some teams received.</p>"
        )
        if not self.data["timeline"]:
            out.append("<p>No month was played.</p>")
        for t in self.data["timeline"]:
            out.append(
                f'<div class="month"><h3>{e(t["label"])} <span class="rung">tension '
                f"{t['tension']:g} ({e(t['rung_name'])})</span></h3>"
            )
            items = []
            # What the facilitator did during the month, then the chronicle, then intel.
            order = {"facilitator": 0, "chronicle": 1, "intel": 2}
            for n in sorted(t["news"], key=lambda n: order.get(n["source"], 1)):
                if n["source"] == "facilitator":
                    tag = '<span class="tag facilitator">facilitator</span>'
                elif n["source"] == "intel":
                    tag = (
                        '<span class="tag intel">private intel</span>'
                        f'<span class="small">to {self.whos(n["to"])}</span> '
                    )
                else:
                    tag = f'<span class="tag">{e(n["kind"])}</span>'
                items.append(f'<li class="{e(n["source"])}">{tag}{e(n["text"])}</li>')
            controls = [
                f"{e(f['text'])} <span class='muted small'>({e(f['phase'])})</span>"
                for f in t["facilitator"]
                if f["type"] not in ("inject", "announce")
            ]
            if controls:
                # Controls and timer ends in one line, after what the facilitator published.
                line = (
                    '<li class="facilitator"><span class="tag facilitator">facilitator</span>'
                    f"Controls: {'; '.join(controls)}</li>"
                )
                first = sum(1 for n in t["news"] if n["source"] == "facilitator")
                items.insert(first, line)
            if items:
                out.append(f'<ul class="news">{"".join(items)}</ul>')
            rows = []
            for o in t["orders"]:
                changed = [x for x in o["levers"] if x["changed"]]
                kept = [x for x in o["levers"] if not x["changed"]]
                cells = []
                for x in changed:
                    hidden = (
                        f" <span class='small muted'>{self.covert(x)}</span>" if x["hidden"] else ""
                    )
                    cells.append(
                        f'<span class="changed">{e(x["lever_name"])}: {e(x["option_name"])}'
                        f"</span>{hidden}"
                    )
                sigs = "; ".join(
                    f"<strong>Signal: {e(s['name'])}</strong>"
                    + (f" → {self.who(s['target'])}" if s["target"] else "")
                    for s in o["signals"]
                )
                covert_kept = [x for x in kept if x["hidden"]]
                rest = ", ".join(
                    f"{e(x['lever_name'])}: {e(x['option_name'])}"
                    + (f" {self.covert(x)}" if x["hidden"] else "")
                    for x in kept
                )
                body = "<br>".join(c for c in [sigs, "<br>".join(cells)] if c)
                if kept:
                    title = "unchanged" + (" (some covert)" if covert_kept else "")
                    body += f'<div class="unchanged small">{title}: {rest}</div>'
                rows.append(f"<tr><td>{self.who(o['actor'])}</td><td>{body}</td></tr>")
            if rows:
                out.append(
                    '<table class="orders"><tr><th>Country</th><th>Orders (changes in bold)'
                    f"</th></tr>{''.join(rows)}</table>"
                )
            out.append("</div>")
        out.append("</section>")
        return "".join(out)

    def charts(self) -> str:
        labels = [m["label"] for m in self.data["series"]["months"]]
        out = ['<section class="page" id="charts"><h2>Charts</h2>']
        for spec in self.data["charts"]:
            out.append(
                f'<figure class="chart" id="chart-{e(spec["id"])}"><figcaption>'
                f"{e(spec['title'])}</figcaption>"
                f'<p class="note">{e(spec["note"])}</p>{svg_chart(spec, labels)}'
                f"{legend(spec)}</figure>"
            )
        switches = self.data["switches"]
        if switches:
            head = "".join(f"<th>{e(lb)}</th>" for lb in labels)
            rows = "".join(
                f"<tr><td>{e(s['name'])}</td>"
                + "".join(f"<td>{'on' if v >= 0.5 else 'off'}</td>" for v in s["values"])
                + "</tr>"
                for s in switches
            )
            out.append(f"<h3>Switches</h3><table><tr><th></th>{head}</tr>{rows}</table>")
        out.append("</section>")
        return "".join(out)

    def deals(self) -> str:
        d = self.data["deals"]
        out = ['<section class="page" id="deals"><h2>Deals made and broken</h2>']
        out.append("<h3>Agreements</h3>")
        if not d["agreements"]:
            out.append("<p>No agreement was made.</p>")
        months = self.data["timeline"]
        for ag in d["agreements"]:
            flags = ", ".join(f for f in ("inspections", "summit", "talks") if ag[f])
            status = ag["status"]
            tag = {"broken": "broken", "active": "kept", "expired": "kept"}.get(status, "")
            terms = "".join(f"<li>{e(c['text'])}</li>" for c in ag["commitments"])
            state = {c["month"]: c for c in ag["compliance"]}
            head = "".join(f"<th>{e(short_label(t['label']))}</th>" for t in months)
            cells = ""
            for t in months:
                c = state.get(t["month"])
                if c is None:
                    cells += "<td class='muted'>–</td>"
                elif c["state"] == "kept":
                    cells += "<td>✓ kept</td>"
                elif c["state"] == "broken":
                    cells += f"<td><strong>✗ broken</strong><br>{self.whos(c['breakers'])}</td>"
                else:
                    cells += f"<td>? breached unseen<br>{self.whos(c['breakers'])}</td>"
            out.append(
                f'<div class="card"><h4>Agreement {ag["id"]} ({e(ag["label"])}): '
                f"{self.whos(ag['parties'])} "
                f'<span class="tag {tag}">{e(status)}</span></h4>'
                + (f"<p>“{e(ag['text'])}”</p>" if ag["text"] else "")
                + (f"<ul>{terms}</ul>" if terms else "<p>No commitments.</p>")
                + (f"<p>With {e(flags)}.</p>" if flags else "")
                + f'<table class="compliance"><tr>{head}</tr><tr>{cells}</tr></table></div>'
            )
        out.append("<h3>Every proposal</h3>")
        if not d["proposals"]:
            out.append("<p>No proposal was tabled.</p>")
        else:
            rows = []
            for p in d["proposals"]:
                terms = "<br>".join(e(c["text"]) for c in p["commitments"])
                flags = ", ".join(f for f in ("inspections", "summit", "talks") if p[f])
                rows.append(
                    f"<tr><td class='num'>{p['id']}</td><td>{e(p['label'])}</td>"
                    f"<td>{self.who(p['proposer'])}</td><td>{self.whos(p['parties'])}</td>"
                    f"<td>{terms}{'<br>' if terms and flags else ''}{e(flags)}"
                    f"{'<br><em>' + e(p['text']) + '</em>' if p['text'] else ''}</td>"
                    f"<td>{self.whos(p['accepted_by'], 'nobody')}</td>"
                    f"<td>{self.whos(p['rejected_by'], '–')}</td><td>{e(p['status'])}</td></tr>"
                )
            out.append(
                "<table><tr><th class='num'>#</th><th>Month</th><th>From</th><th>Parties</th>"
                "<th>Terms</th><th>Accepted by</th><th>Rejected by</th><th>Outcome</th></tr>"
                + "".join(rows)
                + "</table>"
            )
        if self.data["scenario"]["sanctions"] or d["unsc"]:
            out.append("<h3>Security Council drafts and votes</h3>")
            if not d["unsc"]:
                out.append("<p>No draft was tabled.</p>")
            else:
                drafts = "".join(
                    f"<tr><td>{e(u['label'])}</td><td>{self.who(u['drafter'])}</td>"
                    f"<td>{e(u['direction'])} {e(u['sector_name'])}</td><td>"
                    + ", ".join(f"{self.who(a)}: {e(v)}" for a, v in u["votes"].items())
                    + f"</td><td>{e(u['status'])}</td></tr>"
                    for u in d["unsc"]
                )
                out.append(
                    "<table><tr><th>Month</th><th>Drafter</th><th>Draft</th><th>Votes</th>"
                    f"<th>Outcome</th></tr>{drafts}</table>"
                )
        out.append("</section>")
        return "".join(out)

    def knowledge(self) -> str:
        out = [
            '<section class="page wide" id="knowledge"><h2>What each team knew, and when</h2>',
            '<p class="muted">Each cell: the range the team saw at the end of the month, and '
            "below it <strong>the true value</strong>. Trust estimates and per-sector "
            "pressure are in the CSV and JSON exports.</p>",
        ]
        by_actor: dict[str, list[dict[str, Any]]] = {}
        for k in self.data["knowledge"]:
            by_actor.setdefault(k["actor"], []).append(k)
        for actor, rows in by_actor.items():
            colour = e(self.actors[actor]["colour"])
            out.append(
                f'<h3 class="team-head" id="knows-{e(actor)}" style="--team:{colour}">'
                f"{self.who(actor)}</h3>"
            )
            shown = [
                x["key"]
                for x in rows[0]["estimates"]
                if x["key"].count(".") < 2 and not x["key"].startswith("pressure.")
            ]
            if shown:
                head = "".join(f"<th>{e(short_label(r['label']))}</th>" for r in rows)
                body = []
                for key in shown:
                    cells = []
                    name = key
                    for r in rows:
                        x = next((y for y in r["estimates"] if y["key"] == key), None)
                        if x is None:
                            cells.append("<td>–</td>")
                            continue
                        name = x["name"]
                        true = (  # absent in a seat's report: the truth stayed hidden
                            f"<br><span class='true'>{round(x['true'], 1):g}</span>"
                            if "true" in x
                            else ""
                        )
                        cells.append(f"<td>{x['low']:g}–{x['high']:g}{true}</td>")
                    body.append(f"<tr><th>{e(name)}</th>{''.join(cells)}</tr>")
                out.append(
                    f'<table class="knowledge"><tr><th>Hidden variable</th>{head}</tr>'
                    f"{''.join(body)}</table>"
                )
            intel = [(r["label"], t) for r in rows for t in r["intel"]]
            if intel:
                out.append(
                    "<h4>Private intelligence received</h4><ul>"
                    + "".join(f"<li><strong>{e(lb)}:</strong> {e(t)}</li>" for lb, t in intel)
                    + "</ul>"
                )
            else:
                out.append("<p class='muted'>No private intelligence.</p>")
        out.append("</section>")
        return "".join(out)

    def messages(self) -> str:
        msgs = self.data["messages"]
        out = ['<section class="page" id="messages"><h2>The message archive</h2>']
        if not msgs:
            out.append("<p>No messages were sent.</p>")
        else:
            out.append(
                f"<p class='muted'>All {len(msgs)} messages on every channel, private ones "
                "included, in the order they were sent.</p>"
            )
            rows = "".join(
                f"<tr><td>{e(m['label'])}<br><span class='small muted'>{e(m['phase'])}</span>"
                f"</td><td>{self.who(m['from'])}</td><td>{self.whos(m['to'])}"
                f"<br><span class='tag'>{e(m['channel'])}</span></td><td>{e(m['text'])}</td></tr>"
                for m in msgs
            )
            out.append(
                "<table><tr><th>When</th><th>From</th><th>To</th><th>Message</th></tr>"
                f"{rows}</table>"
            )
        out.append("</section>")
        return "".join(out)

    def objectives(self) -> str:
        out = ['<section class="page" id="objectives"><h2>Objectives: how far each team got</h2>']
        out.append('<div class="cards">')
        for o in self.data["objectives"]:
            rows = "".join(
                f"<tr><td>{e(x['name'])}"
                + (' <span class="tag secret">secret</span>' if x["secret"] else "")
                + f"<br><span class='small muted'>{e(x['explain'])}</span></td>"
                f"<td class='num'>{x['weight']:g}</td>"
                f"<td><div class='bar'><span style='width:{100 * x['progress']:.0f}%'></span>"
                f"</div><span class='small'>{100 * x['progress']:.0f}%</span></td>"
                f"<td class='num'>{x['points']:.1f}</td></tr>"
                for x in o["objectives"]
            )
            out.append(
                f'<div class="card" style="--team:{e(o["colour"])}"><h3 class="team-head">'
                f"{self.who(o['actor'])} — <span class='score'>{o['score']:.1f}</span>"
                "<span class='muted small'> / 100</span></h3>"
                "<table><tr><th>Objective</th><th class='num'>Weight</th><th>Progress</th>"
                f"<th class='num'>Points</th></tr>{rows}</table></div>"
            )
        out.append("</div></section>")
        return "".join(out)

    def history(self) -> str:
        h = self.data["history"]
        out = ['<section class="page" id="history"><h2>The class\'s year and the real one</h2>']
        if not h["available"]:
            out.append("<p>This scenario has no historical record to compare with.</p></section>")
            return "".join(out)
        match = ", ".join(
            f"{self.who(a)} {m['same']}/{m['of']}" for a, m in h["match"].items() if m["of"]
        )
        if match:
            out.append(f"<p>Lever choices that matched what really happened: {match}.</p>")
        for m in h["months"]:
            out.append(f'<div class="month"><h3>{e(m["label"])}</h3>')
            if m["history"]:
                out.append(f"<blockquote><strong>Really:</strong> {e(m['history'])}</blockquote>")
            if not m["played"]:
                out.append("<p class='muted'>The class did not play this month.</p></div>")
                continue
            news = "".join(f"<li>{e(t)}</li>" for t in m["class_news"])
            out.append(
                f"<p><strong>In class:</strong> tension {m['class_tension']:g} "
                f"({e(m['class_rung'])}).</p>" + (f"<ul class='small'>{news}</ul>" if news else "")
            )
            rows = []
            for a in m["actors"]:
                if not a["real_levers"] and not a["real_signals"] and not a["class_signals"]:
                    continue
                real = "; ".join(
                    f"{e(x['lever_name'])}: {e(x['option_name'])}" for x in a["real_levers"]
                )
                ours = "; ".join(
                    f"{e(x['lever_name'])}: "
                    + (
                        f"<strong>{e(x['class_option_name'])}</strong>"
                        if x["match"] is False
                        else e(x["class_option_name"] or "–")
                    )
                    for x in a["real_levers"]
                )
                rsig = ", ".join(e(s) for s in a["real_signals"]) or "–"
                csig = ", ".join(e(s) for s in a["class_signals"]) or "–"
                note = f"<br><em class='small'>{e(a['real_note'])}</em>" if a["real_note"] else ""
                rows.append(
                    f"<tr><td>{self.who(a['actor'])}</td><td>{real}<br>Signals: {rsig}{note}</td>"
                    f"<td>{ours}<br>Signals: {csig}</td></tr>"
                )
            if rows:
                out.append(
                    "<table><tr><th>Country</th><th>In 2019</th><th>In class (differences in "
                    f"bold)</th></tr>{''.join(rows)}</table>"
                )
            out.append("</div>")
        out.append("</section>")
        return "".join(out)


def render_debrief(data: dict[str, Any]) -> str:
    """The whole HTML document for a debrief's data."""
    page = _Page(data)
    body = "".join(getattr(page, sid)() for sid, _ in SECTIONS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(data['title'])}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
