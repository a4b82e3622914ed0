"""A small, safe expression language for scenario effects and conditions.

Expressions are parsed once, when a scenario is loaded, and compiled into plain Python
closures that take an environment (a flat mapping of dotted names to floats) and return a
float.  Nothing here ever hands text to ``eval``/``exec``: the text is tokenised and parsed by
a hand-written recursive-descent parser.

Language summary::

    numbers      3   2.5   .5   true (1.0)   false (0.0)
    names        tension   approval.us   trust.self.dprk   level.us.sanctions.2
    arithmetic   a + b   a - b   a * b   a / b (x / 0 is 0.0)   -a   (a)
    comparison   a < b   a <= b   a > b   a >= b   a == b   a != b   (not chainable)
    logic        a and b   a or b   not a          (results are 1.0 or 0.0)
    functions    min(a, ...)  max(a, ...)  clamp(x, lo, hi)  abs(x)  round(x)  floor(x)  ceil(x)
    conditional  if c then a else b                (right-associative)

Precedence, lowest first: ``if``, ``or``, ``and``, ``not``, comparisons, ``+ -``, ``* /``,
unary ``-``, calls and atoms.  Any non-zero value is true.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from game.errors import SixPartyError

__all__ = [
    "FUNCTIONS",
    "Binary",
    "Call",
    "Compiled",
    "Env",
    "ExprError",
    "IfElse",
    "Name",
    "Node",
    "Number",
    "Unary",
    "compile_expr",
    "compile_text",
    "compile_value",
    "constant_value",
    "names",
    "parse",
]

Env: TypeAlias = Mapping[str, float]
"""Evaluation environment: a flat mapping of resolved dotted names to floats."""

Compiled: TypeAlias = Callable[[Env], float]
"""A compiled expression: call it with an environment to get its value."""

_HINT = " (did you mean"


class ExprError(SixPartyError):
    """An expression could not be parsed or compiled.

    Attributes:
        message: what went wrong, without the location.
        text: the expression text (empty when unknown).
        column: 1-based character position of the problem in ``text``, or ``None``.

    ``str(error)`` reads like ``unknown name 'tensoin' at column 1 (did you mean
    'tension'?)``: the location is placed before a trailing ``(did you mean ...)`` hint.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None) -> None:
        self.message = message
        self.text = text
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        if self.column is None:
            return self.message
        where = f" at column {self.column}"
        cut = self.message.find(_HINT)
        if cut < 0:
            return self.message + where
        return self.message[:cut] + where + self.message[cut:]


# --------------------------------------------------------------------------------------
# AST
# --------------------------------------------------------------------------------------
# ``column`` (1-based position of the node's first token, or of its operator for binary
# nodes) is excluded from equality so that trees compare structurally.


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric constant (``true``/``false`` parse to 1.0/0.0)."""

    value: float
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A reference to a dotted name such as ``approval.us``."""

    name: str
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """A unary operation: ``op`` is ``"-"`` or ``"not"``."""

    op: str
    operand: Node
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """A binary operation: arithmetic, comparison, ``and`` or ``or``."""

    op: str
    left: Node
    right: Node
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A call of one of the built-in :data:`FUNCTIONS`."""

    func: str
    args: tuple[Node, ...]
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class IfElse:
    """``if cond then then else orelse``."""

    cond: Node
    then: Node
    orelse: Node
    column: int = field(default=0, compare=False)


Node: TypeAlias = Number | Name | Unary | Binary | Call | IfElse
"""Any node of a parsed expression."""

FUNCTIONS: Mapping[str, tuple[int, int | None]] = {
    "min": (1, None),
    "max": (1, None),
    "clamp": (3, 3),
    "abs": (1, 1),
    "round": (1, 1),
    "floor": (1, 1),
    "ceil": (1, 1),
}
"""Built-in functions: name -> (minimum, maximum or ``None``) number of arguments."""

_ARITH_OPS = frozenset({"+", "-", "*", "/"})
_COMPARE_OPS = frozenset({"<", "<=", ">", ">=", "==", "!="})
_LOGIC_OPS = frozenset({"and", "or"})
_KEYWORDS = frozenset({"true", "false", "and", "or", "not", "if", "then", "else"})

# --------------------------------------------------------------------------------------
# Tokeniser
# --------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>(?:\d+\.?\d*|\.\d+))
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)
  | (?P<op><=|>=|==|!=|&&|\|\||[-+*/<>(),=!])
    """,
    re.VERBOSE,
)
_OP_HINTS = {"=": "==", "!": "not", "&&": "and", "||": "or"}
_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "num", "name", "kw", "op" or "eof"
    text: str
    column: int

    def describe(self) -> str:
        return "end of expression" if self.kind == "eof" else f"'{self.text}'"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    end = len(text)
    while pos < end:
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            raise ExprError(f"unexpected character {text[pos]!r}", text, pos + 1)
        kind = m.lastgroup
        tok = m.group()
        nxt = m.end()
        if kind in ("num", "name") and nxt < end and text[nxt] in _IDENT_CHARS:
            # e.g. "2x", "1.2.3", "approval." -- find the whole malformed word
            stop = nxt
            while stop < end and text[stop] in _IDENT_CHARS:
                stop += 1
            what = "number" if kind == "num" else "name"
            raise ExprError(f"malformed {what} '{text[pos:stop]}'", text, pos + 1)
        if kind == "op" and tok in _OP_HINTS:
            raise ExprError(f"unexpected '{tok}' (did you mean '{_OP_HINTS[tok]}'?)", text, pos + 1)
        if kind == "name" and tok in _KEYWORDS:
            kind = "kw"
        if kind != "ws":
            assert kind is not None
            tokens.append(_Token(kind, tok, pos + 1))
        pos = nxt
    tokens.append(_Token("eof", "", end + 1))
    return tokens


