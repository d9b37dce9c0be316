"""The integration business case under uncertainty: one-off restructuring costs, running costs and savings
(shared management posts, prevention that lowers demand after a lag) discounted at the HM Treasury Green Book
rate, with a probabilistic sensitivity analysis (the NPV's distribution, P(NPV > 0), the break-even year, a
tornado table and the expected value of perfect information). The work is one C++ call; these wrappers build
the flows and shape the DataFrames."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core, _progress
from ._uncertain import Uncertain, as_uncertain

__all__ = ["BusinessCaseResult", "Flow", "business_case", "discount_factors", "flows_from_frame", "one_off_cost",
           "prevention", "running_cost", "saving"]

_fin = _core.finance


@dataclass(frozen=True)
class Flow:
    """One line of a business case; build with :func:`one_off_cost`, :func:`running_cost`, :func:`saving` or
    :func:`prevention`."""

    name: str
    kind: str
    amount: Any  # Uncertain
    start: int
    end: int | None = None
    years: int = 1
    baseline: float = 0.0

    def _row(self) -> tuple:
        return (self.name, self.kind, self.amount, int(self.start), -1 if self.end is None else int(self.end),
                int(self.years), float(self.baseline))


def one_off_cost(name: str, amount: Any, year: int = 0, years: int = 1) -> Flow:
    """A one-off cost (restructuring, redundancies, new systems): ``amount`` in total, spread equally over
    ``years`` years from ``year`` (0 = now, undiscounted)."""
    return Flow(name, "one_off_cost", as_uncertain(amount, f"one_off_cost {name!r}: amount"), year, None, years)


def running_cost(name: str, amount: Any, start: int = 1, end: int | None = None) -> Flow:
    """A cost of ``amount`` a year from ``start`` to ``end`` (inclusive; None = the horizon)."""
    return Flow(name, "running_cost", as_uncertain(amount, f"running_cost {name!r}: amount"), start, end)


def saving(name: str, amount: Any, start: int = 1, end: int | None = None) -> Flow:
    """A saving of ``amount`` a year from ``start`` to ``end`` (e.g. shared management posts from year 2)."""
    return Flow(name, "saving", as_uncertain(amount, f"saving {name!r}: amount"), start, end)


def prevention(name: str, baseline: float, effect: Any, start: int = 3, end: int | None = None) -> Flow:
    """Demand cost avoided by prevention: ``baseline`` (the annual cost of the demand, given) × ``effect`` (the
    uncertain fraction of it prevented, e.g. ``Uncertain.beta(0.05, 0.02)``) a year from ``start`` (the year the
    effect arrives, after its lag) to ``end``."""
    effect = as_uncertain(effect, f"prevention {name!r}: effect")
    return Flow(name, "prevention", effect, start, end, 1, float(baseline))


def discount_factors(horizon: int, rate: float = 0.035, declining: bool = False) -> pd.Series:
    """The discount factor D(t) for years 0..horizon: year 0 undiscounted, year t at the end of year t,
    D(t) = Π 1/(1 + r_s) over s = 1..t; ``declining=True`` uses the Green Book's schedule (3.5% to year 30,
    3.0% years 31–75, 2.5% 76–125, 2.0% 126–200, 1.5% 201–300, 1.0% after).

    >>> import healthyplaces as hp
    >>> hp.finance.discount_factors(3).round(4).tolist()
    [1.0, 0.9662, 0.9335, 0.9019]
    """
    d = _fin.discount_factors(int(horizon), float(rate), bool(declining))
    return pd.Series(d, index=pd.RangeIndex(len(d), name="year"), name="discount_factor")


_BUILDERS = {"one_off_cost", "running_cost", "saving", "prevention"}


def flows_from_frame(frame: pd.DataFrame) -> list[Flow]:
    """Flows from a table, one row per line of the case: columns ``name``, ``kind`` (one_off_cost, running_cost,
    saving or prevention), ``amount`` (a number or an Uncertain; the effect for prevention) and optionally
    ``start`` (or ``year``), ``end``, ``years`` and ``baseline``; a missing cell takes the builder's default.

    >>> import pandas as pd, healthyplaces as hp
    >>> t = pd.DataFrame({"name": ["restructuring", "posts"], "kind": ["one_off_cost", "saving"],
    ...                   "amount": [500_000, hp.finance.Uncertain.normal(120_000, 20_000)], "start": [0, 2]})
    >>> [(f.kind, f.start, f.end) for f in hp.finance.flows_from_frame(t)]
    [('one_off_cost', 0, None), ('saving', 2, None)]
    """
    missing = [c for c in ("name", "kind", "amount") if c not in frame.columns]
    if missing:
        raise _core.DataError(f"business_case: the flows table needs columns name, kind and amount; missing {missing}")

    def cell(row: pd.Series, col: str) -> Any:
        v = row.get(col)
        return None if v is None or (isinstance(v, float) and np.isnan(v)) else v

    out = []
    for i, row in frame.reset_index(drop=True).iterrows():
        kind, name = str(row["kind"]), str(row["name"])
        if kind not in _BUILDERS:
            raise _core.DomainError(f"business_case: row {i} ({name!r}) kind must be one of one_off_cost, "
                                    f"running_cost, saving, prevention, got {kind!r}")
        start = cell(row, "start") if cell(row, "start") is not None else cell(row, "year")
        end = cell(row, "end")
        kw: dict[str, Any] = {}
        if start is not None:
            kw["year" if kind == "one_off_cost" else "start"] = int(start)
        if kind == "one_off_cost":
            if cell(row, "years") is not None:
                kw["years"] = int(cell(row, "years"))
            out.append(one_off_cost(name, row["amount"], **kw))
            continue
        if end is not None:
            kw["end"] = int(end)
        if kind == "prevention":
            out.append(prevention(name, float(cell(row, "baseline") or 0.0), row["amount"], **kw))
        else:
            out.append((running_cost if kind == "running_cost" else saving)(name, row["amount"], **kw))
    return out


class _CoreSnapshot:
    """The fields of a _core BusinessCase as plain values: what a pickled BusinessCaseResult carries."""

    _FIELDS = ("horizon", "rate", "declining", "discount_factor", "inputs", "means", "costs", "savings", "net",
               "cumulative", "npv", "break_even_year", "npv_draws", "break_even_draws", "mean_npv", "sd_npv",
               "se_mean_npv", "p_positive", "evpi", "se_evpi", "tornado", "draws", "seed", "low", "high")

    @classmethod
    def of(cls, core: Any) -> _CoreSnapshot:
        snap = cls()
        snap.__dict__.update({f: getattr(core, f) for f in cls._FIELDS})
        return snap


class BusinessCaseResult:
    """A business case's numbers: ``npv`` and ``break_even_year`` at the inputs' means, and the PSA's
    ``npv_draws``, ``mean_npv``, ``p_positive``, ``evpi`` (with Monte Carlo standard errors).

    ``years()`` is the year-by-year table at the means, ``break_even()`` the break-even year's distribution,
    ``tornado()`` the one-way sensitivity table, ``summary()`` the headline numbers and ``plot()`` a Figure.
    """

    def __init__(self, core: Any, flows: Sequence[Flow]) -> None:
        self._core = core
        self.flows = list(flows)
        self.horizon: int = core.horizon
        self.npv: float = core.npv
        self.break_even_year: int | None = None if core.break_even_year < 0 else core.break_even_year
        self.draws: int = core.draws
        self.npv_draws: np.ndarray = core.npv_draws
        self.mean_npv: float = core.mean_npv
        self.sd_npv: float = core.sd_npv
        self.se_mean_npv: float = core.se_mean_npv
        self.p_positive: float = core.p_positive
        self.evpi: float = core.evpi
        self.se_evpi: float = core.se_evpi

    def __reduce__(self) -> tuple[Any, ...]:
        # The C++ result does not pickle; its fields do, and these methods only read fields.
        return (BusinessCaseResult, (_CoreSnapshot.of(self._core), self.flows))

    def years(self) -> pd.DataFrame:
        """Year by year at the inputs' means: discount factor, costs, savings, net benefit (undiscounted),
        discounted net benefit and the cumulative discounted net benefit."""
        c = self._core
        d = np.asarray(c.discount_factor)
        out = pd.DataFrame({"discount_factor": d, "costs": c.costs, "savings": c.savings, "net": c.net},
                           index=pd.RangeIndex(len(d), name="year"))
        out["discounted_net"] = out["net"] * d
        out["cumulative"] = c.cumulative
        return out

    def break_even(self) -> pd.DataFrame:
        """The break-even year's distribution over the PSA draws: probability of breaking even in each year and
        by each year (cumulative); the last row, ``None``, is 'not within the horizon'."""
        be = np.asarray(self._core.break_even_draws)
        if be.size == 0:
            raise _core.DomainError("break_even: this business case was run with draws=0; no PSA to summarise")
        counts = np.bincount(np.where(be < 0, self.horizon + 1, be), minlength=self.horizon + 2) / be.size
        idx = pd.Index(list(range(self.horizon + 1)) + [None], name="year", dtype=object)
        return pd.DataFrame({"probability": counts, "cumulative": np.cumsum(counts)}, index=idx)

    def tornado(self) -> pd.DataFrame:
        """One-way sensitivity: each input at its low and high percentile (the others at their means), the NPV
        at each and the swing |npv_high − npv_low|, largest swing first."""
        rows = self._core.tornado
        return pd.DataFrame(rows, columns=["input", "low_value", "high_value", "npv_low", "npv_high", "swing"])

    def summary(self) -> pd.DataFrame:
        """The headline numbers (one column, ``value``)."""
        c = self._core
        out: dict[str, Any] = {"horizon": self.horizon, "discounting": "Green Book declining" if c.declining
                               else f"{c.rate:.4g} a year", "npv_at_means": self.npv,
                               "break_even_year_at_means": self.break_even_year, "draws": self.draws}
        if self.draws:
            q = np.quantile(self.npv_draws, [0.05, 0.5, 0.95])
            out.update({"mean_npv": self.mean_npv, "se_mean_npv": self.se_mean_npv, "sd_npv": self.sd_npv,
                        "npv_5%": q[0], "npv_median": q[1], "npv_95%": q[2], "p_npv_positive": self.p_positive,
                        "evpi": self.evpi, "se_evpi": self.se_evpi, "seed": c.seed})
        return pd.DataFrame({"value": pd.Series(out, dtype=object)})

    def plot(self, bins: int = 50, title: str | None = None) -> Any:
        """A matplotlib Figure: the NPV's PSA histogram (with the NPV at the means and zero marked) and the
        tornado chart."""
        import matplotlib.pyplot as plt

        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
        if self.draws:
            ax1.hist(self.npv_draws, bins=bins, color="#7aa6c2", edgecolor="white")
            ax1.set_title(f"NPV over {self.draws} draws: P(NPV > 0) = {self.p_positive:.2f}")
        else:
            ax1.set_title("NPV (no PSA draws)")
        ax1.axvline(0, color="black", lw=1)
        ax1.axvline(self.npv, color="#c0392b", lw=1.5, ls="--", label=f"at the means: {self.npv:,.0f}")
        ax1.set_xlabel("net present value")
        ax1.legend(loc="upper left", fontsize=8)
        t = self.tornado().iloc[::-1]
        y = np.arange(len(t))
        lo = np.minimum(t["npv_low"], t["npv_high"])
        hi = np.maximum(t["npv_low"], t["npv_high"])
        ax2.barh(y, hi - lo, left=lo, color="#e3a857")
        ax2.axvline(self.npv, color="black", lw=1)
        ax2.set_yticks(y, t["input"])
        c = self._core
        ax2.set_title(f"One-way sensitivity ({c.low:.0%}–{c.high:.0%} percentiles)")
        ax2.set_xlabel("net present value")
        if title:
            fig.suptitle(title)
        fig.tight_layout()
        return fig

    def __repr__(self) -> str:
        be = "not within the horizon" if self.break_even_year is None else f"year {self.break_even_year}"
        psa = (f", PSA {self.draws} draws: mean {self.mean_npv:,.0f}, P(NPV > 0) {self.p_positive:.3f}, "
               f"EVPI {self.evpi:,.0f}") if self.draws else ""
        return f"BusinessCaseResult(NPV at means {self.npv:,.0f} over {self.horizon} years, break-even {be}{psa})"

    def _repr_html_(self) -> str:
        return (f"<p>{html.escape(repr(self))}</p>" + self.summary().to_html() +
                self.tornado().to_html(index=False, float_format=lambda x: f"{x:,.0f}"))


def business_case(flows: Sequence[Flow] | pd.DataFrame, horizon: int = 10, rate: float = 0.035, declining: bool = False,
                  draws: int = 10000, seed: int = 20080101, threads: int = 0, low: float = 0.1,
                  high: float = 0.9, progress: bool | None = None) -> BusinessCaseResult:
    """The integration business case over years 0..``horizon``: NPV at the inputs' means, the break-even year,
    and a probabilistic sensitivity analysis of ``draws`` draws.

    ``flows`` come from :func:`one_off_cost`, :func:`running_cost`, :func:`saving` and :func:`prevention`
    (or a table, see :func:`flows_from_frame`); every amount may be an :class:`Uncertain`. Year 0 is the present
    and undiscounted; year t is discounted by (1 + rate)^−t (end-of-year), or by the Green Book's declining
    schedule with ``declining=True``. Break-even is the first year from which the cumulative discounted net
    benefit stays >= 0 (None: not within the horizon). In the PSA each draw takes one value of each input for
    all years; ``p_positive`` is P(NPV > 0) ("integration pays for itself") and ``evpi`` = E[max(NPV, 0)] −
    max(E[NPV], 0), the expected value of perfect information for the integrate/don't decision. The tornado puts
    each input at its ``low`` and ``high`` percentiles. Draws are made in blocks keyed by (seed, block), so any
    ``threads`` gives the same numbers. ``progress``: True shows the time elapsed while the PSA runs (None: only
    for a PSA of more than a couple of seconds in a terminal or notebook); the PSA is one C++ call, so the bar has
    no fraction done, and the numbers do not depend on it.

    >>> import healthyplaces as hp
    >>> U = hp.finance.Uncertain
    >>> case = hp.finance.business_case([
    ...     hp.finance.one_off_cost("restructuring", U.triangular(300_000, 400_000, 600_000)),
    ...     hp.finance.saving("shared management posts", U.normal(120_000, 20_000), start=1),
    ...     hp.finance.prevention("falls prevention", baseline=2_000_000, effect=U.beta(0.03, 0.015), start=3)],
    ...     horizon=5, draws=2000, seed=1)
    >>> round(case.npv), case.break_even_year
    (265394, 4)
    """
    if isinstance(flows, pd.DataFrame):
        flows = flows_from_frame(flows)
    flows = list(flows)
    for i, f in enumerate(flows):
        if not isinstance(f, Flow):
            raise _core.DomainError(f"business_case: flows[{i}] must be an hp.finance Flow (one_off_cost, "
                                    f"running_cost, saving or prevention), got {type(f).__name__}")
    def run() -> Any:
        return _fin.business_case([f._row() for f in flows], int(horizon), float(rate), bool(declining), int(draws),
                                  int(seed), int(threads), 256, float(low), float(high))

    work = float(draws) * max(len(flows), 1) * (int(horizon) + 1) / _progress.effective_threads(threads)
    if _progress.wanted(progress, work, _progress.PSA_UNITS, "business_case"):
        core = _progress.activity(run, f"business case PSA, {int(draws):,} draws")
    else:
        core = run()
    return BusinessCaseResult(core, flows)
