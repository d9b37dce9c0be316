"""Power and sample size for pilots: ordinal outcomes (Whitehead 1993), cluster-randomised and stepped-wedge
trials (Hussey and Hughes 2007), difference-in-differences with serial correlation (McKenzie 2012), and
simulation for any design with the library's estimators (or your own, slowly).

Each ``power_*`` function solves for whichever of ``power``, the size and the effect is left ``None``, like
statsmodels' ``solve_power``, and returns a :class:`PowerResult`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd


from .. import _core, _figure
from .._core import DataError, DomainError
from .._result import Result, Summary
from ._panel import Panel, as_panel
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_ev = _core.evaluation

__all__ = ["PowerResult", "PowerDesign", "power_ordinal", "power_cluster", "power_stepped_wedge", "power_did",
           "power_simulate", "proportional_odds_shift", "design_effect", "stepped_wedge_design", "panel_moments"]


def _num(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else ("inf" if math.isinf(v) else f"{v:.6g}")
    return str(v)


@dataclass(eq=False, repr=False)
class PowerResult(Result):
    """Power, size and effect of a design, one of them solved for.

    ``power``, ``n`` (in ``n_label``'s unit, not rounded: ``n_required`` rounds up), ``effect`` (on
    ``effect_label``'s scale), ``alpha``, ``solved`` ("power", "n" or "effect"), ``method`` (the formula),
    ``standard_error`` of the effect estimate, ``design_effect``, ``df`` (inf = normal test), ``mc_se`` (Monte
    Carlo SE of a simulated power; NaN for formulas) and ``details`` (design-specific numbers). ``curve()`` and
    ``effect_curve()`` vary the size or the effect; ``plot()`` draws them.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.power_cluster(0.5, power=0.8, cluster_size=20, icc=0.05)
    >>> r.solved, r.n_label, r.n_required
    ('n', 'clusters per arm', 7)
    """

    design: str
    power: float = math.nan
    n: float = math.nan
    effect: float = math.nan
    alpha: float = math.nan
    solved: str = ""
    n_label: str = ""
    effect_label: str = ""
    method: str = ""
    standard_error: float = math.nan
    design_effect: float = math.nan
    df: float = math.nan
    mc_se: float = math.nan
    details: dict[str, Any] = field(default_factory=dict)
    spec: dict[str, Any] = field(default_factory=dict)  # the call's arguments, to draw curves

    _fields = ("power", "n", "effect", "alpha", "solved", "n_label", "effect_label", "method", "standard_error",
               "design_effect", "df", "mc_se")

    @classmethod
    def _from_core(cls, design: str, spec: dict[str, Any], core: Any,
                   extra: dict[str, Any] | None = None) -> "PowerResult":
        """The C++ result's fields, its design-specific details (in its order) and ``extra`` details after them."""
        fields = {k: getattr(core, k) for k in cls._fields if hasattr(core, k)}
        return cls(design, **fields, details={**dict(core.details), **(extra or {})}, spec=spec)

    @property
    def n_required(self) -> int:
        """``n`` rounded up to a whole number (what to recruit)."""
        return int(_ev.n_required(self.n))

    def to_frame(self) -> pd.DataFrame:
        """One row with every field."""
        return pd.DataFrame([{k: getattr(self, k) for k in self._fields}])

    def summary(self) -> Summary:
        """The quantities with their meaning, the solved one marked, then the design's details."""
        rows = [("power", self.power, "probability of rejecting no effect"),
                ("n", self.n, self.n_label + " (as solved, not rounded)" if self.solved == "n" else self.n_label)]
        if self.solved == "n":  # what a protocol states: the solved size rounded up to whole units
            rows.append(("n_required", self.n_required, self.n_label + ", rounded up"))
        rows += [("effect", self.effect, self.effect_label),
                ("alpha", self.alpha, "two-sided significance level")]
        if not math.isnan(self.standard_error):
            rows.append(("standard_error", self.standard_error, "of the effect estimate"))
        if not math.isnan(self.design_effect):
            rows.append(("design_effect", self.design_effect, "variance inflation" if self.design != "did"
                         else "variance factor f"))
        if not math.isnan(self.mc_se):
            rows.append(("mc_se", self.mc_se, "Monte Carlo standard error of the power"))
        for k, v in self.details.items():
            if np.ndim(v) == 0:
                rows.append((k, v, ""))
        table = pd.DataFrame({"value": [v for _, v, _ in rows], "meaning": [m for _, _, m in rows],
                              "solved": ["solved" if k == self.solved else "" for k, _, _ in rows]},
                             index=pd.Index([k for k, _, _ in rows], name="quantity"))
        return Summary.of(f"Power ({self.design}): {self.method}", table)

    def curve(self, n: Sequence[float] | None = None) -> pd.DataFrame:
        """Power over a range of sizes at this effect.

        Parameters
        ----------
        n : sequence of float, optional
            Sizes; default n/4 to 2n.

        Returns
        -------
        pandas.DataFrame
            Columns ``n``, ``power``.
        """
        if self.design == "simulate":
            raise DomainError("a simulated power has no size to vary: use effect_curve()")
        if n is None:
            n = np.linspace(max(self.n / 4, 1e-3 if self.design != "cluster" or not self.spec.get("t_correction")
                                else 1.05), 2 * self.n, 40)
        out = []
        for v in n:
            res = _DESIGNS[self.design](**{**self.spec, **_size_key(self.design, v), "power": None,
                                          _effect_key(self.design): self.effect})
            out.append(res.power)
        return pd.DataFrame({"n": np.asarray(n, dtype=float), "power": out})

    def effect_curve(self, effects: Sequence[float] | None = None) -> pd.DataFrame:
        """Power over a range of effects at this size (simulated designs re-simulate with the same seed, so the
        curve is smooth).

        Parameters
        ----------
        effects : sequence of float, optional
            Default: from no effect to twice this one (for an odds ratio, on the log scale: 1 to its square).

        Returns
        -------
        pandas.DataFrame
            Columns ``effect``, ``power``.
        """
        if effects is None:
            if self.design == "ordinal":
                effects = np.exp(np.linspace(0, 2 * math.log(self.effect), 41))
            else:
                effects = np.linspace(0, 2 * self.effect, 11 if self.design == "simulate" else 41)
        out = []
        for e in effects:
            if self.design == "simulate":
                out.append(power_simulate(**{**self.spec, "effect": float(e)}).power)
            else:
                res = _DESIGNS[self.design](**{**self.spec, **_size_key(self.design, self.n), "power": None,
                                              _effect_key(self.design): float(e)})
                out.append(res.power)
        return pd.DataFrame({"effect": np.asarray(effects, dtype=float), "power": out})

    def plot(self, ax: Axes | None = None, against: str | None = None) -> Figure:
        """The power curve, with this result marked.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        against : {"n", "effect"}, optional
            Size (the default for formulas) or effect (the default for simulations).

        Returns
        -------
        matplotlib.figure.Figure
        """
        against = against or ("effect" if self.design == "simulate" else "n")
        if against not in ("n", "effect"):
            raise DomainError(f"against must be 'n' or 'effect', got {against!r}")
        fig, ax = _figure.axes(ax)
        colour = _figure.PALETTE[0]
        if against == "n":
            c = self.curve()
            ax.plot(c["n"], c["power"], color=colour)
            ax.set_xlabel(self.n_label)
            ax.axvline(self.n, color="grey", lw=0.8, ls=":")
        else:
            c = self.effect_curve()
            ax.plot(c["effect"], c["power"], color=colour, marker="o" if self.design == "simulate" else None)
            ax.set_xlabel(self.effect_label)
            ax.axvline(self.effect, color="grey", lw=0.8, ls=":")
        ax.axhline(self.power, color="grey", lw=0.8, ls="--", label=f"this design: {self.power:.0%}")
        ax.axhline(self.alpha, color=_figure.PALETTE[1], lw=0.6, ls=":",
                   label=f"alpha {self.alpha:g} (power with no effect)")
        ax.set_ylim(0, 1.02)
        _figure.percent_axis(ax.yaxis, scale=1.0, decimals=0)
        ax.set_ylabel("power (chance of a significant result)")
        size = f"{self.n_required:,}" if self.solved == "n" else f"{self.n:,.4g}"
        ax.set_title(f"{self.design}: power {self.power:.0%} at n = {size}, effect {self.effect:.4g}")
        _figure.legend_outside(ax, ncol=2)
        return fig

    def __repr__(self) -> str:
        mc = f" ± {self.mc_se:.2g}" if not math.isnan(self.mc_se) else ""
        return (f"PowerResult({self.design}: power={_num(self.power)}{mc}, n={_num(self.n)} ({self.n_label}), "
                f"effect={_num(self.effect)} ({self.effect_label}), alpha={_num(self.alpha)}, solved={self.solved})")


def _size_key(design: str, v: float) -> dict[str, float]:
    return {{"ordinal": "n", "cluster": "clusters_per_arm", "stepped_wedge": "m", "did": "n"}[design]: float(v)}


def _effect_key(design: str) -> str:
    return "odds_ratio" if design == "ordinal" else "effect"


# ---- 1. ordinal --------------------------------------------------------------------------------------------------

def proportional_odds_shift(control: Sequence[float], odds_ratio: float) -> np.ndarray:
    """Treated-arm category probabilities implied by proportional odds.

    For every cut the odds of scoring in a category or above (later in the list) are ``odds_ratio`` times the
    control arm's.

    Parameters
    ----------
    control : sequence of float
        The control arm's category probabilities, worst to best.
    odds_ratio : float
        The common odds ratio (> 1 = better under treatment).

    Returns
    -------
    numpy.ndarray
        The treated arm's category probabilities.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.evaluation.proportional_odds_shift([0.1, 0.2, 0.5, 0.2], 2.428571).round(3)
    array([0.044, 0.106, 0.472, 0.378])
    """
    return np.asarray(_ev.proportional_odds_shift(_probabilities(control, "control"), float(odds_ratio)))


def _probabilities(p: Any, field: str) -> list[float]:
    if isinstance(p, Mapping):
        p = list(p.values())
    arr = np.asarray(p, dtype=float)
    if arr.ndim != 1:
        raise DomainError(f"power_ordinal: {field} probabilities must be a sequence, got shape {arr.shape}")
    return arr.tolist()


def power_ordinal(control: Sequence[float] | Mapping[Any, float], odds_ratio: float | None = None,
                  n: float | None = None, power: float | None = None, *, treated: Sequence[float] | None = None,
                  alpha: float = 0.05, allocation_ratio: float = 1.0) -> PowerResult:
    """Power, total sample size or detectable odds ratio for an ordinal outcome analysed by proportional odds
    (Whitehead 1993): var(log OR) = 3 (A + 1)^2 / (A n (1 - sum pbar^3)).

    Leave one of ``odds_ratio``, ``n``, ``power`` as None: it is solved for.

    Parameters
    ----------
    control : sequence or mapping of float
        The control arm's category probabilities, worst to best (e.g. the share of councils scoring 1, 2, 3, 4
        on an Audit Commission scale; a dict keeps its order).
    odds_ratio : float, optional
        The odds of scoring in a category or above under treatment over control (> 1 = better).
    n : float, optional
        Total participants.
    power : float, optional
    treated : sequence of float, optional
        Treated-arm probabilities instead of ``odds_ratio``: the common odds ratio is derived (a DomainError if
        they are far from proportional odds).
    alpha : float
        Two-sided significance level.
    allocation_ratio : float
        Treated per control.

    Returns
    -------
    PowerResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.power_ordinal([0.1, 0.2, 0.5, 0.2], odds_ratio=2.428571, power=0.9)
    >>> r.n_required
    187
    """
    c = _probabilities(control, "control")
    t = [] if treated is None else _probabilities(treated, "treated")
    # the curves vary the odds ratio the result holds, so the spec keeps odds_ratio, never treated
    spec = dict(control=c, odds_ratio=odds_ratio, n=n, power=power, alpha=alpha, allocation_ratio=allocation_ratio)
    core = _ev.power_ordinal(c, odds_ratio, n, power, alpha, allocation_ratio, t)
    return PowerResult._from_core("ordinal", spec, core,
                                  {"control_probabilities": np.asarray(core.control_probabilities),
                                   "treated_probabilities": np.asarray(core.treated_probabilities),
                                   "mean_probabilities": np.asarray(core.mean_probabilities)})


# ---- 2. cluster-randomised trials --------------------------------------------------------------------------------

def design_effect(cluster_size: float, icc: float, cv: float = 0.0) -> float:
    """The variance inflation of clustering: 1 + ((cv^2 + 1) m - 1) ICC (Eldridge et al. 2006 for unequal sizes).

    Parameters
    ----------
    cluster_size : float
        Mean cluster size m.
    icc : float
        Intra-cluster correlation.
    cv : float
        Coefficient of variation of the cluster sizes (0 = equal).

    Returns
    -------
    float

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.evaluation.design_effect(20, 0.05), 12)
    1.95
    """
    return float(_ev.design_effect(float(cluster_size), float(icc), float(cv)))


def power_cluster(effect: float | None = None, clusters_per_arm: float | None = None, power: float | None = None,
                  *, cluster_size: float, icc: float, cv: float = 0.0, outcome: str = "continuous", sd: float = 1.0,
                  control_proportion: float | None = None, treated_proportion: float | None = None,
                  alpha: float = 0.05, t_correction: bool = False) -> PowerResult:
    """Power, clusters per arm or detectable difference for a two-arm cluster-randomised trial.

    var(difference) = (v0 + v1) DE / (k m), v = sd^2 (continuous) or p (1 - p) (binary). Leave one of
    ``effect``, ``clusters_per_arm``, ``power`` as None: it is solved for.

    Parameters
    ----------
    effect : float, optional
        Difference in means, or in proportions for a binary outcome.
    clusters_per_arm : float, optional
    power : float, optional
    cluster_size, icc, cv : float
        As :func:`design_effect`.
    outcome : {"continuous", "binary"}
    sd : float
        Individual-level SD (continuous).
    control_proportion : float, optional
        Binary: the control arm's proportion p0.
    treated_proportion : float, optional
        Binary: the treated arm's proportion, instead of ``effect``.
    alpha : float
        Two-sided significance level.
    t_correction : bool
        Test cluster means with a t on 2(k - 1) df.

    Returns
    -------
    PowerResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.evaluation.power_cluster(0.5, power=0.8, cluster_size=20, icc=0.05).n, 3)
    6.122
    """
    # the curves vary the effect the result holds, so the spec keeps effect, never treated_proportion
    spec = dict(effect=effect, clusters_per_arm=clusters_per_arm, power=power, cluster_size=cluster_size, icc=icc,
                cv=cv, outcome=outcome, sd=sd, control_proportion=control_proportion, alpha=alpha,
                t_correction=t_correction)
    core = _ev.power_cluster(effect, clusters_per_arm, power, alpha, outcome, sd,
                             math.nan if control_proportion is None else float(control_proportion),
                             float(cluster_size), float(icc), float(cv), bool(t_correction),
                             None if treated_proportion is None else float(treated_proportion))
    return PowerResult._from_core("cluster", spec, core)


# ---- 3. stepped wedge --------------------------------------------------------------------------------------------

def stepped_wedge_design(kind: str = "stepped_wedge", *, steps: int | None = None,
                         clusters_per_step: int | None = None, clusters_per_arm: int | None = None,
                         periods: int | None = None, baseline_periods: int = 1) -> np.ndarray:
    """A clusters x periods 0/1 design.

    Parameters
    ----------
    kind : {"stepped_wedge", "parallel", "parallel_baseline"}
        ``"stepped_wedge"`` uses steps, clusters_per_step and baseline_periods; ``"parallel"`` clusters_per_arm
        and periods; ``"parallel_baseline"`` clusters_per_arm, baseline_periods and periods after.
    steps, clusters_per_step, clusters_per_arm, periods, baseline_periods : int
        The sizes of the design.

    Returns
    -------
    numpy.ndarray
        Clusters x periods, 1 = treated.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.evaluation.stepped_wedge_design(steps=2, clusters_per_step=1).astype(int)
    array([[0, 1, 1],
           [0, 0, 1]])
    """
    def whole(v: Any) -> int | None:
        return None if v is None else int(v)

    return np.asarray(_ev.make_design(str(kind), whole(steps), whole(clusters_per_step), whole(clusters_per_arm),
                                      whole(periods), int(baseline_periods)))


def _design_matrix(design: Any, field: str = "design") -> np.ndarray:
    if isinstance(design, pd.DataFrame):
        design = design.to_numpy()
    x = np.asarray(design, dtype=float)
    if x.ndim != 2:
        raise DomainError(f"{field}: expected a clusters x periods matrix of 0/1, got shape {x.shape}")
    return np.asfortranarray(x)


def power_stepped_wedge(design: Any = "stepped_wedge", effect: float | None = None, m: float | None = None,
                        power: float | None = None, *, sigma: float = 1.0, tau: float | None = None,
                        icc: float | None = None, steps: int | None = None, clusters_per_step: int | None = None,
                        clusters_per_arm: int | None = None, periods: int | None = None,
                        baseline_periods: int = 1, require_switch: bool | None = None,
                        alpha: float = 0.05) -> PowerResult:
    """Power, individuals per cluster-period (``m``) or detectable effect for a stepped-wedge (or any
    clusters x periods) design by Hussey and Hughes (2007): GLS with period effects, cluster random effects.

    Leave one of ``effect``, ``m``, ``power`` as None: it is solved for.

    Parameters
    ----------
    design : str or array-like
        A 0/1 matrix (clusters x periods; a DataFrame works) or a kind for :func:`stepped_wedge_design` with its
        keywords (``steps``, ``clusters_per_step``, ``clusters_per_arm``, ``periods``, ``baseline_periods``).
    effect : float, optional
    m : float, optional
        Individuals per cluster-period.
    power : float, optional
    sigma : float
        Individual SD within a cluster-period.
    tau : float, optional
        Cluster SD; or give ``icc`` (tau^2 = icc sigma^2 / (1 - icc)).
    icc : float, optional
    steps, clusters_per_step, clusters_per_arm, periods, baseline_periods : int, optional
        As :func:`stepped_wedge_design`.
    require_switch : bool, optional
        A custom matrix must be a stepped wedge (every cluster starts untreated and ends treated) unless False.
    alpha : float
        Two-sided significance level.

    Returns
    -------
    PowerResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.power_stepped_wedge(steps=4, clusters_per_step=3, effect=0.2, m=30, tau=0.1)
    >>> round(r.power, 4)
    0.7439
    """
    kind = design if isinstance(design, str) else None
    if kind is not None:
        x = stepped_wedge_design(kind, steps=steps, clusters_per_step=clusters_per_step,
                                 clusters_per_arm=clusters_per_arm, periods=periods, baseline_periods=baseline_periods)
        if require_switch is None:
            require_switch = kind == "stepped_wedge"
    else:
        x = _design_matrix(design)
        if require_switch is None:
            require_switch = True
    spec = dict(design=x, effect=effect, m=m, power=power, sigma=sigma, tau=tau, icc=icc, require_switch=require_switch,
                alpha=alpha)
    core = _ev.power_stepped_wedge(x, effect, m, power, alpha, float(sigma), None if tau is None else float(tau),
                                   bool(require_switch), None if icc is None else float(icc))
    return PowerResult._from_core("stepped_wedge", spec, core, {"design": x})


# ---- 4. difference-in-differences ------------------------------------------------------------------------------

def panel_moments(data: Any, **columns: Any) -> dict[str, float]:
    """Planning values from a (historical) panel's untreated cells.

    The panel must be balanced over the untreated cells used; NaN cells are skipped pairwise.

    Parameters
    ----------
    data : Panel or pandas.DataFrame
    **columns
        With a DataFrame: ``unit``, ``time``, ``outcome`` (and ``treated`` or ``adoption``), as
        :meth:`Panel.from_frame`.

    Returns
    -------
    dict
        ``sd`` (of one unit in one period, around the period mean), ``rho`` (the average correlation between two
        periods of a unit), and the equivalent ``unit_sd`` / ``error_sd`` of a random unit effect plus
        independent errors.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> m = hp.evaluation.panel_moments(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale")
    >>> sorted(m), 0 < m["rho"] < 1
    (['error_sd', 'rho', 'sd', 'unit_sd'], True)
    """
    sd, rho, unit_sd, error_sd = _ev.panel_moments(as_panel(data, **columns)._core)
    return {"sd": sd, "rho": rho, "unit_sd": unit_sd, "error_sd": error_sd}


def power_did(effect: float | None = None, n: float | None = None, power: float | None = None, *,
              sd: float | None = None, rho: float | None = None, pre_periods: int = 1, post_periods: int = 1,
              ratio: float = 1.0, estimator: str = "did", alpha: float = 0.05, data: Any = None,
              unit: str | None = None, time: str | None = None, outcome: str | None = None) -> PowerResult:
    """Power, treated units or detectable effect for difference-in-differences (or ``"post"`` / ``"ancova"``)
    with equal correlation between a unit's periods (McKenzie 2012; Frison and Pocock 1992):
    var = sd^2 (1/n + 1/(ratio n)) f.

    Leave one of ``effect``, ``n``, ``power`` as None: it is solved for.

    Parameters
    ----------
    effect : float, optional
        Difference in means.
    n : float, optional
        Treated units.
    power : float, optional
    sd, rho : float, optional
        The outcome's SD and the correlation between a unit's periods; or estimate them from ``data``.
    pre_periods, post_periods : int
        Periods before (m) and after (r) adoption.
    ratio : float
        Control units per treated unit.
    estimator : {"did", "post", "ancova"}
        ANCOVA's gain assumes randomised arms.
    alpha : float
        Two-sided significance level.
    data : Panel or pandas.DataFrame, optional
        Historical data for ``sd`` and ``rho`` (see :func:`panel_moments`), with ``unit``, ``time``,
        ``outcome`` columns.
    unit, time, outcome : str, optional

    Returns
    -------
    PowerResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.evaluation.power_did(0.25, power=0.8, rho=0.5, pre_periods=3, post_periods=2).n, 2)
    104.65
    """
    details: dict[str, Any] = {}
    if data is not None:
        mom = panel_moments(data, unit=unit, time=time, outcome=outcome)
        sd = mom["sd"] if sd is None else sd
        rho = mom["rho"] if rho is None else rho
        details.update({"estimated_sd": mom["sd"], "estimated_rho": mom["rho"]})
    sd = 1.0 if sd is None else float(sd)
    rho = 0.0 if rho is None else float(rho)
    spec = dict(effect=effect, n=n, power=power, sd=sd, rho=rho, pre_periods=pre_periods, post_periods=post_periods,
                ratio=ratio, estimator=estimator, alpha=alpha)
    core = _ev.power_did(effect, n, power, alpha, sd, rho, int(pre_periods), int(post_periods), float(ratio), estimator)
    return PowerResult._from_core("did", spec, core, {"estimator": estimator, **details})


# ---- 5. simulation -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PowerDesign:
    """A design to simulate: ``treatment`` (units x periods, 0/1) and the outcome model
    y_it = period_t + u_i + effect D_it + e_it with u_i ~ N(0, unit_sd^2), period_t ~ N(0, period_sd^2) and
    errors of SD ``error_sd`` correlated ``rho`` between periods (``errors`` "independent", "ar1" or
    "equicorrelated"). Build one with the class methods; ``with_icc`` sets a cluster trial's variances.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> d = hp.evaluation.PowerDesign.parallel(3, periods=2, baseline_periods=1, unit_sd=1)
    >>> d.treatment.astype(int).tolist()
    [[0, 1, 1], [0, 1, 1], [0, 1, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]]
    """

    treatment: np.ndarray
    unit_sd: float = 0.0
    period_sd: float = 0.0
    error_sd: float = 1.0
    rho: float = 0.0
    errors: str = "independent"
    units: list[str] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        x = _design_matrix(self.treatment, "treatment")
        _ev.check_design(x, False)
        object.__setattr__(self, "treatment", x)

    @classmethod
    def parallel(cls, units_per_arm: int, periods: int = 1, baseline_periods: int = 0, **noise: Any) -> "PowerDesign":
        """Half the units treated from ``baseline_periods`` on (0: in every period), half never."""
        if baseline_periods:
            x = _ev.parallel_baseline_design(int(units_per_arm), int(baseline_periods), int(periods))
        else:
            x = _ev.parallel_design(int(units_per_arm), int(periods))
        return cls(x, **noise)

    @classmethod
    def stepped_wedge(cls, steps: int, clusters_per_step: int, baseline_periods: int = 1, **noise: Any) -> "PowerDesign":
        """The classic stepped wedge (see :func:`stepped_wedge_design`)."""
        return cls(_ev.stepped_wedge_design(int(steps), int(clusters_per_step), int(baseline_periods)), **noise)

    @classmethod
    def staggered(cls, adoption: Mapping[int | None, int], periods: int, **noise: Any) -> "PowerDesign":
        """Staggered adoption: ``adoption`` maps a first treated period index (0-based; None = never) to the
        number of units adopting then, e.g. ``{2: 10, 3: 10, None: 20}``."""
        pairs = [(None if first is None else int(first), int(count)) for first, count in adoption.items()]
        return cls(_ev.staggered_design(pairs, int(periods)), **noise)

    @classmethod
    def from_panel(cls, data: Any, errors: str = "equicorrelated", **columns: Any) -> "PowerDesign":
        """A panel's own units, periods and adoption schedule with variances estimated from its untreated cells
        (:func:`panel_moments`): unit_sd and independent error_sd (equicorrelated errors)."""
        panel = as_panel(data, **columns)
        core = panel._core
        x = _ev.treatment_matrix(core)
        mom = panel_moments(panel)
        if errors == "equicorrelated":
            noise = dict(unit_sd=mom["unit_sd"], error_sd=mom["error_sd"])
        else:
            noise = dict(error_sd=mom["sd"], rho=mom["rho"], errors=errors)
        return cls(x, units=list(core.units), **noise)

    def with_icc(self, icc: float, sd: float = 1.0, cluster_size: float = 1.0) -> "PowerDesign":
        """Units as clusters of ``cluster_size`` people with intra-cluster correlation ``icc`` and total SD ``sd``:
        unit_sd^2 = icc sd^2, error_sd^2 = (1 - icc) sd^2 / cluster_size (the cluster-period mean)."""
        unit_sd, error_sd = _ev.cluster_noise(float(icc), float(sd), float(cluster_size))
        return replace(self, unit_sd=unit_sd, error_sd=error_sd)

    def panel(self, effect: float, seed: int = 0, index: int = 0) -> np.ndarray:
        """The simulated outcome matrix of simulation ``index`` (what power_simulate used)."""
        return np.asarray(_ev.simulate_panel(self.treatment, float(effect), self.unit_sd, self.period_sd,
                                             self.error_sd, self.rho, self.errors, seed, index))


def _pvalue_of(out: Any, s: int) -> float:
    p = getattr(out, "pvalue", out)
    try:
        return float(p)
    except (TypeError, ValueError):
        raise DataError(f"power_simulate: the estimator returned {out!r} for simulation {s}; return a p-value "
                        "(or an object with .pvalue)") from None


def power_simulate(design: Any, effect: float, n_sims: int = 1000, seed: int = 0, threads: int = 0, *,
                   estimator: str | Callable[[np.ndarray, np.ndarray], Any] = "twfe", alpha: float = 0.05,
                   **columns: Any) -> PowerResult:
    """Power by simulation: draw ``n_sims`` panels of ``design`` with treatment effect ``effect`` and count how
    often ``estimator`` rejects at ``alpha``; ``mc_se`` is the Monte Carlo SE sqrt(p (1 - p) / n_sims).

    The C++ estimators run over ``threads`` with identical results for any count. A Python callable
    ``estimator(outcome, treatment) -> p-value`` (both units x periods arrays) is the slow, generic path: it
    sees exactly the panels the C++ path draws.

    Parameters
    ----------
    design : PowerDesign, Panel or pandas.DataFrame
        A :class:`PowerDesign`, or a Panel / DataFrame (with ``unit``/``time``/``outcome``/``adoption`` keywords)
        for :meth:`PowerDesign.from_panel`.
    effect : float
        The treatment effect simulated.
    n_sims : int
        Simulated panels.
    seed : int
        Simulation s draws only from (seed, s): the same numbers on every machine and thread count.
    threads : int
        0 = all cores.
    estimator : {"twfe", "cluster_means", "gls"} or callable
        "twfe" (two-way fixed effects ATT, cluster-robust SE, t on G - 1 df; the 2x2 DiD on two periods),
        "cluster_means" (t test on unit means over the treated periods) or "gls" (GLS with the design's known
        covariance: the Hussey-Hughes analysis), or your own.
    alpha : float
        Two-sided significance level.
    **columns
        With a Panel or DataFrame: its column keywords.

    Returns
    -------
    PowerResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> d = hp.evaluation.PowerDesign.parallel(30, periods=4, baseline_periods=2, unit_sd=1)
    >>> r = hp.evaluation.power_simulate(d, effect=0.6, n_sims=400, seed=1)
    >>> 0.6 < r.power < 0.9
    True
    """
    if not isinstance(design, PowerDesign):
        if isinstance(design, (Panel, pd.DataFrame)):
            design = PowerDesign.from_panel(design, **columns)
        else:
            raise DomainError("power_simulate: design must be a PowerDesign, a Panel or a DataFrame, got "
                              f"{type(design).__name__}")
    elif columns:
        raise DomainError(f"power_simulate: unexpected keywords {sorted(columns)}")
    spec = dict(design=design, effect=effect, n_sims=n_sims, seed=seed, threads=threads, estimator=estimator,
                alpha=alpha)
    d = design
    details: dict[str, Any] = {"units": d.treatment.shape[0], "periods": d.treatment.shape[1],
                               "unit_sd": d.unit_sd, "period_sd": d.period_sd, "error_sd": d.error_sd, "rho": d.rho,
                               "errors": d.errors, "n_sims": n_sims, "seed": seed}
    if callable(estimator):
        _ev.check_simulation_options(float(effect), float(alpha), n_sims)
        pvalues = [_pvalue_of(estimator(d.panel(effect, seed, s), d.treatment.copy()), s) for s in range(int(n_sims))]
        sim = _ev.power_from_pvalues(pvalues, float(alpha))
        name = getattr(estimator, "__name__", type(estimator).__name__)
        details["rejections"] = sim.rejections
        return PowerResult("simulate", power=sim.power, n=float(d.treatment.shape[0]), effect=float(effect),
                           alpha=alpha, solved="power", n_label="units", effect_label="treatment effect",
                           method=f"simulation, {n_sims} panels, Python estimator {name}", mc_se=sim.mc_se,
                           details=details, spec=spec)
    core = _ev.simulate_power(d.treatment, float(effect), d.unit_sd, d.period_sd, d.error_sd, d.rho, d.errors,
                              estimator, alpha, n_sims, seed, threads)
    details.update({"rejections": core.rejections, "mean_estimate": core.mean_estimate,
                    "sd_estimate": core.sd_estimate, "mean_se": core.mean_se})
    return PowerResult("simulate", power=core.power, n=float(d.treatment.shape[0]), effect=float(effect),
                       alpha=alpha, solved="power", n_label="units", effect_label="treatment effect",
                       method=core.method, mc_se=core.mc_se, standard_error=core.sd_estimate, details=details,
                       spec=spec)


_DESIGNS: dict[str, Callable[..., PowerResult]] = {"ordinal": power_ordinal, "cluster": power_cluster,
                                                   "stepped_wedge": power_stepped_wedge, "did": power_did}