# --------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def advance(self) -> _Token:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def at(self, kind: str, text: str) -> bool:
        tok = self.tokens[self.i]
        return tok.kind == kind and tok.text == text

    def error(self, message: str, tok: _Token) -> ExprError:
        return ExprError(message, self.text, tok.column)

    def expect(self, kind: str, text: str) -> _Token:
        tok = self.peek()
        if tok.kind != kind or tok.text != text:
            raise self.error(f"expected '{text}' but found {tok.describe()}", tok)
        return self.advance()

    def parse(self) -> Node:
        if self.peek().kind == "eof":
            raise ExprError("empty expression", self.text, None)
        node = self.expr()
        tok = self.peek()
        if tok.kind != "eof":
            raise self.error(f"unexpected {tok.describe()}", tok)
        return node

    def expr(self) -> Node:
        if self.at("kw", "if"):
            tok = self.advance()
            cond = self.expr()
            self.expect("kw", "then")
            then = self.expr()
            self.expect("kw", "else")
            orelse = self.expr()
            return IfElse(cond, then, orelse, tok.column)
        return self.or_expr()

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.at("kw", "or"):
            tok = self.advance()
            node = Binary("or", node, self.and_expr(), tok.column)
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.at("kw", "and"):
            tok = self.advance()
            node = Binary("and", node, self.not_expr(), tok.column)
        return node

    def not_expr(self) -> Node:
        if self.at("kw", "not"):
            tok = self.advance()
            return Unary("not", self.not_expr(), tok.column)
        return self.comparison()

    def comparison(self) -> Node:
        node = self.additive()
        tok = self.peek()
        if tok.kind == "op" and tok.text in _COMPARE_OPS:
            self.advance()
            node = Binary(tok.text, node, self.additive(), tok.column)
            again = self.peek()
            if again.kind == "op" and again.text in _COMPARE_OPS:
                raise self.error(
                    f"comparisons cannot be chained: '{again.text}' after '{tok.text}' "
                    "(combine them with 'and')",
                    again,
                )
        return node

    def additive(self) -> Node:
        node = self.multiplicative()
        while (tok := self.peek()).kind == "op" and tok.text in ("+", "-"):
            self.advance()
            node = Binary(tok.text, node, self.multiplicative(), tok.column)
        return node

    def multiplicative(self) -> Node:
        node = self.unary()
        while (tok := self.peek()).kind == "op" and tok.text in ("*", "/"):
            self.advance()
            node = Binary(tok.text, node, self.unary(), tok.column)
        return node

    def unary(self) -> Node:
        if self.at("op", "-"):
            tok = self.advance()
            return Unary("-", self.unary(), tok.column)
        return self.primary()

    def primary(self) -> Node:
        tok = self.peek()
        if tok.kind == "num":
            self.advance()
            return Number(float(tok.text), tok.column)
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.advance()
            return Number(1.0 if tok.text == "true" else 0.0, tok.column)
        if tok.kind == "name":
            self.advance()
            if self.at("op", "("):
                return self.call(tok)
            return Name(tok.text, tok.column)
        if tok.kind == "op" and tok.text == "(":
            self.advance()
            node = self.expr()
            self.expect("op", ")")
            return node
        raise self.error(f"unexpected {tok.describe()}", tok)

    def call(self, name: _Token) -> Node:
        func = name.text
        if func not in FUNCTIONS:
            message = f"unknown function '{func}'"
            close = difflib.get_close_matches(func, list(FUNCTIONS), n=1)
            if close:
                message += f" (did you mean '{close[0]}'?)"
            raise self.error(message, name)
        self.expect("op", "(")
        args: list[Node] = []
        if not self.at("op", ")"):
            args.append(self.expr())
            while self.at("op", ","):
                self.advance()
                args.append(self.expr())
        self.expect("op", ")")
        _check_arity(func, len(args), self.text, name.column)
        return Call(func, tuple(args), name.column)


