"""Tests for the scenario expression language (game.scenario.expr)."""

from __future__ import annotations

import math
import timeit
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.errors import SixPartyError
from game.scenario.expr import (
    Binary,
    Call,
    ExprError,
    IfElse,
    Name,
    Node,
    Number,
    Unary,
    compile_expr,
    compile_text,
    compile_value,
    constant_value,
    names,
    parse,
)

ENV: dict[str, float] = {
    "a": 2.0,
    "b": 3.0,
    "c": 0.0,
    "tension": 7.0,
    "approval.us": 40.0,
    "trust.us.dprk": -2.5,
    "chose.us.stance.big_deal": 1.0,
    "level.us.sanctions.2": 4.0,
}


def ident(name: str) -> str:
    return name


def ev(text: str, env: dict[str, float] | None = None) -> float:
    return compile_text(text, ident)(ENV if env is None else env)


def err(text: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        parse(text)
    return info.value


# --------------------------------------------------------------------------------------
# literals, names, arithmetic
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3.0),
        ("2.5", 2.5),
        (".5", 0.5),
        ("7.", 7.0),
        ("true", 1.0),
        ("false", 0.0),
        ("tension", 7.0),
        ("approval.us", 40.0),
        ("trust.us.dprk", -2.5),
        ("chose.us.stance.big_deal", 1.0),
        ("level.us.sanctions.2", 4.0),
        ("missing.name", 0.0),
    ],
)
def test_atoms(text: str, value: float) -> None:
    assert ev(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("10 - (4 - 3)", 9.0),
        ("24 / 4 / 2", 3.0),
        ("24 / (4 / 2)", 12.0),
        ("-2 * 3", -6.0),
        ("--2", 2.0),
        ("2 - -3", 5.0),
        ("2--3", 5.0),
        ("-a + b", 1.0),
        ("-(a + b)", -5.0),
        ("a * b - tension / 7", 5.0),
        ("1 + 2 < 4", 1.0),
        ("1 + 2 < 3", 0.0),
        ("not 1 < 2", 0.0),
        ("not 0 and 0", 0.0),  # (not 0) and 0
        ("1 or 0 and 0", 1.0),  # 1 or (0 and 0)
        ("0 and 0 or 1", 1.0),  # (0 and 0) or 1
        ("1 < 2 and 3 < 4", 1.0),
        ("(1 < 2) == 1", 1.0),
    ],
)
def test_precedence(text: str, value: float) -> None:
    assert ev(text) == value


def test_precedence_tree_shapes() -> None:
    one, two, three = Number(1.0), Number(2.0), Number(3.0)
    assert parse("1 + 2 * 3") == Binary("+", one, Binary("*", two, three))
    assert parse("1 - 2 - 3") == Binary("-", Binary("-", one, two), three)
    assert parse("-1 * 2") == Binary("*", Unary("-", one), two)
    assert parse("not a == b") == Unary("not", Binary("==", Name("a"), Name("b")))
    assert parse("a or b and not c") == Binary(
        "or", Name("a"), Binary("and", Name("b"), Unary("not", Name("c")))
    )
    assert parse("if a then 1 else 2 + 3") == IfElse(Name("a"), one, Binary("+", two, three))
    assert parse("(if a then 1 else 2) + 3") == Binary("+", IfElse(Name("a"), one, two), three)


def test_division_by_zero_is_zero() -> None:
    assert ev("1 / 0") == 0.0
    assert ev("a / c") == 0.0
    assert ev("a / missing") == 0.0
    assert ev("5 / (a - 2)") == 0.0
    assert ev("(a + b) / (a - 2)") == 0.0
    assert ev("a / 0") == 0.0
    assert ev("6 / a") == 3.0
    assert ev("b / a") == 1.5
    assert ev("(b + 3) / (a + 1)") == 2.0


