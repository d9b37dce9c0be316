"""Populations by age band: any contiguous bands (the last open), validated in C++; shares over an age,
dependency ratios, regrouping to coarser bands, and England's mid-2023 population."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._figure import axes, count_axis
from .._result import Result, Summary, field_table, fmt_int, fmt_percent
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Population", "england"]

_dem = _core.demography


def _core_population(bands: Any, counts: Any) -> Any:
    counts = np.asarray(counts, dtype=float)
    bands = list(bands)
    if bands and all(isinstance(b, (int, float, np.integer, np.floating)) and not isinstance(b, bool) for b in bands):
        return _dem.Population.from_starts(np.asarray(bands, dtype=float), counts)
    return _dem.Population([str(b) for b in bands], counts)


class Population(Result):
    """An area's population by age band.

    ``bands`` are labels (``"0-4"`` ages 0 to 4, ``"85+"`` 85 and over, ``"7"`` one year) or start ages
    (``[0, 5, ..., 90]``, each band running to the next start, the last open). Bands must be sorted and
    contiguous with the last open, and counts finite and >= 0: a ``DataError`` names the band otherwise.
    ``Population.FIVE_YEAR_BANDS`` are ``0-4, 5-9, ..., 85-89, 90+``. The finance models read ``bands``
    (list of labels) and ``counts`` (numpy array).

    Parameters
    ----------
    bands : sequence of str or of float
        Band labels or start ages, youngest first.
    counts : array-like
        People in each band.
    name : str, optional
        The area's name, shown in summaries and charts.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> p = hp.demography.Population(["0-15", "16-64", "65-79", "80+"], [300, 1000, 150, 50])
    >>> round(p.share_over(65), 4), round(p.share_over(80), 4)
    (0.1333, 0.0333)
    >>> p.dependency_ratios().round(3).tolist()
    [0.3, 0.2, 0.5]
    """

    __slots__ = ("_core", "name")
    FIVE_YEAR_BANDS: tuple[str, ...] = tuple(_dem.five_year_bands())

    def __init__(self, bands: Sequence[str] | Sequence[float], counts: Any, name: str | None = None) -> None:
        self._core: Any = _core_population(bands, counts)
        self.name: str | None = name

    @classmethod
    def _of(cls, core: Any, name: str | None = None) -> "Population":
        out = cls.__new__(cls)
        out._core = core
        out.name = name
        return out

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, band: str = "band", count: str = "count",
                   name: str | None = None) -> "Population":
        """From a DataFrame with one row per band (columns ``band`` and ``count``), rows in age order."""
        for col in (band, count):
            if col not in frame.columns:
                raise _core.DataError(f"Population.from_frame: no column '{col}' in the data; columns are "
                                      f"{', '.join(map(str, frame.columns))}")
        return cls(list(frame[band]), frame[count].to_numpy(dtype=float), name=name)

    @property
    def bands(self) -> list[str]:
        """Band labels, youngest first."""
        return list(self._core.bands)

    @property
    def counts(self) -> np.ndarray:
        """Counts per band (float64)."""
        return np.asarray(self._core.counts)

    @property
    def starts(self) -> np.ndarray:
        """Each band's first age."""
        return np.asarray(self._core.starts)

    @property
    def total(self) -> float:
        """Everyone, all bands."""
        return float(self._core.total)

    def __len__(self) -> int:
        """The number of bands."""
        return len(self._core)

    def regroup(self, bands: Sequence[str] | Sequence[float] | str = "five_year") -> "Population":
        """The same people in coarser bands (``"five_year"`` for :attr:`FIVE_YEAR_BANDS`); a band that would
        split one of this population's bands is a ``DataError``."""
        if isinstance(bands, str):
            if bands != "five_year":
                raise _core.DomainError(f'regroup: bands must be a list of labels or "five_year", got "{bands}"')
            bands = self.FIVE_YEAR_BANDS
        bands = list(bands)
        if bands and not isinstance(bands[0], str):
            bands = list(_dem.Population.from_starts(np.asarray(bands, dtype=float),
                                                     np.zeros(len(bands))).bands)
        return Population._of(self._core.regroup([str(b) for b in bands]), self.name)

    def count_between(self, start: float, end: float = float("inf")) -> float:
        """People aged in [start, end); a cut inside a closed band takes it pro rata to the years."""
        return float(self._core.count_between(float(start), float(end)))

    def share_over(self, age: float) -> float:
        """The share aged ``age`` and over (a cut inside a closed band is pro rata to the years)."""
        return float(self._core.share_over(float(age)))

    def shares(self, ages: Iterable[float] = (65, 80, 85)) -> pd.Series:
        """Shares aged over each of ``ages``, indexed ``"over 65"`` etc."""
        return pd.Series({f"over {a:g}": self.share_over(a) for a in ages}, name=self.name or "share")

    def dependency_ratios(self, working_from: float = 16, old_from: float = 65) -> pd.Series:
        """Young (under ``working_from``), old (``old_from`` and over) and total dependency ratios, each a
        fraction of the working-age population (× 100 for "per 100 of working age")."""
        y, o, t = self._core.dependency_ratios(float(working_from), float(old_from))
        return pd.Series({"young": y, "old": o, "total": t}, name=self.name or "dependency")

    def to_frame(self) -> pd.DataFrame:
        """One row per band: ``band``, ``start``, ``count``, ``share``."""
        c = self.counts
        total = c.sum()
        return pd.DataFrame({"band": self.bands, "start": self.starts.astype(int), "count": c,
                             "share": c / total if total > 0 else np.zeros_like(c)})

    def _share_or_none(self, age: float) -> float | None:
        """The share aged ``age`` and over, or None where it cannot be known (the age falls inside the open band,
        e.g. over 65 of a population given as one band "0+")."""
        try:
            return self.share_over(age)
        except _core.Error:
            return None

    def summary(self) -> Summary:
        """Total, bands, the shares over 65, 80 and 85 and the dependency ratios (where the bands allow them),
        and, up to 25 bands, the count and share of each band."""
        fields: list[tuple[str, Any]] = [("total", self.total), ("bands", f"{len(self)} ({self.bands[0]} to "
                                                                          f"{self.bands[-1]})")]
        formats: dict[str, Any] = {"total": fmt_int}
        for age in (65, 80, 85):
            share = self._share_or_none(age)
            if share is not None:
                fields.append((f"share aged {age}+", share))
                formats[f"share aged {age}+"] = fmt_percent
        try:
            ratios = self.dependency_ratios()
        except _core.Error:
            ratios = None
        if ratios is not None:
            for k in ("young", "old", "total"):
                fields.append((f"{k} dependency ratio", float(ratios[k])))
        s = Summary.of(f"Population{': ' + self.name if self.name else ''}", field_table(fields), formats=formats)
        if len(self) <= 25:
            frame = self.to_frame().set_index("band")[["count", "share"]]
            s.add("By age band", frame)
            s.formats.update({"count": fmt_int, "share": fmt_percent})
        else:
            s.notes.append(f"{len(self)} bands: to_frame() lists them, regroup() makes coarser ones.")
        if ratios is not None:
            s.notes.append("Dependency ratios: under 16 (young) and 65+ (old) per person aged 16-64.")
        return s

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Horizontal bars of the number of people in each band, youngest at the bottom (a one-sided pyramid).

        With many bands (single years of age) every band is drawn and every fifth or tenth is labelled, so the
        labels never run together.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw into these axes; a new figure otherwise.
        title : str, optional
            The chart's title (default: the population's name).

        Returns
        -------
        matplotlib.figure.Figure
        """
        fig, ax = axes(ax, width=6.5, height=4.8)
        n = len(self)
        ax.barh(np.arange(n), self.counts, height=0.85 if n <= 30 else 1.0, color="#0072B2")
        step = next((s for s in (1, 2, 5, 10, 20) if n / s <= 20), max(1, n // 20))
        ticks = np.arange(0, n, step)
        ax.set_yticks(ticks)
        ax.set_yticklabels([self.bands[i] for i in ticks], fontsize=8.5)
        ax.set_ylim(-0.7, n - 0.3)
        count_axis(ax.xaxis)
        ax.set_xlabel("people")
        ax.set_ylabel("age band (years)" if step == 1 else f"age band (years; every {step} labelled)")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(title or self.name or "Population by age", loc="left", fontsize=10)
        return fig

    def __reduce__(self) -> tuple[Any, ...]:
        return (Population, (self.bands, self.counts, self.name))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Population) and self.bands == other.bands and np.array_equal(self.counts, other.counts)

    __hash__ = None  # type: ignore[assignment]  # mutable name, equality by value

    def __repr__(self) -> str:
        label = f"{self.name}: " if self.name else ""
        share = self._share_or_none(65)
        older = f", {share:.1%} aged 65+" if share is not None else ""
        return (f"Population({label}{self.total:,.0f} people in {len(self)} band{'s' if len(self) != 1 else ''} "
                f"{self.bands[0]} .. {self.bands[-1]}{older})")


def england(sex: str | None = None) -> Population:
    """England's mid-2023 population by single year of age (0 ... 89, 90+), from the ONS table shipped with the
    package (:func:`healthyplaces.datasets.uk_population`).

    Parameters
    ----------
    sex : {None, "females", "males"}
        Both sexes summed (None), or one.

    Returns
    -------
    Population
        91 bands, named "England" (or "England (females)" ...).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> e = hp.demography.england()
    >>> len(e), round(e.share_over(80), 3)
    (91, 0.051)
    """
    from .. import datasets

    frame = datasets.uk_population()
    if sex is not None:
        if sex not in ("females", "males"):
            raise _core.DomainError(f'england: sex must be None, "females" or "males", got "{sex}"')
        frame = frame[frame["sex"] == sex]
    by_age = frame.groupby(["age_start", "age"], as_index=False)["count"].sum().sort_values("age_start")
    name = "England" if sex is None else f"England ({sex})"
    return Population(list(by_age["age"]), by_age["count"].to_numpy(dtype=float), name=name)
