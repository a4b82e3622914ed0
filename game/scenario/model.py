"""Pydantic models of the scenario file format (``scenarios/*.yaml``).

These models are the edge: they validate what an author wrote and are compiled
once into plain Python rules (:mod:`game.scenario.compile`) for the engine's hot
path. Fields that hold an *expression* accept a number, a boolean or a string in
the expression language of :mod:`game.scenario.expr`.

Inside effects, ``self`` names the actor the effect belongs to (the chooser of a
lever option, the sender of a signal, a party to a deal) and ``target`` the other
side (a signal's addressee, the partner in a summit or talks). ``*`` in a target
path means every actor other than ``self``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Expr = Annotated[
    str | float | int | bool,
    Field(
        description="A number, or an expression such as 'tension - 5' or 'if moratorium then 1 else 0'."
    ),
]
Effects = Annotated[
    dict[str, Expr],
    Field(
        description=(
            "Variable path -> change added to it, e.g. {tension: 5, approval.self: -2, "
            "trust.*.self: -3}. Values are expressions."
        )
    ),
]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="a lower-case identifier")]


class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Briefing(Strict):
    """What a team reads before the first month."""

    public: str = Field(
        description="Known to everyone: who this country is and what it says it wants."
    )
    secret: str = Field(description="Only this team reads it: its real aims and red lines.")


class Actor(Strict):
    """A country at the table."""

    id: Ident
    name: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Hex colour, e.g. '#3366cc'.")
    capital: str = ""
    p5: bool = Field(
        False, description="Permanent member of the UN Security Council (holds a veto)."
    )
    intelligence: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Quality of intelligence, 0..1: narrows estimates, finds covert acts.",
    )
    briefing: Briefing


class Variable(Strict):
    """A bounded number the rules track.

    ``scope``: ``global`` (one value, optionally owned by ``owner``), ``actor`` (one per
    actor, each owned by it: ``approval.us``) or ``pair`` (one per ordered pair, owned by
    the first: ``trust.us.dprk`` is the US's trust in the DPRK).
    """

    id: Ident
    name: str
    explain: str = ""
    scope: Literal["global", "actor", "pair"] = "global"
    owner: str | None = Field(None, description="For a global variable: the actor who owns it.")
    min: float = 0
    max: float = 100
    initial: float | dict[str, float] = Field(
        description="A number, or per actor / per pair ('us.dprk') with an optional 'default'."
    )
    visibility: Literal["public", "private", "estimated"] = "public"
    noise: float = Field(
        0,
        ge=0,
        description="Estimated variables: half-width of the range an observer with no intelligence sees.",
    )
    display: dict[float, str] = Field(
        {},
        description="How players read a value: words for values, e.g. {0: lapsed, 1: in force}; "
        "a value shows as the words of the largest key at or below it, so {0: low, 40: high} "
        "names bands. Without it the number is shown.",
    )
    hidden: bool = Field(
        False,
        description="Bookkeeping: never shown to players on screen (bots, rules and the "
        "facilitator still see it).",
    )


class Option(Strict):
    """One choice of a lever."""

    id: Ident
    name: str
    explain: str = Field(
        description="One plain sentence: what it does and what it risks (a tooltip)."
    )
    level: float | None = Field(
        None,
        description="A number for comparisons (level.ACTOR.LEVER); defaults to the option's index.",
    )
    effects: Effects = {}
    costs: Effects = Field(
        {}, description="Like effects, shown to players as the price of the option."
    )
    covert: bool = Field(False, description="Others learn of it only by detection.")
    detection: float = Field(
        0, ge=0, le=1, description="Covert: chance per observer per month, times its intelligence."
    )
    exposed: Effects = Field(
        {}, description="Covert: applied once in a month where anyone detects it."
    )
    tags: list[Ident] = Field(
        [], description="Labels deals can refer to (deal.TAG), e.g. freeze, relief."
    )


class Lever(Strict):
    """A policy an actor sets in secret each month."""

    id: Ident
    name: str
    explain: str = ""
    holders: list[str]
    options: list[Option] = Field(min_length=1)
    default: str | dict[str, str] = Field(
        description="Starting option, for all holders or per holder."
    )


class SanctionLevel(Strict):
    """A named enforcement level (0 ignore ... 3 maximum); the index is the level."""

    id: Ident
    name: str
    explain: str


class Sector(Strict):
    """A sanctioned sector of the target's trade."""

    id: Ident
    name: str
    explain: str = ""
    weight: float = Field(
        ge=0, description="Share of the target's external revenue in this sector."
    )
    trade_share: dict[str, float] = Field(
        description="Share of the sector's trade through each enforcer; 'rest' for the rest of the world."
    )
    start: dict[str, int] = Field({}, description="Starting enforcement level per enforcer.")
    un_level: int = Field(2, description="Level the UN resolutions require at the start.")
    enforcers: list[str] = Field(
        [],
        description=(
            "The enforcers who hold this sector's sanctions lever (default: every enforcer); "
            "each must have a trade share in it."
        ),
    )


class Sanctions(Strict):
    """Sanctions enforcement: per enforcer and sector, weighted by trade share."""

    target: str
    enforcers: list[str]
    levels: list[SanctionLevel] = Field(min_length=2)
    sectors: list[Sector] = Field(min_length=1)
    detection: float = Field(
        0.35, ge=0, le=1, description="Chance to detect enforcement below the UN level."
    )
    exposed: Effects = Field({}, description="Applied to an enforcer caught below the UN level.")


class Signal(Strict):
    """A public act on the escalation ladder."""

    id: Ident
    name: str
    explain: str
    actors: list[str]
    rung: int = Field(0, ge=0, description="Position on the ladder (0 = statement).")
    escalation: float = Field(0, description="Added to tension.")
    addressee: bool = Field(False, description="The sender names a target actor.")
    breaks_moratorium: bool = False
    effects: Effects = {}


class Moratorium(Strict):
    """A self-imposed testing moratorium that some signals break."""

    variable: str
    holder: str
    news: str
    on_break: Effects = {}


class Rung(Strict):
    """A named band of the tension track."""

    id: Ident
    name: str
    start: float = Field(description="Tension at which this rung begins.")


class War(Strict):
    """Accidental war at the brink."""

    threshold: float = Field(description="Tension at or above which war can break out.")
    chance: Expr = Field(description="Chance per month once over the threshold (0..1).")
    news: str


class Tension(Strict):
    """The escalation track."""

    variable: str = "tension"
    rungs: list[Rung] = Field(min_length=1)
    drift: Expr = Field(-3, description="Change in a quiet month (no escalating signal).")
    floor: Expr = Field(
        0,
        description=(
            "A ratchet: drift never takes tension below this (an expression, e.g. "
            "'if moratorium < 1 and deal.moratorium == 0 then 30 else 0'); effects still can."
        ),
    )
    war: War


class DealRules(Strict):
    """What deals do: the engine does not force compliance, it checks it."""

    made: Effects = Field({}, description="Applied to each party (self) when an agreement is made.")
    kept: Effects = Field(
        {}, description="Applied each month to each party that kept its commitments."
    )
    breach: Effects = Field({}, description="Applied to the breaker (self) of an observed breach.")
    breach_news: str = "{actor} broke its commitment under '{deal}'."


class SummitRules(Strict):
    """Leader summits."""

    effects: Effects = Field({}, description="Applied to each leader (self; target = the other).")
    no_deal: Effects = Field(
        {}, description="Applied to each leader when a summit ends without a deal."
    )


class TalksRules(Strict):
    """Working-level talks: either side can stand the other up."""

    held: Effects = {}
    stood_up: Effects = Field(
        {}, description="Applied to the one who stayed away (self; target = the partner)."
    )


class Negotiation(Strict):
    """Negotiation settings."""

    rounds: int = Field(2, ge=0, description="Negotiation rounds per month in headless play.")
    max_message_chars: int = 2000
    proposal_months: int = Field(
        1, ge=1, description="Open proposals expire after this many months."
    )
    max_deal_months: int = 12
    deals: DealRules = DealRules()
    summits: SummitRules = SummitRules()
    talks: TalksRules = TalksRules()


class UNSC(Strict):
    """UN Security Council drafts that tighten or relax sanctions; any P5 veto kills a draft."""

    passed: Effects = Field({}, description="Applied to the drafter when its draft passes.")
    vetoed: Effects = Field(
        {}, description="Applied to each vetoing member (self; target = drafter)."
    )


class Dynamic(Strict):
    """A monthly rule applied at every resolution."""

    name: str
    when: Expr = True
    effects: Effects


class Outcome(Strict):
    """What happens: news and effects."""

    news: str
    effects: Effects = {}
    set: Effects = Field({}, description="Variables set to a value (not added).")


class NewsLine(Strict):
    """A sentence of an event's news that is printed only when its condition holds."""

    when: Expr = Field(description="Read when the event fires (after the month's signals).")
    news: str


class Event(Strict):
    """A scripted (by month or condition) or random event."""

    id: Ident
    name: str
    month: int | None = Field(None, ge=1, description="Turn (1 = first month) it fires in.")
    when: Expr = True
    chance: Expr = 1
    once: bool = True
    news: str
    effects: Effects = {}
    set: Effects = Field(
        {},
        description="Variables set to a value (assigned, not added), e.g. {moratorium: 0}.",
    )
    intel_for: list[str] = Field(
        [], description="If given, the news is private intelligence for these actors."
    )
    news_if: list[NewsLine] = Field(
        [],
        description=(
            "Sentences added to the news only when their condition holds, so the news says "
            "what happened, e.g. [{when: 'signal.dprk.srbm_test >= 1', news: Pyongyang fires "
            "missiles.}]"
        ),
    )
    summit: list[str] = Field(
        [],
        description=(
            "Actors whose leaders meet when it fires: a summit (summits.ACTOR, summit effects) "
            "like one agreed in negotiation, e.g. [us, dprk] for Panmunjom."
        ),
    )


class Trigger(Strict):
    """What sets a reaction off this month (any one of these, by any actor in ``by``)."""

    rung: int | None = Field(
        None, ge=0, description="A signal at or above this rung of the escalation ladder."
    )
    signals: list[str] = Field([], description="Any of these signals.")
    breach: bool = Field(False, description="A breach of an agreement, seen by the parties.")
    veto: bool = Field(False, description="A veto at the Security Council.")
    lever: str | None = Field(None, description="This lever moved (to one of 'options').")
    options: list[str] = Field([], description="With lever: only moves to these options.")
    by: list[str] = Field([], description="Only these actors' acts (default: anyone's).")


class DraftTabled(Strict):
    """A Security Council draft a reaction tables (voted on next month)."""

    drafter: str = Field(description="A P5 actor, or 'self' (the actor who set it off).")
    sector: str
    direction: Literal["tighten", "relax"]


class Reaction(Strict):
    """A rule that fires on what an actor did this month, with its own memory.

    In its condition, effects and sets ``self`` is the actor whose act set it off and
    ``target`` the one the act was aimed at (a signal's addressee, the drafter of a vetoed
    draft, the first other party of a broken deal); a reaction that names ``target`` is
    set off only by acts aimed at someone. Effects may change any variable, trust and the
    UN-required enforcement levels (``un.SECTOR``) included.
    """

    id: Ident
    name: str
    trigger: Trigger
    times: Literal["every", "first", "repeat"] = Field(
        "every",
        description="Fire every time, only the first time, or only from the second time on.",
    )
    within: int | None = Field(
        None,
        ge=1,
        description="Fire only if it was also set off in the last N months before this one.",
    )
    when: Expr = Field(True, description="A further condition, read after the act.")
    news: str
    effects: Effects = {}
    set: Effects = Field(
        {},
        description="Variables set to a value (assigned, not added), e.g. {moratorium: 0}.",
    )
    levers: dict[str, dict[str, str]] = Field(
        {},
        description=(
            "Policies moved: actor ('self' allowed) -> lever -> option; the actor plays it "
            "from next month unless its orders say otherwise."
        ),
    )
    unsc_draft: DraftTabled | None = None


class Deadline(Strict):
    """A first-class deadline with a condition and consequences."""

    id: Ident
    name: str
    month: int = Field(ge=1, description="Turn at whose resolution it is judged.")
    date: str = ""
    explain: str
    condition: Expr = Field(description="True if the deadline is met.")
    met: Outcome
    missed: Outcome


class Objective(Strict):
    """A weighted goal scored over the final state and what happened."""

    id: Ident
    name: str
    explain: str
    weight: float = Field(1, gt=0)
    score: Expr = Field(description="0..1 (clamped), e.g. 'clamp(economy / 100, 0, 1)'.")


class Scoring(Strict):
    """Scoring settings."""

    war_cap: float = Field(10, description="Every score is capped at this after a war.")
    secret_dealt: int = Field(1, ge=0, description="Secret objectives dealt per actor per game.")
    par: dict[str, float] = Field(
        {},
        description=(
            "Each role's par: the raw score (0..100) the real actors reached, or one the "
            "balance tool measured ('sixparty scenario par SCENARIO --write'). Scores are "
            "also reported on a scale where par is 50."
        ),
    )


Band = Annotated[
    tuple[float, float], Field(description="[lowest, highest] allowed, both included.")
]


class BalanceTargets(Strict):
    """What ``sixparty scenario balance`` judges the scenario against (every field has a
    default; write only the ones this scenario needs otherwise)."""

    par_scale: Band = Field(
        (40, 60), description="Each role's mean score on the par scale (needs scoring.par)."
    )
    max_gap: float = Field(
        25, description="Without a par: largest gap between two roles' mean raw scores."
    )
    win_rate: Band = Field(
        (0.10, 0.70), description="Share of games each role tops (par scale if there is a par)."
    )
    war_rate: dict[str, Band] = Field(
        {"random": (0.05, 0.20), "planner": (0.0, 0.05)},
        description="Share of games ending in war, by bot (when one bot plays every seat).",
    )
    war_rate_other: Band = Field(
        (0.0, 0.25), description="Share of games ending in war for other bots and mixes."
    )
    deadline_met: Band = Field((0.20, 0.80), description="Share of games meeting each deadline.")
    dominant_margin: float = Field(
        10,
        ge=0,
        description=(
            "A role that gains this many points by keeping one lever at one option all game "
            "has a dominant single-lever policy."
        ),
    )
    ignore: list[str] = Field(
        [],
        description=(
            "Checks not to judge: role-spread, win-rate, war-rate, deadline-rate, "
            "lever-never-used, variable-never-moves, objective-never-moves, dominant-policy."
        ),
    )


class HistoricalTurn(Strict):
    """What an actor actually did in one month."""

    levers: dict[str, str] = {}
    signals: list[str] = []
    unsc_drafts: list[str] = Field(
        [],
        description="Security Council drafts the actor tabled that month, as 'SECTOR:relax' or "
        "'SECTOR:tighten' (P5 only).",
    )
    unsc_votes: dict[str, Literal["yes", "no", "abstain"]] = Field(
        {},
        description="How the actor voted that month on others' drafts, by direction: "
        "{relax: 'no'} vetoes every relaxing draft (P5 only).",
    )
    note: str = ""


class HistoryNote(Strict):
    """What really happened in a month, for debriefs."""

    month: int = Field(ge=1)
    text: str


class Scenario(Strict):
    """A whole scenario file."""

    schema_: str | None = Field(None, alias="$schema")
    extends: str | None = Field(
        None,
        description=(
            "Inherit from another scenario (a name in scenarios/ or a path relative to this "
            "file) and override it: lists of items merge by id, an item with 'remove: true' "
            "is deleted, mappings merge, scalars and other lists replace."
        ),
    )
    replace: list[str] = Field(
        [],
        description="With extends: dotted fields (e.g. 'events') taken whole from this file, not merged.",
    )
    id: Ident
    name: str
    summary: str
    months: list[str] = Field(min_length=1, description="Label of each turn, e.g. 'April 2019'.")
    actors: list[Actor] = Field(min_length=2)
    variables: list[Variable]
    levers: list[Lever] = []
    sanctions: Sanctions | None = None
    signals: list[Signal] = []
    max_signals: int = Field(1, ge=0, description="Signals an actor may send per month.")
    moratorium: Moratorium | None = None
    tension: Tension
    negotiation: Negotiation = Negotiation()
    unsc: UNSC | None = None
    dynamics: list[Dynamic] = []
    events: list[Event] = []
    injects: list[Event] = Field([], description="Events a facilitator can send during play.")
    reactions: list[Reaction] = Field(
        [], description="Rules that fire on what actors do: tests, breaches, vetoes, moves."
    )
    deadlines: list[Deadline] = []
    objectives: dict[str, list[Objective]]
    secret_objectives: dict[str, list[Objective]] = {}
    scoring: Scoring = Scoring()
    historical: dict[str, dict[int, HistoricalTurn]] = {}
    history: list[HistoryNote] = []
    balance: BalanceTargets = Field(
        BalanceTargets(),
        description="Targets for 'sixparty scenario balance' (defaults for every field).",
    )