def test_booleans_are_floats() -> None:
    for text in ("1 < 2", "true", "a and b", "not c", "a == 2"):
        value = ev(text)
        assert value == 1.0 and type(value) is float
    for text in ("2 < 1", "false", "a and c", "not a", "c or c"):
        value = ev(text)
        assert value == 0.0 and type(value) is float


# --------------------------------------------------------------------------------------
# comparisons and logic
# --------------------------------------------------------------------------------------

COMPARISONS: list[tuple[str, Callable[[float, float], bool]]] = [
    ("<", lambda x, y: x < y),
    ("<=", lambda x, y: x <= y),
    (">", lambda x, y: x > y),
    (">=", lambda x, y: x >= y),
    ("==", lambda x, y: x == y),
    ("!=", lambda x, y: x != y),
]


@pytest.mark.parametrize(("op", "ref"), COMPARISONS)
@pytest.mark.parametrize("x", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("y", [1.0, 2.0, 3.0])
def test_comparisons_all_operand_shapes(
    op: str, ref: Callable[[float, float], bool], x: float, y: float
) -> None:
    env = {"x": x, "y": y}
    want = 1.0 if ref(x, y) else 0.0
    # constant, bare name and general sub-expression on each side
    lefts = [f"{x:g}", "x", "(x + 0)"]
    rights = [f"{y:g}", "y", "(y * 1)"]
    for left in lefts:
        for right in rights:
            assert ev(f"{left} {op} {right}", env) == want, (left, op, right)


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
@pytest.mark.parametrize("x", [-2.0, 0.0, 3.0])
@pytest.mark.parametrize("y", [-4.0, 0.0, 5.0])
def test_arithmetic_all_operand_shapes(op: str, x: float, y: float) -> None:
    env = {"x": x, "y": y}
    want = {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0.0}[op]
    lefts = [f"({x:g})", "x", "(x + 0)"]
    rights = [f"({y:g})", "y", "(y * 1)"]
    for left in lefts:
        for right in rights:
            assert ev(f"{left} {op} {right}", env) == want, (left, op, right)


def test_chained_comparison_is_an_error() -> None:
    e = err("a < b < c")
    assert e.column == 7
    assert "chained" in e.message
    assert ev("a < b and b < tension") == 1.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a and b", 1.0),
        ("a and c", 0.0),
        ("c and a", 0.0),
        ("c or a", 1.0),
        ("c or c", 0.0),
        ("not c", 1.0),
        ("not a", 0.0),
        ("not not a", 1.0),
        ("true and a", 1.0),
        ("a and true", 1.0),
        ("false and a", 0.0),
        ("a and false", 0.0),
        ("true or c", 1.0),
        ("c or true", 1.0),
        ("false or a", 1.0),
        ("c or false", 0.0),
        ("trust.us.dprk and 1", 1.0),  # any non-zero value is true
    ],
)
def test_logic(text: str, value: float) -> None:
    assert ev(text) == value


# --------------------------------------------------------------------------------------
# if-then-else
# --------------------------------------------------------------------------------------


def test_if_then_else() -> None:
    assert ev("if a > 1 then 10 else 20") == 10.0
    assert ev("if a > 5 then 10 else 20") == 20.0
    assert ev("if c then 1 else a") == 2.0
    assert ev("if a then b else 1") == 3.0
    assert ev("if a then b else tension") == 3.0
    assert ev("if c then b else tension") == 7.0
    assert ev("1 + (if c then 1 else 2)") == 3.0


@pytest.mark.parametrize(("t", "expected"), [(1.0, 1.0), (2.0, 2.0), (3.0, 3.0), (9.0, 4.0)])
def test_if_else_if_chain(t: float, expected: float) -> None:
    text = "if t == 1 then 1 else if t == 2 then 2 else if t == 3 then 3 else 4"
    assert ev(text, {"t": t}) == expected
    node = parse(text)
    assert isinstance(node, IfElse)
    assert isinstance(node.orelse, IfElse)
    assert isinstance(node.orelse.orelse, IfElse)


