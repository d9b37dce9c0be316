"""For a place: what the library already knows about an area, turned into a proposed short list, criteria
performances, an economic appraisal and a staged-or-single-step decision, and the paper's question answered in
words with its uncertainty.

Every number here that is not read from the library's data is an ILLUSTRATIVE ASSUMPTION, named in
``PlaceFacts.sources`` and in the summary, and every one can be overridden: this module proposes a starting point
for a finance lead's own appraisal (the Green Book's long list and economic case), it does not know the place's
costs. This module gathers the facts from the library's datasets and presents the results; every rule that derives
a number from the facts is C++ (``include/healthyplaces/appraisal/place.hpp``, ``hp::appraisal::place_facts``,
``place_short_list``, ``place_performances``, ``place_flows``, ``place_options``, ``place_staging``), as are the
computations (long list, shortlist, SMAA-2, the economic appraisal on common random numbers, switching values,
EVPPI, the staged decision).

The proposal rules, each from the green paper (NLGN, *Healthy Places*, 2008; the C++ header states them as
formulas):

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
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import Result, Summary, field_table, fmt_money, fmt_percent
from ..finance import Flow
from ._economic import EconomicAppraisalResult, Option, appraise
from ._mcda import SMAAResult, green_paper_criteria, smaa
from ._options import LongListResult, ShortListResult, long_list, shortlist
from ._staging import PilotDesign, StagedDecision, single_step_or_staged

if TYPE_CHECKING:
    import matplotlib.figure

__all__ = ["PlaceAppraisal", "PlaceFacts", "for_place", "place_facts"]

_ap = _core.appraisal

# The assumptions, as the C++ core states them (hp::appraisal::place_*; all ILLUSTRATIVE):
#: Spend a year per resident that a council and its NHS body could pool (adult social care, community health,
#: continuing care): an ILLUSTRATIVE order of magnitude, not a published figure.
SPEND_PER_RESIDENT = float(_ap.place_spend_per_resident)
#: The growth of the population over 80 over the appraisal's ten years when none is given: an ASSUMPTION.
OVER_80_GROWTH = float(_ap.place_over_80_growth)
#: England's share aged 80 or over (about 5.1%, ONS mid-2020s): the reference an older place is compared with.
ENGLAND_OVER_80 = float(_ap.england_over_80_share)
#: The cost of an emergency bed day, £ (illustrative 2020s price).
BED_DAY_COST = float(_ap.place_bed_day_cost)
#: The prior of the effect of integrated care for the over-80s, emergency bed days saved per person a year
#: (mean, sd): illustrative, from the range other areas' evaluations report.
BED_DAYS_PRIOR = tuple(_ap.place_bed_days_prior)
#: A place's population when the library has none: an ASSUMPTION.
DEFAULT_POPULATION = float(_ap.place_default_population)
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


def _number(value: Any, name: str) -> float:
    """A figure as a float, or a one-line DomainError naming it; its range is the C++ core's rule."""
    if isinstance(value, bool):
        raise _core.DomainError(f"for_place: {name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _core.DomainError(f"for_place: {name} must be a number, got {value!r}") from None


def place_facts(area: str, scores: Any = None, current: Any = None, population: float | None = None,
                over_80_share: float | None = None, over_80_growth: float | None = None,
                pooled_spend: float | None = None, nhs_deficit: float | None = None) -> PlaceFacts:
    """Gather what the library knows about ``area``: its council's and NHS body's governance scores (the green
    paper's table, or ``scores``), their blend and coterminosity, its current arrangement (the case studies), its
    population and share over 80, and the money; anything unknown is an assumption, said so in ``sources``.

    The precedence (yours, then the data, then the assumptions), the blend and the defaults are the C++ core's
    (``hp::appraisal::place_facts``); this function reads the datasets.

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

    nan = float("nan")
    given: dict[str, Any] = {k: None if v is None else _number(v, k) for k, v in
             (("population", population), ("over_80_share", over_80_share), ("over_80_growth", over_80_growth),
              ("pooled_spend", pooled_spend), ("nhs_deficit", nhs_deficit))}
    table = datasets.nlgn2008_table() if scores is None else scores
    gaps = analysis.competency_gaps(table).to_frame()
    row = gaps[gaps["area"] == area]
    ev: dict[str, Any] = dict(scores_source="", council="", nhs_body="", council_total=nan, council_max=nan,
                              nhs_total=nan, nhs_max=nan, coterminosity=nan)
    if len(row):
        r = row.iloc[0]
        ev.update(scores_source="green paper scores (NLGN 2008)" if scores is None else "your scores",
                  council=str(r["council"]), nhs_body=str(r["nhs_body"]),
                  council_total=float(r["council_total"]), council_max=float(r["council_max"]),
                  nhs_total=float(r["nhs_total"]), nhs_max=float(r["nhs_max"]),
                  coterminosity=float(r["coterminosity"]) if pd.notna(r["coterminosity"]) else nan)

    cases = datasets.case_studies()
    case = cases[cases["area"] == area]
    case_arrangement, case_population, case_share = None, nan, nan
    if len(case):
        c = case.iloc[0]
        case_arrangement = Arrangement(f"{area} today", **{
            d: getattr(_core.integration, d.title().replace("_", "")).__members__[str(c[f"arrangement_{d}"])]
            for d in _DIMENSIONS})
        case_population = float(c["population"]) if pd.notna(c["population"]) else nan
        case_share = float(c["over_80_share"]) if pd.notna(c["over_80_share"]) else nan
    england_share = nan
    if given["over_80_share"] is None and math.isnan(case_share):  # read only when it is needed
        from ..demography import england
        england_share = float(england().share_over(80))
    cur = preset(current) if isinstance(current, str) else current
    d = _ap.place_facts(area, case_source="case studies (NLGN 2008)" if len(case) else "",
                        case_arrangement=case_arrangement, case_population=case_population,
                        case_over_80_share=case_share, england_over_80_share=england_share, current=cur, **ev,
                        **given)
    return PlaceFacts(d["area"], d["council"], d["nhs_body"], d["council_score"], d["nhs_score"], d["blend"],
                      d["coterminosity"], d["current"], d["population"], d["over_80_share"], d["over_80_growth"],
                      d["pooled_spend"], d["nhs_deficit"], dict(d["sources"]))


# ---- the proposals: the C++ core's rules (hp::appraisal::place_*), shaped for pandas ----------------------------

def _performances(facts: PlaceFacts, options: Sequence[Any]) -> pd.DataFrame:
    """Options × the green paper's six criteria, each a (low, high) range on its 0-10 judgement scale."""
    names, criteria, rows = _ap.place_performances(facts, list(options))
    return pd.DataFrame.from_dict({n: {c: (float(v[0]), float(v[1])) for c, v in zip(criteria, row)}
                                   for n, row in zip(names, rows)}, orient="index")


def _label(a: Any, kind: str, preset: str, current: Any) -> str:
    """An option's label on the page and in charts: short, and saying what changes from business as usual (the
    long list names each option by all five dimensions, too long for a chart's axis)."""
    return str(_ap.place_option_label(a, kind, preset or "", current))


def _choose(short: ShortListResult, most: float) -> list[Any]:
    """Business as usual, do minimum, then the kept options that are presets or pool budgets under a section 75
    agreement (the paper's own arrangements), in order of integration, at most ``most`` in all."""
    kept = list(short.short_list)
    kinds = dict(zip([o.name for o in short.long_list.options], short.long_list.kinds))
    presets = dict(zip([o.name for o in short.long_list.options], short.long_list.presets))
    chosen = _ap.place_short_list([(o, kinds[o.name], presets.get(o.name) or "") for o in kept], most)
    return [kept[i] for i in chosen]


def _amounts(facts: PlaceFacts, option: Any) -> dict[str, float]:
    """The illustrative sums of moving from business as usual to ``option`` (£; scaled by the pooled spend), shared
    by the economic appraisal's flows and the staged decision's tree: the restructuring cost's mode and the years it
    is spread over, joint running costs and shared management posts a year, the NHS deficit a year within reach and
    the share of it recovered (mean), and the value a year of one emergency bed day saved per person over 80."""
    return dict(_ap.place_amounts(facts, option))


def _flow(row: Any) -> Flow:
    name, kind, amount, start, end, years, baseline = row
    return Flow(name, kind, amount, start, None if end == -1 else end, years, baseline)


def _flows(facts: PlaceFacts, option: Any) -> list[Any]:
    """Illustrative costs and benefits of moving from business as usual to ``option`` (:func:`_amounts`):
    restructuring (one-off, per option), joint running costs, shared management posts, recovered NHS deficit, and
    emergency bed days saved for the over-80s (one effect, shared by every option: common random numbers)."""
    return [_flow(r) for r in _ap.place_flows(facts, option)]


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
    most = _number(options, "options")  # 3 to 12: the C++ core's rule (place_short_list)
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
    bias_t = _ap.place_optimism_bias()
    bias = dict(zip(("capital", "operating", "duration"), bias_t))
    econ_options = [Option(name, [_flow(r) for r in rows], optimism_bias=None if i == 0 else bias)
                    for i, (name, rows, _) in enumerate(_ap.place_options(f, chosen, bias_t))]
    econ = appraise(econ_options, business_as_usual=names[0], horizon=horizon, rate=rate, n_sims=n_sims, seed=seed,
                    threads=threads)

    # the staged decision for the option preferred in money (or the one ranked first most often, if business as
    # usual is preferred in money), against doing the minimum: its tree's inputs are the C++ core's
    # (hp::appraisal::place_staging: the flows' means with optimism bias, known savings counted as more effect)
    at = _ap.place_staged_option(names.index(econ.preferred), np.asarray(mcda.rank_acceptability).tolist())
    target = names[at]
    tree = _ap.place_staging(f, chosen[at], bias_t, horizon, _number(rate, "rate"))
    if pilot is None:
        pilot = PilotDesign(**_ap.place_pilot)
    staged = single_step_or_staged(tuple(tree["prior"]), pilot, value_per_unit=tree["value_per_unit"],
                                   horizon=horizon, lag=tree["lag"], restructuring_cost=tree["restructuring_cost"],
                                   running_cost=tree["running_cost"], pilot_years=tree["pilot_years"],
                                   pilot_cost=tree["pilot_cost"], rate=rate)
    known_savings, value = float(tree["known_savings"]), float(tree["value_per_unit"])

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
    # (which finding applies is the C++ core's rule, hp::appraisal::place_restructuring_finding)
    most = names[-1]
    sw = econ.switching_values()
    row = sw[sw["input"] == f"restructuring: {most}"]
    if len(row):
        r: dict[Any, Any] = row.iloc[0].to_dict()
        value, mean, then = float(r["switching_value"]), float(r["mean"]), str(r["takes_over"])
        finding = _ap.place_restructuring_finding(bool(r["found"]), value, mean, then, most == pref, most)
        if finding == "stays_preferred":
            parts.append(f"{_cap(most)} stays preferred however its restructuring cost falls within its "
                         f"plausible range (up to {_short_money(float(r['high']))}).")
        elif finding == "only_below":
            parts.append(f"{_cap(most)} would be preferred only if its restructuring cost fell below "
                         f"{_short_money(value)} (expected {_short_money(mean)}).")
        elif finding == "stays_below":
            parts.append(f"{_cap(most)} stays preferred only while its restructuring cost stays below "
                         f"{_short_money(value)} (expected {_short_money(mean)}); above it, {then} is preferred.")
    parts.append(f"{_cap(target)}, in one step or in stages? {staged.recommendation()}")
    return " ".join(parts)
