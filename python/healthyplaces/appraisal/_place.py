"""For a place: what the library already knows about an area, turned into a proposed short list, criteria
performances, an economic appraisal and a staged-or-single-step decision, and the paper's question answered in
words with its uncertainty.

Every number here that is not read from the library's data is an ILLUSTRATIVE ASSUMPTION, named in
``PlaceFacts.sources`` and in the summary, and every one can be overridden: this module proposes a starting point
for a finance lead's own appraisal (the Green Book's long list and economic case), it does not know the place's
costs. The computations are the C++ core's (long list, shortlist, SMAA-2, the economic appraisal on common random
numbers, switching values, EVPPI, the staged decision); this module only chooses their inputs.

The proposal rules, each from the green paper (NLGN, *Healthy Places*, 2008):

* **Financial management** rises with pooled budgets, joint leadership and joint governance; by up to 30% more where
  the council is the stronger partner (a complementary blend: "the ability of the local authority to pull up the
  performance of the PCT"; +0% at a gap of 0.15 in governance scores, +30% at 0.5 or more), 10% less where the NHS
  body is, unchanged for compatible partners ("shared strengths") or when the scores are unknown.
* **Commissioning** rises with pooled budgets, joint staff and leadership, more in an older place (the share over 80
  after its growth, against England's 5.1% grown by the default 25%: ×0.6 to ×1.4; Torbay's and Swindon's motive).
* **Communications and coordination** rise with joint staff, governance and leadership, scaled by coterminosity.
* **Governance and finance issues** rise with a new legal body, pooled or single budgets and a single governing
  body, more where the NHS body carries a deficit (Herefordshire ruled out a public service trust on these).
* **Restructuring disruption** rises with the integration level (0 to 15), more for a new legal body.
* **Democratic accountability lost** is high for a care trust (council social care run by an NHS board) and low
  where councillors stay in charge (section 75 agreements, a councillor-majority board, a public service trust).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import Result, Summary, field_table, fmt_money, fmt_percent
from ..finance import Uncertain, one_off_cost, prevention, running_cost, saving
from ._economic import EconomicAppraisalResult, Option, appraise
from ._mcda import SMAAResult, green_paper_criteria, smaa
from ._options import LongListResult, ShortListResult, long_list, optimism_bias, shortlist
from ._staging import PilotDesign, StagedDecision, single_step_or_staged

if TYPE_CHECKING:
    import matplotlib.figure

__all__ = ["PlaceAppraisal", "PlaceFacts", "for_place", "place_facts"]

#: Spend a year per resident that a council and its NHS body could pool (adult social care, community health,
#: continuing care): an ILLUSTRATIVE order of magnitude, not a published figure.
SPEND_PER_RESIDENT = 600.0
#: The growth of the population over 80 over the appraisal's ten years when none is given: an ASSUMPTION.
OVER_80_GROWTH = 0.25
#: England's share aged 80 or over (about 5.1%, ONS mid-2020s): the reference an older place is compared with.
ENGLAND_OVER_80 = 0.051
#: The cost of an emergency bed day, £ (illustrative 2020s price).
BED_DAY_COST = 350.0
#: The prior of the effect of integrated care for the over-80s, emergency bed days saved per person a year
#: (mean, sd): illustrative, from the range other areas' evaluations report.
BED_DAYS_PRIOR = (0.1, 0.4)
#: A place's population when the library has none: an ASSUMPTION.
DEFAULT_POPULATION = 250_000.0
_DIMENSIONS = ("budgets", "staff", "leadership", "governance", "legal_basis")


@dataclass
class PlaceFacts:
    """What the library knows about a place that bears on which arrangement fits it, and where each fact came from.

    Parameters
    ----------
    area : str
        The place.
    council, nhs_body : str
        The two organisations (from the score table), or "".
    council_score, nhs_score : float
        Their corporate governance totals as a share of the maximum (NaN when the place is not in the scores).
    blend : str
        "complementary (council stronger)", "complementary (NHS body stronger)", "compatible" or "unknown": the
        green paper's synthesis ("compatible or complementary blends?"): partners within 0.15 of each other are
        compatible.
    coterminosity : float
        The share of the population the two bodies serve in common (1: coterminous).
    current : hp.Arrangement
        How far they have integrated (business as usual).
    population : float
        Residents.
    over_80_share, over_80_growth : float
        The share aged 80 or over, and its growth over the appraisal's horizon (0.25 = +25%).
    pooled_spend : float
        Spend a year that could be pooled, £.
    nhs_deficit : float
        The NHS body's recurrent deficit, £ a year.
    sources : dict
        Each fact's source: a dataset, the user, or "assumption".

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.appraisal.place_facts("Torbay")
    >>> f.sources["current"], f.blend
    ('case studies (NLGN 2008)', 'unknown')
    """

    area: str
    council: str
    nhs_body: str
    council_score: float
    nhs_score: float
    blend: str
    coterminosity: float
    current: Any
    population: float
    over_80_share: float
    over_80_growth: float
    pooled_spend: float
    nhs_deficit: float
    sources: dict[str, str] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per fact: ``fact``, ``value``, ``source``.

        Returns
        -------
        pandas.DataFrame
        """
        rows = [("council", self.council), ("NHS body", self.nhs_body),
                ("council's governance score", self.council_score), ("NHS body's governance score", self.nhs_score),
                ("blend", self.blend), ("coterminosity", self.coterminosity),
                ("current arrangement", _in_words(self.current)), ("population", self.population),
                ("share over 80", self.over_80_share), ("growth over 80", self.over_80_growth),
                ("pooled spend a year", self.pooled_spend), ("NHS deficit a year", self.nhs_deficit)]
        keys = ["council", "nhs_body", "council_score", "nhs_score", "blend", "coterminosity", "current",
                "population", "over_80_share", "over_80_growth", "pooled_spend", "nhs_deficit"]
        return pd.DataFrame({"fact": [r[0] for r in rows], "value": [r[1] for r in rows],
                             "source": [self.sources.get(k, "") for k in keys]})