def test_nested_if_in_condition_and_then() -> None:
    text = "if if a then c else 1 then 10 else if 1 then if c then 5 else 6 else 7"
    assert ev(text) == 6.0


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("if a then 1", 12, "expected 'else'"),
        ("if a 1 else 2", 6, "expected 'then'"),
        ("if then 1 else 2", 4, "unexpected 'then'"),
    ],
)
def test_if_errors(text: str, column: int, fragment: str) -> None:
    e = err(text)
    assert e.column == column
    assert fragment in e.message


# --------------------------------------------------------------------------------------
# functions
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("min(3)", 3.0),
        ("min(a)", 2.0),
        ("min(a, b)", 2.0),
        ("min(b, a)", 2.0),
        ("min(a, 1)", 1.0),
        ("min(5, a)", 2.0),
        ("min(b, 1, a)", 1.0),
        ("min(b, tension, a, approval.us)", 2.0),
        ("min(4, b, 1, a)", 1.0),
        ("max(3)", 3.0),
        ("max(a, b)", 3.0),
        ("max(a, 10)", 10.0),
        ("max(0, trust.us.dprk)", 0.0),
        ("max(b, tension, a)", 7.0),
        ("max(1, 2, 3, 4)", 4.0),
        ("clamp(tension, 0, 5)", 5.0),
        ("clamp(trust.us.dprk, 0, 5)", 0.0),
        ("clamp(a, 0, 5)", 2.0),
        ("clamp(a, c, b)", 2.0),
        ("clamp(tension, c, b)", 3.0),
        ("clamp(trust.us.dprk, a, b)", 2.0),
        ("clamp(a, 5, 1)", 1.0),  # min(max(x, lo), hi)
        ("clamp(12, 0, 10)", 10.0),
        ("abs(trust.us.dprk)", 2.5),
        ("abs(-3)", 3.0),
        ("abs(a - tension)", 5.0),
        ("round(2.5)", 2.0),
        ("round(3.5)", 4.0),
        ("round(-2.5)", -2.0),
        ("round(2.6)", 3.0),
        ("round(trust.us.dprk)", -2.0),
        ("floor(2.7)", 2.0),
        ("floor(-2.2)", -3.0),
        ("floor(trust.us.dprk)", -3.0),
        ("ceil(2.2)", 3.0),
        ("ceil(-2.7)", -2.0),
        ("ceil(trust.us.dprk + 0)", -2.0),
        ("max(min(a, b), 1) + abs(-1)", 3.0),
    ],
)
def test_functions(text: str, value: float) -> None:
    result = ev(text)
    assert result == value
    assert isinstance(result, float)


def test_rounding_functions_tolerate_non_finite_values() -> None:
    for fn in ("round", "floor", "ceil"):
        assert compile_text(f"{fn}(x)", ident)({"x": math.inf}) == math.inf
        assert math.isnan(compile_text(f"{fn}(x)", ident)({"x": math.nan}))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("min()", "min() expects at least 1 argument, got 0"),
        ("max()", "max() expects at least 1 argument, got 0"),
        ("clamp(1, 2)", "clamp() expects 3 arguments, got 2"),
        ("clamp(1, 2, 3, 4)", "clamp() expects 3 arguments, got 4"),
        ("abs()", "abs() expects 1 argument, got 0"),
        ("abs(1, 2)", "abs() expects 1 argument, got 2"),
        ("round(1, 2)", "round() expects 1 argument, got 2"),
        ("floor(1, 2)", "floor() expects 1 argument, got 2"),
        ("ceil()", "ceil() expects 1 argument, got 0"),
    ],
)
def test_function_arity_errors(text: str, fragment: str) -> None:
    e = err("1 + " + text)
    assert e.message == fragment
    assert e.column == 5


