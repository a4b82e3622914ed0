"""The expression language's arithmetic, on every shape of operand the compiler treats
apart (a bare name, a constant, a compound sub-expression, a folded constant one), with
names present and missing (a missing name reads as 0), against a plain reference:
docs/authoring.md's operators, ``x / 0`` is 0, comparisons and logic give 1 or 0,
``if c then a else b``, and the functions ``min max clamp abs round floor ceil``."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import pytest

from game.scenario.expr import (
    Call,
    ExprError,
    Number,
    compile_expr,
    compile_text,
    constant_value,
    parse,
)

Env = dict[str, float]
Ref = Callable[[Env], float]


def _get(name: str) -> Ref:
    return lambda env: env.get(name, 0.0)


# (text, reference) of each operand shape
SHAPES: list[tuple[str, Ref]] = [
    ("a", _get("a")),
    ("b", _get("b")),
    ("3", lambda env: 3.0),
    ("0", lambda env: 0.0),
    ("(a - 1)", lambda env: env.get("a", 0.0) - 1),
    ("abs(b)", lambda env: abs(env.get("b", 0.0))),
    ("(1 + 1)", lambda env: 2.0),
]

ENVS: list[Env] = [
    {},
    {"a": 3.0},
    {"b": 3.0},
    {"a": 2.0, "b": 5.0},
    {"a": 5.0, "b": 2.0},
    {"a": -4.0, "b": 0.0},
    {"a": 3.0, "b": 3.0},
    {"a": 1.0, "b": -1.5},
    {"b": 0.5},  # a missing name is 0, not 1
    {"a": 0.5},
    {"a": -0.5},
]


def _div(x: float, y: float) -> float:
    return x / y if y else 0.0


OPS: dict[str, Callable[[float, float], float]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "/": _div,
    "<": lambda x, y: float(x < y),
    "<=": lambda x, y: float(x <= y),
    ">": lambda x, y: float(x > y),
    ">=": lambda x, y: float(x >= y),
    "==": lambda x, y: float(x == y),
    "!=": lambda x, y: float(x != y),
    "and": lambda x, y: float(bool(x) and bool(y)),
    "or": lambda x, y: float(bool(x) or bool(y)),
}


def _same(got: float, want: float) -> bool:
    return got == pytest.approx(want, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("op", list(OPS))
def test_each_operator_on_every_shape_of_operand(op: str) -> None:
    fold = OPS[op]
    for (lt, lref), (rt, rref) in itertools.product(SHAPES, SHAPES):
        text = f"{lt} {op} {rt}"
        fn = compile_text(text, lambda name: name)
        for env in ENVS:
            want = fold(lref(env), rref(env))
            got = fn(dict(env))
            assert _same(got, want), (text, env, got, want)
        if not any(c.isalpha() for c in (lt + rt).replace("abs", "")):
            assert constant_value(parse(text)) == fold(lref({}), rref({})), text


UNARY: dict[str, Callable[[float], float]] = {
    "-": lambda x: -x,
    "not ": lambda x: 0.0 if x else 1.0,
    "abs": abs,
    "round": lambda x: float(round(x)),
    "floor": lambda x: float(math.floor(x)),
    "ceil": lambda x: float(math.ceil(x)),
}


@pytest.mark.parametrize("op", list(UNARY))
def test_each_unary_operator_and_function_on_every_shape(op: str) -> None:
    for text, ref in SHAPES:
        full = f"{op}({text})" if op.isalpha() else f"{op}{text}"
        fn = compile_text(full, lambda name: name)
        for env in [*ENVS, {"a": 2.5, "b": -2.5}, {"a": -0.5, "b": 0.5}]:
            assert _same(fn(dict(env)), UNARY[op](ref(env))), (full, env)


@pytest.mark.parametrize("func", ["min", "max"])
def test_min_and_max_of_every_mix_of_operands(func: str) -> None:
    reduce = min if func == "min" else max
    for n in (1, 2, 3):
        for picked in itertools.product(SHAPES[:6], repeat=n):
            text = f"{func}({', '.join(t for t, _ in picked)})"
            fn = compile_text(text, lambda name: name)
            for env in ENVS:
                want = reduce(ref(env) for _, ref in picked)
                assert _same(fn(dict(env)), want), (text, env)


def test_clamp_with_constant_and_variable_bounds() -> None:
    def clamp(x: float, lo: float, hi: float) -> float:
        return min(max(x, lo), hi)

    for (xt, xr), (lt, lr), (ht, hr) in itertools.product(SHAPES[:6], repeat=3):
        text = f"clamp({xt}, {lt}, {ht})"
        fn = compile_text(text, lambda name: name)
        for env in ENVS:
            assert _same(fn(dict(env)), clamp(xr(env), lr(env), hr(env))), (text, env)
    assert compile_text("clamp(a, 5, 1)", lambda n: n)({"a": 3.0}) == 1.0  # lo > hi: hi


def test_if_then_else_on_every_shape() -> None:
    for (ct, cr), (tt, tr), (et, er) in itertools.product(SHAPES, repeat=3):
        text = f"if {ct} then {tt} else {et}"
        fn = compile_text(text, lambda name: name)
        for env in ENVS:
            want = tr(env) if cr(env) else er(env)
            assert _same(fn(dict(env)), want), (text, env)


def test_round_floor_and_ceil_keep_infinities() -> None:
    env = {"a": math.inf, "b": -math.inf}
    for func in ("round", "floor", "ceil"):
        assert compile_text(f"{func}(a)", lambda n: n)(env) == math.inf
        assert compile_text(f"{func}(b)", lambda n: n)(env) == -math.inf
        assert math.isnan(compile_text(f"{func}(a + b)", lambda n: n)(env))


def test_names_are_resolved_before_they_are_read() -> None:
    fn = compile_text("approval.self - approval.us", lambda n: n.replace("self", "cn"))
    assert fn({"approval.cn": 7.0, "approval.us": 2.0}) == 5.0


def test_a_compiled_call_checks_its_arguments_with_the_text_and_column() -> None:
    with pytest.raises(ExprError) as err:
        compile_expr(Call("clamp", (Number(1.0),), 4), lambda n: n, text="  1+clamp(1)")
    assert (err.value.message, err.value.text, err.value.column) == (
        "clamp() expects 3 arguments, got 1",
        "  1+clamp(1)",
        4,
    )
    with pytest.raises(ExprError) as err:
        compile_expr(Call("abs", (), 2), lambda n: n, text="x")
    assert err.value.message == "abs() expects 1 argument, got 0"
    with pytest.raises(ExprError) as err:
        compile_expr(Call("min", (), 1), lambda n: n, text="min()")
    assert err.value.message == "min() expects at least 1 argument, got 0"
    with pytest.raises(ExprError) as err:
        compile_expr(Call("sqrt", (Number(4.0),), 3), lambda n: n, text="x")
    assert (err.value.message, err.value.column) == ("unknown function 'sqrt'", 3)


def test_each_node_knows_the_column_of_its_first_token_or_operator() -> None:
    text = "-a + b * min(c, 2) - (if d then 1 else e) or not f"
    tree = parse(text)
    assert tree.column == text.index("or") + 1 == 43  # binary nodes: their operator
    assert (tree.right.column, tree.right.operand.column) == (46, 50)  # not f
    minus = tree.left
    assert minus.column == 20 and minus.right.column == 23  # '-', 'if'
    assert (minus.right.cond.column, minus.right.then.column, minus.right.orelse.column) == (
        26,
        33,
        40,
    )
    plus = minus.left
    assert (plus.column, plus.left.column, plus.left.operand.column) == (4, 1, 2)  # '+', -a
    times = plus.right
    assert (times.column, times.left.column, times.right.column) == (8, 6, 10)  # '*', b, min
    assert [arg.column for arg in times.right.args] == [14, 17]


def test_constant_value_folds_or_says_none() -> None:
    assert constant_value(parse("if 1 then 2 else x")) == 2.0
    assert constant_value(parse("0 and x")) == 0.0
    assert constant_value(parse("min(3, 1 + 1)")) == 2.0
    assert constant_value(parse("x + 1")) is None
    with pytest.raises(ExprError) as err:
        constant_value(Call("sqrt", (Number(4.0),), 1))
    assert (str(err.value), err.value.text) == ("unknown function 'sqrt' at column 1", "")