def _in_words(a: Any) -> str:
    """An arrangement's five dimensions in words, as the long list describes its options."""
    return long_list(a).options[0].description or "separate organisations"


def _number(value: Any, name: str, low: float = 0.0, high: float = math.inf) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise _core.DomainError(f"for_place: {name} must be a number, got {value!r}") from None
    if not (math.isfinite(v) and low <= v <= high):
        raise _core.DomainError(f"for_place: {name} must be a finite number in [{low:g}, {high:g}], got {value!r}")
    return v


def place_facts(area: str, scores: Any = None, current: Any = None, population: float | None = None,
                over_80_share: float | None = None, over_80_growth: float | None = None,
                pooled_spend: float | None = None, nhs_deficit: float | None = None) -> PlaceFacts:
    """Gather what the library knows about ``area``: its council's and NHS body's governance scores (the green
    paper's table, or ``scores``), their blend and coterminosity, its current arrangement (the case studies), its
    population and share over 80, and the money; anything unknown is an assumption, said so in ``sources``.

    Parameters
    ----------
    area : str
        The place, as the score table or the case studies name it (e.g. "Bexley", "Torbay").
    scores : ScoreTable, path or DataFrame, optional
        Scores to read the place from (default: the green paper's, ``hp.datasets.nlgn2008_table()``).
    current : hp.Arrangement or str, optional
        The current arrangement (a preset key or an Arrangement); default the case study's, else separate.
    population, over_80_share, over_80_growth, pooled_spend, nhs_deficit : float, optional
        Override the library's figures or assumptions.

    Returns
    -------
    PlaceFacts

    Raises
    ------
    DomainError
        A figure that is not a number in its range, or an unknown preset.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.appraisal.place_facts("Bexley")
    >>> f.blend, f.council_score, f.nhs_score
    ('complementary (council stronger)', 0.8, 0.3)
    """
    from .. import analysis, datasets
    from ..integration import Arrangement, preset

    sources: dict[str, str] = {}
    table = datasets.nlgn2008_table() if scores is None else scores
    gaps = analysis.competency_gaps(table).to_frame()
    row = gaps[gaps["area"] == area]
    council = nhs = ""
    cs = ns = float("nan")
    cot = 1.0
    if len(row):
        r = row.iloc[0]
        council, nhs = str(r["council"]), str(r["nhs_body"])
        cs, ns = float(r["council_total"]) / float(r["council_max"]), float(r["nhs_total"]) / float(r["nhs_max"])
        cot = float(r["coterminosity"]) if pd.notna(r["coterminosity"]) else 1.0
        src = "green paper scores (NLGN 2008)" if scores is None else "your scores"
        for k in ("council", "nhs_body", "council_score", "nhs_score", "blend", "coterminosity"):
            sources[k] = src
    else:
        for k in ("council_score", "nhs_score", "blend"):
            sources[k] = f"unknown: {area} is not in the scores"
        sources["coterminosity"] = "assumption (coterminous)"
    if math.isnan(cs):
        blend = "unknown"
    elif cs - ns > 0.15:
        blend = "complementary (council stronger)"
    elif ns - cs > 0.15:
        blend = "complementary (NHS body stronger)"
    else:
        blend = "compatible"

    cases = datasets.case_studies()
    case = cases[cases["area"] == area]
    if current is None and len(case):
        c = case.iloc[0]
        arr = Arrangement(f"{area} today", **{d: getattr(_core.integration, d.title().replace("_", ""))
                                               .__members__[str(c[f"arrangement_{d}"])] for d in _DIMENSIONS})
        sources["current"] = "case studies (NLGN 2008)"
    elif current is None:
        arr = Arrangement("separate")
        sources["current"] = "assumption (separate organisations)"
    elif isinstance(current, str):
        arr = preset(current)
        sources["current"] = "you"
    else:
        arr = current
        sources["current"] = "you"

    pop_case = float(case.iloc[0]["population"]) if len(case) and pd.notna(case.iloc[0]["population"]) else None
    if population is not None:
        pop, sources["population"] = _number(population, "population", 1.0), "you"
    elif pop_case is not None:
        pop, sources["population"] = pop_case, "case studies (NLGN 2008)"
    else:
        pop, sources["population"] = DEFAULT_POPULATION, "assumption"
    share_case = (float(case.iloc[0]["over_80_share"]) if len(case) and pd.notna(case.iloc[0]["over_80_share"])
                  else None)
    if over_80_share is not None:
        share, sources["over_80_share"] = _number(over_80_share, "over_80_share", 0.0, 1.0), "you"
    elif share_case is not None:
        share, sources["over_80_share"] = share_case, "case studies (NLGN 2008)"
    else:
        from ..demography import england
        e = england()
        share = float(e.share_over(80))
        sources["over_80_share"] = "England's (ONS mid-year estimate shipped with the package)"
    if over_80_growth is not None:
        growth, sources["over_80_growth"] = _number(over_80_growth, "over_80_growth", -1.0, 10.0), "you"
    else:
        growth, sources["over_80_growth"] = OVER_80_GROWTH, "assumption"
    if pooled_spend is not None:
        spend, sources["pooled_spend"] = _number(pooled_spend, "pooled_spend", 0.0, 1e15), "you"
    else:
        spend = pop * SPEND_PER_RESIDENT
        sources["pooled_spend"] = f"assumption (£{SPEND_PER_RESIDENT:,.0f} a resident)"
    if nhs_deficit is not None:
        deficit, sources["nhs_deficit"] = _number(nhs_deficit, "nhs_deficit", 0.0, 1e15), "you"
    else:
        deficit, sources["nhs_deficit"] = 0.0, "assumption (none)"
    return PlaceFacts(area, council, nhs, cs, ns, blend, cot, arr, pop, share, growth, spend, deficit, sources)