def test_unknown_function() -> None:
    e = err("a + mn(1, 2)")
    assert e.column == 5
    assert str(e) == "unknown function 'mn' at column 5 (did you mean 'min'?)"
    e = err("sqrt(4)")
    assert e.message == "unknown function 'sqrt'"
    e = err("approval.us(1)")
    assert "unknown function 'approval.us'" in e.message


# --------------------------------------------------------------------------------------
# syntax errors and their columns
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("1 + * 2", 5, "unexpected '*'"),
        ("1 +", 4, "unexpected end of expression"),
        ("(1 + 2", 7, "expected ')'"),
        ("1 + 2)", 6, "unexpected ')'"),
        ("1 2", 3, "unexpected '2'"),
        ("()", 2, "unexpected ')'"),
        ("a $ b", 3, "unexpected character '$'"),
        ("a = 1", 3, "did you mean '=='"),
        ("!a", 1, "did you mean 'not'"),
        ("a && b", 3, "did you mean 'and'"),
        ("a || b", 3, "did you mean 'or'"),
        ("2x", 1, "malformed number '2x'"),
        ("1.2.3", 1, "malformed number '1.2.3'"),
        ("x + approval.", 5, "malformed name 'approval.'"),
        ("a..b", 1, "malformed name 'a..b'"),
        ("min(1,)", 7, "unexpected ')'"),
        ("min(1 2)", 7, "expected ')'"),
        ("a and", 6, "unexpected end of expression"),
        ("not", 4, "unexpected end of expression"),
        ("then", 1, "unexpected 'then'"),
    ],
)
def test_syntax_error_columns(text: str, column: int, fragment: str) -> None:
    e = err(text)
    assert e.column == column, str(e)
    assert fragment in str(e)
    assert f"at column {column}" in str(e)
    assert e.text == text


def test_empty_expression() -> None:
    for text in ("", "   "):
        e = err(text)
        assert e.column is None
        assert str(e) == "empty expression"


def test_expr_error_is_a_project_value_error() -> None:
    e = err("1 + * 2")
    assert isinstance(e, ValueError)
    assert isinstance(e, SixPartyError)
    assert str(e) == "unexpected '*' at column 5"
    assert e.message == "unexpected '*'"


def test_error_formatting_places_column_before_hint() -> None:
    e = ExprError("unknown name 'tensoin' (did you mean 'tension'?)", "tensoin", 1)
    assert str(e) == "unknown name 'tensoin' at column 1 (did you mean 'tension'?)"
    assert str(ExprError("boom", "x", None)) == "boom"
    assert str(ExprError("boom", "x", 3)) == "boom at column 3"


def test_whitespace_and_newlines() -> None:
    assert ev("  1 +\n\t2  ") == 3.0
    assert err("1 +\n *").column == 6


# --------------------------------------------------------------------------------------
# resolution
# --------------------------------------------------------------------------------------

KNOWN = {"tension": "tension", "approval.self": "approval.us", "approval.us": "approval.us"}


def strict_resolver(name: str) -> str:
    if name in KNOWN:
        return KNOWN[name]
    if name == "tensoin":
        raise KeyError("unknown name 'tensoin' (did you mean 'tension'?)")
    if name.startswith("bad."):
        raise ValueError(f"bad name '{name}'")
    raise KeyError(f"unknown name '{name}'")


def test_resolver_maps_names_to_keys() -> None:
    f = compile_text("approval.self + tension", strict_resolver)
    assert f({"approval.us": 40.0, "tension": 2.0}) == 42.0
    assert f({}) == 0.0


def test_unknown_name_from_key_error() -> None:
    with pytest.raises(ExprError) as info:
        compile_text("tensoin + 1", strict_resolver)
    e = info.value
    assert str(e) == "unknown name 'tensoin' at column 1 (did you mean 'tension'?)"
    assert e.column == 1
    assert e.text == "tensoin + 1"