def _check_arity(func: str, n: int, text: str, column: int | None) -> None:
    lo, hi = FUNCTIONS[func]
    if n < lo or (hi is not None and n > hi):
        if hi is None:
            want = f"at least {lo} argument{'s' if lo != 1 else ''}"
        else:
            want = f"{lo} argument{'s' if lo != 1 else ''}"
        raise ExprError(f"{func}() expects {want}, got {n}", text, column)


def parse(text: str) -> Node:
    """Parse ``text`` into an expression tree.

    Raises :class:`ExprError` (with a 1-based ``column``) on syntax errors, unknown
    functions and wrong numbers of arguments.
    """
    return _Parser(text).parse()


def names(node: Node) -> list[str]:
    """Return the dotted names referenced by ``node``: unique, in order of first occurrence."""
    seen: dict[str, None] = {}
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Name):
            seen.setdefault(n.name, None)
        elif isinstance(n, Unary):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack.append(n.right)
            stack.append(n.left)
        elif isinstance(n, Call):
            stack.extend(reversed(n.args))
        elif isinstance(n, IfElse):
            stack.append(n.orelse)
            stack.append(n.then)
            stack.append(n.cond)
    return list(seen)


# --------------------------------------------------------------------------------------
# Runtime helpers (also used for constant folding, so folded and run-time results agree)
# --------------------------------------------------------------------------------------


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _round(x: float) -> float:
    try:
        return float(round(x))
    except (OverflowError, ValueError):  # inf, nan
        return x


def _floor(x: float) -> float:
    try:
        return float(math.floor(x))
    except (OverflowError, ValueError):
        return x


def _ceil(x: float) -> float:
    try:
        return float(math.ceil(x))
    except (OverflowError, ValueError):
        return x


def _abs(x: float) -> float:
    return abs(x)


def _clamp(x: float, lo: float, hi: float) -> float:
    # min(max(x, lo), hi): when lo > hi the result is hi.
    m = lo if lo > x else x
    return hi if hi < m else m


def _min(*xs: float) -> float:
    return min(xs)


def _max(*xs: float) -> float:
    return max(xs)


_FOLD: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
    "<": lambda a, b: 1.0 if a < b else 0.0,
    "<=": lambda a, b: 1.0 if a <= b else 0.0,
    ">": lambda a, b: 1.0 if a > b else 0.0,
    ">=": lambda a, b: 1.0 if a >= b else 0.0,
    "==": lambda a, b: 1.0 if a == b else 0.0,
    "!=": lambda a, b: 1.0 if a != b else 0.0,
}
_UNARY_FUNCS: dict[str, Callable[[float], float]] = {
    "abs": _abs,
    "round": _round,
    "floor": _floor,
    "ceil": _ceil,
}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}

# --------------------------------------------------------------------------------------
# Compiler
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Code:
    """A compiled sub-expression; ``const``/``key`` are set for constants/bare names."""

    fn: Compiled
    const: float | None = None
    key: str | None = None


def _constant_fn(value: float) -> Compiled:
    """A closure returning ``value``, marked so that :func:`constant_of` recognises it."""
    fn = lambda env: value  # noqa: E731
    setattr(fn, _CONST_MARK, value)
    return fn


_CONST_MARK = "_sixparty_constant"


def constant_of(fn: Compiled) -> float | None:
    """The value a compiled expression always returns, if it is a constant, else ``None``.

    Lets the engine add a constant effect without calling its closure (the result is the
    same float either way).
    """
    value = getattr(fn, _CONST_MARK, None)
    return value if isinstance(value, float) else None


