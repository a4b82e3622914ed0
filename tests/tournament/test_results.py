"""A tournament's outputs say what its games did: every seat's score is recomputed by
replaying the game from its record (scenario, seed, seating) and compared with
``games.jsonl``, ``seats.csv``, the report's tables (Markdown and HTML) and the data the
charts plot."""

from __future__ import annotations

import base64
import csv
import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import matplotlib.axes
import matplotlib.image
import pytest

from game import Game
from game.bots import make_bot
from game.bots.runner import play_game
from game.scenario.loader import load_scenario
from game.tournament import TournamentConfig, read_records, run_tournament
from game.tournament.executors import LocalExecutor

MINI = "tests/fixtures/mini.yaml"
BOTS = ["hawk", "dove", "random"]


def replay(record: dict[str, Any], scenario: str) -> Game:
    """Play the game a record names again, from its seed and seating alone (each bot is
    seeded with the game's seed plus its rank among the roles, as tournaments do)."""
    rules = load_scenario(scenario)
    seating = record["seating"]
    bots = {
        role: make_bot(seating[role], role, record["seed"] + i)
        for i, role in enumerate(sorted(seating))
    }
    return play_game(rules, record["seed"], bots).game


class Tables(HTMLParser):
    """The cells of every <table> of an HTML page, as lists of rows of strings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def md_tables(text: str) -> list[list[list[str]]]:
    """The rows (header first, rule dropped) of every Markdown table in ``text``."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if current is None:
                current = []
                tables.append(current)
            if not all(re.fullmatch(r"-+", c) for c in cells):
                current.append(cells)
        else:
            current = None
    return tables