def test_unknown_name_from_value_error() -> None:
    with pytest.raises(ExprError) as info:
        compile_text("tension * 2 > bad.thing", strict_resolver)
    assert info.value.column == 15
    assert info.value.message == "bad name 'bad.thing'"


def test_unknown_name_in_folded_away_branch_is_still_reported() -> None:
    for text in ("if 1 then tension else nope", "0 and nope", "1 or nope", "nope / 0"):
        with pytest.raises(ExprError) as info:
            compile_text(text, strict_resolver)
        assert info.value.message == "unknown name 'nope'"
        assert info.value.column == text.index("nope") + 1


def test_compile_expr_without_text() -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(parse("1 + zzz"), strict_resolver)
    assert info.value.column == 5
    assert info.value.text == ""


# --------------------------------------------------------------------------------------
# constant folding, names(), compile_value
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 * 3", 6.0),
        ("-(1 + 2) / 2", -1.5),
        ("1 / 0", 0.0),
        ("x / 0", 0.0),
        ("min(3, 1, 2)", 1.0),
        ("clamp(12, 0, 10)", 10.0),
        ("round(2.5) + floor(1.5) + ceil(1.5) + abs(-1)", 6.0),
        ("if 1 > 0 then 5 else x", 5.0),
        ("if 0 then x else 4", 4.0),
        ("0 and x", 0.0),
        ("1 or x", 1.0),
        ("not (1 < 2)", 0.0),
        ("true", 1.0),
    ],
)
def test_constant_value_folds(text: str, value: float) -> None:
    assert constant_value(parse(text)) == value


@pytest.mark.parametrize(
    "text", ["x", "x + 1", "2 * 3 + x", "if x then 1 else 2", "1 and x", "min(1, x)", "-x"]
)
def test_constant_value_none_for_variable_expressions(text: str) -> None:
    assert constant_value(parse(text)) is None


def test_constant_closure_ignores_env() -> None:
    f = compile_text("2 * 3 + 1", ident)
    assert f({}) == 7.0
    assert f(ENV) == 7.0


def test_folding_still_resolves_every_name() -> None:
    seen: list[str] = []

    def spy(name: str) -> str:
        seen.append(name)
        return name

    compile_text("if 1 then a else b + c * 0", spy)
    assert seen == ["a", "b", "c"]


def test_names_order_and_uniqueness() -> None:
    node = parse(
        "if approval.us > tension then max(trust.self.dprk, tension) "
        "else approval.us + count.icbm_test * chose.us.stance.big_deal"
    )
    assert names(node) == [
        "approval.us",
        "tension",
        "trust.self.dprk",
        "count.icbm_test",
        "chose.us.stance.big_deal",
    ]
    assert names(parse("1 + 2")) == []
    assert names(parse("b - a + b and not c")) == ["b", "a", "c"]
    assert names(parse("min(z, y, x)")) == ["z", "y", "x"]


def test_keywords_are_not_names_but_may_start_dotted_names() -> None:
    assert names(parse("not.x + if.y")) == ["not.x", "if.y"]
    assert names(parse("truex")) == ["truex"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3.0), (2.5, 2.5), (True, 1.0), (False, 0.0), ("a + 1", 3.0), ("true", 1.0)],
)
def test_compile_value(value: str | int | float | bool, expected: float) -> None:
    result = compile_value(value, ident)(ENV)
    assert result == expected
    assert type(result) is float


def test_compile_value_string_errors_propagate() -> None:
    with pytest.raises(ExprError):
        compile_value("1 +", ident)


def test_micro_benchmark_sanity() -> None:
    """Not a timed assertion: just exercises the hot path many times."""
    f = compile_text("if tension > 5 and approval.us < 50 then -3 else clamp(a * 2, 0, 10)", ident)
    seconds = timeit.timeit(lambda: f(ENV), number=2000)
    assert seconds >= 0.0
    assert f(ENV) == -3.0


