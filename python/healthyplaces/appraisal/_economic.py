"""The economic appraisal of a short list (the Green Book's economic case): several options side by side on
common random numbers, each a list of :mod:`hp.finance` flows raised by its optimism bias, against business as
usual. The work is one C++ call (``hp::appraisal::appraise``); these wrappers build the options and shape the
DataFrames and charts."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import Result, Summary, field_table, fmt_int, fmt_money, fmt_number, fmt_percent
from ..finance import Flow, Uncertain, flows_from_frame

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["EconomicAppraisalResult", "Option", "appraise"]

_app = _core.appraisal
_UPLIFTS = ("capital", "operating", "duration")
_BLOCK_SIZE = 256  # simulations per random stream (block b draws from stream (seed, b))


def _quantity(value: Any, where: str) -> Any:
    """A non-monetised quantity as an Uncertain: a number is a fixed one."""
    if isinstance(value, Uncertain):
        return value
    try:
        return Uncertain.fixed(float(value))
    except (TypeError, ValueError):
        raise _core.DomainError(f"{where} must be a number or an hp.finance.Uncertain, got {value!r}") from None


def _optimism_bias(value: Any, where: str) -> tuple[float, float, float]:
    """(capital, operating, duration) from None, a mapping or an object with those attributes (e.g. the
    OptimismBias the optimism-bias tables give); the C++ side checks the values."""
    if value is None:
        return (0.0, 0.0, 0.0)
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - set(_UPLIFTS))
        if unknown:
            raise _core.DomainError(f"{where}: optimism_bias keys are capital, operating and duration, got "
                                    f"{unknown}")
        got = [value.get(k, 0.0) for k in _UPLIFTS]
    elif any(hasattr(value, k) for k in _UPLIFTS):
        got = [getattr(value, k, 0.0) for k in _UPLIFTS]
    else:
        raise _core.DomainError(f"{where}: optimism_bias must be None, a dict or an object with capital, operating "
                                f"and duration (fractions, 0.2 = +20%), got {type(value).__name__}")
    try:
        return tuple(float(x) for x in got)  # type: ignore[return-value]
    except (TypeError, ValueError):
        raise _core.DomainError(f"{where}: optimism_bias capital, operating and duration must be numbers, "
                                f"got {got!r}") from None


@dataclass(frozen=True, eq=False)
class Option:
    """One option of the short list: its flows, its optimism bias and, optionally, a benefit money does not
    capture.

    Parameters
    ----------
    name : str
        The option's name (distinct within an appraisal).
    flows : sequence of hp.finance.Flow, or DataFrame
        Its costs and benefits, built with :func:`hp.finance.one_off_cost`, :func:`~hp.finance.running_cost`,
        :func:`~hp.finance.saving` and :func:`~hp.finance.prevention`, or a table as
        :func:`hp.finance.flows_from_frame` reads. A flow's name is its input: the same name in another option is
        the same quantity, drawn once per simulation and shared (common random numbers).
    optimism_bias : OptimismBias, dict or None
        The uplifts as fractions: ``capital`` (one-off costs × (1 + capital)), ``operating`` (running costs ×
        (1 + operating)) and ``duration`` (benefits start round(duration × works years) later, the works years
        being the span of the option's one-off costs). Any object with those attributes, a dict, or None (no
        uplift).
    non_monetised : float or hp.finance.Uncertain, optional
        A benefit money does not capture, as a quantity in its own unit over the appraisal (people supported at
        home, say): it enters the net benefit as ``wtp × quantity`` on the acceptability curve, not the NPSV.
    non_monetised_name : str, optional
        Its input name (default ``"<name>: non-monetised benefit"``, its own quantity); the same name in another
        option is the same quantity.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> o = hp.appraisal.Option("pooled budget", [hp.finance.one_off_cost("set-up", 200_000),
    ...                                           hp.finance.saving("posts", 90_000, start=1)],
    ...                         optimism_bias={"capital": 0.2})
    >>> o.name, len(o.flows), o.optimism_bias
    ('pooled budget', 2, {'capital': 0.2})
    """

    name: str
    flows: Sequence[Flow] | pd.DataFrame = ()
    optimism_bias: Any = None
    non_monetised: Any = None
    non_monetised_name: str | None = None

    def __post_init__(self) -> None:
        flows = self.flows
        if isinstance(flows, pd.DataFrame):
            flows = flows_from_frame(flows)
        flows = tuple(flows)
        for i, f in enumerate(flows):
            if not isinstance(f, Flow):
                raise _core.DomainError(f"Option {self.name!r}: flows[{i}] must be an hp.finance Flow (one_off_cost, "
                                        f"running_cost, saving or prevention), got {type(f).__name__}")
        object.__setattr__(self, "flows", flows)
        # checked now, where the mistake is made
        _optimism_bias(self.optimism_bias, f"Option {self.name!r}")
        if self.non_monetised is not None:
            _quantity(self.non_monetised, f"Option {self.name!r}: non_monetised")

    def __eq__(self, other: object) -> bool:
        # Flows hold compiled Uncertain inputs, equal by value only through their pickled state.
        if not isinstance(other, Option):
            return NotImplemented
        import pickle

        def state(o: Option) -> bytes:
            # round-tripped first: the bytes of one object depend on which strings it shares (pickle's memo)
            return pickle.dumps(pickle.loads(pickle.dumps((o.name, o.flows, o.optimism_bias, o.non_monetised,
                                                           o.non_monetised_name))))

        return state(self) == state(other)

    __hash__ = None  # type: ignore[assignment]

    def _row(self) -> tuple:
        benefit = None if self.non_monetised is None else _quantity(
            self.non_monetised, f"Option {self.name!r}: non_monetised")
        flows: Any = self.flows  # a tuple of Flow since __post_init__
        return (str(self.name), [f._row() for f in flows], _optimism_bias(self.optimism_bias, f"Option {self.name!r}"),
                "" if self.non_monetised_name is None else str(self.non_monetised_name), benefit)


@dataclass(eq=False)
class EconomicAppraisalResult(Result):
    """The economic appraisal of several options: each option's net present social value (NPSV) at the means and
    its distribution, the increment over business as usual, the benefit-cost ratio, P(best), the acceptability
    curve, EVPI and switching values.

    Attributes
    ----------
    options : list of Option
        The options as given.
    business_as_usual, preferred : str
        The comparator, and the option with the highest NPSV at the means (its expectation: NPSV is linear in
        the inputs).
    horizon : int
        The last year (years run 0..horizon).
    rate : float
        The discount rate a year (ignored when ``declining``).
    declining : bool
        The Green Book's declining schedule.
    n_sims, seed : int
        Monte Carlo simulations (0: at the means only) and the seed.
    evpi, se_evpi : float
        The expected value of perfect information, E[max NPSV] − max E[NPSV] (£), and its Monte Carlo standard
        error.
    option_table : DataFrame
        One row per option (see :meth:`to_frame`).
    net_benefit : DataFrame
        The NPSV by simulation (rows) and option (columns), £: what the EVPPI estimators use.
    non_monetised_draws : DataFrame
        The non-monetised quantity by simulation and option (0 without one).
    input_draws : DataFrame
        Each named input's value by simulation (a fixed input's column is constant).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> U = hp.finance.Uncertain
    >>> res = hp.appraisal.appraise([
    ...     hp.appraisal.Option("business as usual"),
    ...     hp.appraisal.Option("pool", [hp.finance.one_off_cost("set-up", 100_000),
    ...                                  hp.finance.saving("posts", U.normal(30_000, 10_000))])],
    ...     horizon=5, n_sims=1000)
    >>> res.preferred, res.net_benefit.shape
    ('pool', (1000, 2))
    """

    options: list[Option]
    business_as_usual: str
    preferred: str
    horizon: int
    rate: float
    declining: bool
    n_sims: int
    seed: int
    evpi: float
    se_evpi: float
    option_table: pd.DataFrame = field(repr=False)
    year_table: pd.DataFrame = field(repr=False)
    inputs_table: pd.DataFrame = field(repr=False)
    switching_table: pd.DataFrame = field(repr=False)
    acceptability_table: pd.DataFrame = field(repr=False)
    net_benefit: pd.DataFrame = field(repr=False)
    non_monetised_draws: pd.DataFrame = field(repr=False)
    input_draws: pd.DataFrame = field(repr=False)

    @classmethod
    def _of(cls, core: Any, options: Sequence[Option]) -> EconomicAppraisalResult:
        rows = core.options
        names = [r["name"] for r in rows]
        bau = int(core.business_as_usual)
        levels = np.asarray(core.quantile_levels)
        table = pd.DataFrame({
            "npsv": [r["npsv"] for r in rows],
            "pv_costs": [r["pv_costs"] for r in rows],
            "pv_benefits": [r["pv_benefits"] for r in rows],
            "bcr": [r["bcr"] for r in rows],
            "incremental_npsv": [r["incremental_npsv"] for r in rows],
            "incremental_bcr": [r["incremental_bcr"] for r in rows],
            "mean_npsv": [r["mean_npsv"] for r in rows],
            "sd_npsv": [r["sd_npsv"] for r in rows],
            "se_mean_npsv": [r["se_mean_npsv"] for r in rows],
            **{f"npsv_q{round(100 * q):02d}": [float(r["quantiles"][i]) for r in rows]
               for i, q in enumerate(levels)},
            "mean_incremental": [r["mean_incremental"] for r in rows],
            "sd_incremental": [r["sd_incremental"] for r in rows],
            "p_incremental_positive": [r["p_incremental_positive"] for r in rows],
            "p_best": [r["p_best"] for r in rows],
            "non_monetised": [r["non_monetised"] for r in rows],
            "capital": [r["capital"] for r in rows],
            "operating": [r["operating"] for r in rows],
            "duration": [r["duration"] for r in rows],
            "works_years": [int(r["works_years"]) for r in rows],
            "benefit_delay": [int(r["benefit_delay"]) for r in rows],
            "business_as_usual": [k == bau for k in range(len(rows))],
            "preferred": [k == int(core.preferred) for k in range(len(rows))],
        }, index=pd.Index(names, name="option"))
        d = np.asarray(core.discount_factor)
        years = pd.concat([pd.DataFrame({"option": r["name"], "year": np.arange(len(d)), "discount_factor": d,
                                         "costs": np.asarray(r["costs"]), "benefits": np.asarray(r["benefits"])})
                           for r in rows], ignore_index=True)
        years["net"] = years["benefits"] - years["costs"]
        years["discounted_net"] = years["net"] * years["discount_factor"]
        inputs = pd.DataFrame([(n, dist, m, ", ".join(opts), nm) for n, dist, m, opts, nm in core.inputs],
                              columns=["input", "distribution", "mean", "options", "non_monetised"])
        switching = pd.DataFrame(core.switching, columns=["input", "mean", "low", "high", "found", "switching_value",
                                                          "takes_over"])
        switching["takes_over"] = switching["takes_over"].where(switching["found"], None)
        wtp, p_best, enb, pref, evpi = core.acceptability
        acc = pd.DataFrame({
            "wtp": np.repeat(np.asarray(wtp), len(names)),
            "option": names * len(wtp),
            "p_best": np.asarray(p_best).ravel(),
            "expected_net_benefit": np.asarray(enb).ravel(),
            "preferred": [int(pref[w]) == k for w in range(len(wtp)) for k in range(len(names))],
            "evpi": np.repeat(np.asarray(evpi), len(names)),
        })
        sims = pd.RangeIndex(int(core.n_sims), name="simulation")
        net = pd.DataFrame(np.asarray(core.net_benefit), index=sims, columns=pd.Index(names, name="option"))
        nm = pd.DataFrame(np.asarray(core.non_monetised), index=sims, columns=pd.Index(names, name="option"))
        draws = pd.DataFrame(np.asarray(core.input_draws), index=sims,
                             columns=pd.Index(list(inputs["input"]), name="input"))
        return cls(list(options), names[bau], names[int(core.preferred)], int(core.horizon), float(core.rate),
                   bool(core.declining), int(core.n_sims), int(core.seed), float(core.evpi), float(core.se_evpi),
                   table, years, inputs, switching, acc, net, nm, draws)

    # ---- tables ------------------------------------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per option.

        Returns
        -------
        pandas.DataFrame
            Indexed by option: ``npsv`` (at the means, £), ``pv_costs``, ``pv_benefits``, ``bcr`` (PV benefits /
            PV costs; NaN without costs), ``incremental_npsv`` and ``incremental_bcr`` (against business as usual;
            the BCR NaN for it and for options costing no more), the PSA's ``mean_npsv``, ``sd_npsv``,
            ``se_mean_npsv`` and quantiles ``npsv_q05`` .. ``npsv_q95``, ``mean_incremental``, ``sd_incremental``,
            ``p_incremental_positive``, ``p_best``, the ``non_monetised`` quantity's mean, the optimism bias
            applied (``capital``, ``operating``, ``duration``, ``works_years``, ``benefit_delay``) and flags
            ``business_as_usual`` and ``preferred``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"),
        ...     hp.appraisal.Option("pool", [hp.finance.saving("posts", 100)])], horizon=2, rate=0.0, n_sims=0)
        >>> res.to_frame()["npsv"].tolist()
        [0.0, 200.0]
        """
        return self.option_table.copy()

    def cash_flows(self) -> pd.DataFrame:
        """Each option's costs and benefits by year at the inputs' means, with optimism bias applied.

        Returns
        -------
        pandas.DataFrame
            ``option``, ``year``, ``discount_factor``, ``costs``, ``benefits``, ``net`` (undiscounted, £) and
            ``discounted_net``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"), hp.appraisal.Option("pool",
        ...     [hp.finance.one_off_cost("set-up", 100)], optimism_bias={"capital": 0.5})], horizon=1, n_sims=0)
        >>> res.cash_flows().query("option == 'pool'")["costs"].tolist()
        [150.0, 0.0]
        """
        return self.year_table.copy()

    def inputs(self) -> pd.DataFrame:
        """The named inputs: ``input``, ``distribution``, ``mean``, the ``options`` using it and whether it is a
        ``non_monetised`` quantity.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import healthyplaces as hp
        >>> posts = hp.finance.saving("posts", hp.finance.Uncertain.normal(100, 10))
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("a", [posts]), hp.appraisal.Option("b", [posts])],
        ...                             n_sims=0)
        >>> res.inputs()["options"].tolist()
        ['a, b']
        """
        return self.inputs_table.copy()

    def evppi(self, groups: Any = None, population: float = 1.0, threads: int = 0) -> Any:
        """The expected value of partial perfect information of the uncertain inputs (or groups of them), by
        regression on this appraisal's simulations (:func:`healthyplaces.appraisal.evppi` on ``net_benefit`` and
        ``input_draws``).

        Parameters
        ----------
        groups : sequence, optional
            Input names, or lists of up to four names estimated together; by default every input on its own.
        population : float, default 1
            Multiplies every value (e.g. the decisions this appraisal stands for).
        threads : int, default 0
            Worker threads, 0 = all cores (the numbers do not depend on it).

        Returns
        -------
        ValueOfInformation
            One row per input or group: EVPPI, its standard error and its share of the EVPI.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> U = hp.finance.Uncertain
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"), hp.appraisal.Option("merge",
        ...     [hp.finance.one_off_cost("restructuring", U.normal(300, 100)),
        ...      hp.finance.saving("posts", U.normal(100, 50))])], horizon=3, rate=0.0, n_sims=4000, seed=1)
        >>> v = res.evppi()
        >>> v.to_frame().index.tolist()
        ['restructuring', 'posts']
        """
        if self.n_sims == 0:
            raise _core.DomainError("evppi: the appraisal was run with n_sims=0 (no simulations to regress on); "
                                    "run appraise(..., n_sims=10_000) or more")
        from ._voi import evppi
        inputs = self.input_draws
        if groups is None:
            varying = [c for c in inputs.columns if np.ptp(inputs[c].to_numpy()) > 0]
            groups = varying
        return evppi(self.net_benefit, inputs, groups=groups, population=population, threads=threads)

    def switching_values(self) -> pd.DataFrame:
        """For each input, the value at which the preferred option changes, the others at their means.

        NPSV is linear in each input, so the switch is solved exactly; the nearest one to the input's mean
        within its plausible range (``low`` .. ``high``: its 0.1% and 99.9% quantiles unless ``ranges`` gave
        one) is reported, with the option that takes over, or ``found`` False: none in range.

        Returns
        -------
        pandas.DataFrame
            ``input``, ``mean``, ``low``, ``high``, ``found``, ``switching_value`` (NaN if none) and
            ``takes_over`` (None if none).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"), hp.appraisal.Option("merge",
        ...     [hp.finance.one_off_cost("restructuring", hp.finance.Uncertain.uniform(0, 300)),
        ...      hp.finance.saving("posts", 100)])], horizon=2, rate=0.0, n_sims=0)
        >>> row = res.switching_values().iloc[0]
        >>> row["input"], round(row["switching_value"]), row["takes_over"]
        ('restructuring', 200, 'bau')
        """
        return self.switching_table.copy()

    def acceptability(self) -> pd.DataFrame:
        """The acceptability curve: by value per unit of non-monetised benefit (``wtp``), each option's
        probability of the highest net benefit NPSV + wtp × quantity.

        Returns
        -------
        pandas.DataFrame
            ``wtp``, ``option``, ``p_best`` (NaN when n_sims = 0), ``expected_net_benefit`` (exact, £),
            ``preferred`` (the highest expected net benefit at that wtp) and ``evpi`` (at that wtp, £).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"),
        ...     hp.appraisal.Option("pool", [hp.finance.one_off_cost("set-up", 100)], non_monetised=10)],
        ...     horizon=1, n_sims=100, wtp=[0, 5, 20])
        >>> res.acceptability().query("option == 'pool'")["p_best"].tolist()
        [0.0, 0.0, 1.0]
        """
        return self.acceptability_table.copy()

    def net_benefit_at(self, wtp: float) -> pd.DataFrame:
        """The net benefit NPSV + wtp × non-monetised quantity by simulation and option.

        Parameters
        ----------
        wtp : float
            The value (£) per unit of non-monetised benefit.

        Returns
        -------
        pandas.DataFrame
            Simulations by options, £.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("a", non_monetised=3)], n_sims=2)
        >>> res.net_benefit_at(10.0)["a"].tolist()
        [30.0, 30.0]
        """
        w = float(wtp)
        if not np.isfinite(w):
            raise _core.DomainError(f"net_benefit_at: wtp (the value per unit of non-monetised benefit) must be "
                                    f"finite, got {wtp!r}")
        return self.net_benefit + w * self.non_monetised_draws

    # ---- for people --------------------------------------------------------------------------------------------

    def _headline(self) -> list[tuple[str, Any]]:
        t = self.option_table
        rows: list[tuple[str, Any]] = [
            ("options", len(t)),
            ("business as usual", self.business_as_usual),
            ("preferred (highest NPSV at the means)", self.preferred),
            ("its NPSV", fmt_money(t.loc[self.preferred, "npsv"])),
            ("its NPSV over business as usual", fmt_money(t.loc[self.preferred, "incremental_npsv"])),
            ("horizon (years)", self.horizon),
            ("discounting", "Green Book declining" if self.declining else f"{fmt_percent(self.rate)} a year"),
            ("simulations (n_sims)", fmt_int(self.n_sims))]
        if self.n_sims:
            rows += [("P(preferred is best)", fmt_percent(t.loc[self.preferred, "p_best"])),
                     ("EVPI", fmt_money(self.evpi)), ("EVPI's standard error", fmt_money(self.se_evpi)),
                     ("seed", fmt_int(self.seed))]
        return rows

    def summary(self) -> Summary:
        """The headline, the options' table and the switching values, for people.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"),
        ...     hp.appraisal.Option("pool", [hp.finance.saving("posts", 100)])], horizon=2, rate=0.0, n_sims=0)
        >>> print(res.summary())  # doctest: +ELLIPSIS
        Economic appraisal of 2 options: pool preferred, NPSV £200 (£200 over business as usual)
        ...
        """
        t = self.option_table
        cols = ["npsv", "incremental_npsv", "pv_costs", "pv_benefits", "bcr", "incremental_bcr"]
        if self.n_sims:
            cols += ["mean_npsv", "sd_npsv", "npsv_q05", "npsv_q95", "p_incremental_positive", "p_best"]
        if (t["non_monetised"] != 0).any():
            cols.append("non_monetised")
        cols += ["capital", "operating", "duration", "benefit_delay"]
        money = ["npsv", "incremental_npsv", "pv_costs", "pv_benefits", "mean_npsv", "sd_npsv", "npsv_q05",
                 "npsv_q95"]
        formats: dict[str, Any] = {m: fmt_money for m in money}
        formats.update({c: (lambda v: fmt_number(v, 3)) for c in ("bcr", "incremental_bcr", "non_monetised")})
        formats.update({c: fmt_percent for c in ("p_incremental_positive", "p_best", "capital", "operating",
                                                 "duration")})
        formats["benefit_delay"] = fmt_int
        title = (f"Economic appraisal of {len(t)} options: {self.preferred} preferred, NPSV "
                 f"{fmt_money(t.loc[self.preferred, 'npsv'])} ({fmt_money(t.loc[self.preferred, 'incremental_npsv'])}"
                 f" over business as usual)")
        out = Summary.of(title, field_table(self._headline()), formats=formats)
        out.add("Options (£, present values at year 0; optimism bias applied)", t[cols])
        sw = self.switching_table.copy()
        sw["switching_value"] = [fmt_number(v) if f else "none in range" for v, f in
                                 zip(sw["switching_value"], sw["found"])]
        sw["takes_over"] = sw["takes_over"].fillna("–")
        for c in ("mean", "low", "high"):
            sw[c] = [fmt_number(v) for v in sw[c]]
        out.add("Switching values (each input alone, the others at their means; range: its 0.1%-99.9% quantiles "
                "unless given)", sw.drop(columns="found").set_index("input"))
        out.notes.append("NPSV = PV benefits − PV costs, years 0..horizon discounted as in hp.finance (Green Book). "
                         "Optimism bias: one-off costs × (1 + capital), running costs × (1 + operating), benefits "
                         "start round(duration × works years) later. BCR: PV benefits / PV costs (– without costs); "
                         "incremental BCR against business as usual (– for it and for options costing no more). "
                         "Inputs with the same name are one quantity, shared by every option in each simulation.")
        return out

    def plot(self, kind: str = "npsv", ax: Axes | None = None, title: str | None = None) -> Figure:
        """A chart of the appraisal.

        Parameters
        ----------
        kind : {"npsv", "incremental", "acceptability", "switching"}
            ``"npsv"``: each option's NPSV distribution (violins, the NPSV at the means marked); ``"incremental"``:
            each option's NPSV over business as usual; ``"acceptability"``: P(best) against the value per unit
            of non-monetised benefit; ``"switching"``: each input's plausible range, its mean and switching value.
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        title : str, optional
            A title over the chart.

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> U = hp.finance.Uncertain
        >>> res = hp.appraisal.appraise([hp.appraisal.Option("bau"),
        ...     hp.appraisal.Option("pool", [hp.finance.saving("posts", U.normal(100, 30))])], n_sims=500)
        >>> res.plot().axes[0].get_xlabel()
        'net present social value (£)'
        """
        kinds = ("npsv", "incremental", "acceptability", "switching")
        if kind not in kinds:
            raise _core.DomainError(f"plot: kind must be one of {', '.join(repr(k) for k in kinds)}, got {kind!r}")
        t = self.option_table
        names = list(t.index)
        height = 1.2 + 0.5 * max(len(names), len(self.switching_table)) if kind != "acceptability" else 4.2
        fig, a = _figure.axes(ax, 7.5, height)
        if kind in ("npsv", "incremental"):
            shown = names if kind == "npsv" else [n for n in names if n != self.business_as_usual]
            if kind == "npsv":
                data = [self.net_benefit[n].to_numpy() for n in shown]
                at_means = [t.loc[n, "npsv"] for n in shown]
                label = "net present social value (£)"
            else:
                base = self.net_benefit[self.business_as_usual].to_numpy()
                data = [self.net_benefit[n].to_numpy() - base for n in shown]
                at_means = [t.loc[n, "incremental_npsv"] for n in shown]
                label = f"NPSV over {self.business_as_usual} (£)"
            y = np.arange(len(shown))[::-1]
            if self.n_sims:
                # violins where the NPSV varies; a point mass (a fixed option) shows as its line and dot only
                varies = [i for i, d in enumerate(data) if np.ptp(d) > 0]
                if varies:
                    import matplotlib

                    # matplotlib 3.10 names the orientation; older ones take vert
                    turn: dict[str, Any] = ({"orientation": "horizontal"} if
                                            tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) >= (3, 10)
                                            else {"vert": False})
                    parts = a.violinplot([data[i] for i in varies], positions=y[varies], showextrema=False,
                                         widths=0.8, **turn)
                    bodies: Any = parts["bodies"]
                    for body in bodies:
                        body.set_facecolor(_figure.PALETTE[5])
                        body.set_alpha(0.6)
                q = np.array([np.quantile(d, [0.05, 0.5, 0.95]) for d in data])
                a.hlines(y, q[:, 0], q[:, 2], color="black", lw=1.2, label="5th–95th percentile")
                a.scatter(q[:, 1], y, color="black", s=12, zorder=3, label="median")
            a.scatter(at_means, y, marker="D", color=_figure.PALETTE[1], zorder=4, label="at the means")
            a.axvline(0, color="grey", lw=0.8)
            a.set_yticks(y, shown)
            a.set_xlabel(label)
            _figure.money_axis(a.xaxis)
            _figure.legend_outside(a)
            a.set_title("NPSV by option" if kind == "npsv" else f"NPSV over {self.business_as_usual}")
        elif kind == "acceptability":
            acc = self.acceptability_table
            wtp = np.unique(acc["wtp"].to_numpy())
            for i, n in enumerate(names):
                p = acc.loc[acc["option"] == n, "p_best"].to_numpy()
                colour = _figure.PALETTE[i % len(_figure.PALETTE)]
                if len(wtp) > 1:
                    a.plot(wtp, p, color=colour, label=n)
                else:
                    a.bar(i, p[0], color=colour, label=n)
            if len(wtp) > 1:
                a.set_xlabel("value per unit of non-monetised benefit (£)")
                _figure.money_axis(a.xaxis)
            else:
                a.set_xticks(range(len(names)), names)
                a.set_xlabel("option")
            a.set_ylim(0, 1)
            a.set_ylabel("probability of the highest net benefit")
            _figure.percent_axis(a.yaxis, scale=1, decimals=0)
            _figure.legend_outside(a)
            a.set_title("Acceptability" + ("" if self.n_sims else " (no simulations: n_sims = 0)"))
        else:
            sw = self.switching_table
            y = np.arange(len(sw))[::-1]
            width = (sw["high"] - sw["low"]).to_numpy(dtype=float)
            safe = np.where(width > 0, width, 1.0)

            def pos(v: Any) -> np.ndarray:  # where a value sits in its input's range, %
                return 100 * (np.asarray(v, dtype=float) - sw["low"].to_numpy(dtype=float)) / safe

            a.hlines(y, 0, 100, color=_figure.PALETTE[5], lw=6, label="plausible range")
            a.scatter(pos(sw["mean"]), y, color="black", zorder=3, label="mean")
            found = sw["found"].to_numpy(dtype=bool)
            a.scatter(pos(sw["switching_value"])[found], y[found], marker="X", s=70, color=_figure.PALETTE[1],
                      zorder=4, label="switching value")
            for yi, row in zip(y, sw.itertuples()):
                text = f"→ {row.takes_over} at {fmt_number(row.switching_value)}" if row.found else "none in range"
                a.annotate(text, (100, yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
            a.set_yticks(y, list(sw["input"]))
            a.set_xlim(-5, 160)
            a.set_xticks([0, 50, 100])
            a.set_xlabel("% of the input's plausible range (low to high)")
            _figure.legend_outside(a)
            a.set_title(f"Switching values: where {self.preferred} stops being preferred")
        if title:
            fig.suptitle(title)
        return fig

    def __repr__(self) -> str:
        t: Any = self.option_table
        p_best, npsv = float(t.loc[self.preferred, "p_best"]), float(t.loc[self.preferred, "npsv"])
        psa = f", P(best) {p_best:.3f}, EVPI {self.evpi:,.0f}" if self.n_sims else ""
        return (f"EconomicAppraisalResult({len(self.option_table)} options, preferred {self.preferred!r} NPSV "
                f"{npsv:,.0f}{psa})")


def appraise(options: Sequence[Option], business_as_usual: str | None = None, horizon: int = 10,
             rate: float = 0.035, declining: bool = False, n_sims: int = 10_000, seed: int = 0, threads: int = 0,
             wtp: Sequence[float] | None = None, ranges: Mapping[str, tuple[float, float]] | None = None,
             range_quantiles: tuple[float, float] = (0.001, 0.999)) -> EconomicAppraisalResult:
    """The economic appraisal of several options at once, on common random numbers (the Green Book's economic
    case).

    Each option's flows follow :func:`hp.finance.business_case` (years 0..``horizon``, year t discounted by
    (1 + rate)^−t or the Green Book's declining schedule), raised by its optimism bias. Inputs are named: the
    same name in several options is one quantity, drawn once per simulation and shared, so the differences
    between options carry no Monte Carlo noise from it. NPSV = PV benefits − PV costs; the preferred option has
    the highest NPSV at the means (its expectation). Simulations run in blocks keyed by (seed, block): any
    ``threads`` gives the same numbers.

    Parameters
    ----------
    options : sequence of Option
        The short list, names distinct.
    business_as_usual : str, optional
        The comparator's name (default: the first option).
    horizon : int
        The last year, 1 to 10,000.
    rate : float
        The discount rate a year (the Green Book's 3.5%).
    declining : bool
        The Green Book's declining schedule after year 30.
    n_sims : int
        Monte Carlo simulations, 0 to 10^9; 0 for the appraisal at the means only (the PSA's outputs NaN).
    seed : int
        The random seed.
    threads : int
        Worker threads; 0 (default) = all cores. The numbers do not depend on it.
    wtp : sequence of float, optional
        The acceptability curve's values (£) per unit of non-monetised benefit, each >= 0, at most 1,000
        (default: [0] without non-monetised benefits, else 21 values from 0 to twice the largest value at which
        the option with the highest expected net benefit changes).
    ranges : dict of str to (low, high), optional
        Plausible ranges of inputs for their switching values (each holding the input's mean).
    range_quantiles : (float, float)
        The other inputs' plausible ranges as these quantiles.

    Returns
    -------
    EconomicAppraisalResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> U = hp.finance.Uncertain
    >>> posts = hp.finance.saving("shared posts", U.normal(150_000, 40_000), start=1)
    >>> res = hp.appraisal.appraise([
    ...     hp.appraisal.Option("business as usual"),
    ...     hp.appraisal.Option("pooled budget", [hp.finance.one_off_cost("pool set-up", 250_000), posts],
    ...                         optimism_bias={"capital": 0.24}),
    ...     hp.appraisal.Option("merger", [hp.finance.one_off_cost("restructuring", U.triangular(8e5, 1e6, 1.6e6),
    ...                                                            years=2),
    ...                                    posts, hp.finance.saving("one management team", U.normal(1.5e5, 5e4))],
    ...                         optimism_bias={"capital": 0.66, "duration": 0.25})],
    ...     horizon=10, n_sims=2000, seed=1)
    >>> res.preferred
    'pooled budget'
    >>> int(res.to_frame().loc["merger", "benefit_delay"])
    1
    """
    options = list(options)
    args = _arguments(options, business_as_usual, horizon, rate, declining, n_sims, seed, threads, wtp, ranges,
                      range_quantiles, "appraise")
    return EconomicAppraisalResult._of(_app.appraise_economic(*args), options)


def _arguments(options: Sequence[Option], business_as_usual: str | None, horizon: int, rate: float,
               declining: bool, n_sims: int, seed: int, threads: int, wtp: Sequence[float] | None,
               ranges: Mapping[str, tuple[float, float]] | None, range_quantiles: tuple[float, float],
               what: str) -> tuple:
    """The C++ appraisal's arguments (``appraise_economic`` and the sliced entry points hp.distributed uses),
    each converted and its Python-side shape checked; the C++ checks the values."""
    import operator

    try:  # a whole number, never truncated (10.5 is refused); the range is checked in C++
        horizon = operator.index(horizon)
    except TypeError:
        raise _core.DomainError(f"{what}: horizon must be a whole number of years from 1 to 10,000, got "
                                f"{horizon!r}") from None
    options = list(options)
    if not options:
        raise _core.DomainError(f"{what}: options must hold at least one option (business as usual)")
    for i, o in enumerate(options):
        if not isinstance(o, Option):
            raise _core.DomainError(f"{what}: options[{i}] must be an hp.appraisal.Option, got {type(o).__name__}")
    if wtp is None:
        wtp_list: list[float] = []
    else:
        try:
            wtp_list = [float(w) for w in np.atleast_1d(np.asarray(wtp, dtype=float))]
        except (TypeError, ValueError):
            raise _core.DomainError(f"{what}: wtp must be numbers, got {wtp!r}") from None
    range_rows = []
    for name, r in (ranges or {}).items():
        try:
            lo, hi = (float(x) for x in r)
        except (TypeError, ValueError):
            raise _core.DomainError(f"{what}: ranges[{name!r}] must be (low, high), got {r!r}") from None
        range_rows.append((str(name), lo, hi))
    try:
        q_lo, q_hi = (float(x) for x in range_quantiles)
    except (TypeError, ValueError):
        raise _core.DomainError(f"{what}: range_quantiles must be (low, high), got {range_quantiles!r}") from None
    return ([o._row() for o in options], "" if business_as_usual is None else str(business_as_usual), int(horizon),
            float(rate), bool(declining), n_sims, seed, threads, _BLOCK_SIZE, wtp_list, q_lo, q_hi, range_rows)
