"""Single step or staged? The decision tree between integrating now, piloting first and doing the minimum, valued
at the Green Book discount rate, with the value of the pilot's information (EVSI) and the pilot's standard error
from ``hp.evaluation``'s power functions. The model and its closed forms are stated in
``include/healthyplaces/appraisal/staging.hpp`` and docs/appraisal.md; C++ computes, this module converts and
presents."""
from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import Result, Summary, field_table, fmt_int, fmt_money, fmt_number, fmt_percent
from ..finance import Uncertain

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["PilotDesign", "StagedDecision", "pilot_standard_error", "single_step_or_staged"]

_app = _core.appraisal
_WHO = "single_step_or_staged"


@dataclass(frozen=True)
class PilotDesign:
    """A pilot's design, from which :func:`pilot_standard_error` takes the standard error of its estimate.

    Only the fields of the chosen ``design`` are read. The outcome is continuous, the effect a difference in
    means on the outcome's own scale.

    Parameters
    ----------
    design : {"stepped_wedge", "parallel", "did"}
        ``stepped_wedge``: Hussey and Hughes' GLS (``hp.evaluation.power_stepped_wedge``) on ``steps`` groups of
        ``clusters_per_step`` clusters after ``baseline_periods`` (or a ``treatment`` matrix, clusters x
        periods of 0/1), ``cluster_size`` people per cluster-period; ``parallel``: a cluster-randomised comparison
        of ``clusters_per_arm`` clusters a side of ``cluster_size`` (``power_cluster``); ``did``: difference in
        differences on ``n_treated`` treated units (``ratio`` controls each) over ``pre_periods`` and
        ``post_periods`` with correlation ``rho`` (``power_did``).
    clusters_per_arm, n_treated : float
        See ``design``.
    steps, clusters_per_step, baseline_periods : int
        The stepped wedge's shape.
    treatment : array-like, optional
        A stepped wedge's own schedule instead of the shape.
    cluster_size : float
        People per cluster (parallel) or per cluster-period (stepped wedge).
    icc : float
        The intra-cluster correlation, in [0, 1).
    sd : float
        The outcome's standard deviation for one person (a unit in one period, for ``did``).
    cv : float
        Parallel: the coefficient of variation of cluster sizes.
    pre_periods, post_periods : int
        ``did``: periods before and after.
    rho : float
        ``did``: the correlation between two periods of a unit.
    ratio : float
        ``did``: control units per treated unit.
    estimator : {"did", "post", "ancova"}
        ``did``: the analysis.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> pilot = hp.appraisal.PilotDesign("parallel", clusters_per_arm=4, cluster_size=150, icc=0.05, sd=4)
    >>> round(pilot.standard_error(), 4)
    0.6713
    """

    design: str = "stepped_wedge"
    clusters_per_arm: float = 0.0
    n_treated: float = 0.0
    steps: int = 0
    clusters_per_step: int = 0
    baseline_periods: int = 1
    treatment: Any = None
    cluster_size: float = 1.0
    icc: float = 0.0
    sd: float = 1.0
    cv: float = 0.0
    pre_periods: int = 1
    post_periods: int = 1
    rho: float = 0.0
    ratio: float = 1.0
    estimator: str = "did"

    def standard_error(self) -> float:
        """The standard error of the pilot's estimate of the effect (see :func:`pilot_standard_error`).

        Returns
        -------
        float

        Examples
        --------
        >>> import healthyplaces as hp
        >>> round(hp.appraisal.PilotDesign("did", n_treated=4, sd=2, rho=0.5).standard_error(), 4)
        1.4142
        """
        kw = asdict(self)
        for name in _FLOATS:
            kw[name] = _number(kw[name], name)
        for name in _INTS:
            kw[name] = _whole(kw[name], name)
        if kw["treatment"] is not None:
            kw["treatment"] = np.asarray(kw["treatment"], dtype=float)
        return float(_app.pilot_standard_error(**kw))


def pilot_standard_error(design: str = "stepped_wedge", **options: Any) -> float:
    """The standard error of a pilot's estimate of the effect, from ``hp.evaluation``'s power functions.

    The ``standard_error`` of ``power_stepped_wedge``, ``power_cluster`` or ``power_did`` for the design
    (it does not depend on the effect for a continuous outcome).

    Parameters
    ----------
    design : {"stepped_wedge", "parallel", "did"}
        The design.
    **options
        The fields of :class:`PilotDesign`.

    Returns
    -------
    float

    Examples
    --------
    >>> import healthyplaces as hp
    >>> se = hp.appraisal.pilot_standard_error("stepped_wedge", steps=2, clusters_per_step=2, cluster_size=150,
    ...                                         icc=0.05, sd=4)
    >>> round(se, 3)
    0.396
    """
    return PilotDesign(design, **options).standard_error()