# --------------------------------------------------------------------------------------
# property tests: random trees, rendered to text, against an independent evaluator
# --------------------------------------------------------------------------------------

VARS = ["a", "b.c", "tension", "trust.self.dprk", "lvl.us.2", "missing.x"]
# literal text -> value (rendered as given)
LITERALS = [("0", 0.0), ("1", 1.0), ("2", 2.0), ("3", 3.0), ("7", 7.0), (".5", 0.5), ("2.5", 2.5)]

# Independent precedence table used only for rendering.
PREC = {"if": 0, "or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6}
NEG, ATOM = 7, 8
CMP_OPS = ["<", "<=", ">", ">=", "==", "!="]

Tree = tuple[Any, ...]


def leaves() -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.sampled_from(LITERALS).map(lambda lit: ("num", lit[0], lit[1])),
        st.sampled_from(VARS).map(lambda v: ("var", v)),
    )


def arith_trees() -> st.SearchStrategy[Tree]:
    def extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
        return st.one_of(
            st.tuples(st.just("neg"), children),
            st.tuples(st.just("bin"), st.sampled_from(["+", "-", "*", "/"]), children, children),
        )

    return st.recursive(leaves(), extend, max_leaves=12)


def full_trees() -> st.SearchStrategy[Tree]:
    ops = ["+", "-", "*", "/", "and", "or", *CMP_OPS]

    def extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
        return st.one_of(
            st.tuples(st.just("neg"), children),
            st.tuples(st.just("not"), children),
            st.tuples(st.just("bin"), st.sampled_from(ops), children, children),
            st.tuples(st.just("if"), children, children, children),
            st.tuples(
                st.just("call"),
                st.sampled_from(["min", "max"]),
                st.lists(children, min_size=1, max_size=4).map(tuple),
            ),
            st.tuples(
                st.just("call"),
                st.sampled_from(["abs", "round", "floor", "ceil"]),
                st.tuples(children),
            ),
            st.tuples(st.just("call"), st.just("clamp"), st.tuples(children, children, children)),
        )

    return st.recursive(leaves(), extend, max_leaves=14)


def truthy(x: float) -> bool:
    return x != 0.0 or math.isnan(x)


def reference(tree: Tree, env: dict[str, float]) -> float:
    kind = tree[0]
    if kind == "num":
        return float(tree[2])
    if kind == "var":
        return env.get(tree[1], 0.0)
    if kind == "neg":
        return -reference(tree[1], env)
    if kind == "not":
        return 0.0 if truthy(reference(tree[1], env)) else 1.0
    if kind == "if":
        cond = reference(tree[1], env)
        return reference(tree[2], env) if truthy(cond) else reference(tree[3], env)
    if kind == "call":
        vals = [reference(t, env) for t in tree[2]]
        fn = tree[1]
        if fn == "min":
            return min(vals)
        if fn == "max":
            return max(vals)
        if fn == "abs":
            return abs(vals[0])
        if fn == "round":
            return float(round(vals[0]))
        if fn == "floor":
            return float(math.floor(vals[0]))
        if fn == "ceil":
            return float(math.ceil(vals[0]))
        assert fn == "clamp"
        return min(max(vals[0], vals[1]), vals[2])
    assert kind == "bin"
    op = tree[1]
    x = reference(tree[2], env)
    y = reference(tree[3], env)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return x / y if y != 0 else 0.0
    if op == "and":
        return 1.0 if truthy(x) and truthy(y) else 0.0
    if op == "or":
        return 1.0 if truthy(x) or truthy(y) else 0.0
    result = {
        "<": x < y,
        "<=": x <= y,
        ">": x > y,
        ">=": x >= y,
        "==": x == y,
        "!=": x != y,
    }[op]
    return 1.0 if result else 0.0