def _const(value: float) -> _Code:
    return _Code(_constant_fn(value), const=value)


def _load(key: str) -> _Code:
    return _Code(lambda env: env.get(key, 0.0), key=key)


def _add(a: _Code, b: _Code) -> Compiled:
    if a.const is not None:
        a, b = b, a
    f, g, ka, kb, c = a.fn, b.fn, a.key, b.key, b.const
    if c is not None:
        if ka is not None:
            return lambda env: env.get(ka, 0.0) + c
        return lambda env: f(env) + c
    if ka is not None and kb is not None:
        return lambda env: env.get(ka, 0.0) + env.get(kb, 0.0)
    return lambda env: f(env) + g(env)


def _mul(a: _Code, b: _Code) -> Compiled:
    if a.const is not None:
        a, b = b, a
    f, g, ka, kb, c = a.fn, b.fn, a.key, b.key, b.const
    if c is not None:
        if ka is not None:
            return lambda env: env.get(ka, 0.0) * c
        return lambda env: f(env) * c
    if ka is not None and kb is not None:
        return lambda env: env.get(ka, 0.0) * env.get(kb, 0.0)
    return lambda env: f(env) * g(env)


def _sub(a: _Code, b: _Code) -> Compiled:
    f, g, ka, kb, ca, cb = a.fn, b.fn, a.key, b.key, a.const, b.const
    if cb is not None:
        if ka is not None:
            return lambda env: env.get(ka, 0.0) - cb
        return lambda env: f(env) - cb
    if ca is not None:
        if kb is not None:
            return lambda env: ca - env.get(kb, 0.0)
        return lambda env: ca - g(env)
    if ka is not None and kb is not None:
        return lambda env: env.get(ka, 0.0) - env.get(kb, 0.0)
    return lambda env: f(env) - g(env)


def _truediv(a: _Code, b: _Code) -> Compiled:
    f, g, ka, kb, ca, cb = a.fn, b.fn, a.key, b.key, a.const, b.const
    if cb is not None:  # cb != 0 here: x / 0 is folded by the caller
        if ka is not None:
            return lambda env: env.get(ka, 0.0) / cb
        return lambda env: f(env) / cb
    if ca is not None:
        if kb is not None:
            return lambda env: ca / d if (d := env.get(kb, 0.0)) else 0.0
        return lambda env: ca / d if (d := g(env)) else 0.0
    if ka is not None and kb is not None:
        return lambda env: env.get(ka, 0.0) / d if (d := env.get(kb, 0.0)) else 0.0
    return lambda env: f(env) / d if (d := g(env)) else 0.0


def _compare(op: str, a: _Code, b: _Code) -> Compiled:
    if a.const is not None:  # put the constant on the right: 5 < x  ->  x > 5
        a, b, op = b, a, _FLIP[op]
    f, g, ka, kb, c = a.fn, b.fn, a.key, b.key, b.const
    if c is not None:
        if ka is not None:
            if op == "<":
                return lambda env: 1.0 if env.get(ka, 0.0) < c else 0.0
            if op == "<=":
                return lambda env: 1.0 if env.get(ka, 0.0) <= c else 0.0
            if op == ">":
                return lambda env: 1.0 if env.get(ka, 0.0) > c else 0.0
            if op == ">=":
                return lambda env: 1.0 if env.get(ka, 0.0) >= c else 0.0
            if op == "==":
                return lambda env: 1.0 if env.get(ka, 0.0) == c else 0.0
            return lambda env: 1.0 if env.get(ka, 0.0) != c else 0.0
        if op == "<":
            return lambda env: 1.0 if f(env) < c else 0.0
        if op == "<=":
            return lambda env: 1.0 if f(env) <= c else 0.0
        if op == ">":
            return lambda env: 1.0 if f(env) > c else 0.0
        if op == ">=":
            return lambda env: 1.0 if f(env) >= c else 0.0
        if op == "==":
            return lambda env: 1.0 if f(env) == c else 0.0
        return lambda env: 1.0 if f(env) != c else 0.0
    if ka is not None and kb is not None:
        if op == "<":
            return lambda env: 1.0 if env.get(ka, 0.0) < env.get(kb, 0.0) else 0.0
        if op == "<=":
            return lambda env: 1.0 if env.get(ka, 0.0) <= env.get(kb, 0.0) else 0.0
        if op == ">":
            return lambda env: 1.0 if env.get(ka, 0.0) > env.get(kb, 0.0) else 0.0
        if op == ">=":
            return lambda env: 1.0 if env.get(ka, 0.0) >= env.get(kb, 0.0) else 0.0
        if op == "==":
            return lambda env: 1.0 if env.get(ka, 0.0) == env.get(kb, 0.0) else 0.0
        return lambda env: 1.0 if env.get(ka, 0.0) != env.get(kb, 0.0) else 0.0
    if op == "<":
        return lambda env: 1.0 if f(env) < g(env) else 0.0
    if op == "<=":
        return lambda env: 1.0 if f(env) <= g(env) else 0.0
    if op == ">":
        return lambda env: 1.0 if f(env) > g(env) else 0.0
    if op == ">=":
        return lambda env: 1.0 if f(env) >= g(env) else 0.0
    if op == "==":
        return lambda env: 1.0 if f(env) == g(env) else 0.0
    return lambda env: 1.0 if f(env) != g(env) else 0.0


