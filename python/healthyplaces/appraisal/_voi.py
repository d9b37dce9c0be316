"""The value of information of a probabilistic sensitivity analysis (PSA): the expected value of perfect
information (EVPI) about which option is best, and of partial perfect information (EVPPI) about one input or a
group of inputs, by the regression method of Strong, Oakley & Brennan (2014). The work is one C++ call
(``hp::appraisal::evpi`` / ``evppi``); these wrappers take arrays or DataFrames and present the result."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import Result, Summary, field_table, fmt_int, fmt_money, fmt_number, fmt_percent

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ValueOfInformation", "evpi", "evppi"]

_ap = _core.appraisal


def _net_benefit(net_benefit: Any) -> tuple[np.ndarray, list[str]]:
    if isinstance(net_benefit, pd.DataFrame):
        names = [str(c) for c in net_benefit.columns]
        values = net_benefit.to_numpy(dtype=float)
    else:
        values = np.asarray(net_benefit, dtype=float)
        names = []
    if values.ndim != 2:
        raise _core.DomainError(f"net_benefit must be a table n_sims x options (2 dimensions), got {values.ndim}")
    return values, names


def _inputs(inputs: Any) -> tuple[np.ndarray, list[str]]:
    if isinstance(inputs, pd.Series):
        inputs = inputs.to_frame()
    if isinstance(inputs, pd.DataFrame):
        return inputs.to_numpy(dtype=float), [str(c) for c in inputs.columns]
    values = np.asarray(inputs, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise _core.DomainError(f"inputs must be a table n_sims x inputs (2 dimensions), got {values.ndim}")
    return values, [f"input {j + 1}" for j in range(values.shape[1])]


def _groups(groups: Any, names: list[str]) -> list[list[int]]:
    """Groups as column indices: None = each input alone; an entry is a name, an index or a sequence of them."""
    if groups is None:
        return [[j] for j in range(len(names))]
    if isinstance(groups, (str, int, np.integer)):
        groups = [groups]

    def index(g: Any) -> int:
        if isinstance(g, (int, np.integer)) and not isinstance(g, bool):
            return int(g)
        if isinstance(g, str):
            if g not in names:
                raise _core.DomainError(f"evppi: groups names input {g!r}, which is not a column of inputs "
                                        f"({', '.join(names)})")
            return names.index(g)
        raise _core.DomainError(f"evppi: a group's inputs are column names or indices, got {g!r}")

    out = []
    for g in groups:
        out.append([index(g)] if isinstance(g, (str, int, np.integer)) else [index(x) for x in g])
    return out


@dataclass(eq=False, repr=False)
class ValueOfInformation(Result):
    """The expected value of perfect information (EVPI) of a choice between options, and the EVPPI of inputs.

    Returned by :func:`evpi` (no inputs) and :func:`evppi`. :meth:`to_frame` has one row per input or group,
    :meth:`options` the options' mean net benefit and chance of being best, :meth:`summary` both for people and
    :meth:`plot` the EVPPI bars with the EVPI as a line.

    Attributes
    ----------
    evpi, se_evpi : float
        E[max_k NB_k] − max_k E[NB_k] and its Monte Carlo standard error (net benefit units, e.g. £).
    best : str
        The option with the highest mean net benefit: the decision on current information.
    n_sims : int
        PSA samples.
    population : float
        The multiplier applied to every value (the decisions the choice affects, e.g. places × discounted
        years); 1 for per-decision values.
    option_table : pandas.DataFrame
        Per option: ``mean_net_benefit`` and ``p_best``.
    evppi_table : pandas.DataFrame
        Per input or group: ``inputs``, ``evppi``, ``standard_error``, ``share_of_evpi``, ``edf`` (the largest
        effective degrees of freedom of its regressions) and ``basis_size`` (empty for :func:`evpi`).

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> rng = np.random.default_rng(0)
    >>> inb = rng.normal(100, 300, size=(5000, 1))
    >>> r = hp.appraisal.evpi(np.hstack([np.zeros_like(inb), inb]))
    >>> r.best, round(r.evpi, -1)
    ('option 2', 80.0)
    """

    evpi: float
    se_evpi: float
    best: str
    n_sims: int
    population: float
    option_table: pd.DataFrame = field(repr=False)
    evppi_table: pd.DataFrame = field(repr=False)

    @classmethod
    def _of(cls, perfect: Any, estimates: Sequence[Any], population: float) -> ValueOfInformation:
        """From the C++ results already scaled by ``population`` (hp::appraisal::for_population); each share of
        the EVPI is hp::appraisal::share_of_evpi."""
        opts = pd.DataFrame({"mean_net_benefit": np.asarray(perfect.mean_net_benefit),
                             "p_best": perfect.p_best}, index=pd.Index(list(perfect.options), name="option"))
        ev = float(perfect.evpi)
        rows = []
        for e in estimates:
            label = " + ".join(e.inputs)
            rows.append({"group": label, "inputs": tuple(e.inputs), "evppi": e.evppi,
                         "standard_error": e.standard_error, "share_of_evpi": _ap.share_of_evpi(e.evppi, ev),
                         "edf": max(e.edf), "basis_size": int(e.basis_size)})
        table = pd.DataFrame(rows, columns=["group", "inputs", "evppi", "standard_error", "share_of_evpi", "edf",
                                            "basis_size"]).set_index("group")
        return cls(ev, float(perfect.standard_error), str(perfect.options[perfect.best]),
                   int(perfect.n_sims), float(population), opts, table)

    def to_frame(self) -> pd.DataFrame:
        """One row per input or group: its EVPPI, standard error and share of the EVPI.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``group`` (the inputs joined by " + "): ``inputs`` (a tuple), ``evppi``,
            ``standard_error``, ``share_of_evpi``, ``edf`` and ``basis_size``. Empty for :func:`evpi`.

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> rng = np.random.default_rng(1)
        >>> x = rng.normal(size=(2000, 2))
        >>> nb = np.column_stack([np.zeros(2000), x[:, 0] + 0.1 * x[:, 1]])
        >>> hp.appraisal.evppi(nb, x).to_frame().index.tolist()
        ['input 1', 'input 2']
        """
        return self.evppi_table.copy()

    def options(self) -> pd.DataFrame:
        """Each option's mean net benefit and the share of PSA samples in which it is best.

        Returns
        -------
        pandas.DataFrame
            Indexed by option: ``mean_net_benefit`` and ``p_best``.

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> r = hp.appraisal.evpi(np.array([[0.0, 1.0], [0.0, -1.0], [0.0, 2.0]]))
        >>> r.options()["p_best"].round(3).tolist()
        [0.333, 0.667]
        """
        return self.option_table.copy()

    def summary(self) -> Summary:
        """EVPI, each option's mean net benefit and chance of being best, and the EVPPI table, for people.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> r = hp.appraisal.evpi(np.array([[0.0, 1.0], [0.0, -1.0], [0.0, 2.0]]))
        >>> print(r.summary())  # doctest: +ELLIPSIS
        Value of information: EVPI £0 per decision...
        """
        per = "per decision" if self.population == 1 else f"for a population of {fmt_number(self.population)}"
        fields = [("PSA samples (n_sims)", self.n_sims), ("best on current information", self.best),
                  ("EVPI", self.evpi), ("EVPI's standard error", self.se_evpi)]
        if self.population != 1:
            fields.append(("population (decisions affected)", fmt_number(self.population)))
        formats: dict[str, Any] = {"EVPI": fmt_money, "EVPI's standard error": fmt_money,
                                   "PSA samples (n_sims)": fmt_int, "mean_net_benefit": fmt_money,
                                   "p_best": fmt_percent, "evppi": fmt_money, "standard_error": fmt_money,
                                   "share_of_evpi": fmt_percent, "edf": lambda v: f"{float(v):.1f}",
                                   "basis_size": fmt_int}
        out = Summary.of(f"Value of information: EVPI {fmt_money(self.evpi)} {per}", field_table(fields),
                         formats=formats)
        out.add("Options: mean net benefit and the chance of being best", self.option_table)
        if len(self.evppi_table):
            out.add("EVPPI: the value of knowing these inputs exactly (regression estimate)",
                    self.evppi_table.drop(columns="inputs"))
            out.notes.append("EVPPI by Strong, Oakley & Brennan's regression (a penalised cubic spline, GCV); the "
                             "standard error is the regression's, by the delta method; edf: effective degrees of "
                             "freedom of the fit.")
        return out

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Horizontal EVPPI bars (largest at the top, ±2 standard errors; the largest 30 when there are more)
        with the EVPI as a vertical line.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        title : str, optional
            The chart's title.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> rng = np.random.default_rng(1)
        >>> x = rng.normal(size=(2000, 2))
        >>> nb = np.column_stack([np.zeros(2000), x[:, 0] + 0.1 * x[:, 1]])
        >>> fig = hp.appraisal.evppi(nb, x).plot()
        >>> fig.axes[0].get_xlabel()
        'expected value of information (£)'
        """
        total = len(self.evppi_table)
        t = self.evppi_table.sort_values("evppi").iloc[-30:]  # past ~30 labels a chart is unreadable: the top 30
        fig, a = _figure.axes(ax, 7.0, max(2.8, 1.4 + 0.35 * len(t)))
        y = np.arange(len(t))
        if len(t):
            a.barh(y, t["evppi"], xerr=2 * t["standard_error"], color=_figure.PALETTE[0], label="EVPPI (± 2 SE)")
            a.set_yticks(y, list(t.index))
        else:
            a.set_yticks([])
        a.axvline(self.evpi, color=_figure.PALETTE[1], lw=1.5, ls="--", label=f"EVPI: {fmt_money(self.evpi)}")
        a.set_xlim(left=0)
        a.set_xlabel("expected value of information (£)")
        _figure.money_axis(a.xaxis)
        shown = f"the largest 30 of {fmt_int(total)}" if total > len(t) else fmt_int(total)
        a.set_title(title or f"Which uncertainty matters: EVPPI of {shown} inputs or groups")
        # below the tick labels and the axis label at any height (legend_outside's offset is a fraction of the
        # axes, which on a short chart of few bars lands on the label)
        a.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), borderaxespad=3.4, ncol=2, frameon=False)
        return fig

    def __repr__(self) -> str:
        rows = f", {len(self.evppi_table)} EVPPI rows" if len(self.evppi_table) else ""
        return f"ValueOfInformation(EVPI {self.evpi:,.4g} (SE {self.se_evpi:,.2g}), best {self.best!r}{rows})"