def prec(tree: Tree) -> int:
    kind = tree[0]
    if kind in ("num", "var", "call"):
        return ATOM
    if kind == "neg":
        return NEG
    if kind in ("not", "if"):
        return PREC[kind]
    op = tree[1]
    return PREC["cmp"] if op in CMP_OPS else PREC[op]


def render(tree: Tree, minimal: bool) -> str:
    """Render with the fewest parentheses (``minimal``) or parenthesise every operation."""

    def sub(child: Tree, need: bool) -> str:
        text = render(child, minimal)
        if child[0] in ("num", "var", "call"):
            return text
        return f"({text})" if need or not minimal else text

    kind = tree[0]
    if kind in ("num", "var"):
        return str(tree[1])
    if kind == "neg":
        return "-" + sub(tree[1], prec(tree[1]) < NEG)
    if kind == "not":
        return "not " + sub(tree[1], prec(tree[1]) < PREC["not"])
    if kind == "if":
        c, t, e = (render(x, minimal) for x in tree[1:])
        return f"if {c} then {t} else {e}"
    if kind == "call":
        return f"{tree[1]}({', '.join(render(x, minimal) for x in tree[2])})"
    p = prec(tree)
    non_assoc = tree[1] in CMP_OPS
    left = sub(tree[2], prec(tree[2]) < p or (non_assoc and prec(tree[2]) == p))
    right = sub(tree[3], prec(tree[3]) <= p)
    return f"{left} {tree[1]} {right}"


def to_node(tree: Tree) -> Node:
    kind = tree[0]
    if kind == "num":
        return Number(tree[2])
    if kind == "var":
        return Name(tree[1])
    if kind == "neg":
        return Unary("-", to_node(tree[1]))
    if kind == "not":
        return Unary("not", to_node(tree[1]))
    if kind == "if":
        return IfElse(to_node(tree[1]), to_node(tree[2]), to_node(tree[3]))
    if kind == "call":
        return Call(tree[1], tuple(to_node(t) for t in tree[2]))
    return Binary(tree[1], to_node(tree[2]), to_node(tree[3]))


def tree_names(tree: Tree, out: list[str]) -> list[str]:
    if tree[0] == "var":
        if tree[1] not in out:
            out.append(tree[1])
    elif tree[0] == "call":
        for t in tree[2]:
            tree_names(t, out)
    else:
        for t in tree[1:]:
            if isinstance(t, tuple):
                tree_names(t, out)
    return out


envs = st.fixed_dictionaries({v: st.integers(-4, 4).map(float) for v in VARS if v != "missing.x"})


def same(x: float, y: float) -> bool:
    return x == y or (math.isnan(x) and math.isnan(y))


def check(tree: Tree, env: dict[str, float]) -> None:
    want = reference(tree, env)
    for minimal in (True, False):
        text = render(tree, minimal)
        node = parse(text)
        assert node == to_node(tree), text
        got = compile_text(text, ident)(env)
        assert same(got, want), (text, got, want)
        const = constant_value(node)
        if const is not None:
            assert same(const, want), (text, const, want)
    if not tree_names(tree, []):
        assert constant_value(to_node(tree)) is not None


@settings(max_examples=400, deadline=None)
@given(arith_trees(), envs)
def test_property_arithmetic_matches_reference(tree: Tree, env: dict[str, float]) -> None:
    check(tree, env)


@settings(max_examples=400, deadline=None)
@given(full_trees(), envs)
def test_property_full_language_matches_reference(tree: Tree, env: dict[str, float]) -> None:
    check(tree, env)
    assert names(to_node(tree)) == tree_names(tree, [])


@settings(max_examples=200, deadline=None)
@given(full_trees(), envs)
def test_property_renaming_resolver(tree: Tree, env: dict[str, float]) -> None:
    """A resolver that renames every key must give the same result on a renamed env."""
    text = render(tree, True)
    f = compile_text(text, lambda n: "k:" + n)
    assert same(f({"k:" + k: v for k, v in env.items()}), reference(tree, env))