def _truth(a: _Code) -> _Code:
    """``a`` converted to 1.0/0.0."""
    if a.const is not None:
        return _const(1.0 if a.const else 0.0)
    f = a.fn
    return _Code(lambda env: 1.0 if f(env) else 0.0)


def _compile_binary(node: Binary, a: _Code, b: _Code, text: str) -> _Code:
    op = node.op
    if op in _LOGIC_OPS:
        # Short-circuit folding is safe: evaluation has no side effects.
        if op == "and":
            if a.const is not None:
                return _truth(b) if a.const else _const(0.0)
            if b.const is not None:
                return _truth(a) if b.const else _const(0.0)
            f, g = a.fn, b.fn
            return _Code(lambda env: 1.0 if f(env) and g(env) else 0.0)
        if a.const is not None:
            return _const(1.0) if a.const else _truth(b)
        if b.const is not None:
            return _const(1.0) if b.const else _truth(a)
        f, g = a.fn, b.fn
        return _Code(lambda env: 1.0 if f(env) or g(env) else 0.0)
    fold = _FOLD.get(op)
    if fold is None:
        raise ExprError(f"unknown operator '{op}'", text, node.column or None)
    if a.const is not None and b.const is not None:
        return _const(fold(a.const, b.const))
    if op == "+":
        return _Code(_add(a, b))
    if op == "-":
        return _Code(_sub(a, b))
    if op == "*":
        return _Code(_mul(a, b))
    if op == "/":
        if b.const == 0.0:
            return _const(0.0)
        return _Code(_truediv(a, b))
    return _Code(_compare(op, a, b))


def _compile_minmax(is_min: bool, args: list[_Code]) -> _Code:
    reduce = min if is_min else max
    consts = [a.const for a in args if a.const is not None]
    rest = [a.fn for a in args if a.const is None]
    if not rest:
        return _const(reduce(consts))
    if consts:
        c = reduce(consts)
        if len(rest) == 1:
            f = rest[0]
            if is_min:
                return _Code(lambda env: c if c < (x := f(env)) else x)
            return _Code(lambda env: c if c > (x := f(env)) else x)
        rest.append(lambda env: c)
    if len(rest) == 1:
        return next(a for a in args if a.const is None)
    if len(rest) == 2:
        f, g = rest
        if is_min:
            return _Code(lambda env: y if (y := g(env)) < (x := f(env)) else x)
        return _Code(lambda env: y if (y := g(env)) > (x := f(env)) else x)
    fns = tuple(rest)
    if is_min:
        return _Code(lambda env: min([h(env) for h in fns]))
    return _Code(lambda env: max([h(env) for h in fns]))


def _compile_call(node: Call, args: list[_Code], text: str) -> _Code:
    func = node.func
    if func not in FUNCTIONS:
        raise ExprError(f"unknown function '{func}'", text, node.column or None)
    _check_arity(func, len(args), text, node.column or None)
    if func in ("min", "max"):
        return _compile_minmax(func == "min", args)
    if func == "clamp":
        x, lo, hi = args
        if x.const is not None and lo.const is not None and hi.const is not None:
            return _const(_clamp(x.const, lo.const, hi.const))
        f, g, h = x.fn, lo.fn, hi.fn
        clo, chi = lo.const, hi.const
        if clo is not None and chi is not None:
            return _Code(lambda env: chi if chi < (m := clo if clo > (v := f(env)) else v) else m)
        return _Code(lambda env: _clamp(f(env), g(env), h(env)))
    fn1 = _UNARY_FUNCS[func]
    (arg,) = args
    if arg.const is not None:
        return _const(fn1(arg.const))
    f, k = arg.fn, arg.key
    if k is not None:
        return _Code(lambda env: fn1(env.get(k, 0.0)))
    return _Code(lambda env: fn1(f(env)))