def _check_population(population: Any) -> float:
    """A number (its range, positive and finite, is the C++ core's rule: hp::appraisal::for_population)."""
    if isinstance(population, bool) or not isinstance(population, (int, float, np.integer, np.floating)):
        raise _core.DomainError(f"population must be a positive number (the decisions affected), got {population!r}")
    return float(population)


def evpi(net_benefit: Any, population: float = 1.0) -> ValueOfInformation:
    """The expected value of perfect information (EVPI) of a choice between options, from a PSA.

    EVPI = E[max_k NB_k] − max_k E[NB_k]: what resolving every uncertainty would be worth before choosing; its
    standard error is that of the mean opportunity loss of the option best on current information.

    Parameters
    ----------
    net_benefit : array-like or DataFrame, shape (n_sims, options)
        One row per PSA sample, one column per option (at least 2; a DataFrame's columns name the options).
    population : float
        Multiply every value by this: the decisions the choice affects (e.g. places, or years discounted), for
        the population EVPI; 1 gives the value per decision.

    Returns
    -------
    ValueOfInformation

    Examples
    --------
    >>> import numpy as np, pandas as pd, healthyplaces as hp
    >>> rng = np.random.default_rng(0)
    >>> nb = pd.DataFrame({"do minimum": np.zeros(4000), "pooled budget": rng.normal(50, 200, 4000)})
    >>> r = hp.appraisal.evpi(nb)
    >>> r.best, r.options()["p_best"].round(2).tolist()
    ('pooled budget', [0.42, 0.58])
    """
    values, names = _net_benefit(net_benefit)
    s = _check_population(population)
    return ValueOfInformation._of(_ap.for_population(_ap.evpi(values, names), s), [], s)