@pytest.fixture(scope="module")
def tournament(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One small tournament, its files, what its charts were asked to draw, and every
    seat's score recomputed by replaying each game."""
    out = tmp_path_factory.mktemp("tournament")
    drawn: dict[str, Any] = {}
    real_boxplot = matplotlib.axes.Axes.boxplot
    real_imshow = matplotlib.axes.Axes.imshow

    def boxplot(self: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
        drawn["boxplot"] = [list(map(float, xs)) for xs in x]
        drawn["boxplot_labels"] = None
        return real_boxplot(self, x, *args, **kwargs)

    def imshow(self: Any, grid: Any, *args: Any, **kwargs: Any) -> Any:
        drawn["grid"] = [list(map(float, row)) for row in grid]
        return real_imshow(self, grid, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(matplotlib.axes.Axes, "boxplot", boxplot)
        mp.setattr(matplotlib.axes.Axes, "imshow", imshow)
        cfg = TournamentConfig(bots=BOTS, games=6, scenario=MINI, seed=4)
        run_tournament(cfg, out, LocalExecutor(2))
    records = read_records(out / "games.jsonl")
    truth: dict[tuple[str, str], float] = {}
    seating: dict[tuple[str, str], str] = {}
    for rec in records:
        game = replay(rec, MINI)
        assert game.over and game.state_hash() == rec["state_hash"], rec["id"]
        for role, score in game.scores().items():
            truth[rec["id"], role] = score
            seating[rec["id"], role] = rec["seating"][role]
    return {"out": out, "records": records, "truth": truth, "seating": seating, "drawn": drawn}


def _per_bot(t: dict[str, Any]) -> dict[str, list[float]]:
    scores: dict[str, list[float]] = defaultdict(list)
    for key, score in sorted(t["truth"].items()):
        scores[t["seating"][key]].append(score)
    return scores


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def test_the_games_record_holds_the_replayed_scores(tournament: dict[str, Any]) -> None:
    records = tournament["records"]
    assert len(records) == 6 and {r["status"] for r in records} == {"ok"}
    roles = {"alpha", "beta", "gamma"}
    for rec in records:
        assert set(rec["scores"]) == roles and set(rec["seating"]) == roles
        for role in roles:
            assert rec["scores"][role] == pytest.approx(tournament["truth"][rec["id"], role])
    # The scores differ between roles, so a swap of two roles cannot pass unseen.
    assert any(len({rec["scores"][r] for r in roles}) == 3 for rec in records)


def test_seats_csv_holds_each_seats_replayed_score(tournament: dict[str, Any]) -> None:
    with (tournament["out"] / "seats.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["game"], r["role"]) for r in rows} == set(tournament["truth"])
    assert len(rows) == len(tournament["truth"])
    by_id = {r["id"]: r for r in tournament["records"]}
    for row in rows:
        key = (row["game"], row["role"])
        assert row["bot"] == tournament["seating"][key]
        assert float(row["score"]) == pytest.approx(tournament["truth"][key]), key
        assert int(row["seed"]) == by_id[row["game"]]["seed"]


def _check_bot_table(rows: list[list[str]], t: dict[str, Any]) -> None:
    head, *body = rows
    col = {name: i for i, name in enumerate(head)}
    per_bot = _per_bot(t)
    assert [r[0] for r in body] == sorted(per_bot, key=lambda b: -_mean(per_bot[b]))
    wins: dict[str, float] = defaultdict(float)
    for rec in t["records"]:
        scores = {role: t["truth"][rec["id"], role] for role in rec["seating"]}
        top = max(scores.values())
        winners = [r for r, s in scores.items() if s == top]
        for role in winners:
            wins[rec["seating"][role]] += 1 / len(winners)
    for row in body:
        bot = row[0]
        assert int(row[col["seats"]]) == len(per_bot[bot])
        assert row[col["mean"]] == f"{_mean(per_bot[bot]):.2f}", bot
        assert row[col["win rate"]] == f"{100 * wins[bot] / len(per_bot[bot]):.1f}%", bot


def _check_role_table(rows: list[list[str]], t: dict[str, Any]) -> None:
    head, *body = rows
    assert head[0] == "bot"
    cells: dict[tuple[str, str], list[float]] = defaultdict(list)
    for (gid, role), score in t["truth"].items():
        cells[t["seating"][gid, role], role].append(score)
    for row in body:
        for role, cell in zip(head[1:], row[1:], strict=True):
            xs = cells[row[0], role]
            mean, n = re.fullmatch(r"(\S+) ± \S+ \(n=(\d+)\)", cell).groups()  # type: ignore[union-attr]
            assert (mean, int(n)) == (f"{_mean(xs):.1f}", len(xs)), (row[0], role)


def test_the_markdown_report_tables_hold_the_replayed_scores(tournament: dict[str, Any]) -> None:
    md = (tournament["out"] / "report.md").read_text(encoding="utf-8")
    bots_table, role_table, _pairs = md_tables(md)
    _check_bot_table(bots_table, tournament)
    _check_role_table(role_table, tournament)


def test_the_html_report_tables_hold_the_replayed_scores(tournament: dict[str, Any]) -> None:
    parser = Tables()
    parser.feed((tournament["out"] / "report.html").read_text(encoding="utf-8"))
    bots_table, role_table, _pairs = parser.tables
    _check_bot_table(bots_table, tournament)
    _check_role_table(role_table, tournament)


def test_the_charts_plot_the_replayed_scores(tournament: dict[str, Any]) -> None:
    per_bot = _per_bot(tournament)
    order = sorted(per_bot, key=lambda b: -_mean(per_bot[b]))
    drawn = tournament["drawn"]
    # The box plot gets each bot's seat scores, best bot first.
    assert [sorted(xs) for xs in drawn["boxplot"]] == [
        pytest.approx(sorted(per_bot[b])) for b in order
    ]
    # The heat map's cell (bot, role) is that bot's mean score in that role.
    roles = sorted({role for _, role in tournament["truth"]})
    for bot, row in zip(order, drawn["grid"], strict=True):
        for role, value in zip(roles, row, strict=True):
            xs = [
                s
                for (gid, r), s in tournament["truth"].items()
                if r == role and tournament["seating"][gid, r] == bot
            ]
            assert value == pytest.approx(_mean(xs)), (bot, role)
    # The files are real images of a plot (many colours, not a blank canvas), and the
    # HTML report embeds exactly those files.
    html = (tournament["out"] / "report.html").read_text(encoding="utf-8")
    embedded = re.findall(r'alt="([^"]+)" src="data:image/png;base64,([^"]+)"', html)
    assert [name for name, _ in embedded] == ["scores.png", "roles.png"]
    for name, data in embedded:
        path = tournament["out"] / name
        assert base64.b64decode(data) == path.read_bytes()
        pixels = matplotlib.image.imread(path)
        assert pixels.shape[0] > 200 and pixels.shape[1] > 300
        colours = {tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::7].tolist()}
        assert len(colours) > 20, name


def test_the_config_and_records_name_what_was_played(tournament: dict[str, Any]) -> None:
    saved = json.loads((tournament["out"] / "config.json").read_text(encoding="utf-8"))
    assert saved["bots"] == BOTS and saved["games"] == 6 and saved["seed"] == 4
    # Role rotation: every bot sits in every role equally often.
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for (_, role), bot in tournament["seating"].items():
        counts[bot, role] += 1
    assert set(counts.values()) == {2} and len(counts) == 9