# ---- the proposals ---------------------------------------------------------------------------------------------

def _ranks(a: Any) -> dict[str, int]:
    return {d: int(getattr(a, d).value) for d in _DIMENSIONS}


def _clip(x: float) -> float:
    return float(min(10.0, max(0.0, x)))


def _performances(facts: PlaceFacts, options: Sequence[Any]) -> pd.DataFrame:
    """Options × the green paper's six criteria, each a (low, high) range on its 0-10 judgement scale."""
    fm_factor = 1.0
    if facts.blend.startswith("complementary (council"):
        # continuous with the compatible blend's 1.0 at the 0.15 boundary
        fm_factor = 1.0 + 0.3 * (min(facts.council_score - facts.nhs_score, 0.5) - 0.15) / 0.35
    elif facts.blend.startswith("complementary (NHS"):
        fm_factor = 0.9
    ageing = facts.over_80_share * (1 + facts.over_80_growth) / (ENGLAND_OVER_80 * (1 + OVER_80_GROWTH))
    com_factor = min(1.4, max(0.6, 0.5 + 0.5 * ageing))
    deficit_factor = 1.0 + 0.5 * min(1.0, 20.0 * facts.nhs_deficit / facts.pooled_spend) if facts.pooled_spend else 1.0
    now = _ranks(facts.current)
    rows = {}
    for a in options:
        r = _ranks(a)
        b, s, l, g, lb = (r[d] / 3.0 for d in _DIMENSIONS)
        new_body = r["legal_basis"] >= 2 and r["legal_basis"] > now["legal_basis"]
        care_trust = a.legal_basis == _core.integration.LegalBasis.care_trust
        fm = 10 * (0.45 * b + 0.35 * l + 0.2 * g) * fm_factor
        com = 10 * (0.5 * b + 0.25 * s + 0.25 * l) * com_factor
        cc = 10 * (0.4 * s + 0.3 * g + 0.3 * l) * facts.coterminosity
        gov = 10 * (0.45 * lb + 0.35 * b + 0.2 * g) * deficit_factor
        level = sum(r.values()) - sum(now.values())
        dis = 10 * level / 15 * (1.25 if new_body else 1.0)
        acc = 1.0 + (6.0 if care_trust else 0.0) + (1.0 if r["budgets"] == 3 and not r["legal_basis"] == 3 else 0.0)
        rows[a.name] = {
            "financial management": (_clip(0.75 * fm), _clip(1.25 * fm)),
            "commissioning": (_clip(0.75 * com), _clip(1.25 * com)),
            "communications and coordination": (_clip(0.8 * cc), _clip(1.2 * cc)),
            "governance and finance issues": (_clip(0.7 * gov), _clip(1.3 * gov)),
            "restructuring disruption": (_clip(0.7 * dis), _clip(1.3 * dis) if dis > 0 else 0.5),
            "democratic accountability lost": (_clip(acc - 1.5), _clip(acc + 1.5)),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


#: Short words for each rank above separate, for option labels (charts and the answer): the long list's words
#: ("joint staff posts", "councillor-majority board") shortened, in the order of _DIMENSIONS.
_SHORT_WORDS = (("", "aligned budgets", "pooled budgets", "single budget"),
                ("", "seconded staff", "joint staff", "merged staff"),
                ("", "joint senior posts", "joint chief executive", "single leadership"),
                ("", "joint committee", "councillor board", "single board"),
                ("", "section 75", "care trust", "public service trust"))


def _changes(a: Any, current: Any) -> str:
    """What ``a`` changes from ``current``, in short words ("pooled budgets, joint staff")."""
    now, r = _ranks(current), _ranks(a)
    words = [_SHORT_WORDS[i][r[d]] for i, d in enumerate(_DIMENSIONS) if r[d] != now[d] and r[d] > 0]
    return ", ".join(words) or "no change"


def _label(a: Any, kind: str, preset: str, current: Any) -> str:
    """An option's label on the page and in charts: short, and saying what changes from business as usual (the
    long list names each option by all five dimensions, too long for a chart's axis)."""
    if kind == "business as usual":
        return "business as usual"
    if kind == "do minimum":
        return f"do minimum ({_changes(a, current)})"
    if preset:
        return a.name  # the green paper's own arrangement, by its name
    return _changes(a, current)


def _choose(short: ShortListResult, most: int) -> list[Any]:
    """Business as usual, do minimum, then the kept options that are presets or pool budgets under a section 75
    agreement (the paper's own arrangements), in order of integration, at most ``most`` in all."""
    kept = list(short.short_list)
    kinds = dict(zip([o.name for o in short.long_list.options], short.long_list.kinds))
    presets = dict(zip([o.name for o in short.long_list.options], short.long_list.presets))
    first = [o for o in kept if kinds[o.name] in ("business as usual", "do minimum")]
    s75 = _core.integration.LegalBasis.section_75
    pooled = _core.integration.Budgets.pooled
    rest = [o for o in kept if kinds[o.name] == "option" and
            (presets.get(o.name) or (o.budgets == pooled and o.legal_basis == s75))]
    out = first + rest
    if len(out) > most:  # keep the ends of the range of integration and an even spread between
        inner = rest
        take = most - len(first)
        idx = np.unique(np.round(np.linspace(0, len(inner) - 1, take)).astype(int))
        out = first + [inner[i] for i in idx]
    return out


def _amounts(facts: PlaceFacts, option: Any) -> dict[str, float]:
    """The illustrative sums of moving from business as usual to ``option`` (£; scaled by the pooled spend), shared
    by the economic appraisal's flows and the staged decision's tree: the restructuring cost's mode and the years it
    is spread over, joint running costs and shared management posts a year, the NHS deficit a year within reach and
    the share of it recovered (mean), and the value a year of one emergency bed day saved per person over 80."""
    now, r = _ranks(facts.current), _ranks(option)
    d = {k: r[k] - now[k] for k in _DIMENSIONS}
    S = facts.pooled_spend
    depth = 0.1 * d["leadership"] + 0.1 * d["governance"] + 0.1 * d["budgets"]
    intensity = (0.5 * d["budgets"] + 0.25 * d["staff"] + 0.25 * d["leadership"]) / 3.0
    over_80 = facts.population * facts.over_80_share * (1 + facts.over_80_growth / 2)
    return {
        "restructuring": S * (0.002 * d["budgets"] + 0.003 * d["staff"] + 0.002 * d["leadership"]
                              + 0.001 * d["governance"] + 0.004 * d["legal_basis"]),
        "restructuring_years": 1 + (1 if d["legal_basis"] and r["legal_basis"] >= 2 else 0)
                               + (1 if d["staff"] >= 2 else 0),
        "running": S * 0.0004 * (d["governance"] + d["leadership"]),
        "posts": S * 0.002 * (d["leadership"] + 0.5 * d["staff"]),
        "deficit": facts.nhs_deficit * min(depth, 0.8) if depth > 0 else 0.0,
        "recovered": 0.3 * (1.3 if facts.blend.startswith("complementary (council") else 1.0),
        "bed_days": over_80 * BED_DAY_COST * intensity if intensity > 0 else 0.0,
    }


def _flows(facts: PlaceFacts, option: Any) -> list[Any]:
    """Illustrative costs and benefits of moving from business as usual to ``option`` (:func:`_amounts`):
    restructuring (one-off, per option), joint running costs, shared management posts, recovered NHS deficit, and
    emergency bed days saved for the over-80s (one effect, shared by every option: common random numbers)."""
    m = _amounts(facts, option)
    name = option.name
    out = []
    if m["restructuring"] > 0:
        mode = m["restructuring"]
        out.append(one_off_cost(f"restructuring: {name}", Uncertain.triangular(0.6 * mode, mode, 2.0 * mode),
                                year=0, years=int(m["restructuring_years"])))
    if m["running"] > 0:
        out.append(running_cost(f"joint running costs: {name}", Uncertain.normal(m["running"], 0.2 * m["running"]),
                                start=1))
    if m["posts"] > 0:
        out.append(saving(f"shared management posts: {name}", Uncertain.normal(m["posts"], 0.3 * m["posts"]),
                          start=1))
    if m["deficit"] > 0:
        out.append(prevention("NHS deficit recovered", m["deficit"], Uncertain.beta(m["recovered"], 0.15), start=2))
    if m["bed_days"] > 0:
        out.append(prevention("bed days saved per person over 80", m["bed_days"], Uncertain.normal(*BED_DAYS_PRIOR),
                              start=2))
    return out


@dataclass(eq=False)
class PlaceAppraisal(Result):
    """Which arrangement fits a place: the facts used, the short list proposed, the criteria performances, SMAA-2,
    the economic appraisal and the staged decision, and the answer in words (:func:`for_place`).

    Attributes
    ----------
    facts : PlaceFacts
    long_list : LongListResult
    short_list : ShortListResult
    options : list of str
        The options appraised (business as usual first).
    performances : DataFrame
        Options × criteria, (low, high) ranges on 0-10 judgement scales.
    mcda : SMAAResult
    economic : EconomicAppraisalResult
    staged : StagedDecision
        Integrate ``staged_option`` now, pilot it first, or do the minimum.
    answer : str
    descriptions : dict
        Each option's label -> the long list's name for it (all five dimensions in words).
    staged_option : str
        The option the staged decision is about: the one preferred in money (else the one ranked first most often,
        else the most integrated).
    known_savings, bed_day_value : float
        The staged decision's tree: the known net savings a year of ``staged_option`` beyond its running costs
        (counted as ``known_savings / bed_day_value`` more effect, their timing being the effect's), and the value
        a year of one bed day saved per person over 80 (£).


    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.appraisal.for_place("Bexley", options=4, n_sims=500, seed=1)
    >>> r.to_frame()["option"].iloc[0], r.answer.startswith("For Bexley, ")
    ('business as usual', True)
    """

    facts: PlaceFacts
    long_list: LongListResult
    short_list: ShortListResult
    options: list[str]
    performances: pd.DataFrame
    mcda: SMAAResult
    economic: EconomicAppraisalResult
    staged: StagedDecision
    answer: str
    descriptions: dict[str, str] = field(default_factory=dict)
    staged_option: str = ""
    known_savings: float = 0.0
    bed_day_value: float = 0.0

    def to_frame(self) -> pd.DataFrame:
        """One row per option appraised: its label, the arrangement (the long list's name), integration level, the
        share of weightings ranking it first (SMAA-2), expected NPSV, its expected increment over business as usual,
        P(best in money).

        Returns
        -------
        pandas.DataFrame
        """
        e = self.economic.to_frame()
        ra = self.mcda.to_frame()
        levels = dict(zip([o.name for o in self.long_list.options], self.long_list.integration_levels))
        return pd.DataFrame({
            "option": self.options,
            "arrangement": [self.descriptions.get(o, o) for o in self.options],
            "integration_level": [levels.get(self.descriptions.get(o, o)) for o in self.options],
            "ranks_first": ra.iloc[:, 0].reindex(self.options).to_numpy(dtype=float),
            "mean_npsv": e["mean_npsv"].reindex(self.options).to_numpy(dtype=float),
            "mean_incremental": e["mean_incremental"].reindex(self.options).to_numpy(dtype=float),
            "p_best": e["p_best"].reindex(self.options).to_numpy(dtype=float),
        })

    def summary(self) -> Summary:
        """The answer, the options and what it rests on.

        Returns
        -------
        Summary
        """
        facts = self.facts.to_frame()
        assumed = [f for f, s in zip(facts["fact"], facts["source"]) if str(s).startswith("assumption")]
        notes = [self.answer,
                 "Criteria performances, costs and benefits are PROPOSED from the green paper's reasoning and "
                 "illustrative figures (hp.appraisal.for_place's documentation lists the rules); replace them with "
                 "your own."]
        if assumed:
            notes.append("Assumed, not known: " + ", ".join(assumed) + ".")
        options = self.to_frame().drop(columns="arrangement").set_index("option")
        return Summary(f"Which arrangement fits {self.facts.area}?",
                       [("", field_table([("business as usual", _in_words(self.facts.current)),
                                          ("options appraised", len(self.options)),
                                          ("preferred in money", self.economic.preferred),
                                          ("staged decision", self.staged.best)])),
                        ("The options appraised", options)],
                       notes, formats={"ranks_first": lambda v: fmt_percent(v, 0),
                                       "p_best": lambda v: fmt_percent(v, 0),
                                       "mean_npsv": fmt_money, "mean_incremental": fmt_money})

    def plot(self, ax: Any = None) -> "matplotlib.figure.Figure":
        """The rank acceptabilities of the options (SMAA-2), the chart the answer's first sentence reads from.

        Parameters
        ----------
        ax : matplotlib Axes, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        import textwrap

        from .. import _figure

        if ax is None:  # wide enough for the options' labels (what each changes from business as usual)
            new = _figure.figure(9.0, 1.6 + 0.55 * max(len(self.options), 3))
            ax = new.add_subplot()
        fig: Any = self.mcda.plot(ax=ax, title=f"{self.facts.area}: which arrangement fits? (share of weightings "
                                          "giving each option each rank)")
        labels = [t.get_text() for t in ax.get_yticklabels()]
        ax.set_yticks(ax.get_yticks(), [textwrap.fill(t, 34, max_lines=2, placeholder=" …") for t in labels])
        return fig


def for_place(area: str, scores: Any = None, current: Any = None, success_factors: Sequence[Any] = (),
              weights: Any = None, options: int = 6, horizon: int = 10, rate: float = 0.035, n_sims: int = 10_000,
              seed: int = 0, threads: int = 0, pilot: PilotDesign | None = None, **facts: Any) -> PlaceAppraisal:
    """Propose and run an options appraisal for a place from what the library knows about it, and answer the green
    paper's question: which level of integration fits, and in one step or in stages?

    The long list is generated from the current arrangement and filtered by ``success_factors``; the short list
    keeps business as usual, do minimum and the paper's own arrangements among the kept options (presets, pooled
    budgets under section 75). Criteria performances (the paper's six criteria, ranges on 0-10 scales) and costs
    and benefits (restructuring, joint running costs, shared posts, recovered deficit, emergency bed days saved for
    the over-80s: one uncertain effect shared by every option) are proposed by the rules in this module's
    documentation from the place's facts; all figures not read from data are illustrative. Weights are unknown by
    default (SMAA-2 over every weighting).

    Parameters
    ----------
    area : str
        The place (e.g. "Bexley", "Torbay").
    scores, current : optional
        See :func:`place_facts`.
    success_factors : sequence
        Critical success factors (keys of :func:`critical_success_factors` or limits such as "budgets at most
        pooled"); none by default.
    weights : optional
        Weight statements for SMAA-2 (see :func:`smaa`): None (unknown), a ranking, intervals or exact weights.
    options : int, default 6
        The most options appraised, business as usual and do minimum included (3 to 12).
    horizon : int, default 10
        Years appraised.
    rate : float, default 0.035
        The Green Book's discount rate.
    n_sims : int, default 10,000
        Simulations for SMAA-2 and the economic appraisal.
    seed : int, default 0
        Random seed.
    threads : int, default 0
        Worker threads, 0 = all cores (the numbers do not depend on it).
    pilot : PilotDesign, optional
        The pilot for the staged decision (default: 4 of 8 localities, a two-step stepped wedge over two years).
    **facts
        ``population``, ``over_80_share``, ``over_80_growth``, ``pooled_spend``, ``nhs_deficit`` (see
        :func:`place_facts`).

    Returns
    -------
    PlaceAppraisal

    Raises
    ------
    DomainError
        A figure out of range, an unknown success factor or fact, fewer than two options left by the factors.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.appraisal.for_place("Bexley", n_sims=2_000, seed=1)
    >>> r.options[:2]
    ['business as usual', 'do minimum (joint committee)']
    >>> "ranks first in" in r.answer
    True
    """
    unknown = sorted(set(facts) - {"population", "over_80_share", "over_80_growth", "pooled_spend", "nhs_deficit"})
    if unknown:
        raise _core.DomainError(f"for_place: unknown fact '{unknown[0]}'; give population, over_80_share, "
                                "over_80_growth, pooled_spend or nhs_deficit")
    most = int(_number(options, "options", 3, 12))
    f = place_facts(area, scores=scores, current=current, **facts)
    ll = long_list(f.current)
    short = shortlist(ll, list(success_factors))
    picked = _choose(short, most)
    if len(picked) < 2:
        raise _core.DomainError(f"for_place: the success factors leave {len(picked)} option(s); an appraisal needs "
                                "business as usual and at least one other")
    from ..integration import Arrangement

    info = {o.name: (k, p) for o, k, p in zip(ll.options, ll.kinds, ll.presets)}
    chosen = [Arrangement(_label(a, *info[a.name], f.current), **{d: getattr(a, d) for d in _DIMENSIONS})
              for a in picked]
    descriptions = {c.name: a.name for c, a in zip(chosen, picked)}
    names = [a.name for a in chosen]
    perf = _performances(f, chosen)
    mcda = smaa(perf, criteria=green_paper_criteria(), weights=weights, n_sims=n_sims, seed=seed, threads=threads)
    bias = optimism_bias("equipment_development", 0.75)
    econ_options = [Option(a.name, _flows(f, a), optimism_bias=None if i == 0 else bias)
                    for i, a in enumerate(chosen)]
    econ = appraise(econ_options, business_as_usual=names[0], horizon=horizon, rate=rate, n_sims=n_sims, seed=seed,
                    threads=threads)

    # the staged decision for the option preferred in money (or the one ranked first most often, if business as
    # usual is preferred in money), against doing the minimum
    first = names[int(np.argmax(mcda.rank_acceptability[:, 0]))]
    target = econ.preferred if econ.preferred != names[0] else (first if first != names[0] else names[-1])
    m = _amounts(f, chosen[names.index(target)])
    # the flows' means, with optimism bias, in the tree's terms: θ (bed days saved per person over 80) × its value a
    # year V from year 1, less the restructuring cost and the running costs a year net of the known savings (shared
    # posts, recovered deficit). The tree takes costs of at least 0; a net SAVING of k a year from year 1 has
    # exactly the timing of θ's benefits (lag 1), so it is counted as k / V more effect: the prior's mean moves by
    # k / V (the pilot measures θ, so its estimate moves by the same known amount and its standard error is unchanged)
    restructuring = m["restructuring"] * (0.6 + 1.0 + 2.0) / 3.0 * (1 + bias.capital)  # the triangular's mean
    net_running = m["running"] * (1 + bias.operating) - m["posts"] - m["deficit"] * m["recovered"]
    value = max(m["bed_days"], 1.0)
    known_savings = max(0.0, -net_running)
    prior = (BED_DAYS_PRIOR[0] + known_savings / value, BED_DAYS_PRIOR[1])
    S = f.pooled_spend
    if pilot is None:
        pilot = PilotDesign("stepped_wedge", steps=2, clusters_per_step=2, baseline_periods=1, cluster_size=300,
                            icc=0.03, sd=3)
    staged = single_step_or_staged(prior, pilot, value_per_unit=value, horizon=horizon, lag=1,
                                   restructuring_cost=restructuring, running_cost=max(net_running, 0.0),
                                   pilot_years=2, pilot_cost=0.005 * S * 0.5, rate=rate)

    answer = _answer(f, mcda, econ, staged, target, names)
    return PlaceAppraisal(f, ll, short, names, perf, mcda, econ, staged, answer, descriptions, target,
                          known_savings, value)


def _short_money(x: float) -> str:
    a, sign = abs(float(x)), "−" if x < 0 else ""
    if a >= 1e6:
        return f"{sign}£{a / 1e6:,.1f}m"
    if a >= 1e3:
        return f"{sign}£{a / 1e3:,.0f}k"
    return f"{sign}£{a:,.0f}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _answer(f: PlaceFacts, mcda: SMAAResult, econ: EconomicAppraisalResult, staged: StagedDecision, target: str,
            names: list[str]) -> str:
    """The paper's question answered in words, with its uncertainty: what ranks first over the weightings, what is
    best in money, the restructuring cost at which the most integrated option changes places, and whether to move
    in one step or pilot first."""
    criteria = "the green paper's six criteria"
    over = {"dirichlet": f"every weighting of {criteria}", "exact": f"your weights of {criteria}"}.get(
        mcda.weight_method, f"the weightings of {criteria} that your statements allow")
    parts = [f"For {f.area}, {mcda.sentence().rstrip('.')} (SMAA-2 over {over})."]
    pref = econ.preferred
    best: dict[Any, Any] = econ.to_frame().loc[pref].to_dict()
    parts.append(f"In money, {pref} has the highest expected net present social value "
                 f"({_short_money(float(best['mean_npsv']))}; best in "
                 f"{fmt_percent(float(best['p_best']), 0)} of simulations).")
    # the most integrated option's restructuring cost: where it would take over, or stop being, the preferred one
    most = names[-1]
    sw = econ.switching_values()
    row = sw[sw["input"] == f"restructuring: {most}"]
    if len(row):
        r: dict[Any, Any] = row.iloc[0].to_dict()
        value, mean, then = float(r["switching_value"]), float(r["mean"]), str(r["takes_over"])
        if not bool(r["found"]):
            if most == pref:
                parts.append(f"{_cap(most)} stays preferred however its restructuring cost falls within its "
                             f"plausible range (up to {_short_money(float(r['high']))}).")
        elif most != pref and then == most and value < mean:
            parts.append(f"{_cap(most)} would be preferred only if its restructuring cost fell below "
                         f"{_short_money(value)} (expected {_short_money(mean)}).")
        elif most == pref and value > mean:
            parts.append(f"{_cap(most)} stays preferred only while its restructuring cost stays below "
                         f"{_short_money(value)} (expected {_short_money(mean)}); above it, {then} is preferred.")
    parts.append(f"{_cap(target)}, in one step or in stages? {staged.recommendation()}")
    return " ".join(parts)
