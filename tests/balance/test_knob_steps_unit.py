"""The finer knob steps on a figure that is a known step function of the knob: bisection
after an overshoot, and walking on after a half or double that only got part way."""

from __future__ import annotations

from collections.abc import Callable

from game.balance import BalanceReport
from game.verdict import Finding, Knob, Trial, _refine

BAND = (0.2, 0.8)


def finding() -> Finding:
    return Finding("deadline-rate", "d", "share", 0.0, "20-80%", False, BAND, lambda r: r.war_rate)


def fake(curve: Callable[[float], float], seen: list[float]):  # type: ignore[no-untyped-def]
    """A ``trial`` whose report's war rate (the finding's measure) is ``curve(value)``."""

    def trial(knob: Knob, value: float, refined: bool = False) -> BalanceReport | None:
        seen.append(value)
        rep = BalanceReport("x", ("a",), ["random"], games=100)
        rep.wars = round(100 * curve(value))
        return rep

    return trial


def test_bisects_between_the_value_and_the_half_that_overshot() -> None:
    knob = Knob(("deadlines", 0, "condition"), 100.0, "f.yaml:1:1", "deadlines.d.condition", (0, 3))
    curve = lambda v: 1.0 if v <= 60 else 0.5 if v <= 80 else 0.0  # noqa: E731
    tried = [Trial(knob, 50.0, 0.0, 1.0), Trial(knob, 200.0, 0.0, 0.0)]
    seen: list[float] = []
    spent = _refine(finding(), tried, 0.0, fake(curve, seen), 6, None)
    assert seen == [75.0] and spent == 1  # 75 is whole, between 100 and 50, and lands inside


def test_walks_on_when_a_half_only_gets_part_way() -> None:
    knob = Knob(("deadlines", 0, "condition"), 160.0, "f.yaml:1:1", "deadlines.d.condition", (0, 3))
    curve = lambda v: 0.0 if v > 80 else 0.1 if v > 0 else 0.5  # noqa: E731
    tried = [Trial(knob, 80.0, 0.0, 0.1), Trial(knob, 320.0, 0.0, 0.0)]
    seen: list[float] = []
    _refine(finding(), tried, 0.0, fake(curve, seen), 6, None)
    assert seen == [0.0]  # 160 -> 80 got part way; the same step again lands it inside


def test_stays_within_its_budget_and_never_flips_an_effect_sign() -> None:
    knob = Knob(("levers", 0, "effects", "trade"), 4.0, "f.yaml:1:1", "levers.x.effects.trade")
    curve = lambda v: min(0.1, v / 100)  # noqa: E731  never reaches the band
    tried = [Trial(knob, 8.0, 0.0, 0.08), Trial(knob, 2.0, 0.0, 0.02)]
    seen: list[float] = []
    spent = _refine(finding(), tried, 0.0, fake(curve, seen), 3, None)
    assert spent == 3 and seen == [12.0, 16.0, 20.0]
    seen.clear()
    down = [Trial(knob, 2.0, 0.0, 0.1)]  # halving helped: walking on would reach 0, then -2
    _refine(finding(), down, 0.0, fake(lambda v: 0.1, seen), 3, None)
    assert seen == []


def test_a_knob_landing_inside_only_by_putting_a_met_figure_out_does_not_stop_the_steps() -> None:
    # raising a threshold lands the figure inside but undoes another target (not clean);
    # doubling an effect overshoots: the steps still bisect the effect (they used to stop
    # at the threshold), and the value found lands inside without putting anything out
    threshold = Knob(("deadlines", 0, "condition"), 30.0, "f.yaml:1:1", "d.condition", (0, 2))
    effect = Knob(("levers", 0, "effects", "trade"), 8.0, "f.yaml:2:1", "levers.x.effects.trade")
    f = finding()
    tried = [
        Trial(threshold, 60.0, 0.0, 0.5, inside=True, clean=False),
        Trial(effect, 16.0, 0.0, 1.0),  # doubling overshoots (the figure is under its band)
    ]
    curve = lambda v: 1.0 if v >= 14 else 0.5 if v >= 11 else 0.0  # noqa: E731
    seen: list[float] = []
    run = fake(curve, seen)

    def trial(knob: Knob, value: float, refined: bool = False) -> BalanceReport | None:
        rep = run(knob, value, refined)  # recorded in ``tried``, as search_knobs does
        assert rep is not None and f.measure is not None
        x = f.measure(rep)
        tried.append(Trial(knob, value, 0.0, x, refined, f.distance(x) == 0))
        return rep

    spent = _refine(f, tried, 0.0, trial, 6, None)
    assert seen == [12.0] and spent == 1
    assert tried[-1].inside and tried[-1].clean and tried[-1].knob == effect