def evppi(net_benefit: Any, inputs: Any, groups: Any = None, population: float = 1.0,
          threads: int = 0) -> ValueOfInformation:
    """The expected value of partial perfect information (EVPPI) of inputs, by regression on the PSA.

    Strong, Oakley & Brennan's method (2014): each option's net benefit minus the first option's is smoothed on
    the inputs of interest by a penalised cubic regression spline (25 B-spline basis functions with knots at the
    input's quantiles, an integrated squared second-derivative penalty, the smoothing chosen by generalised
    cross-validation); EVPPI = mean_i max_k ĝ_ik − max_k mean_i ĝ_ik. A group of 2 to 4 inputs is smoothed by a
    tensor product of such splines (10, 6 and 5 basis functions per input for 2, 3 and 4 inputs) with one
    smoothing parameter on the inputs' ranges. Larger groups are refused (use Gaussian-process regression or
    INLA, e.g. R's ``voi`` package). The standard error is the regression's, by the delta method.

    Parameters
    ----------
    net_benefit : array-like or DataFrame, shape (n_sims, options)
        One row per PSA sample, one column per option (a DataFrame's columns name the options).
    inputs : array-like or DataFrame, shape (n_sims, inputs)
        The input values that produced each row (a DataFrame's columns name the inputs).
    groups : sequence, optional
        What to value: each entry an input (name or column index) or a sequence of up to 4 of them, valued
        together. Default: each input alone.
    population : float
        Multiply every value by this: the decisions the choice affects (e.g. places, or years discounted); 1
        gives the value per decision.
    threads : int
        Groups are estimated in parallel (0 = all cores); the numbers do not depend on it.

    Returns
    -------
    ValueOfInformation

    Raises
    ------
    DomainError
        A group larger than 4, an input without variation, fewer than 5 PSA samples per basis function.
    DataError
        Mismatched rows, a value that is not finite (naming the input or option and the row).

    Examples
    --------
    >>> import numpy as np, pandas as pd, healthyplaces as hp
    >>> rng = np.random.default_rng(2)
    >>> x = pd.DataFrame({"savings": rng.normal(1.0, 1.0, 4000), "cost": rng.normal(0.5, 0.5, 4000)})
    >>> nb = pd.DataFrame({"do minimum": 0.0, "merge": x["savings"] - x["cost"]})
    >>> r = hp.appraisal.evppi(nb, x, groups=["savings", "cost", ("savings", "cost")])
    >>> r.to_frame()["evppi"].round(2).tolist()
    [0.21, 0.05, 0.25]
    """
    values, names = _net_benefit(net_benefit)
    x, input_names = _inputs(inputs)
    s = _check_population(population)
    core = _ap.for_population(_ap.evppi(values, x, _groups(groups, input_names), names, input_names, threads), s)
    return ValueOfInformation._of(core.perfect, core.estimates, s)
