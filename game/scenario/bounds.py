"""The range an expression can take, from the variables' bounds and the game's length.

Interval arithmetic over the parsed expression (:mod:`game.scenario.expr`): a variable
stays within its ``min``..``max``, ``month`` runs from 1 to the number of months, and a
name the rules do not bound (a count, a level, ...) may be anything. Lint uses it to find
conditions that can never hold, such as ``month >= 9`` in a six-month game or
``insurance >= 155`` on a 0..100 variable.

>>> from game.scenario.expr import parse
>>> span(parse("month >= 9"), {"month": (1.0, 6.0)})
(0.0, 0.0)
>>> span(parse("x / 2 + 1"), {"x": (0.0, 100.0)})
(1.0, 51.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from game.scenario.expr import Binary, Call, IfElse, Name, Node, Number, Unary

Span = tuple[float, float]
ANY: Span = (-math.inf, math.inf)
BOOL: Span = (0.0, 1.0)


def _mul(a: Span, b: Span) -> Span:
    products = []
    for x in a:
        for y in b:
            p = x * y
            products.append(0.0 if math.isnan(p) else p)
    return min(products), max(products)


def _truth(a: Span) -> Span:
    """The span of ``a`` read as a condition (non-zero is true)."""
    lo, hi = a
    if lo == hi == 0:
        return 0.0, 0.0
    if lo > 0 or hi < 0:
        return 1.0, 1.0
    return BOOL


def _compare(op: str, a: Span, b: Span) -> Span:
    (alo, ahi), (blo, bhi) = a, b
    always = {
        "<": ahi < blo,
        "<=": ahi <= blo,
        ">": alo > bhi,
        ">=": alo >= bhi,
        "==": alo == ahi == blo == bhi,
        "!=": ahi < blo or alo > bhi,
    }
    never = {
        "<": alo >= bhi,
        "<=": alo > bhi,
        ">": ahi <= blo,
        ">=": ahi < blo,
        "==": ahi < blo or alo > bhi,
        "!=": alo == ahi == blo == bhi,
    }
    if op not in always:
        return BOOL
    if always[op]:
        return 1.0, 1.0
    if never[op]:
        return 0.0, 0.0
    return BOOL


def span(node: Node, known: Mapping[str, Span]) -> Span:
    """The smallest and largest value ``node`` can take when each name in ``known`` stays
    within its span (names not in ``known`` may take any value)."""
    if isinstance(node, Number):
        return node.value, node.value
    if isinstance(node, Name):
        return known.get(node.name, ANY)
    if isinstance(node, Unary):
        a = span(node.operand, known)
        if node.op == "-":
            return -a[1], -a[0]
        t = _truth(a)
        return 1.0 - t[1], 1.0 - t[0]
    if isinstance(node, Binary):
        a, b = span(node.left, known), span(node.right, known)
        op = node.op
        if op == "+":
            return a[0] + b[0], a[1] + b[1]
        if op == "-":
            return a[0] - b[1], a[1] - b[0]
        if op == "*":
            return _mul(a, b)
        if op == "/":
            if b[0] > 0 or b[1] < 0:
                return _mul(a, (1.0 / b[1], 1.0 / b[0]))
            return ANY
        if op == "and":
            ta, tb = _truth(a), _truth(b)
            return min(ta[0], tb[0]), min(ta[1], tb[1])
        if op == "or":
            ta, tb = _truth(a), _truth(b)
            return max(ta[0], tb[0]), max(ta[1], tb[1])
        if op in ("<", "<=", ">", ">=", "==", "!="):
            return _compare(op, a, b)
        return ANY
    if isinstance(node, Call):
        args = [span(x, known) for x in node.args]
        if node.func == "clamp" and len(args) == 3:
            lo = max(args[0][0], args[1][0])
            hi = min(args[0][1], args[2][1])
            return min(lo, hi), max(lo, hi)
        if node.func == "min" and args:
            return min(x[0] for x in args), min(x[1] for x in args)
        if node.func == "max" and args:
            return max(x[0] for x in args), max(x[1] for x in args)
        if node.func == "abs" and len(args) == 1:
            lo, hi = args[0]
            if lo >= 0:
                return lo, hi
            if hi <= 0:
                return -hi, -lo
            return 0.0, max(-lo, hi)
        return ANY
    if isinstance(node, IfElse):
        cond = _truth(span(node.cond, known))
        then, orelse = span(node.then, known), span(node.orelse, known)
        if cond == (1.0, 1.0):
            return then
        if cond == (0.0, 0.0):
            return orelse
        return min(then[0], orelse[0]), max(then[1], orelse[1])
    return ANY