def _compile(node: Node, resolve: Callable[[str], str], text: str) -> _Code:
    if isinstance(node, Number):
        return _const(float(node.value))
    if isinstance(node, Name):
        try:
            key = resolve(node.name)
        except (KeyError, ValueError) as exc:
            msg = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            raise ExprError(
                msg or f"unknown name '{node.name}'", text, node.column or None
            ) from exc
        return _load(key)
    if isinstance(node, Unary):
        a = _compile(node.operand, resolve, text)
        if node.op == "-":
            if a.const is not None:
                return _const(-a.const)
            f, k = a.fn, a.key
            if k is not None:
                return _Code(lambda env: -env.get(k, 0.0))
            return _Code(lambda env: -f(env))
        if node.op == "not":
            if a.const is not None:
                return _const(0.0 if a.const else 1.0)
            f = a.fn
            return _Code(lambda env: 0.0 if f(env) else 1.0)
        raise ExprError(f"unknown operator '{node.op}'", text, node.column or None)
    if isinstance(node, Binary):
        left = _compile(node.left, resolve, text)
        right = _compile(node.right, resolve, text)
        return _compile_binary(node, left, right, text)
    if isinstance(node, Call):
        return _compile_call(node, [_compile(a, resolve, text) for a in node.args], text)
    # IfElse: compile every branch first so that unknown names are reported even in
    # branches that constant folding throws away.
    cond = _compile(node.cond, resolve, text)
    then = _compile(node.then, resolve, text)
    orelse = _compile(node.orelse, resolve, text)
    if cond.const is not None:
        return then if cond.const else orelse
    c, t, e = cond.fn, then.fn, orelse.fn
    ct, ce = then.const, orelse.const
    if ct is not None and ce is not None:
        return _Code(lambda env: ct if c(env) else ce)
    if ct is not None:
        return _Code(lambda env: ct if c(env) else e(env))
    if ce is not None:
        return _Code(lambda env: t(env) if c(env) else ce)
    return _Code(lambda env: t(env) if c(env) else e(env))


def compile_expr(node: Node, resolve: Callable[[str], str], *, text: str = "") -> Compiled:
    """Compile a parsed expression into a closure ``env -> float``.

    ``resolve`` maps each dotted name to its key in the environment (for instance
    ``'approval.self'`` to ``'approval.us'``); if it raises ``KeyError`` or ``ValueError``
    its message becomes an :class:`ExprError` located at the name.  ``text`` is the source
    text, only used in error reports.  Constant sub-expressions are folded; names are read
    with ``env.get(key, 0.0)`` at evaluation time, so missing keys count as 0.0.
    """
    return _compile(node, resolve, text).fn


def compile_text(text: str, resolve: Callable[[str], str]) -> Compiled:
    """Parse and compile ``text``; see :func:`parse` and :func:`compile_expr`."""
    return compile_expr(parse(text), resolve, text=text)


def compile_value(value: str | int | float | bool, resolve: Callable[[str], str]) -> Compiled:
    """Compile a scenario field that may be a number, a boolean or an expression string.

    Numbers and booleans (``True`` -> 1.0, ``False`` -> 0.0) give a constant closure;
    strings are compiled with :func:`compile_text`.
    """
    if isinstance(value, str):
        return compile_text(value, resolve)
    if isinstance(value, bool):
        constant = 1.0 if value else 0.0
    elif isinstance(value, int | float):
        constant = float(value)
    else:
        raise ExprError(f"expected a number, a boolean or an expression, got {value!r}")
    return _constant_fn(constant)


def _identity(name: str) -> str:
    return name


def constant_value(node: Node) -> float | None:
    """Return the value of ``node`` if it does not depend on any name, else ``None``.

    Uses the same folding as :func:`compile_expr`, so ``if 1 then 2 else x`` is 2.0 and
    ``0 and x`` is 0.0.
    """
    return _compile(node, _identity, "").const