def _number(value: Any, name: str) -> float:
    """A float parameter, or a one-line DomainError naming it (rather than pybind11's signature dump)."""
    if isinstance(value, bool):
        raise _core.DomainError(f"{_WHO}: {name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _core.DomainError(f"{_WHO}: {name} must be a number, got {value!r}") from None


_FLOATS = ("clusters_per_arm", "n_treated", "cluster_size", "icc", "sd", "cv", "rho", "ratio")
_INTS = ("steps", "clusters_per_step", "baseline_periods", "pre_periods", "post_periods")


def _whole(value: Any, name: str) -> int:
    """A whole-number parameter (an int or numpy integer, never a bool or float), or a DomainError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _core.DomainError(f"{_WHO}: {name} must be a whole number, got {value!r}")
    return int(value)


def _prior(prior: Any) -> Any:
    if isinstance(prior, Uncertain):
        return prior
    if isinstance(prior, (tuple, list)) and len(prior) == 2:
        return Uncertain.normal(_number(prior[0], "prior mean"), _number(prior[1], "prior sd"))
    raise _core.DomainError(f"{_WHO}: prior must be (mean, sd) or an hp.finance.Uncertain, got {prior!r}")


def _se(pilot: Any, se: Any) -> tuple[float, PilotDesign | None]:
    if (pilot is None) == (se is None):
        raise _core.DomainError(f"{_WHO}: give exactly one of pilot (a PilotDesign or dict) and se")
    if se is not None:
        return _number(se, "se"), None
    if isinstance(pilot, Mapping):
        unknown = sorted(set(pilot) - set(PilotDesign.__dataclass_fields__))
        if unknown:
            raise _core.DomainError(f"{_WHO}: pilot has unknown fields {unknown}; PilotDesign's fields are "
                                    f"{', '.join(PilotDesign.__dataclass_fields__)}")
        pilot = PilotDesign(**pilot)
    if not isinstance(pilot, PilotDesign):
        raise _core.DomainError(f"{_WHO}: pilot must be a PilotDesign or a dict of its fields, got {pilot!r}")
    return pilot.standard_error(), pilot


def _short_money(v: float) -> str:
    """£0.8m, £350k, £1,200: the recommendation's round figures."""
    if not math.isfinite(v):
        return fmt_money(v)
    sign, x = ("−" if v < 0 else ""), abs(v)
    if x >= 1e6:
        return f"{sign}£{x / 1e6:,.1f}m"
    if x >= 1e4:
        return f"{sign}£{x / 1e3:,.0f}k"
    return f"{sign}£{x:,.0f}"


_PATHS = ["integrate now", "pilot then decide", "do minimum"]


@dataclass(eq=False, repr=False)
class StagedDecision(Result):
    """Integrate now, pilot then decide, or do minimum: the decision tree's values and the pilot's information.

    Returned by :func:`single_step_or_staged`. Money is £ at year 0 (Green Book discounting).

    Attributes
    ----------
    prior : hp.finance.Uncertain
        The effect's prior.
    se : float
        The pilot estimate's standard error.
    pilot : PilotDesign or None
        The design ``se`` came from (None: given).
    rule : str
        The rule after the pilot: optimal, threshold or significance.
    method : str
        "closed form" or "Monte Carlo".
    threshold : float
        After the pilot, integrate iff its estimate exceeds this (±inf: always or never).
    break_even : float
        The effect at which integrating after the pilot is worth the same as doing the minimum.
    ev_integrate_now, ev_pilot, ev_do_minimum : float
        The expected value of each path (the pilot's cost and delay included in ``ev_pilot``).
    best : str
        The path with the largest expected value.
    p_integrate : float
        The probability that the pilot leads to integration.
    evsi : float
        The expected value of the pilot's information were it free and instant.
    engs : float
        The expected net gain of piloting: ``ev_pilot`` minus the better of the other paths
        (= ``evsi`` − ``pilot_cost`` − ``delay_cost``).
    pilot_cost, delay_cost : float
        The pilot's cost (present value) and the expected value lost by deciding ``pilot_years`` later.
    evpi : float
        The expected value of perfect information about the effect, for comparison.
    sigma_pre : float
        Normal prior: the sd of the effect's posterior mean before the pilot reports (σ0²/√(σ0² + se²)).
    se_ev_pilot, se_p_integrate, se_evsi, se_evpi : float
        Monte Carlo standard errors (NaN for the closed form).
    n_sims, seed : int
        Monte Carlo draws (0: closed form) and their seed.
    horizon, pilot_years : int
        The appraisal's last year and the pilot's duration.
    scale : str
        "per_year" or "npv".
    value_per_unit : float
        £ per unit of the effect.
    tree : pandas.DataFrame
        The decision tree's nodes (see :meth:`tree_frame`).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5, rate=0)
    >>> round(r.evsi, 4), r.best
    (0.2821, 'pilot then decide')
    """

    prior: Any
    se: float
    pilot: PilotDesign | None
    rule: str
    method: str
    threshold: float
    threshold_now: float
    break_even: float
    ev_integrate_now: float
    ev_pilot: float
    ev_do_minimum: float
    best: str
    p_integrate: float
    evsi: float
    engs: float
    evpi: float
    pilot_cost: float
    delay_cost: float
    sigma_pre: float
    se_ev_pilot: float
    se_p_integrate: float
    se_evsi: float
    se_evpi: float
    n_sims: int
    seed: int
    horizon: int
    pilot_years: int
    scale: str
    value_per_unit: float
    tree: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The three paths and their expected values.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``path``: ``expected_value`` (£), ``against_best`` (£, 0 for the best) and ``best``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5, rate=0)
        >>> r.to_frame()["expected_value"].round(4).tolist()
        [0.0, 0.2821, 0.0]
        """
        ev = [self.ev_integrate_now, self.ev_pilot, self.ev_do_minimum]
        top = max(ev)
        return pd.DataFrame({"expected_value": ev, "against_best": [v - top for v in ev],
                             "best": [p == self.best for p in _PATHS]}, index=pd.Index(_PATHS, name="path"))

    def tree_frame(self) -> pd.DataFrame:
        """The decision tree's nodes, for drawing.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``node``: ``parent`` (−1 for the root), ``kind`` (decision, chance or terminal), ``label``,
            ``probability`` of reaching it from its parent, ``value`` (its expected value, £ at year 0, the pilot's
            cost included on the pilot's branch; NaN when it cannot be reached) and ``chosen``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5, rate=0)
        >>> r.tree_frame().loc[[4, 5], "probability"].tolist()
        [0.5, 0.5]
        """
        return self.tree.copy()

    def posterior(self, estimate: float) -> tuple[float, float]:
        """The effect's posterior mean and sd given the pilot's estimate.

        Parameters
        ----------
        estimate : float
            The pilot's estimate of the effect (its standard error is :attr:`se`).

        Returns
        -------
        tuple of float
            (mean, sd): for a normal prior the conjugate update; otherwise by quadrature over the prior.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5)
        >>> [round(v, 4) for v in r.posterior(2.0)]
        [1.0, 0.7071]
        """
        mean, sd = _app.effect_posterior(self.prior, float(self.se), float(estimate))
        return float(mean), float(sd)

    def recommendation(self) -> str:
        """The answer in plain words.

        Returns
        -------
        str

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5, rate=0, pilot_cost=0.1)
        >>> r.recommendation().split(":")[0]
        'Pilot first'
        """
        info, cost, delay = _short_money(self.evsi), _short_money(self.pilot_cost), _short_money(self.delay_cost)
        years = "1 year's" if self.pilot_years == 1 else f"{self.pilot_years} years'"
        if self.best == "pilot then decide":
            return (f"Pilot first: the pilot's information is worth {info} against its {cost} cost and {delay} "
                    f"lost to {years} delay (expected net gain {_short_money(self.engs)}); it leads to integration "
                    f"with probability {fmt_percent(self.p_integrate, 0)}.")
        lead = ("Integrate now: its expected value is " + _short_money(self.ev_integrate_now)
                if self.best == "integrate now" else
                "Do minimum: integrating now is expected to be worth " +
                _short_money(self.ev_integrate_now - self.ev_do_minimum) + " against doing the minimum")
        return (f"{lead}; a pilot's information ({info}) does not cover its {cost} cost and {delay} lost to "
                f"{years} delay (expected net gain {_short_money(self.engs)}).")

    def summary(self) -> Summary:
        """The paths, the value of the pilot's information and the recommendation, for people.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((300_000, 400_000), se=250_000, horizon=10,
        ...                                        restructuring_cost=1_000_000, pilot_years=2, pilot_cost=300_000)
        >>> print(r.summary())  # doctest: +ELLIPSIS
        Single step or staged: integrate now (closed form)
        ...
        """
        mc = self.n_sims > 0
        rows: list[tuple[str, Any]] = [
            ("expected value: integrate now", self.ev_integrate_now),
            ("expected value: pilot then decide", self.ev_pilot),
            ("expected value: do minimum", self.ev_do_minimum),
            ("P(the pilot leads to integration)", fmt_percent(self.p_integrate)),
            ("EVSI (the pilot's information, free and instant)", self.evsi),
            ("the pilot's cost (present value)", self.pilot_cost),
            ("the cost of its delay", self.delay_cost),
            ("expected net gain of piloting (ENGS)", self.engs),
            ("EVPI (perfect information, for comparison)", self.evpi),
            ("rule after the pilot", self.rule),
            ("integrate if the estimate exceeds", self.threshold),
            ("break-even effect", self.break_even),
            ("the pilot estimate's standard error", self.se)]
        if mc:
            rows += [("Monte Carlo draws (n_sims)", self.n_sims), ("seed", self.seed),
                     ("MC standard error: pilot's value", self.se_ev_pilot), ("MC standard error: EVSI", self.se_evsi)]
        money = [r[0] for r in rows[:3]] + [r[0] for r in rows[4:9]] + ["MC standard error: pilot's value",
                                                                        "MC standard error: EVSI"]
        formats: dict[str, Any] = {m: fmt_money for m in money}
        formats["Monte Carlo draws (n_sims)"] = fmt_int
        formats["seed"] = fmt_int
        formats["expected value (£)"] = fmt_money
        formats["probability"] = lambda v: fmt_number(v, 3)
        out = Summary.of(f"Single step or staged: {self.best} ({self.method})", field_table(rows), formats=formats)
        tree = self.tree.reset_index().rename(columns={"value": "expected value (£)"})
        tree["chosen"] = tree["chosen"].map({True: "yes", False: ""})
        out.add("The decision tree (values at year 0, the pilot's cost included on its branch)", tree)
        out.notes.append(self.recommendation())
        out.notes.append(f"Money is £ at year 0, discounted at the Green Book rate over years 0-{self.horizon}. "
                         "EVSI is the value of deciding with the pilot's estimate were it free and instant; the cost "
                         "of delay is the value lost by deciding after the pilot instead, so ENGS = EVSI − cost − "
                         "delay.")
        return out

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """The decision tree: boxes for decisions, circles for chance nodes, values on the branches.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        title : str, optional
            The chart's title (default: the recommendation's first words).

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> r = hp.appraisal.single_step_or_staged((0, 1), se=1, scale="npv", horizon=5, rate=0)
        >>> fig = r.plot()
        >>> len(fig.axes)
        1
        """
        fig, ax = _figure.axes(ax, width=9.0, height=5.0)
        t = self.tree
        ids = [int(i) for i in t.index]
        parent = dict(zip(ids, (int(v) for v in t["parent"])))
        kind = dict(zip(ids, (str(v) for v in t["kind"])))
        label_of = dict(zip(ids, (str(v) for v in t["label"])))
        prob = dict(zip(ids, (float(v) for v in t["probability"])))
        value_of = dict(zip(ids, (float(v) for v in t["value"])))
        chosen = dict(zip(ids, (bool(v) for v in t["chosen"])))
        # Layout: terminals stacked on the right edge in tree order; a node's height the mean of its children's.
        children: dict[int, list[int]] = {i: [] for i in ids}
        depth = {0: 0}
        for i in ids:  # parents come before children
            if parent[i] >= 0:
                children[parent[i]].append(i)
                depth[i] = depth[parent[i]] + 1
        right = max(depth.values())
        y: dict[int, float] = {}
        leaves = [0]

        def place(n: int) -> float:
            if not children[n]:
                y[n] = -float(leaves[0])
                leaves[0] += 1
            else:
                y[n] = float(np.mean([place(c) for c in children[n]]))
            return y[n]

        place(0)
        x = {n: float(right if not children[n] else depth[n]) for n in ids}
        chosen_colour, other = _figure.PALETTE[0], "#9a9a9a"

        def reached(n: int) -> bool:  # on the path the decision and the rule take
            while n > 0:
                if not chosen[n]:
                    return False
                n = parent[n]
            return True

        for n in ids:
            if n == 0:
                continue
            p = parent[n]
            on = reached(n)
            colour = chosen_colour if on else other
            xm = x[p] + 0.18
            ax.plot([x[p], xm, x[n]], [y[p], y[n], y[n]], color=colour, lw=2.2 if on else 1.0, zorder=1)
            label = label_of[n]
            shown = "unreachable" if math.isnan(value_of[n]) else _short_money(value_of[n])
            if kind[p] == "chance":  # the estimate's branches: the threshold in the label, p by the value
                above = n == min(children[p])
                label = f"estimate {'>' if above else '≤'} {fmt_number(self.threshold, 3)}"
                shown = f"p = {prob[n]:.2f}   {shown}"
            ax.text(xm + 0.05, y[n] + 0.12, label, fontsize=8.5, color="black" if on else "#555555",
                    va="bottom", ha="left")
            ax.text(xm + 0.05, y[n] - 0.12, shown, fontsize=8.5, color=colour, va="top", ha="left",
                    fontweight="bold" if on else "normal")
        markers = {"decision": ("s", 180), "chance": ("o", 180), "terminal": ("<", 110)}
        for n in ids:
            marker, size = markers[kind[n]]
            ax.scatter([x[n]], [y[n]], marker=marker, s=size, color=chosen_colour if reached(n) else other, zorder=3)
        ax.text(x[0], y[0] + 0.3, _short_money(value_of[0]), ha="center", va="bottom", fontsize=9,
                fontweight="bold", color=chosen_colour)
        ax.set_xlim(-0.3, right + 0.9)
        ax.set_ylim(-leaves[0] + 0.4, 0.8)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        ax.set_title(title if title is not None else self.recommendation().split(":")[0] +
                     f": expected values at year 0 (£; {self.method})", fontsize=10)
        return fig


def single_step_or_staged(prior: Any, pilot: Any = None, *, se: float | None = None, horizon: int = 10,
                          restructuring_cost: float = 0.0, running_cost: float = 0.0, pilot_years: int = 1,
                          pilot_cost: float = 0.0, lag: int = 1, value_per_unit: float = 1.0,
                          scale: str = "per_year", do_minimum: float = 0.0, rule: Any = "optimal",
                          threshold: float | None = None, alpha: float = 0.05, rate: float = 0.035,
                          declining: bool = False, n_sims: int | None = None, seed: int = 0,
                          threads: int = 0) -> StagedDecision:
    """Integrate now, pilot then decide, or do minimum? The decision tree, valued at the Green Book rate.

    Integrating in year s is worth a_s θ + c_s, θ the uncertain effect: with ``scale="per_year"``, θ ×
    ``value_per_unit`` £ a year from year s + ``lag`` to the ``horizon``, less the ``restructuring_cost`` in year s
    and the ``running_cost`` a year from s + 1; with ``scale="npv"``, θ × ``value_per_unit`` is the net present value
    of integrating (at its year) and integrating later shifts it. Integrating now is s = 0; piloting costs
    ``pilot_cost`` over ``pilot_years`` years and integrates (s = ``pilot_years``) or not by ``rule``; doing the
    minimum is worth ``do_minimum``. The horizon is fixed, so a pilot's years cost the benefits they forgo.

    Parameters
    ----------
    prior : (mean, sd) or hp.finance.Uncertain
        The effect's prior: a normal (mean, sd), or any Uncertain (non-normal priors use Monte Carlo).
        Larger must be better.
    pilot : PilotDesign or dict, optional
        The pilot's design; its estimate's standard error comes from :func:`pilot_standard_error`.
    se : float, optional
        Instead of ``pilot``: the estimate's standard error (θ's scale).
    horizon : int
        The appraisal's last year (1 to 10,000).
    restructuring_cost, running_cost, pilot_cost : float
        £ (>= 0): once in the year of integrating; a year from the year after; in total over the pilot's years.
    pilot_years : int
        The pilot's duration (>= 1); ``pilot_years + lag`` must not exceed ``horizon``.
    lag : int
        Years from integrating to the first year of benefit (per_year).
    value_per_unit : float
        £ per unit of θ (a year, for per_year); > 0. 1 when θ is money.
    scale : {"per_year", "npv"}
        What θ is (see above).
    do_minimum : float
        The do-minimum path's present value, £.
    rule : {"optimal", "significance", "threshold"} or float
        After the pilot: integrate iff the posterior expected value beats doing the minimum (optimal), iff the
        estimate is positive and significant at ``alpha`` (two-sided), or iff it exceeds ``threshold`` (a number
        here means that threshold).
    threshold : float, optional
        For ``rule="threshold"``.
    alpha : float
        For ``rule="significance"``.
    rate : float
        The discount rate (the Green Book's 3.5%).
    declining : bool
        The Green Book's declining schedule.
    n_sims : int, optional
        None: the closed form for a normal prior, 100,000 Monte Carlo draws otherwise; 0: the closed form; n:
        Monte Carlo with n draws (up to 10**9).
    seed : int
        The Monte Carlo seed.
    threads : int
        Worker threads (0 = all cores); the numbers do not depend on it.

    Returns
    -------
    StagedDecision

    Examples
    --------
    >>> import healthyplaces as hp
    >>> pilot = hp.appraisal.PilotDesign("stepped_wedge", steps=2, clusters_per_step=2, cluster_size=300,
    ...                                  icc=0.03, sd=3)
    >>> r = hp.appraisal.single_step_or_staged((0.1, 0.4), pilot, value_per_unit=9_000 * 350, horizon=10,
    ...                                        restructuring_cost=2_000_000, running_cost=150_000,
    ...                                        pilot_years=2, pilot_cost=400_000)
    >>> r.best, round(r.p_integrate, 2)
    ('pilot then decide', 0.46)
    """
    u = _prior(prior)
    s, design = _se(pilot, se)
    if isinstance(rule, bool):
        raise _core.DomainError(f"{_WHO}: rule must be optimal, significance, threshold or a number, got {rule!r}")
    if isinstance(rule, (int, float)):
        if threshold is not None:
            raise _core.DomainError(f"{_WHO}: give the threshold once, as rule={rule!r} or threshold={threshold!r}")
        threshold, rule = float(rule), "threshold"
    if rule == "threshold" and threshold is None:
        raise _core.DomainError(f"{_WHO}: rule='threshold' needs threshold= (integrate iff the estimate exceeds it)")
    if rule != "threshold" and threshold is not None:
        raise _core.DomainError(f"{_WHO}: threshold= applies to rule='threshold' only, got rule={rule!r}")
    money = dict(restructuring_cost=restructuring_cost, running_cost=running_cost, pilot_cost=pilot_cost,
                 value_per_unit=value_per_unit, do_minimum=do_minimum, alpha=alpha, rate=rate)
    num = {k: _number(v, k) for k, v in money.items()}
    if n_sims is None:
        n_sims = 0 if u.kind == "normal" else 100_000
    raw = _app.staged_decision(u, s, scale=str(scale), horizon=horizon, lag=lag, pilot_years=pilot_years,
                               declining=bool(declining), rule=str(rule),
                               threshold=0.0 if threshold is None else _number(threshold, "threshold"),
                               n_sims=n_sims, seed=seed, threads=threads, **num).as_dict()
    tree = pd.DataFrame(list(raw["tree"]), columns=["node", "parent", "kind", "label", "probability", "value",
                                                    "chosen"]).set_index("node")
    return StagedDecision(
        u, float(raw["se"]), design, str(rule), str(raw["method"]), float(raw["threshold"]),
        float(raw["threshold_now"]), float(raw["break_even"]), float(raw["ev_integrate_now"]),
        float(raw["ev_pilot"]), float(raw["ev_do_minimum"]), str(raw["best"]), float(raw["p_integrate"]),
        float(raw["evsi"]), float(raw["engs"]), float(raw["evpi"]), float(raw["pilot_cost"]),
        float(raw["delay_cost"]), float(raw["sigma_pre"]), float(raw["se_ev_pilot"]), float(raw["se_p_integrate"]),
        float(raw["se_evsi"]), float(raw["se_evpi"]), int(raw["n_sims"]), int(raw["seed"]), int(horizon),
        int(pilot_years), str(scale), num["value_per_unit"], tree)
